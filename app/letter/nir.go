package letter

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// NormalizeNIR removes the spaces, dots and hyphens people type in a NIR
// (numéro de sécurité sociale) and puts the Corsican letters in capitals.
func NormalizeNIR(s string) string {
	return strings.ToUpper(strings.Map(func(r rune) rune {
		switch r {
		case ' ', '.', '-', '\u00a0', '\t':
			return -1
		}
		return r
	}, s))
}

// CheckNIR checks a NIR: 15 characters (sex, year and month of birth,
// département (2A and 2B for Corsica), commune, order number, then a two-
// digit key equal to 97 minus the 13-digit number modulo 97, where 2A
// counts as 19 and 2B as 18). With a birth date, the year and month coded
// in the NIR must match it. The error says in French what is wrong without
// repeating the number.
func CheckNIR(nir string, birth time.Time) error {
	n := NormalizeNIR(nir)
	if c := utf8.RuneCountInString(n); c != 15 {
		return fmt.Errorf("le NIR doit compter 15 caractères (clé comprise), il en a %d", c)
	}
	for i, r := range []rune(n) {
		corsica := i == 6 && (r == 'A' || r == 'B') && n[5] == '2'
		if (r < '0' || r > '9') && !corsica {
			return fmt.Errorf("le NIR contient « %c » en position %d : seuls des chiffres sont attendus (et 2A ou 2B pour la Corse)", r, i+1)
		}
	}
	// From here n is 15 ASCII characters.
	body := n[:13]
	switch n[5:7] {
	case "2A":
		body = body[:5] + "19" + body[7:]
	case "2B":
		body = body[:5] + "18" + body[7:]
	}
	if !strings.ContainsRune("123478", rune(n[0])) {
		return fmt.Errorf("le NIR commence par %c : le premier chiffre (sexe) doit être 1 ou 2 (3, 4, 7 ou 8 pour les numéros particuliers)", n[0])
	}
	month, _ := strconv.Atoi(n[3:5])
	if month == 0 || (month > 12 && month < 20) {
		return fmt.Errorf("le NIR porte un mois de naissance impossible (%s)", n[3:5])
	}
	number, _ := strconv.ParseUint(body, 10, 64)
	key, _ := strconv.Atoi(n[13:])
	// The expected key is not shown: the typo is more often in the number.
	if key != 97-int(number%97) {
		return fmt.Errorf("la clé du NIR ne correspond pas au numéro : vérifiez-le sur la carte Vitale")
	}
	if !birth.IsZero() {
		year, _ := strconv.Atoi(n[1:3])
		if year != birth.Year()%100 || (month <= 12 && month != int(birth.Month())) {
			return fmt.Errorf("l'année ou le mois de naissance codés dans le NIR ne correspondent pas à la date de naissance")
		}
	}
	return nil
}

// FormatNIR writes a NIR the way the carte Vitale shows it:
// "2 75 04 49 007 123 45".
func FormatNIR(nir string) string {
	n := NormalizeNIR(nir)
	if len(n) != 15 {
		return nir
	}
	return strings.Join([]string{n[0:1], n[1:3], n[3:5], n[5:7], n[7:10], n[10:13], n[13:15]}, " ")
}
