package sqlite

import (
	"atlasri/model"
)

// The lookups below serve the search engine (app/search), which loads the
// geography once into memory: names and label points without outlines,
// and postcodes with the list each pair comes from.

// DepartementLabels returns every département without its outline, in
// code order: search needs names and label points, not 101 polygons.
func (r *Reference) DepartementLabels() ([]model.Departement, error) {
	return r.departements(false)
}

// Collectivites returns the overseas collectivities, in code order.
func (r *Reference) Collectivites() ([]model.Collectivite, error) {
	return queryAll(r.db, "SELECT code, name FROM collectivites ORDER BY code", func(s scanner) (model.Collectivite, error) {
		var c model.Collectivite
		err := s.Scan(&c.Code, &c.Name)
		return c, err
	})
}

// Postcodes returns every (postcode, commune) pair with its source, in
// postcode then INSEE order. Name is left empty.
func (r *Reference) Postcodes() ([]model.Postcode, error) {
	return queryAll(r.db, "SELECT postcode, insee, source FROM postcodes ORDER BY postcode, insee", func(s scanner) (model.Postcode, error) {
		var p model.Postcode
		var src string
		err := s.Scan(&p.Code, &p.INSEE, &src)
		p.Source = model.PostcodeSource(src)
		return p, err
	})
}
