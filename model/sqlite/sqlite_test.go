package sqlite

import (
	"bytes"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atlasri/model"

	"github.com/paulmach/orb"
)

// smallData is a tiny but complete reference data set.
func smallData() ReferenceData {
	square := orb.MultiPolygon{{{{-0.6, 47.4}, {-0.4, 47.4}, {-0.4, 47.6}, {-0.6, 47.6}, {-0.6, 47.4}}}}
	return ReferenceData{
		Collectivites: []model.Collectivite{{Code: "984", Name: "Terres australes et antarctiques françaises"}},
		Departements:  []model.Departement{{Code: "49", Name: "Maine-et-Loire", RegionCode: "52", RegionName: "Pays de la Loire", Label: orb.Point{-0.5, 47.5}, Shape: square}},
		Communes: []model.Commune{
			{INSEE: "49007", Name: "Angers", Dept: "49", Kind: model.KindCommune, Postcodes: []string{"49000", "49100"}, Population: 155850, Pos: orb.Point{-0.55, 47.47}, PosSource: "geonames"},
			{INSEE: "49099", Name: "Cholet", Dept: "49", Kind: model.KindCommune, Postcodes: []string{"49300"}, Population: 54000, Pos: orb.Point{-0.88, 47.06}, Approx: true, PosSource: "postcode-mean"},
			{INSEE: "98411", Name: "Îles Kerguelen", Dept: "984", Kind: model.KindCommune, Approx: true, PosSource: model.PosNone},
		},
		Postcodes: []model.Postcode{{Code: "49000", INSEE: "49007", Source: model.PostcodeBoth}, {Code: "49100", INSEE: "49007", Source: model.PostcodeDecoupage}, {Code: "49300", INSEE: "49099", Source: model.PostcodeCodesPostaux}},
		Catalogue: model.Catalogue{
			Version:  "test",
			Families: []model.Family{{ID: "embolisation", NameFR: "Embolisation", NameEN: "Embolisation"}, {ID: "veineux", NameFR: "Veineux", NameEN: "Venous"}},
			Procedures: []model.Procedure{{ID: "embolisation-varicocele", NameFR: "Embolisation de varicocèle", NameEN: "Varicocele embolisation",
				Family: "embolisation", SecondaryFamilies: []string{"veineux"}, Status: model.StatusEstablished, Stay: "ambulatoire",
				SearchWords: []string{"varicocèle", "varices du testicule"}, Workup: []model.Item{{Text: "Écho-doppler scrotal"}, {Text: "Spermogramme", Uncertain: true}}}},
		},
		Directory: model.Directory{Version: "t1", Date: "2026-11-26", Indicative: true, Label: "indicatif", Source: "test",
			Centres: []model.Centre{{ID: "chu-d-angers", Name: "CHU d'Angers", Category: "CHU", Sector: model.SectorPublic, INSEE: "49007", Dept: "49",
				Pos: orb.Point{-0.55, 47.47}, Source: "test", CheckedOn: "2026-11-26",
				Offers: []model.Offer{{ProcedureID: "embolisation-varicocele", Origin: model.OfferIndicative, Reason: "offre habituelle", CheckedOn: "2026-11-26"}}}}},
		Origin:      "embedded",
		Fingerprint: "abc",
	}
}

// MustBuild builds the small data set in a temporary folder.
func MustBuild(tb testing.TB) (string, *Reference) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "reference.db")
	if err := BuildReference(path, smallData()); err != nil {
		tb.Fatal(err)
	}
	r, err := OpenReference(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { r.Close() })
	return path, r
}

