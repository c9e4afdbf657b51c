package exchange

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"atlasri/model"
)

// Field checks: each normalises a value as written by a person or a
// spreadsheet (a dropped leading zero, a French date, a phone number with
// dots) and reports what cannot be used, at the value's position.

var (
	idPattern       = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	postcodePattern = regexp.MustCompile(`^\d{5}$`)
	inseePattern    = regexp.MustCompile(`^(\d{5}|2[AB]\d{3})$`)
	emailPattern    = regexp.MustCompile(`^[^@\s<>(),;:"]+@[^@\s<>(),;:"]+\.[a-zA-Z]{2,}$`)
	isoDate         = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	frenchDate      = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
	digitsOnly      = regexp.MustCompile(`^\d+$`)
)

const maxTextLen = 500

var finessSpaces = strings.NewReplacer(" ", "", ".", "", "\u00a0", "")

func checkID(r *report, at Pos, v string) string {
	switch {
	case v == "":
		r.errorf(at, "identifiant manquant")
	case !idPattern.MatchString(v):
		r.errorf(at, "identifiant invalide « %s » : minuscules sans accents, chiffres et tirets (par exemple « chu-angers »)", v)
	case len(v) > 100:
		r.errorf(at, "identifiant trop long (%d caractères, 100 au plus)", len(v))
	case model.IsPracticeCentre(v):
		r.errorf(at, "identifiant « %s » réservé : les identifiants commençant par « %s » désignent les centres ajoutés par un cabinet", v, model.PracticeIDPrefix)
	default:
		return v
	}
	return ""
}

func checkText(r *report, at Pos, v, what string, required bool) string {
	v = strings.Join(strings.Fields(v), " ") // doubled spaces and stray line breaks
	switch {
	case v == "" && required:
		r.errorf(at, "%s", missing(what))
	case len(v) > maxTextLen:
		r.errorf(at, "%s trop long (%d caractères, %d au plus)", what, len(v), maxTextLen)
		return ""
	}
	return v
}

// checkSector accepts the JSON values and what a French spreadsheet user
// writes ("privé", "ESPIC", "privé à but non lucratif").
func checkSector(r *report, at Pos, v string) model.Sector {
	switch model.Sector(v) {
	case model.SectorPublic, model.SectorPrivate, model.SectorPrivateNonProfit:
		return model.Sector(v)
	}
	f := strings.Join(strings.FieldsFunc(model.Fold(v), func(r rune) bool { return r == ' ' || r == '_' || r == '-' }), " ")
	switch {
	case f == "":
		r.errorf(at, "statut manquant : « public », « privé » ou « ESPIC »")
	case f == "public":
		return model.SectorPublic
	case strings.Contains(f, "espic") || strings.Contains(f, "non lucratif") || f == "private nonprofit":
		return model.SectorPrivateNonProfit
	case f == "prive" || f == "private" || f == "prive lucratif" || f == "prive a but lucratif":
		return model.SectorPrivate
	default:
		r.errorf(at, "statut inconnu « %s » : « public », « privé » ou « ESPIC » attendu", v)
	}
	return ""
}

// checkFINESS checks a FINESS ET number, restoring the leading zero a
// spreadsheet drops from the numbers of départements 01 to 09.
func checkFINESS(r *report, at Pos, v string) string {
	v = strings.ToUpper(finessSpaces.Replace(v))
	if v == "" {
		return ""
	}
	if len(v) == 8 && digitsOnly.MatchString(v) && ValidFINESS("0"+v) {
		zeroRestored(r, at, "numéro FINESS", v, "0"+v)
		return "0" + v
	}
	switch {
	case !finessPattern.MatchString(v):
		r.errorf(at, "numéro FINESS invalide « %s » : 9 caractères attendus (2 pour le département, dont 2A et 2B, puis 7 chiffres)", v)
	case !ValidFINESS(v):
		r.errorf(at, "numéro FINESS « %s » : la clé de contrôle (dernier chiffre) est fausse ; vérifiez le numéro", v)
	default:
		return v
	}
	return ""
}

func checkPostcode(r *report, at Pos, v string) string {
	v = strings.ReplaceAll(v, " ", "")
	if v == "" {
		return ""
	}
	v = restoreLeadingZero(r, at, v, "code postal")
	if !postcodePattern.MatchString(v) {
		r.errorf(at, "code postal invalide « %s » : 5 chiffres attendus", v)
		return ""
	}
	return v
}

func checkINSEE(r *report, at Pos, v string) string {
	v = strings.ToUpper(strings.ReplaceAll(v, " ", ""))
	if v == "" {
		return ""
	}
	v = restoreLeadingZero(r, at, v, "code INSEE")
	if !inseePattern.MatchString(v) {
		r.errorf(at, "code INSEE de commune invalide « %s » : 5 caractères attendus (par exemple 49007 ou 2A004)", v)
		return ""
	}
	return v
}

