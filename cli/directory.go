package cli

import (
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"atlasri/app"
	"atlasri/app/embedded"
	"atlasri/app/exchange"
	"atlasri/app/install"
	"atlasri/app/update"
	"atlasri/internal/safefile"
	"atlasri/model"
)

// maxInput bounds a file read from the command line.
const maxInput = 256 << 20

// The directory's life on the command line: import (with a dry run),
// export, sign and verify packages (publisher side), back up and restore
// the practice's own data.

func runImport(e *env, fs *flag.FlagSet, args []string) int {
	dry := fs.Bool("dry-run", false, "montre ce qui changerait, sans rien modifier")
	force := fs.Bool("force", false, "installe un paquet plus ancien, ou un fichier non signé à la place d'un annuaire signé")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage : atlas-ri import FICHIER [--dry-run] [--force] [--json]")
		fmt.Fprintln(e.stderr, "FICHIER : paquet signé de la fédération (.zip), annuaire JSON ou CSV (voir docs/FORMAT.md).")
		printOptions(fs)
	}
	if !e.parseWithArgs(fs, args, 1, 1) {
		return ExitUsage
	}
	name := fs.Arg(0)
	data, err := readInput(name)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	a, ok := e.open()
	if !ok {
		return ExitFailure
	}
	defer a.Close()
	plan, err := a.PrepareImport(install.Request{Name: name, Data: data, Force: *force})
	var rej *install.RejectError
	if errors.As(err, &rej) {
		for _, p := range rej.Problems {
			fmt.Fprintln(e.stderr, p)
		}
		fmt.Fprintf(e.stderr, "%d erreur(s), %d avertissement(s) : fichier refusé, rien n'a été modifié.\n", rej.Problems.Errors(), rej.Problems.Warnings())
		return ExitFailure
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "Importation impossible :", err)
		return ExitFailure
	}
	return e.applyPlan(a, plan, *dry)
}

// applyPlan prints what installing a directory would change and, unless
// dry or refused, installs it.
func (e *env) applyPlan(a *app.Atlas, plan *install.Plan, dry bool) int {
	for _, w := range plan.Warnings {
		fmt.Fprintln(e.stderr, w)
	}
	blocked := plan.Blocked()
	refusal := ""
	if blocked != nil {
		refusal = blocked.Error()
	}
	installed := false
	if blocked == nil && !dry && !plan.UpToDate {
		if err := a.InstallDirectory(plan); err != nil {
			fmt.Fprintln(e.stderr, "Installation impossible :", err)
			return ExitFailure
		}
		installed = true
	}
	if e.json {
		out := importReport{File: plan.Name, Origin: plan.Origin, Kind: string(plan.Kind), Version: plan.Directory.Version,
			Date: plan.Directory.Date, Centres: len(plan.Directory.Centres), Installed: plan.Installed, Changes: plan.Changes,
			Orphans: plan.Orphans, Refusal: refusal, UpToDate: plan.UpToDate, DryRun: dry, Done: installed}
		for _, w := range plan.Warnings {
			out.Warnings = append(out.Warnings, w.String())
		}
		if plan.Manifest != nil {
			out.Key = plan.Manifest.Key
		}
		if c := e.writeJSON(out); c != ExitOK {
			return c
		}
	} else {
		printPlan(e.stdout, plan)
	}
	status := e.stdout
	if e.json {
		status = e.stderr // stdout holds the JSON report only
	}
	switch {
	case blocked != nil:
		fmt.Fprintf(e.stderr, "Refusé : %v. Rien n'a été modifié.\n", blocked)
		return ExitFailure
	case plan.UpToDate:
		fmt.Fprintln(status, "Cet annuaire est déjà installé : rien à faire.")
	case dry:
		fmt.Fprintln(status, "Simulation (--dry-run) : rien n'a été modifié.")
	default:
		fmt.Fprintln(status, "Annuaire installé.")
	}
	return ExitOK
}

type importReport struct {
	File      string              `json:"file"`
	Origin    string              `json:"origin"`
	Kind      string              `json:"kind"`
	Key       string              `json:"key,omitempty"`
	Version   string              `json:"version"`
	Date      string              `json:"date"`
	Centres   int                 `json:"centres"`
	Installed model.DirectoryInfo `json:"installed"`
	Changes   model.Changes       `json:"changes"`
	Orphans   model.Orphans       `json:"orphans"`
	Warnings  []string            `json:"warnings"`
	Refusal   string              `json:"refusal,omitempty"`
	UpToDate  bool                `json:"up_to_date"`
	DryRun    bool                `json:"dry_run"`
	Done      bool                `json:"installed_now"`
}

