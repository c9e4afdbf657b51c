package cli

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"strings"
	"text/tabwriter"

	"atlasri/app/search"
	"atlasri/app/search/textq"
	"atlasri/model"
)

const searchUsage = `Usage : atlas-ri search [--procedure ID|TEXTE] [--near LIEU] [--radius KM]
                        [--dept CODE] [--sector public|privé] [--origin autorisés|déclarés]
                        [--limit N] [--json]

Liste les centres, du plus proche au plus loin de LIEU (commune, code postal,
département, ou code INSEE écrit insee:49007), qui proposent le geste ou la
famille de gestes (identifiant ou mots du médecin : « fibrome », « HBP »...).
Un code postal commun à plusieurs communes part de la plus peuplée et nomme
les autres. Les distances sont à vol d'oiseau. Sans centre dans le rayon, les
plus proches au-delà sont donnés. Sans --near, les centres sont listés par
département. --origin autorisés garde les gestes que l'autorisation ARS du site
couvre (registre FINESS+) ; --origin déclarés ceux que le centre a déclarés.

Options :
`

func runSearch(e *env, fs *flag.FlagSet, args []string) int {
	procedure := fs.String("procedure", "", "geste ou famille : identifiant ou texte")
	near := addNearFlag(fs)
	radius := fs.Float64("radius", 0, "rayon en km (0 : sans rayon)")
	dept := fs.String("dept", "", "seulement les centres de ce département (49, 2A, 974...)")
	sector := fs.String("sector", "", "public ou privé")
	origin := fs.String("origin", "", "autorisés (couverts par l'autorisation ARS du site) ou déclarés (par le centre)")
	limit := fs.Int("limit", search.DefaultLimit, "nombre de centres au plus")
	setUsage(fs, searchUsage)
	if !e.parseOptionsOnly(fs, args, "Le geste se donne avec --procedure, le lieu avec --near.") {
		return ExitUsage
	}
	if *radius < 0 || math.IsNaN(*radius) || *radius > maxRadiusKm {
		fmt.Fprintf(e.stderr, "Rayon invalide : %g (attendu un nombre de km de 0 à %d).\n", *radius, maxRadiusKm)
		return ExitUsage
	}
	if !e.validLimit(*limit) {
		return ExitUsage
	}
	sec, ok := parseSector(*sector)
	if !ok {
		fmt.Fprintf(e.stderr, "Secteur inconnu « %s » : public ou privé.\n", *sector)
		return ExitUsage
	}
	orig, ok := parseOrigin(*origin)
	if !ok {
		fmt.Fprintf(e.stderr, "Origine inconnue « %s » : autorisés ou déclarés.\n", *origin)
		return ExitUsage
	}
	a, eng, ok := e.openSearch()
	if !ok {
		return ExitFailure
	}
	defer a.Close()

	q := search.Query{RadiusKm: *radius, Dept: strings.ToUpper(strings.TrimSpace(*dept)), Sector: sec, Origin: orig, Limit: *limit}
	out := searchJSON{RadiusKm: *radius}
	var target search.Target
	if strings.TrimSpace(*procedure) != "" {
		t, err := eng.ResolveCatalogue(*procedure)
		if err != nil {
			fmt.Fprintln(e.stderr, err)
			return ExitFailure
		}
		target = t
		out.Target = targetJSON(eng, t)
		setTarget(&q, t)
	}
	if q.Dept != "" {
		if _, ok := eng.Departement(q.Dept); !ok {
			fmt.Fprintf(e.stderr, "Département inconnu « %s ».%s\n", *dept, suggestionsLine(eng.SuggestPlaces(*dept, 3)))
			return ExitFailure
		}
	}
	if strings.TrimSpace(*near) != "" {
		loc, ok := e.locate(eng, *near)
		if !ok {
			return ExitFailure
		}
		q.Point, q.From = &loc.Point, loc.Dept
		out.Near = locationJSON(loc)
	}
	res, err := eng.Nearest(q)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	info, _ := a.DirectoryInfo()
	out.fill(res, info.Label)
	if e.json {
		return e.writeJSON(out)
	}
	e.printSearch(out, target, q)
	return ExitOK
}

// maxRadiusKm is half the Earth's circumference: no place is farther, and
// larger radii (Inf) mean nothing.
const maxRadiusKm = 20_040

func parseSector(s string) (search.SectorFilter, bool) {
	switch textq.Normalize(s) {
	case "":
		return search.AnySector, true
	case "public":
		return search.PublicOnly, true
	case "prive", "private":
		return search.PrivateOnly, true
	}
	return "", false
}

