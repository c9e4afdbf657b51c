package search

import (
	"fmt"

	"atlasri/model"
)

// CentresInDept returns every centre of a département, by name.
func (e *Engine) CentresInDept(code string) ([]model.Centre, error) {
	if _, ok := e.deptIdx[code]; !ok {
		return nil, fmt.Errorf("département inconnu « %s »", code)
	}
	var idx []int
	for i, c := range e.centres {
		if c.Dept == code {
			idx = append(idx, i)
		}
	}
	e.sortByName(idx)
	out := make([]model.Centre, len(idx))
	for k, i := range idx {
		out[k] = e.centres[i]
	}
	return out, nil
}

// CountsByDept counts, per département code, the centres offering a
// procedure or a family of procedures (by id), or all centres for "".
// Départements without such a centre are absent from the map.
func (e *Engine) CountsByDept(procedureOrFamily string) (map[string]int, error) {
	var cands []int32
	id := procedureOrFamily
	if p, ok := e.procIdx[id]; ok {
		cands = nonNil(e.geo.byProc[p])
	} else if f, ok := e.famIdx[id]; ok {
		cands = nonNil(e.geo.byFam[f])
	} else if id != "" {
		return nil, fmt.Errorf("geste ou famille inconnu « %s »", id)
	}
	out := map[string]int{}
	if cands == nil {
		for _, c := range e.centres {
			out[c.Dept]++
		}
		return out, nil
	}
	for _, i := range cands {
		out[e.centres[i].Dept]++
	}
	return out, nil
}
