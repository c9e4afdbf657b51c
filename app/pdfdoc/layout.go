package pdfdoc

import (
	"fmt"
	"image"
	"image/color"
	"strings"
)

// Align is a paragraph's horizontal alignment.
type Align int

// Alignments.
const (
	Left Align = iota
	Right
	Center
)

// Style is how a paragraph is set.
type Style struct {
	Face    Face
	Size    float64 // points
	Leading float64 // line height as a multiple of Size; 0 means 1.3
	Color   color.RGBA
	Align   Align
	Indent  float64 // from the left edge of the text area, points
	// SpaceBefore and SpaceAfter are vertical gaps in points.
	SpaceBefore, SpaceAfter float64
}

func (s Style) lineHeight() float64 {
	l := s.Leading
	if l == 0 {
		l = 1.3
	}
	return s.Size * l
}

func (s Style) color() color.RGBA {
	if s.Color.A == 0 {
		return Black
	}
	return s.Color
}

// Span is a piece of a paragraph's text. Spans without Own take the
// paragraph's face; Muted spans are drawn grey (used for "à confirmer").
type Span struct {
	Text  string
	Face  Face
	Own   bool
	Muted bool
}

// T is plain text in the paragraph's face.
func T(s string) Span { return Span{Text: s} }

// B is bold text.
func B(s string) Span { return Span{Text: s, Face: Bold, Own: true} }

// I is italic text.
func I(s string) Span { return Span{Text: s, Face: Italic, Own: true} }

// Muted is grey italic text.
func Muted(s string) Span { return Span{Text: s, Face: Italic, Own: true, Muted: true} }

// Options are a document's page furniture.
type Options struct {
	// Margins in points; zero values get 20 mm sides, 18 mm top, 22 mm bottom.
	Top, Bottom, Left, Right float64
	Info                     Info
	// Footer is printed at the bottom left of every page.
	Footer string
	// PageNumbers prints "Page n/N" at the bottom right when there is more
	// than one page.
	PageNumbers bool
	// Continuation is printed at the top of every page after the first
	// (a letter names its patient on every sheet).
	Continuation string
}

// Builder lays out a document from top to bottom, breaking pages as the
// text flows.
type Builder struct {
	opts  Options
	fonts *fontSet
	pages []Page
	y     float64
}

// New starts a document on its first page.
func New(opts Options) (*Builder, error) {
	fs, err := loadFonts()
	if err != nil {
		return nil, err
	}
	if opts.Top == 0 {
		opts.Top = MM(18)
	}
	if opts.Bottom == 0 {
		opts.Bottom = MM(22)
	}
	if opts.Left == 0 {
		opts.Left = MM(20)
	}
	if opts.Right == 0 {
		opts.Right = MM(20)
	}
	b := &Builder{opts: opts, fonts: fs}
	b.NewPage()
	return b, nil
}

// Left is the x of the text area's left edge.
func (b *Builder) Left() float64 { return b.opts.Left }

// Width is the width of the text area.
func (b *Builder) Width() float64 { return PageWidth - b.opts.Left - b.opts.Right }

// Y is where the next paragraph starts.
func (b *Builder) Y() float64 { return b.y }

// SetY moves the cursor, for instance below blocks placed with Place.
func (b *Builder) SetY(y float64) { b.y = y }

// bottom is the lowest y text may reach.
func (b *Builder) bottom() float64 { return PageHeight - b.opts.Bottom }

// Remaining is the height left on the current page.
func (b *Builder) Remaining() float64 { return b.bottom() - b.y }

// Pages is the number of pages so far.
func (b *Builder) Pages() int { return len(b.pages) }

// NewPage starts a new page.
func (b *Builder) NewPage() {
	b.pages = append(b.pages, Page{})
	b.y = b.opts.Top
	if len(b.pages) > 1 && b.opts.Continuation != "" {
		st := Style{Face: Italic, Size: 8.5, Color: Gray}
		b.y = b.place(b.opts.Left, b.y, b.Width(), st, []Span{T(b.opts.Continuation)}, false)
		b.hline(b.opts.Left, b.opts.Left+b.Width(), b.y+2, 0.4, Rule)
		b.y += MM(6)
	}
}

