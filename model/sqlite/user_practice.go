package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"atlasri/internal/fault"
	"atlasri/model"

	"github.com/paulmach/orb"
)

// userMigrationPractice adds the practice's own centres and the history of
// directory updates.
const userMigrationPractice = `
-- Centres the practice added itself ("cabinet-..." ids). Commune name and
-- département are kept with them so that they still show if a later
-- geography drops the commune.
CREATE TABLE practice_centres (
	id         TEXT PRIMARY KEY CHECK (id GLOB 'cabinet-?*'),
	name       TEXT NOT NULL CHECK (name <> ''),
	category   TEXT NOT NULL DEFAULT '',
	sector     TEXT NOT NULL,
	insee      TEXT NOT NULL,
	commune    TEXT NOT NULL,
	dept       TEXT NOT NULL,
	lon        REAL NOT NULL,
	lat        REAL NOT NULL,
	address    TEXT NOT NULL DEFAULT '',
	postcode   TEXT NOT NULL DEFAULT '',
	phone      TEXT NOT NULL DEFAULT '',
	email      TEXT NOT NULL DEFAULT '',
	mssante    TEXT NOT NULL DEFAULT '',
	website    TEXT NOT NULL DEFAULT '',
	finess     TEXT NOT NULL DEFAULT '',
	procedures TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(procedures)),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- Every directory installed, with what it changed, so the window can show
-- the last update's changes.
CREATE TABLE directory_updates (
	id           INTEGER PRIMARY KEY,
	installed_at TEXT NOT NULL,
	origin       TEXT NOT NULL,
	file         TEXT NOT NULL,
	from_version TEXT NOT NULL,
	from_date    TEXT NOT NULL,
	to_version   TEXT NOT NULL,
	to_date      TEXT NOT NULL,
	changes      TEXT NOT NULL CHECK (json_valid(changes))
);
`

// PracticeCentres returns the centres the practice added, in id order.
// Their offers are indicative, labelled as the practice's own.
func (u *User) PracticeCentres() ([]model.Centre, error) {
	return u.practiceCentres("")
}

// PracticeCentre returns one centre the practice added.
func (u *User) PracticeCentre(id string) (model.Centre, error) {
	cs, err := u.practiceCentres(id)
	return onlyCentre(id, cs, err)
}

func (u *User) practiceCentres(id string) ([]model.Centre, error) {
	q := `SELECT id, name, category, sector, insee, commune, dept, lon, lat, address, postcode, phone, email,
		mssante, website, finess, procedures, updated_at FROM practice_centres`
	args := []any{}
	if id != "" {
		q += " WHERE id = ?"
		args = append(args, id)
	}
	return queryAll(u.db, q+" ORDER BY id", scanPracticeCentre, args...)
}

func scanPracticeCentre(s scanner) (model.Centre, error) {
	var c model.Centre
	var sector, procs, updated string
	var lon, lat float64
	if err := s.Scan(&c.ID, &c.Name, &c.Category, &sector, &c.INSEE, &c.Commune, &c.Dept, &lon, &lat,
		&c.Address, &c.Postcode, &c.Phone, &c.Email, &c.MSSante, &c.Website, &c.FINESS, &procs, &updated); err != nil {
		return c, err
	}
	c.Sector = model.Sector(sector)
	c.Pos = orb.Point{lon, lat}
	c.Source = model.PracticeSource
	c.CheckedOn = updated[:min(len(updated), 10)]
	var ids []string
	if err := json.Unmarshal([]byte(procs), &ids); err != nil {
		return c, fmt.Errorf("centre %q : liste de gestes illisible : %w", c.ID, err)
	}
	for _, p := range ids {
		c.Offers = append(c.Offers, model.Offer{ProcedureID: p, Origin: model.OfferIndicative, Reason: model.PracticeOfferReason, Source: model.PracticeSource, CheckedOn: c.CheckedOn})
	}
	return c, nil
}

