package search

import (
	"strings"
	"sync"
	"testing"
)

// GP vocabulary from the issue and the scenarios: the right procedure must
// come first.
func TestSuggestProcedureFromGPWords(t *testing.T) {
	tests := []struct{ text, want string }{
		{"fibrome", "embolisation-fibromes-uterins"},
		{"myome", "embolisation-fibromes-uterins"},
		{"Fibromes", "embolisation-fibromes-uterins"},
		{"HBP", "embolisation-arteres-prostatiques"},
		{"hbp", "embolisation-arteres-prostatiques"},
		{"adénome", "embolisation-arteres-prostatiques"},
		{"adenome", "embolisation-arteres-prostatiques"},
		{"grosses jambes", "recanalisation-stenting-veineux-iliocave"},
		{"tassement", "vertebroplastie"},
		{"hémorroïdes qui saignent", "embolisation-hemorroidaire"},
		{"hemorroides qui saignent", "embolisation-hemorroidaire"},
		{"hémorroïde qui saigne", "embolisation-hemorroidaire"}, // singular, being typed
		{"AVC", "thrombectomie-avc"},
		{"varicocele", "embolisation-varicocele"},
		{"vertebroplastie", "vertebroplastie"},
		{"vertébroplastie", "vertebroplastie"},
		{"VERTEBROPLASTIE", "vertebroplastie"},
		{"vertebroplsatie", "vertebroplastie"}, // swapped letters
		{"vertebroplatie", "vertebroplastie"},  // a letter missing
		{"vertebropl", "vertebroplastie"},      // being typed
		{"prostate", "embolisation-arteres-prostatiques"},
		{"port a cath", "pose-chambre-implantable"},
		{"uterine fibroid embolisation", "embolisation-fibromes-uterins"}, // English name words
	}
	for _, tt := range tests {
		got := engine.Suggest(tt.text, 5)
		if len(got) == 0 || got[0].Kind != KindProcedure || got[0].ID != tt.want {
			t.Errorf("Suggest(%q) = %s, want %s first", tt.text, ids(got), tt.want)
		}
	}
}

func TestSuggestMarksEmergencies(t *testing.T) {
	got := engine.Suggest("AVC", 1)
	if len(got) != 1 || !got[0].Emergency || got[0].Detail != "AVC" {
		t.Errorf("AVC: %+v", got)
	}
	if got := engine.Suggest("fibrome", 1); got[0].Emergency {
		t.Errorf("fibrome marked as an emergency")
	}
}

func TestSuggestFamilies(t *testing.T) {
	got := engine.Suggest("embolisation", 10)
	if len(got) == 0 || got[0].Kind != KindFamily || got[0].ID != "embolisation" {
		t.Errorf("embolisation: %s", ids(got))
	}
	if got := engine.Suggest("neuroradiologie", 3); len(got) == 0 || got[0].ID != "neuroradiologie" {
		t.Errorf("neuroradiologie: %s", ids(got))
	}
}

// Each procedure appears once, with the search word that matched best.
func TestSuggestOneLinePerProcedure(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range engine.Suggest("cancer", 20) {
		key := string(s.Kind) + s.ID
		if seen[key] {
			t.Errorf("%s listed twice", key)
		}
		seen[key] = true
	}
	if len(seen) < 3 {
		t.Errorf("cancer: %d suggestions", len(seen))
	}
}

// Places: each text must propose the given place among the first n.
func TestSuggestPlaces(t *testing.T) {
	tests := []struct {
		text string
		kind Kind
		id   string
		n    int
	}{
		{"st etienne", KindCommune, "42218", 1},
		{"Saint-Étienne", KindCommune, "42218", 1},
		{"ST ETIENNE", KindCommune, "42218", 1},
		{"saint etienne", KindCommune, "42218", 1},
		{"angl", KindCommune, "64024", 3},  // Anglet
		{"angl", KindCommune, "49007", 10}, // Angers, one letter off
		{"ange", KindCommune, "49007", 1},
		{"chollet", KindCommune, "49099", 1}, // typo
		{"cholet", KindCommune, "49099", 1},
		{"49", KindDepartement, "49", 1},
		{"maine et loire", KindDepartement, "49", 1},
		{"2A", KindDepartement, "2A", 1},
		{"2b", KindDepartement, "2B", 1},
		{"corse du sud", KindDepartement, "2A", 1},
		{"Haute-Corse", KindDepartement, "2B", 1},
		{"2A004", KindINSEE, "2A004", 1},
		{"20000", KindPostcode, "2A004", 1}, // Ajaccio
		{"971", KindDepartement, "971", 1},
		{"972", KindDepartement, "972", 1},
		{"973", KindDepartement, "973", 1},
		{"974", KindDepartement, "974", 1},
		{"976", KindDepartement, "976", 1},
		{"la reunion", KindDepartement, "974", 1},
		{"mayotte", KindDepartement, "976", 1},
		{"pointe a pitre", KindCommune, "97120", 1},
		{"Mamoudzou", KindCommune, "97611", 1},
		{"97410", KindPostcode, "97416", 1}, // Saint-Pierre, La Réunion
		{"49300", KindPostcode, "49099", 1},
		{"paris 15", KindArrondissement, "75115", 1},
		{"Paris 15e", KindArrondissement, "75115", 1},
		{"75015", KindPostcode, "75115", 1},
		{"lyon 3", KindArrondissement, "69383", 1},
		{"marseille 1er", KindArrondissement, "13201", 1},
		{"13001", KindPostcode, "13201", 2},
		{"paris", KindCommune, "75056", 1},
		{"lhay les roses", KindCommune, "94038", 1},
		{"L'Haÿ-les-Roses", KindCommune, "94038", 1},
		{"saint pierre et miquelon", KindCollectivite, "975", 1},
		{"st denis 974", KindCommune, "97411", 1},
		{"saint denis 97400", KindPostcode, "97411", 1},
	}
	for _, tt := range tests {
		got := engine.Suggest(tt.text, 10)
		pos := -1
		for i, s := range got {
			if s.Kind == tt.kind && s.ID == tt.id {
				pos = i
				break
			}
		}
		if pos < 0 || pos >= tt.n {
			t.Errorf("Suggest(%q): %s/%s at %d, want within the first %d; got %s", tt.text, tt.kind, tt.id, pos, tt.n, ids(got))
		}
	}
}

