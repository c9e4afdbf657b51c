// Package geocodec is the compact binary form of the départements'
// outlines embedded in Atlas RI (resources/geo/departements.bin): written
// by tools/geogen, read at start-up without any GeoJSON parsing.
//
// Layout (all integers varints, as encoding/binary writes them):
//
//	magic "ARIGEO1\n"
//	count                                   uvarint
//	per département:
//	  code, name, region code, region name  uvarint length + UTF-8 bytes
//	  label lon, lat                        varint, in units of 1e-5 degree
//	  polygons                              uvarint
//	  per polygon: land                     uvarint (landmass id, see model.Departement.Land)
//	               rings                    uvarint
//	               per ring: points         uvarint (the closing point is implied)
//	                         lon, lat       varint deltas from the previous point
//	                                        of the département (the label first)
//
// Coordinates are stored to 1e-5 degree (about 1 m), the precision geogen
// rounds to, so a decoded outline is exactly the one written.
package geocodec

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"unicode/utf8"

	"atlasri/model"

	"github.com/paulmach/orb"
)

const magic = "ARIGEO1\n"

// unit is the number of stored steps per degree.
const unit = 1e5

// maxLand bounds landmass ids (France has a few hundred islands).
const maxLand = 1 << 20

// Encode writes départements in the binary form. Coordinates are rounded
// to 1e-5 degree; rings are written without their closing point and must
// be closed with at least 4 points.
func Encode(ds []model.Departement) ([]byte, error) {
	b := append([]byte(nil), magic...)
	b = binary.AppendUvarint(b, uint64(len(ds)))
	for _, d := range ds {
		for _, s := range []string{d.Code, d.Name, d.RegionCode, d.RegionName} {
			b = binary.AppendUvarint(b, uint64(len(s)))
			b = append(b, s...)
		}
		if len(d.Land) != len(d.Shape) {
			return nil, fmt.Errorf("département %s: %d landmass ids for %d polygons", d.Code, len(d.Land), len(d.Shape))
		}
		lx, ly := steps(d.Label[0]), steps(d.Label[1])
		b = binary.AppendVarint(b, lx)
		b = binary.AppendVarint(b, ly)
		px, py := lx, ly
		b = binary.AppendUvarint(b, uint64(len(d.Shape)))
		for i, poly := range d.Shape {
			if d.Land[i] < 0 {
				return nil, fmt.Errorf("département %s: negative landmass id", d.Code)
			}
			b = binary.AppendUvarint(b, uint64(d.Land[i]))
			b = binary.AppendUvarint(b, uint64(len(poly)))
			for _, r := range poly {
				if len(r) < 4 || r[0] != r[len(r)-1] {
					return nil, fmt.Errorf("département %s: ring of %d points, not closed", d.Code, len(r))
				}
				b = binary.AppendUvarint(b, uint64(len(r)-1))
				for _, p := range r[:len(r)-1] {
					x, y := steps(p[0]), steps(p[1])
					b = binary.AppendVarint(b, x-px)
					b = binary.AppendVarint(b, y-py)
					px, py = x, y
				}
			}
		}
	}
	return b, nil
}

func steps(v float64) int64 { return int64(math.Round(v * unit)) }

// Decode reads départements written by Encode. Damaged input gives an
// error naming the département and what is wrong, never a panic.
func Decode(b []byte) ([]model.Departement, error) {
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		return nil, errors.New("départements : en-tête inconnu (fichier d'un autre format)")
	}
	r := &reader{b: b, off: len(magic)}
	n := r.count(1)
	var out []model.Departement
	for i := 0; i < n && r.err == nil; i++ {
		var d model.Departement
		d.Code, d.Name, d.RegionCode, d.RegionName = r.str(), r.str(), r.str(), r.str()
		where := fmt.Sprintf("département n° %d", i+1)
		if d.Code != "" {
			where = "département " + d.Code
		}
		x, y := r.varint(), r.varint()
		d.Label = point(x, y)
		polys := r.count(2)
		for j := 0; j < polys && r.err == nil; j++ {
			land := r.uvarint()
			if land > maxLand && r.err == nil {
				r.err = fmt.Errorf("identifiant de masse terrestre %d hors limites", land)
			}
			rings := r.count(1)
			poly := make(orb.Polygon, 0, rings)
			for k := 0; k < rings && r.err == nil; k++ {
				pts := r.count(2)
				if pts < 3 && r.err == nil {
					r.err = fmt.Errorf("anneau de %d points", pts)
				}
				ring := make(orb.Ring, 0, pts+1)
				for m := 0; m < pts && r.err == nil; m++ {
					x += r.varint()
					y += r.varint()
					ring = append(ring, point(x, y))
				}
				if r.err == nil {
					poly = append(poly, append(ring, ring[0]))
				}
			}
			d.Shape = append(d.Shape, poly)
			d.Land = append(d.Land, int(land))
		}
		if r.err == nil {
			r.err = checkDept(d)
		}
		if r.err != nil {
			return nil, fmt.Errorf("départements, %s : %w", where, r.err)
		}
		out = append(out, d)
	}
	if r.err != nil {
		return nil, fmt.Errorf("départements : %w", r.err)
	}
	if r.off != len(b) {
		return nil, fmt.Errorf("départements : %d octets inattendus après le dernier département", len(b)-r.off)
	}
	return out, nil
}

func point(x, y int64) orb.Point { return orb.Point{float64(x) / unit, float64(y) / unit} }

func checkDept(d model.Departement) error {
	switch {
	case d.Code == "" || d.Name == "":
		return errors.New("code ou nom manquant")
	case len(d.Shape) == 0:
		return errors.New("contour vide")
	}
	for _, p := range append(d.Shape.Bound().ToRing(), d.Label) {
		if math.Abs(p[0]) > 180 || math.Abs(p[1]) > 90 {
			return fmt.Errorf("coordonnées hors limites (%g, %g)", p[0], p[1])
		}
	}
	return nil
}

// reader walks the bytes, keeping the first error; every count is checked
// against what is left, so that damaged input cannot ask for a huge
// allocation.
type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.err = fmt.Errorf("nombre illisible à l'octet %d", r.off)
		return 0
	}
	r.off += n
	return v
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		r.err = fmt.Errorf("nombre illisible à l'octet %d", r.off)
		return 0
	}
	r.off += n
	return v
}

// count reads a number of items each taking at least minBytes (1 or more).
func (r *reader) count(minBytes int) int {
	v := r.uvarint()
	if r.err == nil && v > uint64(len(r.b)-r.off)/uint64(minBytes) {
		r.err = fmt.Errorf("nombre d'éléments %d impossible à l'octet %d", v, r.off)
		return 0
	}
	return int(v)
}

func (r *reader) str() string {
	n := r.count(1)
	if r.err != nil {
		return ""
	}
	s := string(r.b[r.off : r.off+n])
	r.off += n
	if !utf8.ValidString(s) {
		r.err = errors.New("texte qui n'est pas de l'UTF-8")
	}
	return s
}
