package app

import (
	"bytes"
	"fmt"
	"io"

	"atlasri/app/exchange"
	"atlasri/model"
)

// Export formats.
const (
	ExportJSON  = "json"
	ExportCSV   = "csv"
	ExportVCard = "vcard"
)

// ExportFormats lists the formats Export writes.
var ExportFormats = []string{ExportJSON, ExportCSV, ExportVCard}

// Exported is a directory written in an exchange format.
type Exported struct {
	Data    []byte
	Centres int
	// Lost lists what the CSV format could not carry, in French.
	Lost []string
}

// Export writes the installed directory, or only the centres named (the
// practice's own centres included), as JSON, CSV or vCard 4.0.
func (a *Atlas) Export(format string, ids []string) (Exported, error) {
	d, err := a.Directory()
	if err != nil {
		return Exported{}, err
	}
	if len(ids) > 0 {
		if d.Centres, err = a.selectCentres(d.Centres, ids); err != nil {
			return Exported{}, err
		}
	}
	var buf bytes.Buffer
	out := Exported{Centres: len(d.Centres)}
	switch format {
	case ExportJSON:
		err = exchange.WriteJSON(&buf, exchange.FromDirectory(d))
	case ExportCSV:
		out.Lost, err = exchange.WriteCSV(&buf, exchange.FromDirectory(d))
	case ExportVCard:
		err = a.writeVCards(&buf, d)
	default:
		err = fmt.Errorf("format inconnu « %s » : json, csv ou vcard", format)
	}
	out.Data = buf.Bytes()
	return out, err
}

// selectCentres keeps the centres named, in the order given; practice
// centres ("cabinet-...") come from user.db.
func (a *Atlas) selectCentres(all []model.Centre, ids []string) ([]model.Centre, error) {
	byID := map[string]model.Centre{}
	for _, c := range all {
		byID[c.ID] = c
	}
	var out []model.Centre
	for _, id := range ids {
		c, ok := byID[id]
		if !ok && model.IsPracticeCentre(id) {
			var err error
			if c, err = a.user.PracticeCentre(id); err == nil {
				ok = true
			}
		}
		if !ok {
			return nil, fmt.Errorf("centre inconnu « %s » : ni dans l'annuaire, ni parmi les centres du cabinet", id)
		}
		out = append(out, c)
	}
	return out, nil
}

func (a *Atlas) writeVCards(w io.Writer, d model.Directory) error {
	procs, err := a.reference().Procedures()
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, p := range procs {
		names[p.ID] = p.NameFR
	}
	opt := exchange.VCardOptions{Producer: "-//" + Name + "//" + Version + "//FR", Procedures: names}
	if d.Indicative {
		opt.Label = d.Label
	}
	return exchange.WriteVCards(w, d.Centres, opt)
}
