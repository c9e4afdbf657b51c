// Package ui is Atlas RI's Fyne interface. It talks to the app package
// only; database and file work runs off the UI goroutine and comes back
// through fyne.Do.
package ui
