package tui

import (
	"bytes"
	"flowsmith/internal/testenv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"flowsmith/examples"
	"flowsmith/flowgraph"
	"flowsmith/flowgraph/journal"
)

// The editors the end-to-end tests start (Run turns the recovery journal on)
// keep their journal in a folder of the tests, never in the user's own state
// folder. Tests that look at the journal point it at a folder of their own
// (stateDir).
func init() {
	os.Setenv("XDG_STATE_HOME", filepath.Join(os.TempDir(), "flowsmith-tui-test-state"))
}

// rt drives the model the way tea.Program does, background work included:
// commands run in goroutines and their messages come back on a channel; only
// the test goroutine calls Update. Tests wait for what they expect with a
// deadline (waitFor), never with a fixed sleep.
type rt struct {
	t        *testing.T
	m        Model
	msgs     chan tea.Msg
	done     chan struct{}
	inflight atomic.Int64
	quit     bool
}

// newRT starts the editor with its background work (recovery journal, folder
// watch) on. The journal lives in a temporary state folder.
func newRT(t *testing.T, opts Options, w, h int) *rt {
	t.Helper()
	if !strings.HasPrefix(os.Getenv("XDG_STATE_HOME"), os.TempDir()) {
		t.Fatal("the recovery journal must live in a temporary folder (stateDir)")
	}
	opts.Dark, opts.background = true, true
	x := &rt{t: t, m: New(opts), msgs: make(chan tea.Msg, 64), done: make(chan struct{})}
	t.Cleanup(x.stop)
	x.exec(x.m.Init())
	x.handle(tea.WindowSizeMsg{Width: w, Height: h})
	return x
}

// stateDir points the recovery journal at a fresh temporary folder.
func stateDir(t *testing.T) string {
	t.Helper()
	d := t.TempDir()
	t.Setenv("XDG_STATE_HOME", d)
	return d
}

// stop ends the background work and waits for the commands still running
// (a journal tick ends within journalDelay).
func (x *rt) stop() {
	close(x.done)
	x.m.stopBackground()
	deadline := time.Now().Add(5 * time.Second)
	for x.inflight.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
}

func (x *rt) exec(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	select {
	case <-x.done:
		return
	default:
	}
	x.inflight.Add(1)
	go func() {
		defer x.inflight.Add(-1)
		x.deliver(cmd())
	}()
}

// deliver hands a command's message to the test goroutine, unpacking batches
// and sequences like the program does.
func (x *rt) deliver(msg tea.Msg) {
	switch m := msg.(type) {
	case nil:
		return
	case tea.BatchMsg:
		for _, c := range m {
			x.exec(c)
		}
		return
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && strings.HasSuffix(fmt.Sprintf("%T", msg), "sequenceMsg") {
		for i := 0; i < v.Len(); i++ {
			if c, _ := v.Index(i).Interface().(tea.Cmd); c != nil {
				x.deliver(c())
			}
		}
		return
	}
	if isExec(msg) {
		return
	}
	select {
	case x.msgs <- msg:
	case <-x.done:
	}
}

func (x *rt) handle(msg tea.Msg) {
	if _, ok := msg.(tea.QuitMsg); ok {
		x.quit = true
		return
	}
	_, cmd := x.m.Update(msg)
	x.m.View()
	x.exec(cmd)
}

// drain handles the messages that have already arrived.
func (x *rt) drain() {
	for {
		select {
		case msg := <-x.msgs:
			x.handle(msg)
		default:
			return
		}
	}
}

func (x *rt) press(keys ...string) *rt {
	for _, k := range keys {
		x.drain()
		if text, ok := strings.CutPrefix(k, "type:"); ok {
			for _, r := range text {
				x.handle(keyMsg(string(r)))
			}
			continue
		}
		x.handle(keyMsg(k))
	}
	return x
}

// waitFor handles messages as they come until cond holds, or fails.
func (x *rt) waitFor(what string, cond func() bool) {
	x.t.Helper()
	deadline := time.NewTimer(10 * time.Second)
	defer deadline.Stop()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case msg := <-x.msgs:
			x.handle(msg)
		case <-tick.C: // conditions on the disk change without a message
		case <-deadline.C:
			x.t.Fatalf("timed out waiting for %s; the screen shows:\n%s", what, x.screen())
		}
	}
}

func (x *rt) waitScreen(what ...string) {
	x.t.Helper()
	x.waitFor(fmt.Sprintf("the screen to show %q", what), func() bool {
		scr := x.screen()
		for _, w := range what {
			if !strings.Contains(scr, w) {
				return false
			}
		}
		return true
	})
}

func (x *rt) screen() string { return ansi.Strip(x.m.view()) }

// waitMessage waits for the status bar's message (whole, however much of it
// fits on the screen) to contain s.
func (x *rt) waitMessage(s string) {
	x.t.Helper()
	x.waitFor(fmt.Sprintf("the status message %q", s), func() bool { return strings.Contains(x.m.ctx.lastMessage, s) })
}

// status is the status bar line.
func (x *rt) status() string {
	l := lines(x.screen())
	return l[len(l)-2]
}

func (x *rt) selectNode(id string) *rt {
	x.t.Helper()
	i := x.m.ctx.Doc.NodeByID(id)
	if i < 0 {
		x.t.Fatalf("no node %q", id)
	}
	x.m.ctx.Select(i)
	return x
}

// rename renames the selected node (an edit that changes the bytes).
func (x *rt) rename(from, to string) *rt {
	x.selectNode(from).press("r", "ctrl+u", "type:"+to, "enter")
	if x.m.ctx.Doc.NodeByID(to) < 0 {
		x.t.Fatalf("rename %s → %s did not happen:\n%s", from, to, x.screen())
	}
	return x
}

