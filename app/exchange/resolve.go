package exchange

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"atlasri/model"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// farFromCommune is how far from its commune's centre a centre may be
// before its coordinates are questioned (big communes are ~15 km across).
const farFromCommune = 30_000 // metres

// nearestCommune bounds how far from a centre a commune is suggested when
// its name is not found.
const nearestCommune = 15_000 // metres

// Options tune Resolve.
type Options struct {
	// Today flags dates after it; the zero time checks nothing.
	Today time.Time
	// SHA256 of the file, used to name a CSV file's directory version.
	SHA256 string
}

// Resolve checks every value of f against g, finds each centre's commune
// and position, and returns the directory. It also normalises f in place
// (commune resolved to its INSEE code and official name, phone numbers
// written alike, dates in AAAA-MM-JJ form), so that f can be written back
// as the canonical copy of what was imported. The directory is usable only
// when the problems hold no error.
func Resolve(f *File, g *Geography, opt Options) (model.Directory, Problems) {
	r := &report{file: f.Name}
	rv := &resolver{r: r, g: g, opt: opt, ids: map[string]int{}, finess: map[string]string{}, names: map[string]int{},
		v1: f.Kind == KindJSON && f.Format == FormatV1, unknownFormat: f.Kind == KindJSON && f.Format != FormatV1 && f.Format != FormatID}
	var d model.Directory
	for i := range f.Centres {
		if c, ok := rv.centre(&f.Centres[i]); ok {
			d.Centres = append(d.Centres, c)
		}
	}
	if len(f.Centres) == 0 && f.Kind == KindJSON {
		r.errorf(f.at("centres"), "aucun centre : la liste « centres » est vide, et un annuaire vide retirerait tous les centres installés")
	}
	rv.header(f, &d)
	if r.problems.Errors() == 0 {
		if err := d.Validate(g.procedureSet()); err != nil {
			r.errorf(Pos{}, "%v", err) // a check above missed it: never install it
		}
	}
	r.problems.Sort()
	return d, r.problems
}

type resolver struct {
	v1 bool // a version 1 file: « verified », no authorisations
	// unknownFormat: a file of another version, refused for that alone
	// (its fields are read as either version's, without more errors).
	unknownFormat bool
	r             *report
	g             *Geography
	opt           Options
	ids           map[string]int    // centre id → line
	finess        map[string]string // FINESS → centre id
	names         map[string]int    // name and commune → line
}

func (g *Geography) procedureSet() map[string]bool {
	m := make(map[string]bool, len(g.procedures))
	for id := range g.procedures {
		m[id] = true
	}
	return m
}

// header checks the directory's own fields; a CSV file has none, so they
// are derived from the file.
func (rv *resolver) header(f *File, d *model.Directory) {
	r := rv.r
	if f.Kind == KindCSV {
		d.Version = "csv-" + strings.TrimSuffix(f.Name, filepath.Ext(f.Name))
		if rv.opt.SHA256 != "" {
			d.Version += "-" + rv.opt.SHA256[:8]
		}
		for _, c := range d.Centres {
			d.Date = max(d.Date, c.CheckedOn)
		}
		d.Source = "fichier « " + f.Name + " »"
		f.Format, f.Version, f.Date, f.Source = FormatID, d.Version, d.Date, d.Source
		return
	}
	switch {
	case f.Format == "":
		r.errorf(Pos{Line: 1}, "champ « format » manquant : « %s » attendu", FormatID)
	case f.Format != FormatID && f.Format != FormatV1:
		r.errorf(f.at("format"), "format « %s » inconnu de cette version d'Atlas RI (« %s » attendu) : installez la dernière version", f.Format, FormatID)
	}
	d.Version = checkText(r, f.at("version"), f.Version, "version de l'annuaire", true)
	d.Date = checkDate(r, f.at("date"), f.Date, "date de l'annuaire", true, rv.opt.Today)
	d.Indicative, d.Label = f.Indicative, checkText(r, f.at("label"), f.Label, "mention", false)
	d.Source = checkText(r, f.at("source"), f.Source, "source", false)
	if d.Indicative && d.Label == "" {
		r.errorf(f.at("indicative"), "un annuaire indicatif doit porter une mention (« label ») à afficher avec ses centres")
	}
	f.Date = d.Date
}

