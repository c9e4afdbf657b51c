package finessplus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Header is what a feed says of itself.
type Header struct {
	SchemaVersion string
	GeneratedAt   string // as written, e.g. 2026-04-01T14:46:05.500385900Z
}

// Date is the day the feed was generated, AAAA-MM-JJ ("" when unknown).
func (h Header) Date() string {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, h.GeneratedAt); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return ""
}

// Error is a feed that cannot be read, where and why, in French.
type Error struct {
	File         string
	Line, Column int
	Msg          string
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s, ligne %d, colonne %d : %s", e.File, e.Line, e.Column, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s, ligne %d : %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s : %s", e.File, e.Msg)
}

// Str is a text value of the feeds. The samples write codes and ids as
// strings, sometimes null; a number is read as its text too, so that a
// feed that writes 314 where the schema says "314" still reads.
type Str string

// UnmarshalJSON accepts a string, a number, a boolean or null.
func (s *Str) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*s = ""
	case b[0] == '"' && len(b) >= 2 && bytes.IndexByte(b, '\\') < 0 && utf8.Valid(b):
		// Most values: no escape to undo (the decoder has checked the
		// syntax already), so the text is the bytes between the quotes.
		*s = Str(strings.TrimSpace(string(b[1 : len(b)-1])))
	case b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = Str(strings.TrimSpace(v))
	case b[0] == '{' || b[0] == '[':
		// The decoder names the field; the offset is the value's.
		kind := "object"
		if b[0] == '[' {
			kind = "array"
		}
		return &json.UnmarshalTypeError{Value: kind, Type: reflect.TypeFor[string]()}
	default:
		*s = Str(b)
	}
	return nil
}

// String is the value.
func (s Str) String() string { return string(s) }

// stream reads a feed: its header, at the top level or in « metadata »
// (both occur), and each element of the top-level list named list, which
// it decodes into a new T and hands to fn with the line where it starts.
// Other top-level values are skipped without being kept.
func stream[T any](r io.Reader, name, list string, fn func(T, int) error) (Header, error) {
	lr := &lineReader{r: bufio.NewReaderSize(r, 256<<10)}
	dec := json.NewDecoder(lr)
	var h Header
	fail := func(err error) (Header, error) { return h, feedError(name, lr, dec, err) }
	skipBOM(lr)
	if err := expectDelim(dec, '{', "le flux doit être un objet JSON { … }"); err != nil {
		return fail(err)
	}
	seen := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fail(err)
		}
		key, _ := tok.(string)
		switch key {
		case "schemaVersion", "generatedAt":
			var v Str
			if err := dec.Decode(&v); err != nil {
				return fail(err)
			}
			h.set(key, string(v))
		case "metadata":
			var m map[string]Str
			if err := dec.Decode(&m); err != nil {
				return fail(err)
			}
			for k, v := range m {
				h.set(k, string(v))
			}
		case list:
			seen = true
			if err := expectDelim(dec, '[', fmt.Sprintf("« %s » doit être une liste [ … ]", list)); err != nil {
				return fail(err)
			}
			for dec.More() {
				start := dec.InputOffset()
				line := lr.valueStart(start)
				var v T
				if err := dec.Decode(&v); err != nil {
					return h, valueError[T](name, lr, start, err)
				}
				if err := fn(v, line); err != nil {
					return h, err
				}
			}
			if _, err := dec.Token(); err != nil { // ]
				return fail(err)
			}
		default:
			if err := skipValue(dec); err != nil {
				return fail(err)
			}
		}
	}
	if _, err := dec.Token(); err != nil { // }
		return fail(err)
	}
	if !seen {
		return h, &Error{File: name, Msg: fmt.Sprintf("liste « %s » absente : est-ce bien le bon flux ?", list)}
	}
	return h, nil
}

func (h *Header) set(key, v string) {
	switch key {
	case "schemaVersion":
		h.SchemaVersion = v
	case "generatedAt":
		h.GeneratedAt = v
	}
}

