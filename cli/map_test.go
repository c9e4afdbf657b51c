package cli

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMapCommand(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr []string
		size   image.Point // of the PNG written, when the command succeeds
	}{
		{"carte nationale", []string{"--procedure", "embolisation-fibromes-uterins", "--size", "800x600"}, ExitOK,
			[]string{"Carte écrite", "800 × 600 pixels", "indicative"}, nil, image.Pt(800, 600)},
		{"autour d'un lieu", []string{"--procedure", "vertebroplastie", "--near", "49000 Angers", "--radius", "80", "--limit", "3", "--theme", "sombre"}, ExitOK,
			[]string{"autour de Angers (49)", "  1. CHU d'Angers", "  3. "}, nil, image.Pt(1600, 1200)},
		{"famille de gestes", []string{"--procedure", "embolisation", "--size", "400x300"}, ExitOK, []string{"Carte écrite"}, nil, image.Pt(400, 300)},
		{"geste inconnu", []string{"--procedure", "xyzzy"}, ExitFailure, nil, []string{"Geste introuvable : « xyzzy »"}, image.Point{}},
		{"geste approché", []string{"--procedure", "embolisation-fibrome"}, ExitFailure, nil, []string{"« embolisation-fibrome »", "Vouliez-vous dire", "fibromes"}, image.Point{}},
		{"lieu inconnu", []string{"--procedure", "vertebroplastie", "--near", "Trifouilly-les-Oies"}, ExitFailure, nil, []string{"introuvable"}, image.Point{}},
		{"geste manquant", []string{}, ExitUsage, nil, []string{"Geste manquant"}, image.Point{}},
		{"taille invalide", []string{"--procedure", "vertebroplastie", "--size", "12x9000"}, ExitUsage, nil, []string{"taille invalide « 12x9000 »"}, image.Point{}},
		{"taille illisible", []string{"--procedure", "vertebroplastie", "--size", "grand"}, ExitUsage, nil, []string{"taille invalide"}, image.Point{}},
		{"rayon négatif", []string{"--procedure", "vertebroplastie", "--radius", "-5"}, ExitUsage, nil, []string{"Rayon invalide"}, image.Point{}},
		{"thème inconnu", []string{"--procedure", "vertebroplastie", "--theme", "rose"}, ExitUsage, nil, []string{"Thème inconnu « rose »"}, image.Point{}},
		{"argument en trop", []string{"--procedure", "vertebroplastie", "Angers"}, ExitUsage, nil, []string{"Argument inattendu « Angers »"}, image.Point{}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.Repeat("c", i+1)+".png")
			args := append([]string{"map", "--data-dir", dataDir, "--out", out}, tt.args...)
			code, stdout, stderr := run(args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.code, stderr)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout)
				}
			}
			for _, s := range tt.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
			st, err := os.Stat(out)
			if tt.size == (image.Point{}) {
				if err == nil {
					t.Errorf("%s written on failure", out)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != 0o600 {
				t.Errorf("mode %v, want owner-only 0600", st.Mode().Perm())
			}
			f, err := os.Open(out)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			cfg, err := png.DecodeConfig(f)
			if err != nil || cfg.Width != tt.size.X || cfg.Height != tt.size.Y {
				t.Errorf("PNG %dx%d (%v), want %v", cfg.Width, cfg.Height, err, tt.size)
			}
		})
	}
}

func TestMapOutputErrors(t *testing.T) {
	dir := t.TempDir()
	// An existing file readable by others becomes owner-only.
	out := filepath.Join(dir, "carte.png")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run("map", "--data-dir", dataDir, "--procedure", "vertebroplastie", "--size", "300x200", "--out", out); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o600 || st.Size() < 1000 {
		t.Errorf("replaced file: mode %v, %d bytes", st.Mode().Perm(), st.Size())
	}
	for _, tc := range []struct{ out, msg string }{
		{filepath.Join(dir, "carte.jpg"), "se terminant par .png"},
		{"", "indiquez --out"},
		{filepath.Join(dir, "absent", "carte.png"), "impossible d'écrire dans le dossier"},
	} {
		code, _, stderr := run("map", "--data-dir", dataDir, "--procedure", "vertebroplastie", "--size", "300x200", "--out", tc.out)
		if code == ExitOK || !strings.Contains(stderr, tc.msg) {
			t.Errorf("--out %q: exit %d, stderr %q", tc.out, code, stderr)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".atlas-ri-carte-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"1600x1200", "200X200", " 8000x8000 ", "12x9000", "grand", "x", "1600x", "-1x-1", "1e3x1e3", "99999999999999999999x1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, h, err := parseSize(s)
		if err != nil {
			if !strings.Contains(err.Error(), "taille invalide") {
				t.Errorf("parseSize(%q): unexpected error %v", s, err)
			}
			return
		}
		if w < minMapSide || h < minMapSide || w > maxMapSide || h > maxMapSide {
			t.Errorf("parseSize(%q) = %d×%d out of range", s, w, h)
		}
	})
}
