package exchange

import (
	"atlasri/internal/strictjson"
	"errors"
)

// jsonReader turns the strictjson tree into a File, reporting each problem
// with the position of the value concerned.
type jsonReader struct {
	r  *report
	li strictjson.LineIndex
}

func (jr *jsonReader) pos(off int, field string) Pos {
	line, col := jr.li.Pos(off)
	return Pos{Line: line, Column: col, Field: field}
}

func readJSON(r *report, f *File, data []byte) {
	jr := &jsonReader{r: r, li: strictjson.NewLineIndex(data)}
	root, err := strictjson.Parse(data)
	if err != nil {
		jr.syntaxError(err)
		return
	}
	if root.Kind != strictjson.Object {
		r.errorf(jr.pos(root.Off, ""), "un objet JSON est attendu ({ \"format\": …, \"centres\": [ … ] })")
		return
	}
	f.pos = make(positions, 0, len(root.Members))
	var centres *strictjson.Node
	for _, m := range root.Members {
		k, v, at := m.Key, m.Val, jr.pos(m.Val.Off, m.Key)
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
	case centres.Kind != strictjson.Array:
		r.errorf(jr.pos(centres.Off, "centres"), "une liste [ … ] de centres est attendue")
	default:
		for _, c := range centres.Elems {
			jr.centre(f, c)
		}
	}
}

func (jr *jsonReader) syntaxError(err error) {
	var se *strictjson.Error
	if errors.As(err, &se) {
		jr.r.errorf(Pos{Line: se.Line, Column: se.Column, Field: se.Field}, "%s", se.Msg)
		return
	}
	jr.r.errorf(Pos{}, "JSON illisible : %v", err)
}

var centreKeys = []string{fID, fName, fCategory, fSector, fFINESS, fAddress, fPostcode, fCityLabel, fCommune, fINSEE,
	fLatitude, fLongitude, fPosNote, fPhone, fEmail, fMSSante, fWebsite, fContactSrc, fSource, fCheckedOn, fAuths, fOffers}

var offerKeys = []string{fProcedure, fOrigin, fVerified, fReason, fSource, fCheckedOn, fReview}

func (jr *jsonReader) centre(f *File, n *strictjson.Node) {
	at := jr.pos(n.Off, "")
	if n.Kind != strictjson.Object {
		jr.r.errorf(at, "un centre doit être un objet { … }")
		return
	}
	c := Centre{Line: at.Line, pos: make(positions, 0, len(n.Members))}
	for _, m := range n.Members {
		k, v, vat := m.Key, m.Val, jr.pos(m.Val.Off, m.Key)
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
		case fAuths:
			c.Authorisations = jr.authorisations(v, vat)
		default:
			jr.unknownField(m, centreKeys)
		}
	}
	f.Centres = append(f.Centres, c)
}

func (jr *jsonReader) offers(n *strictjson.Node, at Pos) []Offer {
	var out []Offer
	jr.objects(n, at, fOffers, "une liste [ … ] de gestes est attendue", "un geste doit être un objet { \"procedure\": …, \"origin\": … }",
		func(e *strictjson.Node, eat Pos) {
			o := Offer{pos: positions{{fProcedure, eat}}}
			for _, m := range e.Members {
				k, v, vat := m.Key, m.Val, jr.pos(m.Val.Off, m.Key)
				o.pos.set(k, vat)
				switch k {
				case fProcedure:
					o.Procedure = jr.str(v, vat)
				case fOrigin:
					o.Origin = jr.str(v, vat)
				case fVerified:
					if v.Kind != strictjson.Null {
						b := jr.boolean(v, vat)
						o.Verified = &b
					}
				case fReason:
					o.Reason = jr.str(v, vat)
				case fSource:
					o.Source = jr.str(v, vat)
				case fCheckedOn:
					o.CheckedOn = jr.str(v, vat)
				case fReview:
					o.Review = jr.str(v, vat)
				default:
					jr.unknownField(m, offerKeys)
				}
			}
			out = append(out, o)
		})
	return out
}

func (jr *jsonReader) authorisations(n *strictjson.Node, at Pos) []Authorisation {
	var out []Authorisation
	jr.objects(n, at, fAuths, "une liste [ … ] d'autorisations est attendue", "une autorisation doit être un objet { \"activity\": …, \"mention\": … }",
		func(e *strictjson.Node, eat Pos) {
			a := Authorisation{pos: positions{{fAuths, eat}}}
			for _, m := range e.Members {
				k, v, vat := m.Key, m.Val, jr.pos(m.Val.Off, m.Key)
				a.pos.set(k, vat)
				if dst := a.text(k); dst != nil {
					*dst = jr.str(v, vat)
					continue
				}
				jr.unknownField(m, authKeys)
			}
			out = append(out, a)
		})
	return out
}

// objects hands each object of the list n (null: none) to each, with its
// position; a value that is not a list, or an element that is not an
// object, is an error with the message given.
func (jr *jsonReader) objects(n *strictjson.Node, at Pos, field, notList, notObject string, each func(*strictjson.Node, Pos)) {
	if n.Kind == strictjson.Null {
		return
	}
	if n.Kind != strictjson.Array {
		jr.r.errorf(at, "%s", notList)
		return
	}
	for _, e := range n.Elems {
		eat := jr.pos(e.Off, field)
		if e.Kind != strictjson.Object {
			jr.r.errorf(eat, "%s", notObject)
			continue
		}
		each(e, eat)
	}
}

func (jr *jsonReader) provenance(n *strictjson.Node, at Pos) *Provenance {
	if n.Kind == strictjson.Null {
		return nil
	}
	if n.Kind != strictjson.Object {
		jr.r.errorf(at, "un objet { … } est attendu")
		return nil
	}
	p := &Provenance{}
	for _, m := range n.Members {
		k, v, vat := m.Key, m.Val, jr.pos(m.Val.Off, m.Key)
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
func (jr *jsonReader) str(n *strictjson.Node, at Pos) string {
	switch n.Kind {
	case strictjson.String:
		return jr.r.safe(at, n.Str)
	case strictjson.Null:
		return ""
	case strictjson.Number:
		jr.r.errorf(at, "texte entre guillemets attendu, trouvé le nombre %s (un code garde ainsi ses zéros initiaux)", n.Num)
	default:
		jr.r.errorf(at, "texte entre guillemets attendu")
	}
	return ""
}

func (jr *jsonReader) boolean(n *strictjson.Node, at Pos) bool {
	switch n.Kind {
	case strictjson.Bool:
		return n.Bool
	case strictjson.Null:
		return false
	}
	jr.r.errorf(at, "true ou false attendu")
	return false
}

func (jr *jsonReader) number(n *strictjson.Node, at Pos) *float64 {
	switch n.Kind {
	case strictjson.Null:
		return nil
	case strictjson.Number:
		if v, err := n.Num.Float64(); err == nil {
			return &v
		}
	case strictjson.String:
		jr.r.errorf(at, "nombre attendu sans guillemets (par exemple 47.4809), trouvé %q", n.Str)
		return nil
	}
	jr.r.errorf(at, "nombre attendu (par exemple 47.4809)")
	return nil
}

// unknownField reports a member whose key is none of known, proposing
// the closest one.
func (jr *jsonReader) unknownField(m strictjson.Member, known []string) {
	jr.r.errorf(jr.pos(m.KeyOff, m.Key), "champ inconnu « %s »%s", m.Key, strictjson.DidYouMean(m.Key, known))
}
