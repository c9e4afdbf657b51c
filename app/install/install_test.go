package install_test

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"database/sql"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atlasri/app"
	"atlasri/app/install"
	"atlasri/app/update"
	"atlasri/model"
	"atlasri/model/sqlite"

	"github.com/paulmach/orb"
)

func testKeys(t testing.TB) (*update.Keyring, ed25519.PrivateKey) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return update.NewKeyring(pub), priv
}

func signFile(t testing.TB, data []byte, version, date string, priv ed25519.PrivateKey) []byte {
	pkg, err := update.Sign(data, version, date, priv)
	if err != nil {
		t.Fatal(err)
	}
	return pkg
}

const csvHeader = "id;nom;statut;code_postal;commune;insee;latitude;longitude;finess;gestes_verifies;source;date_verification\r\n"

// Each rejection the issue lists: the file is refused with the French
// message (file, line, column), and the data folder does not change by a
// single byte.
func TestRejectionsLeaveDataUnchanged(t *testing.T) {
	dir := newFolder(t)
	keys, priv := testKeys(t)
	_, otherPriv := testKeys(t)
	good := marshal(t, updateFile(t, "2027.1", "2027-01-15"))
	tampered := tamper(t, signFile(t, good, "2027.1", "2027-01-15", priv), "CHU d'Angers", "CHU d'Angers (fermé)")
	good1 := "chu-angers;CHU d'Angers;public;49000;Angers;49007;;;490000049;vertebroplastie;FINESS;2026-11-01\r\n"
	tests := []struct {
		name, file string
		data       []byte
		want       []string
	}{
		{"unknown procedure", "annuaire.csv", []byte(csvHeader + strings.Replace(good1, "vertebroplastie", "vertebroplastie-lombaire", 1)),
			[]string{"annuaire.csv, ligne 2, colonne J (gestes_verifies) : geste inconnu « vertebroplastie-lombaire » ; vouliez-vous dire « vertebroplastie » ?"}},
		{"bad postcode", "annuaire.csv", []byte(csvHeader + strings.Replace(good1, ";49000;", ";4900O;", 1)),
			[]string{"annuaire.csv, ligne 2, colonne D (code_postal) : code postal invalide « 4900O » : 5 chiffres attendus"}},
		{"postcode of another département", "annuaire.csv", []byte(csvHeader + strings.Replace(good1, ";49000;", ";44000;", 1)),
			[]string{"annuaire.csv, ligne 2, colonne D (code_postal) : le code postal 44000 n'est pas dans le département de Angers (49)"}},
		{"FINESS check digit", "annuaire.csv", []byte(csvHeader + strings.Replace(good1, "490000049", "490000094", 1)),
			[]string{"annuaire.csv, ligne 2, colonne I (finess) : numéro FINESS « 490000094 » : la clé de contrôle (dernier chiffre) est fausse ; vérifiez le numéro"}},
		{"coordinates outside France", "annuaire.csv", []byte(csvHeader + strings.Replace(good1, ";;;490000049", ";40,4168;-3,7038;490000049", 1)),
			[]string{"annuaire.csv, ligne 2, colonne G (latitude) : coordonnées hors de France (latitude 40.4168, longitude -3.7038)"}},
		{"duplicate centre", "annuaire.csv", []byte(csvHeader + good1 + strings.Replace(good1, "490000049", "", 1)),
			[]string{"annuaire.csv, ligne 3, colonne A (id) : centre « chu-angers » en double (déjà ligne 2)",
				"annuaire.csv, ligne 3, colonne B (nom) : attention, même nom et même commune que le centre de la ligne 2 : doublon ?"}},
		{"not UTF-8", "annuaire.csv", []byte(csvHeader + strings.Replace(good1, "CHU d'Angers", "Centre hospitalier universitaire d'Angers \xe0 Larrey", 1)),
			[]string{"annuaire.csv, ligne 2, colonne 54 : le fichier n'est pas encodé en UTF-8 (octet 0xE0 illisible, « à » en Windows-1252) ; enregistrez-le en UTF-8 (dans un tableur : « CSV UTF-8 »)"}},
		{"tampered package", "annuaire-2027.1.zip", tampered,
			[]string{"annuaire-2027.1.zip : annuaire.json ne correspond pas à l'empreinte signée dans le manifeste : il a été modifié après la signature"}},
		{"package of an unknown key", "annuaire-2027.1.zip", signFile(t, good, "2027.1", "2027-01-15", otherPriv),
			[]string{"annuaire-2027.1.zip : paquet signé par une clé inconnue"}},
		{"package whose manifest lies", "annuaire-2027.2.zip", signFile(t, good, "2027.2", "2027-01-15", priv),
			[]string{"annuaire-2027.2.zip/annuaire.json : l'annuaire (version « 2027.1 » du 2027-01-15) ne correspond pas au manifeste signé (version « 2027.2 » du 2027-01-15)"}},
	}
	a := open(t, dir)
	before := snapshot(t, dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := a.PrepareImport(installRequest(tt.file, tt.data, keys, false))
			var rej *install.RejectError
			if !errors.As(err, &rej) {
				t.Fatalf("err = %v, want a rejection", err)
			}
			if len(rej.Problems) != len(tt.want) {
				t.Fatalf("problems:\n%v\nwant:\n%s", rej.Problems, strings.Join(tt.want, "\n"))
			}
			for i, p := range rej.Problems {
				if !strings.HasPrefix(p.String(), tt.want[i]) {
					t.Errorf("got  %s\nwant %s", p, tt.want[i])
				}
			}
			sameSnapshot(t, before, snapshot(t, dir))
		})
	}
}

