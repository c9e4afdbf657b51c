// Package locale gives the process a usable language before Fyne reads it.
//
// Fyne parses the user's locale while its packages initialise and logs an
// error for POSIX values such as "C" (the default in containers and many
// service accounts), on every run of every subcommand. Atlas RI speaks
// French first, so such a locale is replaced by French. main imports this
// package first: packages initialise in import-path order, and
// "atlasri/..." comes before "fyne.io/...".
package locale

import (
	"os"
	"strings"
)

// Fallback is the language used when the environment names none.
const Fallback = "fr_FR.UTF-8"

func init() { Fix(os.Getenv, os.Setenv) }

// Fix sets LANG to Fallback when no locale variable names a language.
func Fix(getenv func(string) string, setenv func(string, string) error) {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if val := getenv(v); val != "" {
			if usable(val) {
				return
			}
			if v != "LANG" {
				// An unusable LC_* would override LANG: clear it.
				setenv(v, "")
			}
		}
	}
	setenv("LANG", Fallback)
}

func usable(v string) bool {
	base, _, _ := strings.Cut(v, ".")
	return base != "C" && base != "POSIX" && base != ""
}
