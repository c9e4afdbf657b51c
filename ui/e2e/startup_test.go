package e2e

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestWindowWithoutOpenGL starts the program on an X server without GLX,
// as on a remote desktop or a virtual machine without 3D: it must say so in
// French, with the workaround, and exit with a failure code, instead of
// exiting silently or panicking.
func TestWindowWithoutOpenGL(t *testing.T) {
	needTools(t)
	s := &session{t: t, w: 1024, h: 700, dir: t.TempDir(), exited: make(chan error, 1),
		xvfbArgs: []string{"-extension", "GLX"}}
	s.startX()
	t.Cleanup(s.stop)
	s.launch()
	var err error
	select {
	case err = <-s.exited:
		s.app = nil
	case <-time.After(60 * time.Second):
		t.Fatalf("sans OpenGL, le programme tourne encore après 60 s ; sortie d'erreur :\n%s", s.appErr.String())
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Errorf("sans OpenGL, code de sortie %v ; attendu 1", err)
	}
	out := s.appErr.String()
	for _, want := range []string{
		"Atlas RI ne peut pas ouvrir sa fenêtre",
		"OpenGL 2.1",
		"bureau à distance",
		"INSTALL.md",
		"fonctionnent sans fenêtre",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("le message ne dit pas « %s » :\n%s", want, out)
		}
	}
	if strings.Contains(out, "panic") || strings.Contains(out, "goroutine ") {
		t.Errorf("le programme a paniqué au lieu d'expliquer :\n%s", out)
	}
}
