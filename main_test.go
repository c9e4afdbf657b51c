package main

import (
	"errors"
	"strings"
	"testing"

	"atlasri/internal/screen"
)

func TestStartGLFWTurnsAPanicIntoTheOpenGLExplanation(t *testing.T) {
	for _, tc := range []struct {
		name   string
		create func()
		want   string // "" for no error
	}{
		{"window made", func() {}, ""},
		{"GLFW not started", func() { panic(errors.New("NotInitialized: The GLFW library is not initialized")) }, "NotInitialized"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := startGLFW(tc.create)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("erreur inattendue : %v", err)
				}
				return
			}
			if !errors.Is(err, screen.ErrNoOpenGL) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("erreur %v : attendu ErrNoOpenGL avec %q", err, tc.want)
			}
			if msg := screen.Explain(err); !strings.Contains(msg, "ne peut pas ouvrir sa fenêtre") {
				t.Fatalf("explication : %q", msg)
			}
		})
	}
}
