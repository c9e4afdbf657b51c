package exchange

import (
	"encoding/csv"
	"errors"
	"slices"
	"strconv"
	"strings"

	"atlasri/model"
)

// Columns a CSV file must have; the commune is given by insee or commune.
var requiredColumns = []string{fID, fName, fSector, fSource, fCheckedOn}

// readCSV reads a directory CSV: a table of the format's columns, one
// centre per row.
func readCSV(r *report, f *File, body []byte) {
	t, ps := ReadTable(r.file, body, directoryColumns)
	r.problems = append(r.problems, ps...)
	if ps.Errors() > 0 {
		return
	}
	if !t.has(fINSEE) && !t.has(fCommune) {
		r.errorf(Pos{Line: 1}, "colonne « insee » ou « commune » absente de l'en-tête : il faut l'une des deux pour situer chaque centre")
		return
	}
	if len(t.Rows) == 0 {
		r.errorf(Pos{Line: 2}, "aucun centre : le fichier n'a que sa ligne d'en-tête ; ajoutez une ligne par centre")
		return
	}
	for _, row := range t.Rows {
		f.Centres = append(f.Centres, csvCentre(r, row))
	}
}

// directoryColumns are the directory CSV's columns as a table reads them.
var directoryColumns = func() []Column {
	cols := make([]Column, len(csvColumns))
	for i, c := range csvColumns {
		cols[i] = Column{Field: c.field, Header: c.header, Aliases: c.aliases, Required: slices.Contains(requiredColumns, c.field)}
	}
	return cols
}()

// has reports whether the table has a column for a field.
func (t *Table) has(field string) bool { return t.header[field] }

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// csvCentre builds a centre from one row; its procedures come from the
// declared, authorised and indicative columns, with the indicative reason.
func csvCentre(r *report, row Row) Centre {
	c := Centre{Line: row.Line, pos: make(positions, 0, len(row.cells))}
	var declared, authorised, indicative, reason string
	var auth Authorisation
	for field, cell := range row.cells {
		at, v := cell.At, cell.Value
		c.pos.set(field, at)
		if dst := c.text(field); dst != nil {
			*dst = v
			continue
		}
		if af, ok := strings.CutPrefix(field, csvAuth("")); ok {
			*auth.text(af) = v
			auth.pos.set(af, at)
			continue
		}
		switch field {
		case fLatitude:
			c.Latitude = csvNumber(r, v, at)
		case fLongitude:
			c.Longitude = csvNumber(r, v, at)
		case fDeclaredC:
			declared = v
		case fAuthorised:
			authorised = v
		case fIndicative:
			indicative = v
		case fReasonC:
			reason = v
		}
	}
	line := row.Line
	if !auth.empty() {
		auth.pos.set(fAuths, Pos{Line: line})
		c.Authorisations = []Authorisation{auth}
	}
	declaredAt, _ := c.pos.get(fDeclaredC)
	authorisedAt, _ := c.pos.get(fAuthorised)
	indicativeAt, _ := c.pos.get(fIndicative)
	reasonAt, ok := c.pos.get(fReasonC)
	if !ok {
		reasonAt = indicativeAt
	}
	for _, id := range splitList(declared) {
		c.Offers = append(c.Offers, Offer{Procedure: id, Origin: string(model.OfferDeclared), pos: positions{{fProcedure, declaredAt}}})
	}
	for _, id := range splitList(authorised) {
		c.Offers = append(c.Offers, Offer{Procedure: id, Origin: string(model.OfferAuthorised), pos: positions{{fProcedure, authorisedAt}}})
	}
	for _, id := range splitList(indicative) {
		c.Offers = append(c.Offers, Offer{Procedure: id, Origin: string(model.OfferIndicative), Reason: reason,
			pos: positions{{fProcedure, indicativeAt}, {fReason, reasonAt}}})
	}
	if reason != "" && indicative == "" {
		r.warnf(reasonAt, "motif indicatif donné sans geste indicatif")
	}
	return c
}

// splitList splits a cell listing procedure ids, separated by commas,
// semicolons, vertical bars, spaces or line breaks.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ';' || r == '|' || r == ' ' || r == '\n' || r == '\r' || r == '\t'
	})
}

// csvNumber reads a decimal number written with a point or, as French
// spreadsheets write it, a comma.
func csvNumber(r *report, v string, at Pos) *float64 {
	if v == "" {
		return nil
	}
	f, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
	if err != nil {
		r.errorf(at, "nombre attendu (par exemple 47,4809), trouvé « %s »", v)
		return nil
	}
	return &f
}

// detectSeparator picks ";" or "," from the header line, whichever occurs
// more often outside quotes.
func detectSeparator(body []byte) (rune, bool) {
	semi, comma, quoted := 0, 0, false
	for _, c := range body {
		if c == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if c == '\n' {
			break
		}
		switch c {
		case ';':
			semi++
		case ',':
			comma++
		}
	}
	switch {
	case semi == 0 && comma == 0:
		return 0, false
	case semi >= comma:
		return ';', true
	}
	return ',', true
}

func csvSyntaxError(r *report, err error) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		r.errorf(Pos{}, "lecture impossible : %v", err)
		return
	}
	at := Pos{Line: pe.Line}
	switch {
	case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
		r.errorf(at, "guillemet mal placé (caractère %d) : une valeur qui contient des guillemets doit être entourée de guillemets, et les siens doublés (\"\")", pe.Column)
	default:
		r.errorf(at, "ligne illisible (caractère %d : %v)", pe.Column, pe.Err)
	}
}
