package search

import (
	"atlasri/app/embedded"
	"atlasri/model/sqlite"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// engine is built once from the embedded data for every test that reads.
var engine *Engine

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "atlas-ri-search-test")
	if err != nil {
		panic(err)
	}
	code := func() int {
		defer os.RemoveAll(dir)
		ref, err := openReference(dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer ref.Close()
		if engine, err = Load(ref); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		return m.Run()
	}()
	os.Exit(code)
}

// openReference builds reference.db from the embedded data in dir.
func openReference(dir string) (*sqlite.Reference, error) {
	path := filepath.Join(dir, "reference.db")
	if err := embedded.BuildReference(path); err != nil {
		return nil, err
	}
	return sqlite.OpenReference(path)
}