func (x *rt) dialogOpen() bool { return len(x.m.ctx.dialogs) > 0 }

// writeTemp writes a flow file in a fresh folder.
func writeTemp(t *testing.T, name string, src []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func journalEntry(t *testing.T, key string) *journal.Entry {
	t.Helper()
	e, err := journal.Read(key)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// --- the recovery journal ------------------------------------------------------

// An edit is journaled within two seconds, readable only by the user; a save
// removes the entry.
func TestJournalAfterEdit(t *testing.T) {
	stateDir(t)
	path := writeTemp(t, "flow.json", examples.Sample())
	x := newRT(t, Options{Path: path}, 140, 45)
	x.waitFor("the document", func() bool { return x.m.ctx.Doc != nil })
	x.rename("greeting", "hello")
	edited := time.Now()
	x.waitFor("the journal entry", func() bool {
		e, _ := journal.Read(path)
		return e != nil && e.Src == string(x.m.ctx.Doc.Src)
	})
	if d := time.Since(edited); d > 2*time.Second*raceSlowdown() {
		t.Errorf("the journal was written %v after the edit; want under 2s", d)
	}
	e := journalEntry(t, path)
	if e.Base != journal.Hash(examples.Sample()) {
		t.Errorf("the entry's base is not the file on disk")
	}
	dir, _ := journal.Dir()
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != 1 {
		t.Fatalf("recovery files: %v", files)
	}
	if info, err := os.Stat(files[0]); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the recovery file must be private (0600): %v %v", info.Mode(), err)
	}
	// Further edits keep the entry current.
	x.rename("hello", "hi")
	x.waitFor("the journal to follow the edit", func() bool {
		e, _ := journal.Read(path)
		return e != nil && strings.Contains(e.Src, `"hi"`)
	})
	x.press("ctrl+s")
	x.waitMessage("saved " + path)
	x.waitFor("the entry to be removed after the save", func() bool {
		e, err := journal.Read(path)
		return e == nil && err == nil
	})
	if !bytes.Contains(mustRead(t, path), []byte(`"id": "hi"`)) {
		t.Error("not saved")
	}
}

// Undoing every edit leaves nothing unsaved: the entry goes.
func TestJournalRemovedWhenUndoneToSaved(t *testing.T) {
	stateDir(t)
	path := writeTemp(t, "flow.json", examples.Sample())
	x := newRT(t, Options{Path: path, Src: examples.Sample()}, 140, 45)
	x.rename("greeting", "hello")
	x.waitFor("the journal entry", func() bool { e, _ := journal.Read(path); return e != nil })
	x.press("u")
	if x.m.ctx.Modified {
		t.Fatal("undo returns to the saved bytes")
	}
	x.waitFor("the entry to be removed", func() bool { e, _ := journal.Read(path); return e == nil })
}

// The untitled sample is journaled under "".
func TestJournalUntitled(t *testing.T) {
	stateDir(t)
	x := newRT(t, Options{}, 140, 45)
	x.rename("greeting", "hello")
	x.waitFor("the untitled journal entry", func() bool {
		e, _ := journal.Read("")
		return e != nil && strings.Contains(e.Src, `"hello"`) && e.Path == ""
	})
	// Restarting without a file offers it back.
	y := newRT(t, Options{}, 140, 45)
	y.waitScreen("Recover unsaved changes?", "untitled (sample)")
	y.press("r")
	if !y.m.ctx.Modified || y.m.ctx.Doc.NodeByID("hello") < 0 {
		t.Fatal("restored")
	}
}

// A recovery that differs from the disk is offered with the difference; restore
// opens it as a modified document whose history starts there; saving writes it
// and removes the entry.
func TestJournalRestore(t *testing.T) {
	stateDir(t)
	disk := examples.Sample()
	path := writeTemp(t, "flow.json", disk)
	recovered := bytes.Replace(disk, []byte(`"greeting"`), []byte(`"welcome"`), -1)
	if err := journal.Write(path, journal.Hash(disk), recovered, time.Now()); err != nil {
		t.Fatal(err)
	}
	x := newRT(t, Options{Path: path, Src: disk}, 140, 45)
	x.waitScreen("Recover unsaved changes?", "flow.json", "restore", "open the file on disk (keep the recovery)")
	scr := x.screen()
	for _, want := range []string{`-    "id": "greeting"`, `+    "id": "welcome"`, "--- on disk", "+++ recovered", "@@"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the dialog does not show %q:\n%s", want, scr)
		}
	}
	if x.m.ctx.Doc.NodeByID("greeting") < 0 {
		t.Fatal("the file on disk is open behind the dialog")
	}
	x.press("r")
	c := x.m.ctx
	if !bytes.Equal(c.Doc.Src, recovered) || !c.Modified || c.Hist.CanUndo() {
		t.Fatalf("restore: modified %v, can undo %v", c.Modified, c.Hist.CanUndo())
	}
	x.waitScreen("[+]")
	x.waitMessage("restored the unsaved edits")
	x.press("ctrl+s")
	x.waitMessage("saved " + path)
	if !bytes.Equal(mustRead(t, path), recovered) {
		t.Error("the restored bytes are on disk")
	}
	x.waitFor("the entry to be removed", func() bool { e, _ := journal.Read(path); return e == nil })
}

