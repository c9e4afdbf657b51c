package exchange

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestValidFINESS(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"490000049", true},  // CHU d'Angers, in the FINESS extract
		{"010000024", true},  // Bourg-en-Bresse: département 01, leading zero
		{"2A0000022", true},  // Corsica, "2A" read as 21 for the key
		{"2B0000012", true},  // Corsica, "2B" read as 22
		{"490000048", false}, // last digit changed
		{"940000049", false}, // two digits swapped
		{"2B0000022", false}, // 2A's number under 2B
		{"2C0000022", false},
		{"49000004", false},
		{"4900000490", false},
		{"49000004A", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidFINESS(tt.in); got != tt.want {
			t.Errorf("ValidFINESS(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// sharedData is the project's shared test data folder, beside the repository.
func sharedData(t testing.TB, name string) string {
	p := filepath.Join("..", "..", "..", "shared", "data", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s absent: real-data test skipped", p)
	}
	return p
}

// Every FINESS ET number of the national register extract passes, once its
// dropped leading zero is restored; this is what pins the Corsican rule.
func TestFINESSOnRealRegister(t *testing.T) {
	f, err := os.Open(sharedData(t, "etablissements-sante-fr-2020.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	corsica := 0
	for _, r := range rows[1:] {
		id := r[0]
		if len(id) == 8 {
			id = "0" + id
		}
		if strings.HasPrefix(id, "2A") || strings.HasPrefix(id, "2B") {
			corsica++
		}
		if !ValidFINESS(id) {
			t.Errorf("%s (%s) refused", id, r[1])
		}
	}
	if len(rows) != 5369 || corsica != 33 {
		t.Errorf("%d rows, %d in Corsica: not the extract this test was written for", len(rows)-1, corsica)
	}
}
