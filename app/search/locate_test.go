package search

import (
	"errors"
	"strings"
	"testing"
)

func TestLocate(t *testing.T) {
	tests := []struct {
		text     string
		kind     Kind
		id       string // INSEE code, or the département/collectivity code
		postcode string
		cands    []string // every candidate when ambiguous, best first; nil when unique
		minCands int      // for places with many candidates
		also     []string // other communes of a shared postcode, most populous first
		minAlso  int      // for postcodes shared by many communes
	}{
		{text: "Cholet", kind: KindCommune, id: "49099"},
		{text: "cholet ", kind: KindCommune, id: "49099"},
		{text: "CHOLET (49)", kind: KindCommune, id: "49099"},
		{text: "49300", kind: KindCommune, id: "49099", postcode: "49300"},
		{text: "49300 Cholet", kind: KindCommune, id: "49099", postcode: "49300"},
		{text: "Angers", kind: KindCommune, id: "49007"},
		{text: "st etienne", kind: KindCommune, id: "42218"},
		{text: "SAINT-ÉTIENNE", kind: KindCommune, id: "42218"},
		{text: "Saint-Denis", kind: KindCommune, id: "97411", cands: []string{"97411", "93066", "11339", "30247"}},
		{text: "Saint-Denis 93", kind: KindCommune, id: "93066"},
		{text: "saint denis (974)", kind: KindCommune, id: "97411"},
		{text: "Saint-Pierre 97410", kind: KindCommune, id: "97416", postcode: "97410"},
		// 97410 is Saint-Pierre's postcode and Saint-Benoît's INSEE code:
		// five digits are a postcode first, an INSEE code when so written.
		{text: "97410", kind: KindCommune, id: "97416", postcode: "97410"},
		{text: "insee:97410", kind: KindCommune, id: "97410"},
		{text: " INSEE: 2a004", kind: KindCommune, id: "2A004"},
		// An INSEE code that is no postcode is read as such.
		{text: "49007", kind: KindCommune, id: "49007"},
		// A shared postcode locates at its most populous commune.
		{text: "49000", kind: KindCommune, id: "49007", postcode: "49000", also: []string{"49129"}},
		{text: "Paris", kind: KindCommune, id: "75056"},
		{text: "75015", kind: KindArrondissement, id: "75115", postcode: "75015"},
		{text: "Paris 75015", kind: KindArrondissement, id: "75115", postcode: "75015"},
		{text: "Paris 15e", kind: KindArrondissement, id: "75115"},
		{text: "paris 15", kind: KindArrondissement, id: "75115"},
		{text: "Lyon 3e", kind: KindArrondissement, id: "69383"},
		{text: "Lyon", kind: KindCommune, id: "69123"},
		{text: "Marseille 1er", kind: KindArrondissement, id: "13201"},
		{text: "Marseille 13001", kind: KindArrondissement, id: "13201", postcode: "13001"},
		// 13001 is Marseille 1er's postcode and Aix-en-Provence's INSEE code.
		{text: "13001", kind: KindArrondissement, id: "13201", postcode: "13001"},
		{text: "insee:13001", kind: KindCommune, id: "13001"},
		{text: "Ajaccio", kind: KindCommune, id: "2A004"},
		{text: "2A004", kind: KindCommune, id: "2A004"},
		{text: "2a004", kind: KindCommune, id: "2A004"},
		{text: "20000", kind: KindCommune, id: "2A004", postcode: "20000"},
		{text: "Bastia", kind: KindCommune, id: "2B033"},
		{text: "2A", kind: KindDepartement, id: "2A"},
		{text: "2b", kind: KindDepartement, id: "2B"},
		{text: "Corse-du-Sud", kind: KindDepartement, id: "2A"},
		{text: "49", kind: KindDepartement, id: "49"},
		{text: "Maine-et-Loire", kind: KindDepartement, id: "49"},
		{text: "01", kind: KindDepartement, id: "01"},
		{text: "971", kind: KindDepartement, id: "971"},
		{text: "972", kind: KindDepartement, id: "972"},
		{text: "973", kind: KindDepartement, id: "973"},
		{text: "974", kind: KindDepartement, id: "974"},
		{text: "976", kind: KindDepartement, id: "976"},
		{text: "Guyane", kind: KindDepartement, id: "973"},
		// La Réunion is also a commune of Lot-et-Garonne: the island first.
		{text: "La Réunion", kind: KindDepartement, id: "974", cands: []string{"", "47222"}},
		{text: "Mamoudzou", kind: KindCommune, id: "97611"},
		{text: "Pointe-à-Pitre", kind: KindCommune, id: "97120"},
		{text: "Fort-de-France", kind: KindCommune, id: "97209"},
		{text: "Cayenne", kind: KindCommune, id: "97302"},
		{text: "Saint-Pierre-et-Miquelon", kind: KindCollectivite, id: "975"},
		{text: "L'Haÿ-les-Roses", kind: KindCommune, id: "94038"},
		{text: "Mende", kind: KindCommune, id: "48095"},
		{text: "48000", kind: KindCommune, id: "48095", postcode: "48000", minAlso: 10},
		// A postcode shared by many communes names them all.
		{text: "51300", kind: KindCommune, postcode: "51300", minAlso: 40},
	}
	for _, tt := range tests {
		loc, cands, err := engine.Locate(tt.text)
		if err != nil {
			t.Errorf("Locate(%q): %v", tt.text, err)
			continue
		}
		id := loc.INSEE
		if tt.kind == KindDepartement || tt.kind == KindCollectivite {
			id = loc.Dept
		}
		if loc.Kind != tt.kind || (tt.id != "" && id != tt.id) || loc.Postcode != tt.postcode {
			t.Errorf("Locate(%q) = %s %s %q, want %s %s %q", tt.text, loc.Kind, id, loc.Postcode, tt.kind, tt.id, tt.postcode)
		}
		var also []string
		for _, a := range loc.Also {
			also = append(also, a.INSEE)
			if a.Postcode != tt.postcode || len(a.Also) > 0 {
				t.Errorf("Locate(%q): alternative %s %q with %d alternatives", tt.text, a.INSEE, a.Postcode, len(a.Also))
			}
		}
		if tt.minAlso > 0 {
			if len(also) < tt.minAlso || cands != nil {
				t.Errorf("Locate(%q): %d alternatives and %d candidates, want at least %d alternatives", tt.text, len(also), len(cands), tt.minAlso)
			}
			continue
		}
		if strings.Join(also, ",") != strings.Join(tt.also, ",") {
			t.Errorf("Locate(%q) alternatives = %v, want %v", tt.text, also, tt.also)
		}
		if tt.minCands > 0 {
			if len(cands) < tt.minCands {
				t.Errorf("Locate(%q): %d candidates, want at least %d", tt.text, len(cands), tt.minCands)
			}
			continue
		}
		var got []string
		for _, c := range cands {
			got = append(got, c.INSEE)
		}
		if strings.Join(got, ",") != strings.Join(tt.cands, ",") {
			t.Errorf("Locate(%q) candidates = %v, want %v", tt.text, got, tt.cands)
		}
	}
}

