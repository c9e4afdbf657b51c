package exchange

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"atlasri/model"
)

type jsonFile struct {
	Format     string       `json:"format"`
	Version    string       `json:"version"`
	Date       string       `json:"date"`
	Indicative bool         `json:"indicative"`
	Label      string       `json:"label,omitempty"`
	Source     string       `json:"source,omitempty"`
	Provenance *Provenance  `json:"provenance,omitempty"`
	Centres    []jsonCentre `json:"centres"`
}

type jsonCentre struct {
	ID            string      `json:"id"`
	Name          string      `json:"name"`
	Category      string      `json:"category,omitempty"`
	Sector        string      `json:"sector"`
	FINESS        string      `json:"finess,omitempty"`
	Address       string      `json:"address,omitempty"`
	Postcode      string      `json:"postcode,omitempty"`
	CityLabel     string      `json:"city_label,omitempty"`
	Commune       string      `json:"commune,omitempty"`
	INSEE         string      `json:"insee,omitempty"`
	Latitude      *float64    `json:"latitude,omitempty"`
	Longitude     *float64    `json:"longitude,omitempty"`
	PosNote       string      `json:"position_note,omitempty"`
	Phone         string      `json:"phone,omitempty"`
	Email         string      `json:"email,omitempty"`
	MSSante       string      `json:"mssante,omitempty"`
	Website       string      `json:"website,omitempty"`
	ContactSource string      `json:"contact_source,omitempty"`
	Source        string      `json:"source"`
	CheckedOn     string      `json:"checked_on"`
	Auths         []jsonAuth  `json:"authorisations,omitempty"`
	Offers        []jsonOffer `json:"offers"`
}

type jsonAuth struct {
	Activity   string `json:"activity"`
	Mention    string `json:"mention"`
	Practice   string `json:"practice,omitempty"`
	Number     string `json:"number,omitempty"`
	RegisterID string `json:"register_id,omitempty"`
	Start      string `json:"start,omitempty"`
	End        string `json:"end,omitempty"`
	State      string `json:"state"`
	Source     string `json:"source"`
	FeedDate   string `json:"feed_date"`
}

type jsonOffer struct {
	Procedure string `json:"procedure"`
	Origin    string `json:"origin"`
	Reason    string `json:"reason,omitempty"`
	Source    string `json:"source,omitempty"`
	CheckedOn string `json:"checked_on,omitempty"`
	Review    string `json:"review,omitempty"`
}

