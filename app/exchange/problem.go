package exchange

import (
	"fmt"
	"sort"
	"strings"

	"atlasri/internal/untrusted"
)

// Pos is where a value was read: a line, and a column that is a character
// position in JSON and a field number in CSV (with its spreadsheet letter).
type Pos struct {
	Line   int
	Column int
	Letter string // CSV only: "A", "B"... "AA"
	Field  string // the key or column header, as written in the file
}

// Problem is one thing wrong in an imported file.
type Problem struct {
	File    string
	Pos     Pos
	Message string // French
	// Warning problems are reported but do not stop the import.
	Warning bool
}

// String formats the problem the way the user reads it:
// "annuaire.csv, ligne 12, colonne E (finess) : clé de contrôle fausse".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Pos.Line > 0 {
		fmt.Fprintf(&b, ", ligne %d", p.Pos.Line)
	}
	switch {
	case p.Pos.Letter != "":
		fmt.Fprintf(&b, ", colonne %s", p.Pos.Letter)
	case p.Pos.Column > 0:
		fmt.Fprintf(&b, ", colonne %d", p.Pos.Column)
	}
	if p.Pos.Field != "" {
		fmt.Fprintf(&b, " (%s)", p.Pos.Field)
	}
	b.WriteString(" : ")
	if p.Warning {
		b.WriteString("attention, ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Problems is every problem found in a file, in file order.
type Problems []Problem

// Errors counts the blocking problems.
func (ps Problems) Errors() int {
	n := 0
	for _, p := range ps {
		if !p.Warning {
			n++
		}
	}
	return n
}

// Warnings counts the problems that do not block.
func (ps Problems) Warnings() int { return len(ps) - ps.Errors() }

// Sort orders the problems by line, then column.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i].Pos, ps[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}

// Error makes a list of problems usable as an error: one per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Err returns the problems as an error when at least one blocks, else nil.
func (ps Problems) Err() error {
	if ps.Errors() == 0 {
		return nil
	}
	return ps
}

// report collects problems for one file.
type report struct {
	file     string
	problems Problems
}

func (r *report) errorf(at Pos, format string, args ...any) {
	r.problems = append(r.problems, Problem{File: r.file, Pos: at, Message: fmt.Sprintf(format, args...)})
}

func (r *report) warnf(at Pos, format string, args ...any) {
	r.problems = append(r.problems, Problem{File: r.file, Pos: at, Message: fmt.Sprintf(format, args...), Warning: true})
}

// safe returns v, after reporting it as an error when it holds control
// characters (NUL, BEL, terminal escape sequences) or bidirectional
// controls: they have no place in a directory, which is printed to
// terminals and shown in the window.
func (r *report) safe(at Pos, v string) string {
	v = r.repairC1(at, v)
	if why := untrusted.Problem(v); why != "" {
		r.errorf(at, "%s", why)
	}
	return v
}

// windows1252 gives back the characters of French text that Windows-1252
// puts where ISO-8859-1 has C1 controls: €, …, Œ, œ, the typographic quotes
// and dashes. The other C1 codes (the terminal's CSI among them) stay, and
// are refused.
var windows1252 = map[rune]rune{
	0x80: '€', 0x85: '…', 0x8c: 'Œ', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x96: '–', 0x97: '—', 0x9c: 'œ',
}

// repairC1 turns those C1 controls, left behind by a Windows-1252 text read
// as ISO-8859-1, back into what they were, with a warning: the national
// FINESS register itself has « L\u0092HOPITAL » for « L’HOPITAL ».
func (r *report) repairC1(at Pos, v string) string {
	if !strings.ContainsFunc(v, isRepairableC1) {
		return v
	}
	var b strings.Builder
	var seen []string
	for _, c := range v {
		if isRepairableC1(c) {
			w := windows1252[c]
			seen = append(seen, fmt.Sprintf("U+%04X lu comme « %c »", c, w))
			c = w
		}
		b.WriteRune(c)
	}
	r.warnf(at, "caractère mal converti depuis Windows-1252 : %s", strings.Join(seen, ", "))
	return b.String()
}

func isRepairableC1(c rune) bool { _, ok := windows1252[c]; return ok }

// columnLetter names a spreadsheet column: 1 is A, 27 is AA.
func columnLetter(n int) string {
	s := ""
	for n > 0 {
		n--
		s = string(rune('A'+n%26)) + s
		n /= 26
	}
	return s
}