// A recovery made from an older version of the file says so; restored, its
// entry keeps naming the version its edits began on.
func TestJournalRestoreAfterDiskChanged(t *testing.T) {
	stateDir(t)
	older := examples.Sample()
	disk := bytes.Replace(older, []byte(`"closing_later"`), []byte(`"later"`), -1)
	path := writeTemp(t, "flow.json", disk)
	recovered := bytes.Replace(older, []byte(`"greeting"`), []byte(`"welcome"`), -1)
	if err := journal.Write(path, journal.Hash(older), recovered, time.Now()); err != nil {
		t.Fatal(err)
	}
	x := newRT(t, Options{Path: path, Src: disk}, 160, 50)
	x.waitScreen("Recover unsaved changes?", "The file on disk has changed since those edits were made.")
	n := x.m.bg.results
	x.press("r")
	x.waitFor("the journal to be written again", func() bool { return x.m.bg.results > n })
	if e := journalEntry(t, path); e == nil || e.Base != journal.Hash(older) || e.Src != string(recovered) {
		t.Fatalf("the entry after the restore: %+v", e)
	}
}

// Declining opens the file on disk and keeps the recovery until the next save.
func TestJournalDecline(t *testing.T) {
	stateDir(t)
	disk := examples.Sample()
	path := writeTemp(t, "flow.json", disk)
	recovered := bytes.Replace(disk, []byte(`"greeting"`), []byte(`"welcome"`), -1)
	if err := journal.Write(path, journal.Hash(disk), recovered, time.Now()); err != nil {
		t.Fatal(err)
	}
	x := newRT(t, Options{Path: path}, 140, 45) // read by the editor itself
	x.waitScreen("Recover unsaved changes?")
	x.press("o")
	if x.dialogOpen() || x.m.ctx.Modified || !bytes.Equal(x.m.ctx.Doc.Src, disk) {
		t.Fatal("declining opens the file on disk")
	}
	x.waitMessage("kept the recovery")
	if e := journalEntry(t, path); e == nil || e.Src != string(recovered) {
		t.Fatal("the recovery is kept")
	}
	// Esc declines too, and the next start offers it again.
	y := newRT(t, Options{Path: path}, 140, 45)
	y.waitScreen("Recover unsaved changes?")
	y.press("esc")
	if y.dialogOpen() || journalEntry(t, path) == nil {
		t.Fatal("esc declines and keeps the recovery")
	}
	// The next save removes it.
	y.press("ctrl+s")
	y.waitMessage("saved " + path)
	y.waitFor("the entry to be removed", func() bool { e, _ := journal.Read(path); return e == nil })
}

// A file that was never saved: its recovery is offered instead of the
// templates; declining shows the templates.
func TestJournalNewFile(t *testing.T) {
	stateDir(t)
	path := filepath.Join(t.TempDir(), "new.json")
	if err := journal.Write(path, journal.Hash(nil), examples.Sample(), time.Now()); err != nil {
		t.Fatal(err)
	}
	x := newRT(t, Options{Path: path}, 140, 45)
	x.waitScreen("Recover unsaved changes?", "The file does not exist on disk.", "start a new file")
	x.press("r")
	if x.m.ctx.Doc == nil || !x.m.ctx.Modified {
		t.Fatal("restored as an unsaved document")
	}
	y := newRT(t, Options{Path: path}, 140, 45)
	y.waitScreen("Recover unsaved changes?")
	y.press("o")
	y.waitFor("the template picker", func() bool {
		_, ok := y.m.ctx.dialogs[len(y.m.ctx.dialogs)-1].(*pickerDialog)
		return ok
	})
}

// An entry equal to the file (left by a save racing the journal) is removed
// without asking.
func TestJournalStaleEntryRemoved(t *testing.T) {
	stateDir(t)
	path := writeTemp(t, "flow.json", examples.Sample())
	if err := journal.Write(path, "", examples.Sample(), time.Now()); err != nil {
		t.Fatal(err)
	}
	x := newRT(t, Options{Path: path}, 140, 45)
	x.waitFor("the stale entry to go", func() bool { e, _ := journal.Read(path); return e == nil })
	if x.dialogOpen() {
		t.Fatal("nothing to offer")
	}
}

// A long difference is clipped to the screen with a line count, and scrolls.
func TestJournalDiffScrolls(t *testing.T) {
	stateDir(t)
	disk := examples.Sample()
	path := writeTemp(t, "flow.json", disk)
	d, err := flowgraph.Parse(path, disk)
	if err != nil {
		t.Fatal(err)
	}
	recovered := d.Canonical(flowgraph.Style{Indent: "\t", Newline: "\n"}) // every line differs
	if err := journal.Write(path, journal.Hash(disk), recovered, time.Now()); err != nil {
		t.Fatal(err)
	}
	x := newRT(t, Options{Path: path, Src: disk}, 80, 24)
	x.waitScreen("Recover unsaved changes?", "lines 1–")
	total := regexp.MustCompile(`lines 1–(\d+) of (\d+)`).FindStringSubmatch(x.screen())
	if total == nil || total[1] == total[2] {
		t.Fatalf("clipped with a count: %v\n%s", total, x.screen())
	}
	x.press("pgdown")
	if !strings.Contains(x.screen(), "lines "+fmt.Sprint(1+x.dialogHeight())+"–") {
		t.Errorf("pgdown scrolls:\n%s", x.screen())
	}
	x.press("G")
	if !strings.Contains(x.screen(), "of "+total[2]) || !strings.Contains(x.screen(), "–"+total[2]+" of") {
		t.Errorf("G goes to the end:\n%s", x.screen())
	}
	for _, l := range lines(x.m.view()) {
		if w := ansi.StringWidth(l); w > 80 {
			t.Fatalf("a line is %d cells wide on an 80-cell screen", w)
		}
	}
}

func (x *rt) dialogHeight() int {
	if d, ok := x.m.ctx.dialogs[len(x.m.ctx.dialogs)-1].(*recoveryDialog); ok {
		return d.height
	}
	return 0
}

