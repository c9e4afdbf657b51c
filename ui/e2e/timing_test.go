package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestTimings measures, with this suite's clock, what a GP waits for: from
// the Enter key to the results painted (median of 20 searches), and from
// launch to a window that takes keys (first launch on a fresh data folder,
// then the median of 4 launches on it). The figures go to the log, and to
// the JSON file named by ATLAS_RI_E2E_TIMINGS (BENCHMARKS.md quotes them).
// It asserts that each search was painted, never a duration.
func TestTimings(t *testing.T) {
	s := start(t, "mesures", 1440, 900)
	first := time.Duration(s.last.Interactive - s.started.UnixNano())
	later(s)
	pick(s, "where", "cholet", "Cholet")
	pick(s, "what", "fibrome", "Embolisation")
	s.wait("le clavier dans « Geste ou motif », sa liste fermée", func(st state) bool {
		return st.Focus == "what" && !st.What.Open
	})

	var searches []time.Duration
	for i := 0; i < 20; i++ {
		prev := s.settle().Search.Seq
		t0 := time.Now()
		s.key("Return")
		st := s.wait("la recherche relancée par Entrée, puis dessinée", func(st state) bool {
			return st.Search.Seq > prev && st.Search.Painted == st.Search.Seq && len(st.Results) > 0
		})
		searches = append(searches, time.Duration(st.Search.PaintedAt-t0.UnixNano()))
	}
	s.shot("recherche")
	rss, peak := residentMemory(t, s.app.Process.Pid)
	mem := s.fresh().Memory

	var launches []time.Duration
	for i := 0; i < 4; i++ {
		s.stopApp()
		s.launch()
		st := s.waitFor("la fenêtre prête", 60*time.Second, func(st state) bool { return st.Ready && st.Interactive != 0 })
		launches = append(launches, time.Duration(st.Interactive-s.started.UnixNano()))
	}

	s.stopApp()
	floor := emptyWindowMemory(s)

	res := map[string]any{
		"enter_to_painted_ms":        ms(searches),
		"enter_to_painted_median_ms": median(searches).Milliseconds(),
		"first_launch_ms":            first.Milliseconds(),
		"launch_to_interactive_ms":   ms(launches),
		"launch_median_ms":           median(launches).Milliseconds(),
		"rss_after_searches_mib":     rss,
		"rss_peak_mib":               peak,
		"go_heap_objects_mib":        mem.HeapObjects,
		"go_total_mib":               mem.GoTotal,
		"go_released_mib":            mem.GoReleased,
		"empty_fyne_window_rss_mib":  floor,
	}
	t.Logf("mémoire résidente après 20 recherches : %d Mio (pic %d Mio) ; Go : objets du tas %.0f Mio, total %.0f Mio dont %.0f rendus au système",
		rss, peak, mem.HeapObjects, mem.GoTotal, mem.GoReleased)
	t.Logf("une fenêtre Fyne vide (tools/emptywindow) à la même taille : %d Mio ; Atlas RI en tient %d de plus", floor, rss-floor)
	t.Logf("Entrée → résultats dessinés : médiane %v sur 20 (%v)", median(searches), searches)
	t.Logf("lancement → fenêtre interactive : premier lancement %v, puis médiane %v (%v)", first, median(launches), launches)
	if path := os.Getenv("ATLAS_RI_E2E_TIMINGS"); path != "" {
		b, _ := json.MarshalIndent(res, "", "  ")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Error(err)
		}
	}
	for _, d := range append(searches, launches...) {
		if d <= 0 {
			t.Errorf("durée négative ou nulle %v : horloges incohérentes", d)
		}
	}
}

// emptyWindowMemory builds and opens tools/emptywindow (a Fyne window with
// a field, a button and a list, none of Atlas RI's data) on the session's
// display at its size, types in its field, and reads its resident memory:
// the floor that Fyne and this machine's OpenGL set.
func emptyWindowMemory(s *session) int64 {
	s.t.Helper()
	root, err := moduleRoot()
	if err != nil {
		s.t.Fatal(err)
	}
	bin := filepath.Join(s.dir, "emptywindow")
	if err := goBuild(root, "./tools/emptywindow", bin); err != nil {
		s.t.Fatalf("construction de tools/emptywindow : %v", err)
	}
	cmd := exec.Command(bin, "-size", fmt.Sprintf("%dx%d", s.w, s.h))
	cmd.Env = append(os.Environ(), "DISPLAY="+s.display, "HOME="+filepath.Join(s.dir, "home"))
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	s.windowID("emptywindow")
	s.xdo("mousemove", "200", "20", "click", "1")
	s.xdo("type", "--delay", "80", "fibrome")
	time.Sleep(2 * time.Second) // typed letters painted
	rss, _ := residentMemory(s.t, cmd.Process.Pid)
	return rss
}

// residentMemory reads the program's resident memory and its peak, in MiB,
// from /proc (VmRSS, VmHWM).
func residentMemory(t *testing.T, pid int) (rss, peak int64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Errorf("mémoire du programme illisible : %v", err)
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		var kb int64
		if _, err := fmt.Sscanf(line, "VmRSS: %d kB", &kb); err == nil {
			rss = kb / 1024
		}
		if _, err := fmt.Sscanf(line, "VmHWM: %d kB", &kb); err == nil {
			peak = kb / 1024
		}
		if strings.HasPrefix(line, "Rss") {
			t.Logf("%s", strings.Join(strings.Fields(line), " "))
		}
	}
	if rss == 0 || peak < rss {
		t.Errorf("mémoire du programme mal lue : VmRSS %d, VmHWM %d", rss, peak)
	}
	return rss, peak
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}

func ms(ds []time.Duration) []int64 {
	out := make([]int64, len(ds))
	for i, d := range ds {
		out[i] = d.Milliseconds()
	}
	return out
}