func TestSharedPostcodeNote(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"49000", "49000 : Angers ; couvre aussi Écouflant"},
		{"49300", ""},
		{"Angers", ""},
	} {
		loc, _, err := engine.Locate(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		if got := loc.SharedPostcodeNote(); got != tt.want {
			t.Errorf("%s: note %q, want %q", tt.text, got, tt.want)
		}
	}
	loc, _, err := engine.Locate("48000")
	if err != nil {
		t.Fatal(err)
	}
	note := loc.SharedPostcodeNote()
	if !strings.HasPrefix(note, "48000 : Mende ; couvre aussi ") || !strings.Contains(note, " et 6 autres communes") {
		t.Errorf("48000: note %q", note)
	}
	if _, _, err := engine.Locate("insee:00000"); err == nil || !strings.Contains(err.Error(), "code INSEE inconnu") {
		t.Errorf("insee:00000: err %v", err)
	}
}

func TestLocateNotFound(t *testing.T) {
	tests := []struct {
		text    string
		suggest string // in the message after "Vouliez-vous dire"; "" for none
	}{
		{"Chollet", "Cholet (49)"},
		{"sant etienne", "Saint-Étienne (42)"},
		{"angl", "Anglet (64)"},
		{"Cholet 75", ""}, // Cholet is not in Paris
		{"xyzzyq", ""},
		{"\"; DROP TABLE communes; --", ""},
		{"NEAR(paris lyon)", ""},
	}
	for _, tt := range tests {
		_, _, err := engine.Locate(tt.text)
		var nf *NotFoundError
		if !errors.As(err, &nf) {
			t.Errorf("Locate(%q) = %v, want a NotFoundError", tt.text, err)
			continue
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "Lieu introuvable : « ") {
			t.Errorf("Locate(%q): %s", tt.text, msg)
		}
		if tt.suggest != "" && !strings.Contains(msg, "Vouliez-vous dire : "+tt.suggest) {
			t.Errorf("Locate(%q): %s, want it to propose %s first", tt.text, msg, tt.suggest)
		}
	}
	for _, text := range []string{"", "  ", "🩻", "\x00\x1b", "中文"} {
		if _, _, err := engine.Locate(text); err == nil || !strings.Contains(err.Error(), "aucun lieu") {
			t.Errorf("Locate(%q): %v", text, err)
		}
	}
	if _, _, err := engine.Locate(strings.Repeat("x", 100000)); err == nil || len(err.Error()) > 200 {
		t.Errorf("long text: %.300v", err)
	}
}

