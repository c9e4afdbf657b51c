package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"atlasri/app/embedded"
	"atlasri/app/exchange"
	"atlasri/app/install"
	"atlasri/model"
	"atlasri/model/sqlite"
	"atlasri/resources"
)

// openUser opens user.db. A damaged one (SQLite reports corruption) is
// renamed aside with its WAL side files (nothing is deleted or
// overwritten), a new one is started, and the user is told where the old
// one is and how to restore a backup. Any other problem stops the opening
// and leaves the file as it is.
func (a *Atlas) openUser() (*sqlite.User, error) {
	path := filepath.Join(a.dir, UserFile)
	u, err := sqlite.OpenUser(path)
	var oe *model.OpenError
	if !errors.As(err, &oe) || oe.Problem != model.Corrupt {
		return u, err
	}
	aside, aerr := install.SetAside(path)
	if aerr != nil {
		return nil, fmt.Errorf("%v ; impossible de la mettre de côté : %w", err, aerr)
	}
	for _, side := range []string{"-wal", "-shm"} {
		if fileExists(path + side) {
			os.Rename(path+side, aside+side)
		}
	}
	if u, err = sqlite.OpenUser(path); err != nil {
		return nil, err
	}
	a.notices = append(a.notices, fmt.Sprintf("Vos données personnelles (« %s ») étaient endommagées (%s). "+
		"Le fichier endommagé est gardé tel quel dans « %s » et une base neuve a été créée : "+
		"restaurez votre dernière sauvegarde (Fichier > Restaurer, ou atlas-ri restore FICHIER).", path, oe.Detail, aside))
	return u, nil
}

// passing reports whether err is a fault of the machine that must stop
// the opening with nothing changed: a lock held by another program, a
// full disk, a file or folder this user may not write.
func passing(err error) bool {
	return model.IsStoreProblem(err, model.Busy) || model.IsStoreProblem(err, model.DiskFull) || model.IsStoreProblem(err, model.NoWrite)
}

// openReference opens reference.db. When everything is in step (the
// usual case) it is opened as it is, without taking the update lock;
// otherwise the folder is recovered under the update lock, so that an
// install running in another process is never disturbed.
func (a *Atlas) openReference() error {
	ok, err := a.openInStep()
	if ok || err != nil {
		return err
	}
	return a.user.WithUpdateLock(a.recover)
}

// openInStep opens reference.db when nothing needs recovering: nothing
// left behind by an interrupted install, no pending update in the
// history, reference.db built from this release's data and holding the
// directory of annuaire.json, which the history's last update wrote.
func (a *Atlas) openInStep() (bool, error) {
	path := filepath.Join(a.dir, ReferenceFile)
	if fileExists(path + ".new") {
		return false, nil
	}
	pending, err := a.user.PendingUpdates()
	if err != nil || len(pending) > 0 {
		return false, err
	}
	stored, err := install.StoredHash(a.dir)
	if err != nil {
		return false, storedUnreadable(err)
	}
	ref, err := sqlite.OpenReference(path)
	if err != nil {
		if passing(err) {
			return false, err
		}
		return false, nil
	}
	info, err1 := ref.DirectoryInfo()
	upToDate, err2 := builtByThisRelease(ref)
	last, err3 := a.user.DirectoryUpdates(1)
	if err := errors.Join(err1, err2, err3); err != nil {
		ref.Close()
		return false, err
	}
	inStep := upToDate
	if stored == "" {
		inStep = inStep && info.Origin == OriginEmbedded
	} else {
		inStep = inStep && info.Origin != OriginEmbedded && info.SHA256 == stored && len(last) == 1 && last[0].StoredSHA256 == stored
	}
	if !inStep {
		ref.Close()
		return false, nil
	}
	a.ref = ref
	return true, nil
}

// builtByThisRelease reports whether reference.db was built from this
// release's embedded data, and records the digest of its content (which
// `check` verifies; older releases did not record it).
func builtByThisRelease(ref *sqlite.Reference) (bool, error) {
	fp, err1 := ref.Meta(sqlite.MetaFingerprint)
	digest, err2 := ref.Meta(sqlite.MetaContentSHA256)
	return fp == resources.Fingerprint() && digest != "", errors.Join(err1, err2)
}

func storedUnreadable(err error) error {
	return fmt.Errorf("lecture de l'annuaire importé (%s) impossible : %w", install.StoredFile, err)
}