func (rv *resolver) centre(c *Centre) (model.Centre, bool) {
	r := rv.r
	before := r.problems.Errors()
	var m model.Centre
	m.ID = checkID(r, c.at(fID), c.ID)
	if m.ID != "" {
		if line, dup := rv.ids[m.ID]; dup {
			r.errorf(c.at(fID), "centre « %s » en double (déjà ligne %d)", m.ID, line)
		}
		rv.ids[m.ID] = c.Line
	}
	m.Name = checkText(r, c.at(fName), c.Name, "nom", true)
	m.Category = checkText(r, c.at(fCategory), c.Category, "catégorie", false)
	m.Sector = checkSector(r, c.at(fSector), c.Sector)
	m.FINESS = checkFINESS(r, c.at(fFINESS), c.FINESS)
	if m.FINESS != "" {
		if other, dup := rv.finess[m.FINESS]; dup {
			r.errorf(c.at(fFINESS), "numéro FINESS %s déjà donné au centre « %s » : un établissement ne figure qu'une fois", m.FINESS, other)
		}
		rv.finess[m.FINESS] = m.ID
	}
	m.Address = checkText(r, c.at(fAddress), c.Address, "adresse", false)
	m.Postcode = checkPostcode(r, c.at(fPostcode), c.Postcode)
	m.CityLabel = checkText(r, c.at(fCityLabel), c.CityLabel, "libellé d'acheminement", false)
	m.PosNote = checkText(r, c.at(fPosNote), c.PosNote, "note de position", false)
	c.INSEE = checkINSEE(r, c.at(fINSEE), c.INSEE)
	if com, ok := rv.commune(c, m.Postcode); ok {
		m.INSEE, m.Commune, m.Dept = com.INSEE, com.Name, com.Dept
		m.Pos, _ = rv.position(c, com) // a position it cannot give is reported
		c.INSEE, c.Commune = com.INSEE, com.Name
		if ok && c.Latitude == nil && m.PosNote == "" {
			// Without coordinates the centre stands at its commune's point:
			// say so, rather than show it as the building's position.
			m.PosNote = "position approchée : celle de la commune, le centre n'a pas de coordonnées dans l'annuaire"
		}
	}
	m.ContactSource = checkText(r, c.at(fContactSrc), c.ContactSource, "source des coordonnées", false)
	m.Phone = checkPhone(r, c.at(fPhone), c.Phone)
	m.Email = checkEmail(r, c.at(fEmail), c.Email, "adresse électronique")
	m.MSSante = checkMSSante(r, c.at(fMSSante), c.MSSante)
	m.Website = checkWebsite(r, c.at(fWebsite), c.Website)
	m.Source = checkText(r, c.at(fSource), c.Source, "source", true)
	m.CheckedOn = checkDate(r, c.at(fCheckedOn), c.CheckedOn, "date de vérification", true, rv.opt.Today)
	// A bad offer refuses a file, but when a stored directory is read back
	// after an upgrade (package install), only that offer is left out.
	centreOK := r.problems.Errors() == before
	m.Authorisations = rv.authorisations(c)
	m.Offers = rv.offers(c, m)
	if len(c.Offers) == 0 {
		r.warnf(Pos{Line: c.Line}, "aucun geste indiqué pour le centre « %s »", c.ID)
	}
	if m.Name != "" && m.INSEE != "" {
		key := model.Fold(m.Name) + "|" + m.INSEE
		if line, dup := rv.names[key]; dup {
			r.warnf(c.at(fName), "même nom et même commune que le centre de la ligne %d : doublon ?", line)
		}
		rv.names[key] = c.Line
	}
	// Keep the normalised values, for the copy Atlas RI stores.
	c.Name, c.Category, c.Sector, c.FINESS, c.Address, c.Postcode = m.Name, m.Category, string(m.Sector), m.FINESS, m.Address, m.Postcode
	c.CityLabel, c.ContactSource, c.PosNote = m.CityLabel, m.ContactSource, m.PosNote
	c.Phone, c.Email, c.MSSante, c.Website, c.Source, c.CheckedOn = m.Phone, m.Email, m.MSSante, m.Website, m.Source, m.CheckedOn
	return m, centreOK
}