// SavePracticeCentre adds or updates a centre of the practice. The caller
// validates it (app/userdata); here only the id's prefix is enforced.
func (u *User) SavePracticeCentre(c model.Centre, now time.Time) error {
	if !model.IsPracticeCentre(c.ID) || len(c.ID) == len(model.PracticeIDPrefix) {
		return fmt.Errorf("centre %q : l'identifiant d'un centre du cabinet commence par %q", c.ID, model.PracticeIDPrefix)
	}
	procs := make([]string, 0, len(c.Offers))
	for _, o := range c.Offers {
		procs = append(procs, o.ProcedureID)
	}
	pj, _ := json.Marshal(procs)
	ts := now.UTC().Format(time.RFC3339)
	_, err := u.exec(`INSERT INTO practice_centres(id, name, category, sector, insee, commune, dept, lon, lat, address,
		postcode, phone, email, mssante, website, finess, procedures, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET name = excluded.name, category = excluded.category, sector = excluded.sector,
		insee = excluded.insee, commune = excluded.commune, dept = excluded.dept, lon = excluded.lon, lat = excluded.lat,
		address = excluded.address, postcode = excluded.postcode, phone = excluded.phone, email = excluded.email,
		mssante = excluded.mssante, website = excluded.website, finess = excluded.finess,
		procedures = excluded.procedures, updated_at = excluded.updated_at`,
		c.ID, c.Name, c.Category, string(c.Sector), c.INSEE, c.Commune, c.Dept, c.Pos.Lon(), c.Pos.Lat(), c.Address,
		c.Postcode, c.Phone, c.Email, c.MSSante, c.Website, c.FINESS, string(pj), ts, ts)
	return err
}

// DeletePracticeCentre removes a centre of the practice. Its note and its
// favourite stay: they show as orphaned until the user removes them.
func (u *User) DeletePracticeCentre(id string) error {
	res, err := u.exec("DELETE FROM practice_centres WHERE id = ?", id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("centre %q %w", id, model.ErrNotFound)
	}
	return nil
}

// Note returns the note on a centre, or "" when there is none.
func (u *User) Note(centre string) (string, error) {
	return queryText(u.db, "SELECT text FROM notes WHERE centre = ?", centre)
}

