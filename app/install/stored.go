package install

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"atlasri/app/exchange"
	"atlasri/internal/fault"
	"atlasri/internal/safefile"
	"atlasri/model"
)

// StoredFile is the copy of the installed directory in the data folder.
const StoredFile = "annuaire.json"

// Origins of an installed directory, as reference.db's meta records them.
const (
	OriginImport  = "import"  // a JSON or CSV file, unsigned
	OriginPackage = "package" // a package signed by the federation
)

// StoredHash returns the SHA-256 of the data folder's annuaire.json, or ""
// when there is none.
func StoredHash(dataDir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dataDir, StoredFile))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return exchange.FileSHA256(b), nil
}

// Stored is the installed directory read back from annuaire.json.
type Stored struct {
	Directory  model.Directory
	Provenance exchange.Provenance
	SHA256     string
	// Skipped lists, in French, what the current geography or catalogue no
	// longer accepts (after an app upgrade); those centres or offers are
	// left out rather than the whole directory lost.
	Skipped exchange.Problems
}

// LoadStored reads annuaire.json and resolves it against g. An error means
// the file itself is unusable; the caller then falls back to the embedded
// directory and keeps the file aside.
func LoadStored(dataDir string, g *exchange.Geography) (*Stored, error) {
	path := filepath.Join(dataDir, StoredFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, ps := exchange.Parse(StoredFile, b)
	if ps.Errors() > 0 {
		return nil, ps
	}
	d, rps := exchange.Resolve(f, g, exchange.Options{})
	if len(d.Centres) == 0 && rps.Errors() > 0 {
		return nil, rps
	}
	s := &Stored{Directory: d, SHA256: exchange.FileSHA256(b)}
	if f.Provenance != nil {
		s.Provenance = *f.Provenance
	}
	for _, p := range rps {
		if !p.Warning {
			s.Skipped = append(s.Skipped, p)
		}
	}
	if s.Provenance.Origin != OriginPackage {
		s.Provenance.Origin = OriginImport
	}
	return s, nil
}

// StoredProvenance reads where the installed directory came from (the
// file's name, when it was installed) from annuaire.json, without
// checking its centres.
func StoredProvenance(dataDir string) (exchange.Provenance, error) {
	b, err := os.ReadFile(filepath.Join(dataDir, StoredFile))
	if err != nil {
		return exchange.Provenance{}, err
	}
	f, ps := exchange.Parse(StoredFile, b)
	if ps.Errors() > 0 || f.Provenance == nil {
		return exchange.Provenance{}, errors.New("provenance illisible")
	}
	return *f.Provenance, nil
}

// WriteStored replaces annuaire.json atomically: a new file beside it,
// synced, then renamed over it. The rename is an install's commit point.
func WriteStored(dataDir string, data []byte) error {
	return safefile.WriteBytes(filepath.Join(dataDir, StoredFile), data)
}

// SetAside renames a file the app cannot use to name.damaged-<date>, and
// returns the new name; nothing is deleted.
func SetAside(path string) (string, error) { return SetAsideAs(path, "damaged") }

// SetAsideAs renames a file to name.<why>-<date> (name.<why>-<date>-2...
// when that name is taken: an earlier file set aside is never replaced)
// and returns the new name.
func SetAsideAs(path, why string) (string, error) {
	aside := safefile.FreeName(fmt.Sprintf("%s.%s-%s", path, why, time.Now().Format("20060102-150405")))
	if err := os.Rename(path, aside); err != nil {
		return "", fault.Wrap("mise de côté de", path, err)
	}
	return aside, nil
}
