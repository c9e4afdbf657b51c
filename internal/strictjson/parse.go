package strictjson

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is the type of a JSON value.
type Kind byte

// Kinds of values.
const (
	Object Kind = 'o'
	Array  Kind = 'a'
	String Kind = 's'
	Number Kind = 'n'
	Bool   Kind = 'b'
	Null   Kind = 'z'
)

// Node is a JSON value with the byte offset where it starts, so that
// every problem can name its line and column.
type Node struct {
	Kind    Kind
	Off     int
	Str     string      // String
	Num     json.Number // Number
	Bool    bool        // Bool
	Members []Member    // Object, in the document's order
	Elems   []*Node     // Array
}

// Member is one "key": value of an object, with the key's offset.
type Member struct {
	Key    string
	KeyOff int
	Val    *Node
}

// maxDepth bounds nesting: a directory file is four levels deep.
const maxDepth = 64

// scanner is a small JSON parser (RFC 8259) that keeps every value's
// offset, which encoding/json does not give, and rejects duplicate keys.
type scanner struct {
	data []byte
	i    int
}

// Parse reads one JSON value, refusing duplicate keys and anything after
// the value. Its errors are *Error, positioned.
func Parse(data []byte) (*Node, error) {
	s := &scanner{data: data}
	s.ws()
	n, err := s.value(0)
	if err != nil {
		return nil, err
	}
	s.ws()
	if s.i < len(s.data) {
		return nil, s.fail(s.i, "contenu inattendu après la fin de l'objet principal")
	}
	return n, nil
}

func (s *scanner) fail(off int, format string, args ...any) error {
	return newError(s.data, off, "", fmt.Sprintf(format, args...))
}

// unexpected describes what was found where something else was expected.
func (s *scanner) unexpected(what string) error {
	if s.i >= len(s.data) {
		return s.fail(s.i, "fin de fichier inattendue (accolade ou crochet non fermé ?)")
	}
	r, _ := utf8.DecodeRune(s.data[s.i:])
	return s.fail(s.i, "syntaxe JSON incorrecte : « %c » trouvé, %s attendu", r, what)
}

func (s *scanner) ws() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\r', '\n':
			s.i++
		default:
			return
		}
	}
}

func (s *scanner) value(depth int) (*Node, error) {
	if depth > maxDepth {
		return nil, s.fail(s.i, "imbrication trop profonde")
	}
	if s.i >= len(s.data) {
		return nil, s.unexpected("une valeur")
	}
	n := &Node{Off: s.i}
	switch c := s.data[s.i]; {
	case c == '{':
		return n, s.object(n, depth)
	case c == '[':
		return n, s.array(n, depth)
	case c == '"':
		n.Kind = String
		str, err := s.string()
		n.Str = str
		return n, err
	case c == 't':
		n.Kind, n.Bool = Bool, true
		return n, s.literal("true")
	case c == 'f':
		n.Kind = Bool
		return n, s.literal("false")
	case c == 'n':
		n.Kind = Null
		return n, s.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		n.Kind = Number
		num, err := s.number()
		n.Num = json.Number(num)
		return n, err
	}
	return nil, s.unexpected("une valeur")
}

func (s *scanner) literal(word string) error {
	if len(s.data)-s.i < len(word) || string(s.data[s.i:s.i+len(word)]) != word {
		return s.unexpected("une valeur")
	}
	s.i += len(word)
	return nil
}

func (s *scanner) object(n *Node, depth int) error {
	n.Kind = Object
	s.i++ // {
	s.ws()
	if s.i < len(s.data) && s.data[s.i] == '}' {
		s.i++
		return nil
	}
	var seen map[string]bool // only for large objects: small ones are scanned
	for {
		s.ws()
		if s.i >= len(s.data) || s.data[s.i] != '"' {
			return s.unexpected("un nom de champ entre guillemets")
		}
		koff := s.i
		k, err := s.string()
		if err != nil {
			return err
		}
		if n.has(k, &seen) {
			return newError(s.data, koff, k, fmt.Sprintf("clé « %s » en double dans le même objet", k))
		}
		s.ws()
		if s.i >= len(s.data) || s.data[s.i] != ':' {
			return s.unexpected("« : »")
		}
		s.i++
		s.ws()
		v, err := s.value(depth + 1)
		if err != nil {
			return err
		}
		n.Members = append(n.Members, Member{k, koff, v})
		s.ws()
		if s.i < len(s.data) && s.data[s.i] == ',' {
			s.i++
			continue
		}
		if s.i < len(s.data) && s.data[s.i] == '}' {
			s.i++
			return nil
		}
		return s.unexpected("« , » ou « } »")
	}
}

