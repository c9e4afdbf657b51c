package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"atlasri/app/search"
	"atlasri/app/userdata"
)

// Scenario 7 (window side): the practice's own centre and its favourites
// show in searches, marked as the practice's.
func TestPracticeCentreAndFavourites(t *testing.T) {
	m, v := openWindow(t)
	c, err := m.atlas.SavePracticeCentre(userdata.CentreInput{
		Name: "Clinique de test du cabinet", Category: "Clinique", Sector: "private", INSEE: "49099",
		Procedures: []string{"embolisation-fibromes-uterins"}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.atlas.DeletePracticeCentre(c.ID) })
	fyne.DoAndWait(func() { m.reload("", nil) })
	eventually(t, "the window rebuilt", func() bool { return m.view != v })
	v = m.view
	pick(t, v.what, "fibrome", "fibromes")
	pick(t, v.where.entry, "49300", "Cholet")
	eventually(t, "centres around Cholet", func() bool { return settled(v) && v.place != nil })
	if got := v.result.Hits[0].Centre.ID; got != c.ID {
		t.Fatalf("nearest centre %s, want the practice's clinic in Cholet", got)
	}
	fyne.DoAndWait(func() { v.list.Select(0) })
	if d := texts(v.detail.content); !strings.Contains(d, "Centre ajouté par le cabinet") {
		t.Errorf("detail pane does not mark the practice's centre:\n%s", d)
	}
	// Favourites: only the favourite centres remain.
	if err := m.atlas.SetFavourite(c.ID, true, time.Now()); err != nil {
		t.Fatal(err)
	}
	v.favouriteIDs[c.ID] = true
	t.Cleanup(func() { m.atlas.SetFavourite(c.ID, false, time.Now()) })
	fyne.DoAndWait(v.showFavourites)
	eventually(t, "favourites", func() bool { return settled(v) && len(v.result.Hits) == 1 })
	if !strings.HasPrefix(v.status.Text, "Vos favoris.") {
		t.Errorf("status %q", v.status.Text)
	}
}

// BenchmarkSearchCompute measures the work a search does off the UI
// goroutine (nearest centres and the map's shading).
func BenchmarkSearchCompute(b *testing.B) {
	v := benchView(b)
	q, tg := v.query(), v.target
	for b.Loop() {
		v.compute(q, tg)
	}
}

// BenchmarkSearchShow measures what runs on the UI goroutine when a
// search's answer arrives: list, markers, shading, status.
func BenchmarkSearchShow(b *testing.B) {
	v := benchView(b)
	q, tg := v.query(), v.target
	out := v.compute(q, tg)
	for b.Loop() {
		v.show(out, q, "")
	}
}

func benchView(b *testing.B) *mainView {
	_, v := openWindowTB(b)
	l, _, err := v.env.engine.Locate("49300")
	if err != nil {
		b.Fatal(err)
	}
	v.place = &l
	v.target = &target{kind: search.KindProcedure, id: "embolisation-fibromes-uterins", label: "fibromes"}
	return v
}
