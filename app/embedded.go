package app

import (
	"fmt"

	"atlasri/app/demodir"
	"atlasri/model"
	"atlasri/model/sqlite"
	"atlasri/resources"
)

// OriginEmbedded marks a reference.db built from the data inside the binary.
const OriginEmbedded = "embedded"

// EmbeddedData parses the embedded geography, catalogue and demonstration
// directory into what BuildReference needs.
func EmbeddedData() (sqlite.ReferenceData, error) {
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
	d.Origin = OriginEmbedded
	d.Fingerprint = resources.Fingerprint()
	return d, nil
}