// A journal that cannot be written is reported (once), and editing goes on.
func TestJournalUnwritable(t *testing.T) {
	state := stateDir(t)
	if err := os.WriteFile(filepath.Join(state, "flowsmith"), []byte("a file, not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, "flow.json", examples.Sample())
	x := newRT(t, Options{Path: path, Src: examples.Sample()}, 140, 45)
	x.rename("greeting", "hello")
	x.waitMessage("cannot keep a recovery copy of your edits")
	n := x.m.bg.results
	x.rename("hello", "hi")
	x.waitFor("the second journal write to fail", func() bool { return x.m.bg.results > n })
	if strings.Contains(x.m.ctx.lastMessage, "recovery") {
		t.Errorf("the same failure is reported once: %s", x.m.ctx.lastMessage)
	}
}

// Quitting with "discard" drops this session's entry.
func TestJournalDiscardOnQuit(t *testing.T) {
	stateDir(t)
	path := writeTemp(t, "flow.json", examples.Sample())
	x := newRT(t, Options{Path: path, Src: examples.Sample()}, 140, 45)
	x.rename("greeting", "hello")
	x.waitFor("the journal entry", func() bool { e, _ := journal.Read(path); return e != nil })
	x.press("q")
	x.waitScreen("Unsaved changes")
	x.press("d")
	x.waitFor("quit", func() bool { return x.quit })
	if e := journalEntry(t, path); e != nil {
		t.Error("discard removes the entry")
	}
}

// Writes and removals land in the order they were issued.
func TestJournalSeqOrder(t *testing.T) {
	s := &journalSeq{}
	write, remove := s.take(), s.take()
	var ran []string
	s.run(remove, func() error { ran = append(ran, "remove"); return nil })
	s.run(write, func() error { ran = append(ran, "write"); return nil })
	if strings.Join(ran, ",") != "remove" {
		t.Fatalf("a write issued before a removal must not run after it: %v", ran)
	}
}

// --- save failures -------------------------------------------------------------

// saveFailure checks what every failed save must leave: the message with path
// and reason, the dialog offering "save as", the document, its history and
// the file on disk unchanged, and no temporary file.
func saveFailure(t *testing.T, x *rt, path, reason string, disk []byte) {
	t.Helper()
	c := x.m.ctx
	src, undo := append([]byte(nil), c.Doc.Src...), c.Hist.Len()
	x.press("ctrl+s")
	x.waitScreen("Save failed")
	scr := x.screen()
	for _, want := range []string{"Cannot save", filepath.Base(path), reason, "Nothing was written", "save as…"} {
		if !strings.Contains(strings.Join(strings.Fields(scr), " "), want) {
			t.Errorf("the dialog does not show %q:\n%s", want, scr)
		}
	}
	if msg := x.m.ctx.lastMessage; !strings.Contains(msg, "cannot save "+path+": "+reason) || !strings.Contains(x.status(), "cannot save") {
		t.Errorf("status bar: %s (message %q)", x.status(), msg)
	}
	for _, noise := range []string{"syscall", "errno", ".tmp", "*fs.PathError", "&{", "open /"} {
		if strings.Contains(scr, noise) {
			t.Errorf("Go error noise %q on screen:\n%s", noise, scr)
		}
	}
	if !bytes.Equal(c.Doc.Src, src) || c.Hist.Len() != undo || !c.Modified {
		t.Error("the document, its history and its modified mark are kept")
	}
	if disk != nil {
		if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, disk) {
			t.Errorf("the file on disk changed (%v)", err)
		}
	}
	if tmp, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp")); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	// "save as" is offered and works.
	other := filepath.Join(t.TempDir(), "elsewhere.json")
	x.press("a")
	x.waitScreen("Save as")
	x.press("ctrl+u", "type:"+other, "enter")
	x.waitMessage("saved " + other)
	if !bytes.Equal(mustRead(t, other), src) {
		t.Error("save as wrote the document")
	}
	if c.Hist.Len() != undo {
		t.Error("the history survives the save")
	}
}

func editedRT(t *testing.T, path string) *rt {
	t.Helper()
	x := newRT(t, Options{Path: path}, 140, 45)
	x.waitFor("the document", func() bool { return x.m.ctx.Doc != nil })
	x.rename("greeting", "hello")
	return x
}

func TestSaveReadOnlyFile(t *testing.T) {
	stateDir(t)
	path := writeTemp(t, "flow.json", examples.Sample())
	x := editedRT(t, path)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	saveFailure(t, x, path, "the file is read-only", examples.Sample())
}

func TestSavePathBecameFolder(t *testing.T) {
	stateDir(t)
	path := writeTemp(t, "flow.json", examples.Sample())
	x := editedRT(t, path)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	saveFailure(t, x, path, "it is a folder now, not a file", nil)
	if info, err := os.Stat(path); err != nil || !info.IsDir() {
		t.Error("the folder is left alone")
	}
}

// Saving a file that is a symbolic link writes the file it names and keeps
// the link.
func TestSaveThroughSymlink(t *testing.T) {
	stateDir(t)
	dir := t.TempDir()
	real := filepath.Join(dir, "real.json")
	if err := os.WriteFile(real, examples.Sample(), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("real.json", link); err != nil {
		t.Fatal(err)
	}
	x := editedRT(t, link)
	x.press("ctrl+s")
	x.waitMessage("saved " + link)
	if target, err := os.Readlink(link); err != nil || target != "real.json" {
		t.Fatalf("the link was replaced: %q %v", target, err)
	}
	if !bytes.Contains(mustRead(t, real), []byte(`"hello"`)) {
		t.Fatal("the file the link names was not written")
	}
	// The watch sees the save as the editor's own.
	x.rename("hello", "hi")
	x.press("ctrl+s")
	x.waitMessage("saved " + link)
}

// Disk full: a file that is a symbolic link to /dev/full (saving writes through
// links).
func TestSaveDiskFullDevFull(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	stateDir(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "flow.json")
	if err := os.Symlink("/dev/full", path); err != nil {
		t.Fatal(err)
	}
	x := newRT(t, Options{Path: path, Src: examples.Sample()}, 140, 45)
	x.rename("greeting", "hello")
	saveFailure(t, x, path, "the disk is full (no space left on device)", nil)
	if target, err := os.Readlink(path); err != nil || target != "/dev/full" {
		t.Error("the link is left alone")
	}
}

// Disk full on a real file system: a 64 KiB tmpfs filled up (needs root).
func TestSaveDiskFullTmpfs(t *testing.T) {
	stateDir(t)
	dir := mountTmpfs(t, "size=64k")
	path := filepath.Join(dir, "flow.json")
	if err := os.WriteFile(path, examples.Sample(), 0o644); err != nil {
		t.Fatal(err)
	}
	fill(t, dir)
	x := editedRT(t, path)
	saveFailure(t, x, path, "the disk is full", examples.Sample())
}

// Read-only folder: a read-only file system (root), or a folder without write
// permission (anyone else; see TestSaveUnprivileged).
func TestSaveReadOnlyFileSystem(t *testing.T) {
	stateDir(t)
	dir := mountTmpfs(t, "size=1m")
	path := filepath.Join(dir, "flow.json")
	if err := os.WriteFile(path, examples.Sample(), 0o644); err != nil {
		t.Fatal(err)
	}
	x := editedRT(t, path)
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Skipf("remount read-only: %v %s", err, out)
	}
	saveFailure(t, x, path, "the folder is on a read-only file system", examples.Sample())
}

// mountTmpfs mounts a small tmpfs for the test, or skips when that is not
// permitted.
func mountTmpfs(t *testing.T, opts string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	dir, err := os.MkdirTemp("", "flowsmith-tmpfs-")
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", opts, "tmpfs", dir).CombinedOutput(); err != nil {
		os.Remove(dir)
		t.Skipf("mount tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() {
		exec.Command("umount", dir).Run()
		os.Remove(dir)
	})
	return dir
}