// The refusals that --force overrides: an older package, the same version
// with other content, and an unsigned file over the federation's
// directory. Without --force nothing changes.
func TestPackagePolicy(t *testing.T) {
	dir := newFolder(t)
	keys, priv := testKeys(t)
	a := open(t, dir)
	v2 := marshal(t, updateFile(t, "2027.2", "2027-02-01"))
	if _, err := installFile(t, a, "annuaire-2027.2.zip", signFile(t, v2, "2027.2", "2027-02-01", priv), keys, false); err != nil {
		t.Fatal(err)
	}
	info, _ := a.DirectoryInfo()
	if info.Origin != install.OriginPackage || info.Version != "2027.2" {
		t.Fatalf("installed: %+v", info)
	}

	// The same package again: nothing to do.
	p, err := a.PrepareImport(installRequest("annuaire-2027.2.zip", signFile(t, v2, "2027.2", "2027-02-01", priv), keys, false))
	if err != nil || !p.UpToDate || p.Blocked() != nil {
		t.Fatalf("same package: %+v %v", p, err)
	}

	older := updateFile(t, "2027.1", "2027-01-15")
	older.Centres = older.Centres[:70]
	olderPkg := signFile(t, marshal(t, older), "2027.1", "2027-01-15", priv)
	sameVersion := updateFile(t, "2027.2", "2027-02-01")
	sameVersion.Centres = sameVersion.Centres[1:]
	unsigned := marshal(t, sameVersion)
	for _, tt := range []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"older package", "annuaire-2027.1.zip", olderPkg, "ce paquet (version 2027.1 du 2027-01-15) est plus ancien que l'annuaire installé (version 2027.2 du 2027-02-01) ; l'installer quand même demande --force"},
		{"same version, other content", "annuaire-2027.2b.zip", signFile(t, unsigned, "2027.2", "2027-02-01", priv), "un annuaire de même version (2027.2 du 2027-02-01) mais de contenu différent est déjà installé ; le remplacer demande --force"},
		{"unsigned over signed", "annuaire.json", unsigned, "l'annuaire installé (version 2027.2 du 2027-02-01) est signé par la fédération ; le remplacer par un fichier non signé demande --force"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := snapshot(t, dir)
			p, err := a.PrepareImport(installRequest(tt.file, tt.data, keys, false))
			if err != nil {
				t.Fatal(err)
			}
			if err := a.InstallDirectory(p); err == nil || err.Error() != tt.want {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
			sameSnapshot(t, before, snapshot(t, dir))
		})
	}

	// Forced, the older package goes in, and the history says so.
	if _, err := installFile(t, a, "annuaire-2027.1.zip", olderPkg, keys, true); err != nil {
		t.Fatal(err)
	}
	if r, _ := a.Check(); r.Counts.Centres != 70 {
		t.Errorf("%d centres after the forced install", r.Counts.Centres)
	}
	hist, err := a.DirectoryUpdates(0)
	if err != nil || len(hist) != 2 || hist[0].FromVersion != "2027.2" || hist[0].ToVersion != "2027.1" || len(hist[0].Changes.Removed) != 4 {
		t.Errorf("history = %+v, %v", hist, err)
	}
}

