package sqlite

import (
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// contentDigest is the SHA-256 of what a database holds: its application
// id and schema version, then each table by name with its rows in the
// order SQLite stores them (so it is computed again on the same file, not
// on a copy: a VACUUM may renumber rows). Only the tables keep says yes to
// are read. reference.db records it when it is built and `check` verifies
// it; a backup of user.db carries it and restore verifies it: a file
// edited by hand, or damaged in a way SQLite's own checks accept, is seen.
func contentDigest(db *sql.DB, keep func(table string) bool) (string, error) {
	h := sha256.New()
	var appID, version int64
	if err := db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		return "", classify(err)
	}
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return "", classify(err)
	}
	fmt.Fprintf(h, "%d\x00%d\x00", appID, version)
	tables, err := queryAll(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", scanString)
	if err != nil {
		return "", err
	}
	for _, t := range tables {
		if !keep(t) {
			continue
		}
		fmt.Fprintf(h, "table\x00%s\x00", t)
		if err := hashRows(h, db, t); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashRows writes each row of a table to h, each value as SQLite gives
// it as text (NULL apart), after its length.
func hashRows(h io.Writer, db *sql.DB, table string) error {
	rows, err := db.Query(`SELECT * FROM "` + strings.ReplaceAll(table, `"`, `""`) + `"`)
	if err != nil {
		return classify(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return classify(err)
	}
	vals := make([]sql.RawBytes, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var b []byte
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return classify(err)
		}
		b = append(b[:0], 'r')
		for _, v := range vals {
			if v == nil {
				b = append(b, 'n')
				continue
			}
			b = append(binary.BigEndian.AppendUint32(append(b, 'v'), uint32(len(v))), v...)
		}
		h.Write(b)
	}
	return classify(rows.Err())
}

// referenceDigest is the content digest of what a GP reads as facts in a
// reference database: the directory and the catalogue, and the meta rows
// but the one that records the digest. The geography (35,000 communes,
// 270 ms to read) is left out: it is the embedded data's, identified by
// its fingerprint and counted by `check`.
func referenceDigest(db *sql.DB) (string, error) {
	d, err := contentDigest(db, func(t string) bool {
		return slices.Contains([]string{"centres", "offers", "families", "procedures", "procedure_families"}, t)
	})
	if err != nil {
		return "", err
	}
	meta, err := queryAll(db, "SELECT key || '=' || value FROM meta WHERE key <> ? ORDER BY key", scanString, MetaContentSHA256)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s", d, strings.Join(meta, "\x00"))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// VerifyContent recomputes the content digest of the reference database
// and compares it with the one recorded when it was built. It returns a
// French problem, or "" when they match.
func (r *Reference) VerifyContent() (string, error) {
	want, err := r.Meta(MetaContentSHA256)
	if err != nil {
		return "", err
	}
	got, err := referenceDigest(r.db)
	if err != nil {
		return "", err
	}
	switch {
	case want == "":
		return "la base de référence ne porte pas l'empreinte de son contenu : supprimez « reference.db », Atlas RI la reconstruira au prochain démarrage", nil
	case want != got:
		return "le contenu de la base de référence ne correspond plus à l'empreinte enregistrée à sa construction (modifiée hors d'Atlas RI ?) : supprimez « reference.db », Atlas RI la reconstruira au prochain démarrage", nil
	}
	return "", nil
}

// backupSeal is the table a backup of user.db carries its digest in.
const backupSeal = "backup_seal"

func notSeal(t string) bool { return t != backupSeal }

// sealBackup records the content digest of the user.db backup at path in
// the backup itself.
func sealBackup(path string) error {
	db, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		return classify(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	digest, err := contentDigest(db, notSeal)
	if err != nil {
		return err
	}
	_, err = db.Exec(`CREATE TABLE `+backupSeal+` (sha256 TEXT NOT NULL); INSERT INTO `+backupSeal+` VALUES (?)`, digest)
	return classify(err)
}

// ErrBackupAltered is wrapped by OpenBackupSeal's error when a backup's
// content no longer matches the digest it carries.
var ErrBackupAltered = errors.New("sauvegarde altérée")

// OpenBackupSeal checks the digest a user.db backup carries against its
// content, then removes it, so that the file can become user.db. Use it on
// a copy of the backup. sealed is false for a backup made before backups
// carried a digest (or a copy of a user.db).
func OpenBackupSeal(path string) (sealed bool, err error) {
	db, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		return false, classify(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var n int
	if err := db.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", backupSeal).Scan(&n); err != nil {
		return false, classify(err)
	}
	if n == 0 {
		return false, nil
	}
	want, err := queryText(db, "SELECT sha256 FROM "+backupSeal)
	if err != nil {
		return true, err
	}
	got, err := contentDigest(db, notSeal)
	if err != nil {
		return true, err
	}
	if got != want {
		return true, ErrBackupAltered
	}
	_, err = db.Exec("DROP TABLE " + backupSeal)
	return true, classify(err)
}
