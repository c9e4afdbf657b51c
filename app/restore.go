package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"atlasri/internal/fault"
	"atlasri/internal/safefile"
	"atlasri/model"
	"atlasri/model/sqlite"
)

// Restore replaces the data folder's user.db with a backup, which is
// checked (ours, sound, its content matching the digest it carries, not
// from a newer version) and brought to the current schema first. The current user.db is copied aside beforehand
// (user.db.avant-restauration-<date>, returned) and replaced by a rename,
// so that a crash leaves either the old file or the restored one. Atlas
// RI must not be running on this data folder meanwhile.
func Restore(dataDir, backup string, now time.Time) (aside string, err error) {
	user := filepath.Join(dataDir, UserFile)
	tmp := user + ".restauration"
	for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm", tmp + "-journal"} {
		os.Remove(p)
	}
	defer func() {
		if err != nil {
			for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm", tmp + "-journal"} {
				os.Remove(p)
			}
		}
	}()
	if err := sqlite.CopyToNewFile(backup, tmp); err != nil {
		return "", fmt.Errorf("lecture de la sauvegarde « %s » impossible : %s ; rien n'a été modifié", backup, fault.Reason(err))
	}
	if _, err := sqlite.CheckUserFile(tmp); err != nil {
		return "", backupProblem(backup, err)
	}
	if _, err := sqlite.OpenBackupSeal(tmp); err != nil {
		return "", backupProblem(backup, err)
	}
	// Bring the copy to the current schema; OpenUser keeps a copy of the
	// older file beside it, which is not needed here.
	u, err := sqlite.OpenUser(tmp)
	if err != nil {
		return "", backupProblem(backup, err)
	}
	if u.Backup != "" {
		defer os.Remove(u.Backup)
	}
	if err := u.Close(); err != nil {
		return "", err
	}
	if err := safefile.SyncFile(tmp); err != nil {
		return "", err
	}
	if aside, err = setCurrentAside(user, now); err != nil {
		return "", err
	}
	for _, side := range []string{"-wal", "-shm"} {
		if err := os.Remove(user + side); err != nil && !errors.Is(err, os.ErrNotExist) {
			return aside, fault.Wrap("remplacement de", user+side, err)
		}
	}
	if err := os.Rename(tmp, user); err != nil {
		return aside, fault.Wrap("remplacement de", user, err)
	}
	safefile.SyncDir(dataDir)
	return aside, nil
}

// setCurrentAside copies the current user.db (after folding its WAL into
// it when it opens) to user.db.avant-restauration-<date>.
func setCurrentAside(user string, now time.Time) (string, error) {
	if _, err := os.Stat(user); errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if u, err := sqlite.OpenUser(user); err == nil {
		u.Close() // closing the last connection checkpoints the WAL
	}
	// Two restorations in the same second keep both copies.
	aside := safefile.FreeName(user + ".avant-restauration-" + now.Format("20060102-150405"))
	if err := sqlite.CopyToNewFile(user, aside); err != nil {
		return "", fmt.Errorf("copie de la base actuelle avant restauration impossible : %s ; rien n'a été modifié", fault.Reason(err))
	}
	if _, err := os.Stat(user + "-wal"); err == nil {
		if err := sqlite.CopyToNewFile(user+"-wal", aside+"-wal"); err != nil {
			return "", fmt.Errorf("copie de la base actuelle avant restauration impossible : %s ; rien n'a été modifié", fault.Reason(err))
		}
	}
	return aside, nil
}

func backupProblem(path string, err error) error {
	switch {
	case errors.Is(err, sqlite.ErrBackupAltered):
		return fmt.Errorf("la sauvegarde « %s » a été modifiée ou abîmée depuis qu'elle a été faite (son contenu ne correspond plus à son empreinte) ; rien n'a été modifié : restaurez une autre sauvegarde", path)
	case model.IsStoreProblem(err, model.Corrupt):
		return fmt.Errorf("la sauvegarde « %s » est endommagée ; rien n'a été modifié", path)
	case model.IsStoreProblem(err, model.ForeignFile):
		return fmt.Errorf("« %s » n'est pas une sauvegarde d'Atlas RI ; rien n'a été modifié", path)
	case model.IsStoreProblem(err, model.NewerSchema):
		return fmt.Errorf("la sauvegarde « %s » vient d'une version plus récente d'Atlas RI : installez-la d'abord ; rien n'a été modifié", path)
	}
	return fmt.Errorf("sauvegarde « %s » inutilisable (%s) ; rien n'a été modifié", path, fault.Reason(err))
}