// recover puts the data folder back in step, under the update lock:
// removes what an interrupted install left, finishes or drops the updates
// it left pending, rebuilds reference.db when it is missing, damaged,
// from another release or behind annuaire.json, refuses an annuaire.json
// that no update of the history wrote, and completes the history with the
// installed directory. The user is told what was done.
func (a *Atlas) recover() error {
	path := filepath.Join(a.dir, ReferenceFile)
	removeLeftovers(a.dir)
	stored, err := install.StoredHash(a.dir)
	if err != nil {
		return storedUnreadable(err)
	}
	pending, err := a.user.PendingUpdates()
	if err != nil {
		return err
	}
	finished := map[int64]bool{}
	for _, u := range pending {
		if stored != "" && u.StoredSHA256 == stored {
			// Killed after its commit point: it is installed, and the GP,
			// who saw no end to the import, is told which directory it is.
			if err := a.user.EndUpdate(u.ID); err != nil {
				return err
			}
			finished[u.ID] = true
			a.notices = append(a.notices, interruptedNotice(u))
			continue
		}
		// Killed before its commit point: nothing of it was installed.
		if err := a.user.DropUpdate(u.ID); err != nil {
			return err
		}
		a.notices = append(a.notices, fmt.Sprintf("L'installation de l'annuaire « %s » (version %s du %s) avait été interrompue avant d'aboutir : "+
			"l'annuaire précédent est resté en place. Importez le fichier à nouveau si vous le souhaitez.", u.File, u.ToVersion, u.ToDate))
	}
	rewritten, err := a.recoverReference(path, stored, finished)
	if err != nil {
		return err
	}
	return a.completeHistory(rewritten)
}

// interruptedNotice tells the GP that an install killed after its commit
// point is in place: which directory, from which file.
func interruptedNotice(u model.DirectoryUpdate) string {
	return fmt.Sprintf("La mise à jour de l'annuaire vers la version %s du %s (fichier « %s ») avait été interrompue ; elle a été terminée.", u.ToVersion, u.ToDate, u.File)
}

// removeLeftovers removes what an install or a rebuild killed midway left
// in the data folder: the reference database being built and the
// temporary copy of annuaire.json. Only called under the update lock.
func removeLeftovers(dir string) {
	ref := filepath.Join(dir, ReferenceFile) + ".new"
	for _, p := range []string{ref, ref + "-wal", ref + "-shm", ref + "-journal"} {
		os.Remove(p)
	}
	tmps, _ := filepath.Glob(filepath.Join(dir, ".atlas-ri-*.json"))
	for _, p := range tmps {
		os.Remove(p)
	}
}

// recoverReference opens or rebuilds reference.db (see recover). It
// returns the digest of the annuaire.json it replaced when it wrote that
// file again from reference.db.
func (a *Atlas) recoverReference(path, stored string, told map[int64]bool) (rewrittenFrom string, err error) {
	ref, err := sqlite.OpenReference(path)
	var oe *model.OpenError
	switch {
	case err == nil:
		info, err1 := ref.DirectoryInfo()
		upToDate, err2 := builtByThisRelease(ref)
		if err := errors.Join(err1, err2); err != nil {
			ref.Close()
			return "", err
		}
		setAside := false
		if stored != "" && info.SHA256 != stored {
			u, vouched, err := a.user.UpdateFor(stored)
			if err != nil {
				ref.Close()
				return "", err
			}
			if vouched {
				// Killed between its commit point and the swap.
				ref.Close()
				notice := interruptedNotice(u)
				if told[u.ID] {
					notice = ""
				}
				return "", a.rebuildReference(path, notice)
			}
			// Written by no install: edited by hand, or copied from elsewhere.
			aside, err := install.SetAsideAs(filepath.Join(a.dir, install.StoredFile), "modified")
			if err != nil {
				ref.Close()
				return "", err
			}
			a.notices = append(a.notices, fmt.Sprintf("Le fichier « %s » ne correspond à aucune mise à jour installée (il a été modifié hors d'Atlas RI ?) : "+
				"il n'a pas été adopté et il est gardé dans « %s ». L'annuaire installé (version %s du %s) reste en place.", install.StoredFile, aside, info.Version, info.Date))
			stored, setAside = "", true
		}
		switch {
		case stored != "" && info.Origin != OriginEmbedded && upToDate:
			a.ref = ref
			return "", nil
		case stored != "":
			ref.Close()
			return "", a.rebuildReference(path, "") // a new release: same directory, new geography
		case info.Origin == OriginEmbedded && !upToDate:
			ref.Close()
			return "", a.rebuildReference(path, "")
		case info.Origin != OriginEmbedded:
			// The copy of the imported directory is gone: recreate it from
			// the database, so that recovery stays possible.
			err := a.restoreStored(ref, info)
			ref.Close()
			if err != nil {
				return "", err
			}
			notice := fmt.Sprintf("La copie de l'annuaire importé (%s) manquait ; elle a été recréée à partir de la base.", install.StoredFile)
			if setAside {
				notice = fmt.Sprintf("La copie de l'annuaire installé (%s) a été recréée à partir de la base.", install.StoredFile)
			}
			return info.SHA256, a.rebuildReference(path, notice)
		}
		a.ref = ref
		return "", nil
	case passing(err):
		return "", err
	case errors.As(err, &oe) && oe.Problem == model.Unreadable && !fileExists(path):
		return "", a.rebuildReference(path, "")
	case errors.As(err, &oe) && oe.Problem == model.OlderSchema:
		// Derived data of an older release: built again, like after an
		// upgrade that changed the embedded data.
		return "", a.rebuildReference(path, "")
	case errors.As(err, &oe) && oe.Problem != model.Unreadable:
		aside, rerr := install.SetAside(path)
		if rerr != nil {
			return "", fmt.Errorf("%v ; impossible de la mettre de côté : %w", err, rerr)
		}
		from := "des données intégrées"
		if stored != "" {
			from = "du dernier annuaire importé"
		}
		return "", a.rebuildReference(path, fmt.Sprintf("%s La base de référence a été reconstruite à partir %s ; l'ancien fichier est gardé dans « %s ».", err, from, aside))
	default:
		return "", err
	}
}