// offers checks a centre's offers: known procedures, once each, an
// origin (version 1's « verified » read as declared or indicative), a
// reason for the indicative ones, and an authorisation that covers the
// ones said to come from it. A declared offer the site's authorisation
// does not cover is kept, flagged for review.
func (rv *resolver) offers(c *Centre, centre model.Centre) []model.Offer {
	r := rv.r
	var out []model.Offer
	seen := map[string]bool{}
	_, authorised := centre.RIAuthorisation()
	for i := range c.Offers {
		o := &c.Offers[i]
		at := o.at(fProcedure, c.at(fOffers))
		at.Field = firstNonEmpty(at.Field, fProcedure)
		id := strings.TrimSpace(o.Procedure)
		p, ok := rv.g.Procedure(id)
		if !ok {
			if id == "" {
				r.errorf(at, "identifiant de geste manquant")
			} else {
				r.errorf(at, "geste inconnu « %s »%s", id, rv.suggestProcedure(id))
			}
			continue
		}
		if seen[id] {
			r.errorf(at, "geste « %s » en double pour ce centre", id)
			continue
		}
		seen[id] = true
		origin, ok := rv.origin(o, at)
		if !ok {
			continue
		}
		reasonAt := o.at(fReason, at)
		m := model.Offer{ProcedureID: id, Origin: origin,
			Reason:    checkText(r, reasonAt, o.Reason, "motif", false),
			Source:    checkText(r, o.at(fSource, at), o.Source, "source du geste", false),
			CheckedOn: checkDate(r, o.at(fCheckedOn, at), o.CheckedOn, "date du geste", false, rv.opt.Today),
			Review:    checkText(r, o.at(fReview, at), o.Review, "remarque de vérification", false)}
		cov := centre.Coverage(p)
		switch {
		case origin == model.OfferIndicative && m.Reason == "":
			r.errorf(reasonAt, "le geste indicatif « %s » n'a pas de motif : dites pourquoi il est supposé (par exemple « offre habituelle d'un CHU, à confirmer »)", id)
		case origin == model.OfferAuthorised && !authorised:
			r.errorf(o.at(fOrigin, at), "le geste « %s » est dit autorisé, mais le centre n'a pas d'autorisation ARS de radiologie interventionnelle en cours", id)
		case origin == model.OfferAuthorised && !cov.Covered:
			a, _ := centre.RIAuthorisation()
			r.errorf(o.at(fOrigin, at), "le geste « %s » est dit autorisé, mais la %s du centre ne le couvre pas (%s)", id, a.MentionLabelFR(), p.RIMention.LabelFR())
		case origin == model.OfferDeclared && authorised && !cov.Covered && m.Review == "":
			m.Review = BeyondMention(centre, p)
			r.warnf(at, "le geste déclaré « %s » dépasse l'autorisation du centre : %s", id, m.Review)
		}
		o.Procedure, o.Origin, o.Verified, o.Reason, o.Source, o.CheckedOn, o.Review = id, string(origin), nil, m.Reason, m.Source, m.CheckedOn, m.Review
		out = append(out, m)
	}
	return out
}

// BeyondMention says, in French, why a declared procedure needs a check:
// the site's authorisation does not cover it.
func BeyondMention(c model.Centre, p model.Procedure) string {
	a, _ := c.RIAuthorisation()
	need := "une autre autorisation"
	if r := p.RIMention; r != nil {
		if r.Mention != "" {
			need = "la mention " + string(r.Mention)
		} else {
			need = "l'autorisation de l'" + r.OutsideRI
		}
	}
	return fmt.Sprintf("déclaré au-delà de l'autorisation du site (%s) : ce geste demande %s ; à vérifier", a.MentionLabelFR(), need)
}

