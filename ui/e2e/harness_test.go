package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	mrand "math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode"
)

// tools are the programs the suite drives the window with.
var tools = []string{"Xvfb", "xdotool", "import", "convert", "tesseract", "setxkbmap"}

var (
	// binary is the program under test, built once.
	binary string
	// shotsRoot holds the screenshots of every step.
	shotsRoot string
	buildErr  error
	buildOnce sync.Once
)

// sizes are the screens every scenario is played on.
var sizes = []struct{ w, h int }{{1440, 900}, {1366, 768}, {1024, 700}}

func TestMain(m *testing.M) {
	shotsRoot = os.Getenv("ATLAS_RI_E2E_SHOTS")
	if shotsRoot == "" {
		shotsRoot = filepath.Join(os.TempDir(), "atlas-ri-e2e-shots")
	}
	code := m.Run()
	if binary != "" && os.Getenv("ATLAS_RI_E2E_BIN") == "" {
		os.RemoveAll(filepath.Dir(binary))
	}
	os.Exit(code)
}

// needTools skips the test when a tool is missing, or fails it when the
// environment requires the suite (ATLAS_RI_E2E=1, as in CI).
func needTools(t *testing.T) {
	t.Helper()
	var missing []string
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if out, err := exec.Command("tesseract", "--list-langs").CombinedOutput(); err == nil && !bytes.Contains(out, []byte("fra")) {
		missing = append(missing, "tesseract-ocr-fra")
	}
	if len(missing) > 0 {
		if os.Getenv("ATLAS_RI_E2E") == "1" {
			t.Fatalf("outils absents : %s", strings.Join(missing, ", "))
		}
		t.Skipf("outils absents (installez xvfb xdotool imagemagick tesseract-ocr-fra) : %s", strings.Join(missing, ", "))
	}
	buildOnce.Do(build)
	if buildErr != nil {
		t.Fatal(buildErr)
	}
}

// build compiles the program with the tags this test was built with, or
// takes ATLAS_RI_E2E_BIN.
func build() {
	if b := os.Getenv("ATLAS_RI_E2E_BIN"); b != "" {
		binary, buildErr = filepath.Abs(b)
		return
	}
	root, err := moduleRoot()
	if err != nil {
		buildErr = err
		return
	}
	dir, err := os.MkdirTemp("", "atlas-ri-e2e-bin")
	if err != nil {
		buildErr = err
		return
	}
	if err := goBuild(root, ".", filepath.Join(dir, "atlas-ri")); err != nil {
		buildErr = fmt.Errorf("construction du programme : %v", err)
		return
	}
	binary = filepath.Join(dir, "atlas-ri")
}

// goBuild builds the package pkg of the module at root into out, with the
// build tags this test was built with (no_emoji, from the Makefile).
func goBuild(root, pkg, out string) error {
	args := []string{"build", "-trimpath", "-o", out}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-tags" && s.Value != "" {
				args = append(args, "-tags", s.Value)
			}
		}
	}
	cmd := exec.Command("go", append(args, pkg)...)
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%v\n%s", err, b)
	}
	return nil
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("go.mod introuvable au-dessus de %s", dir)
		}
		dir = parent
	}
}

