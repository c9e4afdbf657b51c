package exchange

import "testing"

// A spreadsheet drops the leading zero of codes and numbers it takes for
// numbers: each check puts it back and says so in a warning.
func TestLeadingZeroRestored(t *testing.T) {
	tests := []struct {
		name  string
		check func(*report, Pos, string) string
		in    string
		want  string
		warn  string // "" when nothing is said
	}{
		{"postcode", checkPostcode, "1000", "01000", "code postal « 1000 » complété en « 01000 » (le zéro initial avait été perdu, sans doute par un tableur)"},
		{"postcode whole", checkPostcode, "49000", "49000", ""},
		{"INSEE", checkINSEE, "1053", "01053", "code INSEE « 1053 » complété en « 01053 » (le zéro initial avait été perdu, sans doute par un tableur)"},
		{"INSEE whole", checkINSEE, "2a004", "2A004", ""},
		{"FINESS", checkFINESS, "10000024", "010000024", "numéro FINESS « 10000024 » complété en « 010000024 » (le zéro initial avait été perdu, sans doute par un tableur)"},
		{"phone", checkPhone, "241353637", "02 41 35 36 37", "téléphone « 241353637 » complété en « 0241353637 » (le zéro initial avait été perdu, sans doute par un tableur)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &report{file: "annuaire.csv"}
			if got := tt.check(r, Pos{Line: 2}, tt.in); got != tt.want {
				t.Errorf("check(%q) = %q, want %q", tt.in, got, tt.want)
			}
			var warn string
			for _, p := range r.problems {
				if !p.Warning {
					t.Errorf("unexpected error: %s", p)
					continue
				}
				warn = p.Message
			}
			if warn != tt.warn {
				t.Errorf("warning = %q, want %q", warn, tt.warn)
			}
		})
	}
}
