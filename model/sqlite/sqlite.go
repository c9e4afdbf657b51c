// Package sqlite keeps Atlas RI's data in two SQLite databases:
// reference.db (geography, catalogue and directory; rebuilt or replaced
// whole, never edited in place) and user.db (the practice's own data, which
// is migrated in place after a backup and never overwritten).
//
// Every database is checked when it is opened (PRAGMA quick_check, the
// application id and the schema version in PRAGMA user_version); a database
// that fails is left untouched and reported with a French message.
//
// Reference and User implement model's store interfaces; only package app
// (and app/embedded, which builds reference.db) uses this package directly.
package sqlite

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"

	"atlasri/model"
)

// maxConns bounds the connections of an opened database: the window reads
// from several goroutines at once, and WAL lets readers go on while one
// connection writes. The DSN sets each connection's pragmas.
const maxConns = 4

// schema describes one kind of database: its application id (so we never
// mistake another program's file for ours) and how its tables are made:
// migrations, where migrations[i] takes the schema from version i to
// version i+1 (user.db), or one creation script for a database built whole
// at a given version (reference.db).
type schema struct {
	name       string
	appID      int32
	migrations []string
	create     string
	built      int // the version create makes; 0 when migrated
}

func (s schema) version() int {
	if s.built > 0 {
		return s.built
	}
	return len(s.migrations)
}

// dsn builds a connection string; WAL is switched on only after the file
// has passed its checks, so a damaged file is never written to.
func dsn(path string, readOnly bool) string {
	v := url.Values{}
	v.Set("_foreign_keys", "1")
	v.Set("_busy_timeout", "5000")
	if readOnly {
		v.Set("mode", "ro")
	}
	return "file:" + path + "?" + v.Encode()
}

// openChecked opens an existing or new database file, checks it, and
// returns it with its current schema version. Nothing is written. What
// stops it is classified (see openProblem): a lock held by another
// program, a full disk or a file this user may not write is never
// reported as damage.
func openChecked(path string, s schema) (*sql.DB, int, error) {
	f, err := os.OpenFile(path, os.O_RDONLY, 0)
	if err == nil {
		f.Close()
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, 0, openProblem(path, err)
	}
	db, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		return nil, 0, openProblem(path, err)
	}
	db.SetMaxOpenConns(1) // checks and migrations on one connection; see maxConns
	fail := func(err error) (*sql.DB, int, error) {
		db.Close()
		return nil, 0, openProblem(path, err)
	}
	var check string
	if err := db.QueryRow("PRAGMA quick_check").Scan(&check); err != nil {
		return fail(err)
	}
	if check != "ok" {
		return fail(&model.OpenError{Path: path, Problem: model.Corrupt, Detail: "contrôle d'intégrité : " + check})
	}
	var appID int32
	var version int
	if err := db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		return fail(err)
	}
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return fail(err)
	}
	switch {
	case appID == 0 && version == 0:
		var tables int
		if err := db.QueryRow("SELECT count(*) FROM sqlite_master").Scan(&tables); err != nil {
			return fail(err)
		}
		if tables > 0 {
			return fail(&model.OpenError{Path: path, Problem: model.ForeignFile, Detail: "elle contient des tables inconnues"})
		}
	case appID != s.appID:
		return fail(&model.OpenError{Path: path, Problem: model.ForeignFile, Detail: fmt.Sprintf("identifiant d'application %#x", appID)})
	case version > s.version():
		return fail(&model.OpenError{Path: path, Problem: model.NewerSchema, Detail: fmt.Sprintf("schéma %d, cette version connaît jusqu'au schéma %d", version, s.version())})
	}
	return db, version, nil
}

// migrate brings db from version `from` to the schema's latest version, each
// step in its own transaction, and switches the journal to WAL.
func migrate(db *sql.DB, s schema, from int) error {
	if _, err := db.Exec("PRAGMA journal_mode=WAL"); err != nil {
		return classify(err)
	}
	for v := from; v < s.version(); v++ {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		if _, err := tx.Exec(s.migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration du schéma %s vers la version %d : %w", s.name, v+1, classify(err))
		}
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA application_id=%d; PRAGMA user_version=%d", s.appID, v+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return classify(err)
		}
	}
	return nil
}

// copyFile copies src to dst with owner-only permissions, syncing it to
// disk. An existing dst is replaced.
func copyFile(src, dst string) error {
	return copyOwnerOnly(src, dst, os.O_TRUNC)
}

// CopyToNewFile copies src to a dst that must not exist yet, with
// owner-only permissions, syncing it to disk. It fails rather than
// overwrite a file already there (an earlier copy kept aside).
func CopyToNewFile(src, dst string) error {
	return copyOwnerOnly(src, dst, os.O_EXCL)
}

// copyOwnerOnly copies src to dst, opened with O_WRONLY|O_CREATE|mode.
func copyOwnerOnly(src, dst string, mode int) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|mode, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// The stores implement the model's interfaces.
var (
	_ model.ReferenceReader = (*Reference)(nil)
	_ model.ReferenceStager = (*Reference)(nil)
	_ model.UserStore       = (*User)(nil)
)
