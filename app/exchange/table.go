package exchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"time"
)

// The publisher's other files (the federation's survey, corrections to
// the register) are CSV tables read with the directory CSV's rules:
// UTF-8 (with or without BOM), « ; » or « , », headers compared without
// case, accents or spaces, blank rows skipped, control characters
// refused, a formula neutralised on export read back, every problem
// placed.

// Column is one column of a table: the field it fills, the header the
// documentation gives, the other headers accepted, whether it must be
// there.
type Column struct {
	Field    string
	Header   string
	Aliases  []string
	Required bool
}

// Cell is one value of a table, with where it was read.
type Cell struct {
	Value string
	At    Pos
}

// Row is one row of a table.
type Row struct {
	Line  int
	cells map[string]Cell
}

// Get returns the value of a field (trimmed) and its position; an absent
// cell is "" at the row's line.
func (r Row) Get(field string) (string, Pos) {
	if c, ok := r.cells[field]; ok {
		return c.Value, c.At
	}
	return "", Pos{Line: r.Line}
}

// Table is a CSV table as read.
type Table struct {
	Name   string
	Rows   []Row
	header map[string]bool // the fields that have a column
}

// ReadTable reads a CSV table of the given columns. Unknown columns are
// ignored with a warning; a missing required column is an error.
func ReadTable(name string, data []byte, cols []Column) (*Table, Problems) {
	r := &report{file: filepath.Base(name)}
	t := &Table{Name: r.file, header: map[string]bool{}}
	if !checkEncoding(r, data) {
		return t, r.problems
	}
	body := bytes.TrimPrefix(data, utf8BOM)
	sep, ok := detectSeparator(body)
	if !ok {
		r.errorf(Pos{Line: 1}, "séparateur introuvable dans l'en-tête : les colonnes doivent être séparées par « ; » ou « , »")
		return t, r.problems
	}
	byHeader := map[string]string{}
	for _, c := range cols {
		byHeader[headerKey(c.Header)] = c.Field
		for _, a := range c.Aliases {
			byHeader[headerKey(a)] = c.Field
		}
	}
	cr := csv.NewReader(bytes.NewReader(body))
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		csvSyntaxError(r, err)
		return t, r.problems
	}
	fields := make([]string, len(header))
	seen := map[string]int{}
	for i, h := range header {
		at := Pos{Line: 1, Column: i + 1, Letter: columnLetter(i + 1)}
		r.safe(at, h)
		at.Field = h
		field, known := byHeader[headerKey(h)]
		switch {
		case strings.TrimSpace(h) == "":
			continue
		case !known:
			r.warnf(at, "colonne « %s » inconnue, ignorée", h)
			continue
		case seen[field] > 0:
			r.errorf(at, "colonne « %s » en double (déjà en colonne %s)", h, columnLetter(seen[field]))
			continue
		}
		fields[i], seen[field] = field, i+1
		t.header[field] = true
	}
	for _, c := range cols {
		if c.Required && seen[c.Field] == 0 {
			r.errorf(Pos{Line: 1}, "colonne « %s » absente de l'en-tête", c.Header)
		}
	}
	if r.problems.Errors() > 0 {
		return t, r.problems
	}
	lastLine := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			csvSyntaxError(r, err)
			var pe *csv.ParseError
			if !errors.As(err, &pe) || pe.Line <= lastLine {
				break
			}
			lastLine = pe.Line
			continue
		}
		line, _ := cr.FieldPos(0)
		lastLine = line
		if blank(rec) {
			continue
		}
		if len(rec) > len(header) {
			r.errorf(Pos{Line: line}, "%d colonnes au lieu de %d (une valeur contient-elle le séparateur « %c » sans guillemets ?)", len(rec), len(header), sep)
			continue
		}
		row := Row{Line: line, cells: map[string]Cell{}}
		for i, f := range fields {
			if f == "" || i >= len(rec) {
				continue
			}
			l, _ := cr.FieldPos(i)
			at := Pos{Line: l, Column: i + 1, Letter: columnLetter(i + 1), Field: header[i]}
			// A cell exported with its formula neutralised reads back as
			// it was; control characters are refused where they stand.
			row.cells[f] = Cell{Value: strings.TrimSpace(r.safe(at, fromSpreadsheet(rec[i]))), At: at}
		}
		t.Rows = append(t.Rows, row)
	}
	return t, r.problems
}

// Checker applies the directory's checks to values read elsewhere than
// in a directory file, collecting the problems of one file.
type Checker struct{ r report }

// NewChecker starts a checker for the file of that name.
func NewChecker(file string) *Checker { return &Checker{r: report{file: filepath.Base(file)}} }

// Errorf records an error at a position.
func (c *Checker) Errorf(at Pos, format string, args ...any) { c.r.errorf(at, format, args...) }

// Warnf records a warning at a position.
func (c *Checker) Warnf(at Pos, format string, args ...any) { c.r.warnf(at, format, args...) }

// FINESS checks a FINESS ET number (a dropped leading zero restored).
func (c *Checker) FINESS(at Pos, v string) string { return checkFINESS(&c.r, at, v) }

// Date checks a date (AAAA-MM-JJ or JJ/MM/AAAA) and returns it AAAA-MM-JJ.
func (c *Checker) Date(at Pos, v, what string, required bool, today time.Time) string {
	return checkDate(&c.r, at, v, what, required, today)
}

// Text checks a text value's length and folds its spaces.
func (c *Checker) Text(at Pos, v, what string, required bool) string {
	return checkText(&c.r, at, v, what, required)
}

// Phone writes a French phone number as « 02 41 35 36 37 ».
func (c *Checker) Phone(at Pos, v string) string { return checkPhone(&c.r, at, v) }

// Problems are the problems found so far, in file order.
func (c *Checker) Problems() Problems {
	c.r.problems.Sort()
	return c.r.problems
}

// SplitList splits a cell listing ids (procedures), separated by commas,
// semicolons, vertical bars, spaces or line breaks.
func SplitList(s string) []string { return splitList(s) }
