package main

import (
	"os"
	"syscall"
)

// atlas-ri.exe is linked as a windowed program (-H=windowsgui): Windows
// gives it no console, so `atlas-ri.exe check` typed in cmd.exe or
// PowerShell would print nothing. With a subcommand, attach to the console
// of the parent process and write there. Handles that are already usable
// (output redirected to a file or a pipe, or the console build
// atlas-ri-cli.exe) are left alone. This runs before main reads os.Stdout.
func init() {
	if len(os.Args) < 2 || (usable(os.Stdout) && usable(os.Stderr)) {
		return
	}
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if ok, _, _ := attach.Call(attachParentProcess); ok == 0 {
		return // started from Explorer or a service: no console to write to
	}
	con, err := os.OpenFile("CONOUT$", os.O_RDWR, 0)
	if err != nil {
		return
	}
	if !usable(os.Stdout) {
		os.Stdout = con
	}
	if !usable(os.Stderr) {
		os.Stderr = con
	}
}

// usable reports whether f is an open file, pipe or console handle.
func usable(f *os.File) bool {
	if f == nil {
		return false
	}
	h := syscall.Handle(f.Fd())
	if h == 0 || h == syscall.InvalidHandle {
		return false
	}
	t, err := syscall.GetFileType(h)
	return err == nil && t != syscall.FILE_TYPE_UNKNOWN
}
