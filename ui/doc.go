// Package ui is Atlas RI's Fyne interface. It talks to package app (an
// *app.Atlas and the use-case types it returns) and to model's domain
// types, never to model/sqlite; every Atlas call reads a database or a
// file, so it runs off the UI goroutine and its result comes back through
// fyne.Do.
package ui
