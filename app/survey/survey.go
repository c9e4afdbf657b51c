// Package survey reads the federation's survey of the centres (which
// procedures each centre says it performs) and merges it onto a directory
// built from the register: a declared procedure wins over one derived
// from the site's mention, and one the site's authorisation does not
// cover is kept, flagged for review, never hidden.
package survey

import (
	"fmt"
	"strings"
	"time"

	"atlasri/app/exchange"
	"atlasri/model"
)

// Fields of the survey's CSV.
const (
	fFINESS     = "finess"
	fProcedures = "procedures"
	fDate       = "date"
	fSource     = "source"
	fReferent   = "referent"
)

// Columns are the survey's columns: one row per centre and answer.
var Columns = []exchange.Column{
	{Field: fFINESS, Header: "finess", Aliases: []string{"finess_et", "numero_finess", "n_finess"}, Required: true},
	{Field: fProcedures, Header: "gestes", Aliases: []string{"procedures", "gestes_declares", "gestes_realises"}, Required: true},
	{Field: fDate, Header: "date", Aliases: []string{"date_declaration", "date_reponse"}, Required: true},
	{Field: fSource, Header: "source", Required: true},
	{Field: fReferent, Header: "referent", Aliases: []string{"referent_ri", "contact"}},
}

// Declaration is one row of the survey: a centre (by its FINESS ET
// number) says it performs these procedures.
type Declaration struct {
	Line       int
	FINESS     string
	Procedures []string
	Date       string
	Source     string
	Referent   string
	at         exchange.Pos // the FINESS cell
}

// Parse reads and checks a survey file: every problem is reported with
// its line and column; the declarations are usable only when none is an
// error.
func Parse(name string, data []byte, g *exchange.Geography, today time.Time) ([]Declaration, exchange.Problems) {
	t, ps := exchange.ReadTable(name, data, Columns)
	if ps.Errors() > 0 {
		return nil, ps
	}
	c := exchange.NewChecker(name)
	var out []Declaration
	for _, row := range t.Rows {
		finess, at := row.Get(fFINESS)
		procs, pat := row.Get(fProcedures)
		date, dat := row.Get(fDate)
		source, sat := row.Get(fSource)
		referent, rat := row.Get(fReferent)
		d := Declaration{Line: row.Line, at: at,
			FINESS:   c.FINESS(at, finess),
			Date:     c.Date(dat, date, "date de la déclaration", true, today),
			Source:   c.Text(sat, source, "source", true),
			Referent: c.Text(rat, referent, "référent", false),
		}
		if strings.TrimSpace(finess) == "" {
			c.Errorf(at, "numéro FINESS manquant : il désigne le centre qui déclare")
		}
		seen := map[string]bool{}
		for _, id := range exchange.SplitList(procs) {
			switch _, ok := g.Procedure(id); {
			case !ok:
				c.Errorf(pat, "geste inconnu « %s » (les identifiants des gestes sont listés dans docs/FORMAT.md)", id)
			case seen[id]:
				c.Warnf(pat, "geste « %s » donné deux fois", id)
			default:
				seen[id] = true
				d.Procedures = append(d.Procedures, id)
			}
		}
		if len(exchange.SplitList(procs)) == 0 {
			c.Errorf(pat, "aucun geste déclaré")
		}
		out = append(out, d)
	}
	ps = append(ps, c.Problems()...)
	ps.Sort()
	return out, ps
}

// Report is what a merge did.
type Report struct {
	// Declared counts the offers now declared; Replaced those of them that
	// were derived from the site's mention, Added the new ones.
	Declared, Replaced, Added int
	// Beyond lists, in French, the declared procedures the site's
	// authorisation does not cover (kept, flagged for review).
	Beyond []string
	// Unknown are the rows whose centre is not in the directory.
	Unknown exchange.Problems
}

// Merge puts the declarations onto the directory file f, whose centres
// are found by their FINESS number. procs is the catalogue, which says
// what a mention covers.
func Merge(f *exchange.File, ds []Declaration, file string, procs []model.Procedure) Report {
	var rep Report
	byFINESS := map[string]int{}
	for i, c := range f.Centres {
		if c.FINESS != "" {
			byFINESS[c.FINESS] = i
		}
	}
	catalogue := map[string]model.Procedure{}
	for _, p := range procs {
		catalogue[p.ID] = p
	}
	for _, d := range ds {
		i, ok := byFINESS[d.FINESS]
		if !ok {
			rep.Unknown = append(rep.Unknown, exchange.Problem{File: file, Pos: d.at, Warning: true,
				Message: fmt.Sprintf("le centre FINESS %s n'est pas dans l'annuaire (pas d'autorisation de radiologie interventionnelle en cours au registre, ou écarté) : sa déclaration n'est pas reprise", d.FINESS)})
			continue
		}
		c := &f.Centres[i]
		site := model.Centre{Name: c.Name, Authorisations: c.ModelAuthorisations()}
		source := d.Source
		if d.Referent != "" {
			source += " (référent : " + d.Referent + ")"
		}
		for _, id := range d.Procedures {
			o := exchange.Offer{Procedure: id, Origin: string(model.OfferDeclared), Source: source, CheckedOn: d.Date}
			p := catalogue[id]
			if _, authorised := site.RIAuthorisation(); authorised && !site.Coverage(p).Covered {
				o.Review = exchange.BeyondMention(site, p)
				rep.Beyond = append(rep.Beyond, fmt.Sprintf("%s (FINESS %s) : %s, %s", c.Name, c.FINESS, p.NameFR, o.Review))
			}
			rep.Declared++
			if j := offerIndex(c.Offers, id); j >= 0 {
				if c.Offers[j].Origin == string(model.OfferAuthorised) {
					rep.Replaced++
				}
				c.Offers[j] = o
				continue
			}
			rep.Added++
			c.Offers = append(c.Offers, o)
		}
	}
	return rep
}

func offerIndex(os []exchange.Offer, id string) int {
	for i, o := range os {
		if o.Procedure == id {
			return i
		}
	}
	return -1
}
