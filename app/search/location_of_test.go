package search

import (
	"strings"
	"testing"
)

func TestLocationOf(t *testing.T) {
	e := engine
	tests := []struct {
		s         Suggestion
		label     string
		exact     bool
		errSubstr string
	}{
		{Suggestion{Kind: KindCommune, ID: "49099"}, "Cholet (49)", true, ""},
		{Suggestion{Kind: KindPostcode, ID: "34172", Postcode: "34295"}, "Montpellier (34)", true, ""},
		{Suggestion{Kind: KindArrondissement, ID: "75115"}, "Paris 15e Arrondissement (75)", true, ""},
		{Suggestion{Kind: KindDepartement, ID: "2A"}, "Corse-du-Sud (2A)", false, ""},
		{Suggestion{Kind: KindCollectivite, ID: "988"}, "Nouvelle-Calédonie (988)", false, ""},
		{Suggestion{Kind: KindCommune, ID: "98901"}, "", false, "position"},
		{Suggestion{Kind: KindCommune, ID: "00000"}, "", false, "inconnue"},
		{Suggestion{Kind: KindProcedure, ID: "vertebroplastie", Label: "Vertébroplastie"}, "", false, "n'est pas un lieu"},
	}
	for _, tt := range tests {
		l, err := e.LocationOf(tt.s)
		if tt.errSubstr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.errSubstr) {
				t.Errorf("%+v: err %v, want %q", tt.s, err, tt.errSubstr)
			}
			continue
		}
		if err != nil || l.Label != tt.label || l.Exact != tt.exact || l.Point.Lat() == 0 {
			t.Errorf("%+v: got %+v, %v; want %q exact=%v", tt.s, l, err, tt.label, tt.exact)
		}
	}
}
