package userdata

import (
	"fmt"
	"time"

	"atlasri/app/exchange"
	"atlasri/model"
)

// CentreInput is what the practice types for a centre of its own. ID is
// empty for a new centre; the commune is given by its INSEE code, or by
// its name and postcode; coordinates are optional.
type CentreInput struct {
	ID                                     string
	Name, Category, Sector                 string
	Address, Postcode, Commune, INSEE      string
	Latitude, Longitude                    *float64
	Phone, Email, MSSante, Website, FINESS string
	Procedures                             []string // catalogue ids
}

// InvalidError lists what is wrong with a centre typed in a form, field
// by field (Pos.Field holds "name", "phone", "postcode"...).
type InvalidError struct{ Problems exchange.Problems }

func (e *InvalidError) Error() string {
	s := "centre non enregistré :"
	for _, p := range e.Problems {
		if !p.Warning {
			s += "\n- " + p.Message
		}
	}
	return s
}

// SaveCentre checks a centre of the practice like a directory's centre
// and stores it; a new one gets a "cabinet-..." id from its name. It
// returns the centre as stored and the warnings, if any.
func SaveCentre(u model.PracticeCentreStore, g *exchange.Geography, in CentreInput, now time.Time) (model.Centre, exchange.Problems, error) {
	c := exchange.Centre{Name: in.Name, Category: in.Category, Sector: in.Sector, FINESS: in.FINESS, Address: in.Address,
		Postcode: in.Postcode, Commune: in.Commune, INSEE: in.INSEE, Latitude: in.Latitude, Longitude: in.Longitude,
		Phone: in.Phone, Email: in.Email, MSSante: in.MSSante, Website: in.Website,
		Source: model.PracticeSource, CheckedOn: now.Format("2006-01-02")}
	for _, p := range in.Procedures {
		c.Offers = append(c.Offers, exchange.Offer{Procedure: p, Origin: string(model.OfferIndicative), Reason: model.PracticeOfferReason})
	}
	m, ps := exchange.CheckCentre(&c, g, now)
	if ps.Errors() > 0 {
		return m, ps, &InvalidError{Problems: ps}
	}
	if in.ID == "" {
		existing, err := u.PracticeCentres()
		if err != nil {
			return m, ps, err
		}
		in.ID = newID(m.Name, existing)
	} else if !model.IsPracticeCentre(in.ID) {
		return m, ps, fmt.Errorf("le centre « %s » vient de l'annuaire : seuls les centres ajoutés par le cabinet se modifient ici", in.ID)
	}
	m.ID = in.ID
	if err := u.SavePracticeCentre(m, now); err != nil {
		return m, ps, err
	}
	saved, err := u.PracticeCentre(m.ID)
	return saved, ps, err
}

// newID makes "cabinet-<name>", numbered when the practice already has a
// centre of that name; ids never change afterwards, so notes and
// favourites stay attached when the centre is renamed.
func newID(name string, existing []model.Centre) string {
	taken := map[string]bool{}
	for _, c := range existing {
		taken[c.ID] = true
	}
	base := model.PracticeIDPrefix + model.Slug(name)
	if len(base) > 80 {
		base = base[:80]
	}
	id := base
	for n := 2; taken[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}
