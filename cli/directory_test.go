package cli

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atlasri/app/update"
)

// freshDir copies the shared data folder, for a test that changes it.
func freshDir(t *testing.T) string {
	t.Helper()
	run("check", "--data-dir", dataDir) // make sure it is built
	dir := filepath.Join(t.TempDir(), "data")
	os.MkdirAll(dir, 0o700)
	for _, f := range []string{"reference.db", "user.db"} {
		b, err := os.ReadFile(filepath.Join(dataDir, f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, f), b, 0o600)
	}
	return dir
}

func fileBytes(t *testing.T, dir string) map[string]string {
	out := map[string]string{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), "-wal") || strings.HasSuffix(e.Name(), "-shm") {
			continue
		}
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		out[e.Name()] = string(b)
	}
	return out
}

func TestImportExportCycle(t *testing.T) {
	dir := freshDir(t)
	work := t.TempDir()
	exported := filepath.Join(work, "annuaire.json")
	if code, _, errs := run("export", "--data-dir", dir, "--out", exported); code != ExitOK || !strings.Contains(errs, "76 centres exportés") {
		t.Fatalf("export: %d %s", code, errs)
	}
	// Edit the file as the federation would: one centre renamed, one removed.
	b, _ := os.ReadFile(exported)
	var f map[string]any
	json.Unmarshal(b, &f)
	centres := f["centres"].([]any)
	centres[1].(map[string]any)["name"] = "AP-HM - Hôpital Nord (Marseille)"
	f["centres"] = centres[1:]
	f["version"], f["date"] = "2026.12", "2026-11-20"
	b, _ = json.MarshalIndent(f, "", " ")
	os.WriteFile(exported, b, 0o600)

	before := fileBytes(t, dir)
	code, out, errs := run("import", "--data-dir", dir, "--dry-run", exported)
	if code != ExitOK || !strings.Contains(out, "0 centres ajoutés, 1 modifiés, 1 retirés") || !strings.Contains(out, "~ AP-HM - Hôpital Nord (Marseille) (ap-hm-hopital-nord) : nom") ||
		!strings.Contains(out, "- AP-HM - Hôpital de la Timone (ap-hm-hopital-de-la-timone)") || !strings.Contains(out, "Simulation (--dry-run) : rien n'a été modifié.") {
		t.Fatalf("dry run: %d\n%s\n%s", code, out, errs)
	}
	after := fileBytes(t, dir)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("the dry run changed %s", k)
		}
	}
	code, out, errs = run("import", "--data-dir", dir, exported, "--json")
	var rep importReport
	if code != ExitOK || json.Unmarshal([]byte(out), &rep) != nil || !rep.Done || rep.Centres != 75 || len(rep.Changes.Removed) != 1 {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	code, out, _ = run("check", "--data-dir", dir)
	if code != ExitOK || !strings.Contains(out, "annuaire 2026.12 du 2026-11-20") {
		t.Errorf("check after import: %s", out)
	}

	for _, format := range []string{"csv", "vcard"} {
		code, out, errs := run("export", "--data-dir", dir, "--format", format, "--centre", "chu-d-angers,ap-hm-hopital-nord")
		if code != ExitOK {
			t.Errorf("%s: %s", format, errs)
		}
		switch format {
		case "csv":
			if !strings.HasPrefix(out, "\ufeffid;nom;") || strings.Count(out, "\r\n") != 3 {
				t.Errorf("csv:\n%s", out)
			}
		case "vcard":
			if strings.Count(out, "BEGIN:VCARD\r\n") != 2 || !strings.Contains(out, "FN:CHU d'Angers\r\n") {
				t.Errorf("vcard:\n%s", out)
			}
		}
	}
	if code, _, errs := run("export", "--data-dir", dir, "--centre", "nulle-part"); code != ExitFailure || !strings.Contains(errs, "centre inconnu « nulle-part »") {
		t.Errorf("unknown centre: %d %s", code, errs)
	}
}

