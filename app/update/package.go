package update

import (
	"archive/zip"
	"atlasri/internal/strictjson"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
)

// Names inside a package, and its format.
const (
	ManifestFile  = "manifest.json"
	PayloadFile   = "annuaire.json"
	PackageFormat = "atlasri-paquet/1"
)

// maxPayload bounds what is read from a package: the whole French
// directory is a few megabytes.
const maxPayload = 64 << 20

// Manifest describes a package's directory file; the signature covers
// every other field (see SignedText).
type Manifest struct {
	Format    string `json:"format"`
	Version   string `json:"version"`
	Date      string `json:"date"`
	File      string `json:"file"`
	Size      int64  `json:"size"`
	SHA256    string `json:"sha256"`
	Key       string `json:"key"`
	Signature string `json:"signature"`
}

// SignedText is exactly what the signature covers: one "name: value" line
// per field, in this order, so that no JSON canonicalisation is needed.
func (m Manifest) SignedText() []byte {
	return fmt.Appendf(nil, "%s\nversion: %s\ndate: %s\nfile: %s\nsize: %d\nsha256: %s\nkey: %s\n",
		m.Format, m.Version, m.Date, m.File, m.Size, m.SHA256, m.Key)
}

var (
	versionPattern = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z.\-]{0,39}$`)
	datePattern    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	hexPattern     = regexp.MustCompile(`^[0-9a-f]+$`)
)

// Error is why a package was refused, in French.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

func refuse(format string, args ...any) error { return &Error{Msg: fmt.Sprintf(format, args...)} }

// IsPackage reports whether data looks like a package (a zip file, even an
// empty or split one) rather than a plain JSON or CSV directory file.
func IsPackage(data []byte) bool {
	for _, sig := range []string{"PK\x03\x04", "PK\x05\x06", "PK\x07\x08"} {
		if bytes.HasPrefix(data, []byte(sig)) {
			return true
		}
	}
	return false
}

// Sign makes a package of a directory file (JSON exchange format) of the
// given version and date. The zip is reproducible: signing the same file
// twice gives the same bytes.
func Sign(payload []byte, version, date string, key ed25519.PrivateKey) ([]byte, error) {
	if !versionPattern.MatchString(version) {
		return nil, refuse("version « %s » invalide pour un paquet : lettres, chiffres, points et tirets (par exemple 2027.1)", version)
	}
	t, err := time.Parse("2006-01-02", date)
	if err != nil || !datePattern.MatchString(date) {
		return nil, refuse("date « %s » invalide : AAAA-MM-JJ attendu", date)
	}
	sum := sha256.Sum256(payload)
	m := Manifest{Format: PackageFormat, Version: version, Date: date, File: PayloadFile, Size: int64(len(payload)),
		SHA256: hex.EncodeToString(sum[:]), Key: KeyID(key.Public().(ed25519.PublicKey))}
	m.Signature = base64.StdEncoding.EncodeToString(ed25519.Sign(key, m.SignedText()))
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range []struct {
		name string
		data []byte
	}{{ManifestFile, append(mb, '\n')}, {PayloadFile, payload}} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: t})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Verify checks a package against the trusted keys: its structure, the
// manifest's signature, then the directory file's size and SHA-256. It
// returns the manifest and the directory file; the file's content is
// checked by the exchange package.
func Verify(pkg []byte, keys *Keyring) (*Manifest, []byte, error) {
	if len(pkg) > 2*maxPayload {
		return nil, nil, refuse("paquet trop gros (%d Mo) pour un annuaire", len(pkg)>>20)
	}
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		return nil, nil, refuse("ce fichier n'est pas un paquet d'annuaire lisible : archive zip endommagée ou incomplète ; téléchargez-le à nouveau")
	}
	if len(zr.File) == 0 {
		return nil, nil, refuse("archive zip vide : ce n'est pas un paquet d'annuaire de la fédération")
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		if f.Name != ManifestFile && f.Name != PayloadFile {
			return nil, nil, refuse("fichier inattendu « %s » dans le paquet : seuls %s et %s y ont leur place", f.Name, ManifestFile, PayloadFile)
		}
		if files[f.Name] != nil {
			return nil, nil, refuse("« %s » figure deux fois dans le paquet", f.Name)
		}
		files[f.Name] = f
	}
	for _, n := range []string{ManifestFile, PayloadFile} {
		if files[n] == nil {
			return nil, nil, refuse("paquet incomplet : « %s » absent", n)
		}
	}
	mb, err := readEntry(files[ManifestFile], 64<<10)
	if err != nil {
		return nil, nil, err
	}
	m, err := parseManifest(mb)
	if err != nil {
		return nil, nil, err
	}
	pub, ok := keys.keys[m.Key]
	if !ok {
		return nil, nil, refuse("paquet signé par une clé inconnue (%s) : il ne vient pas de la fédération, ou cette version d'Atlas RI est trop ancienne pour connaître sa clé", m.Key)
	}
	sig, _ := base64.StdEncoding.DecodeString(m.Signature)
	if !ed25519.Verify(pub, m.SignedText(), sig) {
		return nil, nil, refuse("signature invalide : le manifeste a été modifié, ou n'a pas été signé par la fédération")
	}
	payload, err := readEntry(files[PayloadFile], maxPayload)
	if err != nil {
		return nil, nil, err
	}
	sum := sha256.Sum256(payload)
	if int64(len(payload)) != m.Size || hex.EncodeToString(sum[:]) != m.SHA256 {
		return nil, nil, refuse("%s ne correspond pas à l'empreinte signée dans le manifeste : il a été modifié après la signature", PayloadFile)
	}
	return m, payload, nil
}

func readEntry(f *zip.File, limit int64) ([]byte, error) {
	const damaged = "« %s » illisible dans le paquet (archive endommagée) ; téléchargez-le à nouveau"
	rc, err := f.Open()
	if err != nil {
		return nil, refuse(damaged, f.Name)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, refuse(damaged, f.Name)
	}
	if int64(len(b)) > limit {
		return nil, refuse("« %s » est trop gros dans le paquet", f.Name)
	}
	return b, nil
}

func parseManifest(b []byte) (*Manifest, error) {
	var m Manifest
	if err := strictjson.Decode(b, &m); err != nil {
		return nil, refuse("manifeste illisible : %v", err)
	}
	sig, sigErr := base64.StdEncoding.DecodeString(m.Signature)
	_, dateErr := time.Parse("2006-01-02", m.Date)
	switch {
	case m.Format != PackageFormat:
		return nil, refuse("format de paquet « %s » inconnu de cette version d'Atlas RI (« %s » attendu)", m.Format, PackageFormat)
	case !versionPattern.MatchString(m.Version):
		return nil, refuse("manifeste : version « %s » invalide", m.Version)
	case !datePattern.MatchString(m.Date) || dateErr != nil:
		return nil, refuse("manifeste : date « %s » invalide", m.Date)
	case m.File != PayloadFile:
		return nil, refuse("manifeste : fichier « %s » au lieu de « %s »", m.File, PayloadFile)
	case m.Size < 0 || m.Size > maxPayload:
		return nil, refuse("manifeste : taille %d invalide", m.Size)
	case len(m.SHA256) != 64 || !hexPattern.MatchString(m.SHA256):
		return nil, refuse("manifeste : empreinte SHA-256 invalide")
	case len(m.Key) != 16 || !hexPattern.MatchString(m.Key):
		return nil, refuse("manifeste : identifiant de clé « %s » invalide", m.Key)
	case sigErr != nil || len(sig) != ed25519.SignatureSize:
		return nil, refuse("manifeste : signature illisible")
	}
	return &m, nil
}

// Compare orders two directory versions: by date, then by version with
// numbers compared as numbers ("2027.10" after "2027.9"). It returns -1, 0
// or +1.
func Compare(dateA, versionA, dateB, versionB string) int {
	if c := strings.Compare(dateA, dateB); c != 0 {
		return c
	}
	return naturalCompare(versionA, versionB)
}

func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		na, ra := leadingNumber(a)
		nb, rb := leadingNumber(b)
		switch {
		case na != "" && nb != "":
			na, nb = strings.TrimLeft(na, "0"), strings.TrimLeft(nb, "0")
			if len(na) != len(nb) {
				return sign(len(na) - len(nb))
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = ra, rb
		case a[0] != b[0]:
			return sign(int(a[0]) - int(b[0]))
		default:
			a, b = a[1:], b[1:]
		}
	}
	return sign(len(a) - len(b))
}

func leadingNumber(s string) (num, rest string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:]
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}