func parseOrigin(s string) (search.OriginFilter, bool) {
	switch strings.TrimSuffix(textq.Normalize(s), "s") {
	case "":
		return search.AnyOrigin, true
	case "autorise", "authorised", "autorisation":
		return search.Authorised, true
	case "declare", "declared":
		return search.Declared, true
	}
	return "", false
}

func suggestionsLine(s []search.Suggestion) string {
	if len(s) == 0 {
		return ""
	}
	names := make([]string, len(s))
	for i, x := range s {
		names[i] = x.Text()
	}
	return " Vouliez-vous dire : " + strings.Join(names, ", ") + " ?"
}

// searchJSON is the answer of `search`, as --json writes it.
type searchJSON struct {
	Target           *targetOut  `json:"procedure,omitempty"`
	Near             *placeOut   `json:"near,omitempty"`
	RadiusKm         float64     `json:"radius_km"`
	WithinRadius     bool        `json:"within_radius"`
	OutsideTerritory bool        `json:"outside_territory"`
	Matching         int         `json:"matching"`
	Messages         []string    `json:"messages"`
	DirectoryLabel   string      `json:"directory_label,omitempty"`
	Centres          []centreOut `json:"centres"`
}

type targetOut struct {
	Kind             search.Kind         `json:"kind"`
	ID               string              `json:"id"`
	Name             string              `json:"name"`
	Emergency        bool                `json:"emergency"`
	EmergencyConduct string              `json:"emergency_conduct,omitempty"`
	Others           []search.Suggestion `json:"others,omitempty"`
}

type placeOut struct {
	search.Location
	Lon float64 `json:"lon"`
	Lat float64 `json:"lat"`
	// Also: the other communes of a shared postcode, with their positions.
	Also []placeOut `json:"also,omitempty"`
	// SharedPostcode: « 49000 : Angers ; couvre aussi Écouflant ».
	SharedPostcode string `json:"shared_postcode,omitempty"`
}

type centreOut struct {
	Rank           int                  `json:"rank"`
	ID             string               `json:"id"`
	Name           string               `json:"name"`
	Category       string               `json:"category"`
	Sector         model.Sector         `json:"sector"`
	Commune        string               `json:"commune"`
	Dept           string               `json:"dept"`
	Lon            float64              `json:"lon"`
	Lat            float64              `json:"lat"`
	FINESS         string               `json:"finess,omitempty"`
	Address        string               `json:"address,omitempty"`
	Postcode       string               `json:"postcode,omitempty"`
	CityLabel      string               `json:"city_label,omitempty"`
	Phone          string               `json:"phone,omitempty"`
	ContactSource  string               `json:"contact_source,omitempty"`
	PosNote        string               `json:"position_note,omitempty"`
	DistanceKm     *float64             `json:"distance_km,omitempty"` // à vol d'oiseau
	Origin         model.OfferOrigin    `json:"origin"`
	Authorisation  *model.Authorisation `json:"authorisation,omitempty"`
	OtherTerritory bool                 `json:"other_territory,omitempty"`
	AcrossSea      bool                 `json:"across_sea,omitempty"`
	Procedures     []search.OfferMatch  `json:"procedures,omitempty"`
}

func targetJSON(eng *search.Engine, t search.Target) *targetOut {
	o := &targetOut{Kind: t.Kind, ID: t.ID, Name: t.Label, Emergency: t.Emergency, Others: t.Others}
	if p, ok := eng.Procedure(t.ID); ok && t.Kind == search.KindProcedure && p.EmergencyConduct != nil {
		o.EmergencyConduct = p.EmergencyConduct.Text
	}
	return o
}

func locationJSON(l search.Location) *placeOut {
	o := &placeOut{Location: l, Lon: l.Point.Lon(), Lat: l.Point.Lat(), SharedPostcode: l.SharedPostcodeNote()}
	for _, a := range l.Also {
		o.Also = append(o.Also, *locationJSON(a))
	}
	return o
}

func (o *searchJSON) fill(r search.Result, label string) {
	o.WithinRadius, o.OutsideTerritory, o.Matching = r.WithinRadius, r.OutsideTerritory, r.Matching
	o.Messages = []string{}
	for _, m := range r.Messages {
		o.Messages = append(o.Messages, m.String())
	}
	o.DirectoryLabel = label
	o.Centres = []centreOut{}
	for i, h := range r.Hits {
		c := centreOut{
			Rank: i + 1, ID: h.Centre.ID, Name: h.Centre.Name, Category: h.Centre.Category, Sector: h.Centre.Sector,
			Commune: h.Centre.Commune, Dept: h.Centre.Dept, Lon: h.Centre.Pos.Lon(), Lat: h.Centre.Pos.Lat(),
			FINESS: h.Centre.FINESS, Address: h.Centre.Address, Postcode: h.Centre.Postcode, CityLabel: h.Centre.CityLabel,
			Phone: h.Centre.Phone, ContactSource: h.Centre.ContactSource, PosNote: h.Centre.PosNote,
			Origin: h.Origin, OtherTerritory: h.OtherTerritory, AcrossSea: h.AcrossSea, Procedures: h.Offers,
		}
		if a, ok := h.Centre.RIAuthorisation(); ok {
			c.Authorisation = &a
		}
		if r.FromPoint {
			d := h.DistanceKm
			c.DistanceKm = &d
		}
		o.Centres = append(o.Centres, c)
	}
}

