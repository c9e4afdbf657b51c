package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"atlasri/app"
	"atlasri/app/userdata"
)

// Backing up and restoring the practice's own data (user.db).

func runBackup(e *env, fs *flag.FlagSet, args []string) int {
	out := fs.String("out", "", "fichier de sauvegarde (par défaut : atlas-ri-sauvegarde-AAAAMMJJ-HHMMSS.db dans le dossier courant)")
	if !e.parseWithArgs(fs, args, 0, 0) {
		return ExitUsage
	}
	if *out == "" {
		*out = userdata.DefaultBackupName(time.Now())
	}
	a, ok := e.open()
	if !ok {
		return ExitFailure
	}
	defer a.Close()
	if err := a.Backup(*out); err != nil {
		fmt.Fprintln(e.stderr, "Sauvegarde impossible :", err)
		return ExitFailure
	}
	fmt.Fprintf(e.stdout, "Données du cabinet sauvegardées dans « %s ».\n", *out)
	return ExitOK
}

func runRestore(e *env, fs *flag.FlagSet, args []string) int {
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage : atlas-ri restore SAUVEGARDE.db   (fermez Atlas RI avant de restaurer)")
		printOptions(fs)
	}
	if !e.parseWithArgs(fs, args, 1, 1) {
		return ExitUsage
	}
	if err := os.MkdirAll(e.dataDir, 0o700); err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	aside, err := app.Restore(e.dataDir, fs.Arg(0), time.Now())
	if err != nil {
		fmt.Fprintln(e.stderr, "Restauration impossible :", err)
		return ExitFailure
	}
	fmt.Fprintf(e.stdout, "Sauvegarde « %s » restaurée.\n", fs.Arg(0))
	if aside != "" {
		fmt.Fprintf(e.stdout, "L'ancienne base est gardée dans « %s ».\n", aside)
	}
	a, ok := e.open()
	if !ok {
		return ExitFailure
	}
	defer a.Close()
	own, err1 := a.PracticeCentres()
	notes, err2 := a.Notes()
	favs, err3 := a.Favourites()
	if err := errors.Join(err1, err2, err3); err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	fmt.Fprintf(e.stdout, "Elle contient %d centre(s) du cabinet, %d note(s), %d favori(s).\n", len(own), len(notes), len(favs))
	return ExitOK
}
