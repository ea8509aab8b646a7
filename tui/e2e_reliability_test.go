//go:build unix

package tui

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"flowsmith/examples"
	"flowsmith/flowgraph/journal"
	"flowsmith/internal/testenv"
)

// End-to-end tests of the reliability protections: the real flowsmith binary
// (see editorCommand) in tmux, killed, starved of disk, raced by other
// programs and fed hostile files; and saves as a user without privileges.

// startTmux starts the editor on file in a detached tmux session, with the
// recovery journal in state. The session is killed when the test ends.
func startTmux(t *testing.T, name, file, state string) *tmuxSession {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	s := &tmuxSession{t: t, socket: fmt.Sprintf("flowsmith-rel-%d-%s", os.Getpid(), name), name: name}
	s.start(editorCommand(t, file), state)
	t.Cleanup(func() { s.tmux("kill-server") })
	return s
}

// start runs the editor in a new session of the test's tmux server. exec
// makes the editor the pane's process, so that its pid is the pane's.
func (s *tmuxSession) start(cmd, state string) {
	s.t.Helper()
	line := "exec env TERM=xterm-256color XDG_STATE_HOME=" + shellQuote(state) + " " + cmd
	if out, err := s.tmux("new-session", "-d", "-s", s.name, "-x", "150", "-y", "45", line); err != nil {
		s.t.Fatalf("tmux new-session: %v %s", err, out)
	}
}

func (s *tmuxSession) display(format string) string {
	out, _ := s.tmux("display-message", "-p", "-t", s.name, format)
	return strings.TrimSpace(out)
}

// poll waits for cond with a deadline.
func poll(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// startRenamed writes the sample flow to flow.json in a new temporary folder,
// starts the editor on it in tmux (see startTmux), and renames the first node,
// start, to name with the keys a user would press. It returns the session and
// the file.
func startRenamed(t *testing.T, session, state, name string) (*tmuxSession, string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "flow.json")
	if err := os.WriteFile(file, examples.Sample(), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startTmux(t, session, file, state)
	s.waitFor("1 Nodes", "greeting")
	s.keys("r") // the first node, start, is selected
	s.waitFor("Rename start")
	s.keys("C-u")
	s.text(name)
	s.keys("Enter")
	s.waitFor("rename start → " + name)
	return s, file
}

// The editor is killed with SIGKILL after an edit; started again, it offers the
// edit back, shows what differs, restores it, and saves it.
func TestE2EKillAndRecover(t *testing.T) {
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state) // for journal.Read in this process
	s, file := startRenamed(t, "kill", state, "welcome")
	edited := time.Now()
	poll(t, "the recovery entry", func() bool {
		e, _ := journal.Read(file)
		return e != nil && strings.Contains(e.Src, `"id": "welcome"`)
	})
	if d := time.Since(edited); d > 2500*time.Millisecond*testenv.Slowdown() {
		t.Errorf("the journal was written %v after the edit", d)
	}
	pid, err := strconv.Atoi(s.display("#{pane_pid}"))
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	s.waitExit()
	if !bytes.Equal(mustRead(t, file), examples.Sample()) {
		t.Fatal("nothing was saved before the kill")
	}

	s.start(editorCommand(t, file), state)
	s.waitFor("Recover unsaved changes?", `-    "id": "start"`, `+    "id": "welcome"`, "restore")
	s.keys("r")
	s.waitFor("restored the unsaved edits", "[+]")
	s.keys("C-s")
	s.waitFor("saved " + file)
	s.keys("q")
	s.waitExit()
	if got := mustRead(t, file); !bytes.Contains(got, []byte(`"id": "welcome"`)) {
		t.Fatalf("the recovered edit is not on disk:\n%s", got)
	}
	if e, err := journal.Read(file); e != nil || err != nil {
		t.Errorf("the recovery is removed after the save (%v)", err)
	}
}

