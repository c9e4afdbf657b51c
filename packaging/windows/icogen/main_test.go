package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// readICO parses what writeICO wrote: the entries' sizes and their PNGs.
func readICO(t *testing.T, b []byte) map[int]image.Image {
	t.Helper()
	le := binary.LittleEndian
	if len(b) < 6 || le.Uint16(b[0:]) != 0 || le.Uint16(b[2:]) != 1 {
		t.Fatalf("not an icon header: % x", b[:min(len(b), 6)])
	}
	n := int(le.Uint16(b[4:]))
	out := map[int]image.Image{}
	for i := range n {
		e := b[6+16*i:]
		size := int(e[0])
		if size == 0 {
			size = 256
		}
		if int(e[1]) != int(e[0]) || le.Uint16(e[6:]) != 32 {
			t.Errorf("entry %d: %d×%d, %d bpp", i, e[0], e[1], le.Uint16(e[6:]))
		}
		length, off := le.Uint32(e[8:]), le.Uint32(e[12:])
		img, err := png.Decode(bytes.NewReader(b[off : off+length]))
		if err != nil {
			t.Fatalf("entry %d: %v", i, err)
		}
		if img.Bounds().Dx() != size || img.Bounds().Dy() != size {
			t.Errorf("entry %d says %d px, holds %v", i, size, img.Bounds())
		}
		out[size] = img
	}
	return out
}

func TestWriteICOFromTheAppIcon(t *testing.T) {
	// Tests run in their package's folder; runtime.Caller paths are
	// module-relative under -trimpath, so they cannot locate the repository.
	in := filepath.Join("..", "..", "..", "resources", "icon.png")
	out := filepath.Join(t.TempDir(), "app.ico")
	if err := run(in, out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got := readICO(t, b)
	for _, s := range sizes {
		img := got[s]
		if img == nil {
			t.Errorf("no %d px image", s)
			continue
		}
		// The icon is opaque in its middle: scaling must keep that.
		if _, _, _, a := img.At(s/2, s/2).RGBA(); a == 0 {
			t.Errorf("%d px image is transparent in its middle", s)
		}
	}
}

func TestWriteICORejectsBadSources(t *testing.T) {
	for _, tc := range []struct {
		name  string
		img   image.Image
		sizes []int
	}{
		{"not square", image.NewNRGBA(image.Rect(0, 0, 300, 200)), []int{16}},
		{"too small for 256", image.NewNRGBA(image.Rect(0, 0, 64, 64)), []int{256}},
		{"size over 256", image.NewNRGBA(image.Rect(0, 0, 512, 512)), []int{512}},
		{"no sizes", image.NewNRGBA(image.Rect(0, 0, 64, 64)), nil},
	} {
		if err := writeICO(&bytes.Buffer{}, tc.img, tc.sizes); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

func TestWriteICOKeepsColours(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 32, 32))
	red := color.NRGBA{200, 10, 10, 255}
	for y := range 32 {
		for x := range 32 {
			src.Set(x, y, red)
		}
	}
	var b bytes.Buffer
	if err := writeICO(&b, src, []int{16}); err != nil {
		t.Fatal(err)
	}
	img := readICO(t, b.Bytes())[16]
	if c := color.NRGBAModel.Convert(img.At(8, 8)).(color.NRGBA); c != red {
		t.Errorf("colour %v, want %v", c, red)
	}
}

func TestRunReportsUnreadableInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.png")
	os.WriteFile(bad, []byte("not a png"), 0o644)
	if err := run(bad, filepath.Join(dir, "x.ico")); err == nil {
		t.Error("no error for a file that is not a PNG")
	}
	if err := run(filepath.Join(dir, "missing.png"), filepath.Join(dir, "x.ico")); err == nil {
		t.Error("no error for a missing file")
	}
}
