//go:build !windows

package screen

import (
	"fmt"
	"os"
)

// Tell shows a message the user must read before the program stops: on
// standard error here (a desktop session shows it in its log).
func Tell(title, msg string) { fmt.Fprintf(os.Stderr, "%s\n\n%s\n", title, msg) }
