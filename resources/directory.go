package resources

import "strings"

// DemoEstablishment is one row of the demonstration directory's seed: a
// real establishment matched one by one to the national FINESS register
// (extract of 06/03/2020, via Eurostat GISCO), with the register's name,
// postal address, switchboard phone and geocoded position. Nothing in it
// says which procedures the site offers.
type DemoEstablishment struct {
	Category string
	Name     string
	Commune  string
	INSEE    string
	Dept     string

	FINESS     string // FINESS ET number, 9 characters (2A/2B for Corsica)
	FinessName string // the register's own name, upper case
	// Address, Postcode and CityLabel are the postal address as in the
	// register; CityLabel is La Poste's routing label ("ANGERS", "SALOUEL").
	// Address is empty where the register has no street (a few sites).
	Address, Postcode, CityLabel string
	Phone                        string // switchboard, "02 41 35 36 37"; empty where none
	Lat, Lon                     float64
	// GeoQual is the register's geocoding quality: 1 building, 2 street,
	// 3 approximate.
	GeoQual int
	Match   string // "sure" or "probable"
	Note    string // why this register row was chosen (English)
}

// Register geocoding qualities (geo_qual).
const (
	GeoBuilding    = 1
	GeoStreet      = 2
	GeoApproximate = 3
)

// DemoEstablishments parses the embedded seed of the demonstration directory.
func DemoEstablishments() ([]DemoEstablishment, error) {
	b, err := data.ReadFile("directory/demo-establishments.tsv")
	if err != nil {
		return nil, err
	}
	return ParseDemoEstablishments("demo-establishments.tsv", b)
}

var demoColumns = []string{"category", "name", "commune", "insee", "departement", "finess", "finess_name",
	"address", "postcode", "city_label", "phone", "latitude", "longitude", "geo_qual", "match", "note"}

// ParseDemoEstablishments reads the seed's tab-separated format. Values are
// checked for shape only (the FINESS check digit is app/demodir's business).
func ParseDemoEstablishments(file string, b []byte) ([]DemoEstablishment, error) {
	var out []DemoEstablishment
	err := parseTSV(file, b, demoColumns, func(r tsvRow) error {
		var e DemoEstablishment
		var err error
		for _, f := range []struct {
			name     string
			dst      *string
			required bool
		}{
			{"category", &e.Category, true}, {"name", &e.Name, true}, {"commune", &e.Commune, true},
			{"insee", &e.INSEE, true}, {"departement", &e.Dept, true}, {"finess", &e.FINESS, true},
			{"finess_name", &e.FinessName, true}, {"address", &e.Address, false}, {"postcode", &e.Postcode, true},
			{"city_label", &e.CityLabel, true}, {"phone", &e.Phone, false}, {"match", &e.Match, true},
			{"note", &e.Note, false},
		} {
			if *f.dst, err = r.str(f.name, f.required); err != nil {
				return err
			}
			*f.dst = strings.TrimSpace(*f.dst)
		}
		if len(e.Postcode) != 5 || strings.Trim(e.Postcode, "0123456789") != "" {
			return r.errorf("postcode", "code postal à 5 chiffres attendu, trouvé %q", e.Postcode)
		}
		if e.Match != "sure" && e.Match != "probable" {
			return r.errorf("match", "« sure » ou « probable » attendu, trouvé %q", e.Match)
		}
		if e.GeoQual, err = r.int("geo_qual"); err != nil {
			return err
		}
		if e.GeoQual < GeoBuilding || e.GeoQual > GeoApproximate {
			return r.errorf("geo_qual", "1, 2 ou 3 attendu, trouvé %d", e.GeoQual)
		}
		if e.Lat, err = r.float("latitude", -90, 90); err != nil {
			return err
		}
		if e.Lon, err = r.float("longitude", -180, 180); err != nil {
			return err
		}
		out = append(out, e)
		return nil
	})
	return out, err
}
