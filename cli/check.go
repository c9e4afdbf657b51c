package cli

import (
	"flag"
	"fmt"
	"strings"

	"atlasri/app"
)

func runVersion(e *env, fs *flag.FlagSet, args []string) int {
	if !e.parse(fs, args) {
		return ExitUsage
	}
	a, ok := e.open()
	if !ok {
		return ExitFailure
	}
	defer a.Close()
	r, err := a.Check()
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	if e.json {
		return e.writeJSON(map[string]string{
			"name": app.Name, "version": app.Version,
			"directory_version": r.DirectoryVersion, "directory_date": r.DirectoryDate,
		})
	}
	fmt.Fprintf(e.stdout, "%s %s\nAnnuaire : %s du %s\n", app.Name, app.Version, r.DirectoryVersion, r.DirectoryDate)
	return ExitOK
}

func runCheck(e *env, fs *flag.FlagSet, args []string) int {
	if !e.parse(fs, args) {
		return ExitUsage
	}
	a, ok := e.open()
	if !ok {
		return ExitFailure
	}
	defer a.Close()
	r, err := a.Check()
	if err != nil {
		fmt.Fprintln(e.stderr, "Vérification impossible :", err)
		return ExitFailure
	}
	code := ExitOK
	if !r.OK() {
		code = ExitFailure
	}
	if e.json {
		if c := e.writeJSON(r); c != ExitOK {
			return c
		}
		return code
	}
	origin := "données intégrées au programme"
	if r.Origin != app.OriginEmbedded {
		origin = "mise à jour « " + r.Origin + " »"
	}
	fmt.Fprintf(e.stdout, "%s %s, dossier de données : %s\n", app.Name, app.Version, r.DataDir)
	fmt.Fprintf(e.stdout, "Base de référence : %s ; annuaire %s du %s\n", origin, r.DirectoryVersion, r.DirectoryDate)
	if r.DirectoryLabel != "" {
		fmt.Fprintf(e.stdout, "  %s\n", r.DirectoryLabel)
	}
	c := r.Counts
	for _, row := range []struct {
		label string
		n     int
		extra string
	}{
		{"Départements", c.Departements, ""},
		{"Collectivités d'outre-mer", c.Collectivites, ""},
		{"Communes", c.Communes, fmt.Sprintf("(et %d arrondissements municipaux)", c.Arrondissements)},
		{"Codes postaux", c.Postcodes, ""},
		{"Familles de gestes", c.Families, ""},
		{"Gestes", c.Procedures, ""},
		{"Centres", c.Centres, fmt.Sprintf("(%d offres)", c.Offers)},
	} {
		line := fmt.Sprintf("  %-26s %6d  %s", row.label, row.n, row.extra)
		fmt.Fprintln(e.stdout, strings.TrimRight(line, " "))
	}
	if r.OK() {
		fmt.Fprintln(e.stdout, "Intégrité : OK")
	} else {
		fmt.Fprintln(e.stdout, "Problèmes trouvés :")
		for _, p := range r.Problems {
			fmt.Fprintln(e.stdout, "  - "+p)
		}
	}
	return code
}