// has reports whether the object already has key k.
func (n *Node) has(k string, seen *map[string]bool) bool {
	if len(n.Members) < 16 {
		for _, m := range n.Members {
			if m.Key == k {
				return true
			}
		}
		return false
	}
	if *seen == nil {
		*seen = make(map[string]bool, 2*len(n.Members))
		for _, m := range n.Members {
			(*seen)[m.Key] = true
		}
	}
	if (*seen)[k] {
		return true
	}
	(*seen)[k] = true
	return false
}

func (s *scanner) array(n *Node, depth int) error {
	n.Kind = Array
	s.i++ // [
	s.ws()
	if s.i < len(s.data) && s.data[s.i] == ']' {
		s.i++
		return nil
	}
	for {
		s.ws()
		v, err := s.value(depth + 1)
		if err != nil {
			return err
		}
		n.Elems = append(n.Elems, v)
		s.ws()
		if s.i < len(s.data) && s.data[s.i] == ',' {
			s.i++
			continue
		}
		if s.i < len(s.data) && s.data[s.i] == ']' {
			s.i++
			return nil
		}
		return s.unexpected("« , » ou « ] »")
	}
}

// string reads a quoted string, decoding its escapes.
func (s *scanner) string() (string, error) {
	start := s.i
	s.i++ // opening quote
	plain := true
	for s.i < len(s.data) {
		c := s.data[s.i]
		switch {
		case c == '"':
			raw := s.data[start+1 : s.i]
			s.i++
			if plain && utf8.Valid(raw) {
				return string(raw), nil
			}
			return s.unescape(raw, start+1)
		case c == '\\':
			plain = false
			s.i += 2
		case c < 0x20:
			return "", s.fail(s.i, "caractère de contrôle dans un texte : les retours à la ligne s'écrivent \\n")
		default:
			s.i++
		}
	}
	return "", s.fail(start, "texte sans guillemet fermant")
}

func (s *scanner) unescape(raw []byte, base int) (string, error) {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' {
			// Like encoding/json: each byte of invalid UTF-8 becomes U+FFFD.
			r, size := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && size == 1 {
				out = utf8.AppendRune(out, utf8.RuneError)
			} else {
				out = append(out, raw[i:i+size]...)
				i += size - 1
			}
			continue
		}
		if i+1 >= len(raw) {
			return "", s.fail(base+i, "séquence d'échappement incomplète")
		}
		i++
		switch raw[i] {
		case '"', '\\', '/':
			out = append(out, raw[i])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(raw, i+1)
			if !ok {
				return "", s.fail(base+i-1, "séquence \\u invalide")
			}
			i += 4
			if utf16.IsSurrogate(r) {
				if r2, ok := hex4(raw, i+3); ok && i+2 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' {
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						r = d
						i += 6
					} else {
						r = utf8.RuneError
					}
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
		default:
			return "", s.fail(base+i-1, "séquence d'échappement inconnue « \\%c »", raw[i])
		}
	}
	return string(out), nil
}

func hex4(b []byte, at int) (rune, bool) {
	if at+4 > len(b) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(b[at:at+4]), 16, 32)
	return rune(v), err == nil
}

// number reads a number following JSON's grammar exactly.
func (s *scanner) number() (string, error) {
	start := s.i
	digits := func() int {
		n := 0
		for s.i < len(s.data) && s.data[s.i] >= '0' && s.data[s.i] <= '9' {
			s.i++
			n++
		}
		return n
	}
	if s.data[s.i] == '-' {
		s.i++
	}
	if s.i < len(s.data) && s.data[s.i] == '0' {
		s.i++
	} else if digits() == 0 {
		return "", s.unexpected("un chiffre")
	}
	if s.i < len(s.data) && s.data[s.i] == '.' {
		s.i++
		if digits() == 0 {
			return "", s.unexpected("un chiffre après la virgule (un point en JSON)")
		}
	}
	if s.i < len(s.data) && (s.data[s.i] == 'e' || s.data[s.i] == 'E') {
		s.i++
		if s.i < len(s.data) && (s.data[s.i] == '+' || s.data[s.i] == '-') {
			s.i++
		}
		if digits() == 0 {
			return "", s.unexpected("un exposant")
		}
	}
	return string(s.data[start:s.i]), nil
}