// restoreLeadingZero puts back the leading zero a spreadsheet drops from a
// five-character code it took for a number, warning that it did.
func restoreLeadingZero(r *report, at Pos, v, what string) string {
	if len(v) == 4 && digitsOnly.MatchString(v) {
		zeroRestored(r, at, what, v, "0"+v)
		return "0" + v
	}
	return v
}

// zeroRestored warns that the leading zero of what was put back.
func zeroRestored(r *report, at Pos, what, was, now string) {
	r.warnf(at, "%s « %s » complété en « %s » (le zéro initial avait été perdu, sans doute par un tableur)", what, was, now)
}

// Overseas international prefixes whose national numbers start with 0 too.
var overseasPrefixes = []string{"590", "594", "596", "262", "269", "508", "687", "689"}

// checkPhone writes a French phone number as "02 41 35 36 37". It accepts
// dots, dashes, +33 and the overseas prefixes, and restores the leading
// zero a spreadsheet drops.
func checkPhone(r *report, at Pos, v string) string {
	if strings.TrimSpace(v) == "" {
		return ""
	}
	d := strings.Map(func(c rune) rune {
		switch c {
		case ' ', '.', '-', '/', '(', ')', '\u00a0':
			return -1
		}
		return c
	}, v)
	d = strings.TrimPrefix(d, "00")
	if strings.HasPrefix(d, "+") {
		d = d[1:]
		switch {
		case strings.HasPrefix(d, "33"):
			d = "0" + strings.TrimPrefix(d[2:], "0")
		default:
			for _, p := range overseasPrefixes {
				if strings.HasPrefix(d, p) && len(d) == len(p)+9 {
					d = "0" + d[len(p):]
					break
				}
			}
		}
	}
	if len(d) == 9 && digitsOnly.MatchString(d) && d[0] != '0' {
		zeroRestored(r, at, "téléphone", v, "0"+d)
		d = "0" + d
	}
	if len(d) != 10 || !digitsOnly.MatchString(d) || d[0] != '0' || d[1] == '0' {
		r.errorf(at, "numéro de téléphone invalide « %s » : 10 chiffres attendus, par exemple 02 41 35 36 37", v)
		return ""
	}
	return fmt.Sprintf("%s %s %s %s %s", d[0:2], d[2:4], d[4:6], d[6:8], d[8:10])
}

func checkEmail(r *report, at Pos, v, what string) string {
	v = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), "mailto:"))
	if v == "" {
		return ""
	}
	if !emailPattern.MatchString(v) {
		r.errorf(at, "%s invalide « %s »", what, v)
		return ""
	}
	return v
}

func checkMSSante(r *report, at Pos, v string) string {
	v = checkEmail(r, at, v, "adresse MSSanté")
	if v != "" && !strings.HasSuffix(strings.ToLower(v), ".mssante.fr") {
		r.warnf(at, "l'adresse MSSanté « %s » n'est pas dans un domaine « …mssante.fr » : est-ce bien une messagerie sécurisée de santé ?", v)
	}
	return v
}

// checkWebsite accepts "www.example.fr" and makes it an https address.
func checkWebsite(r *report, at Pos, v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return ""
	}
	if !strings.Contains(v, "://") {
		v = "https://" + v
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.Contains(u.Host, ".") || strings.ContainsAny(v, " \t") {
		r.errorf(at, "adresse de site web invalide « %s »", v)
		return ""
	}
	return v
}

// checkDate accepts 2026-11-30 and, as French spreadsheets write it,
// 30/11/2026; it returns the first form.
func checkDate(r *report, at Pos, v, what string, required bool, today time.Time) string {
	v = strings.TrimSpace(v)
	if v == "" {
		if required {
			r.errorf(at, "%s (AAAA-MM-JJ ou JJ/MM/AAAA)", missing(what))
		}
		return ""
	}
	iso := v
	if m := frenchDate.FindStringSubmatch(v); m != nil {
		day, _ := strconv.Atoi(m[1])
		month, _ := strconv.Atoi(m[2])
		iso = fmt.Sprintf("%s-%02d-%02d", m[3], month, day)
	}
	t, err := time.Parse("2006-01-02", iso)
	if !isoDate.MatchString(iso) || err != nil {
		r.errorf(at, "%s invalide « %s » : AAAA-MM-JJ ou JJ/MM/AAAA attendu", what, v)
		return ""
	}
	if !today.IsZero() && t.After(today.AddDate(0, 0, 1)) {
		r.warnf(at, "%s « %s » dans le futur", what, v)
	}
	return iso
}

// missing says that a value is missing, agreeing with its French gender.
func missing(what string) string {
	for _, f := range []string{"version", "source", "date", "mention", "adresse", "catégorie"} {
		if strings.HasPrefix(what, f) {
			return what + " manquante"
		}
	}
	return what + " manquant"
}
