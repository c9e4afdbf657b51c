// Package install replaces the directory of centres in a data folder:
// from a signed package, a JSON or a CSV file. Prepare checks everything
// and works out what would change without touching anything (a dry run is
// just Prepare); Apply then installs it so that a crash or a kill at any
// moment leaves either the previous directory or the new one, whole.
//
// The data folder keeps the last good imported directory as annuaire.json
// (the exchange format, normalised, with its provenance). It is the commit
// point of an install and the source of truth for an imported directory:
// app.Open rebuilds reference.db from it when reference.db is damaged,
// lags behind it (an install killed between the two renames), or was built
// from the embedded data of another release.
package install
