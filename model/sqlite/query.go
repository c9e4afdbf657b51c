package sqlite

import (
	"database/sql"
	"errors"
)

// scanner is what a scan function reads one row from (*sql.Rows).
type scanner interface {
	Scan(dest ...any) error
}

// queryAll runs query and turns each row into a T with scan, in the
// query's order. The result is nil when there is no row.
func queryAll[T any](db *sql.DB, query string, scan func(scanner) (T, error), args ...any) ([]T, error) {
	return queryAllSized(db, 0, query, scan, args...)
}

// queryAllSized is queryAll for a result of about n rows: the slice is
// made that size at once, rather than grown with a quarter of slack (the
// search engine keeps the 35,000 communes for the whole session).
func queryAllSized[T any](db *sql.DB, n int, query string, scan func(scanner) (T, error), args ...any) ([]T, error) {
	rows, err := db.Query(query, args...)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var out []T
	if n > 0 {
		out = make([]T, 0, n)
	}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, classify(err)
		}
		out = append(out, v)
	}
	return out, classify(rows.Err())
}

// withLimit appends a LIMIT clause to query when limit is positive (0
// means all rows), with its argument.
func withLimit(query string, limit int) (string, []any) {
	if limit > 0 {
		return query + " LIMIT ?", []any{limit}
	}
	return query, nil
}

// scanString reads a row of one text column.
func scanString(s scanner) (string, error) {
	var v string
	err := s.Scan(&v)
	return v, err
}

// queryText reads the one text value query finds, or "" when it finds no
// row: an unset setting, meta key or note is empty, not an error.
func queryText(db *sql.DB, query string, args ...any) (string, error) {
	var v string
	err := db.QueryRow(query, args...).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, classify(err)
}
