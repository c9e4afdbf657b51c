package app

import (
	"path/filepath"
	"testing"

	"atlasri/app/embedded"
	"atlasri/model/sqlite"
)

// BenchmarkBuildReference measures a first run: parsing the embedded data
// and writing reference.db.
func BenchmarkBuildReference(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		if err := embedded.BuildReference(filepath.Join(dir, "reference.db")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenReference measures every later start: opening and checking
// reference.db (quick_check included).
func BenchmarkOpenReference(b *testing.B) {
	path := filepath.Join(b.TempDir(), "reference.db")
	if err := embedded.BuildReference(path); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		r, err := sqlite.OpenReference(path)
		if err != nil {
			b.Fatal(err)
		}
		r.Close()
	}
}

// BenchmarkOpenDataFolder measures app.Open on an existing folder, as the
// window does at start-up (both databases, fingerprint comparison).
func BenchmarkOpenDataFolder(b *testing.B) {
	dir := b.TempDir()
	a, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	a.Close()
	for b.Loop() {
		a, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		a.Close()
	}
}
