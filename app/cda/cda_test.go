package cda

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// sample is a letter's document with fictional people; pdf stands for the
// letter's PDF.
func sample(t testing.TB, qualified, treating bool) *Document {
	t.Helper()
	id, err := NewID()
	if err != nil {
		t.Fatal(err)
	}
	set, _ := NewID()
	pid, _ := NewID()
	d := &Document{
		ID: id, SetID: set, PatientID: pid, Version: 1,
		Effective: time.Date(2026, 3, 12, 10, 30, 0, 0, time.FixedZone("", 3600)),
		Title:     "Lettre de liaison – embolisation de fibromes utérins",
		Patient: Patient{BirthName: "DURAND", BirthFirstNames: "Hélène Marie", FirstName: "Hélène",
			UsedName: "DUPONT", UsedFirstName: "Hélène", Sex: "F", Birthplace: "49099",
			BirthDate: time.Date(1975, 4, 3, 0, 0, 0, 0, time.UTC), Phone: "0600000000", Address: []string{"3 rue des Lilas", "49300 Cholet"}},
		Author: Person{RPPS: "10999999997", StructureID: "499999999", Title: "DR", Given: "Claire", Family: "LEFÈVRE", Phone: "0241000000",
			MSSante: "claire.lefevre@medecin.mssante.fr", Practice: "Cabinet médical des Mauges & associés",
			Address:    Address{Lines: []string{"12 rue Nationale"}, Postcode: "49300", City: "Cholet"},
			Profession: "G15_10", ProfessionName: "Médecin"},
		TreatingDoctor: treating,
		Recipient:      Organization{Name: "CHU d'Angers <radiologie>", Phone: "0241353637", Address: Address{Lines: []string{"4 rue Larrey"}, Postcode: "49933", City: "ANGERS CEDEX 9"}},
		PDF:            []byte("%PDF-1.4\n% not a real letter\n%%EOF\n"),
	}
	if qualified {
		d.Patient.INS = &INS{Matricule: "275044900712365"}
		d.PatientID = ""
	}
	return d
}

func TestWriteReadRoundTrip(t *testing.T) {
	for _, c := range []struct {
		name                string
		qualified, treating bool
	}{{"INS qualifiée, médecin traitant", true, true}, {"traits seuls", false, false}} {
		t.Run(c.name, func(t *testing.T) {
			d := sample(t, c.qualified, c.treating)
			data, err := d.Write()
			if err != nil {
				t.Fatal(err)
			}
			if dir := os.Getenv("ATLAS_RI_CDA_DUMP"); dir != "" {
				os.WriteFile(filepath.Join(dir, strings.Fields(c.name)[0]+".xml"), data, 0o600)
			}
			back, err := Read(data)
			if err != nil {
				t.Fatal(err)
			}
			// The reader returns the effective time in the written zone.
			if !back.Effective.Equal(d.Effective) {
				t.Errorf("date %v, want %v", back.Effective, d.Effective)
			}
			back.Effective = d.Effective
			if !reflect.DeepEqual(back, d) {
				t.Errorf("read back:\n%+v\nwant:\n%+v", back, d)
			}
			s := string(data)
			if c.qualified != strings.Contains(s, `root="1.2.250.1.213.1.4.8" extension="275044900712365"`) {
				t.Errorf("INS présent = %v, attendu %v", !c.qualified, c.qualified)
			}
			if !c.qualified && strings.Contains(s, "275044900712365") {
				t.Error("the matricule of an unqualified identity is in the document")
			}
			if c.treating != strings.Contains(s, `code="PCP"`) {
				t.Errorf("médecin traitant = %v", !c.treating)
			}
			// Escaped, not raw.
			if !strings.Contains(s, "CHU d&#39;Angers &lt;radiologie&gt;") || !strings.Contains(s, "Mauges &amp; associés") {
				t.Error("names not escaped")
			}
		})
	}
}

func TestWriteRefusesIncompleteHeaders(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(*Document)
		want string
	}{
		{"no RPPS", func(d *Document) { d.Author.RPPS = "" }, "RPPS"},
		{"no birthplace", func(d *Document) { d.Patient.Birthplace = "Cholet" }, "lieu de naissance"},
		{"bad INS", func(d *Document) { d.Patient.INS = &INS{Matricule: "12"} }, "matricule INS"},
		{"no sex", func(d *Document) { d.Patient.Sex = "" }, "sexe"},
		{"no PDF", func(d *Document) { d.PDF = nil }, "PDF"},
		{"no structure id", func(d *Document) { d.Author.StructureID = "" }, "structure"},
		{"bad id", func(d *Document) { d.ID = "x" }, "identifiants"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := sample(t, true, true)
			c.edit(d)
			_, err := d.Write()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want it to mention %q", err, c.want)
			}
		})
	}
}

func TestReadRejects(t *testing.T) {
	good, err := sample(t, false, false).Write()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"not XML", []byte("%PDF-1.4"), "illisible"},
		{"truncated", good[:len(good)/2], "illisible, ligne"},
		{"other root", []byte(`<Foo xmlns="urn:hl7-org:v3"/>`), "illisible"},
		{"not a PDF body", bytes.Replace(good, []byte(PDFMediaType), []byte("text/plain"), 1), "pas un PDF"},
		{"broken base64", bytes.Replace(good, []byte(`representation="B64">`), []byte(`representation="B64">@@`), 1), "mal encodé"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(c.data)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	good, _ := sample(f, true, true).Write()
	f.Add(good)
	f.Add([]byte(`<ClinicalDocument xmlns="urn:hl7-org:v3"/>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read(data)
		if err == nil && d == nil {
			t.Fatal("nil document without error")
		}
	})
}

func TestNewIDIsVersion4(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		id, err := NewID()
		if err != nil {
			t.Fatal(err)
		}
		if !uuidPattern.MatchString(id) || id[14] != '4' || !strings.ContainsRune("89AB", rune(id[19])) || seen[id] {
			t.Fatalf("id %q", id)
		}
		seen[id] = true
	}
}
