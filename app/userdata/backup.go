package userdata

import (
	"atlasri/internal/fault"
	"atlasri/internal/safefile"
	"atlasri/model"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Backup writes a consistent copy of the practice's data (user.db:
// settings, favourites, notes, own centres, letter history, update
// history) to path, owner-only. An existing file is never overwritten.
func Backup(u model.UserStore, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("« %s » existe déjà : choisissez un autre nom de sauvegarde", path)
	}
	tmp := path + ".partiel"
	os.Remove(tmp)
	if err := u.BackupTo(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := safefile.SyncFile(tmp); err != nil {
		os.Remove(tmp)
		return fault.Wrap("écriture de la sauvegarde", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fault.Wrap("écriture de la sauvegarde", path, err)
	}
	safefile.SyncDir(filepath.Dir(path))
	return nil
}

// DefaultBackupName names a backup after the moment it is taken.
func DefaultBackupName(now time.Time) string {
	return "atlas-ri-sauvegarde-" + now.Format("20060102-150405") + ".db"
}
