package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"atlasri/app/embedded"
	"atlasri/app/search"
	"atlasri/internal/fault"
	"atlasri/model"
	"atlasri/model/sqlite"
)

// File names inside the data folder.
const (
	ReferenceFile = "reference.db"
	UserFile      = "user.db"
)

// OriginEmbedded marks a reference.db built from the data inside the binary.
const OriginEmbedded = embedded.Origin

// ErrClosed is returned by an Atlas used after Close.
var ErrClosed = errors.New("les données d'Atlas RI ne sont pas ouvertes")

// Atlas is an opened data folder: the reference database (directory,
// catalogue, geography) and the practice's own database, behind the use
// cases the window and the command line call. Every method may be called
// from any goroutine.
type Atlas struct {
	dir     string
	notices []string
	user    *sqlite.User

	// mu guards ref. Readers hold it for the length of a query, so that an
	// install (the only writer: it closes the file, renames the new one
	// over it and reopens it, in milliseconds) never closes it under them.
	mu  sync.RWMutex
	ref *sqlite.Reference // nil once closed

	// engine is built on first use and dropped when the directory or the
	// practice's centres change; engineMu makes concurrent callers share
	// one build.
	engineMu sync.Mutex
	engine   *search.Engine
}

// DefaultWait is how long Open waits for a database that another program
// holds locked, before it gives up and changes nothing.
const DefaultWait = 30 * time.Second

// Options tune OpenWith.
type Options struct {
	// Wait bounds the wait for a database another program holds locked
	// (DefaultWait when zero).
	Wait time.Duration
	// Waiting, when set, is told once, in French, that Open is waiting.
	Waiting func(message string)
}

// Open opens the data folder dir (created owner-only if needed) with the
// default options. The reference database is rebuilt (see recovery.go)
// when it is missing, comes from an older release, fails its checks (the
// damaged file is kept aside) or lags behind the imported directory.
// user.db is opened or created, and never overwritten: a damaged one
// (SQLite says so) is set aside whole and a new one started, with a
// notice; a foreign or newer one stops Open with a French message and
// stays as it is, and so does a passing fault (a lock held by another
// program, a full disk, a folder or file this user may not write).
func Open(dir string) (*Atlas, error) { return OpenWith(dir, Options{}) }

// OpenWith is Open with options: a database that another program holds
// locked is waited for, up to o.Wait, and then left as it is.
func OpenWith(dir string, o Options) (*Atlas, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("impossible de créer le dossier de données « %s » : %s ; %s", dir, fault.Reason(err), fault.Advice(fault.KindOf(err)))
	}
	if o.Wait <= 0 {
		o.Wait = DefaultWait
	}
	start := time.Now()
	told := false
	for {
		a, err := open(dir)
		if fault.KindOf(err) != fault.Busy {
			return a, err
		}
		if !told && o.Waiting != nil {
			o.Waiting(fmt.Sprintf("Les données de « %s » sont utilisées par un autre programme ; Atlas RI attend qu'elles se libèrent (%d s au plus)…", dir, int(o.Wait/time.Second)))
			told = true
		}
		if waited := time.Since(start); waited >= o.Wait {
			return nil, &model.OpenError{Path: busyPath(err, dir), Problem: model.Busy,
				Detail: fmt.Sprintf("toujours verrouillée après %d s d'attente", int(waited.Round(time.Second)/time.Second))}
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// busyPath names the database a Busy error is about.
func busyPath(err error, dir string) string {
	var oe *model.OpenError
	if errors.As(err, &oe) {
		return oe.Path
	}
	return filepath.Join(dir, UserFile)
}

// open makes one attempt at opening the data folder.
func open(dir string) (*Atlas, error) {
	a := &Atlas{dir: dir}
	u, err := a.openUser()
	if err != nil {
		return nil, err
	}
	a.user = u
	if u.Backup != "" {
		a.notices = append(a.notices, fmt.Sprintf("Vos données ont été mises au nouveau format ; une copie de l'ancien fichier est gardée dans « %s ».", u.Backup))
	}
	if err := a.openReference(); err != nil {
		u.Close()
		return nil, err
	}
	return a, nil
}

// Close closes both databases. Calls made afterwards fail with ErrClosed
// or database/sql's own error; none crashes.
func (a *Atlas) Close() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.ref == nil {
		return nil
	}
	err := errors.Join(a.ref.Close(), a.user.Close())
	a.ref = nil
	return err
}

// Dir is the data folder.
func (a *Atlas) Dir() string { return a.dir }

// Notices are what the user should be told about the opening, in French:
// a rebuilt reference database, a backup taken before a migration...
func (a *Atlas) Notices() []string { return slices.Clone(a.notices) }

// read runs f on the reference database under the read lock.
func read[T any](a *Atlas, f func(*sqlite.Reference) (T, error)) (T, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if a.ref == nil {
		var zero T
		return zero, ErrClosed
	}
	return f(a.ref)
}

// reference is the reference database as the use-case packages see it.
func (a *Atlas) reference() refView { return refView{a} }

// refView holds the read lock around each call to the reference database.
type refView struct{ a *Atlas }

func (v refView) Departements() ([]model.Departement, error) {
	return read(v.a, (*sqlite.Reference).Departements)
}
func (v refView) DepartementLabels() ([]model.Departement, error) {
	return read(v.a, (*sqlite.Reference).DepartementLabels)
}
func (v refView) Collectivites() ([]model.Collectivite, error) {
	return read(v.a, (*sqlite.Reference).Collectivites)
}
func (v refView) Communes() ([]model.Commune, error) { return read(v.a, (*sqlite.Reference).Communes) }
func (v refView) Postcodes() ([]model.Postcode, error) {
	return read(v.a, (*sqlite.Reference).Postcodes)
}
func (v refView) Families() ([]model.Family, error) { return read(v.a, (*sqlite.Reference).Families) }
func (v refView) Procedures() ([]model.Procedure, error) {
	return read(v.a, (*sqlite.Reference).Procedures)
}
func (v refView) Procedure(id string) (model.Procedure, error) {
	return read(v.a, func(r *sqlite.Reference) (model.Procedure, error) { return r.Procedure(id) })
}
func (v refView) DirectoryInfo() (model.DirectoryInfo, error) {
	return read(v.a, (*sqlite.Reference).DirectoryInfo)
}
func (v refView) Centres() ([]model.Centre, error) { return read(v.a, (*sqlite.Reference).Centres) }
func (v refView) Centre(id string) (model.Centre, error) {
	return read(v.a, func(r *sqlite.Reference) (model.Centre, error) { return r.Centre(id) })
}
func (v refView) StageDirectory(d model.Directory, origin, sha256 string) (model.StagedReference, error) {
	return read(v.a, func(r *sqlite.Reference) (model.StagedReference, error) { return r.StageDirectory(d, origin, sha256) })
}

var (
	_ model.ReferenceReader = refView{}
	_ model.ReferenceStager = refView{}
)

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
