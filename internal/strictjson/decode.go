package strictjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

var bom = []byte("\xef\xbb\xbf")

// Decode fills v, a non-nil pointer, from one JSON document: a byte order
// mark is skipped (Windows editors write one); invalid UTF-8, an empty
// document, a syntax error, a duplicate key, anything after the value, a
// field v's type does not have and a value of the wrong type are refused
// with an *Error naming the line, the column and the field. null leaves a
// field at its zero value, as with encoding/json, which does the filling
// once the checks pass; keys must match the json names exactly.
func Decode(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic(fmt.Sprintf("strictjson.Decode: non-nil pointer wanted, got %T", v))
	}
	data = bytes.TrimPrefix(data, bom)
	if i := invalidUTF8(data); i >= 0 {
		return newError(data, i, "", "le texte n'est pas en UTF-8 (enregistrez le fichier en UTF-8)")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return &Error{Msg: "document vide"}
	}
	root, err := Parse(data)
	if err != nil {
		return err
	}
	c := checker{li: NewLineIndex(data)}
	if err := c.check(root, rv.Type().Elem(), ""); err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		// The checks leave nothing encoding/json would refuse; say it
		// plainly all the same.
		return c.at(root.Off, "", "JSON illisible : "+err.Error())
	}
	return nil
}

func invalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

type checker struct{ li LineIndex }

func (c checker) at(off int, field, msg string) *Error {
	line, col := c.li.Pos(off)
	return &Error{Offset: off, Line: line, Column: col, Field: field, Msg: msg}
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// check compares the value n with the Go type t it will fill; path is
// the dotted name of the field, "" for the whole document.
func (c checker) check(n *Node, t reflect.Type, path string) error {
	if n.Kind == Null || t.Kind() == reflect.Interface ||
		t.Implements(unmarshalerType) || reflect.PointerTo(t).Implements(unmarshalerType) {
		return nil // json.RawMessage, time.Time...: their own rules
	}
	switch t.Kind() {
	case reflect.Pointer:
		return c.check(n, t.Elem(), path)
	case reflect.String:
		return c.want(n, String, t, path)
	case reflect.Bool:
		return c.want(n, Bool, t, path)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		if err := c.want(n, Number, t, path); err != nil {
			return err
		}
		return c.number(n, t, path)
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 && t.Kind() == reflect.Slice {
			return c.want(n, String, t, path) // []byte is base64 text
		}
		if err := c.want(n, Array, t, path); err != nil {
			return err
		}
		for i, e := range n.Elems {
			if err := c.check(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Map:
		if err := c.want(n, Object, t, path); err != nil {
			return err
		}
		for _, m := range n.Members {
			if err := c.check(m.Val, t.Elem(), join(path, m.Key)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Struct:
		return c.object(n, t, path)
	}
	return c.at(n.Off, path, fmt.Sprintf("valeur illisible pour le champ « %s »", path))
}

// object checks an object against a struct's json fields.
func (c checker) object(n *Node, t reflect.Type, path string) error {
	if err := c.want(n, Object, t, path); err != nil {
		return err
	}
	fields := jsonFields(t)
	for _, m := range n.Members {
		ft, ok := fields[m.Key]
		if !ok {
			names := make([]string, 0, len(fields))
			for k := range fields {
				names = append(names, k)
			}
			msg := fmt.Sprintf("champ inconnu « %s »", m.Key)
			if path != "" {
				msg += fmt.Sprintf(" dans « %s »", path)
			}
			e := c.at(m.KeyOff, join(path, m.Key), msg+DidYouMean(m.Key, names))
			e.Unknown = true
			return e
		}
		if err := c.check(m.Val, ft, join(path, m.Key)); err != nil {
			return err
		}
	}
	return nil
}

// number checks that a number fits its Go type.
func (c checker) number(n *Node, t reflect.Type, path string) error {
	s := string(n.Num)
	var err error
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		_, err = strconv.ParseFloat(s, t.Bits())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		_, err = strconv.ParseUint(s, 10, t.Bits())
	default:
		_, err = strconv.ParseInt(s, 10, t.Bits())
	}
	if err == nil {
		return nil
	}
	what := "un nombre entier"
	if t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64 {
		what = "un nombre"
	}
	return c.at(n.Off, path, fmt.Sprintf("le champ « %s » doit être %s raisonnable, pas %s", path, what, s))
}

// want refuses a value of another kind than k.
func (c checker) want(n *Node, k Kind, t reflect.Type, path string) error {
	if n.Kind == k {
		return nil
	}
	if path == "" {
		return c.at(n.Off, "", fmt.Sprintf("%s est attendu, pas %s", expected(t, true), found(n.Kind)))
	}
	return c.at(n.Off, path, fmt.Sprintf("le champ « %s » doit être %s, pas %s", path, expected(t, false), found(n.Kind)))
}

func expected(t reflect.Type, root bool) string {
	switch t.Kind() {
	case reflect.String:
		return "un texte"
	case reflect.Bool:
		return "true ou false"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return "un texte"
		}
		return "une liste"
	case reflect.Map, reflect.Struct:
		if root {
			return "un objet JSON"
		}
		return "un objet"
	case reflect.Float32, reflect.Float64:
		return "un nombre"
	}
	return "un nombre entier"
}

func found(k Kind) string {
	switch k {
	case Object:
		return "un objet"
	case Array:
		return "une liste"
	case String:
		return "un texte"
	case Number:
		return "un nombre"
	case Bool:
		return "un booléen"
	}
	return "null"
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// jsonFields maps a struct's json names to their types, with the fields
// of untagged embedded structs promoted, as encoding/json does.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		ft := f.Type
		if f.Anonymous && name == "" {
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				for k, v := range jsonFields(ft) {
					if _, taken := out[k]; !taken {
						out[k] = v
					}
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = ft
	}
	return out
}
