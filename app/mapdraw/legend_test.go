package mapdraw

import (
	"math"
	"slices"
	"testing"
)

func labels(cs []Class) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Label)
	}
	return out
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name   string
		values []float64
		want   []string
	}{
		{"petits comptes", []float64{0, 1, 1, 2, 3, 0}, []string{"0", "1", "2", "3"}},
		{"comptes jusqu'à 7", []float64{0, 1, 2, 3, 4, 5, 6, 7}, []string{"0", "1", "2 – 3", "4 – 5", "6 – 7"}},
		{"comptes sans zéro", []float64{2, 3, 5}, []string{"2", "3", "4", "5"}},
		{"zéro et comptes épars", []float64{0, 2, 3, 5}, []string{"0", "1", "2", "3", "4", "5"}},
		{"grands comptes", []float64{0, 3, 12, 40, 97}, []string{"0", "1 – 19", "20 – 39", "40 – 59", "60 – 79", "80 – 97"}},
		{"pourcentages", []float64{12.5, 40, 61.2, 87.3}, []string{"0 – 20", "20 – 40", "40 – 60", "60 – 80", "80 – 100"}},
		{"une seule valeur", []float64{4, 4}, []string{"4"}},
		{"que des zéros", []float64{0, 0}, []string{"0"}},
		{"valeurs invalides ignorées", []float64{math.NaN(), 1, math.Inf(1), 2}, []string{"1", "2"}},
		{"rien", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vals := map[string]float64{}
			for i, v := range tc.values {
				vals[string(rune('a'+i))] = v
			}
			cs := classify(vals, LightTheme())
			if got := labels(cs); !slices.Equal(got, tc.want) {
				t.Fatalf("classes %q, want %q", got, tc.want)
			}
			if len(cs) > maxClasses {
				t.Errorf("%d classes, at most %d", len(cs), maxClasses)
			}
			// Every valid value falls in a class that holds it.
			for _, v := range tc.values {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					if classIndex(cs, v) != -1 {
						t.Errorf("%v has a class", v)
					}
					continue
				}
				if i := classIndex(cs, v); i < 0 || v < cs[i].Lo || v > cs[i].Hi {
					t.Errorf("%v falls in class %d of %q", v, i, labels(cs))
				}
			}
		})
	}
}

// On a light background "more" is darker, on a dark one brighter; the
// dark theme keeps a neutral grey for zero.
func TestClassColours(t *testing.T) {
	vals := map[string]float64{"a": 0, "b": 1, "c": 2, "d": 3, "e": 4}
	light := classify(vals, LightTheme())
	for i := 1; i < len(light); i++ {
		if luminance(light[i].Colour) >= luminance(light[i-1].Colour) {
			t.Errorf("light: class %s is not darker than %s", light[i].Label, light[i-1].Label)
		}
	}
	dark := classify(vals, DarkTheme())
	if dark[0].Colour != DarkTheme().Zero {
		t.Errorf("dark: zero is %v, want the neutral %v", dark[0].Colour, DarkTheme().Zero)
	}
	for i := 2; i < len(dark); i++ {
		if luminance(dark[i].Colour) <= luminance(dark[i-1].Colour) {
			t.Errorf("dark: class %s is not brighter than %s", dark[i].Label, dark[i-1].Label)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"}, {3, "3"}, {2.5, "2,5"}, {87.25, "87,3"}, {-4, "-4"}, {1234, "1234"},
		{12345, "12\u202f345"}, {1234567.8, "1\u202f234\u202f567,8"},
	}
	for _, tc := range tests {
		if got := formatNumber(tc.v); got != tc.want {
			t.Errorf("formatNumber(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestLegendOnlyWhenUseful(t *testing.T) {
	m := newTestMap(t)
	v := m.NewView(800, 500, 1)
	corner := func() [4]uint8 {
		img := m.Render(v)
		o := img.PixOffset(780, 480)
		return [4]uint8(img.Pix[o : o+4])
	}
	plain := corner()
	m.SetShading(&Shading{Title: "Centres", Values: map[string]float64{"49": 1, "44": 2}})
	if got := corner(); got == plain {
		t.Errorf("no legend drawn in the corner with a shading")
	}
	classes := m.Classes()
	if !slices.Equal(labels(classes), []string{"1", "2"}) {
		t.Errorf("Classes() = %q", labels(classes))
	}
	m.SetShading(nil)
	if got := corner(); got != plain || len(m.Classes()) != 0 {
		t.Errorf("legend left after removing the shading")
	}
}
