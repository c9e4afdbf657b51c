package register

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"atlasri/app/finessplus"
	"atlasri/app/mapproj"
	"atlasri/model"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// Options tune Read.
type Options struct {
	// Activity is the register code of the activity kept: model.ActivityRI
	// when empty. The published samples hold no RI record; tests read
	// them with another code to exercise the joins.
	Activity string
}

// Record is one authorised activity of the activity kept, as the
// activities feed gives it.
type Record struct {
	Line         int    // where its legal entity starts in the activities feed
	Entity       string // pmSmsseId of the legal entity
	EntityFINESS string
	EgeID        string // the site (empty when the feed names none)
	FINESS       string
	// Site is true for an activity exercised at a site (activitesExercees);
	// false for one held by the legal entity (activitesAutorisees).
	Site       bool
	RegisterID string // activiteAeId
	Number     string // numAutorisationArhgos
	Start, End string
	Code       string // AMM/QA030/MO000/ME047/PTS00/DE000
	Mention    model.Mention
	Practice   model.Practice
	endWhy     string // what End is: an end, an effective end, a lapse
}

// what names the record in a message.
func (r Record) what() string {
	s := "activité " + r.RegisterID
	var ids []string
	if r.EgeID != "" {
		ids = append(ids, "site egeId "+r.EgeID)
	}
	if r.FINESS != "" {
		ids = append(ids, "FINESS "+r.FINESS)
	}
	if len(ids) == 0 {
		ids = append(ids, "entité juridique "+r.Entity)
	}
	return s + " (" + strings.Join(ids, ", ") + ")"
}

// Skip is a record or a site left out, and why, in French.
type Skip struct {
	Feed string
	Line int
	What string
	// Kind groups the records left out for the same reason in the
	// publisher's report (« autorisation inactive »); Reason says it of
	// this record, with its dates and codes.
	Kind   string
	Reason string
}

func (s Skip) String() string {
	at := s.Feed
	if s.Line > 0 {
		at += fmt.Sprintf(", ligne %d", s.Line)
	}
	return fmt.Sprintf("%s : %s : %s", at, s.What, s.Reason)
}

// Site is an establishment holding authorisations of the activity kept,
// with what the structures feed says of it.
type Site struct {
	EgeID, FINESS string
	Name          string
	Category      string // the register's category code (TRE_R66)
	Sector        model.Sector
	Address       string
	Postcode      string
	INSEE         string
	CityLabel     string
	Phone         string
	// Lat and Lon are nil when the register gives no position; PosNote
	// says when it is not the building's own.
	Lat, Lon *float64
	PosNote  string
	// JoinedBy is "egeId", or "FINESS" when the site was found by its
	// number only.
	JoinedBy string
	Line     int // where its legal entity starts in the structures feed
	Records  []Record
	// closed says why the site cannot be kept ("" when it can).
	closed string
}

// Result is what Read found.
type Result struct {
	ActivitiesFeed, StructuresFeed string // file names
	Activities, Structures         finessplus.Header
	// What was read: legal entities, activities held and exercised, sites
	// of the structures feed.
	Entities, Held, Exercised int
	StructureEntities, Sites  int
	// Matching counts the records of the activity kept; Kept those that
	// made it into Authorised.
	Matching, Kept int
	ByFINESS       int // sites found by their FINESS number only
	Authorised     []Site
	Skipped        []Skip
	// Warnings are kept records with something to check (positions that
	// disagree…).
	Warnings []Skip
}

