package sqlite

import (
	"database/sql"
	"errors"
	"fmt"
	"os"

	"atlasri/internal/fault"
)

// userSchema grows by appending migrations; never edit a released one.
var userSchema = schema{
	name:  "user",
	appID: 0x41524955, // "ARIU"
	migrations: []string{`
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- Centres are referenced by id only: reference.db is replaced whole by
-- directory updates, and the practice's data must outlive any of them.
CREATE TABLE favourites (
	centre   TEXT PRIMARY KEY,
	added_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE notes (
	centre     TEXT PRIMARY KEY,
	text       TEXT NOT NULL,
	updated_at TEXT NOT NULL
) WITHOUT ROWID;
`, `
-- Letters the GP chose to keep ("conserver dans l'historique"): what was
-- sent to whom and when. Nothing is written here without that choice.
CREATE TABLE letter_history (
	id             INTEGER PRIMARY KEY,
	sent_at        TEXT NOT NULL,
	centre         TEXT NOT NULL,
	centre_name    TEXT NOT NULL,
	procedure      TEXT NOT NULL,
	procedure_name TEXT NOT NULL,
	delivery       TEXT NOT NULL CHECK (delivery IN ('print', 'pdf')),
	patient        TEXT NOT NULL,
	content        TEXT NOT NULL CHECK (json_valid(content))
);
CREATE INDEX letter_history_sent_at ON letter_history(sent_at);
`, userMigrationPractice, userMigrationHistoryState},
}

// User is the practice's own database.
type User struct {
	db   *sql.DB
	path string
	// Backup is the copy taken before a schema migration, if one was needed.
	Backup string
}

// OpenUser opens user.db, creating it when it does not exist. A damaged,
// foreign or newer file is never written to: it is reported as an
// *model.OpenError. Before migrating an older schema, a copy of the file is kept
// beside it (user.db.vN.bak).
func OpenUser(path string) (*User, error) {
	_, statErr := os.Stat(path)
	if statErr != nil && !errors.Is(statErr, os.ErrNotExist) {
		return nil, openProblem(path, statErr)
	}
	if errors.Is(statErr, os.ErrNotExist) {
		// Create it owner-only before SQLite does, with its default mode.
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return nil, openProblem(path, err)
		}
		f.Close()
	}
	db, version, err := openChecked(path, userSchema)
	if err != nil {
		return nil, err
	}
	u := &User{db: db, path: path}
	if version > 0 && version < userSchema.version() {
		u.Backup = fmt.Sprintf("%s.v%d.bak", path, version)
		if _, err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			db.Close()
			return nil, openProblem(path, err)
		}
		if err := copyFile(path, u.Backup); err != nil {
			db.Close()
			os.Remove(u.Backup)
			return nil, fault.Wrap("copie de sauvegarde avant mise à jour du format de", path, err)
		}
	}
	if err := migrate(db, userSchema, version); err != nil {
		db.Close()
		return nil, openProblem(path, err)
	}
	// Checked and migrated: from now on readers need not wait for a
	// writer (WAL), nor for each other.
	db.SetMaxOpenConns(maxConns)
	return u, nil
}

// Close closes the database.
func (u *User) Close() error { return u.db.Close() }

// exec runs a statement that writes, its error said in French (a full
// disk, a read-only file, a lock held by another program).
func (u *User) exec(query string, args ...any) (sql.Result, error) {
	res, err := u.db.Exec(query, args...)
	return res, classify(err)
}

// Setting returns a stored setting, or "" when it is not set.
func (u *User) Setting(key string) (string, error) {
	return queryText(u.db, "SELECT value FROM settings WHERE key = ?", key)
}

// SetSetting stores a setting.
func (u *User) SetSetting(key, value string) error {
	_, err := u.exec("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
	return err
}

// SchemaVersion returns the database's schema version.
func (u *User) SchemaVersion() (int, error) {
	var v int
	err := u.db.QueryRow("PRAGMA user_version").Scan(&v)
	return v, err
}
