package publish

import (
	"fmt"
	"strconv"
	"strings"

	"atlasri/app/exchange"
	"atlasri/model"
)

// The corrections file: what the publisher knows better than the
// register, one change per row (FINESS ET number, field, value, reason).

const (
	cFINESS = "finess"
	cField  = "champ"
	cValue  = "valeur"
	cReason = "motif"
)

// CorrectionColumns are the corrections file's columns.
var CorrectionColumns = []exchange.Column{
	{Field: cFINESS, Header: "finess", Aliases: []string{"finess_et", "numero_finess"}, Required: true},
	{Field: cField, Header: "champ", Aliases: []string{"field"}, Required: true},
	{Field: cValue, Header: "valeur", Aliases: []string{"value"}, Required: true},
	{Field: cReason, Header: "motif", Aliases: []string{"raison", "reason"}, Required: true},
}

// correctable maps a correction's field to what it changes in a centre.
var correctable = map[string]func(c *exchange.Centre, v string) error{
	"nom":                  func(c *exchange.Centre, v string) error { c.Name = v; return nil },
	"categorie":            func(c *exchange.Centre, v string) error { c.Category = v; return nil },
	"statut":               func(c *exchange.Centre, v string) error { c.Sector = v; return nil },
	"adresse":              func(c *exchange.Centre, v string) error { c.Address = v; return nil },
	"code_postal":          func(c *exchange.Centre, v string) error { c.Postcode = v; return nil },
	"libelle_acheminement": func(c *exchange.Centre, v string) error { c.CityLabel = v; return nil },
	"insee":                func(c *exchange.Centre, v string) error { c.INSEE = v; return nil },
	"telephone":            func(c *exchange.Centre, v string) error { c.Phone = v; return nil },
	"email":                func(c *exchange.Centre, v string) error { c.Email = v; return nil },
	"mssante":              func(c *exchange.Centre, v string) error { c.MSSante = v; return nil },
	"site_web":             func(c *exchange.Centre, v string) error { c.Website = v; return nil },
	"note_position":        func(c *exchange.Centre, v string) error { c.PosNote = v; return nil },
	"identifiant":          func(c *exchange.Centre, v string) error { c.ID = v; return nil },
	"latitude":             func(c *exchange.Centre, v string) error { return setFloat(&c.Latitude, v) },
	"longitude":            func(c *exchange.Centre, v string) error { return setFloat(&c.Longitude, v) },
}

// exclude removes the centre from the directory.
const exclude = "exclure"

func setFloat(dst **float64, v string) error {
	f, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(v), ",", ".", 1), 64)
	if err != nil {
		return fmt.Errorf("nombre attendu (par exemple 47,4809), trouvé « %s »", v)
	}
	*dst = &f
	return nil
}

// Correction is one row of the corrections file.
type Correction struct {
	Line                         int
	FINESS, Field, Value, Reason string
	at, fieldAt                  exchange.Pos
}

// ParseCorrections reads and checks a corrections file.
func ParseCorrections(name string, data []byte) ([]Correction, exchange.Problems) {
	t, ps := exchange.ReadTable(name, data, CorrectionColumns)
	if ps.Errors() > 0 {
		return nil, ps
	}
	c := exchange.NewChecker(name)
	var out []Correction
	for _, row := range t.Rows {
		finess, at := row.Get(cFINESS)
		field, fat := row.Get(cField)
		value, _ := row.Get(cValue)
		reason, rat := row.Get(cReason)
		k := Correction{Line: row.Line, at: at, fieldAt: fat, FINESS: c.FINESS(at, finess), Value: value,
			Field: strings.ReplaceAll(model.Fold(strings.TrimSpace(field)), " ", "_"), Reason: c.Text(rat, reason, "motif", true)}
		if strings.TrimSpace(finess) == "" {
			c.Errorf(at, "numéro FINESS manquant : il désigne le site à corriger")
		}
		if _, ok := correctable[k.Field]; !ok && k.Field != exclude {
			c.Errorf(fat, "champ « %s » inconnu : %s ou « %s »", field, fieldList(), exclude)
		}
		out = append(out, k)
	}
	ps = append(ps, c.Problems()...)
	ps.Sort()
	return out, ps
}

func fieldList() string {
	names := make([]string, 0, len(correctable))
	for k := range correctable {
		names = append(names, "« "+k+" »")
	}
	sortStrings(names)
	return strings.Join(names, ", ")
}

// ApplyCorrections changes the centres of f their FINESS number names,
// and returns what it did, in French; a correction whose site is not in
// the directory is a warning, a value that does not fit its field an
// error.
func ApplyCorrections(f *exchange.File, cs []Correction, file string) ([]string, exchange.Problems) {
	c := exchange.NewChecker(file)
	var done []string
	for _, k := range cs {
		i := -1
		for j := range f.Centres {
			if f.Centres[j].FINESS == k.FINESS {
				i = j
				break
			}
		}
		if i < 0 {
			c.Warnf(k.at, "le site FINESS %s n'est pas dans l'annuaire : correction sans objet", k.FINESS)
			continue
		}
		name := f.Centres[i].Name
		if k.Field == exclude {
			f.Centres = append(f.Centres[:i], f.Centres[i+1:]...)
			done = append(done, fmt.Sprintf("%s (FINESS %s) retiré de l'annuaire : %s", name, k.FINESS, k.Reason))
			continue
		}
		if err := correctable[k.Field](&f.Centres[i], k.Value); err != nil {
			c.Errorf(k.fieldAt, "%v", err)
			continue
		}
		done = append(done, fmt.Sprintf("%s (FINESS %s) : %s = « %s » (%s)", name, k.FINESS, k.Field, k.Value, k.Reason))
	}
	return done, c.Problems()
}
