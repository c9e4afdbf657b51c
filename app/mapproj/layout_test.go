package mapproj

import (
	"math"
	"slices"
	"strings"
	"testing"

	"atlasri/model"
	"atlasri/resources"

	"github.com/paulmach/orb"
)

func layouts(t *testing.T) (depts []model.Departement, wide, tall *Layout) {
	t.Helper()
	depts, err := resources.Departements()
	if err != nil {
		t.Fatal(err)
	}
	wide, tall, err = Layouts(depts)
	if err != nil {
		t.Fatal(err)
	}
	return depts, wide, tall
}

func TestLayoutsPlaceEveryDepartement(t *testing.T) {
	depts, wide, tall := layouts(t)
	for _, lay := range []*Layout{wide, tall} {
		for _, d := range depts {
			want := "metro"
			if d.Overseas() {
				want = d.Code
			}
			var boxes []string
			for _, pl := range lay.Place(d.Label) {
				boxes = append(boxes, pl.Box.ID)
				if got := lay.BoxAt(pl.Sheet); got != pl.Box {
					t.Errorf("%s %s: placed in %s but BoxAt gives %v", lay.Name, d.Code, pl.Box.ID, got)
				}
			}
			if !slices.Contains(boxes, want) {
				t.Errorf("%s: %s (%s) placed in %v, want %s", lay.Name, d.Code, d.Name, boxes, want)
			}
			inParis := slices.Contains(boxes, "paris")
			if isParis := slices.Contains(ParisCodes, d.Code); isParis != inParis {
				t.Errorf("%s: %s in the Paris inset = %v", lay.Name, d.Code, inParis)
			}
		}
	}
}

// No inset may hide part of a metropolitan département, except the Paris
// inset over the Paris area itself, which it enlarges.
func TestInsetsHideNothing(t *testing.T) {
	depts, wide, tall := layouts(t)
	for _, lay := range []*Layout{wide, tall} {
		main := lay.Box("metro")
		for _, b := range lay.Boxes {
			if b == main {
				continue
			}
			for _, o := range lay.Boxes {
				if o != b && o != main && b.Dst.Intersects(o.Dst) {
					t.Errorf("%s: insets %s and %s overlap", lay.Name, b.ID, o.ID)
				}
			}
			for _, d := range depts {
				if d.Overseas() {
					continue
				}
				for _, poly := range d.Shape {
					for _, ll := range poly[0] {
						if b.Dst.Contains(main.ToSheet(ll)) {
							t.Fatalf("%s: inset %s hides part of %s (%v)", lay.Name, b.ID, d.Code, ll)
						}
					}
				}
			}
		}
		if !lay.Sheet.Contains(main.Dst.Min) || !lay.Sheet.Contains(main.Dst.Max) {
			t.Errorf("%s: sheet %v does not hold the main frame", lay.Name, lay.Sheet)
		}
	}
	ws := wide.Sheet.Max[0] - wide.Sheet.Min[0]
	wh := wide.Sheet.Max[1] - wide.Sheet.Min[1]
	ts := tall.Sheet.Max[0] - tall.Sheet.Min[0]
	th := tall.Sheet.Max[1] - tall.Sheet.Min[1]
	if ws/wh < 1.3 || ts/th > 1.1 {
		t.Errorf("aspects: wide %.2f, tall %.2f", ws/wh, ts/th)
	}
}

func TestBoxRoundTrip(t *testing.T) {
	_, wide, _ := layouts(t)
	for _, b := range wide.Boxes {
		c := b.Src.Center()
		ll := b.Proj.Inverse(c)
		s := b.ToSheet(ll)
		back := b.FromSheet(s)
		if math.Abs(back[0]-ll[0]) > 1e-9 || math.Abs(back[1]-ll[1]) > 1e-9 {
			t.Errorf("%s: %v → %v → %v", b.ID, ll, s, back)
		}
		if !b.Dst.Contains(s) {
			t.Errorf("%s: the window's centre %v is not in the frame %v", b.ID, s, b.Dst)
		}
		// Uniform scale: the frame and the window have the same aspect.
		ra := (b.Dst.Max[0] - b.Dst.Min[0]) / (b.Dst.Max[1] - b.Dst.Min[1])
		rb := (b.Src.Max[0] - b.Src.Min[0]) / (b.Src.Max[1] - b.Src.Min[1])
		if math.Abs(ra-rb) > 1e-9 {
			t.Errorf("%s: frame aspect %.4f, window aspect %.4f", b.ID, ra, rb)
		}
	}
	if got := wide.Box("metro").Scale(); got != 1 {
		t.Errorf("the main frame's scale is %v, want 1 (sheet units are Lambert-93 metres)", got)
	}
	if wide.Box("paris").Scale() < 4 {
		t.Errorf("the Paris inset enlarges only %.1f times", wide.Box("paris").Scale())
	}
}

func TestPlaceOutsideEveryFrame(t *testing.T) {
	_, wide, _ := layouts(t)
	for _, ll := range []orb.Point{{-74, 40.7}, {139.7, 35.7}, {0, -89}, {180, 0}} {
		if pl := wide.Place(ll); len(pl) != 0 {
			t.Errorf("Place(%v) = %v, want nothing", ll, pl)
		}
	}
	if b := wide.BoxAt(orb.Point{-1e7, 0}); b != nil {
		t.Errorf("BoxAt far away = %s", b.ID)
	}
}

func TestLayoutsNeedEveryInset(t *testing.T) {
	depts, _, _ := layouts(t)
	for _, missing := range []string{"974", "75"} {
		var ds []model.Departement
		for _, d := range depts {
			if d.Code != missing {
				ds = append(ds, d)
			}
		}
		_, _, err := Layouts(ds)
		if err == nil || !strings.Contains(err.Error(), missing) {
			t.Errorf("without %s: err = %v", missing, err)
		}
	}
}
