package textq

import (
	"reflect"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Saint-Étienne", "saint etienne"},
		{"ST ETIENNE", "saint etienne"},
		{"st etienne", "saint etienne"},
		{"Ste-Foy-lès-Lyon", "sainte foy les lyon"},
		{"L'Haÿ-les-Roses", "l hay les roses"},
		{"L’Haÿ-les-Roses", "l hay les roses"},
		{"Œuilly", "oeuilly"},
		{"  hémorroïdes   qui\tsaignent ", "hemorroides qui saignent"},
		{"Paris 15e Arrondissement", "paris 15 arrondissement"},
		{"Marseille 1er", "marseille 1"},
		{"Lyon 3ème", "lyon 3"},
		{"2A004", "2a004"},
		{"BI-RADS 4", "bi rads 4"},
		{"Y90", "y90"},
		{"\"fibrome\" OR 1=1; DROP TABLE search; --", "fibrome or 1 1 drop table search"},
		{"NEAR(fibrome myome) AND col:*", "near fibrome myome and col"},
		{"\x00\x07fibrome\x1b[31m", "fibrome 31m"},
		{"🩻 fibrome 🙂", "fibrome"},
		{"Σ∆ 中文", ""},
		{"", ""},
		{"stent", "stent"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeBoundsLongInput(t *testing.T) {
	long := strings.Repeat("é", 10000)
	if got := Normalize(long); len(got) != MaxRunes {
		t.Errorf("len = %d, want %d (one e per rune read)", len(got), MaxRunes)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want []Word
	}{
		{"", []Word{}},
		{"   ", []Word{}},
		{"angl", []Word{{Text: "angl", Raw: "angl", Prefix: true}}},
		{"cholet ", []Word{{Text: "cholet", Raw: "cholet"}}},
		{"st", []Word{{Text: "saint", Raw: "st", Prefix: true}}},
		{"st denis 974", []Word{
			{Text: "saint", Raw: "st"}, {Text: "denis", Raw: "denis"}, {Text: "974", Raw: "974", Code: true, Prefix: true}}},
		{"hémorroïdes qui saignent", []Word{
			{Text: "hemorroides", Raw: "hemorroides"}, {Text: "qui", Raw: "qui", Stop: true}, {Text: "saignent", Raw: "saignent", Prefix: true}}},
		// The word being typed is never optional: "de" may start "denis".
		{"saint de", []Word{{Text: "saint", Raw: "saint"}, {Text: "de", Raw: "de", Prefix: true}}},
		// Only function words: they are what the user wants.
		{"la le ", []Word{{Text: "la", Raw: "la"}, {Text: "le", Raw: "le"}}},
		{"2A", []Word{{Text: "2a", Raw: "2a", Code: true, Prefix: true}}},
		{"Paris 15e", []Word{{Text: "paris", Raw: "paris"}, {Text: "15", Raw: "15e", Code: true}}},
		{"Paris 15", []Word{{Text: "paris", Raw: "paris"}, {Text: "15", Raw: "15", Code: true, Prefix: true}}},
		{"Saint-Étienne!", []Word{{Text: "saint", Raw: "saint"}, {Text: "etienne", Raw: "etienne"}}},
		{"Saint-É", []Word{{Text: "saint", Raw: "saint"}, {Text: "e", Raw: "e", Prefix: true}}},
	}
	for _, tt := range tests {
		got := Parse(tt.in).Words
		if got == nil {
			got = []Word{}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q) =\n  %+v\nwant\n  %+v", tt.in, got, tt.want)
		}
	}
}

func TestParseBoundsWords(t *testing.T) {
	q := Parse(strings.Repeat("fibrome ", 50))
	if len(q.Words) != MaxWords {
		t.Errorf("%d words, want %d", len(q.Words), MaxWords)
	}
}

func TestIsCode(t *testing.T) {
	for w, want := range map[string]bool{
		"49": true, "49300": true, "2a": true, "2b004": true, "971": true, "2": true,
		"2c": false, "a2": false, "y90": false, "": false, "15e": false,
	} {
		if got := IsCode(w); got != want {
			t.Errorf("IsCode(%q) = %v", w, got)
		}
	}
}

func TestMaxEdits(t *testing.T) {
	tests := []struct {
		w    Word
		want int
	}{
		{Word{Text: "hbp"}, 0},
		{Word{Text: "angl"}, 0},
		{Word{Text: "angl", Prefix: true}, 1},
		{Word{Text: "myome"}, 1},
		{Word{Text: "tassement"}, 2},
		{Word{Text: "49300", Code: true}, 0},
	}
	for _, tt := range tests {
		if got := MaxEdits(tt.w); got != tt.want {
			t.Errorf("MaxEdits(%+v) = %d, want %d", tt.w, got, tt.want)
		}
	}
}

// The window folds text on several goroutines at once.
func TestNormalizeConcurrently(t *testing.T) {
	done := make(chan string)
	for g := 0; g < 8; g++ {
		go func() {
			out := ""
			for i := 0; i < 2000 && out == ""; i++ {
				if got := Normalize("Saint-Étienne-lès-Remiremont"); got != "saint etienne les remiremont" {
					out = got
				}
			}
			done <- out
		}()
	}
	for g := 0; g < 8; g++ {
		if got := <-done; got != "" {
			t.Errorf("Normalize gave %q", got)
		}
	}
}
