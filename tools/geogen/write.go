package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"atlasri/internal/geocodec"
	"atlasri/model"
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

// encodeDepts renders departements.bin (internal/geocodec): the
// application reads it without parsing GeoJSON.
func encodeDepts(depts []*dept) ([]byte, error) {
	ds := make([]model.Departement, len(depts))
	for i, d := range depts {
		ds[i] = model.Departement{Code: d.Code, Name: d.Name, RegionCode: d.RegionCode, RegionName: d.RegionName,
			Label: d.Label, Shape: d.Geom, Land: d.Land}
	}
	return geocodec.Encode(ds)
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
