package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"atlasri/model"

	"github.com/paulmach/orb"
)

// PracticeIDPrefix starts the id of every centre the practice added itself.
// Directories may not use it, so the practice's centres, and the notes and
// favourites on them, never collide with a directory's centres.
const PracticeIDPrefix = "cabinet-"

// PracticeSource is the source shown for a centre the practice added.
const PracticeSource = "Ajouté par le cabinet"

// practiceOfferReason labels the procedures the practice says a centre does.
const practiceOfferReason = "indiqué par le cabinet"

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

// IsPracticeCentre reports whether id names a centre the practice added.
func IsPracticeCentre(id string) bool { return strings.HasPrefix(id, PracticeIDPrefix) }

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
	c.Source = PracticeSource
	c.CheckedOn = updated[:min(len(updated), 10)]
	var ids []string
	if err := json.Unmarshal([]byte(procs), &ids); err != nil {
		return c, fmt.Errorf("centre %q : liste de gestes illisible : %w", c.ID, err)
	}
	for _, p := range ids {
		c.Offers = append(c.Offers, model.Offer{ProcedureID: p, Reason: practiceOfferReason, Source: PracticeSource, CheckedOn: c.CheckedOn})
	}
	return c, nil
}

// SavePracticeCentre adds or updates a centre of the practice. The caller
// validates it (app/userdata); here only the id's prefix is enforced.
func (u *User) SavePracticeCentre(c model.Centre, now time.Time) error {
	if !IsPracticeCentre(c.ID) || len(c.ID) == len(PracticeIDPrefix) {
		return fmt.Errorf("centre %q : l'identifiant d'un centre du cabinet commence par %q", c.ID, PracticeIDPrefix)
	}
	procs := make([]string, 0, len(c.Offers))
	for _, o := range c.Offers {
		procs = append(procs, o.ProcedureID)
	}
	pj, _ := json.Marshal(procs)
	ts := now.UTC().Format(time.RFC3339)
	_, err := u.db.Exec(`INSERT INTO practice_centres(id, name, category, sector, insee, commune, dept, lon, lat, address,
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
	res, err := u.db.Exec("DELETE FROM practice_centres WHERE id = ?", id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("centre %q %w", id, ErrNotFound)
	}
	return nil
}

// Note is the practice's private note on a centre.
type Note struct {
	Centre    string `json:"centre"`
	Text      string `json:"text"`
	UpdatedAt string `json:"updated_at"`
}

// Note returns the note on a centre, or "" when there is none.
func (u *User) Note(centre string) (string, error) {
	return queryText(u.db, "SELECT text FROM notes WHERE centre = ?", centre)
}

// SetNote stores the note on a centre; an empty text removes it.
func (u *User) SetNote(centre, text string, now time.Time) error {
	if strings.TrimSpace(text) == "" {
		_, err := u.db.Exec("DELETE FROM notes WHERE centre = ?", centre)
		return err
	}
	_, err := u.db.Exec(`INSERT INTO notes(centre, text, updated_at) VALUES (?, ?, ?)
		ON CONFLICT(centre) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
		centre, text, now.UTC().Format(time.RFC3339))
	return err
}

// Notes returns every note, in centre order.
func (u *User) Notes() ([]Note, error) {
	return queryAll(u.db, "SELECT centre, text, updated_at FROM notes ORDER BY centre", func(s scanner) (Note, error) {
		var n Note
		err := s.Scan(&n.Centre, &n.Text, &n.UpdatedAt)
		return n, err
	})
}

// SetFavourite marks or unmarks a centre as a favourite.
func (u *User) SetFavourite(centre string, on bool, now time.Time) error {
	if !on {
		_, err := u.db.Exec("DELETE FROM favourites WHERE centre = ?", centre)
		return err
	}
	_, err := u.db.Exec("INSERT INTO favourites(centre, added_at) VALUES (?, ?) ON CONFLICT(centre) DO NOTHING",
		centre, now.UTC().Format(time.RFC3339))
	return err
}

// Favourites returns the favourite centres' ids, in id order.
func (u *User) Favourites() ([]string, error) {
	return queryAll(u.db, "SELECT centre FROM favourites ORDER BY centre", scanString)
}

