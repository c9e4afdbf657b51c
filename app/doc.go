// Package app is what the window (ui) and the command line (cli) call:
// Open gives an Atlas, the opened data folder, whose methods are the use
// cases (search engine, centres, notes and favourites, settings and the
// GP's identity, the practice's own centres, letters, directory import,
// export and history, backup, About). The stores stay inside: app is the
// one package that wires model/sqlite to the use-case packages below it
// (search, install, letter, userdata, exchange...), which are written
// against model's store interfaces. Every Atlas method may run on any
// goroutine, and none is meant for the UI goroutine: each may read a
// database or a file. Nothing here imports Fyne.
package app
