package cli

import (
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"atlasri/app/embedded"
	"atlasri/app/exchange"
	"atlasri/app/install"
	"atlasri/app/publish"
	"atlasri/app/update"
	"atlasri/internal/safefile"
	"atlasri/model"
)

// The national register of authorisations (FINESS+) on the command line:
// `register import` builds a directory from the official feeds and
// installs it (or writes it); `publish` is the federation's routine,
// which signs it as a package with a diff against the previous one.

const registerUsage = `Usage : atlas-ri register import ACTIVITES.json STRUCTURES.json [--enquete ENQUETE.csv]
                                [--corrections CORRECTIONS.csv] [--out ANNUAIRE.json] [--dry-run] [--force]

Construit l'annuaire des sites autorisés en radiologie interventionnelle à partir
des flux quotidiens du registre national FINESS+ (« FINESS – Activités » et
« FINESS – Structures », data.gouv.fr), lus en continu : chaque site avec sa
mention (A à D) et, comme gestes, ceux que sa mention permet (origine
« autorisation » : ce que le site peut faire, pas ce qu'il pratique).
--enquete ajoute les gestes déclarés par les centres (docs/REGISTRE.md),
--corrections les corrections de l'éditeur. Sans --out, l'annuaire est installé
(comme atlas-ri import) ; avec --out, il est écrit au format d'échange.
Chaque enregistrement écarté est listé avec sa raison.

Options :
`

func runRegister(e *env, fs *flag.FlagSet, args []string) int {
	if len(args) == 0 || (args[0] != "import" && !strings.HasPrefix(args[0], "-")) {
		fmt.Fprint(e.stderr, registerUsage)
		if len(args) > 0 {
			fmt.Fprintf(e.stderr, "\nSous-commande inconnue « %s » : seule « import » existe.\n", args[0])
		}
		return ExitUsage
	}
	if args[0] == "import" {
		args = args[1:]
	}
	survey := fs.String("enquete", "", "enquête de la fédération : gestes déclarés par les centres (CSV)")
	corrections := fs.String("corrections", "", "corrections de l'éditeur (CSV finess;champ;valeur;motif)")
	out := fs.String("out", "", "écrit l'annuaire (JSON) au lieu de l'installer")
	dry := fs.Bool("dry-run", false, "montre ce qui serait installé, sans rien modifier")
	force := fs.Bool("force", false, "installe ce fichier non signé à la place d'un annuaire signé")
	all := fs.Bool("tout", false, "liste tous les enregistrements écartés (sinon 20 par raison)")
	setUsage(fs, registerUsage)
	if !e.parseWithArgs(fs, args, 2, 2) {
		return ExitUsage
	}
	g, procs, err := embedded.GeographyAndCatalogue()
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	res, ok := e.buildRegister(publish.Sources{Activities: fs.Arg(0), Structures: fs.Arg(1), Survey: *survey, Corrections: *corrections, Today: time.Now()}, g, procs, *all)
	if !ok {
		return ExitFailure
	}
	name := res.Directory.Version + ".json"
	if *out != "" {
		if err := writeNew(*out, res.JSON); err != nil {
			fmt.Fprintln(e.stderr, err)
			return ExitFailure
		}
		fmt.Fprintf(e.stdout, "Annuaire écrit dans « %s » (%d sites).\n", *out, len(res.Directory.Centres))
		return ExitOK
	}
	a, ok := e.open()
	if !ok {
		return ExitFailure
	}
	defer a.Close()
	plan, err := a.PrepareImport(install.Request{Name: name, Data: res.JSON, Force: *force})
	var rej *install.RejectError
	if errors.As(err, &rej) {
		for _, p := range rej.Problems {
			fmt.Fprintln(e.stderr, p)
		}
		fmt.Fprintln(e.stderr, "Annuaire refusé, rien n'a été modifié.")
		return ExitFailure
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "Importation impossible :", err)
		return ExitFailure
	}
	return e.applyPlan(a, plan, *dry)
}

// buildRegister builds the directory and prints what the publisher reads.
func (e *env) buildRegister(src publish.Sources, g *exchange.Geography, procs []model.Procedure, all bool) (*publish.Result, bool) {
	res, err := publish.Build(src, g, procs)
	if err != nil {
		var ps exchange.Problems
		if errors.As(err, &ps) {
			for _, p := range ps {
				fmt.Fprintln(e.stderr, p)
			}
			fmt.Fprintf(e.stderr, "%d erreur(s) : rien n'a été construit.\n", ps.Errors())
			return nil, false
		}
		fmt.Fprintln(e.stderr, err)
		return nil, false
	}
	limit := 20
	if all {
		limit = 0
	}
	fmt.Fprint(e.stdout, res.ReportText(limit))
	fmt.Fprintln(e.stdout)
	if len(res.Directory.Centres) == 0 {
		fmt.Fprintln(e.stderr, "Aucun site autorisé en radiologie interventionnelle dans ces flux : il n'y a pas d'annuaire à faire.")
		return nil, false
	}
	return res, true
}

