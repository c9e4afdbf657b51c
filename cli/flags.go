package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"atlasri/model"
)

// Go's flag package says its errors and lists its options in English
// ("flag provided but not defined", "(default 10)"). parseFlags and
// printOptions say them in French, with what to do.

// parseFlags parses args with fs, printing a French message for a bad
// option, or the usage for -h.
func parseFlags(fs *flag.FlagSet, args []string) error {
	out, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.SetOutput(out)
	fs.Usage = usage
	switch {
	case errors.Is(err, flag.ErrHelp):
		if usage != nil {
			usage()
		} else {
			defaultUsage(fs)()
		}
	case err != nil:
		fmt.Fprintln(out, frenchFlagError(fs, err))
		fmt.Fprintf(out, "Aide : %s -h\n", fs.Name())
	}
	return err
}

// defaultUsage lists a subcommand's options, for those without a text of
// their own.
func defaultUsage(fs *flag.FlagSet) func() {
	return func() {
		fmt.Fprintf(fs.Output(), "Usage : %s [options]\n\nOptions :\n", fs.Name())
		printOptions(fs)
	}
}

var (
	undefinedFlag = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	invalidValue  = regexp.MustCompile(`^invalid (?:boolean )?value ("(?:[^"\\]|\\.)*") for (?:flag )?-+([^:]+): (.*)$`)
	needsArgument = regexp.MustCompile(`^flag needs an argument: -+(.*)$`)
	badSyntax     = regexp.MustCompile(`^bad flag syntax: (.*)$`)
)

// frenchFlagError says a flag.Parse error in French.
func frenchFlagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if m := undefinedFlag.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("Option inconnue « --%s ».%s", m[1], closestFlag(fs, m[1]))
	}
	if m := invalidValue.FindStringSubmatch(msg); m != nil {
		v, uerr := strconv.Unquote(m[1])
		if uerr != nil {
			v = m[1]
		}
		return fmt.Sprintf("Valeur invalide « %s » pour --%s : %s.", v, m[2], expected(fs.Lookup(m[2]), m[3]))
	}
	if m := needsArgument.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("L'option --%s attend une valeur (--%s VALEUR).", m[1], m[1])
	}
	if m := badSyntax.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("Option mal écrite « %s » : une option s'écrit --nom ou --nom=valeur.", m[1])
	}
	return "Option invalide : " + msg
}

// expected says what a flag takes, from its type.
func expected(f *flag.Flag, why string) string {
	if f == nil {
		return "valeur refusée"
	}
	kind, _ := flag.UnquoteUsage(f)
	switch {
	case strings.Contains(why, "out of range"):
		return "nombre trop grand"
	case kind == "": // a bool
		return "true ou false attendu"
	case kind == "int" || kind == "uint":
		return "nombre entier attendu"
	case kind == "float":
		return "nombre attendu (avec un point : 12.5)"
	case kind == "duration":
		return "durée attendue (30s, 2m)"
	}
	return "valeur refusée"
}

// closestFlag proposes the options whose name is close to name.
func closestFlag(fs *flag.FlagSet, name string) string {
	var close []string
	fs.VisitAll(func(f *flag.Flag) {
		if strings.HasPrefix(f.Name, name) || model.EditDistance(name, f.Name) <= 2 {
			close = append(close, "--"+f.Name)
		}
	})
	if len(close) == 0 {
		return ""
	}
	return " Vouliez-vous dire : " + strings.Join(close, ", ") + " ?"
}

// printOptions lists fs's options in French, the way flag.PrintDefaults
// does in English.
func printOptions(fs *flag.FlagSet) {
	w := fs.Output()
	fs.VisitAll(func(f *flag.Flag) {
		kind, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if name := map[string]string{"string": "TEXTE", "int": "N", "uint": "N", "float": "NOMBRE", "duration": "DURÉE", "value": "VALEUR"}[kind]; name != "" {
			line += " " + name
		}
		line += "\n    \t" + strings.ReplaceAll(usage, "\n", "\n    \t")
		if d := f.DefValue; d != "" && d != "0" && d != "false" && d != "[]" {
			line += fmt.Sprintf(" (par défaut : %s)", d)
		}
		fmt.Fprintln(w, line)
	})
}
