package geocodec

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"atlasri/model"

	"github.com/paulmach/orb"
)

func sample() []model.Departement {
	// Coordinates already on the 1e-5 grid, as geogen writes them.
	sq := func(x, y, s float64) orb.Ring {
		r := orb.Ring{{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}, {x, y}}
		for i, p := range r {
			r[i] = point(steps(p[0]), steps(p[1]))
		}
		return r
	}
	return []model.Departement{
		{Code: "2A", Name: "Corse-du-Sud", RegionCode: "94", RegionName: "Corse", Label: orb.Point{8.98765, 41.86543},
			Shape: orb.MultiPolygon{{sq(8.5, 41.4, 0.7), sq(8.7, 41.6, 0.1)}, {sq(9.3, 41.3, 0.01)}}, Land: []int{3, 7}},
		{Code: "974", Name: "La Réunion", RegionCode: "04", RegionName: "La Réunion", Label: orb.Point{55.53, -21.13},
			Shape: orb.MultiPolygon{{sq(55.2, -21.4, 0.6)}}, Land: []int{0}},
	}
}

func TestRoundTrip(t *testing.T) {
	in := sample()
	b, err := Encode(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Fatalf("round trip changed the data:\n in  %+v\n out %+v", in, out)
	}
}

// TestRoundTripRandom checks rounding: any coordinate comes back as the
// nearest 1e-5 degree, exactly as geogen rounds (math.Round(v*1e5)/1e5).
func TestRoundTripRandom(t *testing.T) {
	seed := uint64(20261202)
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, seed))
	for n := 0; n < 200; n++ {
		var r orb.Ring
		for i := 0; i < 3+rng.IntN(50); i++ {
			r = append(r, orb.Point{-180 + 360*rng.Float64(), -90 + 180*rng.Float64()})
		}
		r = append(r, r[0])
		d := model.Departement{Code: "01", Name: "Ain", Label: r[1], Shape: orb.MultiPolygon{{r}}, Land: []int{rng.IntN(1000)}}
		b, err := Encode([]model.Departement{d})
		if err != nil {
			t.Fatal(err)
		}
		out, err := Decode(b)
		if err != nil {
			t.Fatal(err)
		}
		got := out[0].Shape[0][0]
		for i, p := range r {
			want := orb.Point{float64(steps(p[0])) / unit, float64(steps(p[1])) / unit}
			if got[i] != want {
				t.Fatalf("point %d: %v, want %v", i, got[i], want)
			}
		}
	}
}

func TestDecodeRefusesDamage(t *testing.T) {
	good, err := Encode(sample())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		b    []byte
		want string
	}{
		{"empty", nil, "en-tête"},
		{"geojson", []byte(`{"type":"FeatureCollection"}`), "en-tête"},
		{"truncated", good[:len(good)-3], "département 974"},
		{"trailing", append(append([]byte(nil), good...), 1, 2), "octets inattendus"},
		{"huge count", append([]byte(magic), 0xff, 0xff, 0xff, 0xff, 0x0f), "impossible"},
	}
	for _, tt := range tests {
		if _, err := Decode(tt.b); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestEncodeRefusesOpenRing(t *testing.T) {
	d := sample()[:1]
	d[0].Shape[0][0] = d[0].Shape[0][0][:4]
	if _, err := Encode(d); err == nil {
		t.Error("an open ring was encoded")
	}
	d = sample()[:1]
	d[0].Land = nil
	if _, err := Encode(d); err == nil {
		t.Error("polygons without landmass ids were encoded")
	}
}

func FuzzDecode(f *testing.F) {
	good, _ := Encode(sample())
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		ds, err := Decode(b)
		if err != nil {
			return
		}
		// What decodes encodes, and decodes again to the same values
		// (the bytes may differ: a varint can be written with padding).
		again, err := Encode(ds)
		if err != nil {
			t.Fatalf("decoded data does not encode: %v", err)
		}
		back, err := Decode(again)
		if err != nil || !reflect.DeepEqual(back, ds) {
			t.Fatalf("decode/encode/decode changed the data (%v)", err)
		}
	})
}
