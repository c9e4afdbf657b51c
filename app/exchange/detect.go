package exchange

import (
	"atlasri/internal/strictjson"
	"bytes"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// maxFileSize bounds what Parse reads: the whole French directory is a few
// megabytes; anything far larger is not a directory file.
const maxFileSize = 256 << 20

// Parse reads a directory file, JSON or CSV (chosen by the extension, or
// by the content when the extension says neither). It checks the encoding
// (UTF-8, with or without BOM; CRLF line ends accepted) and the syntax;
// values are checked by Resolve.
func Parse(name string, data []byte) (*File, Problems) {
	r := &report{file: filepath.Base(name)}
	f := &File{Name: r.file}
	if !checkEncoding(r, data) {
		return f, r.problems
	}
	body := bytes.TrimPrefix(data, utf8BOM)
	switch kindOf(name, body) {
	case KindJSON:
		f.Kind = KindJSON
		// The BOM becomes spaces so that offsets still match the file.
		if len(body) != len(data) {
			body = append([]byte("   "), body...)
		}
		readJSON(r, f, body)
	default:
		f.Kind = KindCSV
		readCSV(r, f, body)
	}
	return f, r.problems
}

func kindOf(name string, body []byte) Kind {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return KindJSON
	case ".csv", ".txt":
		return KindCSV
	}
	if t := bytes.TrimLeft(body, " \t\r\n"); len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		return KindJSON
	}
	return KindCSV
}

// checkEncoding refuses what is not UTF-8 text, naming the lines where
// unreadable bytes are.
func checkEncoding(r *report, data []byte) bool {
	const hint = "enregistrez-le en UTF-8 (dans un tableur : « CSV UTF-8 »)"
	switch {
	case len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0:
		r.errorf(Pos{}, "le fichier est vide")
		return false
	case len(data) > maxFileSize:
		r.errorf(Pos{}, "le fichier est trop gros (%d Mo) pour un annuaire", len(data)>>20)
		return false
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		r.errorf(Pos{Line: 1}, "le fichier est encodé en UTF-16 ; %s", hint)
		return false
	case bytes.IndexByte(data, 0) >= 0:
		li := strictjson.NewLineIndex(data)
		line, col := li.Pos(bytes.IndexByte(data, 0))
		r.errorf(Pos{Line: line, Column: col}, "caractère nul : ce n'est pas un fichier texte")
		return false
	case utf8.Valid(data):
		return true
	}
	li := strictjson.NewLineIndex(data)
	const maxReported = 10
	reported, lastLine := 0, 0
	for i := 0; i < len(data); {
		c, size := utf8.DecodeRune(data[i:])
		if c == utf8.RuneError && size <= 1 {
			line, col := li.Pos(i)
			if line != lastLine {
				if reported < maxReported {
					r.errorf(Pos{Line: line, Column: col}, "le fichier n'est pas encodé en UTF-8 (octet 0x%02X illisible%s) ; %s",
						data[i], latin1Guess(data[i]), hint)
				}
				reported++
				lastLine = line
			}
			i++
			continue
		}
		i += size
	}
	if reported > maxReported {
		r.errorf(Pos{}, "et %d autres lignes mal encodées", reported-maxReported)
	}
	return false
}

// latin1Guess says what a byte would be in Windows-1252, the usual
// encoding of a spreadsheet's "CSV" export on Windows.
func latin1Guess(b byte) string {
	if b < 0xA0 {
		return ""
	}
	return ", « " + string(rune(b)) + " » en Windows-1252"
}
