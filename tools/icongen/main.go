// Command icongen draws Atlas RI's icon (resources/icon.png): a map pin
// over a stylised needle path on a teal tile. It is our own drawing, made
// from code so anyone can change and rebuild it.
package main

import (
	"flag"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"

	"golang.org/x/image/vector"
)

func main() {
	out := flag.String("out", "resources/icon.png", "output PNG")
	size := flag.Int("size", 512, "edge in pixels")
	flag.Parse()
	img := Draw(*size)
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// Draw renders the icon at n×n pixels.
func Draw(n int) *image.NRGBA {
	s := float32(n) / 512
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	fill := func(c color.NRGBA, path func(r *vector.Rasterizer)) {
		r := vector.NewRasterizer(n, n)
		path(r)
		r.Draw(img, img.Bounds(), image.NewUniform(c), image.Point{})
	}
	// Rounded tile.
	fill(color.NRGBA{0x0b, 0x6e, 0x79, 0xff}, func(r *vector.Rasterizer) { roundRect(r, 24*s, 24*s, 488*s, 488*s, 96*s) })
	// Dotted catheter path from the lower left to the pin.
	for i := 0; i < 6; i++ {
		t := float64(i) / 6
		x := float32(90+t*190) * s
		y := float32(440-t*20-50*math.Sin(t*math.Pi)) * s
		fill(color.NRGBA{0xff, 0xff, 0xff, 0xb0}, func(r *vector.Rasterizer) { circle(r, x, y, 14*s) })
	}
	// Map pin: a disc and a point, white, with a teal hole and a red dot.
	white := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	fill(white, func(r *vector.Rasterizer) { circle(r, 300*s, 200*s, 110*s) })
	fill(white, func(r *vector.Rasterizer) {
		r.MoveTo(300*s-110*s*0.87, 200*s+110*s*0.5)
		r.LineTo(300*s, 410*s)
		r.LineTo(300*s+110*s*0.87, 200*s+110*s*0.5)
		r.ClosePath()
	})
	fill(color.NRGBA{0x0b, 0x6e, 0x79, 0xff}, func(r *vector.Rasterizer) { circle(r, 300*s, 200*s, 58*s) })
	fill(color.NRGBA{0xe0, 0x4f, 0x3a, 0xff}, func(r *vector.Rasterizer) { circle(r, 300*s, 200*s, 30*s) })
	return img
}

func circle(r *vector.Rasterizer, cx, cy, rad float32) {
	const k = 0.5523 // cubic Bézier approximation of a quarter circle
	r.MoveTo(cx+rad, cy)
	r.CubeTo(cx+rad, cy+k*rad, cx+k*rad, cy+rad, cx, cy+rad)
	r.CubeTo(cx-k*rad, cy+rad, cx-rad, cy+k*rad, cx-rad, cy)
	r.CubeTo(cx-rad, cy-k*rad, cx-k*rad, cy-rad, cx, cy-rad)
	r.CubeTo(cx+k*rad, cy-rad, cx+rad, cy-k*rad, cx+rad, cy)
	r.ClosePath()
}

func roundRect(r *vector.Rasterizer, x0, y0, x1, y1, rad float32) {
	const k = 0.5523
	r.MoveTo(x0+rad, y0)
	r.LineTo(x1-rad, y0)
	r.CubeTo(x1-rad+k*rad, y0, x1, y0+rad-k*rad, x1, y0+rad)
	r.LineTo(x1, y1-rad)
	r.CubeTo(x1, y1-rad+k*rad, x1-rad+k*rad, y1, x1-rad, y1)
	r.LineTo(x0+rad, y1)
	r.CubeTo(x0+rad-k*rad, y1, x0, y1-rad+k*rad, x0, y1-rad)
	r.LineTo(x0, y0+rad)
	r.CubeTo(x0, y0+rad-k*rad, x0+rad-k*rad, y0, x0+rad, y0)
	r.ClosePath()
}
