package letter

import (
	"strings"
	"testing"
	"time"
)

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestCheckNIR(t *testing.T) {
	tests := []struct {
		name  string
		nir   string
		birth string // empty: no cross-check
		err   string // empty: valid
	}{
		// Key 38 is the published example of a NIR parser's documentation.
		{"published example", "2 55 08 14 168 025 38", "", ""},
		{"with dots and hyphens", "2.55.08.14-168-025-38", "1955-08-17", ""},
		{"wrong key", "2 55 08 14 168 025 39", "", "clé du NIR ne correspond pas"},
		{"one digit typed wrong", "2 55 08 14 168 026 38", "", "clé du NIR ne correspond pas"},
		// Corsica: 2A counts as 19, 2B as 18. Keys computed independently:
		// 97 - 1850319004123 mod 97 = 24; 97 - 2921118033045 mod 97 = 61.
		{"Corse-du-Sud", "1 85 03 2A 004 123 24", "1985-03-01", ""},
		{"Haute-Corse lower case", "2 92 11 2b 033 045 61", "", ""},
		// 67 is the key obtained by wrongly reading 2A as 21.
		{"Corsica letters read as digits", "1 85 03 2A 004 123 67", "", "clé du NIR ne correspond pas"},
		{"Corsica letter elsewhere", "1 85 03 24 0A4 123 24", "", "seuls des chiffres"},
		{"too short", "2 55 08 14 168 025", "", "15 caractères"},
		{"too long", "2 55 08 14 168 025 380", "", "15 caractères"},
		{"sex digit", "5 55 08 14 168 025 38", "", "premier chiffre"},
		{"month 13", "1 85 13 49 004 123 00", "", "mois de naissance impossible"},
		{"birth year differs", "2 55 08 14 168 025 38", "1956-08-17", "ne correspondent pas à la date de naissance"},
		{"birth month differs", "2 55 08 14 168 025 38", "1955-09-17", "ne correspondent pas à la date de naissance"},
		{"non-ASCII", "2 55 08 14 168 025 3é", "", "seuls des chiffres"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var birth time.Time
			if tt.birth != "" {
				birth = date(tt.birth)
			}
			err := CheckNIR(tt.nir, birth)
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("CheckNIR(%q) = %v, want valid", tt.nir, err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Errorf("CheckNIR(%q) = %v, want an error with %q", tt.nir, err, tt.err)
			}
			if err != nil && strings.Contains(err.Error(), NormalizeNIR(tt.nir)[:13]) {
				t.Errorf("the error repeats the number: %v", err)
			}
		})
	}
}

func TestFormatNIR(t *testing.T) {
	if got := FormatNIR("185032a004123 24"); got != "1 85 03 2A 004 123 24" {
		t.Errorf("FormatNIR = %q", got)
	}
	if got := FormatNIR("123"); got != "123" {
		t.Errorf("FormatNIR of a short value = %q", got)
	}
}