// SetNote stores the note on a centre; an empty text removes it.
func (u *User) SetNote(centre, text string, now time.Time) error {
	if strings.TrimSpace(text) == "" {
		_, err := u.exec("DELETE FROM notes WHERE centre = ?", centre)
		return err
	}
	_, err := u.exec(`INSERT INTO notes(centre, text, updated_at) VALUES (?, ?, ?)
		ON CONFLICT(centre) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
		centre, text, now.UTC().Format(time.RFC3339))
	return err
}

// Notes returns every note, in centre order.
func (u *User) Notes() ([]model.Note, error) {
	return queryAll(u.db, "SELECT centre, text, updated_at FROM notes ORDER BY centre", func(s scanner) (model.Note, error) {
		var n model.Note
		err := s.Scan(&n.Centre, &n.Text, &n.UpdatedAt)
		return n, err
	})
}

// SetFavourite marks or unmarks a centre as a favourite.
func (u *User) SetFavourite(centre string, on bool, now time.Time) error {
	if !on {
		_, err := u.exec("DELETE FROM favourites WHERE centre = ?", centre)
		return err
	}
	_, err := u.exec("INSERT INTO favourites(centre, added_at) VALUES (?, ?) ON CONFLICT(centre) DO NOTHING",
		centre, now.UTC().Format(time.RFC3339))
	return err
}

// Favourites returns the favourite centres' ids, in id order.
func (u *User) Favourites() ([]string, error) {
	return queryAll(u.db, "SELECT centre FROM favourites ORDER BY centre", scanString)
}

// Orphans lists the notes and favourites on centres that inDirectory does
// not know and that are not the practice's own.
func (u *User) Orphans(inDirectory func(id string) bool) (model.Orphans, error) {
	own, err := u.practiceIDs()
	if err != nil {
		return model.Orphans{}, err
	}
	known := func(id string) bool { return own[id] || inDirectory(id) }
	o := model.Orphans{Notes: []model.Note{}, Favourites: []string{}}
	notes, err := u.Notes()
	if err != nil {
		return o, err
	}
	for _, n := range notes {
		if !known(n.Centre) {
			o.Notes = append(o.Notes, n)
		}
	}
	favs, err := u.Favourites()
	if err != nil {
		return o, err
	}
	for _, f := range favs {
		if !known(f) {
			o.Favourites = append(o.Favourites, f)
		}
	}
	return o, nil
}

func (u *User) practiceIDs() (map[string]bool, error) {
	list, err := queryAll(u.db, "SELECT id FROM practice_centres", scanString)
	if err != nil {
		return nil, err
	}
	ids := make(map[string]bool, len(list))
	for _, id := range list {
		ids[id] = true
	}
	return ids, nil
}

// userMigrationHistoryState makes an install's history line go with the
// install: the line is written as pending before the commit point and
// marked done after, with the digest of the directory copy it wrote.
const userMigrationHistoryState = `
ALTER TABLE directory_updates ADD COLUMN stored_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE directory_updates ADD COLUMN state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('pending', 'done'));
`

// UpdateLockFile sits beside user.db. Installs hold an exclusive SQLite
// lock on it, not on user.db, so that the practice's notes, favourites and
// settings stay readable and writable during an install.
const UpdateLockFile = "update.lock"

// WithUpdateLock runs f while holding the data folder's update lock. Two
// imports (the window and a script) therefore never overlap: the second
// waits for the first, up to the busy timeout. SQLite drops the lock if
// the process dies.
func (u *User) WithUpdateLock(f func() error) error {
	unlock, err := LockUpdates(filepath.Dir(u.path))
	if err != nil {
		return err
	}
	defer unlock()
	return f()
}

// LockUpdates takes the update lock of the data folder dir: an exclusive
// lock on the (empty) SQLite file update.lock, created owner-only if
// needed. It returns what releases it. SQLite's locking works the same on
// every system and between connections of one process, which a
// hand-written file lock would have to redo.
func LockUpdates(dir string) (unlock func(), err error) {
	path := filepath.Join(dir, UpdateLockFile)
	refused := func(err error) error {
		err = classify(err)
		if fault.KindOf(err) == fault.Busy {
			return &storeError{kind: fault.Busy, reason: "une autre mise à jour de l'annuaire est en cours (dans une autre fenêtre d'Atlas RI ou par un script)", err: err}
		}
		return fault.Wrap("verrouillage des mises à jour par", path, err)
	}
	if f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o600); err == nil {
		f.Close()
	} else {
		return nil, refused(err)
	}
	db, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		return nil, refused(err)
	}
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err == nil {
		_, err = conn.ExecContext(ctx, "BEGIN EXCLUSIVE")
		if err != nil {
			conn.Close()
		}
	}
	if err != nil {
		db.Close()
		return nil, refused(err)
	}
	return func() {
		_, _ = conn.ExecContext(ctx, "ROLLBACK")
		conn.Close()
		db.Close()
	}, nil
}

// BeginUpdate records an update as pending and returns its id. It fails,
// in French, when user.db cannot be written: then nothing is installed.
func (u *User) BeginUpdate(rec model.DirectoryUpdate) (int64, error) {
	changes, err := json.Marshal(rec.Changes)
	if err != nil {
		return 0, err
	}
	res, err := u.exec(`INSERT INTO directory_updates(installed_at, origin, file, from_version, from_date,
		to_version, to_date, changes, stored_sha256, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')`,
		rec.InstalledAt.UTC().Format(time.RFC3339), rec.Origin, rec.File, rec.FromVersion, rec.FromDate,
		rec.ToVersion, rec.ToDate, string(changes), rec.StoredSHA256)
	if err != nil {
		return 0, fmt.Errorf("l'historique des mises à jour (%s) ne peut pas être écrit : %w", u.path, err)
	}
	return res.LastInsertId()
}

