package sqlite

// referenceSchema is built whole into a new file and never migrated in
// place: a reference.db of an older schema is rebuilt from the embedded data
// and the imported directory. Version 2 dropped version 1's FTS5 table,
// which nothing read (the search engine keeps its own index in memory).
// Version 3 added the sites' ARS authorisations and the origin of each
// offer (autorisation, declare, indicatif) in place of « verified ».
var referenceSchema = schema{
	name:  "reference",
	appID: 0x41524952, // "ARIR"
	built: 3,
	create: `
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE departements (
	code        TEXT PRIMARY KEY,
	name        TEXT NOT NULL,
	region_code TEXT NOT NULL,
	region_name TEXT NOT NULL,
	label_lon   REAL NOT NULL,
	label_lat   REAL NOT NULL,
	shape       BLOB NOT NULL, -- WKB MultiPolygon, WGS84
	land        TEXT NOT NULL  -- landmass id of each polygon of shape, comma-separated
) WITHOUT ROWID;

-- Overseas collectivities: they have communes but no outline.
CREATE TABLE collectivites (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL
) WITHOUT ROWID;

-- dept is a département or a collectivity code; lon/lat are NULL for the
-- few communes no source locates (pos_source 'none').
CREATE TABLE communes (
	insee      TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	dept       TEXT NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('commune', 'arrondissement')),
	parent     TEXT,
	population INTEGER NOT NULL,
	lon        REAL,
	lat        REAL,
	approx     INTEGER NOT NULL CHECK (approx IN (0, 1)),
	pos_source TEXT NOT NULL,
	CHECK ((lon IS NULL) = (pos_source = 'none'))
) WITHOUT ROWID;
CREATE INDEX communes_dept ON communes(dept);

CREATE TABLE postcodes (
	postcode TEXT NOT NULL,
	insee    TEXT NOT NULL REFERENCES communes(insee),
	source   TEXT NOT NULL CHECK (source IN ('decoupage', 'codes-postaux', 'both')),
	PRIMARY KEY (postcode, insee)
) WITHOUT ROWID;
CREATE INDEX postcodes_insee ON postcodes(insee);

CREATE TABLE families (
	id       TEXT PRIMARY KEY,
	name_fr  TEXT NOT NULL,
	name_en  TEXT NOT NULL,
	position INTEGER NOT NULL
) WITHOUT ROWID;

-- The whole sheet is kept as JSON; the columns are what queries filter on.
CREATE TABLE procedures (
	id        TEXT PRIMARY KEY,
	family    TEXT NOT NULL REFERENCES families(id),
	name_fr   TEXT NOT NULL,
	name_en   TEXT NOT NULL,
	status    TEXT NOT NULL,
	emergency INTEGER NOT NULL,
	position  INTEGER NOT NULL,
	sheet     TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE procedure_families (
	procedure TEXT NOT NULL REFERENCES procedures(id),
	family    TEXT NOT NULL REFERENCES families(id),
	main      INTEGER NOT NULL,
	PRIMARY KEY (procedure, family)
) WITHOUT ROWID;

CREATE TABLE centres (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	category   TEXT NOT NULL,
	sector     TEXT NOT NULL,
	insee      TEXT NOT NULL REFERENCES communes(insee),
	dept       TEXT NOT NULL REFERENCES departements(code),
	lon        REAL NOT NULL,
	lat        REAL NOT NULL,
	address    TEXT NOT NULL DEFAULT '',
	postcode   TEXT NOT NULL DEFAULT '',
	phone      TEXT NOT NULL DEFAULT '',
	email      TEXT NOT NULL DEFAULT '',
	mssante    TEXT NOT NULL DEFAULT '',
	website    TEXT NOT NULL DEFAULT '',
	finess     TEXT NOT NULL DEFAULT '',
	city_label TEXT NOT NULL DEFAULT '', -- La Poste routing label of the address
	contact_source TEXT NOT NULL DEFAULT '', -- register the address and phone come from
	pos_note   TEXT NOT NULL DEFAULT '', -- why the position is approximate; '' = the building's
	source     TEXT NOT NULL,
	checked_on TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX centres_dept ON centres(dept);

-- A site's ARS authorisations, from the national register (FINESS+).
CREATE TABLE authorisations (
	centre      TEXT NOT NULL REFERENCES centres(id),
	position    INTEGER NOT NULL,
	activity    TEXT NOT NULL,
	mention     TEXT NOT NULL,
	practice    TEXT NOT NULL DEFAULT '' CHECK (practice IN ('', 'a', 'b')),
	number      TEXT NOT NULL DEFAULT '',
	register_id TEXT NOT NULL DEFAULT '',
	start       TEXT NOT NULL DEFAULT '',
	end         TEXT NOT NULL DEFAULT '',
	state       TEXT NOT NULL CHECK (state IN ('active', 'inactive')),
	source      TEXT NOT NULL,
	feed_date   TEXT NOT NULL,
	PRIMARY KEY (centre, position)
) WITHOUT ROWID;

CREATE TABLE offers (
	centre     TEXT NOT NULL REFERENCES centres(id),
	procedure  TEXT NOT NULL REFERENCES procedures(id),
	origin     TEXT NOT NULL CHECK (origin IN ('autorisation', 'declare', 'indicatif')),
	reason     TEXT NOT NULL DEFAULT '',
	source     TEXT NOT NULL DEFAULT '',
	checked_on TEXT NOT NULL DEFAULT '',
	review     TEXT NOT NULL DEFAULT '', -- a declared offer beyond the site's mention
	PRIMARY KEY (centre, procedure)
) WITHOUT ROWID;
CREATE INDEX offers_procedure ON offers(procedure);
`,
}