// WriteJSON writes f in the JSON exchange format, indented, in UTF-8.
func WriteJSON(w io.Writer, f *File) error {
	out := jsonFile{Format: FormatID, Version: f.Version, Date: f.Date, Indicative: f.Indicative, Label: f.Label,
		Source: f.Source, Provenance: f.Provenance, Centres: make([]jsonCentre, 0, len(f.Centres))}
	for _, c := range f.Centres {
		jc := jsonCentre{ID: c.ID, Name: c.Name, Category: c.Category, Sector: c.Sector, FINESS: c.FINESS,
			Address: c.Address, Postcode: c.Postcode, CityLabel: c.CityLabel, Commune: c.Commune, INSEE: c.INSEE,
			Latitude: c.Latitude, Longitude: c.Longitude, PosNote: c.PosNote, Phone: c.Phone, Email: c.Email,
			MSSante: c.MSSante, Website: c.Website, ContactSource: c.ContactSource, Source: c.Source, CheckedOn: c.CheckedOn, Offers: make([]jsonOffer, 0, len(c.Offers))}
		for _, a := range c.Authorisations {
			jc.Auths = append(jc.Auths, jsonAuth(a.values()))
		}
		for _, o := range c.Offers {
			jc.Offers = append(jc.Offers, jsonOffer{o.Procedure, o.Origin, o.Reason, o.Source, o.CheckedOn, o.Review})
		}
		out.Centres = append(out.Centres, jc)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// MarshalJSON returns f in the JSON exchange format.
func MarshalJSON(f *File) ([]byte, error) {
	var b bytes.Buffer
	err := WriteJSON(&b, f)
	return b.Bytes(), err
}

// FromDirectory turns a directory, as reference.db holds it, into a File
// ready to be written; every centre carries its commune and coordinates.
func FromDirectory(d model.Directory) *File {
	f := &File{Kind: KindJSON, Format: FormatID, Version: d.Version, Date: d.Date, Indicative: d.Indicative,
		Label: d.Label, Source: d.Source}
	for _, c := range d.Centres {
		lat, lon := c.Pos.Lat(), c.Pos.Lon()
		fc := Centre{ID: c.ID, Name: c.Name, Category: c.Category, Sector: string(c.Sector), FINESS: c.FINESS,
			Address: c.Address, Postcode: c.Postcode, CityLabel: c.CityLabel, Commune: c.Commune, INSEE: c.INSEE,
			Latitude: &lat, Longitude: &lon, PosNote: c.PosNote, Phone: c.Phone, Email: c.Email, MSSante: c.MSSante,
			Website: c.Website, ContactSource: c.ContactSource, Source: c.Source, CheckedOn: c.CheckedOn}
		for _, a := range c.Authorisations {
			fc.Authorisations = append(fc.Authorisations, Authorisation{Activity: a.Activity, Mention: string(a.Mention),
				Practice: string(a.Practice), Number: a.Number, RegisterID: a.RegisterID, Start: a.Start, End: a.End,
				State: a.State, Source: a.Source, FeedDate: a.FeedDate})
		}
		for _, o := range c.Offers {
			fc.Offers = append(fc.Offers, Offer{Procedure: o.ProcedureID, Origin: string(o.Origin), Reason: o.Reason,
				Source: o.Source, CheckedOn: o.CheckedOn, Review: o.Review})
		}
		f.Centres = append(f.Centres, fc)
	}
	return f
}

// authValues is an authorisation's fields in the order of jsonAuth.
type authValues struct {
	Activity, Mention, Practice, Number, RegisterID string
	Start, End, State, Source, FeedDate             string
}

func (a Authorisation) values() authValues {
	return authValues{a.Activity, a.Mention, a.Practice, a.Number, a.RegisterID, a.Start, a.End, a.State, a.Source, a.FeedDate}
}

// Select keeps only the centres whose ids are listed, in file order, and
// returns the ids that matched no centre.
func (f *File) Select(ids []string) (unknown []string) {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	kept := f.Centres[:0]
	for _, c := range f.Centres {
		if want[c.ID] {
			kept = append(kept, c)
			delete(want, c.ID)
		}
	}
	f.Centres = kept
	for id := range want {
		unknown = append(unknown, id)
	}
	sort.Strings(unknown)
	return unknown
}

// sectorCSV is how the CSV writes a sector, in a spreadsheet user's words.
var sectorCSV = map[string]string{
	string(model.SectorPublic): "public", string(model.SectorPrivate): "privé", string(model.SectorPrivateNonProfit): "ESPIC",
}

// WriteCSV writes f as a CSV file a French spreadsheet opens as is: UTF-8
// with a BOM, ";" between columns, CRLF line ends, decimal commas. It
// returns, in French, what the CSV cannot carry and was left out.
func WriteCSV(w io.Writer, f *File) (lost []string, err error) {
	if _, err := w.Write(utf8BOM); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	header := make([]string, len(csvColumns))
	for i, c := range csvColumns {
		header[i] = c.header
	}
	if err := cw.Write(header); err != nil {
		return nil, err
	}
	ownDetail, severalReasons, severalAuths, reviews := 0, 0, 0, 0
	for _, c := range f.Centres {
		var declared, authorised, indicative, reasons []string
		detail := false
		for _, o := range c.Offers {
			switch model.OfferOrigin(o.Origin) {
			case model.OfferDeclared:
				declared = append(declared, o.Procedure)
			case model.OfferAuthorised:
				authorised = append(authorised, o.Procedure)
			default:
				indicative = append(indicative, o.Procedure)
				if !slices.Contains(reasons, o.Reason) {
					reasons = append(reasons, o.Reason)
				}
			}
			if (o.Source != "" && o.Source != c.Source) || (o.CheckedOn != "" && o.CheckedOn != c.CheckedOn) {
				detail = true
			}
			if o.Review != "" {
				reviews++
			}
		}
		if detail {
			ownDetail++
		}
		if len(reasons) > 1 {
			severalReasons++
		}
		var auth Authorisation
		if len(c.Authorisations) > 0 {
			auth = c.Authorisations[0]
		}
		if len(c.Authorisations) > 1 {
			severalAuths++
		}
		values := map[string]string{
			fID: c.ID, fName: c.Name, fCategory: c.Category, fSector: sectorCSV[c.Sector], fFINESS: c.FINESS,
			fAddress: c.Address, fPostcode: c.Postcode, fCityLabel: c.CityLabel, fCommune: c.Commune, fINSEE: c.INSEE,
			fLatitude: decimalComma(c.Latitude), fLongitude: decimalComma(c.Longitude), fPosNote: c.PosNote, fPhone: c.Phone,
			fEmail: c.Email, fMSSante: c.MSSante, fWebsite: c.Website, fContactSrc: c.ContactSource, fSource: c.Source,
			fCheckedOn: c.CheckedOn,
			fDeclaredC: strings.Join(declared, ", "), fAuthorised: strings.Join(authorised, ", "),
			fIndicative: strings.Join(indicative, ", "), fReasonC: strings.Join(reasons, " / "),
		}
		for _, af := range authKeys {
			values[csvAuth(af)] = *auth.text(af)
		}
		row := make([]string, len(csvColumns))
		for i, col := range csvColumns {
			row[i] = forSpreadsheet(values[col.field])
		}
		if err := cw.Write(row); err != nil {
			return nil, err
		}
	}
	cw.Flush()
	if ownDetail > 0 {
		lost = append(lost, fmt.Sprintf("la source et la date propres à chaque geste (%d centres) : le CSV ne donne que celles du centre ; le JSON les garde", ownDetail))
	}
	if severalAuths > 0 {
		lost = append(lost, fmt.Sprintf("les autorisations au-delà de la première (%d centres) : le CSV n'en donne qu'une par centre ; le JSON les garde toutes", severalAuths))
	}
	if reviews > 0 {
		lost = append(lost, fmt.Sprintf("le texte des remarques « à vérifier » de %d gestes déclarés (l'import les recalcule d'après l'autorisation)", reviews))
	}
	if severalReasons > 0 {
		lost = append(lost, fmt.Sprintf("les motifs distincts des gestes indicatifs d'un même centre (%d centres) sont réunis en un seul", severalReasons))
	}
	return lost, cw.Error()
}

// A cell that starts with =, +, -, @, a tab or a carriage return is read
// by spreadsheets as a formula, which can run commands or send data away
// (CSV injection). forSpreadsheet neutralises such a cell the way
// spreadsheet-safe exporters do, with a leading apostrophe, which
// spreadsheets show as text; numbers (-0,55443) stay numbers. A value
// already starting with apostrophes before such a character gets one
// more, so that fromSpreadsheet, on import, gives back exactly what was
// exported.
func forSpreadsheet(v string) string {
	if formulaLike(v) && !plainNumber.MatchString(v) {
		return "'" + v
	}
	return v
}

// fromSpreadsheet undoes forSpreadsheet.
func fromSpreadsheet(v string) string {
	if strings.HasPrefix(v, "'") && formulaLike(v[1:]) {
		return v[1:]
	}
	return v
}

var plainNumber = regexp.MustCompile(`^[+-]?[0-9]+([.,][0-9]+)?$`)

// formulaLike reports whether v, past any leading apostrophes, starts with
// a character that makes a spreadsheet cell a formula.
func formulaLike(v string) bool {
	v = strings.TrimLeft(v, "'")
	return v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0]))
}

func decimalComma(v *float64) string {
	if v == nil {
		return ""
	}
	return strings.Replace(strconv.FormatFloat(*v, 'f', -1, 64), ".", ",", 1)
}