// EnsureSpace starts a new page unless h points are left on this one.
func (b *Builder) EnsureSpace(h float64) {
	if b.Remaining() < h && b.y > b.opts.Top+MM(10) {
		b.NewPage()
	}
}

// Space adds vertical space; when it does not fit, a new page starts
// instead, so that no page begins with a gap.
func (b *Builder) Space(h float64) {
	if b.y+h > b.bottom() {
		b.NewPage()
		return
	}
	b.y += h
}

// Paragraph sets wrapped text at the cursor, breaking pages as needed.
func (b *Builder) Paragraph(st Style, spans ...Span) {
	b.Space(st.SpaceBefore)
	b.y = b.place(b.opts.Left+st.Indent, b.y, b.Width()-st.Indent, st, spans, true)
	b.y += st.SpaceAfter
}

// Checkbox sets an item with a box in front, ticked or not, and the text
// hanging after the box.
func (b *Builder) Checkbox(st Style, checked bool, spans ...Span) {
	b.marked(st, func(x, baseline float64) {
		side := st.Size * 0.78
		top := baseline - side + st.Size*0.08
		b.add(Op{Kind: OpRect, X: x, Y: top, W: side, H: side, Stroke: 0.7, Color: st.color()})
		if checked {
			xs := st.Size * 0.8
			w := b.fonts.faces[Bold].width("X", xs)
			b.add(Op{Kind: OpText, X: x + (side-w)/2, Y: top + side*0.5 + xs*0.36, Face: Bold, Size: xs, Text: "X", Color: st.color()})
		}
	}, st.Size*1.25, spans)
}

// Bullet sets an item with a bullet in front.
func (b *Builder) Bullet(st Style, spans ...Span) {
	b.marked(st, func(x, baseline float64) {
		b.add(Op{Kind: OpText, X: x + st.Size*0.15, Y: baseline, Face: Regular, Size: st.Size, Text: "•", Color: st.color()})
	}, st.Size*1.0, spans)
}

// marked sets a paragraph with a mark drawn before its first line.
func (b *Builder) marked(st Style, mark func(x, baseline float64), markWidth float64, spans []Span) {
	b.Space(st.SpaceBefore)
	lines := b.wrap(st, spans, b.Width()-st.Indent-markWidth)
	x := b.opts.Left + st.Indent
	for i, ln := range lines {
		baseline := b.nextLine(st)
		if i == 0 {
			mark(x, baseline)
		}
		b.drawLine(ln, st, x+markWidth, b.Width()-st.Indent-markWidth, baseline)
	}
	b.y += st.SpaceAfter
}

// nextLine reserves one line at the cursor, breaking the page first if it
// does not fit, and returns its baseline.
func (b *Builder) nextLine(st Style) float64 {
	lh := st.lineHeight()
	if b.y+lh > b.bottom() {
		b.NewPage()
	}
	baseline := b.baseline(st, b.y)
	b.y += lh
	return baseline
}

func (b *Builder) baseline(st Style, top float64) float64 {
	m := b.fonts.faces[st.Face]
	return top + (st.lineHeight()-st.Size*(m.ascent+m.descent))/2 + st.Size*m.ascent
}

// Place sets wrapped text in a box at (x, y) on the current page without
// moving the cursor, and returns the y below it. It never breaks pages:
// it is for letterheads and address blocks.
func (b *Builder) Place(x, y, width float64, st Style, spans ...Span) float64 {
	return b.place(x, y, width, st, spans, false)
}

// Measure returns the height a paragraph would take at the given width.
func (b *Builder) Measure(st Style, width float64, spans ...Span) float64 {
	return float64(len(b.wrap(st, spans, width)))*st.lineHeight() + st.SpaceBefore + st.SpaceAfter
}

// TextWidth returns the width of s in the given face and size.
func (b *Builder) TextWidth(face Face, size float64, s string) float64 {
	return b.fonts.faces[face].width(b.sanitize(face, s), size)
}

// Image places an image W×H points at the cursor, on a new page when it
// does not fit, and moves the cursor below it.
func (b *Builder) Image(img image.Image, w, h float64) {
	b.EnsureSpace(h)
	b.add(Op{Kind: OpImage, X: b.opts.Left, Y: b.y, W: w, H: h, Image: img})
	b.y += h
}

