package sqlite

import (
	"reflect"
	"testing"

	"atlasri/model"
)

// The search lookups read back what was built, départements without
// their outlines.
func TestSearchPlaces(t *testing.T) {
	_, r := MustBuild(t)
	d := smallData()

	labels, err := r.DepartementLabels()
	if err != nil {
		t.Fatal(err)
	}
	want := make([]model.Departement, len(d.Departements))
	for i, dep := range d.Departements {
		dep.Shape = nil
		want[i] = dep
	}
	if !reflect.DeepEqual(labels, want) {
		t.Errorf("DepartementLabels() = %+v, want %+v", labels, want)
	}

	cols, err := r.Collectivites()
	if err != nil || !reflect.DeepEqual(cols, d.Collectivites) {
		t.Errorf("Collectivites() = %+v, %v; want %+v", cols, err, d.Collectivites)
	}

	pcs, err := r.Postcodes()
	if err != nil || !reflect.DeepEqual(pcs, d.Postcodes) {
		t.Errorf("Postcodes() = %+v, %v; want %+v", pcs, err, d.Postcodes)
	}
}