// Approximate positions say so; exact ones carry no note.
func TestLocateApproximate(t *testing.T) {
	var approx, exact string
	for _, c := range engine.communes {
		if c.Located() && c.Approx && approx == "" {
			approx = c.INSEE
		}
		if c.Located() && !c.Approx && exact == "" {
			exact = c.INSEE
		}
	}
	loc, _, err := engine.Locate(approx)
	if err != nil || loc.Exact || !strings.HasPrefix(loc.Note, "position approchée") {
		t.Errorf("approx %s: %+v %v", approx, loc, err)
	}
	loc, _, err = engine.Locate(exact)
	if err != nil || !loc.Exact || loc.Note != "" {
		t.Errorf("exact %s: %+v %v", exact, loc, err)
	}
	loc, _, _ = engine.Locate("49")
	if loc.Exact || loc.Note == "" {
		t.Errorf("a département stands for a point approximately: %+v", loc)
	}
}

// A commune the geography cannot locate is reported as such, not as
// unknown.
func TestLocateCommuneWithoutPosition(t *testing.T) {
	names := map[string]int{}
	for _, c := range engine.communes {
		names[c.Name]++
	}
	for _, c := range engine.communes {
		if c.Located() || names[c.Name] > 1 {
			continue
		}
		_, _, err := engine.Locate(c.INSEE)
		if err == nil || !strings.Contains(err.Error(), "n'a pas de position") {
			t.Errorf("%s %s: %v", c.INSEE, c.Name, err)
		}
		return
	}
	t.Skip("every commune has a position in this geography")
}

// The département of a located overseas place is in its own territory.
func TestLocateOverseasTerritory(t *testing.T) {
	for _, code := range []string{"971", "972", "973", "974", "976"} {
		loc, _, err := engine.Locate(code)
		if err != nil {
			t.Fatal(err)
		}
		if engine.terr.at(loc.Point) != engine.terr.of(code) || engine.terr.of(code) == mainland {
			t.Errorf("%s: point %v in territory %d, want %d", code, loc.Point, engine.terr.at(loc.Point), engine.terr.of(code))
		}
	}
	loc, _, _ := engine.Locate("Ajaccio")
	if engine.terr.at(loc.Point) != mainland {
		t.Errorf("Ajaccio is not with the mainland")
	}
}