// origin reads an offer's origin: version 2's « origin », version 1's
// « verified » (confirmed: declared; otherwise indicative). Each version
// refuses the other's field, so that a file says one thing.
func (rv *resolver) origin(o *Offer, at Pos) (model.OfferOrigin, bool) {
	r := rv.r
	if rv.unknownFormat {
		if origin, ok := model.ParseOfferOrigin(o.Origin); ok {
			return origin, true
		}
		if o.Verified != nil && *o.Verified {
			return model.OfferDeclared, true
		}
		return model.OfferIndicative, true
	}
	if rv.v1 {
		if _, ok := o.pos.get(fOrigin); ok {
			r.errorf(o.at(fOrigin, at), "champ « origin » de la version 2 du format dans un fichier « %s » : indiquez « format » : « %s »", FormatV1, FormatID)
			return "", false
		}
		if o.Verified != nil && *o.Verified {
			return model.OfferDeclared, true
		}
		return model.OfferIndicative, true
	}
	if o.Verified != nil {
		r.errorf(o.at(fVerified, at), "champ « verified » de la version 1 du format : la version 2 dit « origin » : « declare », « autorisation » ou « indicatif »")
		return "", false
	}
	if strings.TrimSpace(o.Origin) == "" {
		r.errorf(at, "origine du geste manquante (« origin » : « declare », « autorisation » ou « indicatif »)")
		return "", false
	}
	origin, ok := model.ParseOfferOrigin(o.Origin)
	if !ok {
		r.errorf(o.at(fOrigin, at), "origine du geste inconnue « %s » : « declare », « autorisation » ou « indicatif » attendu", o.Origin)
	}
	return origin, ok
}

