package install

import (
	"fmt"
	"slices"
	"sort"

	"atlasri/model"

	"github.com/paulmach/orb/geo"
)

// movedMetres is how far a centre must move for its position to count as
// changed (coordinates are rounded differently by different tools).
const movedMetres = 10

// Diff lists the centres added, changed (with what changed, in French)
// and removed between two directories, in id order.
func Diff(old, new []model.Centre) model.Changes {
	before := make(map[string]model.Centre, len(old))
	for _, c := range old {
		before[c.ID] = c
	}
	ch := model.Changes{Added: []model.CentreChange{}, Changed: []model.CentreChange{}, Removed: []model.CentreChange{}}
	for _, c := range new {
		o, ok := before[c.ID]
		if !ok {
			ch.Added = append(ch.Added, model.CentreChange{ID: c.ID, Name: c.Name})
			continue
		}
		delete(before, c.ID)
		if fields := changedFields(o, c); len(fields) > 0 {
			ch.Changed = append(ch.Changed, model.CentreChange{ID: c.ID, Name: c.Name, Fields: fields})
		}
	}
	for _, c := range before {
		ch.Removed = append(ch.Removed, model.CentreChange{ID: c.ID, Name: c.Name})
	}
	for _, l := range [][]model.CentreChange{ch.Added, ch.Changed, ch.Removed} {
		sort.Slice(l, func(i, j int) bool { return l[i].ID < l[j].ID })
	}
	return ch
}

func changedFields(a, b model.Centre) []string {
	var out []string
	for _, f := range []struct {
		label string
		x, y  string
	}{
		{"nom", a.Name, b.Name}, {"catégorie", a.Category, b.Category}, {"statut", string(a.Sector), string(b.Sector)},
		{"commune", a.INSEE, b.INSEE}, {"adresse", a.Address, b.Address}, {"code postal", a.Postcode, b.Postcode},
		{"téléphone", a.Phone, b.Phone}, {"courriel", a.Email, b.Email}, {"MSSanté", a.MSSante, b.MSSante},
		{"site web", a.Website, b.Website}, {"FINESS", a.FINESS, b.FINESS}, {"libellé d'acheminement", a.CityLabel, b.CityLabel},
		{"source des coordonnées", a.ContactSource, b.ContactSource}, {"note de position", a.PosNote, b.PosNote}, {"source", a.Source, b.Source},
		{"date de vérification", a.CheckedOn, b.CheckedOn},
	} {
		if f.x != f.y {
			out = append(out, f.label)
		}
	}
	if geo.Distance(a.Pos, b.Pos) > movedMetres {
		out = append(out, "position")
	}
	if m := MentionChange(a, b); m != "" {
		out = append(out, m)
	} else if !slices.Equal(a.Authorisations, b.Authorisations) {
		out = append(out, "détail de l'autorisation")
	}
	old := map[string]model.Offer{}
	for _, o := range a.Offers {
		old[o.ProcedureID] = o
	}
	added, status, detail := 0, 0, 0
	for _, o := range b.Offers {
		p, ok := old[o.ProcedureID]
		switch {
		case !ok:
			added++
		case p.Origin != o.Origin:
			status++
		case p != o:
			detail++
		}
		delete(old, o.ProcedureID)
	}
	if added > 0 || len(old) > 0 {
		out = append(out, fmt.Sprintf("gestes (+%d, −%d)", added, len(old)))
	}
	if status > 0 {
		out = append(out, fmt.Sprintf("origine des gestes (%d)", status))
	}
	if detail > 0 {
		out = append(out, fmt.Sprintf("détail des gestes (%d)", detail))
	}
	return out
}

// MentionChange says how a site's interventional radiology authorisation
// changed (« mention B → C », « autorisation retirée (mention A) »), or ""
// when its mention and practice are the same.
func MentionChange(old, new model.Centre) string {
	a, hadA := old.RIAuthorisation()
	b, hasB := new.RIAuthorisation()
	switch {
	case !hadA && !hasB:
		return ""
	case !hadA:
		return "autorisation ajoutée (" + b.MentionLabelFR() + ")"
	case !hasB:
		return "autorisation retirée (" + a.MentionLabelFR() + ")"
	case a.Mention == b.Mention && a.Practice == b.Practice:
		return ""
	}
	return a.MentionLabelFR() + " → " + b.MentionLabelFR()
}