// Orphans are the notes and favourites whose centre is in neither the
// directory nor the practice's own centres (an update removed it). They
// are kept, and shown as such, never dropped.
type Orphans struct {
	Notes      []Note   `json:"notes"`
	Favourites []string `json:"favourites"`
}

// Empty reports whether nothing is orphaned.
func (o Orphans) Empty() bool { return len(o.Notes) == 0 && len(o.Favourites) == 0 }

// Orphans lists the notes and favourites on centres that inDirectory does
// not know and that are not the practice's own.
func (u *User) Orphans(inDirectory func(id string) bool) (Orphans, error) {
	own, err := u.practiceIDs()
	if err != nil {
		return Orphans{}, err
	}
	known := func(id string) bool { return own[id] || inDirectory(id) }
	o := Orphans{Notes: []Note{}, Favourites: []string{}}
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

// CentreChange names one centre an update added, changed or removed.
type CentreChange struct {
	ID     string   `json:"id"`
	Name   string   `json:"name"`
	Fields []string `json:"fields,omitempty"` // what changed, in French
}

// Changes is what a directory update changed.
type Changes struct {
	Added   []CentreChange `json:"added"`
	Changed []CentreChange `json:"changed"`
	Removed []CentreChange `json:"removed"`
}

// DirectoryUpdate is one directory installed over the previous one.
type DirectoryUpdate struct {
	InstalledAt time.Time
	Origin      string // how it came: a signed package or an imported file
	File        string // the file's name, as given
	FromVersion string
	FromDate    string
	ToVersion   string
	ToDate      string
	Changes     Changes
}

// WithUpdateLock runs install while holding user.db's write lock, and
// records the update it returns in the same transaction. Two imports (the
// window and a script) therefore never overlap; SQLite drops the lock if
// the process dies, and an update killed before it returns is not recorded.
func (u *User) WithUpdateLock(install func() (DirectoryUpdate, error)) error {
	ctx := context.Background()
	conn, err := u.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return fmt.Errorf("une autre mise à jour de l'annuaire semble en cours (%v) ; réessayez dans un instant", err)
	}
	rollback := func() { _, _ = conn.ExecContext(ctx, "ROLLBACK") }
	rec, err := install()
	if err != nil {
		rollback()
		return err
	}
	changes, _ := json.Marshal(rec.Changes)
	if _, err := conn.ExecContext(ctx, `INSERT INTO directory_updates(installed_at, origin, file, from_version, from_date,
		to_version, to_date, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		rec.InstalledAt.UTC().Format(time.RFC3339), rec.Origin, rec.File, rec.FromVersion, rec.FromDate,
		rec.ToVersion, rec.ToDate, string(changes)); err != nil {
		rollback()
		return fmt.Errorf("annuaire installé, mais son historique n'a pas pu être enregistré : %w", err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		rollback()
		return fmt.Errorf("annuaire installé, mais son historique n'a pas pu être enregistré : %w", err)
	}
	return nil
}

// DirectoryUpdates returns the installed updates, most recent first; limit
// 0 means all.
func (u *User) DirectoryUpdates(limit int) ([]DirectoryUpdate, error) {
	q, args := withLimit(`SELECT installed_at, origin, file, from_version, from_date, to_version, to_date, changes
		FROM directory_updates ORDER BY id DESC`, limit)
	return queryAll(u.db, q, func(s scanner) (DirectoryUpdate, error) {
		var d DirectoryUpdate
		var at, changes string
		if err := s.Scan(&at, &d.Origin, &d.File, &d.FromVersion, &d.FromDate, &d.ToVersion, &d.ToDate, &changes); err != nil {
			return d, err
		}
		d.InstalledAt, _ = time.Parse(time.RFC3339, at)
		if err := json.Unmarshal([]byte(changes), &d.Changes); err != nil {
			return d, fmt.Errorf("historique des mises à jour illisible : %w", err)
		}
		return d, nil
	}, args...)
}

// BackupTo writes a consistent, compact copy of user.db to path, which
// must not exist yet; the copy is owner-only.
func (u *User) BackupTo(path string) error {
	f, err := createOwnerOnly(path)
	if err != nil {
		return err
	}
	f.Close()
	if _, err := u.db.Exec("VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("copie de la base du cabinet impossible : %w", err)
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
		return 0, &OpenError{Path: path, Problem: ForeignFile, Detail: "base vide"}
	}
	return v, nil
}

func createOwnerOnly(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
}
