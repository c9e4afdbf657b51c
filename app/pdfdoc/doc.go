// Package pdfdoc lays out A4 documents (referral letters, information
// sheets) once, as positioned text runs and rules, then writes them as PDF
// with embedded TrueType fonts or draws them as images for an on-screen
// preview. Both outputs come from the same layout, so what the preview
// shows is what prints.
//
// Coordinates are PDF points (1/72 inch) from the top-left corner of the
// page; MM converts millimetres.
package pdfdoc

import (
	"image"
	"image/color"
)

// A4 page size in points.
const (
	PageWidth  = 595.28
	PageHeight = 841.89
)

// MM converts millimetres to points.
func MM(v float64) float64 { return v * 72 / 25.4 }

// Colours used by documents.
var (
	Black = color.RGBA{0x1a, 0x1a, 0x1a, 0xff}
	Gray  = color.RGBA{0x5f, 0x63, 0x68, 0xff}
	Rule  = color.RGBA{0x9a, 0xa0, 0xa6, 0xff}
	Red   = color.RGBA{0xa5, 0x1d, 0x1d, 0xff}
	// Accent is a dark blue for headings: distinct from bold labels, and
	// still dark on a black-and-white printer.
	Accent = color.RGBA{0x1f, 0x3a, 0x5f, 0xff}
)

// OpKind says what an Op draws.
type OpKind int

// Op kinds.
const (
	OpText  OpKind = iota // Text at baseline (X, Y)
	OpLine                // a line from (X, Y) to (X2, Y2)
	OpRect                // a rectangle W×H from top-left (X, Y); filled when Stroke is 0
	OpImage               // Image scaled into W×H from top-left (X, Y)
)

// Op is one drawing operation on a page.
type Op struct {
	Kind   OpKind
	X, Y   float64
	X2, Y2 float64
	W, H   float64
	Face   Face
	Size   float64
	Text   string
	Color  color.RGBA
	Stroke float64
	Image  image.Image
}

// Page is one laid-out page.
type Page struct {
	Ops []Op
}

// Info is the PDF's metadata. It must never carry patient data: file
// managers and print queues show it.
type Info struct {
	Title   string
	Author  string
	Subject string
}

// Document is a laid-out document, ready to be written or drawn.
type Document struct {
	Pages []Page
	Info  Info
}

// Text returns the document's text runs, page by page and in drawing order,
// one run per line. It is meant for tests and debugging, not for display.
func (d *Document) Text() []string {
	var out []string
	for _, p := range d.Pages {
		for _, op := range p.Ops {
			if op.Kind == OpText {
				out = append(out, op.Text)
			}
		}
	}
	return out
}
