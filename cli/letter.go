package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"atlasri/app/letter"
	"atlasri/app/pdfdoc"
	"atlasri/app/practice"
	"atlasri/app/printing"
	"atlasri/model"
)

const letterUsage = `Usage : atlas-ri letter --centre ID --procedure ID --patient-file patient.json
                        (--out lettre.pdf | --print) [options]
        atlas-ri letter --procedure ID --list-workup

Rédige une lettre d'adressage du médecin (identité tirée des paramètres) à
l'équipe de radiologie interventionnelle d'un centre, pour un geste.
Le fichier patient (JSON, UTF-8) est décrit dans docs/LETTERS.md ; « - »
le lit sur l'entrée standard. Rien sur le patient n'est conservé, sauf avec
--keep-history. Les PDF sont écrits lisibles par leur seul propriétaire.

Options :
`

func runLetter(e *env, fs *flag.FlagSet, args []string) int {
	centre := fs.String("centre", "", "identifiant du centre destinataire")
	procedure := fs.String("procedure", "", "identifiant du geste")
	patientFile := fs.String("patient-file", "", "fichier patient JSON (« - » pour l'entrée standard)")
	out := fs.String("out", "", "PDF de la lettre à écrire")
	sheet := fs.String("sheet", "", "PDF de la fiche d'information patient à écrire")
	doPrint := fs.Bool("print", false, "imprimer la lettre (imprimante par défaut ou --printer)")
	printer := fs.String("printer", "", "imprimante à utiliser avec --print")
	keep := fs.Bool("keep-history", false, "conserver la lettre dans l'historique (données du patient comprises)")
	date := fs.String("date", "", "date de la lettre, AAAA-MM-JJ (par défaut : aujourd'hui)")
	listWorkup := fs.Bool("list-workup", false, "afficher le bilan numéroté du geste (pour workup.not_attached)")
	gpFile := fs.String("gp-file", "", "identité du médecin en JSON pour cette lettre (par défaut : les paramètres)")
	saveGP := fs.Bool("save-gp", false, "enregistrer aussi l'identité de --gp-file dans les paramètres")
	setUsage(fs, letterUsage)
	if !e.parseOptionsOnly(fs, args, "") {
		return ExitUsage
	}
	if *listWorkup {
		return listLetterWorkup(e, *procedure)
	}
	var missing []string
	for _, f := range []struct{ name, value string }{{"--centre", *centre}, {"--procedure", *procedure}, {"--patient-file", *patientFile}} {
		if f.value == "" {
			missing = append(missing, f.name)
		}
	}
	if *out == "" && !*doPrint {
		missing = append(missing, "--out ou --print")
	}
	if len(missing) > 0 {
		fmt.Fprintf(e.stderr, "Options manquantes : %s. Voir atlas-ri letter -h.\n", joinFR(missing))
		return ExitUsage
	}
	if *printer != "" && !*doPrint {
		fmt.Fprintln(e.stderr, "--printer ne sert qu'avec --print.")
		return ExitUsage
	}
	if *saveGP && *gpFile == "" {
		fmt.Fprintln(e.stderr, "--save-gp ne sert qu'avec --gp-file.")
		return ExitUsage
	}
	when := time.Now()
	if *date != "" {
		d, err := time.ParseInLocation("2006-01-02", *date, time.Local)
		if err != nil {
			fmt.Fprintf(e.stderr, "--date : « %s » n'est pas une date AAAA-MM-JJ.\n", *date)
			return ExitUsage
		}
		when = d
	}
	in, err := readPatientFile(*patientFile)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}

	a, ok := e.open()
	if !ok {
		return ExitFailure
	}
	defer a.Close()
	svc := a.Letters()
	svc.Now = func() time.Time { return when }
	gp, err := svc.GP()
	if *gpFile != "" {
		gp, err = readGPFile(*gpFile)
		if err == nil && *saveGP {
			err = a.SaveGP(gp)
		}
	}
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	draft, err := svc.Draft(*centre, *procedure)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	l, err := letter.Compose(draft, gp, in, when)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	for _, n := range l.Notices {
		fmt.Fprintln(e.stderr, "Attention : "+n)
	}
	doc, err := l.Document()
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	pdf, err := doc.PDF()
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	opts, _ := svc.LastOptions()
	opts.PatientSheet = *sheet != ""
	if *out != "" {
		if err := pdfdoc.WriteFile(*out, pdf); err != nil {
			fmt.Fprintln(e.stderr, err)
			return ExitFailure
		}
		fmt.Fprintf(e.stdout, "Lettre enregistrée : %s (%s).\n", *out, pages(len(doc.Pages)))
	}
	if *sheet != "" {
		sp, err := l.Sheet().PDF()
		if err == nil {
			err = pdfdoc.WriteFile(*sheet, sp)
		}
		if err != nil {
			fmt.Fprintln(e.stderr, err)
			return ExitFailure
		}
		fmt.Fprintf(e.stdout, "Fiche patient enregistrée : %s.\n", *sheet)
	}
	delivery := model.DeliveryPDF
	if *doPrint {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		id, err := printing.Print(ctx, pdf, printing.Job{Title: "Lettre d'adressage", Printer: *printer})
		if err != nil {
			fmt.Fprintln(e.stderr, "Impression impossible : "+err.Error())
			return ExitFailure
		}
		if id != "" {
			id = " (travail " + id + ")"
		}
		fmt.Fprintf(e.stdout, "Lettre envoyée à l'imprimante%s.\n", id)
		delivery = model.DeliveryPrint
		opts.Printer = *printer
	}
	if err := svc.Delivered(l, delivery, opts, *keep); err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	if *keep {
		fmt.Fprintln(e.stdout, "Lettre conservée dans l'historique.")
	}
	return ExitOK
}

// readPatientFile reads and parses the patient file, or standard input
// for "-".
func readPatientFile(path string) (letter.Input, error) {
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
			return letter.Input{}, fmt.Errorf("fichier patient « %s » introuvable", path)
		}
		return letter.Input{}, fmt.Errorf("fichier patient « %s » illisible : %v", path, err)
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
