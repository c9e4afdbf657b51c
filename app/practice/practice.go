// Package practice holds the identity of the practice's GP as letters print
// it: stored in user.db's settings under the model.SettingGP* keys, checked
// before use (RPPS with its Luhn key, phone, email, MSSanté address).
package practice

import (
	"atlasri/internal/strictjson"
	"atlasri/model"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/png"
	"net/mail"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// GP is the doctor who signs the letters.
type GP struct {
	Title     string `json:"title,omitempty"` // "Docteur" when empty
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Specialty string `json:"specialty,omitempty"`     // "Médecin généraliste" when empty
	Practice  string `json:"practice_name,omitempty"` // name of the practice
	Address   string `json:"address"`                 // street address; may hold several lines
	Postcode  string `json:"postcode"`
	City      string `json:"city"`
	Phone     string `json:"phone"`
	Email     string `json:"email,omitempty"`
	MSSante   string `json:"mssante,omitempty"` // secure health messaging address (…@….mssante.fr)
	RPPS      string `json:"rpps,omitempty"`
	// StructureID is the practice's national structure identifier, which
	// the CDA export needs.
	StructureID string `json:"structure_id,omitempty"`
	// TreatingDefault answers « médecin traitant du patient » when a
	// letter does not: Yes, No or empty.
	TreatingDefault string `json:"treating_default,omitempty"`
	// Stamp is the practice stamp's text, printed under the signature.
	Stamp string `json:"stamp,omitempty"`
	// Signature is a PNG image of the signature, in base64.
	Signature string `json:"signature_png,omitempty"`
}

// Answers for TreatingDefault.
const (
	Yes = "oui"
	No  = "non"
)

// MaxSignature bounds the signature image (PNG bytes).
const MaxSignature = 256 << 10

// field ties a GP field to its settings key and its French label.
type field struct {
	key      string
	label    string
	required bool
	get      func(*GP) *string
}

var fields = []field{
	{model.SettingGPTitle, "titre", false, func(g *GP) *string { return &g.Title }},
	{model.SettingGPFirstName, "prénom", true, func(g *GP) *string { return &g.FirstName }},
	{model.SettingGPLastName, "nom", true, func(g *GP) *string { return &g.LastName }},
	{model.SettingGPSpecialty, "spécialité", false, func(g *GP) *string { return &g.Specialty }},
	{model.SettingGPPractice, "nom du cabinet", false, func(g *GP) *string { return &g.Practice }},
	{model.SettingGPAddress, "adresse", true, func(g *GP) *string { return &g.Address }},
	{model.SettingGPPostcode, "code postal", true, func(g *GP) *string { return &g.Postcode }},
	{model.SettingGPCity, "commune", true, func(g *GP) *string { return &g.City }},
	{model.SettingGPPhone, "téléphone", true, func(g *GP) *string { return &g.Phone }},
	{model.SettingGPEmail, "courriel", false, func(g *GP) *string { return &g.Email }},
	{model.SettingGPMSSante, "adresse MSSanté", false, func(g *GP) *string { return &g.MSSante }},
	{model.SettingGPRPPS, "numéro RPPS", false, func(g *GP) *string { return &g.RPPS }},
	{model.SettingGPStructure, "identifiant de structure", false, func(g *GP) *string { return &g.StructureID }},
	{model.SettingGPTreating, "médecin traitant par défaut", false, func(g *GP) *string { return &g.TreatingDefault }},
	{model.SettingGPStamp, "tampon du cabinet", false, func(g *GP) *string { return &g.Stamp }},
	{model.SettingGPSignature, "signature", false, func(g *GP) *string { return &g.Signature }},
}

// Load reads the GP's identity from the settings; unset fields are empty.
func Load(s model.SettingsStore) (GP, error) {
	var g GP
	for _, f := range fields {
		v, err := s.Setting(f.key)
		if err != nil {
			return GP{}, fmt.Errorf("lecture du paramètre %s : %w", f.key, err)
		}
		*f.get(&g) = v
	}
	return g, nil
}

// Save checks the identity and stores it, all fields at once.
func Save(s model.SettingsStore, g GP) error {
	g = g.Normalized()
	if err := g.Validate(); err != nil {
		return err
	}
	values := map[string]string{}
	for _, f := range fields {
		values[f.key] = *f.get(&g)
	}
	return s.SetSettings(values)
}

// Normalized trims spaces and puts identifiers in their usual form.
func (g GP) Normalized() GP {
	for _, f := range fields {
		p := f.get(&g)
		*p = strings.TrimSpace(*p)
	}
	g.RPPS = strings.Join(strings.Fields(g.RPPS), "")
	g.StructureID = strings.Join(strings.Fields(g.StructureID), "")
	g.TreatingDefault = strings.ToLower(g.TreatingDefault)
	g.Email = strings.ToLower(g.Email)
	g.MSSante = strings.ToLower(g.MSSante)
	return g
}

// Missing lists the French labels of the fields a letter needs and that are
// empty.
func (g GP) Missing() []string {
	var out []string
	for _, f := range fields {
		if f.required && strings.TrimSpace(*f.get(&g)) == "" {
			out = append(out, f.label)
		}
	}
	return out
}

// Validate checks the format of the fields that are filled in, and reports
// every problem in one French message.
func (g GP) Validate() error {
	g = g.Normalized()
	var probs []string
	if g.RPPS != "" && !ValidRPPS(g.RPPS) {
		probs = append(probs, fmt.Sprintf("numéro RPPS « %s » invalide (11 chiffres dont une clé de contrôle)", g.RPPS))
	}
	if g.Postcode != "" && !postcodePattern.MatchString(g.Postcode) {
		probs = append(probs, fmt.Sprintf("code postal « %s » invalide (5 chiffres)", g.Postcode))
	}
	if g.Phone != "" && !ValidPhone(g.Phone) {
		probs = append(probs, fmt.Sprintf("téléphone « %s » invalide (10 chiffres, ou +indicatif)", g.Phone))
	}
	if g.Email != "" && !validEmail(g.Email) {
		probs = append(probs, fmt.Sprintf("courriel « %s » invalide", g.Email))
	}
	if g.MSSante != "" && !ValidMSSante(g.MSSante) {
		probs = append(probs, fmt.Sprintf("adresse MSSanté « %s » invalide (une adresse en …mssante.fr)", g.MSSante))
	}
	if g.StructureID != "" && !structurePattern.MatchString(g.StructureID) {
		probs = append(probs, fmt.Sprintf("identifiant de structure « %s » invalide (lettres et chiffres, 30 au plus)", g.StructureID))
	}
	if g.TreatingDefault != "" && g.TreatingDefault != Yes && g.TreatingDefault != No {
		probs = append(probs, fmt.Sprintf("médecin traitant par défaut « %s » : attendu oui, non ou vide", g.TreatingDefault))
	}
	if utf8.RuneCountInString(g.Stamp) > 300 {
		probs = append(probs, "tampon du cabinet : 300 caractères au plus")
	}
	if g.Signature != "" {
		if _, err := g.SignatureImage(); err != nil {
			probs = append(probs, err.Error())
		}
	}
	for _, f := range fields {
		if strings.ContainsFunc(*f.get(&g), func(r rune) bool { return unicode.IsControl(r) && r != '\n' }) {
			probs = append(probs, fmt.Sprintf("%s : caractère de contrôle", f.label))
		}
	}
	if len(probs) > 0 {
		return fmt.Errorf("identité du médecin : %s", strings.Join(probs, " ; "))
	}
	return nil
}

// DisplayName is "Docteur Prénom NOM".
func (g GP) DisplayName() string {
	title := g.Title
	if title == "" {
		title = "Docteur"
	}
	return strings.TrimSpace(title + " " + g.FirstName + " " + strings.ToUpper(g.LastName))
}

// SpecialtyOrDefault is the specialty as printed.
func (g GP) SpecialtyOrDefault() string {
	if g.Specialty == "" {
		return "Médecin généraliste"
	}
	return g.Specialty
}

// SignatureImage decodes the signature: a PNG of at most MaxSignature
// bytes and 2000×1000 pixels; nil when there is none.
func (g GP) SignatureImage() (image.Image, error) {
	if g.Signature == "" {
		return nil, nil
	}
	data, err := base64.StdEncoding.DecodeString(g.Signature)
	if err != nil || len(data) > MaxSignature {
		return nil, fmt.Errorf("signature : image illisible ou de plus de %d Ko", MaxSignature>>10)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, errors.New("signature : ce n'est pas une image PNG")
	}
	if cfg.Width > 2000 || cfg.Height > 1000 || cfg.Width == 0 || cfg.Height == 0 {
		return nil, fmt.Errorf("signature : image de %d×%d pixels (2000×1000 au plus)", cfg.Width, cfg.Height)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, errors.New("signature : image PNG abîmée")
	}
	return img, nil
}

// EncodeSignature checks a PNG file's bytes and returns them as the
// Signature field holds them.
func EncodeSignature(data []byte) (string, error) {
	if len(data) == 0 {
		// An empty signature means none: an empty file is an error.
		return "", errors.New("signature : fichier vide, ce n'est pas une image PNG")
	}
	s := base64.StdEncoding.EncodeToString(data)
	if _, err := (GP{Signature: s}).SignatureImage(); err != nil {
		return "", err
	}
	return s, nil
}

var (
	structurePattern = regexp.MustCompile(`^[0-9A-Za-z]{2,30}$`)
	postcodePattern  = regexp.MustCompile(`^\d{5}$`)
	// French numbers: 0 then 9 digits; or international +CC then 6 to 13 digits.
	phonePattern = regexp.MustCompile(`^(0[1-9]\d{8}|\+[1-9]\d{7,14})$`)
)

// ValidRPPS checks an RPPS number: 11 digits, the last one a Luhn key.
// (Checked against published RPPS numbers: all pass the Luhn test.)
func ValidRPPS(s string) bool {
	if len(s) != 11 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return luhn(s)
}

// luhn reports whether a string of digits passes the Luhn check.
func luhn(digits string) bool {
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// ValidPhone accepts French and international numbers, with spaces, dots
// or hyphens between digits.
func ValidPhone(s string) bool {
	return phonePattern.MatchString(compactPhone(s))
}

func compactPhone(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' || r == '-' || r == '\u00a0' {
			return -1
		}
		return r
	}, s)
}

// FormatPhone writes a French number in pairs ("02 41 00 00 00"); other
// numbers are returned as typed.
func FormatPhone(s string) string {
	c := compactPhone(s)
	if len(c) != 10 || c[0] != '0' || !phonePattern.MatchString(c) {
		return strings.TrimSpace(s)
	}
	return c[0:2] + " " + c[2:4] + " " + c[4:6] + " " + c[6:8] + " " + c[8:10]
}

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == "" && strings.Contains(s[strings.LastIndex(s, "@"):], ".")
}

// ValidMSSante checks a secure health messaging address: an email address
// whose domain is mssante.fr or one of its subdomains.
func ValidMSSante(s string) bool {
	if !validEmail(s) {
		return false
	}
	domain := s[strings.LastIndex(s, "@")+1:]
	return domain == "mssante.fr" || strings.HasSuffix(domain, ".mssante.fr")
}

// ParseJSON reads a GP identity from JSON (the fields of GP, by their json
// names), refusing unknown fields, and checks it.
func ParseJSON(data []byte) (GP, error) {
	var g GP
	if err := strictjson.Decode(data, &g); err != nil {
		return GP{}, fmt.Errorf("identité du médecin : %w", err)
	}
	g = g.Normalized()
	return g, g.Validate()
}
