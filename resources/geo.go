package resources

import (
	"strings"

	"atlasri/internal/geocodec"
	"atlasri/model"

	"github.com/paulmach/orb"
)

// Departements decodes the embedded outlines of the 101 départements
// (IGN ADMIN EXPRESS, simplified by tools/geogen), in code order, with
// the landmass of each polygon.
func Departements() ([]model.Departement, error) {
	b, err := data.ReadFile("geo/departements.bin")
	if err != nil {
		return nil, err
	}
	return geocodec.Decode(b)
}

// Communes parses the embedded communes and municipal arrondissements.
func Communes() ([]model.Commune, error) {
	b, err := data.ReadFile("geo/communes.tsv")
	if err != nil {
		return nil, err
	}
	return ParseCommunes("communes.tsv", b)
}

// ParseCommunes reads communes in the tab-separated format of tools/geogen.
func ParseCommunes(file string, b []byte) ([]model.Commune, error) {
	var out []model.Commune
	want := []string{"insee", "name", "dept", "kind", "parent", "postcodes", "population", "lat", "lon", "approx", "pos_source"}
	err := parseTSV(file, b, want, func(r tsvRow) error {
		var c model.Commune
		var err error
		if c.INSEE, err = r.str("insee", true); err != nil {
			return err
		}
		if c.Name, err = r.str("name", true); err != nil {
			return err
		}
		if c.Dept, err = r.str("dept", true); err != nil {
			return err
		}
		kind, _ := r.str("kind", false)
		c.Kind = model.CommuneKind(kind)
		if c.Kind != model.KindCommune && c.Kind != model.KindArrondissement {
			return r.errorf("kind", "type inconnu %q", kind)
		}
		c.Parent, _ = r.str("parent", false)
		if pcs, _ := r.str("postcodes", false); pcs != "" {
			c.Postcodes = strings.Split(pcs, ",")
		}
		if c.Population, err = r.int("population"); err != nil {
			return err
		}
		if c.PosSource, err = r.str("pos_source", true); err != nil {
			return err
		}
		approx, _ := r.str("approx", false)
		if approx != "0" && approx != "1" {
			return r.errorf("approx", "0 ou 1 attendu, trouvé %q", approx)
		}
		c.Approx = approx == "1"
		if !c.Located() {
			// Only an explicit "none" may leave the position empty.
			if lat, _ := r.str("lat", false); lat != "" || !c.Approx {
				return r.errorf("lat", "une commune sans position (pos_source none) a lat vide et approx 1")
			}
			out = append(out, c)
			return nil
		}
		lat, err := r.float("lat", -90, 90)
		if err != nil {
			return err
		}
		lon, err := r.float("lon", -180, 180)
		if err != nil {
			return err
		}
		c.Pos = orb.Point{lon, lat}
		out = append(out, c)
		return nil
	})
	return out, err
}

// Postcodes parses the embedded postcode-commune pairs (INSEE and La Poste
// lists merged).
func Postcodes() ([]model.Postcode, error) {
	b, err := data.ReadFile("geo/postcodes.tsv")
	if err != nil {
		return nil, err
	}
	return ParsePostcodes("postcodes.tsv", b)
}

// ParsePostcodes reads postcode-commune pairs in the format of tools/geogen.
func ParsePostcodes(file string, b []byte) ([]model.Postcode, error) {
	var out []model.Postcode
	err := parseTSV(file, b, []string{"postcode", "insee", "name", "source"}, func(r tsvRow) error {
		var p model.Postcode
		var err error
		if p.Code, err = r.str("postcode", true); err != nil {
			return err
		}
		if len(p.Code) != 5 || strings.Trim(p.Code, "0123456789") != "" {
			return r.errorf("postcode", "code postal à 5 chiffres attendu, trouvé %q", p.Code)
		}
		if p.INSEE, err = r.str("insee", true); err != nil {
			return err
		}
		p.Name, _ = r.str("name", false)
		src, _ := r.str("source", false)
		p.Source = model.PostcodeSource(src)
		switch p.Source {
		case model.PostcodeDecoupage, model.PostcodeCodesPostaux, model.PostcodeBoth:
		default:
			return r.errorf("source", "source inconnue %q", src)
		}
		out = append(out, p)
		return nil
	})
	return out, err
}

// Collectivites parses the embedded list of overseas collectivities.
func Collectivites() ([]model.Collectivite, error) {
	b, err := data.ReadFile("geo/collectivites.tsv")
	if err != nil {
		return nil, err
	}
	var out []model.Collectivite
	err = parseTSV("collectivites.tsv", b, []string{"code", "name"}, func(r tsvRow) error {
		var c model.Collectivite
		var err error
		if c.Code, err = r.str("code", true); err != nil {
			return err
		}
		if c.Name, err = r.str("name", true); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	})
	return out, err
}
