package resources

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// tsvRow gives named, checked access to one line of a tab-separated file,
// so that errors say which file, line and field went wrong.
type tsvRow struct {
	file   string
	line   int
	cols   map[string]int
	fields []string
}

func (r tsvRow) errorf(field, format string, args ...any) error {
	return fmt.Errorf("%s, ligne %d, champ « %s » : %s", r.file, r.line, field, fmt.Sprintf(format, args...))
}

// str returns a field, refusing an empty one when required.
func (r tsvRow) str(field string, required bool) (string, error) {
	v := r.fields[r.cols[field]]
	if required && v == "" {
		return "", r.errorf(field, "valeur manquante")
	}
	return v, nil
}

func (r tsvRow) int(field string) (int, error) {
	v := r.fields[r.cols[field]]
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, r.errorf(field, "nombre entier attendu, trouvé %q", v)
	}
	return n, nil
}

func (r tsvRow) float(field string, lo, hi float64) (float64, error) {
	v := r.fields[r.cols[field]]
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < lo || f > hi {
		return 0, r.errorf(field, "nombre entre %g et %g attendu, trouvé %q", lo, hi, v)
	}
	return f, nil
}

// parseTSV reads a UTF-8 tab-separated file whose first line names at least
// the wanted columns, and calls fn for every following non-empty line.
func parseTSV(file string, data []byte, want []string, fn func(tsvRow) error) error {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	if len(lines) == 0 || lines[0] == "" {
		return fmt.Errorf("%s : fichier vide", file)
	}
	cols := map[string]int{}
	for i, name := range strings.Split(lines[0], "\t") {
		cols[name] = i
	}
	for _, w := range want {
		if _, ok := cols[w]; !ok {
			return fmt.Errorf("%s, ligne 1 : colonne « %s » absente de l'en-tête", file, w)
		}
	}
	header := len(strings.Split(lines[0], "\t"))
	for i, l := range lines[1:] {
		if l == "" {
			continue
		}
		fields := strings.Split(l, "\t")
		if len(fields) != header {
			return fmt.Errorf("%s, ligne %d : %d champs au lieu de %d", file, i+2, len(fields), header)
		}
		if err := fn(tsvRow{file: file, line: i + 2, cols: cols, fields: fields}); err != nil {
			return err
		}
	}
	return nil
}
