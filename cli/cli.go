// Package cli is Atlas RI's command line: the subcommands that practice IT
// scripts, tests and CI use without a window. Output is French text, or
// JSON with --json where it is tabular; errors go to stderr in French with
// a non-zero exit status.
package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"atlasri/app"
	"atlasri/internal/untrusted"
	"atlasri/model"
)

// Exit statuses.
const (
	ExitOK      = 0
	ExitFailure = 1 // the command ran and found a problem
	ExitUsage   = 2 // the command line itself is wrong
)

// WindowFunc opens the main window on a data folder; main provides it so
// that this package never needs a display.
type WindowFunc func(dataDir string) error

// env is what a subcommand runs with.
type env struct {
	stdout, stderr io.Writer
	dataDir        string
	json           bool
}

type command struct {
	name    string
	summary string
	// tabular commands accept --json.
	tabular bool
	run     func(e *env, fs *flag.FlagSet, args []string) int
}

var commands []command

func init() {
	commands = []command{
		{name: "version", summary: "affiche la version du programme et de l'annuaire", tabular: true, run: runVersion},
		{name: "check", summary: "vérifie les bases de données et compte leur contenu", tabular: true, run: runCheck},
		{name: "import", summary: "installe un annuaire (paquet signé, JSON ou CSV) ; --dry-run pour voir les changements", tabular: true, run: runImport},
		{name: "export", summary: "exporte l'annuaire ou des centres en JSON, CSV ou vCard", run: runExport},
		{name: "sign", summary: "signe un annuaire JSON avec la clé de la fédération (éditeur)", run: runSign},
		{name: "verify", summary: "vérifie la signature et le contenu d'un paquet d'annuaire", tabular: true, run: runVerify},
		{name: "backup", summary: "sauvegarde les données du cabinet (notes, favoris, centres ajoutés…)", run: runBackup},
		{name: "restore", summary: "restaure une sauvegarde des données du cabinet", run: runRestore},
		{name: "letter", summary: "rédige une lettre d'adressage en PDF, et l'imprime si demandé", run: runLetter},
		{name: "search", summary: "centres les plus proches d'un lieu pour un geste", tabular: true, run: runSearch},
		{name: "suggest", summary: "propose gestes et lieux pour un texte tapé", tabular: true, run: runSuggest},
		{name: "coverage", summary: "distance de la population au centre le plus proche, par département", tabular: true, run: runCoverage},
		{name: "map", summary: "dessine la carte des centres d'un geste en PNG", run: runMap},
		{name: "register", summary: "construit l'annuaire depuis les flux du registre FINESS+ (register import) et l'installe", run: runRegister},
		{name: "publish", summary: "construit, compare et signe le paquet d'annuaire depuis le registre (éditeur)", run: runPublish},
	}
}

// Main runs the command line and returns the exit status. Without a
// subcommand it opens the window.
//
// Everything it prints goes through untrusted.Writer: text from a
// directory, a note or the command line itself reaches the terminal with
// its control characters made visible, never run.
func Main(args []string, stdout, stderr io.Writer, window WindowFunc) int {
	out, errOut := untrusted.NewWriter(stdout), untrusted.NewWriter(stderr)
	defer out.Flush()
	defer errOut.Flush()
	return mainUnescaped(args, out, errOut, window)
}

func mainUnescaped(args []string, stdout, stderr io.Writer, window WindowFunc) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fs := flag.NewFlagSet("atlas-ri", flag.ContinueOnError)
		dataDir := addDataDir(fs)
		fs.SetOutput(stderr)
		fs.Usage = func() { usage(stderr) }
		if err := parseFlags(fs, args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return ExitOK
			}
			return ExitUsage
		}
		if fs.NArg() > 0 {
			fmt.Fprintf(stderr, "Argument inattendu « %s ». Les options globales se placent après la sous-commande.\n", fs.Arg(0))
			return ExitUsage
		}
		dir, err := resolveDataDir(*dataDir)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return ExitFailure
		}
		if err := window(dir); err != nil {
			fmt.Fprintln(stderr, err)
			return ExitFailure
		}
		return ExitOK
	}
	name := args[0]
	if name == "help" || name == "aide" {
		usage(stdout)
		return ExitOK
	}
	for _, c := range commands {
		if c.name != name {
			continue
		}
		fs := flag.NewFlagSet("atlas-ri "+name, flag.ContinueOnError)
		fs.SetOutput(stderr)
		fs.Usage = defaultUsage(fs)
		e := &env{stdout: stdout, stderr: stderr}
		addDataDir(fs)
		if c.tabular {
			fs.BoolVar(&e.json, "json", false, "sortie JSON")
		}
		return c.run(e, fs, args[1:])
	}
	fmt.Fprintf(stderr, "Sous-commande inconnue « %s ».%s\n\n", name, didYouMean(name))
	usage(stderr)
	return ExitUsage
}

func addDataDir(fs *flag.FlagSet) *string {
	return fs.String("data-dir", "", "dossier des bases de données (par défaut : dossier de l'application)")
}

// parse parses a subcommand's flags and resolves the data folder.
func (e *env) parse(fs *flag.FlagSet, args []string) bool {
	if err := parseFlags(fs, args); err != nil {
		return false
	}
	dir, err := resolveDataDir(fs.Lookup("data-dir").Value.String())
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return false
	}
	e.dataDir = dir
	return true
}

func resolveDataDir(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	return app.DefaultDataDir()
}

// openWait bounds the wait for a data folder another program holds
// locked; tests shorten it.
var openWait = app.DefaultWait

// open opens the data folder, printing French notices and errors.
func (e *env) open() (*app.Atlas, bool) {
	a, err := app.OpenWith(e.dataDir, app.Options{Wait: openWait, Waiting: func(msg string) { fmt.Fprintln(e.stderr, msg) }})
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return nil, false
	}
	for _, n := range a.Notices() {
		fmt.Fprintln(e.stderr, "Attention : "+n)
	}
	return a, true
}

func (e *env) writeJSON(v any) int {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	return ExitOK
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "%s %s : trouver où se pratique la radiologie interventionnelle.\n\n", app.Name, app.Version)
	fmt.Fprintln(w, "Usage : atlas-ri [--data-dir DOSSIER]            ouvre la fenêtre")
	fmt.Fprintln(w, "        atlas-ri SOUS-COMMANDE [options]")
	fmt.Fprintln(w, "\nSous-commandes :")
	names := make([]string, 0, len(commands))
	for _, c := range commands {
		names = append(names, fmt.Sprintf("  %-10s %s", c.name, c.summary))
	}
	sort.Strings(names)
	fmt.Fprintln(w, strings.Join(names, "\n"))
	fmt.Fprintln(w, "\nOptions communes : --data-dir DOSSIER, --json (sorties en tableau).")
	fmt.Fprintln(w, "Aide d'une sous-commande : atlas-ri SOUS-COMMANDE -h")
}

// didYouMean proposes the closest subcommand names.
func didYouMean(name string) string {
	var close []string
	for _, c := range commands {
		if strings.HasPrefix(c.name, name) || strings.HasPrefix(name, c.name) || model.EditDistance(name, c.name) <= 2 {
			close = append(close, c.name)
		}
	}
	if len(close) == 0 {
		return ""
	}
	return " Vouliez-vous dire : " + strings.Join(close, ", ") + " ?"
}