// fill writes a file that takes all the room left in dir's file system.
func fill(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "ballast"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 1024)
	for {
		if _, err := f.Write(buf); err != nil {
			break
		}
	}
	for _, n := range []int{512, 64, 1} { // the last partial blocks
		for {
			if _, err := f.Write(buf[:n]); err != nil {
				break
			}
		}
	}
}

// --- external change ------------------------------------------------------------

// replaceAtomically writes a file the way other tools save: a new file renamed
// over the old one.
func replaceAtomically(t *testing.T, path string, data []byte) {
	t.Helper()
	tmp := path + ".other-tool"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func TestExternalChangeSeenAtOnce(t *testing.T) {
	for _, how := range []string{"rename over", "write in place", "delete"} {
		t.Run(how, func(t *testing.T) {
			stateDir(t)
			path := writeTemp(t, "flow.json", examples.Sample())
			x := editedRT(t, path)
			x.waitFor("the watch", func() bool { return x.m.bg.watch != nil })
			theirs := bytes.Replace(examples.Sample(), []byte(`"liveness"`), []byte(`"theirs"`), -1)
			switch how {
			case "rename over":
				replaceAtomically(t, path, theirs)
			case "write in place":
				if err := os.WriteFile(path, theirs, 0o644); err != nil {
					t.Fatal(err)
				}
			case "delete":
				if err := os.Remove(path); err != nil {
					t.Fatal(err)
				}
			}
			seen := time.Now()
			if how == "delete" {
				x.waitMessage("deleted on disk by another program")
			} else {
				x.waitMessage("changed on disk by another program")
			}
			if d := time.Since(seen); d > 2*time.Second*raceSlowdown() {
				t.Errorf("the change was reported after %v", d)
			}
			// The next save asks.
			x.press("ctrl+s")
			x.waitScreen("File changed on disk", "overwrite", "cancel")
			if how != "delete" {
				x.waitScreen("reload (drop my changes)")
			}
		})
	}
}

func TestExternalChangeChoices(t *testing.T) {
	theirs := bytes.Replace(examples.Sample(), []byte(`"liveness"`), []byte(`"theirs"`), -1)
	setup := func(t *testing.T) (*rt, string) {
		stateDir(t)
		path := writeTemp(t, "flow.json", examples.Sample())
		x := editedRT(t, path)
		x.waitFor("the watch", func() bool { return x.m.bg.watch != nil })
		replaceAtomically(t, path, theirs)
		x.waitMessage("changed on disk by another program")
		x.press("ctrl+s")
		x.waitScreen("File changed on disk")
		return x, path
	}
	t.Run("reload", func(t *testing.T) {
		x, _ := setup(t)
		x.press("r")
		x.waitMessage("reloaded")
		if x.m.ctx.Doc.NodeByID("theirs") < 0 || x.m.ctx.Modified {
			t.Fatal("reload opens their version")
		}
	})
	t.Run("overwrite", func(t *testing.T) {
		x, path := setup(t)
		x.press("o")
		x.waitMessage("saved " + path)
		if got := mustRead(t, path); !bytes.Contains(got, []byte(`"hello"`)) || bytes.Contains(got, []byte(`"theirs"`)) {
			t.Fatal("overwrite writes my version")
		}
	})
	t.Run("cancel", func(t *testing.T) {
		x, path := setup(t)
		x.press("c")
		if !bytes.Equal(mustRead(t, path), theirs) || !x.m.ctx.Modified {
			t.Fatal("cancel writes nothing and keeps my edits")
		}
	})
}

// The editor's own saves are not reported as changes by someone else.
func TestExternalChangeNotOwnSave(t *testing.T) {
	stateDir(t)
	path := writeTemp(t, "flow.json", examples.Sample())
	x := editedRT(t, path)
	x.waitFor("the watch", func() bool { return x.m.bg.watch != nil })
	before := x.m.bg.checks
	x.press("ctrl+s")
	x.waitMessage("saved " + path)
	x.waitFor("the watch to look at the saved file", func() bool { return x.m.bg.checks > before })
	if x.m.bg.diskChanged || strings.Contains(x.m.ctx.lastMessage, "changed on disk") {
		t.Fatalf("own save reported as an external change: %s", x.m.ctx.lastMessage)
	}
	// Saving again does not ask.
	x.rename("hello", "hi")
	x.press("ctrl+s")
	x.waitMessage("saved " + path)
}

// A burst of writes by another program is reported once (debounced).
func TestWatchDebounced(t *testing.T) {
	stateDir(t)
	path := writeTemp(t, "flow.json", examples.Sample())
	x := editedRT(t, path)
	x.waitFor("the watch", func() bool { return x.m.bg.watch != nil })
	w := x.m.bg.watch
	for i := 0; i < 30; i++ {
		if err := os.WriteFile(path, append(examples.Sample(), bytes.Repeat([]byte(" "), i)...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	x.waitFor("the burst to be over and reported", func() bool {
		quiet := time.Since(time.Unix(0, w.last.Load())) > 3*watchDebounce
		return w.fired.Load() >= 1 && quiet
	})
	x.waitMessage("changed on disk by another program")
	if ev, fired := w.events.Load(), w.fired.Load(); ev < 10 || fired > 2 {
		t.Fatalf("%d events for the file gave %d reports; want one or two", ev, fired)
	}
}

// Save as moves the watch to the new file; quitting closes it.
func TestWatchFollowsSaveAsAndCloses(t *testing.T) {
	stateDir(t)
	path := writeTemp(t, "flow.json", examples.Sample())
	x := editedRT(t, path)
	x.waitFor("the watch", func() bool { return x.m.bg.watch != nil })
	first := x.m.bg.watch
	other := filepath.Join(t.TempDir(), "other.json")
	x.press("ctrl+s") // the document has a path: save as through the failure-free route
	x.waitMessage("saved " + path)
	x.m.saveAs()
	x.press("ctrl+u", "type:"+other, "enter")
	x.waitMessage("saved " + other)
	x.waitFor("the new watch", func() bool { return x.m.bg.watch != nil && x.m.bg.watch != first })
	waitClosed(t, first)
	replaceAtomically(t, other, examples.Sample())
	x.waitMessage("changed on disk by another program")
	w := x.m.bg.watch
	x.m.stopBackground()
	waitClosed(t, w)
}

// waitClosed waits for a watch's goroutine to end (it closes its channel).
func waitClosed(t *testing.T, w *dirWatch) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case _, ok := <-w.changes:
			if !ok {
				return
			}
		case <-deadline:
			t.Fatal("the watch goroutine did not end")
		}
	}
}

// --- hostile input in the editor ------------------------------------------------

// hostileInputs are the CLI's hostile files (../testdata/hostile) and the ones
// too large to commit, made here.
func hostileInputs(t *testing.T) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "hostile", "*"))
	if err != nil || len(files) < 10 {
		t.Fatalf("../testdata/hostile: %d files (%v)", len(files), err)
	}
	in := map[string][]byte{}
	for _, f := range files {
		in[filepath.Base(f)] = mustRead(t, f)
	}
	in["deep-200k.json"] = append(bytes.Repeat([]byte("["), 200000), bytes.Repeat([]byte("]"), 200000)...)
	in["deep-objects.json"] = []byte(strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("}", 100000))
	// 60 MB strings (not under the race detector, which makes handling them
	// ten times slower and says nothing about the time limit: .ci/run runs
	// these tests without it).
	if !raceDetector() {
		big := strings.Repeat("x", 60<<20)
		in["string-60mb.json"] = []byte(`[{"id": "start", "type": "start", "outcome": "talk"}, {"id": "talk", "type": "conversation", "prompt": "` + big + `", "outcomes": [{"id": "o", "targetNodeId": "end", "condition": ""}]}, {"id": "end", "type": "end"}]`)
		in["string-60mb-unclosed.json"] = []byte(`[{"id": "start", "type": "start", "outcome": "` + big)
	}
	in["long-id.json"] = []byte(`[{"id": "` + strings.Repeat("x", 100000) + `", "type": "start", "outcome": "nowhere"}]`)
	in["long-ids-valid.json"] = []byte(`[{"id": "start", "type": "start", "outcome": "` + strings.Repeat("y", 100000) + `"}, {"id": "` + strings.Repeat("y", 100000) + `", "type": "end"}]`)
	in["big-number.json"] = []byte(`[{"id": "o", "type": "two_factor_email", "otpLength": 1e999999}]`)
	in["overflow-int.json"] = []byte(`[{"id": "start", "type": "start", "outcome": "o"}, {"id": "o", "type": "two_factor_email", "otpLength": 99999999999999999999999999999, "expirySeconds": -1e308, "outcomes": {}}]`)
	in["wrong-field-types.json"] = []byte(`[{"id": 1, "type": ["end"], "outcomes": 7, "prompt": {}}, "node", null, 3.5]`)
	in["wrong-types-every-field.json"] = []byte(`[{"id": "start", "type": "start", "outcome": 5}, {"id": "c", "type": "conversation", "prompt": [], "outcomes": "x"}, {"id": "l", "type": "liveness_detection", "outcomes": [1]}, {"id": "e", "type": "two_factor_email", "otpLength": "six", "expirySeconds": true}, {"id": "end", "type": "end", "extra": {"a": null}}]`)
	in["dup-keys.json"] = []byte(`[{"id": "a", "id": "b", "type": "end"}]`)
	in["top-level-true.json"] = []byte(`true`)
	in["top-level-string.json"] = []byte(`"flow"`)
	in["nul-in-key.json"] = []byte("[{\"id\x00\": \"a\"}]")
	return in
}

