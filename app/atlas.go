package app

import (
	"errors"
	"fmt"
	"os"

	"atlasri/model/sqlite"
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
// reference database is rebuilt (see recovery.go) when it is missing,
// comes from an older release, fails its checks (the damaged file is kept
// aside) or lags behind the imported directory. user.db is opened or
// created, and never overwritten: a damaged one is set aside whole and a
// new one started, with a notice; a foreign or newer one stops Open with a
// French message and stays as it is.
func Open(dir string) (*Atlas, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("impossible de créer le dossier de données « %s » : %w", dir, err)
	}
	a := &Atlas{Dir: dir}
	u, err := a.openUser()
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

// Close closes both databases.
func (a *Atlas) Close() error {
	return errors.Join(a.Ref.Close(), a.User.Close())
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