func TestBuildAndRead(t *testing.T) {
	path, r := MustBuild(t)
	c, err := r.Counts()
	if err != nil {
		t.Fatal(err)
	}
	want := model.Counts{Departements: 1, Collectivites: 1, Communes: 3, Postcodes: 3, Families: 2, Procedures: 1, Centres: 1, Offers: 1}
	if c != want {
		t.Errorf("counts = %+v, want %+v", c, want)
	}
	if p, err := r.IntegrityCheck(); err != nil || len(p) != 0 {
		t.Errorf("integrity = %v, %v", p, err)
	}
	if v, _ := r.Meta(MetaDirectoryLabel); v != "indicatif" {
		t.Errorf("label = %q", v)
	}
	deps, err := r.Departements()
	if err != nil || len(deps) != 1 || len(deps[0].Shape[0][0]) != 5 {
		t.Fatalf("departements = %+v, %v", deps, err)
	}
	procs, err := r.Procedures()
	if err != nil || len(procs) != 1 || !procs[0].Workup[1].Uncertain || procs[0].SecondaryFamilies[0] != "veineux" {
		t.Fatalf("procedures = %+v, %v", procs, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm()&0o077 != 0 {
		t.Errorf("reference.db mode %v, want owner-only", info.Mode().Perm())
	}
	if _, err := os.Stat(path + ".new"); !os.IsNotExist(err) {
		t.Errorf("temporary file left behind: %v", err)
	}
}

func TestIntegrityCheckFindsOrphanCommunes(t *testing.T) {
	_, r := MustBuild(t)
	if _, err := r.DB().Exec("INSERT INTO communes(insee, name, dept, kind, population, approx, pos_source) VALUES ('99999', 'Nulle part', '00', 'commune', 0, 1, 'none')"); err != nil {
		t.Fatal(err)
	}
	p, err := r.IntegrityCheck()
	if err != nil || len(p) != 1 || !strings.Contains(p[0], "département inconnu") {
		t.Errorf("problems = %q, %v", p, err)
	}
}

// A reference.db of an older schema is derived data to rebuild, not a
// damaged file: it is reported as such and left as it was.
func TestOlderReferenceSchema(t *testing.T) {
	path, r := MustBuild(t)
	r.Close()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 1"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(path)
	_, err = OpenReference(path)
	if !model.IsStoreProblem(err, model.OlderSchema) || !strings.Contains(err.Error(), "plus ancienne") {
		t.Errorf("older schema: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the older file was modified")
	}
}

func TestBuildRefusesBrokenData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "reference.db")
	if err := BuildReference(path, smallData()); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	d := smallData()
	d.Postcodes = append(d.Postcodes, model.Postcode{Code: "75001", INSEE: "75056", Source: model.PostcodeDecoupage})
	if err := BuildReference(path, d); err == nil {
		t.Fatal("a postcode of an unknown commune was accepted")
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("a failed build changed the existing reference.db")
	}
	if _, err := os.Stat(path + ".new"); !os.IsNotExist(err) {
		t.Errorf("temporary file left behind: %v", err)
	}
}

func TestOpenRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	valid := filepath.Join(dir, "valid.db")
	if err := BuildReference(valid, smallData()); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(valid)

	foreign := filepath.Join(dir, "foreign.db")
	mustExec(t, foreign, "CREATE TABLE t(x); INSERT INTO t VALUES (1)")
	newer := filepath.Join(dir, "newer.db")
	mustExec(t, newer, "PRAGMA application_id=1095911765; PRAGMA user_version=99")
	newerRef := filepath.Join(dir, "newer-ref.db")
	mustExec(t, newerRef, "PRAGMA application_id=1095911762; PRAGMA user_version=99")

	// A page in the middle of a real database, overwritten with garbage.
	damaged := append([]byte(nil), good...)
	for i := 4096 * 3; i < 4096*5 && i < len(damaged); i++ {
		damaged[i] = 0x5A
	}
	files := map[string][]byte{
		"text.db":      []byte("ceci n'est pas une base\n"),
		"truncated.db": good[:100],
		"damaged.db":   damaged,
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		file    string
		open    func(string) error
		problem model.StoreProblem
		message string
	}{
		{"text.db", openUser, model.Corrupt, "endommagée"},
		{"truncated.db", openUser, model.Corrupt, "endommagée"},
		{"damaged.db", openReference, model.Corrupt, "endommagée"},
		{"foreign.db", openUser, model.ForeignFile, "n'est pas une base Atlas RI"},
		{"valid.db", openUser, model.ForeignFile, "n'est pas une base Atlas RI"}, // a reference.db is not a user.db
		{"newer.db", openUser, model.NewerSchema, "version plus récente"},
		{"newer-ref.db", openReference, model.NewerSchema, "version plus récente"},
		{"missing.db", openReference, model.Unreadable, "introuvable"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			before, _ := os.ReadFile(path)
			err := tt.open(path)
			if !model.IsStoreProblem(err, tt.problem) || !strings.Contains(err.Error(), tt.message) || !strings.Contains(err.Error(), path) {
				t.Fatalf("got %v, want problem %d mentioning %q and the path", err, tt.problem, tt.message)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(before, after) {
				t.Error("the refused file was modified")
			}
			for _, side := range []string{"-wal", "-shm"} {
				if _, err := os.Stat(path + side); err == nil {
					t.Errorf("%s%s was created", tt.file, side)
				}
			}
		})
	}
}

