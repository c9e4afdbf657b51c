package sqlite

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"atlasri/model"

	"github.com/paulmach/orb"
)

func TestStageDirectoryKeepsTheBase(t *testing.T) {
	path, r := MustBuild(t)
	before, _ := os.ReadFile(path)
	d := model.Directory{Version: "2027.1", Date: "2027-01-15", Source: "fédération",
		Centres: []model.Centre{{ID: "ch-cholet", Name: "CH de Cholet", Category: "CH", Sector: model.SectorPublic, INSEE: "49099", Dept: "49",
			Pos: orb.Point{-0.88, 47.06}, Source: "test", CheckedOn: "2027-01-10",
			Offers: []model.Offer{{ProcedureID: "embolisation-varicocele", Origin: model.OfferDeclared}}}}}
	s, err := r.StageDirectory(d, "import", "abc123")
	if err != nil {
		t.Fatal(err)
	}
	// Until Commit, the live file is untouched.
	if now, _ := os.ReadFile(path); !bytes.Equal(before, now) {
		t.Fatal("staging changed the live database")
	}
	r.Close()
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	r2, err := OpenReference(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	c, err := r2.Counts()
	if err != nil || c.Centres != 1 || c.Offers != 1 || c.Communes != 3 || c.Procedures != 1 || c.Departements != 1 {
		t.Errorf("counts = %+v, %v", c, err)
	}
	info, _ := r2.DirectoryInfo()
	fp, _ := r2.Meta(MetaFingerprint)
	if info.Origin != "import" || info.Version != "2027.1" || info.SHA256 != "abc123" || info.Indicative || fp != "abc" {
		t.Errorf("meta = %+v, fingerprint %q", info, fp)
	}
	if cs, err := r2.Centres(); err != nil || len(cs) != 1 || cs[0].ID != "ch-cholet" {
		t.Errorf("centres after the update: %+v, %v", cs, err)
	}
	if p, err := r2.IntegrityCheck(); err != nil || len(p) != 0 {
		t.Errorf("integrity: %v %v", p, err)
	}
	if _, err := os.Stat(path + ".new"); !os.IsNotExist(err) {
		t.Error("staged file left behind")
	}
}

func TestStageDirectoryRefusesBrokenDirectory(t *testing.T) {
	path, r := MustBuild(t)
	before, _ := os.ReadFile(path)
	d := model.Directory{Version: "x", Date: "2027-01-15", Centres: []model.Centre{{ID: "x", Name: "X", Sector: model.SectorPublic,
		INSEE: "75056", Dept: "75", Source: "s", CheckedOn: "2027-01-01"}}} // a commune the base does not have
	if _, err := r.StageDirectory(d, "import", ""); err == nil {
		t.Fatal("a centre in an unknown commune was staged")
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(before, now) {
		t.Error("the live database changed")
	}
	if left, _ := filepath.Glob(path + ".new*"); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// exec sends many rows per statement; a failing row is still named.
func TestBatchedInsertNamesTheFailingRow(t *testing.T) {
	d := smallData()
	for i := 0; i < 600; i++ {
		d.Postcodes = append(d.Postcodes, model.Postcode{Code: "49000", INSEE: "49007", Source: model.PostcodeBoth})
	}
	err := BuildReference(filepath.Join(t.TempDir(), "r.db"), d)
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("ligne")) {
		t.Errorf("err = %v", err)
	}
}
