package search

import "fmt"

// LocationOf resolves a place suggestion (as Suggest or SuggestPlaces
// returned it) to its location, so that a picked suggestion needs no
// second reading of the text.
func (e *Engine) LocationOf(s Suggestion) (Location, error) {
	switch s.Kind {
	case KindCommune, KindArrondissement, KindPostcode, KindINSEE:
		c, ok := e.Commune(s.ID)
		switch {
		case !ok:
			return Location{}, fmt.Errorf("commune %s inconnue", s.ID)
		case !c.Located():
			return Location{}, fmt.Errorf("position de %s inconnue : aucune source ne la situe", c.Name)
		}
		return e.communeLocation(c, s.Postcode), nil
	case KindDepartement:
		if i, ok := e.deptIdx[s.ID]; ok {
			if l, ok := e.areaLocation(entry{kind: ekDepartement, ref: int32(i)}); ok {
				return l, nil
			}
		}
	case KindCollectivite:
		if i, ok := e.collIdx[s.ID]; ok {
			if l, ok := e.areaLocation(entry{kind: ekCollectivite, ref: int32(i)}); ok {
				return l, nil
			}
		}
	default:
		return Location{}, fmt.Errorf("« %s » n'est pas un lieu", s.Label)
	}
	return Location{}, fmt.Errorf("lieu %s inconnu ou sans position", s.ID)
}