// Read streams both feeds and returns the sites authorised for the
// activity, each with its authorisations and its register data.
func Read(activities io.Reader, activitiesName string, structures io.Reader, structuresName string, opt Options) (*Result, error) {
	if opt.Activity == "" {
		opt.Activity = model.ActivityRI
	}
	res := &Result{ActivitiesFeed: activitiesName, StructuresFeed: structuresName}
	var records []Record
	h, err := finessplus.ReadActivities(activities, activitiesName, func(e finessplus.EntityActivities, line int) error {
		res.Entities++
		res.Held += len(e.Authorised)
		for _, s := range e.Sites {
			res.Exercised += len(s.Exercised)
		}
		records = append(records, res.select_(e, line, opt)...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	res.Activities = h
	feedDate := h.Date()
	if feedDate == "" {
		return nil, &finessplus.Error{File: activitiesName, Msg: fmt.Sprintf("date de génération du flux illisible « %s » : elle date les autorisations", h.GeneratedAt)}
	}
	records = res.inForce(records, feedDate)
	byEge, byFINESS := map[string]bool{}, map[string]bool{}
	for _, r := range records {
		if r.EgeID != "" {
			byEge[r.EgeID] = true
		}
		if r.FINESS != "" {
			byFINESS[r.FINESS] = true
		}
	}
	found := map[string]*Site{} // by egeId
	foundF := map[string]*Site{}
	h, err = finessplus.ReadStructures(structures, structuresName, func(e finessplus.Entity, line int) error {
		res.StructureEntities++
		for _, s := range e.Sites {
			res.Sites++
			ege, fin := string(s.Info.EgeID), string(s.Info.NumFiness)
			if !byEge[ege] && !byFINESS[fin] {
				continue
			}
			site := res.site(e, s, line, feedDate)
			if byEge[ege] {
				found[ege] = site
			}
			if byFINESS[fin] {
				foundF[fin] = site
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	res.Structures = h
	res.join(records, found, foundF, feedDate)
	return res, nil
}

// select_ picks the legal entity's records of the activity: those its
// sites exercise, and those it holds that no site exercise points at (a
// holding that names its site by egeId stands for it).
func (res *Result) select_(e finessplus.EntityActivities, line int, opt Options) []Record {
	var out []Record
	pointed := map[string]bool{}
	for _, s := range e.Sites {
		for _, a := range s.Exercised {
			pointed[string(a.Generic.IdentifiantAutorisation)] = true
			at := Record{Line: line, Entity: string(e.PmSmsseID), EntityFINESS: string(e.NumFiness), Site: true,
				EgeID: firstOf(string(s.EgeID), string(a.Generic.EgeID)), FINESS: string(s.NumFiness)}
			if r, ok := res.record(a, at, opt); ok {
				out = append(out, r)
			}
		}
	}
	for _, a := range e.Authorised {
		if pointed[string(a.Generic.ActiviteAeID)] {
			continue // exercised at a site: that record stands for it
		}
		at := Record{Line: line, Entity: string(e.PmSmsseID), EntityFINESS: string(e.NumFiness), EgeID: string(a.Generic.EgeID)}
		r, ok := res.record(a, at, opt)
		if !ok {
			continue
		}
		if r.EgeID == "" {
			res.skip(res.ActivitiesFeed, line, r.what(), SkipNoSite, "autorisation détenue par une entité juridique sans site d'exercice dans le flux (entité FINESS "+r.EntityFINESS+") : à quel site la rattacher ?")
			continue
		}
		out = append(out, r)
	}
	return out
}

// record reads one activity when it is of the activity kept, completing
// r, which says where it was found; records of the kind that cannot be
// used are reported skipped.
func (res *Result) record(a finessplus.Activity, r Record, opt Options) (Record, bool) {
	amm := a.Nature.Specific.AMM
	if a.Nature.Code != "AMM" || amm == nil || string(amm.Activity) != opt.Activity {
		return Record{}, false
	}
	res.Matching++
	g := a.Generic
	r.RegisterID, r.Number, r.Start, r.End, r.Code = string(g.ActiviteAeID), string(g.NumAutorisationArhgos), string(g.DateDebut), string(g.DateFin), amm.Code()
	r.endWhy = "autorisation terminée le"
	// The activity stops at the earliest of its end, its effective end
	// and its lapse.
	for _, d := range []struct{ v, why string }{{string(g.DateFinEffective), "activité arrêtée le"}, {string(g.DateCaducite), "autorisation caduque le"}} {
		if d.v != "" && (r.End == "" || d.v < r.End) {
			r.End, r.endWhy = d.v, d.why
		}
	}
	if g.EtatObjet != "A" {
		res.skip(res.ActivitiesFeed, r.Line, r.what(), SkipInactive, fmt.Sprintf("état « %s » : seules les autorisations actives (« A ») sont gardées", g.EtatObjet))
		return r, false
	}
	if opt.Activity != model.ActivityRI {
		return r, true
	}
	m, p, ok := Combination(*amm)
	if !ok {
		res.skip(res.ActivitiesFeed, r.Line, r.what(), SkipCombination, "combinaison « "+r.Code+" » absente de la nomenclature TRE_R392 (cinq combinaisons valides pour QA030)")
		return r, false
	}
	r.Mention, r.Practice = m, p
	return r, true
}

// inForce drops the records whose dates say they are not in force on the
// feed's date.
func (res *Result) inForce(records []Record, day string) []Record {
	out := records[:0]
	for _, r := range records {
		switch {
		case r.End != "" && r.End < day:
			res.skip(res.ActivitiesFeed, r.Line, r.what(), SkipEnded, r.endWhy+" "+model.DateFR(r.End))
		case r.Start != "" && r.Start > day:
			res.skip(res.ActivitiesFeed, r.Line, r.what(), SkipNotYet, "activité autorisée à partir du "+model.DateFR(r.Start)+", après la date du flux")
		default:
			out = append(out, r)
		}
	}
	return out
}

// Combination reads the coded form of an RI authorisation: one of the
// five combinations of the nomenclature TRE_R392 (mentions ME045 to
// ME048 are A to D; mention B comes with PTS09, without the thoracic
// aorta, or PTS10, with it).
func Combination(a finessplus.AMM) (model.Mention, model.Practice, bool) {
	if a.Activity != model.ActivityRI || a.Modality != "MO000" || a.Declaration != "DE000" {
		return "", "", false
	}
	switch {
	case a.Mention == "ME045" && a.Practice == "PTS00":
		return model.MentionA, model.PracticeNone, true
	case a.Mention == "ME046" && a.Practice == "PTS09":
		return model.MentionB, model.PracticeNoThoracicAo, true
	case a.Mention == "ME046" && a.Practice == "PTS10":
		return model.MentionB, model.PracticeThoracicAorta, true
	case a.Mention == "ME047" && a.Practice == "PTS00":
		return model.MentionC, model.PracticeNone, true
	case a.Mention == "ME048" && a.Practice == "PTS00":
		return model.MentionD, model.PracticeNone, true
	}
	return "", "", false
}

// site takes what Atlas RI needs of a site of the structures feed.
func (res *Result) site(e finessplus.Entity, s finessplus.Site, line int, day string) *Site {
	site := &Site{EgeID: string(s.Info.EgeID), FINESS: string(s.Info.NumFiness), Line: line,
		Name: firstOf(string(s.Info.LongName), string(s.Info.ShortName)), Category: string(s.Category), closed: closed(s, day)}
	site.Sector, _ = SectorOf(string(e.Info.StatutJuridique), s.Info.ESPIC)
	if a, ok := siteAddress(s.Addresses); ok {
		site.Address = streetLine(a)
		site.Postcode, site.INSEE, site.CityLabel = string(a.Postcode), string(a.INSEE), string(a.CityLabel)
		res.position(site, a)
	}
	for _, c := range s.Contacts {
		if c.Telecom.Phone != "" {
			site.Phone = string(c.Telecom.Phone)
			break
		}
	}
	return site
}

// closed says why a site cannot be kept, or "".
func closed(s finessplus.Site, day string) string {
	switch {
	case s.EtatObjet != "" && s.EtatObjet != "A":
		return fmt.Sprintf("établissement à l'état « %s » dans le flux Structures (fermé ?)", s.EtatObjet)
	case s.Info.DateFermeture != "" && string(s.Info.DateFermeture) <= day:
		return "établissement fermé le " + model.DateFR(string(s.Info.DateFermeture))
	}
	return ""
}

// siteAddress picks the site's own address (usage 03), else the first.
func siteAddress(as []finessplus.Address) (finessplus.Address, bool) {
	for _, a := range as {
		if a.Usage == "03" {
			return a, true
		}
	}
	if len(as) > 0 {
		return as[0], true
	}
	return finessplus.Address{}, false
}

// streetLine is the street address as a letter prints it: La Poste's line
// four (« 62 AVENUE DE JASSERON »), or its parts, with the complement
// before and the locality or post-office box after.
func streetLine(a finessplus.Address) string {
	street := string(a.Line4)
	if street == "" {
		street = strings.Join(strings.Fields(string(a.Number)+" "+string(a.StreetType)+" "+string(a.Street)), " ")
	}
	var parts []string
	for _, p := range []string{string(a.Complement), street, string(a.Locality)} {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// disagree is how far apart the register's two positions of a site may be
// before they are questioned: both come from the same geocoding.
const disagree = 100 // metres

// position takes the site's position: the WGS84 one, checked against the
// Lambert-93 one (whose fields are swapped: X is the northing), or the
// Lambert-93 one converted when it is the only one. Lambert-93 covers
// metropolitan France only.
func (res *Result) position(site *Site, a finessplus.Address) {
	g := a.Geolocation
	if g == nil {
		return
	}
	lat, errLat := strconv.ParseFloat(string(g.Lat), 64)
	lon, errLon := strconv.ParseFloat(string(g.Lon), 64)
	wgs := errLat == nil && errLon == nil && !math.IsNaN(lat) && !math.IsNaN(lon)
	l93, hasL93 := Lambert93(string(g.Northing), string(g.Easting))
	metropolitan := !strings.HasPrefix(string(a.INSEE), "97") && !strings.HasPrefix(string(a.INSEE), "98")
	what := "site egeId " + site.EgeID + " (FINESS " + site.FINESS + ")"
	switch {
	case wgs:
		site.Lat, site.Lon = &lat, &lon
		if hasL93 && metropolitan {
			if d := geo.Distance(orb.Point{lon, lat}, l93); d > disagree {
				res.Warnings = append(res.Warnings, Skip{Feed: res.StructuresFeed, Line: site.Line, What: what,
					Reason: fmt.Sprintf("les coordonnées WGS84 et Lambert-93 du registre sont à %.0f m l'une de l'autre ; la position WGS84 est gardée", d)})
			}
		}
	case hasL93 && metropolitan:
		lat, lon := l93.Lat(), l93.Lon()
		site.Lat, site.Lon = &lat, &lon
		site.PosNote = "position calculée depuis les coordonnées Lambert-93 du registre (pas de coordonnées WGS84)"
	}
	if site.Lat != nil && g.BANScore != "" {
		if score, err := strconv.ParseFloat(string(g.BANScore), 64); err == nil && score < 0.5 {
			site.PosNote = fmt.Sprintf("position approchée : géocodage du registre peu sûr (score BAN %.2f)", score)
		}
	}
}

// Lambert93 reads the register's Lambert-93 coordinates, whose fields are
// swapped (coordonneeX holds the northing, coordonneeY the easting), and
// returns the point in WGS84 degrees. It refuses values that are not in
// the projection's range for France, which is how the swap shows.
func Lambert93(northing, easting string) (orb.Point, bool) {
	n, err1 := strconv.ParseFloat(northing, 64)
	e, err2 := strconv.ParseFloat(easting, 64)
	if err1 != nil || err2 != nil || n < 6_000_000 || n > 7_200_000 || e < 0 || e > 1_300_000 {
		return orb.Point{}, false
	}
	return mapproj.Lambert93.Inverse(orb.Point{e, n}), true
}

// join attaches each record to its site and gathers the sites.
func (res *Result) join(records []Record, byEge, byFINESS map[string]*Site, day string) {
	sites := map[*Site]bool{}
	var order []*Site
	for _, r := range records {
		site, how := byEge[r.EgeID], "egeId"
		if site == nil && r.FINESS != "" {
			site, how = byFINESS[r.FINESS], "FINESS"
		}
		if site == nil {
			res.skip(res.ActivitiesFeed, r.Line, r.what(), SkipNoStructure, "établissement absent du flux Structures (ni son egeId ni son numéro FINESS n'y figurent)")
			continue
		}
		if site.closed != "" {
			res.skip(res.StructuresFeed, site.Line, r.what(), SkipClosed, site.closed)
			continue
		}
		if site.Sector == "" {
			res.skip(res.StructuresFeed, site.Line, r.what(), SkipStatus, "statut juridique de l'entité juridique inconnu : public ou privé ? (à donner dans le fichier de corrections)")
			continue
		}
		if r.FINESS != "" && site.FINESS != r.FINESS && how == "egeId" {
			res.Warnings = append(res.Warnings, Skip{Feed: res.ActivitiesFeed, Line: r.Line, What: r.what(),
				Reason: fmt.Sprintf("le flux Structures donne au site egeId %s le numéro FINESS %s : celui-ci est gardé", r.EgeID, site.FINESS)})
		}
		if site.JoinedBy == "" || how == "egeId" {
			site.JoinedBy = how
		}
		site.Records = append(site.Records, r)
		res.Kept++
		if !sites[site] {
			sites[site] = true
			order = append(order, site)
		}
	}
	for _, s := range order {
		if s.JoinedBy == "FINESS" {
			res.ByFINESS++
		}
		res.Authorised = append(res.Authorised, *s)
	}
	sort.SliceStable(res.Authorised, func(i, j int) bool { return res.Authorised[i].FINESS < res.Authorised[j].FINESS })
}

func (res *Result) skip(feed string, line int, what, kind, reason string) {
	res.Skipped = append(res.Skipped, Skip{Feed: feed, Line: line, What: what, Kind: kind, Reason: reason})
}

// The kinds of records left out.
const (
	SkipNoSite      = "autorisation sans site d'exercice"
	SkipInactive    = "autorisation inactive"
	SkipCombination = "combinaison absente de la nomenclature TRE_R392"
	SkipEnded       = "autorisation terminée, arrêtée ou caduque"
	SkipNotYet      = "autorisation pas encore en vigueur"
	SkipNoStructure = "établissement absent du flux Structures"
	SkipClosed      = "établissement fermé"
	SkipStatus      = "statut juridique inconnu"
	SkipRefused     = "site refusé par les contrôles de l'annuaire"
)

func firstOf(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return strings.TrimSpace(a)
	}
	return strings.TrimSpace(b)
}
