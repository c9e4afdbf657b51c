package resources

// DemoEstablishment is one row of the demonstration directory's seed: a
// real establishment checked in the national FINESS register, with nothing
// about its offer, address or phone.
type DemoEstablishment struct {
	Category string
	Name     string
	Commune  string
	INSEE    string
	Dept     string
}

// DemoEstablishments parses the embedded seed of the demonstration directory.
func DemoEstablishments() ([]DemoEstablishment, error) {
	b, err := data.ReadFile("directory/demo-establishments.tsv")
	if err != nil {
		return nil, err
	}
	return ParseDemoEstablishments("demo-establishments.tsv", b)
}

// ParseDemoEstablishments reads the seed's tab-separated format.
func ParseDemoEstablishments(file string, b []byte) ([]DemoEstablishment, error) {
	var out []DemoEstablishment
	err := parseTSV(file, b, []string{"category", "name", "commune", "insee", "departement"}, func(r tsvRow) error {
		var e DemoEstablishment
		var err error
		for _, f := range []struct {
			name string
			dst  *string
		}{{"category", &e.Category}, {"name", &e.Name}, {"commune", &e.Commune}, {"insee", &e.INSEE}, {"departement", &e.Dept}} {
			if *f.dst, err = r.str(f.name, true); err != nil {
				return err
			}
		}
		out = append(out, e)
		return nil
	})
	return out, err
}
