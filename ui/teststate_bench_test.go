package ui

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
)

// BenchmarkTestStateCollect measures one state dump of the real-input
// suite with a search on screen: it runs on the UI goroutine ten times a
// second, so it weighs on what the suite measures.
func BenchmarkTestStateCollect(b *testing.B) {
	b.Setenv(TestStateEnv, filepath.Join(b.TempDir(), "state.json"))
	defer func() { activeDumper = nil; testNames = map[string]fyne.CanvasObject{} }()
	_, v := openWindowTB(b)
	pick(b, v.what, "fibrome", "Embolisation des fibromes utérins")
	pick(b, v.where.entry, "49300", "Cholet")
	eventually(b, "centres around Cholet", func() bool { return settled(v) && v.place != nil })
	d := activeDumper
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fyne.DoAndWait(func() { d.collect() })
	}
}
