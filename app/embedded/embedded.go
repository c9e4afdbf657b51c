// Package embedded turns the data built into the program (geography,
// catalogue, demonstration directory) into what reference.db is built
// from. It sits below package app so that the use-case packages' tests can
// build a reference database without importing app.
package embedded

import (
	"fmt"

	"atlasri/app/demodir"
	"atlasri/app/exchange"
	"atlasri/model"
	"atlasri/model/sqlite"
	"atlasri/resources"
)

// Origin marks a reference.db built from the data inside the binary.
const Origin = "embedded"

// Data parses the embedded geography, catalogue and demonstration
// directory into what sqlite.BuildReference needs.
func Data() (sqlite.ReferenceData, error) {
	var d sqlite.ReferenceData
	var err error
	if d.Departements, err = resources.Departements(); err != nil {
		return d, err
	}
	if d.Collectivites, err = resources.Collectivites(); err != nil {
		return d, err
	}
	if d.Communes, err = resources.Communes(); err != nil {
		return d, err
	}
	if d.Postcodes, err = resources.Postcodes(); err != nil {
		return d, err
	}
	if d.Catalogue, err = resources.Catalogue(); err != nil {
		return d, err
	}
	seed, err := resources.DemoEstablishments()
	if err != nil {
		return d, err
	}
	byINSEE := make(map[string]model.Commune, len(d.Communes))
	for _, c := range d.Communes {
		byINSEE[c.INSEE] = c
	}
	if d.Directory, err = demodir.Build(seed, d.Catalogue, byINSEE); err != nil {
		return d, err
	}
	procs := map[string]bool{}
	for _, p := range d.Catalogue.Procedures {
		procs[p.ID] = true
	}
	if err := d.Directory.Validate(procs); err != nil {
		return d, fmt.Errorf("annuaire de démonstration : %w", err)
	}
	d.Origin = Origin
	d.Fingerprint = resources.Fingerprint()
	return d, nil
}

// BuildReference builds reference.db at path from the embedded data.
func BuildReference(path string) error {
	d, err := Data()
	if err != nil {
		return fmt.Errorf("données intégrées illisibles : %w", err)
	}
	return sqlite.BuildReference(path, d)
}

// Geography is the geography and catalogue built into the program, for
// checking a directory file without a data folder (atlas-ri sign).
func Geography() (*exchange.Geography, error) {
	g, _, err := GeographyAndCatalogue()
	return g, err
}

// GeographyAndCatalogue is Geography, and the catalogue's procedures in
// their order (what a mention covers is read from them).
func GeographyAndCatalogue() (*exchange.Geography, []model.Procedure, error) {
	d, err := Data()
	if err != nil {
		return nil, nil, err
	}
	return exchange.NewGeography(d.Communes, d.Postcodes, d.Departements, d.Catalogue.Procedures), d.Catalogue.Procedures, nil
}
