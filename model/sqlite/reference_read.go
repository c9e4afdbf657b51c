package sqlite

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unique"

	"atlasri/model"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// Procedure returns one procedure sheet by id.
func (r *Reference) Procedure(id string) (model.Procedure, error) {
	var sheet string
	var p model.Procedure
	err := r.db.QueryRow("SELECT sheet FROM procedures WHERE id = ?", id).Scan(&sheet)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("geste %q %w", id, model.ErrNotFound)
	}
	if err != nil {
		return p, err
	}
	return p, json.Unmarshal([]byte(sheet), &p)
}

// Families returns the procedure families in catalogue order.
func (r *Reference) Families() ([]model.Family, error) {
	return queryAll(r.db, "SELECT id, name_fr, name_en FROM families ORDER BY position", func(s scanner) (model.Family, error) {
		var f model.Family
		err := s.Scan(&f.ID, &f.NameFR, &f.NameEN)
		return f, err
	})
}

// Departements returns every département with its outline, in code order.
func (r *Reference) Departements() ([]model.Departement, error) {
	return r.departements(true)
}

// departements reads the départements, with their outlines or without
// (decoding them is most of the work, and search does not need them).
func (r *Reference) departements(withShape bool) ([]model.Departement, error) {
	cols := "code, name, region_code, region_name, label_lon, label_lat"
	if withShape {
		cols += ", shape, land"
	}
	return queryAll(r.db, "SELECT "+cols+" FROM departements ORDER BY code", func(s scanner) (model.Departement, error) {
		var d model.Departement
		var lon, lat float64
		var shape []byte
		var land string
		dest := []any{&d.Code, &d.Name, &d.RegionCode, &d.RegionName, &lon, &lat}
		if withShape {
			dest = append(dest, &shape, &land)
		}
		if err := s.Scan(dest...); err != nil {
			return d, err
		}
		d.Label = orb.Point{lon, lat}
		if !withShape {
			return d, nil
		}
		g, err := wkb.Unmarshal(shape)
		if err != nil {
			return d, fmt.Errorf("contour du département %s illisible : %w", d.Code, err)
		}
		mp, ok := g.(orb.MultiPolygon)
		if !ok {
			return d, fmt.Errorf("contour du département %s : %T inattendu", d.Code, g)
		}
		d.Shape = mp
		if land == "" {
			return d, nil // landmasses unknown (data built without them)
		}
		for _, f := range strings.Split(land, ",") {
			l, err := strconv.Atoi(f)
			if err != nil {
				return d, fmt.Errorf("masses terrestres du département %s illisibles : %q", d.Code, land)
			}
			d.Land = append(d.Land, l)
		}
		if len(d.Land) != len(d.Shape) {
			return d, fmt.Errorf("département %s : %d masses terrestres pour %d polygones", d.Code, len(d.Land), len(d.Shape))
		}
		return d, nil
	})
}

// Communes returns every commune and municipal arrondissement, in INSEE
// code order. Postcodes are filled from the postcodes table.
//
// The few values repeated over thousands of rows (département, kind,
// position source, parent, postcodes) share one string each: the search
// engine keeps every commune in memory.
func (r *Reference) Communes() ([]model.Commune, error) {
	pcs := map[string][]string{}
	prow, err := r.db.Query("SELECT insee, postcode FROM postcodes ORDER BY insee, postcode")
	if err != nil {
		return nil, err
	}
	for prow.Next() {
		var insee, pc string
		if err := prow.Scan(&insee, &pc); err != nil {
			prow.Close()
			return nil, err
		}
		pcs[insee] = append(pcs[insee], intern(pc))
	}
	prow.Close()
	var n int
	if err := r.db.QueryRow("SELECT count(*) FROM communes").Scan(&n); err != nil {
		return nil, err
	}
	return queryAllSized(r.db, n, `SELECT insee, name, dept, kind, coalesce(parent, ''), population, lon, lat, approx, pos_source
		FROM communes ORDER BY insee`, func(s scanner) (model.Commune, error) {
		var c model.Commune
		var kind string
		var lon, lat sql.NullFloat64
		err := s.Scan(&c.INSEE, &c.Name, &c.Dept, &kind, &c.Parent, &c.Population, &lon, &lat, &c.Approx, &c.PosSource)
		c.Dept, c.Parent, c.PosSource = intern(c.Dept), intern(c.Parent), intern(c.PosSource)
		c.Kind = model.CommuneKind(intern(kind))
		c.Pos = orb.Point{lon.Float64, lat.Float64}
		c.Postcodes = pcs[c.INSEE]
		return c, err
	})
}

