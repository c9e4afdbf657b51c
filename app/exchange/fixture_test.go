package exchange

import (
	"time"

	"atlasri/model"

	"github.com/paulmach/orb"
)

// square is a département outline: a box around a point.
func square(lon, lat, half float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{lon - half, lat - half}, {lon + half, lat - half}, {lon + half, lat + half}, {lon - half, lat + half}, {lon - half, lat - half}}}}
}

// testGeography is a small but real-shaped geography: real INSEE codes,
// postcodes and positions of a few communes.
func testGeography() *Geography {
	communes := []model.Commune{
		{INSEE: "49007", Name: "Angers", Dept: "49", Kind: model.KindCommune, Postcodes: []string{"49000", "49100"}, Pos: orb.Point{-0.5541, 47.4784}, PosSource: "geonames"},
		{INSEE: "49099", Name: "Cholet", Dept: "49", Kind: model.KindCommune, Postcodes: []string{"49300"}, Pos: orb.Point{-0.8789, 47.0600}, PosSource: "geonames"},
		{INSEE: "49267", Name: "Les Ponts-de-Cé", Dept: "49", Kind: model.KindCommune, Postcodes: []string{"49130"}, Pos: orb.Point{-0.5253, 47.4244}, PosSource: "geonames"},
		{INSEE: "2A004", Name: "Ajaccio", Dept: "2A", Kind: model.KindCommune, Postcodes: []string{"20000", "20090"}, Pos: orb.Point{8.7369, 41.9192}, PosSource: "geonames"},
		{INSEE: "14762", Name: "Vire Normandie", Dept: "14", Kind: model.KindCommune, Postcodes: []string{"14500"}, Pos: orb.Point{-0.8872, 48.8386}, PosSource: "geonames"},
		{INSEE: "14118", Name: "Caen", Dept: "14", Kind: model.KindCommune, Postcodes: []string{"14000"}, Pos: orb.Point{-0.3707, 49.1829}, PosSource: "geonames"},
		{INSEE: "97502", Name: "Saint-Pierre", Dept: "975", Kind: model.KindCommune, Postcodes: []string{"97500"}, Pos: orb.Point{-56.1773, 46.7811}, PosSource: "geonames"},
		{INSEE: "97416", Name: "Saint-Pierre", Dept: "974", Kind: model.KindCommune, Postcodes: []string{"97410"}, Pos: orb.Point{55.4781, -21.3393}, PosSource: "geonames"},
		{INSEE: "49999", Name: "Sans-Position", Dept: "49", Kind: model.KindCommune, Postcodes: []string{"49990"}, PosSource: model.PosNone},
	}
	deps := []model.Departement{
		{Code: "49", Name: "Maine-et-Loire", Shape: square(-0.5, 47.4, 0.6)},
		{Code: "14", Name: "Calvados", Shape: square(-0.4, 49.0, 0.6)},
		{Code: "2A", Name: "Corse-du-Sud", Shape: square(8.9, 41.8, 0.5)},
		{Code: "974", Name: "La Réunion", Shape: square(55.5, -21.1, 0.4)},
	}
	procs := []model.Procedure{
		{ID: "vertebroplastie", NameFR: "Vertébroplastie (cimentoplastie vertébrale)"},
		{ID: "embolisation-fibromes-uterins", NameFR: "Embolisation des fibromes utérins (et de l'adénomyose)"},
		{ID: "embolisation-varicocele", NameFR: "Embolisation de varicocèle"},
	}
	extra := []model.Postcode{{Code: "49933", INSEE: "49007", Source: model.PostcodeCodesPostaux}}
	return NewGeography(communes, extra, deps, procs)
}

var testToday = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)

// parseResolve reads a file and resolves it against the test geography.
func parseResolve(name, content string) (*File, model.Directory, Problems) {
	f, ps := Parse(name, []byte(content))
	if ps.Errors() > 0 {
		return f, model.Directory{}, ps
	}
	d, rps := Resolve(f, testGeography(), Options{Today: testToday, SHA256: FileSHA256([]byte(content))})
	return f, d, append(ps, rps...)
}