func (e *env) printSearch(o searchJSON, t search.Target, q search.Query) {
	w := e.stdout
	if o.Target != nil {
		kind := "Geste"
		if o.Target.Kind == search.KindFamily {
			kind = "Famille de gestes"
		}
		fmt.Fprintf(w, "%s : %s [%s]\n", kind, o.Target.Name, o.Target.ID)
		if !t.Exact && len(t.Others) > 0 {
			fmt.Fprintf(w, "  (autres possibilités :%s)\n", strings.TrimSuffix(strings.TrimPrefix(suggestionsLine(t.Others), " Vouliez-vous dire :"), " ?"))
		}
		if o.Target.Emergency {
			fmt.Fprintf(w, "URGENCE : %s\n", o.Target.EmergencyConduct)
		}
	}
	if o.Near != nil {
		fmt.Fprintf(w, "Autour de : %s", o.Near.Label)
		if o.Near.Postcode != "" {
			fmt.Fprintf(w, ", %s", o.Near.Postcode)
		}
		if o.Near.Note != "" {
			fmt.Fprintf(w, " (%s)", o.Near.Note)
		}
		fmt.Fprintln(w)
		if o.Near.SharedPostcode != "" {
			fmt.Fprintf(w, "  (%s ; précisez la commune pour partir d'elle)\n", o.Near.SharedPostcode)
		}
	}
	if q.RadiusKm > 0 {
		fmt.Fprintf(w, "Rayon : %s km\n", strings.Replace(fmt.Sprintf("%g", q.RadiusKm), ".", ",", 1))
	}
	for _, m := range o.Messages {
		fmt.Fprintln(w, m)
	}
	if o.DirectoryLabel != "" {
		fmt.Fprintln(w, o.DirectoryLabel)
	}
	if len(o.Centres) == 0 {
		fmt.Fprintln(w, "Aucun centre ne correspond à la recherche.")
		return
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if o.Near != nil {
		fmt.Fprintf(tw, "N°\tDistance (%s)\tCentre\tCommune\tSecteur\tOffre\n", search.StraightLine)
	} else {
		fmt.Fprintln(tw, "N°\tCentre\tCommune\tSecteur\tOffre")
	}
	for _, c := range o.Centres {
		offer := offerFR(c)
		place := fmt.Sprintf("%s (%s)", c.Commune, c.Dept)
		if c.OtherTerritory {
			place += " (hors territoire)"
		}
		if c.AcrossSea {
			place += " (de l'autre côté de la mer)"
		}
		if c.DistanceKm != nil {
			fmt.Fprintf(tw, "%d\t%s km\t%s\t%s\t%s\t%s\n", c.Rank, strings.Replace(fmt.Sprintf("%.1f", *c.DistanceKm), ".", ",", 1),
				c.Name, place, c.Sector.LabelFR(), offer)
		} else {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", c.Rank, c.Name, place, c.Sector.LabelFR(), offer)
		}
	}
	tw.Flush()
	if o.Matching > len(o.Centres) {
		fmt.Fprintf(w, "\n%d centres sur %d correspondants (--limit pour en voir plus).\n", len(o.Centres), o.Matching)
	}
}

// offerFR says in a word or two what backs the centre's offer.
func offerFR(c centreOut) string {
	mention := ""
	if c.Authorisation != nil {
		mention = " (mention " + string(c.Authorisation.Mention) + ")"
	}
	switch c.Origin {
	case model.OfferDeclared:
		return "déclarée" + mention
	case model.OfferAuthorised:
		return "autorisée" + mention
	}
	return "indicative"
}

// kindFR names a suggestion's kind for the text output.
var kindFR = map[search.Kind]string{
	search.KindProcedure: "geste", search.KindFamily: "famille", search.KindCommune: "commune",
	search.KindArrondissement: "arrondissement", search.KindPostcode: "code postal", search.KindINSEE: "code INSEE",
	search.KindDepartement: "département", search.KindCollectivite: "collectivité",
}

func runSuggest(e *env, fs *flag.FlagSet, args []string) int {
	limit := fs.Int("limit", search.DefaultLimit, "nombre de propositions au plus")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage : atlas-ri suggest TEXTE [--limit N] [--json]\n\nPropose gestes, familles et lieux pour un texte tapé (fautes de frappe tolérées).\n\nOptions :")
		printOptions(fs)
	}
	words, ok := parseInterleaved(e, fs, args)
	if !ok {
		return ExitUsage
	}
	text := strings.Join(words, " ")
	if strings.TrimSpace(text) == "" {
		fmt.Fprintln(e.stderr, "Texte à chercher manquant : atlas-ri suggest TEXTE.")
		return ExitUsage
	}
	if *limit < 1 || *limit > search.MaxLimit {
		fmt.Fprintf(e.stderr, "Nombre de propositions invalide : %d (attendu de 1 à %d).\n", *limit, search.MaxLimit)
		return ExitUsage
	}
	a, eng, ok := e.openSearch()
	if !ok {
		return ExitFailure
	}
	defer a.Close()
	found := eng.Suggest(text, *limit)
	if e.json {
		if found == nil {
			found = []search.Suggestion{}
		}
		if c := e.writeJSON(found); c != ExitOK {
			return c
		}
	} else {
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		for _, s := range found {
			label := s.Label
			if s.Emergency {
				label += " (URGENCE : appeler le 15)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", kindFR[s.Kind], s.ID, label, s.Detail)
		}
		tw.Flush()
	}
	if len(found) == 0 {
		fmt.Fprintf(e.stderr, "Aucune proposition pour « %s ».\n", text)
		return ExitFailure
	}
	return ExitOK
}

