// Package e2e is the real-input suite of Atlas RI's window. It builds the
// program, starts it on a virtual X server (Xvfb) at several screen sizes,
// drives it with real key and mouse events (xdotool), and reads back what
// a GP sees: screenshots (ImageMagick), French OCR (tesseract) and the
// state the window dumps when ATLAS_RI_TEST_STATE asks for it.
//
// Fyne's test driver calls widgets directly and skips focus, overlays and
// event routing; only this suite proves that typing and clicking work.
//
// It needs xvfb, xdotool, imagemagick and tesseract-ocr-fra; without them
// it skips, unless ATLAS_RI_E2E=1 (CI), which makes a missing tool an
// error. Screenshots of every step go to ATLAS_RI_E2E_SHOTS (default: a
// folder under the system's temporary folder, printed by the test).
package e2e
