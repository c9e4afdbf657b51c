package exchange

import (
	"errors"
	"fmt"
	"strings"

	"atlasri/model"
)

// jsonReader turns the jnode tree into a File, reporting each problem with
// the position of the value concerned.
type jsonReader struct {
	r  *report
	li lineIndex
}

func (jr *jsonReader) pos(off int, field string) Pos {
	line, col := jr.li.pos(off)
	return Pos{Line: line, Column: col, Field: field}
}

func readJSON(r *report, f *File, data []byte) {
	jr := &jsonReader{r: r, li: newLineIndex(data)}
	root, err := parseJSON(data)
	if err != nil {
		jr.syntaxError(err)
		return
	}
	if root.kind != 'o' {
		r.errorf(jr.pos(root.off, ""), "un objet JSON est attendu ({ \"format\": …, \"centres\": [ … ] })")
		return
	}
	f.pos = make(positions, 0, len(root.members))
	var centres *jnode
	for _, m := range root.members {
		k, v, at := m.key, m.val, jr.pos(m.val.off, m.key)
		f.pos.set(k, at)
		switch k {
		case "format":
			f.Format = jr.str(v, at)
		case "version":
			f.Version = jr.str(v, at)
		case "date":
			f.Date = jr.str(v, at)
		case "label":
			f.Label = jr.str(v, at)
		case "source":
			f.Source = jr.str(v, at)
		case "indicative":
			f.Indicative = jr.boolean(v, at)
		case "provenance":
			f.Provenance = jr.provenance(v, at)
		case "centres":
			centres = v
		default:
			jr.unknownField(m, []string{"format", "version", "date", "indicative", "label", "source", "centres"})
		}
	}
	switch {
	case centres == nil:
		r.errorf(Pos{Line: 1}, "liste « centres » absente")
	case centres.kind != 'a':
		r.errorf(jr.pos(centres.off, "centres"), "une liste [ … ] de centres est attendue")
	default:
		for _, c := range centres.elems {
			jr.centre(f, c)
		}
	}
}

func (jr *jsonReader) syntaxError(err error) {
	var se *jsonError
	if errors.As(err, &se) {
		jr.r.errorf(jr.pos(se.off, se.key), "%s", se.msg)
		return
	}
	jr.r.errorf(Pos{}, "JSON illisible : %v", err)
}

var centreKeys = []string{fID, fName, fCategory, fSector, fFINESS, fAddress, fPostcode, fCityLabel, fCommune, fINSEE,
	fLatitude, fLongitude, fPosNote, fPhone, fEmail, fMSSante, fWebsite, fContactSrc, fSource, fCheckedOn, fOffers}

func (jr *jsonReader) centre(f *File, n *jnode) {
	at := jr.pos(n.off, "")
	if n.kind != 'o' {
		jr.r.errorf(at, "un centre doit être un objet { … }")
		return
	}
	c := Centre{Line: at.Line, pos: make(positions, 0, len(n.members))}
	for _, m := range n.members {
		k, v, vat := m.key, m.val, jr.pos(m.val.off, m.key)
		c.pos.set(k, vat)
		if dst := c.text(k); dst != nil {
			*dst = jr.str(v, vat)
			continue
		}
		switch k {
		case fLatitude:
			c.Latitude = jr.number(v, vat)
		case fLongitude:
			c.Longitude = jr.number(v, vat)
		case fOffers:
			c.Offers = jr.offers(v, vat)
		default:
			jr.unknownField(m, centreKeys)
		}
	}
	f.Centres = append(f.Centres, c)
}

func (jr *jsonReader) offers(n *jnode, at Pos) []Offer {
	if n.kind == 'z' {
		return nil
	}
	if n.kind != 'a' {
		jr.r.errorf(at, "une liste [ … ] de gestes est attendue")
		return nil
	}
	var out []Offer
	for _, e := range n.elems {
		eat := jr.pos(e.off, fOffers)
		if e.kind != 'o' {
			jr.r.errorf(eat, "un geste doit être un objet { \"procedure\": …, \"verified\": … }")
			continue
		}
		o := Offer{pos: positions{{fProcedure, eat}}}
		for _, m := range e.members {
			k, v, vat := m.key, m.val, jr.pos(m.val.off, m.key)
			o.pos.set(k, vat)
			switch k {
			case fProcedure:
				o.Procedure = jr.str(v, vat)
			case fVerified:
				o.Verified = jr.boolean(v, vat)
			case fReason:
				o.Reason = jr.str(v, vat)
			case fSource:
				o.Source = jr.str(v, vat)
			case fCheckedOn:
				o.CheckedOn = jr.str(v, vat)
			default:
				jr.unknownField(m, []string{fProcedure, fVerified, fReason, fSource, fCheckedOn})
			}
		}
		out = append(out, o)
	}
	return out
}

func (jr *jsonReader) provenance(n *jnode, at Pos) *Provenance {
	if n.kind == 'z' {
		return nil
	}
	if n.kind != 'o' {
		jr.r.errorf(at, "un objet { … } est attendu")
		return nil
	}
	p := &Provenance{}
	for _, m := range n.members {
		k, v, vat := m.key, m.val, jr.pos(m.val.off, m.key)
		switch k {
		case "origin":
			p.Origin = jr.str(v, vat)
		case "file":
			p.File = jr.str(v, vat)
		case "sha256":
			p.SHA256 = jr.str(v, vat)
		case "key":
			p.Key = jr.str(v, vat)
		case "installed_at":
			p.InstalledAt = jr.str(v, vat)
		case "force":
			p.Force = jr.boolean(v, vat)
		}
	}
	return p
}

// str reads a text value; null counts as absent.
func (jr *jsonReader) str(n *jnode, at Pos) string {
	switch n.kind {
	case 's':
		return n.str
	case 'z':
		return ""
	case 'n':
		jr.r.errorf(at, "texte entre guillemets attendu, trouvé le nombre %s (un code garde ainsi ses zéros initiaux)", n.num)
	default:
		jr.r.errorf(at, "texte entre guillemets attendu")
	}
	return ""
}

func (jr *jsonReader) boolean(n *jnode, at Pos) bool {
	switch n.kind {
	case 'b':
		return n.b
	case 'z':
		return false
	}
	jr.r.errorf(at, "true ou false attendu")
	return false
}

func (jr *jsonReader) number(n *jnode, at Pos) *float64 {
	switch n.kind {
	case 'z':
		return nil
	case 'n':
		if v, err := n.num.Float64(); err == nil {
			return &v
		}
	case 's':
		jr.r.errorf(at, "nombre attendu sans guillemets (par exemple 47.4809), trouvé %q", n.str)
		return nil
	}
	jr.r.errorf(at, "nombre attendu (par exemple 47.4809)")
	return nil
}

// unknownField reports a member whose key is none of known, proposing
// the closest one.
func (jr *jsonReader) unknownField(m jmember, known []string) {
	jr.r.errorf(jr.pos(m.koff, m.key), "champ inconnu « %s »%s", m.key, suggest(m.key, known))
}

// suggest proposes the closest known name to a misspelt one.
func suggest(got string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := model.EditDistance(strings.ToLower(got), k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" ; vouliez-vous dire « %s » ?", best)
}