// Every hostile file opens within two seconds to the editor or to the
// read-only view with line and column, and the panes can be visited.
func TestHostileFilesInEditor(t *testing.T) {
	pos := regexp.MustCompile(`line \d+, column \d+: `)
	for name, src := range hostileInputs(t) {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			x := &tm{t: t, m: New(Options{Path: name, Src: src, Dark: true})}
			x.send(tea.WindowSizeMsg{Width: 120, Height: 40})
			opened := time.Since(start) // on screen; a huge file's findings follow
			x.run(x.m.Init())
			scr := x.screen()
			switch {
			case x.m.ro != nil:
				if !pos.MatchString(scr) || !strings.Contains(scr, "cannot be opened as a flow") {
					t.Errorf("the read-only view gives no line and column:\n%s", scr)
				}
			case x.m.ctx.Doc != nil:
				if !strings.Contains(scr, "1 Nodes") {
					t.Errorf("the editor is not shown:\n%s", scr)
				}
			default:
				t.Fatalf("neither the editor nor the read-only view:\n%s", scr)
			}
			visit := time.Now()
			x.press("1", "j", "2", "j", "3", "j", "4", "5", "tab", "pgdown", "G", "?", "esc")
			if d := time.Since(visit); opened > 2*time.Second*raceSlowdown() || d > 4*time.Second*raceSlowdown() {
				t.Errorf("on screen after %v; visiting the panes took %v", opened, d)
			}
			assertSafeScreen(t, x.m.view())
		})
	}
}

