package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// inseeEntry is one element of decoupage-administratif's communes.json.
// The file mixes current communes, municipal arrondissements and the
// communes déléguées / associées that hang off a current commune.
type inseeEntry struct {
	Code           string   `json:"code"`
	Name           string   `json:"nom"`
	Type           string   `json:"type"`
	Dept           string   `json:"departement"`
	Region         string   `json:"region"`
	Arrondissement string   `json:"arrondissement"`
	Postcodes      []string `json:"codesPostaux"`
	Population     *int     `json:"population"` // absent for the TAAF and Clipperton
	OldCodes       []string `json:"anciensCodes"`
	ChefLieu       string   `json:"chefLieu"` // déléguée / associée: current commune
	Commune        string   `json:"commune"`  // arrondissement municipal: parent
}

const (
	typeCurrent        = "commune-actuelle"
	typeArrondissement = "arrondissement-municipal"
	typeDeleguee       = "commune-deleguee"
	typeAssociee       = "commune-associee"
)

type inseeDept struct {
	Code   string `json:"code"`
	Name   string `json:"nom"`
	Region string `json:"region"`
	Zone   string `json:"zone"` // "metro", "drom" or "com"
	// ChefLieu is the INSEE code of the chef-lieu commune. For 984 (TAAF)
	// it is 97502, Saint-Pierre in Saint-Pierre-et-Miquelon.
	ChefLieu string `json:"chefLieu"`
}

// zoneCOM is the zone of the overseas collectivities (975, 977, ...),
// which departements.json lists alongside the départements.
const zoneCOM = "com"

type inseeRegion struct {
	Code string `json:"code"`
	Name string `json:"nom"`
}

// codesPostauxRow is one element of the codes-postaux package's
// codes-postaux.json.
type codesPostauxRow struct {
	Postcode string `json:"codePostal"`
	Commune  string `json:"codeCommune"`
	Name     string `json:"nomCommune"`
}

// geoRow is the part of a GeoNames cities500 line that geogen uses.
type geoRow struct {
	ID         int
	Lat, Lon   float64
	Country    string
	Commune    string // INSEE code carried by the row, "" if none
	Population int
	Name       string
}