// completeHistory makes sure the history's last update is the one that
// installed the directory in place (annuaire.json): an older history line
// that lacks the digest gets it, and an install the history does not know
// (user.db restored from an older backup, or started anew) is added, and
// the user told. A history that cannot be written is left for the next
// opening.
func (a *Atlas) completeHistory(rewrittenFrom string) error {
	stored, err := install.StoredHash(a.dir)
	if err != nil || stored == "" {
		return err
	}
	info, err := a.ref.DirectoryInfo()
	if err != nil {
		return err
	}
	last, err := a.user.DirectoryUpdates(1)
	if err != nil {
		return err
	}
	var prev model.DirectoryUpdate
	if len(last) == 1 {
		prev = last[0]
	}
	switch {
	case prev.StoredSHA256 == stored:
		return nil
	case len(last) == 1 && (prev.StoredSHA256 == "" || prev.StoredSHA256 == rewrittenFrom) && prev.ToVersion == info.Version && prev.ToDate == info.Date:
		_ = a.user.SetStoredDigest(prev.ID, stored)
		return nil
	}
	rec := model.DirectoryUpdate{Origin: info.Origin, File: install.StoredFile, FromVersion: prev.ToVersion, FromDate: prev.ToDate,
		ToVersion: info.Version, ToDate: info.Date, StoredSHA256: stored}
	if prov, err := install.StoredProvenance(a.dir); err == nil && prov.File != "" {
		rec.File = prov.File
		rec.InstalledAt, _ = time.Parse(time.RFC3339, prov.InstalledAt)
	}
	id, err := a.user.BeginUpdate(rec)
	if err != nil {
		return nil // read-only user.db: told when the user writes to it
	}
	if err := a.user.EndUpdate(id); err != nil {
		return nil
	}
	a.notices = append(a.notices, fmt.Sprintf("L'historique des mises à jour ne mentionnait pas l'annuaire installé (version %s du %s, fichier « %s ») ; il y a été ajouté.",
		info.Version, info.Date, rec.File))
	return nil
}

// rebuildReference builds reference.db from the embedded data, with the
// imported directory of annuaire.json when there is one.
func (a *Atlas) rebuildReference(path, notice string) error {
	d, err := embedded.Data()
	if err != nil {
		return fmt.Errorf("données intégrées illisibles : %w", err)
	}
	storedPath := filepath.Join(a.dir, install.StoredFile)
	if fileExists(storedPath) {
		g := exchange.NewGeography(d.Communes, d.Postcodes, d.Departements, d.Catalogue.Procedures)
		s, err := install.LoadStored(a.dir, g)
		switch {
		case err != nil:
			aside, aerr := install.SetAside(storedPath)
			if aerr != nil {
				return fmt.Errorf("annuaire importé illisible (%v) ; impossible de le mettre de côté : %w", err, aerr)
			}
			notice = strings.TrimSpace(notice + fmt.Sprintf(" L'annuaire importé est illisible ; il est gardé dans « %s » et l'annuaire intégré est utilisé.", aside))
		default:
			d.Directory, d.Origin, d.DirectorySHA256 = s.Directory, s.Provenance.Origin, s.SHA256
			if n := len(s.Skipped); n > 0 {
				notice = strings.TrimSpace(notice + fmt.Sprintf(" Cette version d'Atlas RI n'accepte plus %d éléments de l'annuaire importé, laissés de côté (le premier : %s) ; réimportez un annuaire à jour.", n, s.Skipped[0]))
			}
		}
	}
	if err := sqlite.BuildReference(path, d); err != nil {
		return err
	}
	ref, err := sqlite.OpenReference(path)
	if err != nil {
		return err
	}
	a.ref = ref
	if notice != "" {
		a.notices = append(a.notices, notice)
	}
	return nil
}

// restoreStored writes annuaire.json back from an imported reference.db.
func (a *Atlas) restoreStored(ref *sqlite.Reference, info model.DirectoryInfo) error {
	centres, err := ref.Centres()
	if err != nil {
		return err
	}
	f := exchange.FromDirectory(model.Directory{Version: info.Version, Date: info.Date, Indicative: info.Indicative,
		Label: info.Label, Source: info.Source, Centres: centres})
	f.Provenance = &exchange.Provenance{Origin: info.Origin, File: ReferenceFile}
	b, err := exchange.MarshalJSON(f)
	if err != nil {
		return err
	}
	return install.WriteStored(a.dir, b)
}
