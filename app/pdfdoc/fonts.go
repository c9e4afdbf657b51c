package pdfdoc

import (
	"atlasri/resources"
	"fmt"
	"sync"

	"github.com/signintech/gopdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Face is one of the three type faces a document uses.
type Face int

// Faces.
const (
	Regular Face = iota
	Bold
	Italic
	numFaces
)

// family is the name a face is registered under in the PDF writer.
func (f Face) family() string {
	switch f {
	case Bold:
		return "NotoSans-Bold"
	case Italic:
		return "NotoSans-Italic"
	}
	return "NotoSans"
}

// metrics measures text with a face's horizontal advances, so that the
// layout is the same in the PDF and in the preview image.
type metrics struct {
	font    *sfnt.Font
	upem    float64
	ascent  float64 // per point of font size
	descent float64 // positive, per point of font size
	mu      sync.Mutex
	buf     sfnt.Buffer
	advance map[rune]float64 // per point of font size; -1 when the glyph is missing
}

type fontSet struct {
	faces     [numFaces]*metrics
	container *gopdf.FontContainer
}

var (
	fontsOnce sync.Once
	fonts     *fontSet
	fontsErr  error
)

// loadFonts parses the three faces once per process.
func loadFonts() (*fontSet, error) {
	fontsOnce.Do(func() {
		fs := &fontSet{container: &gopdf.FontContainer{}}
		noto := resources.Fonts()
		srcs := [numFaces][]byte{Regular: noto.Regular, Bold: noto.Bold, Italic: noto.Italic}
		for f, data := range srcs {
			m, err := newMetrics(data)
			if err != nil {
				fontsErr = fmt.Errorf("police %s illisible : %w", Face(f).family(), err)
				return
			}
			fs.faces[f] = m
			if err := fs.container.AddTTFFontData(Face(f).family(), data); err != nil {
				fontsErr = fmt.Errorf("police %s refusée par le générateur PDF : %w", Face(f).family(), err)
				return
			}
		}
		fonts = fs
	})
	return fonts, fontsErr
}

func newMetrics(data []byte) (*metrics, error) {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, err
	}
	m := &metrics{font: f, upem: float64(f.UnitsPerEm()), advance: map[rune]float64{}}
	ppem := fixed.Int26_6(f.UnitsPerEm()) << 6
	fm, err := f.Metrics(&m.buf, ppem, font.HintingNone)
	if err != nil {
		return nil, err
	}
	m.ascent = float64(fm.Ascent) / 64 / m.upem
	m.descent = float64(fm.Descent) / 64 / m.upem
	// Latin-1, Latin Extended-A (œ, Œ) and general punctuation cover French
	// text; measure them up front so that layout rarely takes the lock.
	for r := rune(0x20); r < 0x180; r++ {
		m.lookup(r)
	}
	for r := rune(0x2010); r < 0x2040; r++ {
		m.lookup(r)
	}
	m.lookup('€')
	return m, nil
}

// lookup returns the advance of r per point of font size, or -1 when the
// font has no glyph for it. The caller holds mu or is the constructor.
func (m *metrics) lookup(r rune) float64 {
	if a, ok := m.advance[r]; ok {
		return a
	}
	a := -1.0
	if gi, err := m.font.GlyphIndex(&m.buf, r); err == nil && gi != 0 {
		ppem := fixed.Int26_6(m.font.UnitsPerEm()) << 6
		if adv, err := m.font.GlyphAdvance(&m.buf, gi, ppem, font.HintingNone); err == nil {
			a = float64(adv) / 64 / m.upem
		}
	}
	m.advance[r] = a
	return a
}

// has reports whether the face can draw r.
func (m *metrics) has(r rune) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.lookup(r) >= 0
}

// width returns the width of s at size points. Runes without a glyph must
// have been replaced by sanitize beforehand.
func (m *metrics) width(s string, size float64) float64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	w := 0.0
	for _, r := range s {
		if a := m.lookup(r); a > 0 {
			w += a
		}
	}
	return w * size
}
