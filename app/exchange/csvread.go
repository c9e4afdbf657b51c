package exchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
)

// Columns a CSV file must have; the commune is given by insee or commune.
var requiredColumns = []string{fID, fName, fSector, fSource, fCheckedOn}

func readCSV(r *report, f *File, body []byte) {
	sep, ok := detectSeparator(body)
	if !ok {
		r.errorf(Pos{Line: 1}, "séparateur introuvable dans l'en-tête : les colonnes doivent être séparées par « ; » ou « , »")
		return
	}
	cr := csv.NewReader(bytes.NewReader(body))
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		csvSyntaxError(r, err)
		return
	}
	fields := make([]string, len(header)) // canonical field of each column, "" when ignored
	seen := map[string]int{}
	for i, h := range header {
		at := Pos{Line: 1, Column: i + 1, Letter: columnLetter(i + 1)}
		r.safe(at, h)
		at.Field = h
		field, known := csvByHeader[headerKey(h)]
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
		fields[i] = field
		seen[field] = i + 1
	}
	for _, want := range requiredColumns {
		if seen[want] == 0 {
			r.errorf(Pos{Line: 1}, "colonne « %s » absente de l'en-tête", csvHeaderOf(want))
		}
	}
	if seen[fINSEE] == 0 && seen[fCommune] == 0 {
		r.errorf(Pos{Line: 1}, "colonne « insee » ou « commune » absente de l'en-tête : il faut l'une des deux pour situer chaque centre")
	}
	if r.problems.Errors() > 0 {
		return
	}
	lastLine, rows := 0, 0
	defer func() {
		if rows == 0 && r.problems.Errors() == 0 {
			r.errorf(Pos{Line: 2}, "aucun centre : le fichier n'a que sa ligne d'en-tête ; ajoutez une ligne par centre")
		}
	}()
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			csvSyntaxError(r, err)
			var pe *csv.ParseError
			if !errors.As(err, &pe) || pe.Line <= lastLine {
				return // no progress: stop rather than loop
			}
			lastLine = pe.Line
			continue
		}
		line, _ := cr.FieldPos(0)
		lastLine = line
		if blank(rec) {
			continue
		}
		rows++
		if len(rec) > len(header) {
			r.errorf(Pos{Line: line}, "%d colonnes au lieu de %d (une valeur contient-elle le séparateur « %c » sans guillemets ?)", len(rec), len(header), sep)
			continue
		}
		f.Centres = append(f.Centres, csvCentre(r, cr, rec, header, fields, line))
	}
}

func csvHeaderOf(field string) string {
	for _, c := range csvColumns {
		if c.field == field {
			return c.header
		}
	}
	return field
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// csvCentre builds a centre from one row; its procedures come from the
// verified and indicative columns, with the indicative reason.
func csvCentre(r *report, cr *csv.Reader, rec, header, fields []string, line int) Centre {
	c := Centre{Line: line, pos: make(positions, 0, len(fields))}
	var verified, indicative, reason string
	for i, field := range fields {
		if field == "" || i >= len(rec) {
			continue
		}
		l, _ := cr.FieldPos(i)
		at := Pos{Line: l, Column: i + 1, Letter: columnLetter(i + 1), Field: header[i]}
		c.pos.set(field, at)
		v := strings.TrimSpace(r.safe(at, fromSpreadsheet(rec[i])))
		if dst := c.text(field); dst != nil {
			*dst = v
			continue
		}
		switch field {
		case fLatitude:
			c.Latitude = csvNumber(r, v, at)
		case fLongitude:
			c.Longitude = csvNumber(r, v, at)
		case fVerifiedC:
			verified = v
		case fIndicative:
			indicative = v
		case fReasonC:
			reason = v
		}
	}
	verifiedAt, _ := c.pos.get(fVerifiedC)
	indicativeAt, _ := c.pos.get(fIndicative)
	reasonAt, ok := c.pos.get(fReasonC)
	if !ok {
		reasonAt = indicativeAt
	}
	for _, id := range splitList(verified) {
		c.Offers = append(c.Offers, Offer{Procedure: id, Verified: true, pos: positions{{fProcedure, verifiedAt}}})
	}
	for _, id := range splitList(indicative) {
		c.Offers = append(c.Offers, Offer{Procedure: id, Reason: reason, pos: positions{{fProcedure, indicativeAt}, {fReason, reasonAt}}})
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