// Homonyms: every Saint-Denis commune is proposed, La Réunion's included,
// with the département telling them apart.
func TestSuggestListsHomonyms(t *testing.T) {
	got := engine.SuggestPlaces("Saint-Denis", 20)
	want := map[string]string{"97411": "La Réunion (974)", "93066": "Seine-Saint-Denis (93)", "11339": "Aude (11)", "30247": "Gard (30)"}
	for _, s := range got {
		if d, ok := want[s.ID]; ok {
			if s.Detail != d || s.Label != "Saint-Denis" {
				t.Errorf("%s: %q / %q", s.ID, s.Label, s.Detail)
			}
			delete(want, s.ID)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing %v in %s", want, ids(got))
	}
}

func TestSuggestKindsRestricted(t *testing.T) {
	for _, s := range engine.SuggestPlaces("ang", 20) {
		if !s.IsPlace() {
			t.Errorf("SuggestPlaces gave %s %s", s.Kind, s.ID)
		}
	}
	for _, s := range engine.SuggestCatalogue("ang", 20) {
		if s.IsPlace() {
			t.Errorf("SuggestCatalogue gave %s %s", s.Kind, s.ID)
		}
	}
}

// Absurd input gives nothing or something sensible, never a crash, and
// query syntax is just text.
func TestSuggestAbsurdInput(t *testing.T) {
	for _, text := range []string{
		"", " ", "\x00", "\t\n\r", strings.Repeat("a", 100000), strings.Repeat("saint ", 5000),
		"\"; DROP TABLE communes; --", "' OR '1'='1", "fibrome\" OR \"1", "NEAR(fibrome myome, 2)",
		"fib*", "text:fibrome", "^fibrome", "fibrome AND NOT myome", "\x1b[2J\x1b[H", "🩻🩺💉",
		"\xff\xfe\xfd", "中文搜索", strings.Repeat("é", 3000), "-", "''", "%", "_",
	} {
		got := engine.Suggest(text, 10)
		if len(got) > 10 {
			t.Errorf("%.20q: %d suggestions", text, len(got))
		}
	}
	// Operators are words like others: the procedure is still found.
	for _, text := range []string{"\"fibrome\"", "fibrome*", "(fibrome)", "fibrome;--", "🩻 fibrome"} {
		got := engine.Suggest(text, 1)
		if len(got) != 1 || got[0].ID != "embolisation-fibromes-uterins" {
			t.Errorf("%q: %s", text, ids(got))
		}
	}
	if got := engine.Suggest("", 10); len(got) != 0 {
		t.Errorf("empty text: %s", ids(got))
	}
	if got := engine.Suggest("zzqxw", 10); len(got) != 0 {
		t.Errorf("zzqxw: %s", ids(got))
	}
}

func TestSuggestLimit(t *testing.T) {
	if got := engine.Suggest("saint", 3); len(got) != 3 {
		t.Errorf("limit 3: %d", len(got))
	}
	if got := engine.Suggest("saint", 0); len(got) != DefaultLimit {
		t.Errorf("limit 0: %d, want the default %d", len(got), DefaultLimit)
	}
	// Scores are sorted.
	got := engine.Suggest("sa", 50)
	for i := 1; i < len(got); i++ {
		if got[i].Score > got[i-1].Score {
			t.Fatalf("unsorted at %d: %s", i, ids(got))
		}
	}
}

// The engine is shared by the window's goroutines: concurrent searches
// must give the same answers as sequential ones.
func TestConcurrentUse(t *testing.T) {
	texts := []string{"saint", "angl", "fibrome", "49300", "paris 15", "hemorroides qui saignent"}
	want := map[string]string{}
	for _, s := range texts {
		want[s] = ids(engine.Suggest(s, 10))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				s := texts[(g+i)%len(texts)]
				if got := ids(engine.Suggest(s, 10)); got != want[s] {
					errs <- s + ": " + got
					return
				}
				if _, _, err := engine.Locate("Cholet"); err != nil {
					errs <- err.Error()
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func ids(s []Suggestion) string {
	var b strings.Builder
	for i, x := range s {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(x.Kind) + "/" + x.ID)
	}
	return "[" + b.String() + "]"
}
