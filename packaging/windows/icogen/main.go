// Command icogen writes a Windows .ico from the app's PNG icon, for the
// executables' resources and the installer: one PNG-compressed image per
// size Windows asks for (Explorer, Start menu, taskbar, title bar), each
// scaled down from the source with a Catmull-Rom filter.
//
//	go run ./packaging/windows/icogen -in resources/icon.png -out atlas-ri.ico
package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"

	"golang.org/x/image/draw"
)

// sizes are the square sizes written, largest first.
var sizes = []int{256, 64, 48, 32, 24, 16}

func main() {
	in := flag.String("in", "resources/icon.png", "icône PNG carrée (au moins 256 px)")
	out := flag.String("out", "atlas-ri.ico", "fichier .ico à écrire")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "icogen :", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	src, err := png.Decode(f)
	if err != nil {
		return fmt.Errorf("%s : image PNG illisible : %w", in, err)
	}
	var b bytes.Buffer
	if err := writeICO(&b, src, sizes); err != nil {
		return fmt.Errorf("%s : %w", in, err)
	}
	return os.WriteFile(out, b.Bytes(), 0o644)
}

// writeICO writes an ICONDIR, its entries, then one PNG per size (PNG
// entries are valid in .ico files since Windows Vista).
func writeICO(w io.Writer, src image.Image, sizes []int) error {
	bounds := src.Bounds()
	if bounds.Dx() != bounds.Dy() {
		return fmt.Errorf("l'icône doit être carrée (%d×%d)", bounds.Dx(), bounds.Dy())
	}
	if len(sizes) == 0 || len(sizes) > 255 {
		return errors.New("nombre de tailles invalide")
	}
	var images [][]byte
	for _, s := range sizes {
		if s < 1 || s > 256 || s > bounds.Dx() {
			return fmt.Errorf("taille %d impossible pour une source de %d px", s, bounds.Dx())
		}
		dst := image.NewNRGBA(image.Rect(0, 0, s, s))
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, bounds, draw.Src, nil)
		var p bytes.Buffer
		if err := png.Encode(&p, dst); err != nil {
			return err
		}
		images = append(images, p.Bytes())
	}
	le := binary.LittleEndian
	head := make([]byte, 6+16*len(images))
	le.PutUint16(head[2:], 1) // type: icon
	le.PutUint16(head[4:], uint16(len(images)))
	offset := len(head)
	for i, img := range images {
		e := head[6+16*i:]
		e[0], e[1] = byte(sizes[i]), byte(sizes[i]) // 256 is written as 0
		le.PutUint16(e[4:], 1)                      // colour planes
		le.PutUint16(e[6:], 32)                     // bits per pixel
		le.PutUint32(e[8:], uint32(len(img)))
		le.PutUint32(e[12:], uint32(offset))
		offset += len(img)
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	for _, img := range images {
		if _, err := w.Write(img); err != nil {
			return err
		}
	}
	return nil
}
