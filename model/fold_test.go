package model

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Saint-Étienne", "saint-etienne"},
		{"SAINT-ÉTIENNE", "saint-etienne"},
		{"Vandœuvre-lès-Nancy", "vandoeuvre-les-nancy"},
		{"hémorroïdes", "hemorroides"},
		{"L'Haÿ-les-Roses", "l'hay-les-roses"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"CHU d'Angers", "chu-d-angers"},
		{"AP-HM - Hôpital de la Timone", "ap-hm-hopital-de-la-timone"},
		{"  Institut Curie ", "institut-curie"},
		{"Centre Léon Bérard", "centre-leon-berard"},
		{"€€€", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Fold is called from the search engine and the window at the same time.
func TestFoldConcurrently(t *testing.T) {
	done := make(chan bool)
	for g := 0; g < 8; g++ {
		go func() {
			ok := true
			for i := 0; i < 2000; i++ {
				ok = ok && Fold("Saint-Étienne-du-Rouvray") == "saint-etienne-du-rouvray"
			}
			done <- ok
		}()
	}
	for g := 0; g < 8; g++ {
		if !<-done {
			t.Error("Fold gave a wrong result under concurrent use")
		}
	}
}
