// Package fault sorts the errors of SQLite and of the file system into
// what the user can do about them, and says them in French:
//
//   - Damage: the file is corrupt (proven by SQLite); restore a backup.
//   - Busy: another program holds it; close that program, or wait.
//   - Full: the disk (or the quota) is full; free some space.
//   - Permission: the file or its folder cannot be written by this user,
//     or the file system is read-only; get the rights back.
//
// Only Damage may lead the program to set a file aside: every other kind
// is a passing fault of the machine, and the data stays as it is. SQLite's
// errors are classified by package model/sqlite, which wraps them in an
// error that reports its Kind; the file system's by KindOf itself.
package fault

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// Kind is what a fault means for the user's data.
type Kind int

// The kinds of fault. Other is everything the user cannot act on alone.
const (
	Other Kind = iota
	Damage
	Busy
	Full
	Permission
)

func (k Kind) String() string {
	return [...]string{"other", "damage", "busy", "full", "permission"}[k]
}

// Kinded is implemented by errors that know their kind; model/sqlite's
// classified SQLite errors do.
type Kinded interface {
	FaultKind() Kind
}

// KindOf classifies err: the kind of the first error in its chain that
// knows its own, else of the system error number it wraps.
func KindOf(err error) Kind {
	if err == nil {
		return Other
	}
	var k Kinded
	if errors.As(err, &k) {
		return k.FaultKind()
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return errnoKind(errno)
	}
	if errors.Is(err, fs.ErrPermission) {
		return Permission
	}
	return Other
}

// Advice says what to do about a kind of fault, in French, as the end of a
// sentence.
func Advice(k Kind) string {
	switch k {
	case Damage:
		return "restaurez votre dernière sauvegarde"
	case Busy:
		return "fermez le programme qui l'utilise (une autre fenêtre d'Atlas RI, un outil de sauvegarde ou de base de données), puis réessayez"
	case Full:
		return "libérez de la place sur le disque, puis réessayez"
	case Permission:
		return "vérifiez que vous avez le droit d'écrire dans ce dossier et sur ses fichiers (ou choisissez-en un autre), puis réessayez"
	}
	return "réessayez ; si le problème persiste, notez ce message pour votre support informatique"
}

// Reasoned is implemented by errors that can say their cause alone,
// without the advice their message ends with.
type Reasoned interface {
	Reason() string
}

// Reason says in a few French words why an operation failed: « disque
// plein », « accès refusé »... Errors that carry no system error number
// keep their own text (they are the program's own, in French).
func Reason(err error) string {
	var r Reasoned
	if errors.As(err, &r) {
		return r.Reason()
	}
	var k Kinded
	if errors.As(err, &k) {
		return err.Error()
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		if r := errnoReason(errno); r != "" {
			return r
		}
		return fmt.Sprintf("erreur du système n° %d", int(errno))
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "introuvable"
	case errors.Is(err, fs.ErrExist):
		return "un fichier de ce nom existe déjà"
	case errors.Is(err, fs.ErrPermission):
		return "accès refusé"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// Error is a failed operation on a file, said in French with what to do.
type Error struct {
	Op   string // what was being done, in French: « écriture de »
	Path string
	Err  error
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s « %s » impossible : %s ; %s", e.Op, e.Path, Reason(e.Err), Advice(KindOf(e.Err)))
}

func (e *Error) Unwrap() error { return e.Err }

// FaultKind is the kind of the underlying error.
func (e *Error) FaultKind() Kind { return KindOf(e.Err) }

// Wrap returns err as an *Error for the operation op on path; nil stays
// nil, and an *Error is returned as is.
func Wrap(op, path string, err error) error {
	if err == nil {
		return nil
	}
	var fe *Error
	if errors.As(err, &fe) {
		return err
	}
	return &Error{Op: op, Path: path, Err: err}
}