// A spreadsheet's CSV (BOM, CRLF, ";" and decimal commas) installs; the
// data folder then keeps it as annuaire.json, and reopening keeps it.
func TestCSVInstallsAndSurvivesReopening(t *testing.T) {
	dir := newFolder(t)
	a := open(t, dir)
	csv := "\ufeff" + csvHeader +
		"chu-angers;CHU d'Angers;public;49933;ANGERS CEDEX 9;;47,48095;-0,55443;490000049;vertebroplastie, biopsie-osseuse;FINESS (via GISCO);06/03/2020\r\n" +
		"ch-cholet;Centre hospitalier de Cholet;public;49300;CHOLET;;;;490000635;pose-picc-line;FINESS (via GISCO);06/03/2020\r\n"
	before, err := a.SearchEngine()
	if err != nil {
		t.Fatal(err)
	}
	// It removes the 76 centres of the demonstration directory, which
	// gives way to any real one without --force.
	p, err := installFile(t, a, "annuaire.csv", []byte(csv), nil, false)
	if err != nil {
		t.Fatal(err)
	}
	// The open folder's search follows the install; the engine taken
	// before stays as it was, for whoever still holds it.
	if after, err := a.SearchEngine(); err != nil || after == before {
		t.Errorf("search engine not rebuilt after the install: %v", err)
	} else if _, ok := after.Centre("ch-cholet"); !ok {
		t.Error("the rebuilt search does not know the imported centre")
	}
	if _, ok := before.Centre("chu-d-angers"); !ok {
		t.Error("the engine taken before the install changed")
	}
	if len(p.Warnings) != 0 || len(p.Changes.Added) != 2 || len(p.Changes.Removed) != 76 {
		t.Errorf("plan: warnings %v, changes %d/%d", p.Warnings, len(p.Changes.Added), len(p.Changes.Removed))
	}
	c, err := a.Centre("chu-angers")
	if err != nil || c.INSEE != "49007" || c.Pos.Lat() != 47.48095 || len(c.Offers) != 2 || c.CheckedOn != "2020-03-06" {
		t.Errorf("centre = %+v, %v", c, err)
	}
	r, err := a.Check()
	if err != nil || !r.OK() || r.Origin != install.OriginImport {
		t.Errorf("check: %+v %v", r, err)
	}
	a.Close()
	ref := snapshot(t, dir)[app.ReferenceFile]
	b := open(t, dir)
	if len(b.Notices()) != 0 || snapshot(t, dir)[app.ReferenceFile] != ref || centreNames(t, b) != "ch-cholet=Centre hospitalier de Cholet\nchu-angers=CHU d'Angers\n" {
		t.Errorf("reopening rebuilt or changed the imported directory: %v", b.Notices())
	}
	// The search follows the directory.
	eng, err := b.SearchEngine()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := eng.Centre("ch-cholet"); !ok {
		t.Error("the search does not know the imported centre")
	}
	if _, ok := eng.Centre("chu-d-angers"); ok {
		t.Error("the search still knows a centre of the previous directory")
	}
}

