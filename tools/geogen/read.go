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

// readOutlines reads a GeoJSON FeatureCollection of polygons whose
// properties carry an INSEE code (`code`), keyed by that code: the IGN
// départements, or the GEOFLA arrondissements of Paris.
func readOutlines(name string, b []byte) (map[string]orb.MultiPolygon, error) {
	var fc struct {
		Features []struct {
			Properties struct {
				Code string `json:"code"`
			} `json:"properties"`
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	out := map[string]orb.MultiPolygon{}
	for i, f := range fc.Features {
		code := f.Properties.Code
		if code == "" {
			return nil, fmt.Errorf("%s: feature %d has no code", name, i+1)
		}
		mp, err := decodePolygonal(f.Geometry.Type, f.Geometry.Coordinates)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", name, code, err)
		}
		if _, dup := out[code]; dup {
			return nil, fmt.Errorf("%s: duplicate feature for %s", name, code)
		}
		out[code] = mp
	}
	return out, nil
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
