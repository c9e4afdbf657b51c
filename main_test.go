package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atlasri/internal/screen"
)

// The test binary doubles as the app when ATLAS_RI_RUN_MAIN is set, so the
// window test runs exactly this build without a second link.
func TestMain(m *testing.M) {
	if os.Getenv("ATLAS_RI_RUN_MAIN") == "1" {
		os.Args = append([]string{"atlas-ri"}, strings.Fields(os.Getenv("ATLAS_RI_ARGS"))...)
		main()
		return
	}
	os.Exit(m.Run())
}

// TestWindowOpensUnderXvfb starts the app on a virtual X display and waits
// for its top-level window to be mapped.
func TestWindowOpensUnderXvfb(t *testing.T) {
	if testing.Short() {
		t.Skip("window test skipped in -short mode")
	}
	for _, tool := range []string{"Xvfb", "xwininfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (apt-get install xvfb x11-utils): cannot open a window here", tool)
		}
	}
	display := fmt.Sprintf(":%d", 90+os.Getpid()%100)
	xvfb := exec.Command("Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	if err := xvfb.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { xvfb.Process.Kill(); xvfb.Wait() }()

	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	appCmd := exec.Command(exe)
	appCmd.Env = append(os.Environ(), "DISPLAY="+display, "ATLAS_RI_RUN_MAIN=1",
		"ATLAS_RI_ARGS=--data-dir "+filepath.Join(t.TempDir(), "data"), "LANG=fr_FR.UTF-8")
	var logs strings.Builder
	appCmd.Stdout, appCmd.Stderr = &logs, &logs
	time.Sleep(500 * time.Millisecond) // let Xvfb accept connections
	if err := appCmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- appCmd.Wait() }()
	defer func() {
		appCmd.Process.Kill()
		<-exited
	}()

	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("the app exited before showing its window (%v):\n%s", err, logs.String())
		case <-time.After(time.Second):
		}
		out, _ := exec.Command("xwininfo", "-display", display, "-root", "-tree").Output()
		if strings.Contains(string(out), `"Atlas RI"`) {
			return
		}
	}
	t.Fatalf("no window titled \"Atlas RI\" after 2 minutes; app output:\n%s", logs.String())
}

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