// A file read by the editor itself: the same, and a folder or a device is
// refused with a message instead of being read.
func TestHostileFilesLoaded(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"binary.bin", "utf16.json", "deep.json"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, hostileInputs(t)[name], 0o644); err != nil {
			t.Fatal(err)
		}
		x := newTM(t, Options{Path: path}, 120, 40)
		if x.m.ro == nil {
			t.Errorf("%s: the read-only view", name)
		}
	}
	zero := filepath.Join(dir, "zero.json")
	if err := os.Symlink("/dev/zero", zero); err == nil {
		x := newTM(t, Options{Path: zero}, 120, 40)
		x.contains("cannot open " + zero + ": it is not a regular file")
	}
	x := newTM(t, Options{Path: dir}, 120, 40)
	x.contains("cannot open " + dir + ": it is a folder")
}

// raceDetector and raceSlowdown: see internal/testenv.
func raceDetector() bool          { return testenv.Race() }
func raceSlowdown() time.Duration { return testenv.Slowdown() }

// visibleSGR matches the styling the editor itself draws with.
var visibleSGR = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// assertSafeScreen fails when a drawn screen holds anything but text, line
// breaks and the editor's own colours: no escape sequence, C0 or C1 control or
// bidirectional override from a file reaches the terminal.
func assertSafeScreen(t *testing.T, view string) {
	t.Helper()
	rest := visibleSGR.ReplaceAllString(view, "")
	for i, r := range rest {
		if r == '\n' {
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || isBidi(r) || r == '\ufffd' && !strings.Contains(view, "\ufffd") {
			lo := max(0, i-40)
			t.Fatalf("the screen holds %U at byte %d: %q", r, i, rest[lo:min(len(rest), i+40)])
		}
	}
}

// --- terminal injection -----------------------------------------------------------

// injectionFlow has OSC title sets, CSI clear-screen, C1 controls and bidi
// overrides in ids, prompts, conditions and outcome targets.
const injectionFlow = `[
  {"id": "start", "type": "start", "outcome": "\u001b]0;PWNED\u0007greet"},
  {"id": "\u001b]0;PWNED\u0007greet", "type": "conversation",
   "prompt": "Say: Hello \u001b[2J\u001b[H cleared \u009b31m red \u202eevil\u202c {name}. Ready?\u001b]0;PWNED\u0007",
   "outcomes": [
     {"id": "ok\u009b", "targetNodeId": "live\u202e", "condition": "The user agrees \u001b]0;PWNED\u0007 \u001b[2J\u202e"},
     {"id": "no", "targetNodeId": "bye", "condition": "\u0085anything else\u001b[31m"}
   ]},
  {"id": "live\u202e", "type": "liveness_detection",
   "outcomes": {"livenessDetected": "bye", "deepfakeDetected": "bye", "noFace": "bye", "inconclusive": "bye"}},
  {"id": "bye", "type": "conversation", "prompt": "Say: Goodbye\u0007\u0008\u007f", "outcomes": [{"id": "x", "targetNodeId": "end", "condition": ""}]},
  {"id": "end", "type": "end"}
]`

// visitEverything moves through every pane and, in the nodes list and the
// editor, every row, checking each drawn screen.
func visitEverything(t *testing.T, x *tm, check func(string)) {
	t.Helper()
	check(x.m.view())
	n := len(x.m.ctx.Doc.Nodes)
	for i := 0; i < n; i++ {
		x.press("1")
		for j := 0; j < i; j++ {
			x.press("j")
		}
		check(x.m.view())
		x.press("2")
		for r := 0; r < 30; r++ {
			x.press("j")
			check(x.m.view())
		}
		for _, k := range []string{"3", "j", "4", "j", "5", "j", "?", "esc"} {
			x.press(k)
			check(x.m.view())
		}
	}
}

func TestInjectionShownAsEscapes(t *testing.T) {
	for _, size := range [][2]int{{140, 45}, {80, 24}} {
		path := filepath.Join(t.TempDir(), "evil\x1b]0;PWNED\x07.json")
		if err := os.WriteFile(path, []byte(injectionFlow), 0o644); err != nil {
			t.Fatal(err)
		}
		x := newTM(t, Options{Path: path}, size[0], size[1])
		if x.m.ctx.Doc == nil {
			t.Fatalf("the flow parses:\n%s", x.screen())
		}
		visitEverything(t, x, func(v string) { assertSafeScreen(t, v) })
		x.press("1")
		x.selectNode("\x1b]0;PWNED\x07greet").press("2")
		x.contains(`\x1b]0;PWNED\x07greet`)
		if title := x.m.View().WindowTitle; strings.ContainsAny(title, "\x1b\x07") {
			t.Errorf("the window title holds a control character: %q", title)
		}
	}
	// The read-only view of a file that is not a flow.
	x := newTM(t, Options{Path: "bad.json", Src: []byte("[\"\x1b]0;PWNED\x07\", \xc2\x9b2J \xe2\x80\xae,")}, 100, 30)
	if x.m.ro == nil {
		t.Fatal("read-only")
	}
	assertSafeScreen(t, x.m.view())
	x.contains(`\x1b]0;PWNED\x07`)
}

// --- secrets ------------------------------------------------------------------------

// plantedKey is a key in the live format, made at run time so that the
// repository holds no real-looking key.
func plantedKey() string {
	return "sk_" + "live_" + strings.Repeat("Qx7", 4) + fmt.Sprint(time.Now().UnixNano()%1e9)
}

func secretFlow(key string) []byte {
	return []byte(`[
  {"id": "start", "type": "start", "outcome": "greeting"},
  {"id": "greeting", "type": "conversation",
   "prompt": "Say: Welcome. Your API key is ` + key + `. Ready?",
   "outcomes": [
     {"id": "yes", "targetNodeId": "end", "condition": "The user says ` + key + `"},
     {"id": "no", "targetNodeId": "end", "condition": ""}
   ]},
  {"id": "` + key + `", "type": "end"},
  {"id": "end", "type": "end"}
]`)
}

// No pane, dialog or message ever shows the key.
func TestSecretNeverShown(t *testing.T) {
	key := plantedKey()
	for _, size := range [][2]int{{140, 45}, {80, 24}} {
		x, _ := openSrc(t, "flow.json", string(secretFlow(key)), size[0], size[1])
		check := func(v string) {
			t.Helper()
			if strings.Contains(v, key) || strings.Contains(ansi.Strip(v), key) {
				t.Fatalf("the key is on screen:\n%s", ansi.Strip(v))
			}
		}
		visitEverything(t, x, check)
		x.press("3")
		x.contains("secret-in-flow")
		x.press("1", "e") // export is refused: the secret is an error
		check(x.m.view())
		x.press("ctrl+s")
		check(x.m.view())
		x.press("y")
		check(x.m.view())
	}
}

// The editor asks before saving a file with a secret in it.
func TestSecretWarningBeforeSave(t *testing.T) {
	key := plantedKey()
	src := string(secretFlow(key))
	x, path := openSrc(t, "flow.json", src, 140, 45)
	x.selectNode("greeting").press("r", "ctrl+u", "type:hello", "enter")
	x.press("ctrl+s")
	x.contains("Secret key in the file")
	x.contains("looks like a secret key (sk_live_…)")
	x.contains("Save anyway?")
	x.press("n")
	if readFile(t, path) != src || !x.m.ctx.Modified {
		t.Fatal("cancel saves nothing")
	}
	x.contains("not saved")
	x.press("ctrl+s", "y")
	if !strings.Contains(readFile(t, path), `"hello"`) {
		t.Fatal("save anyway saves")
	}
	// Quitting with "save" asks too, and cancelling does not quit.
	x.selectNode("hello").press("r", "ctrl+u", "type:hi", "enter")
	x.press("q", "s")
	x.contains("Secret key in the file")
	x.press("n")
	if x.quit || x.m.pendingQuit {
		t.Fatal("cancelling the warning does not quit")
	}
	// A file without a secret saves at once.
	y, ypath := sample(t, 140, 45)
	y.selectNode("greeting").press("r", "ctrl+u", "type:hello", "enter", "ctrl+s")
	if !strings.Contains(readFile(t, ypath), `"hello"`) {
		t.Fatal("no warning without a secret")
	}
}

// The recovery dialog shows the difference redacted.
func TestSecretNotInRecoveryDiff(t *testing.T) {
	stateDir(t)
	key := plantedKey()
	disk := examples.Sample()
	path := writeTemp(t, "flow.json", disk)
	recovered := bytes.Replace(disk, []byte("Hi {name}"), []byte("Hi {name}, key "+key), 1)
	if err := journal.Write(path, journal.Hash(disk), recovered, time.Now()); err != nil {
		t.Fatal(err)
	}
	x := newRT(t, Options{Path: path, Src: disk}, 200, 45)
	x.waitScreen("Recover unsaved changes?", "sk_live_…[redacted]")
	if strings.Contains(x.m.view(), key) {
		t.Fatal("the key is on screen")
	}
}
