package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"atlasri/app"
	"atlasri/app/letter"
	"atlasri/app/pdfdoc"
	"atlasri/app/practice"
	"atlasri/app/printing"
	"atlasri/internal/safefile"
	"atlasri/model"
)

const letterUsage = `Usage : atlas-ri letter --centre ID --procedure ID --patient-file patient.json
                        (--out lettre.pdf | --cda lettre.xml | --print) [options]
        atlas-ri letter --procedure ID --list-workup

Rédige une lettre d'adressage du médecin (identité tirée des paramètres) à
l'équipe de radiologie interventionnelle d'un centre, pour un geste.
Le fichier patient (JSON, UTF-8) est décrit dans docs/LETTERS.md ; « - »
le lit sur l'entrée standard ; un fichier de l'ancien format 1 est converti
et ce qui change est signalé. --cda écrit la lettre pour MSSanté et le DMP
(document CDA R2, PDF inclus) : joignez-la dans votre messagerie sécurisée.
Rien sur le patient n'est conservé, sauf avec --keep-history. Les fichiers
sont écrits lisibles par leur seul propriétaire.

Options :
`

// letterFlags are the options of atlas-ri letter.
type letterFlags struct {
	centre, procedure, patientFile, out, cdaOut, sheet, printer, gpFile string
	print, keep, saveGP                                                 bool
	when                                                                time.Time
}

func runLetter(e *env, fs *flag.FlagSet, args []string) int {
	f, listWorkup, ok := parseLetterFlags(e, fs, args)
	switch {
	case !ok:
		return ExitUsage
	case listWorkup:
		return listLetterWorkup(e, f.procedure)
	}
	in, migration, err := readPatientFile(f.patientFile)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	if migration != nil {
		for _, n := range migration.Notes {
			fmt.Fprintln(e.stderr, "Ancien format : "+n)
		}
	}
	a, ok := e.open()
	if !ok {
		return ExitFailure
	}
	defer a.Close()
	svc := a.Letters()
	svc.Now = func() time.Time { return f.when }
	l, err := composeLetter(a, svc, f, in)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	for _, n := range l.Notices {
		fmt.Fprintln(e.stderr, "Attention : "+n)
	}
	return deliverLetter(e, svc, l, f)
}

// parseLetterFlags reads and checks the options; listWorkup asks for the
// numbered work-up only.
func parseLetterFlags(e *env, fs *flag.FlagSet, args []string) (f letterFlags, listWorkup, ok bool) {
	fs.StringVar(&f.centre, "centre", "", "identifiant du centre destinataire")
	fs.StringVar(&f.procedure, "procedure", "", "identifiant du geste")
	fs.StringVar(&f.patientFile, "patient-file", "", "fichier patient JSON (« - » pour l'entrée standard)")
	fs.StringVar(&f.out, "out", "", "PDF de la lettre à écrire")
	fs.StringVar(&f.cdaOut, "cda", "", "lettre pour MSSanté / DMP à écrire (CDA R2 avec le PDF)")
	fs.StringVar(&f.sheet, "sheet", "", "PDF de la fiche d'information patient à écrire")
	fs.BoolVar(&f.print, "print", false, "imprimer la lettre (imprimante par défaut ou --printer)")
	fs.StringVar(&f.printer, "printer", "", "imprimante à utiliser avec --print")
	fs.BoolVar(&f.keep, "keep-history", false, "conserver la lettre dans l'historique (données du patient comprises)")
	date := fs.String("date", "", "date de la lettre, AAAA-MM-JJ (par défaut : aujourd'hui)")
	fs.BoolVar(&listWorkup, "list-workup", false, "afficher le bilan numéroté du geste (pour workup.not_attached)")
	fs.StringVar(&f.gpFile, "gp-file", "", "identité du médecin en JSON pour cette lettre (par défaut : les paramètres)")
	fs.BoolVar(&f.saveGP, "save-gp", false, "enregistrer aussi l'identité de --gp-file dans les paramètres")
	setUsage(fs, letterUsage)
	if !e.parseOptionsOnly(fs, args, "") {
		return f, false, false
	}
	if listWorkup {
		return f, true, true
	}
	var missing []string
	for _, o := range []struct{ name, value string }{{"--centre", f.centre}, {"--procedure", f.procedure}, {"--patient-file", f.patientFile}} {
		if o.value == "" {
			missing = append(missing, o.name)
		}
	}
	if f.out == "" && f.cdaOut == "" && !f.print {
		missing = append(missing, "--out, --cda ou --print")
	}
	usage := func(msg string) (letterFlags, bool, bool) {
		fmt.Fprintln(e.stderr, msg)
		return f, false, false
	}
	switch {
	case len(missing) > 0:
		return usage(fmt.Sprintf("Options manquantes : %s. Voir atlas-ri letter -h.", joinFR(missing)))
	case f.printer != "" && !f.print:
		return usage("--printer ne sert qu'avec --print.")
	case f.saveGP && f.gpFile == "":
		return usage("--save-gp ne sert qu'avec --gp-file.")
	}
	f.when = time.Now()
	if *date != "" {
		d, err := time.ParseInLocation("2006-01-02", *date, time.Local)
		if err != nil {
			return usage(fmt.Sprintf("--date : « %s » n'est pas une date AAAA-MM-JJ.", *date))
		}
		f.when = d
	}
	return f, false, true
}