// EndUpdate marks a pending update done.
func (u *User) EndUpdate(id int64) error {
	_, err := u.exec("UPDATE directory_updates SET state = 'done' WHERE id = ?", id)
	return err
}

// DropUpdate removes a pending update; a done one is never removed.
func (u *User) DropUpdate(id int64) error {
	_, err := u.exec("DELETE FROM directory_updates WHERE id = ? AND state = 'pending'", id)
	return err
}

// SetStoredDigest records the digest of the directory copy of an update.
func (u *User) SetStoredDigest(id int64, sha256 string) error {
	_, err := u.exec("UPDATE directory_updates SET stored_sha256 = ? WHERE id = ?", sha256, id)
	return err
}

// UpdateFor returns the latest update, pending or done, that wrote a
// directory copy of this digest.
func (u *User) UpdateFor(sha256 string) (model.DirectoryUpdate, bool, error) {
	if sha256 == "" {
		return model.DirectoryUpdate{}, false, nil
	}
	all, err := queryAll(u.db, "SELECT "+updateColumns+" FROM directory_updates WHERE stored_sha256 = ? ORDER BY id DESC LIMIT 1", scanUpdate, sha256)
	if err != nil || len(all) == 0 {
		return model.DirectoryUpdate{}, false, err
	}
	return all[0], true, nil
}

const updateColumns = "id, installed_at, origin, file, from_version, from_date, to_version, to_date, changes, stored_sha256, state"

// PendingUpdates returns the pending updates, oldest first.
func (u *User) PendingUpdates() ([]model.DirectoryUpdate, error) {
	return queryAll(u.db, "SELECT "+updateColumns+" FROM directory_updates WHERE state = 'pending' ORDER BY id", scanUpdate)
}

// DirectoryUpdates returns the installed updates, most recent first; limit
// 0 means all.
func (u *User) DirectoryUpdates(limit int) ([]model.DirectoryUpdate, error) {
	q, args := withLimit("SELECT "+updateColumns+" FROM directory_updates WHERE state = 'done' ORDER BY id DESC", limit)
	return queryAll(u.db, q, scanUpdate, args...)
}

func scanUpdate(s scanner) (model.DirectoryUpdate, error) {
	var d model.DirectoryUpdate
	var at, changes, state string
	if err := s.Scan(&d.ID, &at, &d.Origin, &d.File, &d.FromVersion, &d.FromDate, &d.ToVersion, &d.ToDate, &changes, &d.StoredSHA256, &state); err != nil {
		return d, err
	}
	d.InstalledAt, _ = time.Parse(time.RFC3339, at)
	d.Pending = state == "pending"
	if err := json.Unmarshal([]byte(changes), &d.Changes); err != nil {
		return d, fmt.Errorf("historique des mises à jour illisible : %w", err)
	}
	return d, nil
}

// BackupTo writes a consistent, compact copy of user.db to path, which
// must not exist yet; the copy is owner-only and carries the digest of its
// content, which restore verifies (see OpenBackupSeal).
func (u *User) BackupTo(path string) error {
	f, err := createOwnerOnly(path)
	if err != nil {
		return fault.Wrap("création de la sauvegarde", path, err)
	}
	f.Close()
	if _, err := u.db.Exec("VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("copie de la base du cabinet impossible : %w", classify(err))
	}
	if err := sealBackup(path); err != nil {
		return fmt.Errorf("empreinte de la sauvegarde impossible : %w", err)
	}
	return nil
}

// CheckUserFile checks that path is a user.db this version can open (not
// damaged, ours, not newer) without writing to it, and returns its schema
// version. Use it on a copy: SQLite may create side files next to a file
// in WAL mode.
func CheckUserFile(path string) (int, error) {
	db, v, err := openChecked(path, userSchema)
	if err != nil {
		return 0, err
	}
	db.Close()
	if v == 0 {
		return 0, &model.OpenError{Path: path, Problem: model.ForeignFile, Detail: "base vide"}
	}
	return v, nil
}

func createOwnerOnly(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
}