func printPlan(w io.Writer, p *install.Plan) {
	how := map[exchange.Kind]string{exchange.KindJSON: "fichier JSON non signé", exchange.KindCSV: "fichier CSV non signé"}[p.Kind]
	if p.Manifest != nil {
		how = "paquet signé (clé " + p.Manifest.Key + ")"
	}
	fmt.Fprintf(w, "Nouvel annuaire : version %s du %s, %d centres (%s « %s »).\n", p.Directory.Version, p.Directory.Date, len(p.Directory.Centres), how, p.Name)
	fmt.Fprintf(w, "Annuaire installé : version %s du %s.\n", p.Installed.Version, p.Installed.Date)
	c := p.Changes
	fmt.Fprintf(w, "Changements : %d centres ajoutés, %d modifiés, %d retirés.\n", len(c.Added), len(c.Changed), len(c.Removed))
	for _, x := range c.Added {
		fmt.Fprintf(w, "  + %s (%s)\n", x.Name, x.ID)
	}
	for _, x := range c.Changed {
		fmt.Fprintf(w, "  ~ %s (%s) : %s\n", x.Name, x.ID, strings.Join(x.Fields, ", "))
	}
	for _, x := range c.Removed {
		fmt.Fprintf(w, "  - %s (%s)\n", x.Name, x.ID)
	}
	if o := p.Orphans; !o.Empty() {
		fmt.Fprintf(w, "%d note(s) et %d favori(s) portent sur des centres absents de cet annuaire : ils sont conservés et signalés comme orphelins.\n", len(o.Notes), len(o.Favourites))
		for _, n := range o.Notes {
			fmt.Fprintf(w, "  note sur %s : %s\n", n.Centre, firstLine(n.Text))
		}
		for _, f := range o.Favourites {
			fmt.Fprintf(w, "  favori : %s\n", f)
		}
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// listFlag collects a repeated flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, splitIDs(v)...); return nil }

func splitIDs(v string) []string {
	return strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' })
}

func runExport(e *env, fs *flag.FlagSet, args []string) int {
	format := fs.String("format", "json", "json, csv ou vcard")
	out := fs.String("out", "", "fichier à écrire (par défaut : la sortie standard)")
	var ids listFlag
	fs.Var(&ids, "centre", "identifiant d'un centre à exporter (répétable ; par défaut : tout l'annuaire)")
	if !e.parseWithArgs(fs, args, 0, -1) {
		return ExitUsage
	}
	ids = append(ids, fs.Args()...)
	if *format != "json" && *format != "csv" && *format != "vcard" {
		fmt.Fprintf(e.stderr, "Format inconnu « %s » : json, csv ou vcard.\n", *format)
		return ExitUsage
	}
	a, ok := e.open()
	if !ok {
		return ExitFailure
	}
	defer a.Close()
	x, err := a.Export(*format, ids)
	for _, l := range x.Lost {
		fmt.Fprintln(e.stderr, "Attention, non repris dans le CSV :", l)
	}
	if err == nil {
		err = writeOutput(e.stdout, *out, x.Data)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "Export impossible :", err)
		return ExitFailure
	}
	if *out != "" {
		fmt.Fprintf(e.stderr, "%d centres exportés dans « %s ».\n", x.Centres, *out)
	}
	return ExitOK
}

func writeOutput(stdout io.Writer, path string, b []byte) error {
	if path == "" || path == "-" {
		_, err := stdout.Write(b)
		return err
	}
	return safefile.WriteBytes(path, b)
}

func runSign(e *env, fs *flag.FlagSet, args []string) int {
	keyFile := fs.String("key", "", "clé privée Ed25519 de la fédération (PEM, PKCS #8)")
	out := fs.String("out", "", "paquet à écrire (par défaut : annuaire-VERSION.zip à côté du fichier)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage : atlas-ri sign --key CLE_PRIVEE.pem [--out PAQUET.zip] ANNUAIRE.json")
		printOptions(fs)
	}
	if !e.parseWithArgs(fs, args, 1, 1) {
		return ExitUsage
	}
	if *keyFile == "" {
		fmt.Fprintln(e.stderr, "Indiquez la clé privée avec --key.")
		return ExitUsage
	}
	key, ok := e.readPrivateKey(*keyFile)
	if !ok {
		return ExitFailure
	}
	name := fs.Arg(0)
	payload, err := readInput(name)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	f, d, ok := checkDirectoryFile(e, name, payload)
	if !ok {
		return ExitFailure
	}
	if f.Kind != exchange.KindJSON {
		fmt.Fprintln(e.stderr, "Seul un annuaire JSON se signe : convertissez le CSV avec « atlas-ri import --dry-run » puis « atlas-ri export ».")
		return ExitFailure
	}
	pkg, err := update.Sign(payload, d.Version, d.Date, key)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	if *out == "" {
		*out = filepath.Join(filepath.Dir(name), "annuaire-"+d.Version+".zip")
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(e.stderr, "« %s » existe déjà : choisissez un autre nom avec --out.\n", *out)
		return ExitFailure
	}
	if err := safefile.WriteBytes(*out, pkg); err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	fmt.Fprintf(e.stdout, "Paquet « %s » : annuaire version %s du %s, %d centres, signé avec la clé %s.\n",
		*out, d.Version, d.Date, len(d.Centres), update.KeyID(key.Public().(ed25519.PublicKey)))
	return ExitOK
}