// ImageAt places an image W×H points with its top left corner at x, y on
// the current page, without moving the cursor.
func (b *Builder) ImageAt(img image.Image, x, y, w, h float64) {
	b.add(Op{Kind: OpImage, X: x, Y: y, W: w, H: h, Image: img})
}

// HLine draws a horizontal rule across the text area at the cursor.
func (b *Builder) HLine(width float64, c color.RGBA) {
	b.hline(b.opts.Left, b.opts.Left+b.Width(), b.y, width, c)
}

func (b *Builder) hline(x1, x2, y, width float64, c color.RGBA) {
	b.add(Op{Kind: OpLine, X: x1, Y: y, X2: x2, Y2: y, Stroke: width, Color: c})
}

func (b *Builder) place(x, y, width float64, st Style, spans []Span, flow bool) float64 {
	for _, ln := range b.wrap(st, spans, width) {
		if flow {
			b.y = y
			baseline := b.nextLine(st)
			y = b.y
			b.drawLine(ln, st, x, width, baseline)
			continue
		}
		b.drawLine(ln, st, x, width, b.baseline(st, y))
		y += st.lineHeight()
	}
	return y
}

func (b *Builder) add(op Op) {
	p := &b.pages[len(b.pages)-1]
	p.Ops = append(p.Ops, op)
}

// drawLine emits a line's text runs, merging words of the same look.
func (b *Builder) drawLine(ln line, st Style, x, width, baseline float64) {
	if len(ln) == 0 {
		return
	}
	total := 0.0
	for i, w := range ln {
		if i > 0 && w.space {
			total += b.fonts.faces[w.face].width(" ", st.Size)
		}
		total += w.width
	}
	switch st.Align {
	case Right:
		x += width - total
	case Center:
		x += (width - total) / 2
	}
	var run strings.Builder
	runX, runW := x, 0.0
	cur := ln[0]
	emit := func() {
		if run.Len() == 0 {
			return
		}
		c := st.color()
		if cur.muted {
			c = Gray
		}
		b.add(Op{Kind: OpText, X: runX, Y: baseline, Face: cur.face, Size: st.Size, Text: run.String(), Color: c})
		runX += runW
		run.Reset()
		runW = 0
	}
	for i, w := range ln {
		gap := ""
		gapW := 0.0
		if i > 0 && w.space {
			gap, gapW = " ", b.fonts.faces[w.face].width(" ", st.Size)
		}
		if w.face != cur.face || w.muted != cur.muted {
			emit()
			runX += gapW
			gap, gapW = "", 0
			cur = w
		}
		run.WriteString(gap)
		run.WriteString(w.text)
		runW += gapW + w.width
	}
	emit()
}

// Finish adds footers and page numbers and returns the document.
func (b *Builder) Finish() *Document {
	n := len(b.pages)
	st := Style{Face: Regular, Size: 8, Color: Gray}
	y := PageHeight - b.opts.Bottom + MM(9)
	for i := range b.pages {
		b.pages[i].Ops = append(b.pages[i].Ops, Op{Kind: OpLine, X: b.opts.Left, Y: y - MM(4), X2: b.opts.Left + b.Width(), Y2: y - MM(4), Stroke: 0.4, Color: Rule})
		if b.opts.Footer != "" {
			b.pages[i].Ops = append(b.pages[i].Ops, Op{Kind: OpText, X: b.opts.Left, Y: y, Face: st.Face, Size: st.Size, Text: b.sanitize(st.Face, b.opts.Footer), Color: st.Color})
		}
		if b.opts.PageNumbers && n > 1 {
			label := fmt.Sprintf("Page %d/%d", i+1, n)
			w := b.fonts.faces[st.Face].width(label, st.Size)
			b.pages[i].Ops = append(b.pages[i].Ops, Op{Kind: OpText, X: b.opts.Left + b.Width() - w, Y: y, Face: st.Face, Size: st.Size, Text: label, Color: st.Color})
		}
	}
	return &Document{Pages: b.pages, Info: b.opts.Info}
}
