// Command atlas-ri-cli is the console front of atlas-ri.exe on Windows, for
// scripts. atlas-ri.exe is linked as a windowed program (no console window
// when started from the Start menu), so cmd.exe and PowerShell neither wait
// for it nor get its exit status. This small console program runs the
// atlas-ri.exe installed beside it with the same arguments, relays its
// output through pipes, waits for it and exits with its status. It is
// tiny, where a second console build of the whole program would double the
// installer.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
)

func main() {
	os.Exit(run(target(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// target is atlas-ri(.exe) in this program's own folder.
func target() string {
	name := "atlas-ri"
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	self, err := os.Executable()
	if err != nil {
		return name
	}
	return filepath.Join(filepath.Dir(self), name)
}

// run starts path with args and returns its exit status (1 when it cannot
// be started). Output goes through pipes, never as inherited console
// handles, which a windowed program could not write to. Ctrl+C stops it.
func run(path string, args []string, stdin *os.File, stdout, stderr io.Writer) int {
	cmd := exec.Command(path, args...)
	cmd.Stdin = stdin
	cmd.Stdout = struct{ io.Writer }{stdout} // not an *os.File: exec makes a pipe
	cmd.Stderr = struct{ io.Writer }{stderr}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "Impossible de lancer %s : %v\n", path, err)
		return 1
	}
	interrupt := make(chan os.Signal, 1)
	signal.Notify(interrupt, os.Interrupt)
	defer signal.Stop(interrupt)
	go func() {
		if _, ok := <-interrupt; ok {
			cmd.Process.Kill()
		}
	}()
	err := cmd.Wait()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit) && exit.ExitCode() > 0:
		return exit.ExitCode()
	default:
		fmt.Fprintf(stderr, "%s : %v\n", filepath.Base(path), err)
		return 1
	}
}