// state mirrors what the window dumps (ui/teststate.go).
type state struct {
	Seq       int   `json:"seq"`
	CollectMs int64 `json:"collect_ms"`
	Memory    struct {
		HeapObjects float64 `json:"heap_objects_mib"`
		GoTotal     float64 `json:"go_total_mib"`
		GoReleased  float64 `json:"go_released_mib"`
	} `json:"memory"`
	Ready       bool  `json:"ready"`
	StartedAt   int64 `json:"started_at"`
	Interactive int64 `json:"interactive_at"`
	Window      struct {
		Title  string  `json:"title"`
		Width  float32 `json:"width"`
		Height float32 `json:"height"`
		Scale  float32 `json:"scale"`
	} `json:"window"`
	Focus       string     `json:"focus"`
	What        fieldState `json:"what"`
	Where       fieldState `json:"where"`
	Target      string     `json:"target"`
	TargetLabel string     `json:"target_label"`
	Emergency   bool       `json:"emergency"`
	Place       string     `json:"place"`
	Status      string     `json:"status"`
	Results     []struct {
		Name     string  `json:"name"`
		Commune  string  `json:"commune"`
		Dept     string  `json:"dept"`
		Distance float64 `json:"distance_km"`
	} `json:"results"`
	Selected   int    `json:"selected"`
	Detail     string `json:"detail"`
	DetailTop  bool   `json:"detail_at_top"`
	LetterOK   bool   `json:"letter_button_enabled"`
	NoteFilled bool   `json:"note_filled"`
	Favourite  bool   `json:"favourite"`
	Footer     string `json:"footer"`
	// EmergencyText is the emergency conduct shown, "" when none.
	EmergencyText string   `json:"emergency_text"`
	Dialogs       []string `json:"dialogs"`
	Letters       []struct {
		Title     string   `json:"title"`
		Centre    string   `json:"centre"`
		Procedure string   `json:"procedure"`
		Problems  string   `json:"problems"`
		Complete  bool     `json:"complete"`
		Width     float32  `json:"width"`
		Height    float32  `json:"height"`
		Focus     string   `json:"focus"`
		Dialogs   []string `json:"dialogs"`
	} `json:"letters"`
	Map struct {
		Zoom         float64  `json:"zoom"`
		Centre       string   `json:"selected_centre"`
		Dept         string   `json:"selected_dept"`
		Shade        string   `json:"shade"`
		LegendTitle  string   `json:"legend_title"`
		LegendLabels []string `json:"legend_labels"`
	} `json:"map"`
	Search struct {
		Seq       int   `json:"seq"`
		Shown     int   `json:"shown"`
		ShownAt   int64 `json:"shown_at"`
		Painted   int   `json:"painted"`
		PaintedAt int64 `json:"painted_at"`
	} `json:"search"`
	Theme   string                `json:"theme"`
	Filters [3]string             `json:"filters"`
	Rects   map[string][4]float32 `json:"rects"`
	Texts   map[string]string     `json:"texts"`
	Lists   map[string]fieldState `json:"lists"`
	Windows map[string]string     `json:"windows"`
}

type fieldState struct {
	Text        string   `json:"text"`
	For         string   `json:"options_for"`
	Open        bool     `json:"open"`
	Options     []string `json:"options"`
	Highlighted int      `json:"highlighted"`
}

// dialog reports whether a dialog whose title contains title is open on
// the main window.
func (st state) dialog(title string) bool {
	for _, d := range st.Dialogs {
		if strings.Contains(d, title) {
			return true
		}
	}
	return false
}

// session is one run of the program on its own X server and data folder.
type session struct {
	t       *testing.T
	w, h    int
	display string
	dir     string
	xvfb    *exec.Cmd
	// xvfbExited is closed when the X server has exited.
	xvfbExited chan struct{}
	// collectMax is the longest time the program took to write its state
	// (on its UI goroutine): the suite's own weight on what it measures.
	collectMax int64
	// ocrMode prepares the next zone read by OCR: 0 grey, 1 black and
	// white, 2 black and white inverted.
	ocrMode int
	// xvfbArgs are added to the X server's command line.
	xvfbArgs []string
	app      *exec.Cmd
	appErr   bytes.Buffer
	shots    string
	step     int
	last     state
	started  time.Time
	exited   chan error
}

// option changes how a session starts.
type option func(*session)

