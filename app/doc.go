// Package app holds Atlas RI's use cases, written against model and its
// SQLite store: opening the practice's data folder, building the reference
// database from the embedded data, checking it. It never imports Fyne, so
// the command line and the tests use it without a display.
package app
