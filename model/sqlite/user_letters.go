package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"atlasri/model"
)

// SetSettings stores several settings in one transaction, so that an
// identity is never half saved.
func (u *User) SetSettings(values map[string]string) error {
	tx, err := u.db.Begin()
	if err != nil {
		return classify(err)
	}
	for k, v := range values {
		if _, err := tx.Exec("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", k, v); err != nil {
			tx.Rollback()
			return classify(err)
		}
	}
	return classify(tx.Commit())
}

// AddLetter keeps a letter in the history and returns its id.
func (u *User) AddLetter(r model.LetterRecord) (int64, error) {
	if r.Delivery != model.DeliveryPrint && r.Delivery != model.DeliveryPDF {
		return 0, fmt.Errorf("historique : mode d'envoi inconnu %q", r.Delivery)
	}
	if !json.Valid(r.Content) {
		return 0, fmt.Errorf("historique : contenu de la lettre illisible")
	}
	res, err := u.exec(`INSERT INTO letter_history(sent_at, centre, centre_name, procedure, procedure_name, delivery, patient, content)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		r.SentAt.UTC().Format(time.RFC3339), r.Centre, r.CentreName, r.Procedure, r.ProcedureName, r.Delivery, r.Patient, string(r.Content))
	if err != nil {
		return 0, fmt.Errorf("historique : enregistrement impossible : %w", err)
	}
	return res.LastInsertId()
}

// Letters returns the history, most recent first; limit 0 means all.
func (u *User) Letters(limit int) ([]model.LetterRecord, error) {
	q, args := withLimit(`SELECT id, sent_at, centre, centre_name, procedure, procedure_name, delivery, patient, content
		FROM letter_history ORDER BY sent_at DESC, id DESC`, limit)
	return queryAll(u.db, q, func(s scanner) (model.LetterRecord, error) {
		var r model.LetterRecord
		var sent, content string
		if err := s.Scan(&r.ID, &sent, &r.Centre, &r.CentreName, &r.Procedure, &r.ProcedureName, &r.Delivery, &r.Patient, &content); err != nil {
			return r, err
		}
		var err error
		if r.SentAt, err = time.Parse(time.RFC3339, sent); err != nil {
			return r, fmt.Errorf("historique : date illisible %q", sent)
		}
		r.Content = json.RawMessage(content)
		return r, nil
	}, args...)
}

// DeleteLetter removes one letter from the history.
func (u *User) DeleteLetter(id int64) error {
	n, err := u.secureDelete("DELETE FROM letter_history WHERE id = ?", id)
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("lettre n° %d %w dans l'historique", id, model.ErrNotFound)
	}
	return nil
}

// ClearLetters empties the history and returns how many letters it held.
func (u *User) ClearLetters() (int64, error) {
	return u.secureDelete("DELETE FROM letter_history")
}

// secureDelete runs a DELETE with SQLite's secure_delete on, so that the
// patient data is overwritten in the file rather than left in free pages,
// then checkpoints the journal so that no copy stays in the WAL file.
func (u *User) secureDelete(query string, args ...any) (int64, error) {
	ctx := context.Background()
	conn, err := u.db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA secure_delete = ON"); err != nil {
		return 0, err
	}
	defer conn.ExecContext(ctx, "PRAGMA secure_delete = OFF")
	res, err := conn.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("historique : suppression impossible : %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return 0, err
	}
	return n, nil
}
