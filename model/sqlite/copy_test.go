package sqlite

import (
	"os"
	"path/filepath"
	"testing"
)

// The two copies differ only in what they do with a file already at dst.
func TestCopies(t *testing.T) {
	tests := []struct {
		name    string
		copy    func(src, dst string) error
		wantErr bool
		want    string
	}{
		{"copyFile replaces", copyFile, false, "new"}, // and truncates
		{"CopyToNewFile keeps", CopyToNewFile, true, "older and longer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			src, fresh, taken := filepath.Join(dir, "src"), filepath.Join(dir, "fresh"), filepath.Join(dir, "taken")
			if err := os.WriteFile(src, []byte("new"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(taken, []byte("older and longer"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := tt.copy(src, fresh); err != nil {
				t.Fatalf("copy to a new file: %v", err)
			}
			if b, _ := os.ReadFile(fresh); string(b) != "new" {
				t.Errorf("copy holds %q, want %q", b, "new")
			}
			if info, _ := os.Stat(fresh); info.Mode().Perm()&0o077 != 0 {
				t.Errorf("copy mode %v, want owner-only", info.Mode().Perm())
			}
			if err := tt.copy(src, taken); (err != nil) != tt.wantErr {
				t.Errorf("copy over an existing file: error %v, want error %v", err, tt.wantErr)
			}
			if b, _ := os.ReadFile(taken); string(b) != tt.want {
				t.Errorf("existing file holds %q, want %q", b, tt.want)
			}
			if err := tt.copy(filepath.Join(dir, "missing"), filepath.Join(dir, "other")); err == nil {
				t.Error("copy of a missing file succeeded")
			}
		})
	}
}