// readPrivateKey reads the publisher's signing key, warning when others
// can read it.
func (e *env) readPrivateKey(path string) (ed25519.PrivateKey, bool) {
	kb, err := readInput(path)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return nil, false
	}
	if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o077 != 0 {
		fmt.Fprintf(e.stderr, "Attention : la clé privée « %s » est lisible par d'autres utilisateurs (chmod 600).\n", path)
	}
	key, err := update.ParsePrivateKey(kb)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s : %v\n", path, err)
		return nil, false
	}
	return key, true
}

// checkDirectoryFile checks a directory file against the geography and
// catalogue built into the program, printing every problem.
func checkDirectoryFile(e *env, name string, data []byte) (*exchange.File, model.Directory, bool) {
	f, ps := exchange.Parse(name, data)
	var d model.Directory
	if ps.Errors() == 0 {
		g, err := embedded.Geography()
		if err != nil {
			fmt.Fprintln(e.stderr, err)
			return f, d, false
		}
		var rps exchange.Problems
		d, rps = exchange.Resolve(f, g, exchange.Options{Today: time.Now(), SHA256: exchange.FileSHA256(data)})
		ps = append(ps, rps...)
	}
	for _, p := range ps {
		fmt.Fprintln(e.stderr, p)
	}
	if ps.Errors() > 0 {
		fmt.Fprintf(e.stderr, "%d erreur(s) : annuaire refusé.\n", ps.Errors())
		return f, d, false
	}
	return f, d, true
}

func runVerify(e *env, fs *flag.FlagSet, args []string) int {
	keyFile := fs.String("key", "", "clé publique à utiliser au lieu de celles de la fédération intégrées au programme")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage : atlas-ri verify [--key CLE_PUBLIQUE.pem] [--json] PAQUET.zip")
		printOptions(fs)
	}
	if !e.parseWithArgs(fs, args, 1, 1) {
		return ExitUsage
	}
	keys, err := update.TrustedKeys()
	if *keyFile != "" {
		var kb []byte
		if kb, err = readInput(*keyFile); err == nil {
			var pub ed25519.PublicKey
			if pub, err = update.ParsePublicKey(kb); err == nil {
				keys = update.NewKeyring(pub)
			}
		}
	}
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	name := fs.Arg(0)
	pkg, err := readInput(name)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	m, payload, err := update.Verify(pkg, keys)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s : %v\n", name, err)
		return ExitFailure
	}
	f, d, ok := checkDirectoryFile(e, name+"/"+update.PayloadFile, payload)
	if !ok {
		return ExitFailure
	}
	if f.Version != m.Version || f.Date != m.Date {
		fmt.Fprintf(e.stderr, "%s : l'annuaire (version %s du %s) ne correspond pas au manifeste (version %s du %s).\n", name, f.Version, f.Date, m.Version, m.Date)
		return ExitFailure
	}
	if e.json {
		return e.writeJSON(map[string]any{"file": name, "version": m.Version, "date": m.Date, "key": m.Key,
			"sha256": m.SHA256, "size": m.Size, "centres": len(d.Centres), "valid": true})
	}
	fmt.Fprintf(e.stdout, "%s : paquet valide. Annuaire version %s du %s, %d centres, signé avec la clé %s ; SHA-256 %s.\n",
		name, m.Version, m.Date, len(d.Centres), m.Key, m.SHA256)
	return ExitOK
}

// parseWithArgs parses flags placed before or after the positional
// arguments, and checks their number (max -1: any).
func (e *env) parseWithArgs(fs *flag.FlagSet, args []string, minArgs, maxArgs int) bool {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return false
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) < minArgs || (maxArgs >= 0 && len(pos) > maxArgs) {
		fs.Usage()
		return false
	}
	// Parse again with the positional arguments alone, so that fs.Args()
	// holds them all, and resolve the data folder.
	return e.parse(fs, append([]string{"--"}, pos...))
}

func readInput(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("fichier introuvable : « %s »", path)
		}
		return nil, fmt.Errorf("lecture de « %s » impossible : %w", path, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("lecture de « %s » impossible : %w", path, err)
	}
	if len(b) > maxInput {
		return nil, fmt.Errorf("« %s » est trop gros pour un annuaire", path)
	}
	return b, nil
}
