package sqlite

import (
	"atlasri/model"

	"github.com/paulmach/orb"
)

// The lookups below serve the search engine (app/search), which loads the
// geography once into memory: names and label points without outlines,
// and postcodes with the list each pair comes from.

// DepartementLabels returns every département without its outline, in
// code order: search needs names and label points, not 101 polygons.
func (r *Reference) DepartementLabels() ([]model.Departement, error) {
	rows, err := r.db.Query("SELECT code, name, region_code, region_name, label_lon, label_lat FROM departements ORDER BY code")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Departement
	for rows.Next() {
		var d model.Departement
		var lon, lat float64
		if err := rows.Scan(&d.Code, &d.Name, &d.RegionCode, &d.RegionName, &lon, &lat); err != nil {
			return nil, err
		}
		d.Label = orb.Point{lon, lat}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Collectivites returns the overseas collectivities, in code order.
func (r *Reference) Collectivites() ([]model.Collectivite, error) {
	rows, err := r.db.Query("SELECT code, name FROM collectivites ORDER BY code")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Collectivite
	for rows.Next() {
		var c model.Collectivite
		if err := rows.Scan(&c.Code, &c.Name); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Postcodes returns every (postcode, commune) pair with its source, in
// postcode then INSEE order. Name is left empty.
func (r *Reference) Postcodes() ([]model.Postcode, error) {
	rows, err := r.db.Query("SELECT postcode, insee, source FROM postcodes ORDER BY postcode, insee")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Postcode
	for rows.Next() {
		var p model.Postcode
		var src string
		if err := rows.Scan(&p.Code, &p.INSEE, &src); err != nil {
			return nil, err
		}
		p.Source = model.PostcodeSource(src)
		out = append(out, p)
	}
	return out, rows.Err()
}