// The practice's favourites, notes and own centres survive an update that
// removes and renames centres; notes on removed centres are kept and
// reported as orphaned, never dropped.
func TestPracticeDataSurvivesUpdate(t *testing.T) {
	dir := newFolder(t)
	a := open(t, dir)
	now := time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)
	u, err := sqlite.OpenUser(filepath.Join(dir, app.UserFile)) // as another process
	if err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(u.SetNote("chu-d-angers", "Dr Martin, secrétariat RI poste 1234", now))             // renamed by the update
	must(u.SetNote("chu-amiens-picardie", "Demander le Dr Petit", now))                      // removed by the update
	must(u.SetNote("cabinet-clinique-du-parc", "Radiologue interventionnel : Dr Roux", now)) // the practice's own
	must(u.SetFavourite("chu-d-angers", true, now))
	must(u.SetFavourite("institut-godinot", true, now)) // removed
	clinic := practiceCentre()
	must(u.SavePracticeCentre(clinic, now))

	p, err := installFile(t, a, "annuaire-2027.1.json", marshal(t, updateFile(t, "2027.1", "2027-01-15")), nil, false)
	must(err)
	if len(p.Orphans.Notes) != 1 || p.Orphans.Notes[0].Centre != "chu-amiens-picardie" || len(p.Orphans.Favourites) != 1 || p.Orphans.Favourites[0] != "institut-godinot" {
		t.Errorf("orphans reported = %+v", p.Orphans)
	}
	a.Close()

	b := open(t, dir) // as after a restart
	c, err := b.Centre("chu-d-angers")
	if err != nil || c.Name != "CHU d'Angers (site Larrey)" {
		t.Errorf("renamed centre: %+v %v", c, err)
	}
	for centre, want := range map[string]string{
		"chu-d-angers":             "Dr Martin, secrétariat RI poste 1234",
		"chu-amiens-picardie":      "Demander le Dr Petit",
		"cabinet-clinique-du-parc": "Radiologue interventionnel : Dr Roux",
	} {
		if got, err := b.Note(centre); err != nil || got != want {
			t.Errorf("note on %s = %q, %v", centre, got, err)
		}
	}
	favs, _ := b.Favourites()
	if strings.Join(favs, ",") != "chu-d-angers,institut-godinot" {
		t.Errorf("favourites = %v", favs)
	}
	own2, err := b.PracticeCentres()
	if err != nil || len(own2) != 1 || own2[0].Name != clinic.Name || !model.IsPracticeCentre(own2[0].ID) {
		t.Errorf("practice centres = %+v, %v", own2, err)
	}
	orphans, err := b.Orphans()
	if err != nil || len(orphans.Notes) != 1 || len(orphans.Favourites) != 1 {
		t.Errorf("orphans after restart = %+v, %v", orphans, err)
	}
	if _, err := b.Centre("chu-amiens-picardie"); err == nil {
		t.Error("the removed centre is still in the directory")
	}
}

