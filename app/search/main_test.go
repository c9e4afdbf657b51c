package search

import (
	"fmt"
	"os"
	"testing"

	"atlasri/app"
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
		a, err := app.Open(dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer a.Close()
		if engine, err = Load(a.Ref); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		return m.Run()
	}()
	os.Exit(code)
}
