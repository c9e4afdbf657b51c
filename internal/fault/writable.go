package fault

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Unwritable looks for what keeps the file at path (and its side files,
// such as SQLite's -wal and -shm) from being written by this user: the
// folder, the file itself or a side file. It returns a French sentence
// naming it, or "" when it finds nothing. It only probes: a test file
// created in the folder is removed at once, nothing else is written.
func Unwritable(path string, sides ...string) string {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".atlas-ri-droits-*")
	switch {
	case err == nil:
		name := f.Name()
		f.Close()
		os.Remove(name)
	case errors.Is(err, syscall.EROFS):
		return fmt.Sprintf("le disque du dossier « %s » est en lecture seule", dir)
	case KindOf(err) == Permission:
		return fmt.Sprintf("le dossier « %s » est en lecture seule pour vous : Atlas RI ne peut pas y créer de fichier", dir)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("le dossier « %s » n'existe pas", dir)
	}
	for _, p := range append([]string{path}, sides...) {
		f, err := os.OpenFile(p, os.O_RDWR, 0)
		if err == nil {
			f.Close()
			continue
		}
		if KindOf(err) == Permission {
			return fmt.Sprintf("vous n'avez pas le droit de modifier « %s » (il appartient sans doute à un autre utilisateur, par exemple après un lancement en administrateur)", p)
		}
	}
	return ""
}