// The folder's recovery paths: app.Open puts reference.db back in step
// with annuaire.json, whatever happened to it.
func TestRecovery(t *testing.T) {
	imported := newFolder(t)
	a := open(t, imported)
	if _, err := installFile(t, a, "annuaire-2027.1.json", marshal(t, updateFile(t, "2027.1", "2027-01-15")), nil, false); err != nil {
		t.Fatal(err)
	}
	want := centreNames(t, a)
	a.Close()

	tests := []struct {
		name   string
		damage func(t *testing.T, dir string)
		notice string
		want   string // "" for the imported directory
	}{
		{"damaged reference.db", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, app.ReferenceFile), []byte("abîmé"), 0o600)
		}, "reconstruite à partir du dernier annuaire importé", ""},
		{"install killed between the renames", func(t *testing.T, dir string) {
			// The embedded reference.db, with annuaire.json already new.
			b, _ := os.ReadFile(filepath.Join(template, app.ReferenceFile))
			os.WriteFile(filepath.Join(dir, app.ReferenceFile), b, 0o600)
		}, "La mise à jour de l'annuaire vers la version 2027.1 du 2027-01-15 (fichier « annuaire-2027.1.json ») avait été interrompue ; elle a été terminée.", ""},
		// Issue 13, case 8: killed after the commit point, before the
		// history line was marked done; then also before the swap. The GP
		// is told once what was installed.
		{"install killed before its history line was marked done", func(t *testing.T, dir string) {
			markPending(t, dir)
		}, "La mise à jour de l'annuaire vers la version 2027.1 du 2027-01-15 (fichier « annuaire-2027.1.json ») avait été interrompue ; elle a été terminée.", ""},
		{"install killed before its history line was marked done and before the swap", func(t *testing.T, dir string) {
			markPending(t, dir)
			b, _ := os.ReadFile(filepath.Join(template, app.ReferenceFile))
			os.WriteFile(filepath.Join(dir, app.ReferenceFile), b, 0o600)
		}, "La mise à jour de l'annuaire vers la version 2027.1 du 2027-01-15 (fichier « annuaire-2027.1.json ») avait été interrompue ; elle a été terminée.", ""},
		// Killed after the history line was written, before the commit
		// point: the line is dropped and the GP told the previous
		// directory stayed.
		{"install killed before its commit point", func(t *testing.T, dir string) {
			execUser(t, dir, `INSERT INTO directory_updates (installed_at, origin, file, from_version, from_date, to_version, to_date, changes, stored_sha256, state)
				SELECT installed_at, origin, 'annuaire-2027.2.json', to_version, to_date, '2027.2', '2027-01-20', changes, 'autre', 'pending'
				FROM directory_updates WHERE id = (SELECT max(id) FROM directory_updates)`)
		}, "L'installation de l'annuaire « annuaire-2027.2.json » (version 2027.2 du 2027-01-20) avait été interrompue avant d'aboutir : l'annuaire précédent est resté en place.", ""},
		{"new release (embedded data changed)", func(t *testing.T, dir string) {
			r, _ := sqlite.OpenReference(filepath.Join(dir, app.ReferenceFile))
			r.DB().Exec("UPDATE meta SET value = 'older-release' WHERE key = ?", sqlite.MetaFingerprint)
			r.Close()
		}, "", ""},
		{"annuaire.json lost", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, install.StoredFile))
		}, "La copie de l'annuaire importé (annuaire.json) manquait ; elle a été recréée à partir de la base.", ""},
		{"a procedure the new release no longer has", func(t *testing.T, dir string) {
			p := filepath.Join(dir, install.StoredFile)
			b, _ := os.ReadFile(p)
			if !bytes.Contains(b, []byte(`"biopsie-osseuse",
          "origin": "declare"`)) {
				t.Fatal("fixture changed")
			}
			b = bytes.Replace(b, []byte(`"biopsie-osseuse",
          "origin": "declare"`), []byte(`"geste-retire",
          "origin": "declare"`), 1)
			os.WriteFile(p, b, 0o600)
			os.Remove(filepath.Join(dir, app.ReferenceFile))
		}, "Cette version d'Atlas RI n'accepte plus 1 éléments de l'annuaire importé, laissés de côté (le premier : annuaire.json, ligne", ""},
		{"annuaire.json unreadable", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, install.StoredFile), []byte("{abîmé"), 0o600)
		}, "Le fichier « annuaire.json » ne correspond à aucune mise à jour installée", ""},
		{"annuaire.json unreadable, reference.db lost", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, install.StoredFile), []byte("{abîmé"), 0o600)
			os.Remove(filepath.Join(dir, app.ReferenceFile))
		}, "L'annuaire importé est illisible ; il est gardé dans", "embedded"},
		// Issue 13, case 10: a valid but hand-edited copy is not taken for
		// an interrupted update.
		{"annuaire.json edited by hand", func(t *testing.T, dir string) {
			p := filepath.Join(dir, install.StoredFile)
			b, _ := os.ReadFile(p)
			os.WriteFile(p, bytes.Replace(b, []byte("CHU d'Angers (site Larrey)"), []byte("CHU d'Angers (fermé)"), 1), 0o600)
		}, "Le fichier « annuaire.json » ne correspond à aucune mise à jour installée (il a été modifié hors d'Atlas RI ?) : il n'a pas été adopté", ""},
		// Issue 13, case 11: what a killed import leaves is cleared.
		{"reference.db.new left by a killed import", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, app.ReferenceFile+".new"), bytes.Repeat([]byte("x"), 1<<20), 0o600)
		}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			copyDir(t, imported, dir)
			tt.damage(t, dir)
			b := open(t, dir)
			got := strings.Join(b.Notices(), "\n")
			if (tt.notice == "") != (got == "") || !strings.Contains(got, tt.notice) {
				t.Errorf("notices = %q, want %q", got, tt.notice)
			}
			if tt.notice != "" && strings.Count(got, tt.notice) != 1 {
				t.Errorf("notice given %d times: %q", strings.Count(got, tt.notice), got)
			}
			r, err := b.Check()
			if err != nil || !r.OK() {
				t.Errorf("check: %v %v", r.Problems, err)
			}
			wantNames := want
			if tt.want == "embedded" {
				wantNames = centreNames(t, open(t, template))
			}
			if centreNames(t, b) != wantNames {
				t.Error("the recovered directory is not the expected one")
			}
			b.Close()
			// A second opening finds everything in step: no rebuild, no notice.
			c := open(t, dir)
			if len(c.Notices()) != 0 {
				t.Errorf("second opening: %q", c.Notices())
			}
			if _, err := os.Stat(filepath.Join(dir, app.ReferenceFile+".new")); err == nil {
				t.Error("reference.db.new left in the data folder")
			}
			hist, err := c.DirectoryUpdates(0)
			if stored, _ := install.StoredHash(dir); err != nil || (stored != "" && (len(hist) == 0 || hist[0].StoredSHA256 != stored)) {
				t.Errorf("the history's last update did not write annuaire.json: %+v %v", hist, err)
			}
		})
	}
}

