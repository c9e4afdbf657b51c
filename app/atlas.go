package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"atlasri/model/sqlite"
	"atlasri/resources"
)

// File names inside the data folder.
const (
	ReferenceFile = "reference.db"
	UserFile      = "user.db"
)

// Atlas is an opened data folder: the reference database (directory,
// catalogue, geography) and the practice's own database.
type Atlas struct {
	Dir  string
	Ref  *sqlite.Reference
	User *sqlite.User
	// Notices are things the user should be told about the opening, in
	// French: a rebuilt reference database, a backup taken before migration.
	Notices []string
}

// Open opens the data folder dir (created owner-only if needed). The
// reference database is built from the embedded data when it is missing,
// comes from an older release, or fails its checks (the damaged file is
// kept aside). user.db is opened or created, and never overwritten: if it
// cannot be used, Open fails with a French message and leaves it as it is.
func Open(dir string) (*Atlas, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("impossible de créer le dossier de données « %s » : %w", dir, err)
	}
	a := &Atlas{Dir: dir}
	u, err := sqlite.OpenUser(filepath.Join(dir, UserFile))
	if err != nil {
		return nil, err
	}
	a.User = u
	if u.Backup != "" {
		a.Notices = append(a.Notices, fmt.Sprintf("Vos données ont été mises au nouveau format ; une copie de l'ancien fichier est gardée dans « %s ».", u.Backup))
	}
	if err := a.openReference(); err != nil {
		u.Close()
		return nil, err
	}
	return a, nil
}

func (a *Atlas) openReference() error {
	path := filepath.Join(a.Dir, ReferenceFile)
	ref, err := sqlite.OpenReference(path)
	var oe *sqlite.OpenError
	switch {
	case err == nil:
		origin, err1 := ref.Meta(sqlite.MetaOrigin)
		fp, err2 := ref.Meta(sqlite.MetaFingerprint)
		if err := errors.Join(err1, err2); err != nil {
			ref.Close()
			return err
		}
		// Built from the data of another release: rebuild from ours.
		if origin == OriginEmbedded && fp != resources.Fingerprint() {
			ref.Close()
			return a.rebuildReference(path, "")
		}
		a.Ref = ref
		return nil
	case errors.As(err, &oe) && oe.Problem == sqlite.Unreadable && !fileExists(path):
		return a.rebuildReference(path, "")
	case errors.As(err, &oe) && oe.Problem != sqlite.Unreadable:
		aside := fmt.Sprintf("%s.damaged-%s", path, time.Now().Format("20060102-150405"))
		if rerr := os.Rename(path, aside); rerr != nil {
			return fmt.Errorf("%v ; impossible de la mettre de côté : %w", err, rerr)
		}
		return a.rebuildReference(path, fmt.Sprintf("%s La base de référence a été reconstruite à partir des données intégrées ; l'ancien fichier est gardé dans « %s ».", err, aside))
	default:
		return err
	}
}

func (a *Atlas) rebuildReference(path, notice string) error {
	if err := BuildEmbeddedReference(path); err != nil {
		return err
	}
	ref, err := sqlite.OpenReference(path)
	if err != nil {
		return err
	}
	a.Ref = ref
	if notice != "" {
		a.Notices = append(a.Notices, notice)
	}
	return nil
}

// BuildEmbeddedReference builds reference.db at path from the embedded data.
func BuildEmbeddedReference(path string) error {
	d, err := EmbeddedData()
	if err != nil {
		return fmt.Errorf("données intégrées illisibles : %w", err)
	}
	return sqlite.BuildReference(path, d)
}

// Close closes both databases.
func (a *Atlas) Close() error {
	return errors.Join(a.Ref.Close(), a.User.Close())
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
