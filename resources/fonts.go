package resources

import _ "embed" // the font files

// The Noto Sans faces the documents (letters, sheets, lists) and the
// exported maps are set in, under the SIL Open Font License 1.1
// (fonts/OFL.txt, credited in NOTICE). They are the files Fyne bundles for
// its own theme, copied here so that nothing below the window imports
// Fyne to get them.
var (
	//go:embed fonts/NotoSans-Regular.ttf
	notoRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	notoBold []byte
	//go:embed fonts/NotoSans-Italic.ttf
	notoItalic []byte
)

// FontSet is the TrueType data of the three faces.
type FontSet struct {
	Regular, Bold, Italic []byte
}

// Fonts returns the embedded faces. The slices are shared: callers must
// not modify them.
func Fonts() FontSet { return FontSet{Regular: notoRegular, Bold: notoBold, Italic: notoItalic} }
