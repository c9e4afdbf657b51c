// Package screen checks, before the window toolkit starts, that this
// machine can open Atlas RI's window (an OpenGL 2.1 context, which remote
// desktops and some virtual machines lack), and reads how much of the
// screen the window may take. Fyne exits without a word when it cannot
// create its window; this package lets the program say why, in French,
// and what to do.
package screen

import (
	"errors"
	"fmt"
	"runtime"

	"github.com/go-gl/gl/v2.1/gl"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// Area is the usable part of the primary screen (without task bars and
// docks), in pixels.
type Area struct{ Width, Height int }

// ErrNoOpenGL says the window cannot be drawn here.
var ErrNoOpenGL = errors.New("OpenGL 2.1 indisponible")

// Probe opens and closes a hidden window the way Fyne will (OpenGL 2.1),
// and reads the primary monitor's work area. It must run on the main
// thread, before Fyne starts (Fyne keeps the main goroutine on it).
func Probe() (area Area, err error) {
	runtime.LockOSThread()
	// go-gl's GLFW binding panics on errors it does not expect (no X
	// display, for one): they are this package's answer too.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w : %v", ErrNoOpenGL, r)
		}
	}()
	if err := glfw.Init(); err != nil {
		return Area{}, fmt.Errorf("%w : %v", ErrNoOpenGL, err)
	}
	defer glfw.Terminate()
	if m := glfw.GetPrimaryMonitor(); m != nil {
		_, _, w, h := m.GetWorkarea()
		area = Area{w, h}
	}
	glfw.WindowHint(glfw.Visible, glfw.False)
	glfw.WindowHint(glfw.ContextVersionMajor, 2)
	glfw.WindowHint(glfw.ContextVersionMinor, 1)
	w, err := glfw.CreateWindow(64, 64, "Atlas RI", nil, nil)
	if err != nil {
		return area, fmt.Errorf("%w : %v", ErrNoOpenGL, err)
	}
	defer w.Destroy()
	w.MakeContextCurrent()
	if err := gl.Init(); err != nil {
		return area, fmt.Errorf("%w : %v", ErrNoOpenGL, err)
	}
	glfw.DefaultWindowHints()
	return area, nil
}

// Explain is what the GP (and the practice's IT person) read when the
// window cannot open.
func Explain(err error) string {
	return "Atlas RI ne peut pas ouvrir sa fenêtre : cet ordinateur ne lui fournit pas d'affichage graphique utilisable " +
		"(OpenGL 2.1 manquant, cas fréquent en bureau à distance et dans certaines machines virtuelles, ou aucun écran).\n\n" +
		"Que faire :\n" +
		"- lancer Atlas RI directement sur le poste, pas à travers le bureau à distance ;\n" +
		"- ou mettre à jour le pilote graphique ;\n" +
		"- ou, sous Windows, installer le rendu logiciel OpenGL (opengl32.dll de Mesa, voir INSTALL.md).\n" +
		"Les commandes en ligne (atlas-ri search, letter, import…) fonctionnent sans fenêtre.\n\n" +
		"Détail technique : " + err.Error()
}
