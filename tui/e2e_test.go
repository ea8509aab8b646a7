package tui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"flowsmith/validate"
)

// The end-to-end test runs the real flowsmith binary in tmux, types like a
// user, and checks the file on disk. When the root package does not build (the
// CLI is mid-change), it runs this test binary as the editor instead
// (FLOWSMITH_TUI_E2E_MAIN=1, see TestMain), so the editor is still exercised.

func TestMain(m *testing.M) {
	if os.Getenv("FLOWSMITH_TUI_E2E_MAIN") == "1" {
		opts := Options{Dark: true}
		if len(os.Args) > 1 {
			opts.Path = os.Args[len(os.Args)-1]
		}
		if err := Run(opts); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	code := m.Run()
	if editorBuild.bin != "" {
		os.RemoveAll(filepath.Dir(editorBuild.bin))
	}
	os.Exit(code)
}

// editorCommand returns the command line that starts the editor on a file.
// The binary is built once per test run.
func editorCommand(t *testing.T, file string) string {
	t.Helper()
	editorBuild.Do(func() {
		dir, err := os.MkdirTemp("", "flowsmith-e2e-")
		if err != nil {
			editorBuild.out = []byte(err.Error())
			return
		}
		editorBuild.bin = filepath.Join(dir, "flowsmith")
		build := exec.Command("go", "build", "-o", editorBuild.bin, ".")
		build.Dir = ".."
		editorBuild.out, err = build.CombinedOutput()
		if err != nil {
			editorBuild.bin = ""
		}
	})
	if editorBuild.bin != "" {
		return shellQuote(editorBuild.bin) + " " + shellQuote(file)
	}
	t.Logf("the flowsmith binary does not build, running the editor from the test binary:\n%s", editorBuild.out)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return "env FLOWSMITH_TUI_E2E_MAIN=1 " + shellQuote(self) + " " + shellQuote(file)
}

// editorBuild is the editor binary the end-to-end tests run, built once.
var editorBuild struct {
	sync.Once
	bin string // "" when it does not build
	out []byte // the build's output
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

type tmuxSession struct {
	t      *testing.T
	socket string
	name   string
}

func (s *tmuxSession) tmux(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	return string(out), err
}

func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	if out, err := s.tmux(append([]string{"send-keys", "-t", s.name}, keys...)...); err != nil {
		s.t.Fatalf("send-keys %v: %v %s", keys, err, out)
	}
}

func (s *tmuxSession) text(text string) {
	s.t.Helper()
	if out, err := s.tmux("send-keys", "-t", s.name, "-l", text); err != nil {
		s.t.Fatalf("send-keys -l %q: %v %s", text, err, out)
	}
}

func (s *tmuxSession) capture() string {
	out, _ := s.tmux("capture-pane", "-p", "-t", s.name)
	return out
}

// waitFor polls the screen until it shows every string, or fails after a timeout.
func (s *tmuxSession) waitFor(what ...string) {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		scr := s.capture()
		ok := true
		for _, w := range what {
			ok = ok && strings.Contains(scr, w)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("timed out waiting for %q; the screen shows:\n%s", what, scr)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// waitExit polls until the editor has quit and tmux closed the session.
func (s *tmuxSession) waitExit() {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		if _, err := s.tmux("has-session", "-t", s.name); err != nil {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the editor did not quit; the screen shows:\n%s", s.capture())
		}
		time.Sleep(40 * time.Millisecond)
	}
}

func TestEndToEndTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "flow.json")
	src, err := os.ReadFile(filepath.Join("..", "examples", "broken", "dangling-target.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := editorCommand(t, file)
	s := &tmuxSession{t: t, socket: fmt.Sprintf("flowsmith-e2e-%d", os.Getpid()), name: "e2e"}
	if out, err := s.tmux("new-session", "-d", "-s", s.name, "-x", "140", "-y", "45",
		"env TERM=xterm-256color "+cmd); err != nil {
		t.Fatalf("tmux new-session: %v %s", err, out)
	}
	t.Cleanup(func() { s.tmux("kill-server") })

	// The finding is on screen.
	s.waitFor("1 Nodes", "dangling-target", "✖ 1")
	// Apply its quick fix from the problems pane.
	s.keys("3")
	s.waitFor("f Link to closing_unverified")
	s.keys("f")
	s.waitFor("fixed: Link to closing_unverified", "✖ 0")
	// Rename a node: every reference is rewritten.
	s.keys("1", "/")
	s.text("liveness")
	s.keys("Enter")
	s.waitFor("2 Editor", "liveness_detection")
	s.keys("r")
	s.waitFor("Rename liveness")
	s.keys("C-u")
	s.text("live_check")
	s.keys("Enter")
	s.waitFor("rename liveness → live_check")
	// Undo and redo.
	s.keys("u")
	s.waitFor("undid rename liveness → live_check")
	s.keys("C-r")
	s.waitFor("redid rename liveness → live_check")
	// Save, quit.
	s.keys("C-s")
	s.waitFor("saved " + file)
	s.keys("q")
	s.waitExit()

	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := string(got)
	for _, want := range []string{`"id": "live_check"`, `"targetNodeId": "live_check"`, `"inconclusive": "closing_unverified"`} {
		if !strings.Contains(text, want) {
			t.Errorf("the saved file lacks %s:\n%s", want, text)
		}
	}
	if strings.Contains(text, "closing_unverifed") || strings.Contains(text, `"liveness"`) {
		t.Errorf("the saved file still has the old values:\n%s", text)
	}
	if _, fs := validate.Check(file, got, validate.Options{}); validate.HasErrors(fs) {
		t.Errorf("the saved file has errors: %v", fs)
	}
}
