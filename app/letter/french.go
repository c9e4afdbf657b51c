package letter

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

var monthsFR = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// LongDate writes a date the French way: "1er mars 2026", "12 mars 2026".
func LongDate(t time.Time) string {
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, monthsFR[t.Month()-1], t.Year())
}

// ShortDate writes 03/04/1975.
func ShortDate(t time.Time) string { return t.Format("02/01/2006") }

// lowerFirst lowers a name's first letter for use inside a sentence, but
// leaves acronyms ("PICC", "AVC") alone.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	next, _ := utf8.DecodeRuneInString(s[n:])
	if unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// decimal writes a number with a decimal comma and no useless zeros.
func decimal(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

// age returns the age in whole years on a date.
func age(birth, on time.Time) int {
	years := on.Year() - birth.Year()
	if on.Month() < birth.Month() || (on.Month() == birth.Month() && on.Day() < birth.Day()) {
		years--
	}
	return years
}

// agreement picks the feminine or masculine form for the patient.
func agreement(civility, feminine, masculine string) string {
	if civility == Madame {
		return feminine
	}
	return masculine
}

// none reports whether a treatment field says there is none.
func none(s string) bool {
	switch strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), ".")) {
	case "aucun", "aucune", "non", "néant", "neant", "0", "-":
		return true
	}
	return false
}
