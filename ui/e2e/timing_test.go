package e2e

import (
	"encoding/json"
	"fmt"
	"os"
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

	var launches []time.Duration
	for i := 0; i < 4; i++ {
		s.stopApp()
		s.launch()
		st := s.waitFor("la fenêtre prête", 60*time.Second, func(st state) bool { return st.Ready && st.Interactive != 0 })
		launches = append(launches, time.Duration(st.Interactive-s.started.UnixNano()))
	}

	res := map[string]any{
		"enter_to_painted_ms":        ms(searches),
		"enter_to_painted_median_ms": median(searches).Milliseconds(),
		"first_launch_ms":            first.Milliseconds(),
		"launch_to_interactive_ms":   ms(launches),
		"launch_median_ms":           median(launches).Milliseconds(),
		"rss_after_searches_mib":     rss,
		"rss_peak_mib":               peak,
	}
	t.Logf("mémoire résidente après 20 recherches : %d Mio (pic %d Mio)", rss, peak)
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
