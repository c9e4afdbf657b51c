package screen

import (
	"fmt"
	"os"
	"syscall"
	"unsafe"
)

// Tell shows a message in a native Windows message box (the program has
// no console when started from the Start menu), and on standard error for
// scripts.
func Tell(title, msg string) {
	fmt.Fprintf(os.Stderr, "%s\n\n%s\n", title, msg)
	t, err1 := syscall.UTF16PtrFromString(title)
	m, err2 := syscall.UTF16PtrFromString(msg)
	if err1 != nil || err2 != nil {
		return
	}
	const mbIconError = 0x10
	box := syscall.NewLazyDLL("user32.dll").NewProc("MessageBoxW")
	box.Call(0, uintptr(unsafe.Pointer(m)), uintptr(unsafe.Pointer(t)), mbIconError)
}
