package faults

import (
	"bytes"
	"os"
	"syscall"
	"testing"
	"unsafe"

	"atlasri/app/install"
)

// commitWatch says whether watchCommit sees the commit point.
const commitWatch = true

// watchCommit reports on the returned channel the moment annuaire.json is
// renamed into dir: an install's commit point. inotify reacts within
// microseconds, so that kills can be aimed at the short window after it.
func watchCommit(t *testing.T, dir string) (<-chan struct{}, func()) {
	t.Helper()
	fd, err := syscall.InotifyInit1(syscall.IN_CLOEXEC | syscall.IN_NONBLOCK)
	if err != nil {
		t.Fatalf("inotify: %v", err)
	}
	if _, err := syscall.InotifyAddWatch(fd, dir, syscall.IN_MOVED_TO); err != nil {
		syscall.Close(fd)
		t.Fatalf("inotify on %s: %v", dir, err)
	}
	f := os.NewFile(uintptr(fd), "inotify") // non-blocking: Close stops the reader
	seen := make(chan struct{})
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			if err != nil {
				return
			}
			for off := 0; off+syscall.SizeofInotifyEvent <= n; {
				ev := (*syscall.InotifyEvent)(unsafe.Pointer(&buf[off]))
				name := buf[off+syscall.SizeofInotifyEvent : off+syscall.SizeofInotifyEvent+int(ev.Len)]
				if string(bytes.TrimRight(name, "\x00")) == install.StoredFile {
					close(seen)
					return
				}
				off += syscall.SizeofInotifyEvent + int(ev.Len)
			}
		}
	}()
	return seen, func() { f.Close() }
}
