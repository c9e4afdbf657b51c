package cli

import (
	"flag"
	"fmt"
	"strings"

	"atlasri/app"
	"atlasri/app/search"
)

// Option handling and engine set-up shared by the subcommands that take
// options only (search, coverage, map, letter) and search the directory.

// setUsage makes fs print text, then its options, on --help or a bad option.
func setUsage(fs *flag.FlagSet, text string) {
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), text)
		printOptions(fs)
	}
}

// parseOptionsOnly parses a subcommand that takes no positional argument,
// refusing a stray word with hint (may be empty) saying where it belongs.
func (e *env) parseOptionsOnly(fs *flag.FlagSet, args []string, hint string) bool {
	if !e.parse(fs, args) {
		return false
	}
	if fs.NArg() > 0 {
		if hint != "" {
			hint = " " + hint
		}
		fmt.Fprintf(e.stderr, "Argument inattendu « %s ».%s\n", fs.Arg(0), hint)
		return false
	}
	return true
}

// addNearFlag declares --near, the patient's place.
func addNearFlag(fs *flag.FlagSet) *string {
	return fs.String("near", "", "lieu du patient : commune, code postal, département, code INSEE")
}

// validLimit checks a --limit number of centres, saying what is allowed.
func (e *env) validLimit(n int) bool {
	if n < 1 || n > search.MaxLimit {
		fmt.Fprintf(e.stderr, "Nombre de centres invalide : %d (attendu de 1 à %d).\n", n, search.MaxLimit)
		return false
	}
	return true
}

// openSearch opens the data folder and builds the search engine.
func (e *env) openSearch() (*app.Atlas, *search.Engine, bool) {
	a, ok := e.open()
	if !ok {
		return nil, nil, false
	}
	eng, err := a.SearchEngine()
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		a.Close()
		return nil, nil, false
	}
	return a, eng, true
}

// setTarget restricts q to the procedure or the family t names.
func setTarget(q *search.Query, t search.Target) {
	if t.Kind == search.KindFamily {
		q.Family = t.ID
	} else {
		q.Procedure = t.ID
	}
}

// locate finds the one place text names, printing why when there is none
// or several.
func (e *env) locate(eng *search.Engine, text string) (search.Location, bool) {
	loc, cands, err := eng.Locate(text)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return loc, false
	}
	if len(cands) > 1 {
		fmt.Fprintln(e.stderr, ambiguousPlace(text, loc, cands))
		return loc, false
	}
	return loc, true
}

func ambiguousPlace(text string, loc search.Location, cands []search.Location) string {
	names := make([]string, 0, len(cands))
	for i, c := range cands {
		if i == 8 {
			names = append(names, fmt.Sprintf("et %d autres", len(cands)-i))
			break
		}
		names = append(names, c.Label)
	}
	hint := fmt.Sprintf("par exemple « %s %s »", strings.TrimSpace(text), loc.Dept)
	if loc.Postcode != "" {
		hint = fmt.Sprintf("par exemple « %s %s »", loc.Postcode, strings.Split(loc.Label, " (")[0])
	}
	return fmt.Sprintf("« %s » désigne plusieurs lieux : %s. Précisez, %s.", strings.TrimSpace(text), strings.Join(names, ", "), hint)
}