// Saves that fail (a read-only file, then a disk that is full) say why, keep
// the edits, and "save as" saves them elsewhere. The full disk is a filled
// tmpfs (root); elsewhere a link to /dev/full stands in for it, and the save
// is refused because that is a device.
func TestE2ESaveFailures(t *testing.T) {
	full, fullReason := filepath.Join(t.TempDir(), "full.json"), "it is a device, not a file"
	if small, _ := tryTmpfs(t, "size=64k"); small != "" {
		full, fullReason = filepath.Join(small, "full.json"), "the disk is full (no space left on device)"
		if err := os.WriteFile(full, examples.Sample(), 0o644); err != nil {
			t.Fatal(err)
		}
		fill(t, small)
	} else if err := os.Symlink("/dev/full", full); err != nil {
		t.Fatal(err)
	}
	s, file := startRenamed(t, "savefail", t.TempDir(), "welcome")
	other := filepath.Join(filepath.Dir(file), "other.json")
	if err := os.Chmod(file, 0o444); err != nil {
		t.Fatal(err)
	}
	s.keys("C-s")
	s.waitFor("Save failed", "the file is read-only", "Nothing was written", "save as…")
	s.keys("a")
	s.waitFor("Save as")
	s.keys("C-u")
	s.text(full)
	s.keys("Enter")
	s.waitFor("Overwrite?")
	s.keys("y")
	s.waitFor("Save failed", fullReason)
	s.keys("a")
	s.waitFor("Save as")
	s.keys("C-u")
	s.text(other)
	s.keys("Enter")
	s.waitFor("saved " + other)
	s.keys("u") // the history survived the failures
	s.waitFor("undid rename start → welcome")
	s.keys("C-r")
	s.waitFor("redid rename start → welcome")
	if !bytes.Equal(mustRead(t, file), examples.Sample()) {
		t.Error("the read-only file changed")
	}
	if info, err := os.Stat(full); err == nil && info.Mode().IsRegular() && !bytes.Equal(mustRead(t, full), examples.Sample()) {
		t.Error("the file on the full disk changed")
	}
	if !bytes.Contains(mustRead(t, other), []byte(`"id": "welcome"`)) {
		t.Error("save as did not write the edits")
	}
}

