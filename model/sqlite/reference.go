package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"atlasri/internal/fault"
	"atlasri/model"

	"github.com/paulmach/orb/encoding/wkb"
)

// ReferenceData is everything reference.db is built from.
type ReferenceData struct {
	Departements  []model.Departement
	Collectivites []model.Collectivite
	Communes      []model.Commune
	Postcodes     []model.Postcode
	Catalogue     model.Catalogue
	Directory     model.Directory
	// Origin says where the data comes from ("embedded" or an update
	// package) and Fingerprint identifies it, so that an app upgrade
	// knows when to rebuild.
	Origin      string
	Fingerprint string
	// DirectorySHA256 is the hash of the directory file an imported
	// directory was built from (empty for the embedded one): app.Open
	// compares it with the file kept in the data folder.
	DirectorySHA256 string
}

// Meta keys of reference.db.
const (
	MetaOrigin              = "origin"
	MetaFingerprint         = "fingerprint"
	MetaDirectoryVersion    = "directory_version"
	MetaDirectoryDate       = "directory_date"
	MetaDirectoryLabel      = "directory_label"
	MetaDirectorySource     = "directory_source"
	MetaCatalogueVersion    = "catalogue_version"
	MetaDirectoryIndicative = "directory_indicative"
	MetaDirectorySHA256     = "directory_sha256"
	// MetaContentSHA256 is the digest of everything else the database
	// holds, recorded when it is built (see contentDigest).
	MetaContentSHA256 = "content_sha256"
)

// BuildReference writes a complete reference database to path. It builds a
// new file beside the old one, checks it, and only then renames it over the
// old file, so a crash at any moment leaves the previous database intact.
func BuildReference(path string, d ReferenceData) error {
	s, err := StageReference(path, d)
	if err != nil {
		return err
	}
	return s.Commit()
}

