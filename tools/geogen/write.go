package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// writeFile writes data atomically-enough for a generator: to a temporary
// file next to the target, then renamed over it.
func writeFile(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// featureProps fixes the key order of a feature's properties.
type featureProps struct {
	Code       string     `json:"code"`
	Name       string     `json:"name"`
	RegionCode string     `json:"region_code"`
	RegionName string     `json:"region_name"`
	Label      [2]float64 `json:"label"`
}

// encodeDepts renders departements.geojson with one feature per line, so
// that a change to one département shows as a one-line diff.
func encodeDepts(depts []*dept) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
	for i, d := range depts {
		props, err := marshalNoEscape(featureProps{d.Code, d.Name, d.RegionCode, d.RegionName, [2]float64(d.Label)})
		if err != nil {
			return nil, err
		}
		b.WriteString(`{"type":"Feature","properties":`)
		b.Write(props)
		b.WriteString(`,"geometry":`)
		writeGeometry(&b, d.Geom)
		b.WriteString("}")
		if i < len(depts)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("]}\n")
	return b.Bytes(), nil
}

func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// writeGeometry writes a Polygon when there is one part, else a
// MultiPolygon, with coordinates in their shortest decimal form.
func writeGeometry(b *bytes.Buffer, mp orb.MultiPolygon) {
	if len(mp) == 1 {
		b.WriteString(`{"type":"Polygon","coordinates":`)
		writePolygon(b, mp[0])
	} else {
		b.WriteString(`{"type":"MultiPolygon","coordinates":[`)
		for i, p := range mp {
			if i > 0 {
				b.WriteByte(',')
			}
			writePolygon(b, p)
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
}

func writePolygon(b *bytes.Buffer, p orb.Polygon) {
	b.WriteByte('[')
	for i, r := range p {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		for j, pt := range r {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('[')
			b.WriteString(formatCoord(pt[0]))
			b.WriteByte(',')
			b.WriteString(formatCoord(pt[1]))
			b.WriteByte(']')
		}
		b.WriteByte(']')
	}
	b.WriteByte(']')
}

func formatCoord(v float64) string { return strconv.FormatFloat(round5(v), 'f', -1, 64) }

// tsvField refuses values that would break the TSV layout.
func tsvField(s string) (string, error) {
	if strings.ContainsAny(s, "\t\r\n") {
		return "", fmt.Errorf("value %q contains a tab or newline", s)
	}
	return s, nil
}

func writeTSV(path string, header []string, rows [][]string) error {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	w.WriteString(strings.Join(header, "\t") + "\n")
	for _, r := range rows {
		for i, f := range r {
			if _, err := tsvField(f); err != nil {
				return fmt.Errorf("%s: %w", filepath.Base(path), err)
			}
			if i > 0 {
				w.WriteByte('\t')
			}
			w.WriteString(f)
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return writeFile(path, b.Bytes())
}

var communeHeader = []string{"insee", "name", "dept", "kind", "parent", "postcodes", "population", "lat", "lon", "approx", "pos_source"}

// communeRecord renders a communes.tsv row. A commune without a position
// (pos_source none) has empty lat and lon, never a made-up 0,0.
func communeRecord(c *commune) []string {
	approx := "0"
	if c.approx() {
		approx = "1"
	}
	lat, lon := "", ""
	if c.located() {
		lat = strconv.FormatFloat(c.Pos[1], 'f', 5, 64)
		lon = strconv.FormatFloat(c.Pos[0], 'f', 5, 64)
	}
	return []string{
		c.Insee, c.Name, c.Dept, c.Kind, c.Parent,
		strings.Join(c.Postcodes, ","),
		strconv.Itoa(c.Population),
		lat, lon,
		approx, c.PosSource,
	}
}

var postcodeHeader = []string{"postcode", "insee", "name", "source"}

var collectiviteHeader = []string{"code", "name"}