func readJSON(path string, v any) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := json.NewDecoder(bufio.NewReader(f)).Decode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// readAdmin1 returns the French admin-1 polygons of Natural Earth keyed
// by INSEE département code (FR-49 -> 49, FR-GP -> 971, ...).
func readAdmin1(path string) (map[string]orb.MultiPolygon, error) {
	var fc struct {
		Features []struct {
			Properties struct {
				Adm0 string `json:"adm0_a3"`
				ISO  string `json:"iso_3166_2"`
			} `json:"properties"`
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := readJSON(path, &fc); err != nil {
		return nil, err
	}
	out := map[string]orb.MultiPolygon{}
	for _, f := range fc.Features {
		if f.Properties.Adm0 != "FRA" {
			continue
		}
		code, ok := deptFromISO(f.Properties.ISO)
		if !ok {
			return nil, fmt.Errorf("admin1: unexpected iso_3166_2 %q", f.Properties.ISO)
		}
		mp, err := decodePolygonal(f.Geometry.Type, f.Geometry.Coordinates)
		if err != nil {
			return nil, fmt.Errorf("admin1 %s: %w", code, err)
		}
		if _, dup := out[code]; dup {
			return nil, fmt.Errorf("admin1: duplicate feature for %s", code)
		}
		out[code] = mp
	}
	return out, nil
}

// Natural Earth keys the overseas départements by ISO 3166-2 letters,
// not by their INSEE number.
var isoOverseas = map[string]string{
	"GP": "971", "MQ": "972", "GF": "973", "RE": "974", "YT": "976",
}

func deptFromISO(iso string) (string, bool) {
	rest, ok := strings.CutPrefix(iso, "FR-")
	if !ok || rest == "" {
		return "", false
	}
	if code, ok := isoOverseas[rest]; ok {
		return code, true
	}
	if len(rest) == 2 {
		return rest, true
	}
	return "", false
}

func decodePolygonal(typ string, raw json.RawMessage) (orb.MultiPolygon, error) {
	switch typ {
	case "Polygon":
		var c [][][2]float64
		if err := json.Unmarshal(raw, &c); err != nil {
			return nil, err
		}
		return orb.MultiPolygon{toPolygon(c)}, nil
	case "MultiPolygon":
		var c [][][][2]float64
		if err := json.Unmarshal(raw, &c); err != nil {
			return nil, err
		}
		mp := make(orb.MultiPolygon, len(c))
		for i, p := range c {
			mp[i] = toPolygon(p)
		}
		return mp, nil
	}
	return nil, fmt.Errorf("unsupported geometry type %q", typ)
}

func toPolygon(c [][][2]float64) orb.Polygon {
	p := make(orb.Polygon, len(c))
	for i, ring := range c {
		r := make(orb.Ring, len(ring))
		for j, pt := range ring {
			r[j] = orb.Point(pt)
		}
		p[i] = r
	}
	return p
}

// geonamesCountries are the GeoNames country codes under which French
// communes appear: France, the overseas départements and the overseas
// collectivities all have their own codes.
var geonamesCountries = map[string]bool{
	"FR": true, "GP": true, "MQ": true, "GF": true, "RE": true, "YT": true,
	"PM": true, "BL": true, "MF": true, "TF": true, "WF": true, "PF": true, "NC": true, "CP": true,
}

// comCountry maps each overseas collectivity (INSEE code) to the GeoNames
// country code of its rows. Clipperton (989, uninhabited) has no row in
// cities500; CP is its ISO 3166 code.
var comCountry = map[string]string{
	"975": "PM", "977": "BL", "978": "MF", "984": "TF",
	"986": "WF", "987": "PF", "988": "NC", "989": "CP",
}

// readCities500 reads the GeoNames TSV, keeping rows of the countries
// above. Columns (0-based): 0 id, 1 name, 4 lat, 5 lon, 8 country,
// 10 admin1, 11 admin2, 13 admin4, 14 population.
func readCities500(path string) ([]geoRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var rows []geoRow
	line := 0
	for sc.Scan() {
		line++
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 19 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 19", path, line, len(cols))
		}
		if !geonamesCountries[cols[8]] {
			continue
		}
		r, err := parseGeoRow(cols)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		rows = append(rows, r)
	}
	return rows, sc.Err()
}

func parseGeoRow(cols []string) (geoRow, error) {
	var r geoRow
	var err error
	if r.ID, err = strconv.Atoi(cols[0]); err != nil {
		return r, err
	}
	if r.Lat, err = strconv.ParseFloat(cols[4], 64); err != nil {
		return r, err
	}
	if r.Lon, err = strconv.ParseFloat(cols[5], 64); err != nil {
		return r, err
	}
	if cols[14] != "" {
		if r.Population, err = strconv.Atoi(cols[14]); err != nil {
			return r, err
		}
	}
	r.Name = cols[1]
	r.Country = cols[8]
	r.Commune = geoRowCommune(cols[8], cols[10], cols[11], cols[13])
	return r, nil
}

// geoRowCommune returns the INSEE commune code a GeoNames row carries.
// GeoNames stores it in admin4 for metropolitan France and the DROM, but
// elsewhere for some territories (as found in cities500):
//   - Mayotte (YT), Saint-Pierre-et-Miquelon (PM), Wallis-et-Futuna (WF):
//     admin1 (admin4 is empty);
//   - Nouvelle-Calédonie (NC): admin2 (admin1 is the province);
//   - Polynésie française (PF): none; admin2 holds GeoNames ids
//     (10295183), not INSEE codes. Saint-Barthélemy (BL), Saint-Martin
//     (MF) and the TAAF (TF) carry none either.
//
// Outside metropolitan France and the DROM with admin4, a value counts
// only if it has the shape of a commune code of that territory.
func geoRowCommune(country, admin1, admin2, admin4 string) string {
	switch country {
	case "YT":
		return communeCode(admin1, "976")
	case "PM":
		return communeCode(admin1, "975")
	case "WF":
		return communeCode(admin1, "986")
	case "NC":
		return communeCode(admin2, "988")
	case "BL", "MF", "TF", "PF", "CP":
		return ""
	}
	return admin4
}

// communeCode returns s if it is a 5-digit code starting with prefix.
func communeCode(s, prefix string) string {
	if len(s) != 5 || !strings.HasPrefix(s, prefix) || strings.Trim(s, "0123456789") != "" {
		return ""
	}
	return s
}
