package safefile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "lettre.pdf")
	tests := []struct {
		name    string
		write   func(io.Writer) error
		want    string // content afterwards
		wantErr string
	}{
		{"new file", func(w io.Writer) error { _, err := io.WriteString(w, "v1"); return err }, "v1", ""},
		{"replace", func(w io.Writer) error { _, err := io.WriteString(w, "v2"); return err }, "v2", ""},
		{"failure keeps the old file", func(w io.Writer) error { io.WriteString(w, "half"); return errors.New("boom") }, "v2", "impossible d'écrire"},
	}
	for _, tt := range tests {
		err := Write(path, tt.write)
		if (err != nil) != (tt.wantErr != "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("%s: err %v", tt.name, err)
		}
		b, _ := os.ReadFile(path)
		if string(b) != tt.want {
			t.Errorf("%s: content %q, want %q", tt.name, b, tt.want)
		}
		info, _ := os.Stat(path)
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", tt.name, info.Mode().Perm())
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".atlas-ri-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if err := WriteBytes(filepath.Join(dir, "absent", "x.pdf"), []byte("x")); err == nil || !strings.Contains(err.Error(), "absent") {
		t.Errorf("missing folder: %v", err)
	}
}
