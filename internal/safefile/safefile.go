// Package safefile writes the files Atlas RI hands to the user (letters,
// lists, maps, exports): readable by their owner only, since many carry
// patient data, and written beside their final name then renamed, so that
// a failure or a crash never leaves half a file under that name.
package safefile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Write creates or replaces path with what write produces.
func Write(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".atlas-ri-*"+filepath.Ext(path))
	if err != nil {
		return fmt.Errorf("impossible d'écrire dans le dossier « %s » : %w", dir, plain(err))
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
		return fmt.Errorf("impossible d'écrire « %s » : %w", path, plain(err))
	}
	SyncDir(dir)
	return nil
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

// WriteBytes creates or replaces path with data.
func WriteBytes(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(data))
		return err
	})
}

// plain says the usual system errors in French, and drops the operation
// and path an *os.PathError repeats, since the message names the file.
func plain(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("dossier introuvable")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("accès refusé")
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
