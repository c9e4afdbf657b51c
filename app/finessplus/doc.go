// Package finessplus reads the national register's daily JSON feeds
// (FINESS+, published on data.gouv.fr under the Licence Ouverte):
// « FINESS – Activités », the authorised activities of each legal entity
// and of each of its sites, and « FINESS – Structures », the legal
// entities and their sites with addresses, phones and positions.
//
// The national files are large: they are read as streams, one legal
// entity at a time, never whole. The reader accepts what the published
// samples do besides their own schema (the header at the top level
// instead of in « metadata », explicit nulls, numbers written as strings
// or not, CRLF line ends, a byte-order mark) and reports anything it
// cannot read with the file, line and column, in French.
package finessplus
