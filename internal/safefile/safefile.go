// Package safefile writes the files Atlas RI hands to the user (letters,
// lists, maps, exports): readable by their owner only, since many carry
// patient data, and written beside their final name then renamed, so that
// a failure or a crash never leaves half a file under that name.
//
// Only a regular file (or nothing) is ever replaced. A named pipe or a
// character device given as the destination (/dev/stdout, a FIFO read by
// another program) is written into, as a shell redirection would; a
// folder, a block device or a socket is refused. Errors are in French and
// say what to do (package fault).
package safefile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"atlasri/internal/fault"
)

// Write creates or replaces path with what write produces.
func Write(path string, write func(io.Writer) error) error {
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return writeSpecial(path, info.Mode(), write)
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".atlas-ri-*"+filepath.Ext(path))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("impossible d'écrire dans le dossier « %s » : il n'existe pas ; créez-le ou choisissez un autre dossier", dir)
		}
		return fmt.Errorf("impossible d'écrire dans le dossier « %s » : %s ; %s", dir, fault.Reason(err), fault.Advice(fault.KindOf(err)))
	}
	tmp := f.Name()
	err = f.Chmod(0o600) // CreateTemp already uses 0600; say it
	if err == nil {
		err = write(f)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return failed(path, err)
	}
	SyncDir(dir)
	return nil
}

// writeSpecial writes into a named pipe or a character device; anything
// else that is not a regular file is refused, and never replaced.
func writeSpecial(path string, mode fs.FileMode, write func(io.Writer) error) error {
	switch {
	case mode.IsDir():
		return fmt.Errorf("impossible d'écrire « %s » : c'est un dossier ; donnez un nom de fichier", path)
	case mode&fs.ModeNamedPipe != 0, mode&fs.ModeCharDevice != 0:
	default:
		return fmt.Errorf("impossible d'écrire « %s » : ce n'est pas un fichier ordinaire (périphérique ou socket) ; donnez un nom de fichier", path)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return failed(path, err)
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return failed(path, err)
	}
	return nil
}

// failed says why writing path failed, in French, with what to do. Errors
// of the write function that are the program's own pass through as they
// are.
func failed(path string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	if fault.KindOf(err) == fault.Other && !errors.As(err, &pe) && !errors.As(err, &le) {
		return fmt.Errorf("impossible d'écrire « %s » : %w", path, err)
	}
	return fmt.Errorf("impossible d'écrire « %s » : %s ; %s", path, fault.Reason(err), fault.Advice(fault.KindOf(err)))
}

// SyncFile flushes a file's content to disk.
func SyncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// SyncDir flushes a folder's entries to disk, so that a rename survives a
// power cut. It is best effort: some systems (Windows) cannot sync a folder,
// and the rename itself is atomic either way.
func SyncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// FreeName returns path when nothing has that name, else the first of
// path-2, path-3... that is free (before the extension: x-2.db), so that
// two files made in the same second never collide.
func FreeName(path string) string {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return path
	}
	ext := filepath.Ext(path)
	if len(ext) > 5 || strings.ContainsAny(ext, "-") {
		ext = "" // not an extension: user.db.damaged-20270101-101010
	}
	base := strings.TrimSuffix(path, ext)
	for i := 2; ; i++ {
		p := fmt.Sprintf("%s-%d%s", base, i, ext)
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			return p
		}
	}
}

// WriteBytes creates or replaces path with data.
func WriteBytes(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(data))
		return err
	})
}