// intern returns the one copy of s kept for all equal strings.
func intern(s string) string { return unique.Make(s).Value() }

// Centres returns every centre with its offers, in id order.
func (r *Reference) Centres() ([]model.Centre, error) {
	return r.centres("")
}

// Centre returns one centre with its offers.
func (r *Reference) Centre(id string) (model.Centre, error) {
	cs, err := r.centres(id)
	return onlyCentre(id, cs, err)
}

// onlyCentre is the centre a lookup by id found, or model.ErrNotFound.
func onlyCentre(id string, cs []model.Centre, err error) (model.Centre, error) {
	if err != nil {
		return model.Centre{}, err
	}
	if len(cs) == 0 {
		return model.Centre{}, fmt.Errorf("centre %q %w", id, model.ErrNotFound)
	}
	return cs[0], nil
}

// centres loads all centres, or the one with the given id.
func (r *Reference) centres(id string) ([]model.Centre, error) {
	where, owhere, args := "", "", []any{}
	if id != "" {
		where, owhere, args = "WHERE c.id = ?", "WHERE o.centre = ?", []any{id}
	}
	out, err := queryAll(r.db, `SELECT c.id, c.name, c.category, c.sector, c.insee, m.name, c.dept, c.lon, c.lat,
		c.address, c.postcode, c.phone, c.email, c.mssante, c.website, c.finess, c.city_label, c.contact_source, c.pos_note,
		c.source, c.checked_on
		FROM centres c JOIN communes m ON m.insee = c.insee `+where+` ORDER BY c.id`, func(s scanner) (model.Centre, error) {
		var c model.Centre
		var sector string
		var lon, lat float64
		err := s.Scan(&c.ID, &c.Name, &c.Category, &sector, &c.INSEE, &c.Commune, &c.Dept, &lon, &lat,
			&c.Address, &c.Postcode, &c.Phone, &c.Email, &c.MSSante, &c.Website, &c.FINESS, &c.CityLabel, &c.ContactSource, &c.PosNote,
			&c.Source, &c.CheckedOn)
		c.Sector = model.Sector(sector)
		c.Pos = orb.Point{lon, lat}
		return c, err
	}, args...)
	if err != nil {
		return nil, err
	}
	index := make(map[string]int, len(out))
	for i, c := range out {
		index[c.ID] = i
	}
	awhere := strings.Replace(owhere, "o.", "a.", 1)
	arows, err := r.db.Query(`SELECT a.centre, a.activity, a.mention, a.practice, a.number, a.register_id, a.start, a.end,
		a.state, a.source, a.feed_date FROM authorisations a `+awhere+` ORDER BY a.centre, a.position`, args...)
	if err != nil {
		return nil, err
	}
	defer arows.Close()
	for arows.Next() {
		var centre, mention, practice string
		var a model.Authorisation
		if err := arows.Scan(&centre, &a.Activity, &mention, &practice, &a.Number, &a.RegisterID, &a.Start, &a.End,
			&a.State, &a.Source, &a.FeedDate); err != nil {
			return nil, err
		}
		a.Mention, a.Practice = model.Mention(mention), model.Practice(practice)
		if i, ok := index[centre]; ok {
			out[i].Authorisations = append(out[i].Authorisations, a)
		}
	}
	if err := arows.Err(); err != nil {
		return nil, err
	}
	orows, err := r.db.Query(`SELECT o.centre, o.procedure, o.origin, o.reason, o.source, o.checked_on, o.review
		FROM offers o JOIN procedures p ON p.id = o.procedure `+owhere+` ORDER BY o.centre, p.position`, args...)
	if err != nil {
		return nil, err
	}
	defer orows.Close()
	for orows.Next() {
		var centre, origin string
		var o model.Offer
		if err := orows.Scan(&centre, &o.ProcedureID, &origin, &o.Reason, &o.Source, &o.CheckedOn, &o.Review); err != nil {
			return nil, err
		}
		o.Origin = model.OfferOrigin(origin)
		if i, ok := index[centre]; ok {
			out[i].Offers = append(out[i].Offers, o)
		}
	}
	return out, orows.Err()
}
