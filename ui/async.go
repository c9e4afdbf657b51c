package ui

import "sync"

// async runs work off the UI goroutine; the work hands its result back with
// fyne.Do. Tests replace it to run the work in place, so that what they
// check never races with it.
var async = func(work func()) { go work() }

// pending counts the writes the window must let finish before it closes
// the data (a note typed just before quitting).
var pending sync.WaitGroup
