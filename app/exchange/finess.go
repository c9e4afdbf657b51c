package exchange

import "regexp"

var finessPattern = regexp.MustCompile(`^(\d{2}|2[AB])\d{7}$`)

// ValidFINESS reports whether s is a well-formed FINESS number (9
// characters, the first two being the département, "2A" and "2B" for
// Corsica) whose last digit is its Luhn check digit.
//
// For Corsica the key is computed with "2A" read as 21 and "2B" as 22 (A
// and B as 1 and 2). No published rule was found for this; it was checked
// on the 33 Corsican establishments of the national FINESS extract
// (../shared/data), which all pass, whereas the social-security rule (2A
// as 19, 2B as 18) fails every one of them. TestFINESSOnRealRegister keeps
// checking all 5,368 numbers of that extract.
func ValidFINESS(s string) bool {
	if !finessPattern.MatchString(s) {
		return false
	}
	digits := []byte(s)
	switch s[:2] {
	case "2A":
		digits[1] = '1'
	case "2B":
		digits[1] = '2'
	}
	return luhn(digits)
}

// luhn checks a string of ASCII digits whose last digit is its Luhn key.
func luhn(digits []byte) bool {
	sum := 0
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if (len(digits)-1-i)%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}
