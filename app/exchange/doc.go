// Package exchange reads, checks and writes Atlas RI's open exchange format
// for the directory of centres (docs/FORMAT.md): a JSON file and a flat CSV
// file that a spreadsheet can produce, plus vCard 4.0 cards for a practice's
// address book.
//
// Reading is in two steps. Parse reads a file into a File, keeping where
// every value was read (line, column), and reports syntax and encoding
// problems. Resolve then checks every value against the geography and the
// procedure catalogue, finds each centre's commune, and builds the
// model.Directory that reference.db is built from. Every problem names the
// file, line and column, in French; warnings are reported without blocking.
package exchange
