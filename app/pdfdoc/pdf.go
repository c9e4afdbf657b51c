package pdfdoc

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"time"

	"github.com/signintech/gopdf"

	"atlasri/internal/safefile"
)

// Producer is written in every PDF's metadata.
const Producer = "Atlas RI"

// PDF returns the document as PDF bytes: A4, fonts embedded as subsets.
func (d *Document) PDF() ([]byte, error) {
	var buf bytes.Buffer
	if err := d.WritePDF(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WritePDF writes the document as PDF.
func (d *Document) WritePDF(w io.Writer) error {
	fs, err := loadFonts()
	if err != nil {
		return err
	}
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	// Fast compression halves the time to write a letter for a few more
	// kilobytes (see BENCHMARKS.md).
	pdf.SetCompressLevel(zlib.BestSpeed)
	pdf.SetInfo(gopdf.PdfInfo{
		Title: d.Info.Title, Author: d.Info.Author, Subject: d.Info.Subject,
		Creator: Producer, Producer: Producer, CreationDate: time.Now(),
	})
	for f := Face(0); f < numFaces; f++ {
		if err := pdf.AddTTFFontFromFontContainer(f.family(), fs.container); err != nil {
			return fmt.Errorf("police %s : %w", f.family(), err)
		}
	}
	for _, p := range d.Pages {
		pdf.AddPage()
		for _, op := range p.Ops {
			if err := drawPDF(pdf, op); err != nil {
				return fmt.Errorf("écriture du PDF : %w", err)
			}
		}
	}
	if _, err := pdf.WriteTo(w); err != nil {
		return fmt.Errorf("écriture du PDF : %w", err)
	}
	return nil
}

func drawPDF(pdf *gopdf.GoPdf, op Op) error {
	c := op.Color
	switch op.Kind {
	case OpText:
		if err := pdf.SetFont(op.Face.family(), "", op.Size); err != nil {
			return err
		}
		pdf.SetTextColor(c.R, c.G, c.B)
		pdf.SetXY(op.X, op.Y)
		return pdf.Text(op.Text)
	case OpLine:
		pdf.SetStrokeColor(c.R, c.G, c.B)
		pdf.SetLineWidth(op.Stroke)
		pdf.Line(op.X, op.Y, op.X2, op.Y2)
	case OpRect:
		if op.Stroke > 0 {
			pdf.SetStrokeColor(c.R, c.G, c.B)
			pdf.SetLineWidth(op.Stroke)
			pdf.RectFromUpperLeftWithStyle(op.X, op.Y, op.W, op.H, "D")
		} else {
			pdf.SetFillColor(c.R, c.G, c.B)
			pdf.RectFromUpperLeftWithStyle(op.X, op.Y, op.W, op.H, "F")
		}
	case OpImage:
		return pdf.ImageFrom(op.Image, op.X, op.Y, &gopdf.Rect{W: op.W, H: op.H})
	}
	return nil
}

// WriteFile writes PDF bytes to path, readable by its owner only: letters
// carry patient data (see internal/safefile).
func WriteFile(path string, data []byte) error {
	return safefile.WriteBytes(path, data)
}
