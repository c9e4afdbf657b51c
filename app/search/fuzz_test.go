package search

import (
	"errors"
	"strings"
	"testing"
)

// FuzzSearchText feeds arbitrary text to Suggest, Locate and
// ResolveCatalogue over the real data: never a crash, never more than
// asked, and a located place always has a valid point.
func FuzzSearchText(f *testing.F) {
	for _, s := range []string{
		"", "saint-étienne", "st denis 974", "49300", "2A004", "Paris 15e", "hémorroïdes qui saignent",
		"\"fibrome\" OR 1=1; --", "NEAR(a b) AND c:*", "\x00\xff", "🩻", strings.Repeat("saint ", 100), "51300",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := engine.Suggest(s, 7); len(got) > 7 {
			t.Fatalf("%d suggestions", len(got))
		}
		loc, cands, err := engine.Locate(s)
		if err == nil {
			if validPoint(loc.Point) != nil || loc.Label == "" || len(cands) == 1 {
				t.Fatalf("Locate(%q) = %+v, %d candidates", s, loc, len(cands))
			}
		}
		var nf *NotFoundError
		if _, err := engine.ResolveCatalogue(s); err != nil && !errors.As(err, &nf) {
			t.Fatalf("ResolveCatalogue(%q): %v", s, err)
		}
	})
}
