package exchange

import (
	"bufio"
	"crypto/sha1"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"atlasri/model"
)

// VCardOptions say what the cards name and contain.
type VCardOptions struct {
	Producer string // PRODID, e.g. "-//Atlas RI//0.1.0//FR"
	// Procedures gives the French name of each procedure id, for the note.
	Procedures map[string]string
	// Label is shown on every card of an indicative directory.
	Label string
}

// WriteVCards writes one vCard 4.0 (RFC 6350) per centre, for the address
// book of the practice's software: name, address, phone, email and
// MSSanté address, website, position, and a note listing the procedures
// with their status and the data's source and date.
func WriteVCards(w io.Writer, centres []model.Centre, opt VCardOptions) error {
	bw := bufio.NewWriter(w)
	for _, c := range centres {
		writeVCard(bw, c, opt)
	}
	return bw.Flush()
}

func writeVCard(w *bufio.Writer, c model.Centre, opt VCardOptions) {
	line := func(name, value string) { writeFolded(w, name+":"+value) }
	line("BEGIN", "VCARD")
	line("VERSION", "4.0")
	if opt.Producer != "" {
		line("PRODID", vText(opt.Producer))
	}
	line("UID", "urn:uuid:"+uuid5("urn:atlasri:centre:"+c.ID))
	line("KIND", "org")
	line("FN", vText(c.Name))
	line("ORG", vComponent(c.Name))
	cats := []string{vText("Radiologie interventionnelle")}
	if c.Category != "" {
		cats = append(cats, vText(c.Category))
	}
	line("CATEGORIES", strings.Join(cats, ","))
	// ADR: post office box; extended address; street; locality; region; postcode; country.
	line("ADR;TYPE=work", strings.Join([]string{"", "", vComponent(c.Address), vComponent(c.Commune), "", vComponent(c.Postcode), "France"}, ";"))
	if c.Phone != "" {
		if tel, ok := telURI(c.Phone, c.Dept); ok {
			line("TEL;VALUE=uri;TYPE=\"work,voice\"", tel)
		} else {
			line("TEL;VALUE=text;TYPE=\"work,voice\"", vText(c.Phone))
		}
	}
	if c.MSSante != "" {
		line("EMAIL;TYPE=work;PREF=1", vText(c.MSSante))
	}
	if c.Email != "" {
		line("EMAIL;TYPE=work", vText(c.Email))
	}
	if c.Website != "" {
		line("URL;TYPE=work", c.Website)
	}
	line("GEO", fmt.Sprintf("geo:%.6f,%.6f", c.Pos.Lat(), c.Pos.Lon()))
	line("NOTE", vText(vcardNote(c, opt)))
	if len(c.CheckedOn) == 10 {
		line("REV", strings.ReplaceAll(c.CheckedOn, "-", "")+"T000000Z")
	}
	line("END", "VCARD")
}

func vcardNote(c model.Centre, opt VCardOptions) string {
	var b strings.Builder
	b.WriteString("Radiologie interventionnelle.")
	if opt.Label != "" {
		b.WriteString(" " + opt.Label)
	}
	if a, ok := c.RIAuthorisation(); ok {
		b.WriteString("\n" + a.LabelFR() + ", d'après le " + a.SourceFR() + ".")
	}
	var declared, authorised, indicative []string
	for _, o := range c.Offers {
		name := opt.Procedures[o.ProcedureID]
		if name == "" {
			name = o.ProcedureID
		}
		switch o.Origin {
		case model.OfferDeclared:
			declared = append(declared, name)
		case model.OfferAuthorised:
			authorised = append(authorised, name)
		default:
			indicative = append(indicative, name)
		}
	}
	if len(declared) > 0 {
		b.WriteString("\nGestes déclarés par le centre : " + strings.Join(declared, " ; ") + ".")
	}
	if len(authorised) > 0 {
		b.WriteString("\nGestes permis par l'autorisation du site (à confirmer auprès du centre) : " + strings.Join(authorised, " ; ") + ".")
	}
	if len(indicative) > 0 {
		b.WriteString("\nGestes indicatifs, à confirmer auprès du centre : " + strings.Join(indicative, " ; ") + ".")
	}
	if c.MSSante != "" {
		b.WriteString("\nMessagerie sécurisée de santé (MSSanté) : " + c.MSSante + ".")
	}
	if c.FINESS != "" {
		b.WriteString("\nFINESS : " + c.FINESS + ".")
	}
	if c.ContactSource != "" {
		b.WriteString("\nAdresse et téléphone (standard) : " + c.ContactSource + ".")
	}
	if c.PosNote != "" {
		b.WriteString("\nPosition : " + c.PosNote + ".")
	}
	fmt.Fprintf(&b, "\nSource : %s (vérifié le %s).", c.Source, c.CheckedOn)
	return b.String()
}

// telURI writes a metropolitan number as an RFC 3966 URI; overseas
// numbers, whose international prefix depends on the territory, stay text.
func telURI(phone, dept string) (string, bool) {
	d := strings.ReplaceAll(phone, " ", "")
	if len(d) != 10 || len(dept) == 3 || d[0] != '0' {
		return "", false
	}
	return fmt.Sprintf("tel:+33-%s-%s-%s-%s-%s", d[1:2], d[2:4], d[4:6], d[6:8], d[8:10]), true
}

var textEscaper = strings.NewReplacer(`\`, `\\`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

// vText escapes a text value (RFC 6350 §3.4): backslash, comma, newline.
func vText(s string) string {
	return textEscaper.Replace(s)
}

// vComponent escapes one component of a structured value, where the
// semicolon separates components.
func vComponent(s string) string {
	return strings.ReplaceAll(vText(s), ";", `\;`)
}

// writeFolded writes a content line, folded at 75 octets without cutting
// a character in two (RFC 6350 §3.2), ended by CRLF.
func writeFolded(w *bufio.Writer, s string) {
	const limit = 75
	first := true
	for len(s) > 0 {
		room := limit
		if !first {
			room-- // the leading space of a continuation line
			w.WriteByte(' ')
		}
		cut := min(room, len(s))
		for cut < len(s) && cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n")
		s = s[cut:]
		first = false
	}
}

// uuid5 derives a stable UUID (RFC 4122 version 5, URL namespace) from a
// name, so that a centre keeps its card when the directory is exported
// again.
func uuid5(name string) string {
	ns := []byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.New()
	h.Write(ns)
	h.Write([]byte(name))
	u := h.Sum(nil)[:16]
	u[6] = (u[6] & 0x0f) | 0x50
	u[8] = (u[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