// markPending puts the history's last update back to pending, as an
// install killed between its commit point and its end leaves it.
func markPending(t *testing.T, dir string) {
	t.Helper()
	execUser(t, dir, "UPDATE directory_updates SET state = 'pending' WHERE id = (SELECT max(id) FROM directory_updates)")
}

// execUser runs a statement on user.db that must change exactly one row.
func execUser(t *testing.T, dir, query string) {
	t.Helper()
	db, err := sql.Open("sqlite3", filepath.Join(dir, app.UserFile))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := db.Exec(query)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("%d history lines changed, want 1", n)
	}
}

// practiceCentre is a centre a practice added by hand: a clinic in Cholet.
func practiceCentre() model.Centre {
	return model.Centre{ID: "cabinet-clinique-du-parc", Name: "Clinique du Parc (ajoutée par le cabinet)", Sector: model.SectorPrivate,
		INSEE: "49099", Commune: "Cholet", Dept: "49", Pos: orb.Point{-0.88, 47.06}, Source: model.PracticeSource, CheckedOn: "2027-01-10"}
}

// tamper rewrites a package with its annuaire.json edited but the signed
// manifest left as it was: what someone altering a downloaded file does.
func tamper(t *testing.T, pkg []byte, old, new string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == update.PayloadFile {
			if !bytes.Contains(data, []byte(old)) {
				t.Fatalf("%q not in the package", old)
			}
			data = bytes.Replace(data, []byte(old), []byte(new), 1)
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	zw.Close()
	return buf.Bytes()
}
