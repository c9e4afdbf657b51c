package install_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"atlasri/app"
)

// The test binary doubles as the importing child process when childEnv
// is set: it imports the file childFileEnv into the folder childDirEnv,
// printing "APPLY" just before installing and "DONE" at the end.
const (
	childEnv     = "ATLAS_RI_TEST_IMPORT_CHILD"
	childDirEnv  = "ATLAS_RI_TEST_IMPORT_DIR"
	childFileEnv = "ATLAS_RI_TEST_IMPORT_FILE"
)

func runChild() int {
	dir, file := os.Getenv(childDirEnv), os.Getenv(childFileEnv)
	data, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	a, err := app.Open(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	p, err := a.PrepareImport(installRequest(file, data, nil, false))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	fmt.Println("APPLY")
	if err := a.InstallDirectory(p); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	a.Close()
	fmt.Println("DONE")
	return 0
}

// child starts an import in a child process and returns it once it is
// about to install; its stdout says when it is done.
func startChild(t *testing.T, dir, file string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1", childDirEnv+"="+dir, childFileEnv+"="+file)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	if !sc.Scan() || sc.Text() != "APPLY" {
		cmd.Wait()
		t.Fatalf("child did not reach the install step: %s", stderr.String())
	}
	return cmd, sc
}

// TestKilledImportLeavesOldOrNew kills an importing child process with
// SIGKILL at random moments of its install step. Each time, the data
// folder must then open, pass its check, and hold either the previous
// directory or the new one, whole.
func TestKilledImportLeavesOldOrNew(t *testing.T) {
	if testing.Short() {
		t.Skip("fault injection skipped in -short mode")
	}
	work := t.TempDir()
	newFile := filepath.Join(work, "update.json")
	if err := os.WriteFile(newFile, marshal(t, updateFile(t, "2027.1", "2027-01-15")), 0o600); err != nil {
		t.Fatal(err)
	}
	// Two starting points: the embedded directory, and an imported one
	// (annuaire.json present, so that recovery uses it).
	old := map[string]string{"embedded": newFolder(t), "imported": newFolder(t)}
	a := open(t, old["imported"])
	if _, err := installFile(t, a, "before.json", marshal(t, updateFile(t, "2026.9", "2026-09-01")), nil, false); err != nil {
		t.Fatal(err)
	}
	a.Close()
	want := map[string]string{}
	for name, dir := range old {
		want[name] = centreNames(t, open(t, dir))
	}

	// A complete run gives the new state and the install step's duration.
	full := filepath.Join(work, "full")
	copyDir(t, old["embedded"], full)
	cmd, sc := startChild(t, full, newFile)
	start := time.Now()
	if !sc.Scan() || sc.Text() != "DONE" {
		t.Fatal("child did not finish")
	}
	applyTime := time.Since(start)
	cmd.Wait()
	wantNew := centreNames(t, open(t, full))

	seed := uint64(time.Now().UnixNano())
	if env := os.Getenv("ATLAS_RI_FAULT_SEED"); env != "" {
		v, err := strconv.ParseUint(env, 10, 64)
		if err != nil {
			t.Fatalf("ATLAS_RI_FAULT_SEED=%q: %v", env, err)
		}
		seed = v
	}
	// The kill moments are fractions of the install step drawn from this
	// seed: set ATLAS_RI_FAULT_SEED to draw the same ones again.
	t.Logf("seed %d (ATLAS_RI_FAULT_SEED=%d draws the same kill moments)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	outcomes := map[string]int{}
	const rounds = 8
	for i := range rounds {
		from := []string{"embedded", "imported"}[i%2]
		dir := filepath.Join(work, fmt.Sprintf("round-%d", i))
		copyDir(t, old[from], dir)
		cmd, _ := startChild(t, dir, newFile)
		// Half the kills anywhere in the install step, half towards its end,
		// around the renames.
		at := rng.Float64() * 1.2
		if i%4 >= 2 {
			at = 0.7 + rng.Float64()*0.8
		}
		t.Logf("round %d (from %s): kill at %.2f of the install step", i, from, at)
		time.Sleep(time.Duration(at * float64(applyTime)))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		a, err := app.Open(dir)
		if err != nil {
			t.Fatalf("round %d: the data folder does not open after the kill: %v", i, err)
		}
		r, err := a.Check()
		if err != nil || !r.OK() {
			t.Errorf("round %d: check failed: %v %v", i, r.Problems, err)
		}
		got := centreNames(t, a)
		a.Close()
		switch got {
		case want[from]:
			outcomes["old"]++
		case wantNew:
			outcomes["new"]++
		default:
			t.Errorf("round %d (from %s): the directory is neither the old nor the new one", i, from)
		}
	}
	t.Logf("install step %v; outcomes over %d kills: %v", applyTime.Round(time.Millisecond), rounds, outcomes)
}
