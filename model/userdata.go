package model

import (
	"encoding/json"
	"strings"
	"time"
)

// PracticeIDPrefix starts the id of every centre the practice added itself.
// Directories may not use it, so the practice's centres, and the notes and
// favourites on them, never collide with a directory's centres.
const PracticeIDPrefix = "cabinet-"

// PracticeSource is the source shown for a centre the practice added.
const PracticeSource = "Ajouté par le cabinet"

// PracticeOfferReason labels the procedures the practice says a centre does.
const PracticeOfferReason = "indiqué par le cabinet"

// IsPracticeCentre reports whether id names a centre the practice added.
func IsPracticeCentre(id string) bool { return strings.HasPrefix(id, PracticeIDPrefix) }

// Note is the practice's private note on a centre.
type Note struct {
	Centre    string `json:"centre"`
	Text      string `json:"text"`
	UpdatedAt string `json:"updated_at"`
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

// How a letter left the practice, as the history records it.
const (
	DeliveryPrint = "print"
	DeliveryPDF   = "pdf" // saved as a file: the PDF, or the CDA document that holds it
)

// LetterRecord is one letter kept in the history at the GP's request.
type LetterRecord struct {
	ID            int64
	SentAt        time.Time
	Centre        string // centre id; the centre may later leave the directory
	CentreName    string
	Procedure     string
	ProcedureName string
	Delivery      string // DeliveryPrint or DeliveryPDF
	Patient       string // the patient as named in the letter
	// Content is the letter's input as JSON, enough to show what was sent.
	Content json.RawMessage
}