// writeNew writes a file that must not exist yet (never over a previous
// package or report).
func writeNew(path string, b []byte) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("« %s » existe déjà : choisissez un autre nom", path)
	}
	return safefile.WriteBytes(path, b)
}

const publishUsage = `Usage : atlas-ri publish --activites ACTIVITES.json --structures STRUCTURES.json
                        [--enquete ENQUETE.csv] [--corrections CORRECTIONS.csv]
                        --key CLE_PRIVEE.pem --version VERSION [--precedent ANCIEN.zip]
                        [--out PAQUET.zip] [--dry-run]

Côté éditeur (la fédération) : construit l'annuaire depuis les flux du registre
FINESS+, l'enquête et les corrections, le compare au paquet précédent (sites
ajoutés, retirés, mention changée, gestes changés), puis le signe. Écrit le
paquet et, à côté, son rapport (PAQUET.rapport.txt : flux lus, écartés et
pourquoi, points à vérifier, différences). La routine complète est dans
docs/REGISTRE.md.

Options :
`

func runPublish(e *env, fs *flag.FlagSet, args []string) int {
	activities := fs.String("activites", "", "flux « FINESS – Activités » (JSON)")
	structures := fs.String("structures", "", "flux « FINESS – Structures » (JSON)")
	survey := fs.String("enquete", "", "enquête de la fédération (CSV)")
	corrections := fs.String("corrections", "", "corrections de l'éditeur (CSV)")
	keyFile := fs.String("key", "", "clé privée Ed25519 de la fédération (PEM, PKCS #8)")
	version := fs.String("version", "", "version de l'annuaire (par exemple 2027.2)")
	previous := fs.String("precedent", "", "paquet publié précédemment, pour les différences")
	out := fs.String("out", "", "paquet à écrire (par défaut : annuaire-VERSION.zip)")
	dry := fs.Bool("dry-run", false, "construit et compare sans rien écrire ni signer")
	setUsage(fs, publishUsage)
	if !e.parseWithArgs(fs, args, 0, 0) {
		return ExitUsage
	}
	var missing []string
	for _, f := range []struct{ v, name string }{{*activities, "--activites"}, {*structures, "--structures"}, {*version, "--version"}, {*keyFile, "--key"}} {
		if f.v == "" && !(*dry && f.name == "--key") {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(e.stderr, "Indiquez %s.\n", strings.Join(missing, ", "))
		return ExitUsage
	}
	var key ed25519.PrivateKey
	if *keyFile != "" {
		k, ok := e.readPrivateKey(*keyFile)
		if !ok {
			return ExitFailure
		}
		key = k
	}
	g, procs, err := embedded.GeographyAndCatalogue()
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	res, ok := e.buildRegister(publish.Sources{Activities: *activities, Structures: *structures, Survey: *survey,
		Corrections: *corrections, Version: *version, Today: time.Now()}, g, procs, true)
	if !ok {
		return ExitFailure
	}
	report := res.ReportText(0)
	if *previous != "" {
		data, err := readInput(*previous)
		if err != nil {
			fmt.Fprintln(e.stderr, err)
			return ExitFailure
		}
		// The previous package was signed with a key the program trusts,
		// or with this one.
		keys, err := update.TrustedKeys()
		if err != nil {
			fmt.Fprintln(e.stderr, err)
			return ExitFailure
		}
		if key != nil {
			keys.Add(key.Public().(ed25519.PublicKey))
		}
		old, err := publish.ReadPackage(filepath.Base(*previous), data, keys, g)
		if err != nil {
			fmt.Fprintln(e.stderr, err)
			return ExitFailure
		}
		diff := publish.Compare(old, res.Directory).Text(old, res.Directory)
		fmt.Fprintln(e.stdout, diff)
		report += "\n" + diff
	} else {
		fmt.Fprintln(e.stdout, "Pas de paquet précédent (--precedent) : pas de différences à montrer.")
	}
	if *dry {
		fmt.Fprintln(e.stdout, "Simulation (--dry-run) : rien n'a été écrit ni signé.")
		return ExitOK
	}
	pkg, err := publish.Sign(res, key)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	if *out == "" {
		*out = "annuaire-" + res.Directory.Version + ".zip"
	}
	if err := writeNew(*out, pkg); err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	reportFile := strings.TrimSuffix(*out, filepath.Ext(*out)) + ".rapport.txt"
	if err := writeNew(reportFile, []byte(report)); err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	fmt.Fprintf(e.stdout, "Paquet « %s » : annuaire %s du %s, %d sites, signé avec la clé %s. Rapport : « %s ».\n",
		*out, res.Directory.Version, model.DateFR(res.Directory.Date), len(res.Directory.Centres), update.KeyID(key.Public().(ed25519.PublicKey)), reportFile)
	fmt.Fprintln(e.stdout, "Vérifiez-le avec « atlas-ri verify », puis diffusez-le (docs/REGISTRE.md).")
	return ExitOK
}
