package cli

import (
	"crypto/ed25519"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atlasri/app/update"
)

// The register package's synthetic RI feeds (every site in them is
// synthetic; their FINESS numbers are checked absent from the register).
const (
	synthActivities = "../app/register/testdata/activites-ri-synthetique.json"
	synthStructures = "../app/register/testdata/structures-ri-synthetique.json"
)

// register import: reads the feeds, says what it kept and left out, and
// installs the directory; the search then shows the mentions.
func TestRegisterImportCommand(t *testing.T) {
	dir := freshDir(t)
	work := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{"no subcommand", []string{"register"}, ExitUsage, nil, []string{"Usage : atlas-ri register import"}},
		{"unknown subcommand", []string{"register", "export"}, ExitUsage, nil, []string{"Sous-commande inconnue « export » : seule « import » existe."}},
		{"one feed only", []string{"register", "import", synthActivities}, ExitUsage, nil, nil},
		{"missing feed", []string{"register", "import", "--data-dir", dir, filepath.Join(work, "absent.json"), synthStructures}, ExitFailure,
			nil, []string{"absent.json"}},
		{"feeds swapped", []string{"register", "import", "--data-dir", dir, synthStructures, synthActivities}, ExitFailure, nil, nil},
		{"written, not installed", []string{"register", "import", "--out", filepath.Join(work, "annuaire.json"), synthActivities, synthStructures}, ExitOK,
			[]string{"8 gardées, sur 8 sites", "Écartés (6)", "  autorisation inactive : 1\n", "état « I »", "Annuaire écrit dans", "(8 sites)"}, nil},
		{"dry run", []string{"register", "import", "--data-dir", dir, "--dry-run", synthActivities, synthStructures}, ExitOK,
			[]string{"mention A : 1, B : 3, C : 3, D : 1", "Simulation (--dry-run) : rien n'a été modifié."}, nil},
		{"installed", []string{"register", "import", "--data-dir", dir, synthActivities, synthStructures}, ExitOK,
			[]string{"Annuaire installé."}, nil},
		{"search by origin", []string{"search", "--data-dir", dir, "--procedure", "hémorragie du post-partum", "--near", "Rennes", "--origin", "autorisés"}, ExitOK,
			[]string{"CENTRE SYNTHETIQUE S105", "autorisée (mention D)"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fileBytes(t, dir)
			code, out, errs := run(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stdout: %s\nstderr: %s", code, tt.code, out, errs)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errs)
				}
			}
			// Only a successful installation changes the data folder.
			if tt.name != "installed" && tt.args[0] == "register" {
				after := fileBytes(t, dir)
				if after["reference.db"] != before["reference.db"] {
					t.Error("the installed directory changed")
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(work, "annuaire.json")); err != nil {
		t.Error(err)
	}
	if code, _, errs := run("register", "import", "--out", filepath.Join(work, "annuaire.json"), synthActivities, synthStructures); code != ExitFailure || !strings.Contains(errs, "existe déjà") {
		t.Errorf("overwrote a file: %d %s", code, errs)
	}
}

// publish: signs a package and its report, compares with the previous
// package; `verify` accepts it with the publisher's key.
func TestPublishCommand(t *testing.T) {
	work := t.TempDir()
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	key := filepath.Join(work, "cle.pem")
	os.WriteFile(key, update.MarshalPrivateKey(priv), 0o600)
	pub := filepath.Join(work, "cle-publique.pem")
	os.WriteFile(pub, update.MarshalPublicKey(priv.Public().(ed25519.PublicKey)), 0o600)
	feeds := []string{"--activites", synthActivities, "--structures", synthStructures}

	if code, _, errs := run("publish"); code != ExitUsage || !strings.Contains(errs, "Indiquez --activites, --structures, --version, --key.") {
		t.Errorf("no arguments: %d %s", code, errs)
	}
	first := filepath.Join(work, "annuaire-2027.1.zip")
	code, out, errs := run(append([]string{"publish", "--key", key, "--version", "2027.1", "--out", first}, feeds...)...)
	if code != ExitOK || !strings.Contains(out, "Pas de paquet précédent") || !strings.Contains(out, "annuaire 2027.1") || !strings.Contains(out, "8 sites, signé avec la clé") {
		t.Fatalf("first package: %d %s %s", code, out, errs)
	}
	report, err := os.ReadFile(filepath.Join(work, "annuaire-2027.1.rapport.txt"))
	if err != nil || !strings.Contains(string(report), "Écartés (6)") || !strings.Contains(string(report), "établissement absent du flux Structures") {
		t.Errorf("report: %v\n%s", err, report)
	}
	if code, out, errs := run("verify", "--key", pub, first); code != ExitOK || !strings.Contains(out, "paquet valide") {
		t.Errorf("verify: %d %s %s", code, out, errs)
	}

	corrections := filepath.Join(work, "corrections.csv")
	os.WriteFile(corrections, []byte("finess;champ;valeur;motif\n860999101;exclure;;site fermé selon l'ARS (synthétique)\n"), 0o600)
	second := filepath.Join(work, "annuaire-2027.2.zip")
	code, out, errs = run(append([]string{"publish", "--key", key, "--version", "2027.2", "--precedent", first, "--corrections", corrections, "--out", second}, feeds...)...)
	if code != ExitOK || !strings.Contains(out, "comparé à 2027.1") || !strings.Contains(out, "Sites retirés (1)") || !strings.Contains(out, "7 sites") {
		t.Fatalf("second package: %d %s %s", code, out, errs)
	}
	// A dry run writes nothing.
	third := filepath.Join(work, "annuaire-2027.3.zip")
	code, out, _ = run(append([]string{"publish", "--dry-run", "--version", "2027.3", "--out", third}, feeds...)...)
	if _, err := os.Stat(third); code != ExitOK || !strings.Contains(out, "rien n'a été écrit ni signé") || err == nil {
		t.Errorf("dry run: %d %s", code, out)
	}
	// A bad corrections file stops it, saying where.
	bad := filepath.Join(work, "mauvais.csv")
	os.WriteFile(bad, []byte("finess;champ;valeur;motif\n860999101;couleur;bleu;x\n"), 0o600)
	code, _, errs = run(append([]string{"publish", "--key", key, "--version", "2027.4", "--corrections", bad, "--out", filepath.Join(work, "x.zip")}, feeds...)...)
	if _, err := os.Stat(filepath.Join(work, "x.zip")); code != ExitFailure || !strings.Contains(errs, "mauvais.csv, ligne 2, colonne B (champ)") || err == nil {
		t.Errorf("bad corrections: %d %s", code, errs)
	}
}