// start runs the program at a screen size on a fresh data folder (unless
// withData), waits for its window and returns the session.
func start(t *testing.T, name string, w, h int, opts ...option) *session {
	t.Helper()
	needTools(t)
	s := &session{t: t, w: w, h: h, exited: make(chan error, 1)}
	for _, o := range opts {
		o(s)
	}
	if s.dir == "" {
		s.dir = t.TempDir()
	}
	for _, d := range []string{"home", "config"} {
		if err := os.MkdirAll(filepath.Join(s.dir, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	s.shots = filepath.Join(shotsRoot, fmt.Sprintf("%dx%d", w, h), name)
	os.RemoveAll(s.shots)
	if err := os.MkdirAll(s.shots, 0o755); err != nil {
		t.Fatal(err)
	}
	s.startX()
	t.Cleanup(s.stop)
	s.launch()
	// Rarely, a display just left by a killed server refuses the first
	// connection: start once more on a new one, and say so.
	select {
	case err := <-s.exited:
		if !strings.Contains(s.appErr.String(), "Failed to open display") {
			s.exited <- err
			break
		}
		t.Logf("l'affichage %s a refusé la connexion ; nouvel essai sur un autre", s.display)
		s.stop()
		s.appErr.Reset()
		s.exited = make(chan error, 1)
		s.startX()
		s.launch()
	case <-time.After(2 * time.Second):
	}
	s.waitFor("la fenêtre prête", 60*time.Second, func(st state) bool { return st.Ready && st.Interactive != 0 })
	s.frenchKeyboard()
	return s
}

// frenchKeyboard gives the X server a French GP's keyboard: AZERTY,
// accents on their keys, the others through dead keys. It is set once the
// program runs: on Xvfb, a layout set before the program connects is not
// the one its first key events are read with (accents typed by xdotool
// were lost), while a change afterwards is taken at once.
func (s *session) frenchKeyboard() {
	kb := exec.Command("setxkbmap", "-display", s.display, "fr")
	if out, err := kb.CombinedOutput(); err != nil {
		s.t.Fatalf("setxkbmap fr : %v %s", err, out)
	}
}

// startX starts Xvfb on a free display picked at random (a display just
// released by a server can refuse the next program's first connection,
// and runs side by side must not take the same one).
func (s *session) startX() {
	for try := 0; try < 40; try++ {
		n := 100 + mrand.IntN(800)
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		sock := fmt.Sprintf("/tmp/.X11-unix/X%d", n)
		if _, err := os.Stat(sock); err == nil {
			continue
		}
		display := fmt.Sprintf(":%d", n)
		args := append([]string{display, "-screen", "0", fmt.Sprintf("%dx%dx24", s.w, s.h), "-nolisten", "tcp"}, s.xvfbArgs...)
		cmd := exec.Command("Xvfb", args...)
		if err := cmd.Start(); err != nil {
			s.t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		for i := 0; i < 200; i++ {
			select {
			case <-exited:
				i = 200 // taken meanwhile: another number
				continue
			default:
			}
			if exec.Command("xdpyinfo", "-display", display).Run() == nil {
				s.display, s.xvfb, s.xvfbExited = display, cmd, exited
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		cmd.Process.Kill()
		<-exited
	}
	s.t.Fatal("aucun affichage X libre")
}

// launch starts the program on the session's display and data.
func (s *session) launch() {
	cmd := exec.Command(binary, "--data-dir", filepath.Join(s.dir, "data"))
	cmd.Env = append(os.Environ(), "DISPLAY="+s.display, "LANG=fr_FR.UTF-8", "LANGUAGE=fr",
		"HOME="+filepath.Join(s.dir, "home"), "XDG_CONFIG_HOME="+filepath.Join(s.dir, "config"),
		"ATLAS_RI_TEST_STATE="+s.statePath())
	cmd.Stderr = &s.appErr
	s.started = time.Now()
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	s.app = cmd
	go func() { s.exited <- cmd.Wait() }()
}

func (s *session) statePath() string { return filepath.Join(s.dir, "state.json") }

// stopApp ends the program (its X server stays), for a scenario that
// works on the data folder before starting it again with launch.
func (s *session) stopApp() {
	if s.app != nil && s.app.Process != nil {
		s.app.Process.Kill()
		<-s.exited
		s.app = nil
		os.Remove(s.statePath())
	}
}

// stop ends the program and the X server, by their process ids.
func (s *session) stop() {
	if s.app != nil && s.app.Process != nil {
		s.app.Process.Kill()
		select {
		case <-s.exited:
		case <-time.After(5 * time.Second):
		}
	}
	s.app = nil
	if s.xvfb != nil && s.xvfb.Process != nil {
		// SIGTERM: Xvfb then removes its lock and socket, which a killed
		// one leaves behind for the next server to trip on.
		s.xvfb.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.xvfbExited:
		case <-time.After(5 * time.Second):
			s.xvfb.Process.Kill()
			<-s.xvfbExited
		}
		s.xvfb = nil
	}
	s.t.Logf("état écrit en %d ms au plus", s.collectMax)
	if s.t.Failed() {
		s.t.Logf("sortie d'erreur du programme :\n%s", lastLines(s.appErr.String(), 30))
	}
}

// panicHead is the Go panic or fatal error in a program's error output,
// its first n lines (the cause and the failing goroutine; the tail that
// lastLines shows is other goroutines' stacks), or "" when there is none.
func panicHead(out string, n int) string {
	i := strings.Index(out, "panic: ")
	if j := strings.Index(out, "fatal error: "); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	if i < 0 {
		return ""
	}
	lines := strings.SplitN(out[i:], "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	var keep []string
	for _, l := range lines {
		if !strings.Contains(l, "Translation failure") && !strings.Contains(l, "Cause: message") && !strings.Contains(l, "At: fyne.io") {
			keep = append(keep, l)
		}
	}
	if len(keep) > n {
		keep = keep[len(keep)-n:]
	}
	return strings.Join(keep, "\n")
}

// read returns the window's state as last dumped.
func (s *session) read() (state, bool) {
	b, err := os.ReadFile(s.statePath())
	if err != nil {
		return state{}, false
	}
	var st state
	if json.Unmarshal(b, &st) != nil {
		return state{}, false
	}
	s.last = st
	s.collectMax = max(s.collectMax, st.CollectMs)
	return st, true
}

// waitFor polls the state until cond holds, and fails with a screenshot
// and what was on screen otherwise.
func (s *session) waitFor(what string, timeout time.Duration, cond func(state) bool) state {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		select {
		case err := <-s.exited:
			s.exited <- err
			why := panicHead(s.appErr.String(), 40)
			if why == "" {
				why = lastLines(s.appErr.String(), 15)
			}
			s.t.Fatalf("le programme s'est arrêté (%v) en attendant %s ; sa sortie d'erreur :\n%s", err, what, why)
		default:
		}
		if st, ok := s.read(); ok && cond(st) {
			return st
		}
		if time.Now().After(deadline) {
			shot := s.shot("echec")
			s.goroutines()
			s.t.Fatalf("attendu : %s (en %s). Capture : %s\nÉtat : focus=%q quoi=%+v où=%+v cible=%q lieu=%q statut=%q dialogues=%v lettres=%d sélection=%d",
				what, timeout, shot, s.last.Focus, s.last.What, s.last.Where, s.last.Target, s.last.Place, s.last.Status,
				s.last.Dialogs, len(s.last.Letters), s.last.Selected)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// goroutines asks the program for its goroutines (SIGQUIT) and logs the
// UI goroutine's stack: a step that timed out may be a program that hangs.
func (s *session) goroutines() {
	if s.app == nil || s.app.Process == nil {
		return
	}
	s.app.Process.Signal(syscall.SIGQUIT)
	select {
	case err := <-s.exited:
		s.exited <- err
	case <-time.After(5 * time.Second):
	}
	out := s.appErr.String()
	if i := strings.Index(out, "goroutine 1 "); i >= 0 {
		out = out[i:]
		if j := strings.Index(out, "\n\ngoroutine "); j >= 0 {
			out = out[:j]
		}
		s.t.Logf("pile du fil de la fenêtre au moment de l'échec :\n%s", out)
	}
}

// fresh returns the state as dumped after this call: places on screen
// read before a click moved things (a zoom, a scroll) would send the next
// click elsewhere. The program writes, beside its state, when each dump
// began; the second one that began after now has seen everything before.
func (s *session) fresh() state {
	s.t.Helper()
	now := time.Now().UnixNano()
	seen := 0
	var last int64
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		b, err := os.ReadFile(s.statePath() + ".tick")
		if err != nil {
			continue
		}
		tick, _ := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		if tick > now && tick != last {
			last = tick
			if seen++; seen == 2 {
				st, _ := s.read()
				return st
			}
		}
	}
	s.t.Fatalf("le programme n'écrit plus son état depuis 15 s")
	return state{}
}

// wait is waitFor with the usual timeout.
func (s *session) wait(what string, cond func(state) bool) state {
	s.t.Helper()
	return s.waitFor(what, 15*time.Second, cond)
}

// settle waits until the state stops changing for a moment: what the
// program does in answer to an input has been done.
func (s *session) settle() state {
	s.t.Helper()
	prev := -1
	stable := 0
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		st, ok := s.read()
		if ok && st.Seq == prev {
			stable++
			if stable >= 4 {
				return st
			}
		} else {
			stable = 0
			prev = st.Seq
		}
		time.Sleep(60 * time.Millisecond)
	}
	return s.last
}

func (s *session) xdo(args ...string) string {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdotool", args...)
	// xdotool reads the text to type in the locale's encoding: under a
	// LANG that is not installed (CI sets fr_FR.UTF-8 for Fyne) it is C,
	// and every accented letter failed. C.UTF-8 is always there.
	cmd.Env = append(os.Environ(), "DISPLAY="+s.display, "LC_ALL=C.UTF-8")
	out, err := cmd.CombinedOutput()
	if err != nil {
		s.t.Fatalf("xdotool %s : %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// typeText types like a person, about ten keys a second.
func (s *session) typeText(text string) { s.typeAt(text, 90) }

// typeFast types a long text quickly (still one real key event per
// letter): forms, not the type-ahead fields whose pace matters.
func (s *session) typeFast(text string) { s.typeAt(text, 25) }

// deadKeys are the letters an AZERTY keyboard types with a dead key
// (xdotool type would remap a spare key for them, which the program reads
// too late: the letter is lost, as no real keyboard would lose it).
var deadKeys = map[rune][2]string{
	'â': {"dead_circumflex", "a"}, 'ê': {"dead_circumflex", "e"}, 'î': {"dead_circumflex", "i"},
	'ô': {"dead_circumflex", "o"}, 'û': {"dead_circumflex", "u"}, 'ä': {"dead_diaeresis", "a"},
	'ë': {"dead_diaeresis", "e"}, 'ï': {"dead_diaeresis", "i"}, 'ö': {"dead_diaeresis", "o"},
	'ü': {"dead_diaeresis", "u"}, 'É': {"dead_acute", "E"},
}

// typeAt types with delayMs between keys, as on an AZERTY keyboard.
func (s *session) typeAt(text string, delayMs int) {
	var run []rune
	flush := func() {
		if len(run) > 0 {
			s.xdo("type", "--delay", strconv.Itoa(delayMs), "--", string(run))
			run = run[:0]
		}
	}
	for _, r := range text {
		if k, ok := deadKeys[r]; ok {
			flush()
			s.xdo("key", "--delay", strconv.Itoa(delayMs), k[0], k[1])
			continue
		}
		run = append(run, r)
	}
	flush()
}

// key presses keys in turn (xdotool names: Return, Escape, Tab, ctrl+l…).
func (s *session) key(keys ...string) {
	s.xdo(append([]string{"key", "--delay", "80"}, keys...)...)
}

// windowID returns the X window, shown on screen, whose title matches the
// pattern.
func (s *session) windowID(title string) string {
	s.t.Helper()
	for i := 0; i < 100; i++ {
		cmd := exec.Command("xdotool", "search", "--onlyvisible", "--name", title)
		cmd.Env = append(os.Environ(), "DISPLAY="+s.display)
		b, _ := cmd.Output()
		if out := strings.TrimSpace(string(b)); out != "" {
			return strings.Fields(out)[0]
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("aucune fenêtre « %s » à l'écran", title)
	return ""
}

// focusWindow gives the keyboard to the window with that title (there is
// no window manager to do it on a click), and checks that it has it.
func (s *session) focusWindow(title string) {
	s.t.Helper()
	id := s.windowID(title)
	for i := 0; i < 20; i++ {
		s.xdo("windowraise", id)
		cmd := exec.Command("xdotool", "windowfocus", "--sync", id)
		cmd.Env = append(os.Environ(), "DISPLAY="+s.display)
		cmd.Run()
		if s.xdo("getwindowfocus") == id {
			time.Sleep(100 * time.Millisecond)
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.t.Fatalf("la fenêtre « %s » ne prend pas le clavier", title)
}

// origin is where a window's content starts on the screen.
func (s *session) origin(title string) (int, int) {
	out := s.xdo("getwindowgeometry", "--shell", s.windowID(title))
	var x, y int
	for _, l := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(l, "X="); ok {
			x, _ = strconv.Atoi(v)
		}
		if v, ok := strings.CutPrefix(l, "Y="); ok {
			y, _ = strconv.Atoi(v)
		}
	}
	return x, y
}

// screenRect converts a named rectangle of the dump (Fyne units in its
// window) to screen pixels.
func (s *session) screenRect(st state, name string) (x, y, w, h int) {
	r := st.Rects[name]
	title := "^Atlas RI$"
	if t, ok := st.Windows[name]; ok {
		title = regexp.QuoteMeta(t)
	}
	ox, oy := s.origin(title)
	sc := s.last.Window.Scale
	if sc <= 0 {
		sc = 1
	}
	return ox + int(r[0]*sc), oy + int(r[1]*sc), int(r[2] * sc), int(r[3] * sc)
}

// moveTo moves the pointer (not with --sync: xdotool then waits forever
// when the pointer is already there).
func (s *session) moveTo(x, y int) {
	s.xdo("mousemove", strconv.Itoa(x), strconv.Itoa(y))
	time.Sleep(80 * time.Millisecond)
}

// clickAt clicks the left button at a screen position.
func (s *session) clickAt(x, y int) {
	s.moveTo(x, y)
	s.xdo("click", "1")
}

// offers reports whether a field's list is open with options that answer
// its text as it is now.
func (f fieldState) offers() bool { return f.Open && f.For == f.Text && len(f.Options) > 0 }

// reveal scrolls the pane holding a named widget (with the mouse wheel
// over it) until the widget is inside the pane.
func (s *session) reveal(name, pane string) {
	s.t.Helper()
	for i := 0; i < 30; i++ {
		st := s.wait("« "+name+" » à l'écran", func(st state) bool { _, ok := st.Rects[name]; return ok })
		r, p := st.Rects[name], st.Rects[pane]
		// A notch of the wheel moves Fyne's scroll by about 25 units.
		switch below, above := r[1]+r[3]-(p[1]+p[3]), p[1]-r[1]; {
		case below > 0:
			s.wheelOver(pane, 5, int(below/25)+1)
		case above > 0:
			s.wheelOver(pane, 4, int(above/25)+1)
		default:
			s.steady(name)
			return
		}
		s.steady(name)
	}
	s.t.Fatalf("« %s » reste hors de « %s »", name, pane)
}

// steady waits until a named widget stops moving (scrolling goes on for
// a moment after the wheel): a click must land where it is, not where it
// was.
func (s *session) steady(name string) {
	prev := [4]float32{-1}
	for i := 0; i < 30; i++ {
		time.Sleep(100 * time.Millisecond)
		st := s.fresh()
		if r := st.Rects[name]; r == prev {
			return
		} else {
			prev = r
		}
	}
}

// wheelOver turns the mouse wheel n notches over a named widget (button 4
// up, 5 down), on its right edge where the scroll bar is: text boxes
// inside would take the wheel for themselves.
func (s *session) wheelOver(name string, button, n int) {
	x, y, w, h := s.screenRect(s.last, name)
	s.moveTo(x+w-3, y+h/2)
	s.xdo("click", "--repeat", strconv.Itoa(n), "--delay", "30", strconv.Itoa(button))
}

// click clicks in the middle of a named widget of the dump.
func (s *session) click(name string) {
	s.t.Helper()
	s.fresh()
	st := s.wait("« "+name+" » à l'écran", func(st state) bool { _, ok := st.Rects[name]; return ok })
	x, y, w, h := s.screenRect(st, name)
	s.clickAt(x+w/2, y+h/2)
}

// shot saves a screenshot of the whole screen as the next step and
// returns its path.
func (s *session) shot(name string) string {
	s.step++
	p := filepath.Join(s.shots, fmt.Sprintf("%02d-%s.png", s.step, name))
	if testing.Verbose() {
		s.t.Logf("%5.1f s  %02d %s", time.Since(s.started).Seconds(), s.step, name)
	}
	cmd := exec.Command("import", "-window", "root", p)
	cmd.Env = append(os.Environ(), "DISPLAY="+s.display)
	if out, err := cmd.CombinedOutput(); err != nil {
		s.t.Logf("capture impossible : %v %s", err, out)
	}
	return p
}

// ocr reads the text in a screen rectangle of the latest screenshot
// (taken now), enlarged for tesseract.
func (s *session) ocr(step string, x, y, w, h int) string {
	s.t.Helper()
	shot := s.shot(step)
	crop := filepath.Join(s.shots, fmt.Sprintf("%02d-%s-zone.png", s.step, step))
	args := []string{shot, "-crop", fmt.Sprintf("%dx%d+%d+%d", w, h, x, y), "+repage", "-resize", "200%", "-colorspace", "Gray"}
	switch s.ocrMode {
	case 1:
		args = append(args, "-threshold", "60%")
	case 2:
		// Light text on a mid-grey highlight: tesseract read « Clair » as
		// « ES »; in black on white it reads it.
		args = append(args, "-threshold", "60%", "-negate")
	}
	if out, err := exec.Command("convert", append(args, crop)...).CombinedOutput(); err != nil {
		s.t.Fatalf("convert : %v %s", err, out)
	}
	out, err := exec.Command("tesseract", crop, "-", "-l", "fra", "--psm", "6").Output()
	if err != nil {
		s.t.Fatalf("tesseract : %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// ocrName reads the text of a named widget.
func (s *session) ocrName(step, name string) string {
	s.t.Helper()
	st := s.wait("« "+name+" » à l'écran", func(st state) bool { _, ok := st.Rects[name]; return ok })
	x, y, w, h := s.screenRect(st, name)
	return s.ocr(step, x, y, w, h)
}

// seeText checks that OCR of a named widget finds every word (accents and
// case aside: OCR is approximate).
func (s *session) seeText(step, name string, words ...string) {
	s.t.Helper()
	var got string
	var missing []string
	// The state can run ahead of the screen by a frame: read again a few
	// times before concluding.
	for try := 0; try < 4; try++ {
		if try > 0 {
			time.Sleep(400 * time.Millisecond)
		}
		s.ocrMode = try % 3 // as captured, then black and white, then inverted
		got, missing = s.ocrName(step, name), nil
		s.ocrMode = 0
		for _, w := range words {
			if !strings.Contains(fold(got), fold(w)) {
				missing = append(missing, w)
			}
		}
		if len(missing) == 0 {
			return
		}
	}
	s.t.Errorf("%s : %q ne sont pas lus à l'écran dans %s ; lu : %q", step, missing, name, got)
}

// word is one word OCR found on the screen, in screen pixels.
type word struct {
	text       string
	x, y, w, h int
}

// words reads every word on the screen with its place.
func (s *session) words(step string) []word {
	s.t.Helper()
	shot := s.shot(step)
	big := shot + ".big.png"
	defer os.Remove(big)
	if out, err := exec.Command("convert", shot, "-resize", "200%", "-colorspace", "Gray", big).CombinedOutput(); err != nil {
		s.t.Fatalf("convert : %v %s", err, out)
	}
	out, err := exec.Command("tesseract", big, "-", "-l", "fra", "tsv").Output()
	if err != nil {
		s.t.Fatalf("tesseract : %v", err)
	}
	var ws []word
	for _, line := range strings.Split(string(out), "\n")[1:] {
		f := strings.Split(line, "\t")
		if len(f) < 12 || strings.TrimSpace(f[11]) == "" {
			continue
		}
		n := func(i int) int { v, _ := strconv.Atoi(f[i]); return v / 2 }
		ws = append(ws, word{text: f[11], x: n(6), y: n(7), w: n(8), h: n(9)})
	}
	return ws
}

// clickWord clicks the first word OCR reads as text (accents and case
// aside) in the screen area [minY, maxY); false when none is found.
func (s *session) clickWord(step, text string, minY, maxY int) bool {
	for _, w := range s.words(step) {
		if fold(w.text) == fold(text) && w.y >= minY && w.y < maxY {
			s.clickAt(w.x+w.w/2, w.y+w.h/2)
			return true
		}
	}
	return false
}

var nonWord = regexp.MustCompile(`[^\p{L}\p{N}]+`)

// fold lowers case and drops accents and punctuation, for OCR matches.
func fold(s string) string {
	r := strings.NewReplacer("é", "e", "è", "e", "ê", "e", "ë", "e", "à", "a", "â", "a", "î", "i", "ï", "i",
		"ô", "o", "ù", "u", "û", "u", "ç", "c", "œ", "oe", "É", "e")
	s = r.Replace(strings.ToLower(s))
	s = nonWord.ReplaceAllString(s, " ")
	return strings.TrimFunc(s, unicode.IsSpace)
}