// parseInterleaved parses flags placed before, between or after the
// positional words ("suggest saint denis --json").
func parseInterleaved(e *env, fs *flag.FlagSet, args []string) ([]string, bool) {
	var words []string
	for {
		if !e.parse(fs, args) {
			return nil, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return words, true
		}
		if rest[0] == "--" {
			return append(words, rest[1:]...), true
		}
		words = append(words, rest[0])
		args = rest[1:]
	}
}

func runCoverage(e *env, fs *flag.FlagSet, args []string) int {
	procedure := fs.String("procedure", "", "geste : identifiant ou texte")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage : atlas-ri coverage --procedure ID|TEXTE [--json]\n\nPar département : distance médiane (pondérée par la population) de chaque\ncommune au centre le plus proche qui propose le geste, et part de la\npopulation à plus de 50 et 100 km.\n\nOptions :")
		printOptions(fs)
	}
	if !e.parseOptionsOnly(fs, args, "Le geste se donne avec --procedure.") {
		return ExitUsage
	}
	if strings.TrimSpace(*procedure) == "" {
		fmt.Fprintln(e.stderr, "Geste manquant : atlas-ri coverage --procedure ID.")
		return ExitUsage
	}
	a, eng, ok := e.openSearch()
	if !ok {
		return ExitFailure
	}
	defer a.Close()
	t, err := eng.ResolveCatalogue(*procedure)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	if t.Kind != search.KindProcedure {
		fmt.Fprintf(e.stderr, "« %s » est une famille de gestes : la couverture se calcule pour un geste.\n", t.Label)
		return ExitFailure
	}
	rows, err := eng.Coverage(t.ID)
	if err != nil {
		if errors.Is(err, search.ErrNoCentre) {
			fmt.Fprintf(e.stderr, "Couverture impossible : %v.\n", err)
		} else {
			fmt.Fprintln(e.stderr, err)
		}
		return ExitFailure
	}
	if e.json {
		return e.writeJSON(struct {
			Procedure string                `json:"procedure"`
			Name      string                `json:"name"`
			Rows      []search.DeptCoverage `json:"departements"`
		}{t.ID, t.Label, rows})
	}
	fmt.Fprintf(e.stdout, "Couverture : %s [%s]\n", t.Label, t.ID)
	if info, _ := a.DirectoryInfo(); info.Label != "" {
		fmt.Fprintln(e.stdout, info.Label)
	}
	fmt.Fprintln(e.stdout)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Code\tDépartement\tCentres\tMédiane à vol d'oiseau (km)\t> 50 km\t> 100 km\tCommunes\tSans position\t")
	for _, r := range rows {
		note := ""
		if r.OutsideTerritory {
			note = " *"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s%s\t%s\t%s\t%d\t%d\t\n", r.Dept, r.Name, r.Centres, frNum(r.MedianKm), note,
			percent(r.Beyond50), percent(r.Beyond100), r.Communes, r.Skipped)
	}
	tw.Flush()
	fmt.Fprintln(e.stdout, "\n* aucun centre sur le territoire : distance au plus proche hors du territoire.")
	return ExitOK
}

func frNum(x float64) string { return strings.Replace(fmt.Sprintf("%.1f", x), ".", ",", 1) }

func percent(x float64) string { return strings.Replace(fmt.Sprintf("%.1f %%", 100*x), ".", ",", 1) }