func TestImportRefusalIsReported(t *testing.T) {
	dir := freshDir(t)
	bad := filepath.Join(t.TempDir(), "annuaire.csv")
	os.WriteFile(bad, []byte("id;nom;statut;insee;finess;source;date_verification\r\nx;X;public;49007;490000048;s;2026-01-01\r\n"), 0o600)
	before := fileBytes(t, dir)
	code, _, errs := run("import", "--data-dir", dir, bad)
	if code != ExitFailure || !strings.Contains(errs, "annuaire.csv, ligne 2, colonne E (finess) : numéro FINESS « 490000048 » : la clé de contrôle") ||
		!strings.Contains(errs, "1 erreur(s), 1 avertissement(s) : fichier refusé, rien n'a été modifié.") {
		t.Errorf("%d %s", code, errs)
	}
	after := fileBytes(t, dir)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("a refused import changed %s", k)
		}
	}
	if code, _, errs := run("import", "--data-dir", dir); code != ExitUsage || !strings.Contains(errs, "Usage : atlas-ri import FICHIER") {
		t.Errorf("no file: %d %s", code, errs)
	}
}

func TestSignVerify(t *testing.T) {
	work := t.TempDir()
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	key := filepath.Join(work, "cle.pem")
	os.WriteFile(key, update.MarshalPrivateKey(priv), 0o600)
	pub := filepath.Join(work, "cle-publique.pem")
	os.WriteFile(pub, update.MarshalPublicKey(priv.Public().(ed25519.PublicKey)), 0o600)
	dir := freshDir(t)
	file := filepath.Join(work, "annuaire.json")
	run("export", "--data-dir", dir, "--out", file)

	code, out, errs := run("sign", "--key", key, file)
	pkg := filepath.Join(work, "annuaire-demo-2026-11-26.zip")
	if code != ExitOK || !strings.Contains(out, "Paquet « "+pkg+" » : annuaire version demo-2026-11-26 du 2026-11-26, 76 centres") {
		t.Fatalf("sign: %d %s %s", code, out, errs)
	}
	// The build trusts the federation's key only: this throwaway key is unknown to it...
	if code, _, errs := run("verify", pkg); code != ExitFailure || !strings.Contains(errs, "paquet signé par une clé inconnue") {
		t.Errorf("verify with the built-in keys: %d %s", code, errs)
	}
	// ...and known when given, as a publisher checks a new key.
	if code, out, errs := run("verify", "--key", pub, pkg); code != ExitOK || !strings.Contains(out, "paquet valide. Annuaire version demo-2026-11-26 du 2026-11-26, 76 centres") {
		t.Errorf("verify: %d %s %s", code, out, errs)
	}
	if code, _, errs := run("sign", "--key", key, file); code != ExitFailure || !strings.Contains(errs, "existe déjà") {
		t.Errorf("overwrote a package: %d %s", code, errs)
	}
	if code, _, errs := run("sign", "--key", pub, "--out", filepath.Join(work, "x.zip"), file); code != ExitFailure || !strings.Contains(errs, "c'est une clé publique") {
		t.Errorf("signed with a public key: %d %s", code, errs)
	}
	broken := filepath.Join(work, "faux.json")
	os.WriteFile(broken, []byte(`{"format": "atlasri-annuaire/1", "version": "1", "date": "2026-01-01", "centres": [{"id": "X"}]}`), 0o600)
	if code, _, errs := run("sign", "--key", key, broken); code != ExitFailure || !strings.Contains(errs, "identifiant invalide « X »") {
		t.Errorf("signed an invalid directory: %d %s", code, errs)
	}
}

func TestBackupRestoreCommands(t *testing.T) {
	dir := freshDir(t)
	work := t.TempDir()
	backup := filepath.Join(work, "sauvegarde.db")
	if code, out, errs := run("backup", "--data-dir", dir, "--out", backup); code != ExitOK || !strings.Contains(out, "sauvegardées dans") {
		t.Fatalf("backup: %d %s %s", code, out, errs)
	}
	code, out, errs := run("restore", "--data-dir", dir, backup)
	if code != ExitOK || !strings.Contains(out, "restaurée") || !strings.Contains(out, "L'ancienne base est gardée dans") || !strings.Contains(out, "0 centre(s) du cabinet") {
		t.Errorf("restore: %d %s %s", code, out, errs)
	}
	os.WriteFile(filepath.Join(work, "faux.db"), []byte("pas une base"), 0o600)
	if code, _, errs := run("restore", "--data-dir", dir, filepath.Join(work, "faux.db")); code != ExitFailure || !strings.Contains(errs, "est endommagée ; rien n'a été modifié") {
		t.Errorf("restore garbage: %d %s", code, errs)
	}
}