// Another program replaces the file (atomically, as editors save): the status
// bar says so at once, and ctrl+s asks before overwriting.
func TestE2EExternalChange(t *testing.T) {
	s, file := startRenamed(t, "external", t.TempDir(), "begin")
	theirs := bytes.Replace(examples.Sample(), []byte(`"closing_later"`), []byte(`"theirs"`), -1)
	tmp := file + ".tmp-other"
	if err := os.WriteFile(tmp, theirs, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	s.waitFor("changed on disk by another program")
	s.keys("C-s")
	s.waitFor("File changed on disk", "overwrite", "reload (drop my changes)", "cancel")
	s.keys("c")
	s.waitFor("not saved")
	if !bytes.Equal(mustRead(t, file), theirs) {
		t.Fatal("cancel wrote the file")
	}
	s.keys("C-s")
	s.waitFor("File changed on disk")
	s.keys("o")
	s.waitFor("saved " + file)
	if got := mustRead(t, file); !bytes.Contains(got, []byte(`"id": "begin"`)) {
		t.Fatalf("overwrite did not write my version:\n%s", got)
	}
}

// A flow full of escape sequences: moving through every pane leaves the
// terminal's title and screen alone, and the escapes are shown as text.
func TestE2ETerminalInjection(t *testing.T) {
	file := filepath.Join(t.TempDir(), "evil.json")
	if err := os.WriteFile(file, []byte(testenv.InjectionFlow), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startTmux(t, "inject", file, t.TempDir())
	s.waitFor("1 Nodes")
	title := s.display("#{pane_title}")
	// Every node in the list and in the editor, then the other panes; the help
	// overlay at the end shows that every key before it has been handled.
	s.keys("1", "j", "2", "j", "j", "j", "3", "j", "4", "5", "1", "j", "j", "2", "j", "j", "j", "4", "5",
		"1", "j", "2", "j", "3", "?")
	s.waitFor("Everywhere")
	s.keys("Escape", "1")
	s.waitFor(`\x1b]0;PWNED\x07greet`, "1 Nodes", "2 Editor")
	if got := s.display("#{pane_title}"); got != title || !strings.Contains(got, "flowsmith") {
		t.Errorf("pane title %q, want the editor's own %q", got, title)
	}
	scr := s.capture()
	if !strings.Contains(scr, `\u202e`) && !strings.Contains(scr, `\x1b[2J`) {
		t.Errorf("the other escapes are not shown as text:\n%s", scr)
	}
}

// Hostile files open to the read-only view with the fault's line and column.
func TestE2EHostileFiles(t *testing.T) {
	dir := t.TempDir()
	deep := filepath.Join(dir, "deep.json")
	if err := os.WriteFile(deep, append(bytes.Repeat([]byte("["), 200000), bytes.Repeat([]byte("]"), 200000)...), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "binary.json")
	if err := os.WriteFile(bin, []byte("\x00\x01\xff\xfe\x1b]0;PWNED\x07\x9b2J garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{deep, bin} {
		s := startTmux(t, "hostile-"+strings.TrimSuffix(filepath.Base(f), ".json"), f, t.TempDir())
		start := time.Now()
		s.waitFor("cannot be opened as a flow", "line 1, column")
		if d := time.Since(start); d > 5*time.Second*testenv.Slowdown() {
			t.Errorf("%s: the read-only view took %v", f, d)
		}
		if strings.Contains(s.display("#{pane_title}"), "PWNED") {
			t.Error("the title was set by the file")
		}
		s.keys("q")
		s.waitExit()
	}
}

// --- as a user without privileges ------------------------------------------------

// Permission denied and a read-only folder, as a user without privileges (when
// the tests run as root, they run again as nobody in a child process).
func TestSaveUnprivileged(t *testing.T) {
	if asNobody(t) {
		return
	}
	t.Run("read-only folder", func(t *testing.T) {
		stateDir(t)
		path := writeTemp(t, "flow.json", examples.Sample())
		x := editedRT(t, path)
		chmod(t, filepath.Dir(path), 0o555)
		saveFailure(t, x, path, "permission denied", examples.Sample())
	})
	t.Run("no access to the folder", func(t *testing.T) {
		stateDir(t)
		path := writeTemp(t, "flow.json", examples.Sample())
		x := editedRT(t, path)
		chmod(t, filepath.Dir(path), 0o000)
		saveFailure(t, x, path, "permission denied", nil)
		chmod(t, filepath.Dir(path), 0o755)
		if !bytes.Equal(mustRead(t, path), examples.Sample()) {
			t.Error("the file on disk changed")
		}
	})
}

func chmod(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(path, 0o755) })
}

// asNobody runs the calling test again as user nobody when the tests run as
// root (root ignores file permissions); it reports true when it did, and the
// caller returns. Without root it does nothing.
func asNobody(t *testing.T) bool {
	t.Helper()
	if os.Geteuid() != 0 {
		return false
	}
	if testing.Short() {
		t.Skip("-short: runs a child process")
	}
	self, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	dir, err := os.MkdirTemp("", "flowsmith-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	bin := filepath.Join(dir, "tui.test")
	data, err := os.ReadFile(self)
	if err != nil {
		t.Skip(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run", "^"+t.Name()+"$", "-test.v", "-test.count=1")
	cmd.Dir, _ = os.Getwd()
	cmd.Env = append(os.Environ(), "HOME="+dir, "TMPDIR=/tmp", "GOCOVERDIR=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("as nobody, the test did not pass:\n%s", out)
	}
	t.Logf("ran as nobody:\n%s", out)
	return true
}