func openUser(p string) error {
	u, err := OpenUser(p)
	if err == nil {
		u.Close()
	}
	return err
}

func openReference(p string) error {
	r, err := OpenReference(p)
	if err == nil {
		r.Close()
	}
	return err
}

func mustExec(t *testing.T, path, sql string) {
	t.Helper()
	db, _, err := openChecked(path, schema{name: "raw"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(sql); err != nil {
		t.Fatal(err)
	}
}

func TestUserCreateMigrateAndBackup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "user.db")
	u, err := OpenUser(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := u.SetSetting("commune", "49099"); err != nil {
		t.Fatal(err)
	}
	v, _ := u.SchemaVersion()
	u.Close()
	if v != userSchema.version() || u.Backup != "" {
		t.Fatalf("new user.db: version %d backup %q", v, u.Backup)
	}
	if info, _ := os.Stat(path); info.Mode().Perm()&0o077 != 0 {
		t.Errorf("user.db mode %v, want owner-only", info.Mode().Perm())
	}

	// A future release adds a migration: the old file is backed up first
	// and the practice's data survives.
	saved := userSchema
	t.Cleanup(func() { userSchema = saved })
	userSchema.migrations = append(append([]string(nil), saved.migrations...), "CREATE TABLE extra(x)")
	u, err = OpenUser(path)
	if err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	if u.Backup == "" {
		t.Fatal("no backup taken before migration")
	}
	if got, _ := u.Setting("commune"); got != "49099" {
		t.Errorf("setting lost across migration: %q", got)
	}
	b, err := userFileVersion(u.Backup)
	if err != nil || b != saved.version() {
		t.Errorf("backup version = %d, %v", b, err)
	}
}

// userFileVersion reads a user.db file's schema version.
func userFileVersion(path string) (int, error) {
	db, v, err := openChecked(path, userSchema)
	if err != nil {
		return 0, err
	}
	db.Close()
	return v, nil
}

func TestLookups(t *testing.T) {
	_, r := MustBuild(t)
	c, err := r.Centre("chu-d-angers")
	if err != nil || c.Commune != "Angers" || len(c.Offers) != 1 || c.Offers[0].Reason != "offre habituelle" || c.Pos.Lat() != 47.47 {
		t.Errorf("centre = %+v, %v", c, err)
	}
	if _, err := r.Centre("nope"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("unknown centre: %v", err)
	}
	if p, err := r.Procedure("embolisation-varicocele"); err != nil || p.NameFR != "Embolisation de varicocèle" {
		t.Errorf("procedure = %+v, %v", p, err)
	}
	if _, err := r.Procedure("nope"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("unknown procedure: %v", err)
	}
	cs, err := r.Communes()
	if err != nil || len(cs) != 3 || cs[0].INSEE != "49007" || len(cs[0].Postcodes) != 2 || cs[2].Located() || !cs[1].Approx {
		t.Errorf("communes = %+v, %v", cs, err)
	}
	all, err := r.Centres()
	if err != nil || len(all) != 1 {
		t.Errorf("centres = %+v, %v", all, err)
	}
	fams, err := r.Families()
	if err != nil || len(fams) != 2 || fams[1].ID != "veineux" {
		t.Errorf("families = %+v, %v", fams, err)
	}
}
