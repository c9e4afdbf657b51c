// Package listdoc lays out the printed list of centres: the map with its
// numbered markers, then the same numbers in a list with each centre's
// commune, distance and matching procedures, so the paper matches the
// screen.
package listdoc

import (
	"fmt"
	"image"
	"strings"

	"atlasri/app/pdfdoc"
)

// Row is one numbered centre of the list.
type Row struct {
	Number     int
	Name       string
	Place      string // "Angers (49)"
	Distance   string // "54 km", empty without a search point
	Procedures []string
	// Caveat says what backs the procedures when the centre did not
	// declare them (« offre indicative, à confirmer auprès du centre »).
	Caveat  string
	Contact string // phone or address when known
}

// List is what the printout shows.
type List struct {
	Title    string // "Embolisation des fibromes utérins"
	Subtitle string // "autour de Cholet (49), à moins de 50 km"
	Date     string // "26/11/2026"
	Notice   string // the directory's "indicative" label, if any
	Summary  string // the window's sentence about the result
	Map      image.Image
	Rows     []Row
}

var (
	titleStyle = pdfdoc.Style{Face: pdfdoc.Bold, Size: 15, Leading: 1.25, SpaceAfter: 1}
	subStyle   = pdfdoc.Style{Face: pdfdoc.Regular, Size: 10, Color: pdfdoc.Gray, SpaceAfter: 4}
	noteStyle  = pdfdoc.Style{Face: pdfdoc.Italic, Size: 8.5, Leading: 1.3, Color: pdfdoc.Red, SpaceAfter: 4}
	bodyStyle  = pdfdoc.Style{Face: pdfdoc.Regular, Size: 9.5, Leading: 1.3, SpaceAfter: 4}
	nameStyle  = pdfdoc.Style{Face: pdfdoc.Bold, Size: 10, Leading: 1.3, SpaceBefore: 5}
	lineStyle  = pdfdoc.Style{Face: pdfdoc.Regular, Size: 9, Leading: 1.3, Indent: 22}
)

// Document lays the list out on A4 pages.
func (l List) Document() (*pdfdoc.Document, error) {
	b, err := pdfdoc.New(pdfdoc.Options{
		Info:        pdfdoc.Info{Title: "Atlas RI : " + l.Title, Author: "Atlas RI", Subject: l.Subtitle},
		Footer:      "Atlas RI · liste imprimée le " + l.Date + " · distances à vol d'oiseau",
		PageNumbers: true,
	})
	if err != nil {
		return nil, err
	}
	b.Paragraph(titleStyle, pdfdoc.T(l.Title))
	if l.Subtitle != "" {
		b.Paragraph(subStyle, pdfdoc.T(l.Subtitle))
	}
	if l.Notice != "" {
		b.Paragraph(noteStyle, pdfdoc.T(l.Notice))
	}
	if l.Map != nil {
		w := b.Width()
		h := w * float64(l.Map.Bounds().Dy()) / float64(l.Map.Bounds().Dx())
		b.Image(l.Map, w, h)
		b.Space(4)
	}
	if l.Summary != "" {
		b.Paragraph(bodyStyle, pdfdoc.T(l.Summary))
	}
	for _, r := range l.Rows {
		head := []pdfdoc.Span{pdfdoc.T(fmt.Sprintf("%d. %s", r.Number, r.Name))}
		b.Paragraph(nameStyle, head...)
		where := r.Place
		if r.Distance != "" {
			where += " · " + r.Distance
		}
		if r.Contact != "" {
			where += " · " + r.Contact
		}
		b.Paragraph(lineStyle, pdfdoc.T(where))
		if len(r.Procedures) > 0 {
			spans := []pdfdoc.Span{pdfdoc.T(strings.Join(r.Procedures, " ; "))}
			if r.Caveat != "" {
				spans = append(spans, pdfdoc.Muted(" ("+r.Caveat+")"))
			}
			b.Paragraph(lineStyle, spans...)
		}
	}
	return b.Finish(), nil
}
