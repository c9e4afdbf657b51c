package publish

import "testing"

// Any bytes: corrections or problems, never a panic.
func FuzzParseCorrections(f *testing.F) {
	f.Add([]byte("finess;champ;valeur;motif\n490999026;nom;CENTRE;nom d'usage\n"))
	f.Add([]byte("finess,champ,valeur,motif\n\"1\"\"\",exclure,,x\n"))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, b []byte) {
		cs, ps := ParseCorrections("c.csv", b)
		if ps.Errors() == 0 {
			for _, c := range cs {
				if _, ok := correctable[c.Field]; !ok && c.Field != exclude {
					t.Fatalf("unknown field %q accepted", c.Field)
				}
			}
		}
	})
}
