package sqlite

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"atlasri/internal/fault"
	"atlasri/internal/safefile"
	"atlasri/model"
)

// Staged is a reference database written beside the live one (path.new)
// and checked, waiting to be renamed over it. Until Commit, the live file
// is untouched, so a crash or a kill leaves the previous database intact.
type Staged struct {
	path, tmp string
}

// clear removes what an interrupted earlier build left behind.
func (s *Staged) clear() error {
	for _, p := range []string{s.tmp, s.tmp + "-wal", s.tmp + "-shm", s.tmp + "-journal"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// check opens the staged file the way every reference.db is opened.
func (s *Staged) check() error {
	r, err := OpenReference(s.tmp)
	if err != nil {
		s.Abort()
		return fmt.Errorf("la base construite ne passe pas le contrôle : %w", err)
	}
	return r.Close()
}

// Abort removes the staged file.
func (s *Staged) Abort() { _ = s.clear() }

// Commit renames the staged file over the live one. Connections to the
// live database must be closed first: its WAL side files are removed (they
// are empty, a reference.db is never written after it is built).
func (s *Staged) Commit() error {
	for _, p := range []string{s.path + "-wal", s.path + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fault.Wrap("remplacement de", p, err)
		}
	}
	if err := os.Rename(s.tmp, s.path); err != nil {
		return fault.Wrap("remplacement de", s.path, err)
	}
	safefile.SyncDir(filepath.Dir(s.path))
	return nil
}

// ReopenReference opens the reference database an install has just put
// in place. The file passed its checks when it was staged, moments ago,
// and was renamed whole: the integrity check, the costliest part of an
// opening, is not run a second time. Anything unexpected falls back to
// OpenReference, whose full check says what is wrong.
func ReopenReference(path string) (*Reference, error) {
	db, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		return nil, err
	}
	var appID int32
	var version int
	err = db.QueryRow("PRAGMA application_id").Scan(&appID)
	if err == nil {
		err = db.QueryRow("PRAGMA user_version").Scan(&version)
	}
	if err != nil || appID != referenceSchema.appID || version != referenceSchema.version() {
		db.Close()
		return OpenReference(path)
	}
	db.SetMaxOpenConns(maxConns)
	return &Reference{db: db, path: path}, nil
}

// DirectoryInfo reads the directory's metadata.
func (r *Reference) DirectoryInfo() (model.DirectoryInfo, error) {
	var i model.DirectoryInfo
	var indicative string
	for key, dst := range map[string]*string{
		MetaOrigin: &i.Origin, MetaDirectoryVersion: &i.Version, MetaDirectoryDate: &i.Date,
		MetaDirectoryLabel: &i.Label, MetaDirectorySource: &i.Source, MetaDirectorySHA256: &i.SHA256,
		MetaDirectoryIndicative: &indicative, MetaCatalogueVersion: &i.CatalogueVersion,
	} {
		v, err := r.Meta(key)
		if err != nil {
			return i, err
		}
		*dst = v
	}
	i.Indicative = indicative == "1"
	return i, nil
}

// StageDirectory writes a copy of r beside it with its directory replaced
// by d (geography and catalogue are kept as they are) and checks it. It is
// the fast path of an import: the embedded data need not be parsed again,
// since app.Open keeps reference.db's base in step with the binary.
func (r *Reference) StageDirectory(d model.Directory, origin, sha256 string) (model.StagedReference, error) {
	s := &Staged{path: r.path, tmp: r.path + ".new"}
	if err := s.clear(); err != nil {
		return nil, fault.Wrap("nettoyage de", s.tmp, err)
	}
	if err := r.copyWithDirectory(s.tmp, ReferenceData{Directory: d, Origin: origin, DirectorySHA256: sha256}); err != nil {
		s.Abort()
		return nil, err
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	return s, nil
}

func (r *Reference) copyWithDirectory(tmp string, d ReferenceData) error {
	// VACUUM INTO wants a missing or empty file: create it owner-only first.
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return fault.Wrap("écriture de la nouvelle base de référence", tmp, err)
	}
	f.Close()
	if _, err := r.db.Exec("VACUUM INTO ?", tmp); err != nil {
		return fmt.Errorf("copie de la base de référence impossible : %w", classify(err))
	}
	// A fresh copy of a checked database: Staged.check checks the result.
	db, err := sql.Open("sqlite3", dsn(tmp, false))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF"); err != nil {
		return classify(err)
	}
	tx, err := db.Begin()
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	keys := directoryMeta(d)
	for _, kv := range keys {
		if _, err := tx.Exec("DELETE FROM meta WHERE key = ?", kv[0]); err != nil {
			return classify(err)
		}
	}
	for _, q := range []string{"DELETE FROM offers", "DELETE FROM authorisations", "DELETE FROM centres"} {
		if _, err := tx.Exec(q); err != nil {
			return classify(err)
		}
	}
	if err := insertMetaRows(tx, keys); err != nil {
		return classify(err)
	}
	if err := insertDirectory(tx, d); err != nil {
		return classify(err)
	}
	if err := tx.Commit(); err != nil {
		return classify(err)
	}
	return finishBuild(db)
}
