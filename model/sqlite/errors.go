package sqlite

import (
	"errors"
	"fmt"
	"strings"

	"atlasri/internal/fault"
	"atlasri/model"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// storeError is a SQLite error sorted by package fault and said in French:
// SQLite's own messages are English and say nothing of what to do.
type storeError struct {
	kind   fault.Kind
	reason string
	err    error
}

func (e *storeError) Error() string {
	if e.kind == fault.Other {
		return e.reason
	}
	return e.reason + " ; " + fault.Advice(e.kind)
}

func (e *storeError) Unwrap() error         { return e.err }
func (e *storeError) FaultKind() fault.Kind { return e.kind }
func (e *storeError) Reason() string        { return e.reason }

// classify sorts a SQLite error into package fault's kinds. It is the one
// place that decides what SQLite's codes mean: only SQLITE_CORRUPT and
// SQLITE_NOTADB are damage; a lock held too long is busy, never damage.
// Errors that are not SQLite's pass through.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var k fault.Kinded
	if errors.As(err, &k) {
		return err
	}
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	kind, reason := sqliteKind(se)
	// Keep the context the error was wrapped in (which row, which step):
	// only SQLite's English part is replaced.
	if outer, inner := err.Error(), se.Error(); outer != inner && strings.Contains(outer, inner) {
		reason = strings.Replace(outer, inner, reason, 1)
	}
	return &storeError{kind: kind, reason: reason, err: err}
}

func sqliteKind(se sqlite3.Error) (fault.Kind, string) {
	switch se.Code {
	case sqlite3.ErrNotADB:
		return fault.Damage, "ce n'est pas un fichier SQLite valide"
	case sqlite3.ErrCorrupt:
		return fault.Damage, "fichier de base de données endommagé"
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return fault.Busy, "base verrouillée par un autre programme"
	case sqlite3.ErrFull:
		return fault.Full, "disque plein"
	case sqlite3.ErrReadonly:
		return fault.Permission, "base en lecture seule"
	case sqlite3.ErrPerm, sqlite3.ErrAuth:
		return fault.Permission, "accès refusé"
	case sqlite3.ErrIoErr, sqlite3.ErrCantOpen:
		what := "erreur de lecture ou d'écriture du disque"
		if se.Code == sqlite3.ErrCantOpen {
			what = "ouverture du fichier impossible"
		}
		if se.SystemErrno == 0 {
			return fault.Other, what
		}
		if k := fault.KindOf(se.SystemErrno); k != fault.Other {
			return k, fault.Reason(se.SystemErrno)
		}
		return fault.Other, what + " (" + fault.Reason(se.SystemErrno) + ")"
	case sqlite3.ErrNomem:
		return fault.Other, "mémoire insuffisante"
	case sqlite3.ErrConstraint:
		return fault.Other, "donnée refusée par la base (contrainte non respectée)"
	}
	return fault.Other, fmt.Sprintf("erreur de la base de données (code SQLite %d)", int(se.Code))
}

// openProblem turns what stopped the opening of the database at path into
// an OpenError whose Problem says what it means for the data: only proven
// damage is Corrupt, the one problem that lets package app set a file
// aside.
func openProblem(path string, err error) *model.OpenError {
	var oe *model.OpenError
	if errors.As(err, &oe) {
		return oe
	}
	err = classify(err)
	detail := fault.Reason(err)
	switch fault.KindOf(err) {
	case fault.Damage:
		return &model.OpenError{Path: path, Problem: model.Corrupt, Detail: detail}
	case fault.Busy:
		return &model.OpenError{Path: path, Problem: model.Busy, Detail: detail}
	case fault.Full:
		return &model.OpenError{Path: path, Problem: model.DiskFull, Detail: detail}
	case fault.Permission:
		if why := fault.Unwritable(path, path+"-wal", path+"-shm", path+"-journal"); why != "" {
			detail = why
		}
		return &model.OpenError{Path: path, Problem: model.NoWrite, Detail: detail}
	}
	return &model.OpenError{Path: path, Problem: model.Unreadable, Detail: detail}
}
