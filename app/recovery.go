package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"atlasri/app/embedded"
	"atlasri/app/exchange"
	"atlasri/app/install"
	"atlasri/model"
	"atlasri/model/sqlite"
	"atlasri/resources"
)

// openUser opens user.db. A damaged one is renamed aside with its WAL
// side files (nothing is deleted or overwritten), a new one is started,
// and the user is told where the old one is and how to restore a backup.
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

// openReference opens reference.db, or rebuilds it when it is missing or
// damaged, when it was built from another release's embedded data, or
// when it does not carry the directory of annuaire.json (the imported
// directory, source of truth; see package install).
func (a *Atlas) openReference() error {
	path := filepath.Join(a.dir, ReferenceFile)
	stored, err := install.StoredHash(a.dir)
	if err != nil {
		return fmt.Errorf("lecture de l'annuaire importé impossible : %w", err)
	}
	ref, err := sqlite.OpenReference(path)
	var oe *model.OpenError
	switch {
	case err == nil:
		info, err1 := ref.DirectoryInfo()
		fp, err2 := ref.Meta(sqlite.MetaFingerprint)
		if err := errors.Join(err1, err2); err != nil {
			ref.Close()
			return err
		}
		upToDate := fp == resources.Fingerprint()
		switch {
		case stored != "" && info.Origin != OriginEmbedded && upToDate && info.SHA256 == stored:
		case stored != "" && upToDate && info.SHA256 != stored:
			ref.Close()
			return a.rebuildReference(path, "Une mise à jour de l'annuaire avait été interrompue ; elle a été terminée.")
		case stored != "":
			ref.Close()
			return a.rebuildReference(path, "") // a new release: same directory, new geography
		case info.Origin == OriginEmbedded && !upToDate:
			ref.Close()
			return a.rebuildReference(path, "")
		case info.Origin != OriginEmbedded:
			// The copy of the imported directory is gone: recreate it from
			// the database, so that recovery stays possible.
			err := a.restoreStored(ref, info)
			ref.Close()
			if err != nil {
				return err
			}
			return a.rebuildReference(path, fmt.Sprintf("La copie de l'annuaire importé (%s) manquait ; elle a été recréée à partir de la base.", install.StoredFile))
		}
		a.ref = ref
		return nil
	case errors.As(err, &oe) && oe.Problem == model.Unreadable && !fileExists(path):
		return a.rebuildReference(path, "")
	case errors.As(err, &oe) && oe.Problem == model.OlderSchema:
		// Derived data of an older release: built again, like after an
		// upgrade that changed the embedded data.
		return a.rebuildReference(path, "")
	case errors.As(err, &oe) && oe.Problem != model.Unreadable:
		aside, rerr := install.SetAside(path)
		if rerr != nil {
			return fmt.Errorf("%v ; impossible de la mettre de côté : %w", err, rerr)
		}
		from := "des données intégrées"
		if stored != "" {
			from = "du dernier annuaire importé"
		}
		return a.rebuildReference(path, fmt.Sprintf("%s La base de référence a été reconstruite à partir %s ; l'ancien fichier est gardé dans « %s ».", err, from, aside))
	default:
		return err
	}
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