// StageReference builds a complete reference database beside path
// (path.new) and checks it; Commit then puts it in place.
func StageReference(path string, d ReferenceData) (*Staged, error) {
	s := &Staged{path: path, tmp: path + ".new"}
	if err := s.clear(); err != nil {
		return nil, fault.Wrap("nettoyage de", s.tmp, err)
	}
	if err := buildInto(s.tmp, d); err != nil {
		s.Abort()
		return nil, fmt.Errorf("construction de la base de référence impossible : %w", classify(err))
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	return s, nil
}

func buildInto(path string, d ReferenceData) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return fault.Wrap("écriture de", path, err)
	}
	f.Close()
	db, from, err := openChecked(path, referenceSchema)
	if err != nil {
		return err
	}
	defer db.Close()
	// A fresh file is written in one go: no journal needed until it is done.
	if _, err := db.Exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF"); err != nil {
		return err
	}
	if from != 0 {
		return fmt.Errorf("reference.db en construction : schéma %d inattendu", from)
	}
	if _, err := db.Exec(referenceSchema.create); err != nil {
		return fmt.Errorf("schéma de reference.db : %w", err)
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, step := range []func(*sql.Tx, ReferenceData) error{
		insertMeta, insertDepartements, insertCollectivites, insertCommunes, insertPostcodes, insertCatalogue, insertDirectory,
	} {
		if err := step(tx, d); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(fmt.Sprintf("PRAGMA application_id=%d; PRAGMA user_version=%d", referenceSchema.appID, referenceSchema.version())); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return finishBuild(db)
}

// finishBuild switches a freshly written file to the journal every opened
// reference.db uses, and leaves everything in the main file.
func finishBuild(db *sql.DB) error {
	digest, err := referenceDigest(db)
	if err != nil {
		return err
	}
	if _, err := db.Exec("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", MetaContentSHA256, digest); err != nil {
		return classify(err)
	}
	if _, err := db.Exec("PRAGMA synchronous=FULL; PRAGMA journal_mode=WAL; PRAGMA optimize"); err != nil {
		return classify(err)
	}
	_, err = db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	return classify(err)
}

// exec inserts n rows with an "INSERT ... VALUES (?, ...)" query, many
// rows per statement: crossing into SQLite once per row is what costs.
func exec(tx *sql.Tx, query string, n int, args func(i int) []any) error {
	head, row, ok := strings.Cut(query, "VALUES")
	if !ok || n == 0 {
		return execEach(tx, query, n, args)
	}
	row = strings.TrimSpace(row)
	perStmt := max(1, min(256, 30000/max(1, strings.Count(row, "?"))))
	stmts := map[int]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	for start := 0; start < n; start += perStmt {
		rows := min(perStmt, n-start)
		st := stmts[rows]
		if st == nil {
			var err error
			if st, err = tx.Prepare(head + "VALUES " + strings.TrimSuffix(strings.Repeat(row+", ", rows), ", ")); err != nil {
				return err
			}
			stmts[rows] = st
		}
		var all []any
		for i := start; i < start+rows; i++ {
			all = append(all, args(i)...)
		}
		if _, err := st.Exec(all...); err != nil {
			// Say which row failed: replay the batch row by row.
			if rerr := execEach(tx, query, rows, func(i int) []any { return args(start + i) }); rerr != nil {
				return fmt.Errorf("%w (à partir de la ligne %d)", rerr, start+1)
			}
			return err
		}
	}
	return nil
}

// execEach runs one prepared statement over n rows.
func execEach(tx *sql.Tx, query string, n int, args func(i int) []any) error {
	st, err := tx.Prepare(query)
	if err != nil {
		return err
	}
	defer st.Close()
	for i := 0; i < n; i++ {
		if _, err := st.Exec(args(i)...); err != nil {
			return fmt.Errorf("%s (ligne %d) : %w", query[:min(len(query), 40)], i+1, err)
		}
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func insertMeta(tx *sql.Tx, d ReferenceData) error {
	kv := append(directoryMeta(d), [2]string{MetaFingerprint, d.Fingerprint}, [2]string{MetaCatalogueVersion, d.Catalogue.Version})
	return insertMetaRows(tx, kv)
}

// directoryMeta is the metadata that changes with the directory.
func directoryMeta(d ReferenceData) [][2]string {
	return [][2]string{
		{MetaOrigin, d.Origin},
		{MetaDirectoryVersion, d.Directory.Version},
		{MetaDirectoryDate, d.Directory.Date},
		{MetaDirectoryLabel, d.Directory.Label},
		{MetaDirectorySource, d.Directory.Source},
		{MetaDirectoryIndicative, fmt.Sprint(boolInt(d.Directory.Indicative))},
		{MetaDirectorySHA256, d.DirectorySHA256},
	}
}

func insertMetaRows(tx *sql.Tx, kv [][2]string) error {
	return exec(tx, "INSERT INTO meta(key, value) VALUES (?, ?)", len(kv), func(i int) []any {
		return []any{kv[i][0], kv[i][1]}
	})
}

func insertDepartements(tx *sql.Tx, d ReferenceData) error {
	return exec(tx, `INSERT INTO departements(code, name, region_code, region_name, label_lon, label_lat, shape, land)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, len(d.Departements), func(i int) []any {
		x := d.Departements[i]
		shape, _ := wkb.Marshal(x.Shape)
		land := make([]string, len(x.Land))
		for j, l := range x.Land {
			land[j] = strconv.Itoa(l)
		}
		return []any{x.Code, x.Name, x.RegionCode, x.RegionName, x.Label.Lon(), x.Label.Lat(), shape, strings.Join(land, ",")}
	})
}

func insertCollectivites(tx *sql.Tx, d ReferenceData) error {
	return exec(tx, "INSERT INTO collectivites(code, name) VALUES (?, ?)", len(d.Collectivites), func(i int) []any {
		return []any{d.Collectivites[i].Code, d.Collectivites[i].Name}
	})
}

func insertCommunes(tx *sql.Tx, d ReferenceData) error {
	return exec(tx, `INSERT INTO communes(insee, name, dept, kind, parent, population, lon, lat, approx, pos_source)
		VALUES (?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?)`, len(d.Communes), func(i int) []any {
		c := d.Communes[i]
		var lon, lat any
		if c.Located() {
			lon, lat = c.Pos.Lon(), c.Pos.Lat()
		}
		return []any{c.INSEE, c.Name, c.Dept, string(c.Kind), c.Parent, c.Population, lon, lat, boolInt(c.Approx), c.PosSource}
	})
}

func insertPostcodes(tx *sql.Tx, d ReferenceData) error {
	return exec(tx, "INSERT INTO postcodes(postcode, insee, source) VALUES (?, ?, ?)", len(d.Postcodes), func(i int) []any {
		p := d.Postcodes[i]
		return []any{p.Code, p.INSEE, string(p.Source)}
	})
}

func insertCatalogue(tx *sql.Tx, d ReferenceData) error {
	fams := d.Catalogue.Families
	if err := exec(tx, "INSERT INTO families(id, name_fr, name_en, position) VALUES (?, ?, ?, ?)", len(fams), func(i int) []any {
		return []any{fams[i].ID, fams[i].NameFR, fams[i].NameEN, i}
	}); err != nil {
		return err
	}
	procs := d.Catalogue.Procedures
	if err := exec(tx, `INSERT INTO procedures(id, family, name_fr, name_en, status, emergency, position, sheet)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, len(procs), func(i int) []any {
		p := procs[i]
		sheet, _ := json.Marshal(p)
		return []any{p.ID, p.Family, p.NameFR, p.NameEN, string(p.Status), boolInt(p.Emergency), i, string(sheet)}
	}); err != nil {
		return err
	}
	type pf struct {
		proc, fam string
		main      bool
	}
	var links []pf
	for _, p := range procs {
		for j, f := range p.Families() {
			links = append(links, pf{p.ID, f, j == 0})
		}
	}
	return exec(tx, "INSERT INTO procedure_families(procedure, family, main) VALUES (?, ?, ?)", len(links), func(i int) []any {
		return []any{links[i].proc, links[i].fam, boolInt(links[i].main)}
	})
}

func insertDirectory(tx *sql.Tx, d ReferenceData) error {
	cs := d.Directory.Centres
	if err := exec(tx, `INSERT INTO centres(id, name, category, sector, insee, dept, lon, lat, address, postcode,
		phone, email, mssante, website, finess, city_label, contact_source, pos_note, source, checked_on)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, len(cs), func(i int) []any {
		c := cs[i]
		return []any{c.ID, c.Name, c.Category, string(c.Sector), c.INSEE, c.Dept, c.Pos.Lon(), c.Pos.Lat(),
			c.Address, c.Postcode, c.Phone, c.Email, c.MSSante, c.Website, c.FINESS, c.CityLabel, c.ContactSource, c.PosNote,
			c.Source, c.CheckedOn}
	}); err != nil {
		return err
	}
	type co struct {
		centre string
		model.Offer
	}
	var offers []co
	for _, c := range cs {
		for _, o := range c.Offers {
			offers = append(offers, co{c.ID, o})
		}
	}
	type ca struct {
		centre   string
		position int
		model.Authorisation
	}
	var auths []ca
	for _, c := range cs {
		for i, a := range c.Authorisations {
			auths = append(auths, ca{c.ID, i, a})
		}
	}
	if err := exec(tx, `INSERT INTO authorisations(centre, position, activity, mention, practice, number, register_id,
		start, end, state, source, feed_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, len(auths), func(i int) []any {
		a := auths[i]
		return []any{a.centre, a.position, a.Activity, string(a.Mention), string(a.Practice), a.Number, a.RegisterID,
			a.Start, a.End, a.State, a.Source, a.FeedDate}
	}); err != nil {
		return err
	}
	return exec(tx, `INSERT INTO offers(centre, procedure, origin, reason, source, checked_on, review) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		len(offers), func(i int) []any {
			o := offers[i]
			return []any{o.centre, o.ProcedureID, string(o.Origin), o.Reason, o.Source, o.CheckedOn, o.Review}
		})
}

// Reference is an open, checked reference database.
type Reference struct {
	db   *sql.DB
	path string
}

// OpenReference opens an existing reference.db after checking it. A file
// that is missing, damaged, foreign or of another schema version is
// reported with an *model.OpenError and left untouched; the caller rebuilds it.
func OpenReference(path string) (*Reference, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, openProblem(path, err)
	}
	db, version, err := openChecked(path, referenceSchema)
	if err != nil {
		return nil, err
	}
	switch {
	case version > 0 && version < referenceSchema.version():
		db.Close()
		return nil, &model.OpenError{Path: path, Problem: model.OlderSchema, Detail: fmt.Sprintf("schéma %d, cette version utilise le schéma %d", version, referenceSchema.version())}
	case version != referenceSchema.version():
		db.Close()
		return nil, &model.OpenError{Path: path, Problem: model.Corrupt, Detail: fmt.Sprintf("schéma %d au lieu de %d", version, referenceSchema.version())}
	}
	db.SetMaxOpenConns(maxConns)
	return &Reference{db: db, path: path}, nil
}

// Close closes the database.
func (r *Reference) Close() error { return r.db.Close() }

// DB exposes the connection to the query packages built on this store.
func (r *Reference) DB() *sql.DB { return r.db }

// Meta returns one metadata value, or "" when it is absent.
func (r *Reference) Meta(key string) (string, error) {
	return queryText(r.db, "SELECT value FROM meta WHERE key = ?", key)
}

// Counts counts the rows of each reference table.
func (r *Reference) Counts() (model.Counts, error) {
	var c model.Counts
	err := r.db.QueryRow(`SELECT
		(SELECT count(*) FROM departements),
		(SELECT count(*) FROM collectivites),
		(SELECT count(*) FROM communes WHERE kind = 'commune'),
		(SELECT count(*) FROM communes WHERE kind = 'arrondissement'),
		(SELECT count(DISTINCT postcode) FROM postcodes),
		(SELECT count(*) FROM families),
		(SELECT count(*) FROM procedures),
		(SELECT count(*) FROM centres),
		(SELECT count(*) FROM offers),
		(SELECT count(DISTINCT centre) FROM authorisations WHERE activity = 'QA030' AND state = 'active')`).Scan(
		&c.Departements, &c.Collectivites, &c.Communes, &c.Arrondissements, &c.Postcodes,
		&c.Families, &c.Procedures, &c.Centres, &c.Offers, &c.Authorised)
	return c, err
}

// IntegrityCheck runs SQLite's full integrity and foreign-key checks and
// returns the problems found (none when the database is sound).
func (r *Reference) IntegrityCheck() ([]string, error) {
	var problems []string
	found, err := queryAll(r.db, "PRAGMA integrity_check", scanString)
	if err != nil {
		return nil, err
	}
	for _, s := range found {
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	broken, err := queryAll(r.db, "PRAGMA foreign_key_check", func(s scanner) (string, error) {
		var table, parent string
		var rowid sql.NullInt64
		var idx int
		err := s.Scan(&table, &rowid, &parent, &idx)
		return fmt.Sprintf("référence cassée de %s vers %s", table, parent), err
	})
	if err != nil {
		return nil, err
	}
	problems = append(problems, broken...)
	var orphans int
	if err := r.db.QueryRow(`SELECT count(*) FROM communes WHERE dept NOT IN
		(SELECT code FROM departements UNION ALL SELECT code FROM collectivites)`).Scan(&orphans); err != nil {
		return nil, err
	}
	if orphans > 0 {
		problems = append(problems, fmt.Sprintf("%d communes rattachées à un département inconnu", orphans))
	}
	return problems, nil
}

// Procedures returns the whole catalogue's procedures, in catalogue order.
func (r *Reference) Procedures() ([]model.Procedure, error) {
	return queryAll(r.db, "SELECT sheet FROM procedures ORDER BY position", func(s scanner) (model.Procedure, error) {
		var sheet string
		var p model.Procedure
		if err := s.Scan(&sheet); err != nil {
			return p, err
		}
		return p, json.Unmarshal([]byte(sheet), &p)
	})
}