// skipBOM drops a UTF-8 byte-order mark, which the JSON decoder refuses.
// Offsets then count from after it, as lines do.
func skipBOM(lr *lineReader) {
	br := lr.r.(*bufio.Reader)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
}

func expectDelim(dec *json.Decoder, want json.Delim, msg string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return &Error{Msg: msg}
	}
	return nil
}

// skipValue reads past one value, token by token, keeping nothing.
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// valueError places the error of a value that started at offset start.
// The decoder's own offsets are not always those of the faulty byte, so
// the value's bytes, still held by lr, are decoded again on their own,
// which gives exact ones.
func valueError[T any](name string, lr *lineReader, start int64, err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		end := lr.base + int64(len(lr.buf))
		line, col := lr.pos(end)
		return &Error{File: name, Line: line, Column: col, Msg: "fin de fichier inattendue : le flux est tronqué (téléchargement interrompu ?)"}
	}
	i := start - lr.base
	if i < 0 || i > int64(len(lr.buf)) {
		return feedError(name, lr, nil, err)
	}
	raw := lr.buf[i:]
	skip := len(raw) - len(bytes.TrimLeft(raw, " \t\r\n,"))
	raw, start = raw[skip:], start+int64(skip)
	var value json.RawMessage
	var again error
	if again = json.NewDecoder(bytes.NewReader(raw)).Decode(&value); again == nil {
		var v T
		again = json.Unmarshal(value, &v)
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(again, &se):
		se.Offset = precise(raw, se.Offset)
		se.Offset += start
		return feedError(name, lr, nil, se)
	case errors.As(again, &te):
		te.Offset += start
		return feedError(name, lr, nil, te)
	}
	return feedError(name, lr, nil, err)
}

// precise finds the offset of the first syntax error in raw, from the
// start of raw: json.Unmarshal checks the whole input first, exactly.
func precise(raw []byte, fallback int64) int64 {
	var se *json.SyntaxError
	if err := json.Unmarshal(bytes.TrimRight(raw, " \t\r\n"), new(any)); errors.As(err, &se) && se.Offset > 0 {
		return se.Offset - 1 // Offset counts the faulty byte
	}
	return fallback
}

// feedError turns a decoding error into a French message with its place.
func feedError(name string, lr *lineReader, dec *json.Decoder, err error) error {
	var fe *Error
	if errors.As(err, &fe) {
		if fe.File == "" {
			fe.File = name
		}
		if fe.Line == 0 && dec != nil {
			fe.Line, fe.Column = lr.pos(dec.InputOffset())
		}
		return fe
	}
	e := &Error{File: name}
	at := func() int64 {
		if dec == nil {
			return -1
		}
		return dec.InputOffset()
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		e.Line, e.Column = lr.pos(se.Offset)
		e.Msg = "JSON illisible : " + syntaxFR(se.Error())
	case errors.As(err, &te):
		e.Line, e.Column = lr.pos(te.Offset)
		e.Msg = fmt.Sprintf("valeur inattendue pour « %s » : %s trouvé", te.Field, typeFR(te.Value))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		e.Line, e.Column = lr.pos(lr.base + int64(len(lr.buf)))
		e.Msg = "fin de fichier inattendue : le flux est tronqué (téléchargement interrompu ?)"
	default:
		e.Line, e.Column = lr.pos(at())
		e.Msg = "lecture impossible : " + err.Error()
	}
	return e
}

// syntaxFR says in French what encoding/json says of a syntax error.
func syntaxFR(msg string) string {
	switch {
	case strings.Contains(msg, "unexpected end of JSON input"):
		return "fin de fichier inattendue"
	case strings.HasPrefix(msg, "invalid character"):
		if q := strings.Index(msg, "'"); q >= 0 {
			if r := strings.Index(msg[q+1:], "'"); r >= 0 {
				return "caractère inattendu " + strconv.Quote(msg[q+1:q+1+r])
			}
		}
	}
	return msg
}

func typeFR(v string) string {
	switch v {
	case "object":
		return "un objet"
	case "array":
		return "une liste"
	case "string":
		return "un texte"
	case "number":
		return "un nombre"
	case "bool":
		return "un booléen"
	}
	return v
}