// composeLetter checks everything and returns the letter, signed by the
// GP of the settings or of --gp-file (saved with --save-gp).
func composeLetter(a *app.Atlas, svc *letter.Service, f letterFlags, in letter.Input) (*letter.Letter, error) {
	gp, err := svc.GP()
	if f.gpFile != "" {
		gp, err = readGPFile(f.gpFile)
		if err == nil && f.saveGP {
			err = a.SaveGP(gp)
		}
	}
	if err != nil {
		return nil, err
	}
	draft, err := svc.Draft(f.centre, f.procedure)
	if err != nil {
		return nil, err
	}
	return letter.Compose(draft, gp, in, f.when)
}

// deliverLetter writes the PDFs, prints, and records the delivery.
func deliverLetter(e *env, svc *letter.Service, l *letter.Letter, f letterFlags) int {
	fail := func(err error) int {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	doc, err := l.Document()
	if err != nil {
		return fail(err)
	}
	pdf, err := doc.PDF()
	if err != nil {
		return fail(err)
	}
	opts, _ := svc.LastOptions()
	opts.PatientSheet = f.sheet != ""
	if f.out != "" {
		if err := pdfdoc.WriteFile(f.out, pdf); err != nil {
			return fail(err)
		}
		fmt.Fprintf(e.stdout, "Lettre enregistrée : %s (%s).\n", f.out, pages(len(doc.Pages)))
	}
	if f.cdaOut != "" {
		doc, err := l.CDA(pdf)
		if err == nil {
			err = safefile.WriteBytes(f.cdaOut, doc)
		}
		if err != nil {
			return fail(err)
		}
		fmt.Fprintf(e.stdout, "Lettre pour MSSanté / DMP enregistrée : %s.\n", f.cdaOut)
		if l.QualifiedINS() == nil && slices.Contains(l.Input.Copies, letter.CopyDMP) {
			fmt.Fprintln(e.stderr, "Attention : identité non qualifiée ; le DMP n'accepte que les documents portant l'INS d'une identité qualifiée.")
		}
	}
	if f.sheet != "" {
		sp, err := l.Sheet().PDF()
		if err == nil {
			err = pdfdoc.WriteFile(f.sheet, sp)
		}
		if err != nil {
			return fail(err)
		}
		fmt.Fprintf(e.stdout, "Fiche patient enregistrée : %s.\n", f.sheet)
	}
	delivery := model.DeliveryPDF
	if f.print {
		if err := printLetter(e, pdf, f.printer); err != nil {
			return fail(errors.New("Impression impossible : " + err.Error()))
		}
		delivery = model.DeliveryPrint
		opts.Printer = f.printer
	}
	if err := svc.Delivered(l, delivery, opts, f.keep); err != nil {
		return fail(err)
	}
	if f.keep {
		fmt.Fprintln(e.stdout, "Lettre conservée dans l'historique.")
	}
	return ExitOK
}

func printLetter(e *env, pdf []byte, printer string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	id, err := printing.Print(ctx, pdf, printing.Job{Title: "Lettre d'adressage", Printer: printer})
	if err != nil {
		return err
	}
	if id != "" {
		id = " (travail " + id + ")"
	}
	fmt.Fprintf(e.stdout, "Lettre envoyée à l'imprimante%s.\n", id)
	return nil
}

// readPatientFile reads and parses the patient file, or standard input
// for "-".
func readPatientFile(path string) (letter.Input, *letter.Migration, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(io.LimitReader(os.Stdin, letter.MaxPatientFile+1))
	} else {
		var f *os.File
		if f, err = os.Open(path); err == nil {
			data, err = io.ReadAll(io.LimitReader(f, letter.MaxPatientFile+1))
			f.Close()
		}
	}
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return letter.Input{}, nil, fmt.Errorf("fichier patient « %s » introuvable", path)
		}
		return letter.Input{}, nil, fmt.Errorf("fichier patient « %s » illisible : %v", path, err)
	}
	return letter.ParsePatientFile(data)
}

func readGPFile(path string) (practice.GP, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return practice.GP{}, fmt.Errorf("fichier d'identité du médecin « %s » illisible : %v", path, err)
	}
	return practice.ParseJSON(data)
}

func listLetterWorkup(e *env, procedure string) int {
	if procedure == "" {
		fmt.Fprintln(e.stderr, "Option manquante : --procedure.")
		return ExitUsage
	}
	a, ok := e.open()
	if !ok {
		return ExitFailure
	}
	defer a.Close()
	p, err := a.Procedure(procedure)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	fmt.Fprintf(e.stdout, "Bilan pour « %s » :\n", p.NameFR)
	for i, it := range p.Workup {
		mark := ""
		if it.Uncertain {
			mark = " (à confirmer)"
		}
		fmt.Fprintf(e.stdout, "%3d. %s%s\n", i+1, it.Text, mark)
	}
	if p.Emergency {
		fmt.Fprintln(e.stdout, "Geste d'urgence : pas de lettre d'adressage.")
	}
	return ExitOK
}

func pages(n int) string {
	if n == 1 {
		return "1 page"
	}
	return fmt.Sprintf("%d pages", n)
}

// joinFR joins "a, b et c".
func joinFR(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	s := items[0]
	for _, it := range items[1 : len(items)-1] {
		s += ", " + it
	}
	return s + " et " + items[len(items)-1]
}
