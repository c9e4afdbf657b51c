// Package search turns what a GP types into places, procedures and the
// nearest centres, for the window and the command line.
//
// An Engine is built once from reference.db (Load) and answers from
// memory; it never changes afterwards, so goroutines share it freely, and
// each search is fast enough to run on every keystroke:
//
//   - Suggest proposes procedures (by name or GP search word), families
//     and places (communes and arrondissements, postcodes, INSEE codes,
//     départements, overseas collectivities), ranked; accents, case,
//     punctuation, "st"/"saint" and small typos do not matter, and the
//     last word may be unfinished (see package textq).
//   - Locate resolves a place to a point, exact or approximate, listing
//     every candidate of an ambiguous name or shared postcode.
//   - Nearest lists centres by great-circle distance, with filters and
//     the territory rule (territory.go): a patient overseas is first
//     offered the centres of their own island or territory.
//   - CentresInDept, CountsByDept and Coverage serve the map.
//
// Text is matched by an in-memory inverted index (index.go), not by
// SQLite's full-text index (FTS5): FTS5 has no typo tolerance, and the
// in-memory index is faster per keystroke. User text therefore never
// reaches SQL at all.
package search