// authorisations checks a centre's ARS authorisations.
func (rv *resolver) authorisations(c *Centre) []model.Authorisation {
	r := rv.r
	if rv.v1 && len(c.Authorisations) > 0 {
		r.errorf(c.at(fAuths), "champ « authorisations » de la version 2 du format dans un fichier « %s » : indiquez « format » : « %s »", FormatV1, FormatID)
		return nil
	}
	var out []model.Authorisation
	for i := range c.Authorisations {
		a := &c.Authorisations[i]
		where := a.at(fAuths, c.at(fAuths))
		m := a.model()
		m.Number = checkText(r, a.at(fNumber, where), a.Number, "numéro d'autorisation", false)
		m.RegisterID = checkText(r, a.at(fRegisterID, where), a.RegisterID, "identifiant au registre", false)
		m.Start = checkDate(r, a.at(fStart, where), a.Start, "date de début de l'autorisation", false, time.Time{})
		m.End = checkDate(r, a.at(fEnd, where), a.End, "date de fin de l'autorisation", false, time.Time{})
		m.Source = checkText(r, a.at(fSource, where), a.Source, "source de l'autorisation", true)
		m.FeedDate = checkDate(r, a.at(fFeedDate, where), a.FeedDate, "date du registre", true, rv.opt.Today)
		before := r.problems.Errors()
		switch {
		case m.Activity != model.ActivityRI:
			r.errorf(a.at(fActivity, where), "activité « %s » inconnue : seule la radiologie interventionnelle (%s) est lue", a.Activity, model.ActivityRI)
		case !m.Mention.Valid():
			r.errorf(a.at(fMention, where), "mention « %s » inconnue : A, B, C ou D attendu", a.Mention)
		case m.Practice != model.PracticeNone && m.Mention != model.MentionB:
			r.errorf(a.at(fPractice, where), "pratique « %s » donnée pour la mention %s : seule la mention B en a une (a : hors aorte thoracique, b : aorte thoracique comprise)", a.Practice, m.Mention)
		case m.Practice != model.PracticeNone && m.Practice != model.PracticeNoThoracicAo && m.Practice != model.PracticeThoracicAorta:
			r.errorf(a.at(fPractice, where), "pratique « %s » inconnue : « a » (hors aorte thoracique) ou « b » (aorte thoracique comprise)", a.Practice)
		case m.State != model.AuthorisationActive && m.State != model.AuthorisationInactive:
			r.errorf(a.at(fState, where), "état « %s » inconnu : « active » ou « inactive »", a.State)
		case m.Start != "" && m.End != "" && m.End < m.Start:
			r.errorf(a.at(fEnd, where), "fin de l'autorisation (%s) avant son début (%s)", m.End, m.Start)
		}
		a.Activity, a.Mention, a.Practice, a.State = m.Activity, string(m.Mention), string(m.Practice), m.State
		a.Number, a.RegisterID, a.Start, a.End, a.Source, a.FeedDate = m.Number, m.RegisterID, m.Start, m.End, m.Source, m.FeedDate
		if r.problems.Errors() == before {
			out = append(out, m)
		}
	}
	return out
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// suggestProcedure proposes the catalogue id closest to an unknown one.
func (rv *resolver) suggestProcedure(id string) string {
	best, bestD := "", 4
	folded := model.Slug(id)
	for _, known := range rv.g.procIDs {
		if d := model.EditDistance(folded, known); d < bestD {
			best, bestD = known, d
		}
		if best == "" && len(folded) >= 5 && (strings.HasPrefix(known, folded) || strings.HasPrefix(folded, known) || strings.Contains(model.Slug(rv.g.procedures[known].NameFR), folded)) {
			best = known
		}
	}
	if best == "" {
		return " (les identifiants des gestes sont listés dans docs/FORMAT.md)"
	}
	return fmt.Sprintf(" ; vouliez-vous dire « %s » ?", best)
}

// commune finds the centre's commune: by its INSEE code, or by its postal
// label and postcode (CEDEX labels and codes accepted), the coordinates
// settling ties.
func (rv *resolver) commune(c *Centre, postcode string) (model.Commune, bool) {
	if c.INSEE != "" {
		return rv.communeByINSEE(c, postcode)
	}
	return rv.communeByName(c, postcode)
}

// communeByINSEE checks the commune a code names against the postcode
// and the commune's name given beside it.
func (rv *resolver) communeByINSEE(c *Centre, postcode string) (model.Commune, bool) {
	r, g := rv.r, rv.g
	com, ok := g.communes[c.INSEE]
	if !ok {
		r.errorf(c.at(fINSEE), "code INSEE « %s » inconnu : aucune commune actuelle ne porte ce code", c.INSEE)
		return com, false
	}
	if !rv.coveredOrReport(c, com) {
		return com, false
	}
	if postcode != "" && !slices.Contains(g.byPostcode[postcode], com.INSEE) {
		if !slices.Contains(postcodeDepts(postcode), com.Dept) {
			r.errorf(c.at(fPostcode), "le code postal %s n'est pas dans le département de %s (%s)", postcode, com.Name, com.Dept)
			return com, false
		}
		// With La Poste's routing label, a CEDEX or special code is the
		// address's own: nothing to warn about.
		if strings.TrimSpace(c.CityLabel) == "" {
			r.warnf(c.at(fPostcode), "le code postal %s n'est pas un code de %s : code CEDEX ?", postcode, com.Name)
		}
	}
	if label := normName(c.Commune); label != "" && label != normName(com.Name) && !strings.HasPrefix(label, normName(com.Name)+" ") {
		r.warnf(c.at(fCommune), "la commune indiquée « %s » n'est pas celle du code INSEE %s (%s)", c.Commune, com.INSEE, com.Name)
	}
	return com, true
}

// communeByName finds the commune of a name (a postal label, often) and a
// postcode, from the strictest reading to the loosest; the loose ones
// come with a warning saying how the commune was chosen.
func (rv *resolver) communeByName(c *Centre, postcode string) (model.Commune, bool) {
	r, g := rv.r, rv.g
	g.indexNames()
	label := normName(c.Commune)
	if label == "" {
		r.errorf(Pos{Line: c.Line}, "commune manquante : indiquez son code INSEE, ou son nom et son code postal")
		return model.Commune{}, false
	}
	if postcode == "" {
		if cands := g.byName[label]; len(cands) > 0 {
			return rv.pick(c, cands, "")
		}
		r.errorf(c.at(fCommune), "commune introuvable « %s » : indiquez son code postal ou son code INSEE", c.Commune)
		return model.Commune{}, false
	}
	if cands, how := g.labelCandidates(label, postcode); len(cands) > 0 {
		return rv.pick(c, cands, how)
	}
	depts := postcodeDepts(postcode)
	if len(depts) == 1 && !g.covered(depts[0]) && len(g.byDept[depts[0]]) > 0 {
		r.errorf(c.at(fPostcode), "le code postal %s est celui d'une collectivité d'outre-mer que la carte ne couvre pas", postcode)
		return model.Commune{}, false
	}
	r.errorf(c.at(fCommune), "commune introuvable « %s » avec le code postal %s%s", c.Commune, postcode, rv.oldNameHint(c, postcode, depts))
	return model.Commune{}, false
}

// labelCandidates lists the communes a label and a postcode may name, and
// how they were found ("" for a plain match).
func (g *Geography) labelCandidates(label, postcode string) (cands []string, how string) {
	if cands := intersect(g.byPostcode[postcode], g.byName[label]); len(cands) > 0 {
		return cands, ""
	}
	depts := postcodeDepts(postcode)
	var inDept []string
	for _, id := range g.byName[label] {
		if slices.Contains(depts, g.communes[id].Dept) {
			inDept = append(inDept, id)
		}
	}
	if len(inDept) > 0 {
		return inDept, ""
	}
	// La Poste's labels are cut at 26 characters ("CHATEAU GONTIER SUR MAYENN").
	var truncated []string
	if len(label) >= 12 {
		for _, d := range depts {
			for _, id := range g.byDept[d] {
				if strings.HasPrefix(g.norm[id], label) {
					truncated = append(truncated, id)
				}
			}
		}
	}
	switch {
	case len(truncated) == 1:
		return truncated, ""
	case len(truncated) > 1:
		return truncated, "(libellé tronqué : plusieurs communes possibles, la plus proche des coordonnées retenue)"
	}
	// A merged commune: "VIRE" is now "Vire Normandie", "ANNECY LE VIEUX" is in "Annecy".
	var prefixed []string
	for _, d := range depts {
		for _, id := range g.byDept[d] {
			n := g.norm[id]
			if strings.HasPrefix(n, label+" ") || strings.HasPrefix(label, n+" ") {
				prefixed = append(prefixed, id)
			}
		}
	}
	if len(prefixed) > 0 {
		return prefixed, "(commune nouvelle ou associée ?)"
	}
	if served := g.byPostcode[postcode]; len(served) == 1 {
		return served, "d'après le code postal " + postcode
	}
	return nil, ""
}

// pick takes the one candidate, or the nearest to the centre's
// coordinates; how, when set, is the warning saying how it was found.
func (rv *resolver) pick(c *Centre, cands []string, how string) (model.Commune, bool) {
	g := rv.g
	id := cands[0]
	if len(cands) > 1 {
		if c.Latitude == nil || c.Longitude == nil {
			rv.r.errorf(c.at(fCommune), "commune ambiguë « %s » : %d communes possibles ; indiquez le code INSEE ou les coordonnées", c.Commune, len(cands))
			return model.Commune{}, false
		}
		id = g.nearest(cands, orb.Point{*c.Longitude, *c.Latitude})
	}
	com := g.communes[id]
	if how != "" {
		rv.r.warnf(c.at(fCommune), "commune « %s » introuvable telle quelle ; rattachée à %s (%s) %s", c.Commune, com.Name, com.INSEE, how)
	}
	return com, rv.coveredOrReport(c, com)
}

// oldNameHint suggests the commune nearest to the centre's coordinates for
// an old name the register still uses ("MOREZ", now "Hauts de Bienne"):
// without the history of merged communes there is no telling which
// commune took it, so it is only suggested.
func (rv *resolver) oldNameHint(c *Centre, postcode string, depts []string) string {
	if c.Latitude == nil || c.Longitude == nil {
		return ""
	}
	g, p := rv.g, orb.Point{*c.Longitude, *c.Latitude}
	cands := g.byPostcode[postcode]
	if len(cands) == 0 {
		for _, d := range depts {
			cands = append(cands, g.byDept[d]...)
		}
	}
	if id := g.nearest(cands, p); id != "" && geo.Distance(g.communes[id].Pos, p) <= nearestCommune {
		return fmt.Sprintf(" ; ancien nom d'une commune fusionnée ? La plus proche des coordonnées est %s (%s) : si c'est elle, indiquez son code INSEE", g.communes[id].Name, id)
	}
	return ""
}

func (rv *resolver) coveredOrReport(c *Centre, com model.Commune) bool {
	if rv.g.covered(com.Dept) {
		return true
	}
	at := c.at(fCommune)
	if c.INSEE != "" {
		at = c.at(fINSEE)
	}
	rv.r.errorf(at, "%s (%s) est dans une collectivité d'outre-mer (%s) que la carte ne couvre pas", com.Name, com.INSEE, com.Dept)
	return false
}

// position checks the coordinates given, or takes the commune's.
func (rv *resolver) position(c *Centre, com model.Commune) (orb.Point, bool) {
	r, g := rv.r, rv.g
	lat, lon := c.Latitude, c.Longitude
	switch {
	case lat == nil && lon == nil:
		if !com.Located() {
			r.errorf(Pos{Line: c.Line}, "la commune %s (%s) n'a pas de position connue : indiquez la latitude et la longitude du centre", com.Name, com.INSEE)
			return orb.Point{}, false
		}
		return com.Pos, true
	case lat == nil:
		r.errorf(c.at(fLongitude), "longitude sans latitude : donnez les deux, ou aucune")
		return orb.Point{}, false
	case lon == nil:
		r.errorf(c.at(fLatitude), "latitude sans longitude : donnez les deux, ou aucune")
		return orb.Point{}, false
	}
	p := orb.Point{*lon, *lat}
	if !g.InFrance(p) {
		hint := ""
		if g.InFrance(orb.Point{*lat, *lon}) {
			hint = " : latitude et longitude inversées ?"
		}
		r.errorf(c.at(fLatitude), "coordonnées hors de France (latitude %g, longitude %g)%s", *lat, *lon, hint)
		return orb.Point{}, false
	}
	if com.Located() {
		if d := geo.Distance(p, com.Pos); d > farFromCommune {
			r.warnf(c.at(fLatitude), "coordonnées à %.0f km de %s : à vérifier", d/1000, com.Name)
		}
	}
	return p, true
}

func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		if slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// FileSHA256 is the hex SHA-256 of a file's bytes.
func FileSHA256(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// CheckCentre checks one centre typed in a form (a centre the practice
// adds itself): the same checks as a file's centres. Problems name the
// field concerned in Pos.Field (the JSON names: "phone", "postcode"...).
// The id is not checked: the caller assigns it.
func CheckCentre(c *Centre, g *Geography, today time.Time) (model.Centre, Problems) {
	r := &report{}
	rv := &resolver{r: r, g: g, opt: Options{Today: today}, ids: map[string]int{}, finess: map[string]string{}, names: map[string]int{}}
	c.pos = nil
	for _, f := range centreKeys {
		c.pos.set(f, Pos{Field: f})
		if dst := c.text(f); dst != nil {
			*dst = r.safe(Pos{Field: f}, *dst)
		}
	}
	id := c.ID
	c.ID = "centre"
	m, _ := rv.centre(c)
	c.ID, m.ID = id, id
	var out Problems
	for _, p := range r.problems {
		if !strings.HasPrefix(p.Message, "aucun geste") {
			out = append(out, p)
		}
	}
	return m, out
}
