package tui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"flowsmith/examples"
	"flowsmith/flowgraph"
	"flowsmith/flowgraph/journal"
	"flowsmith/internal/testenv"
)

// Tests of the editor's reliability: the recovery journal.

// withRecovery sets up a recovery to offer: a temporary state folder (see
// stateDir), disk in a new file flow.json, and a journal entry for that file
// holding recovered, with the edits begun on base. It returns the file's path.
func withRecovery(t *testing.T, disk, base, recovered []byte) string {
	t.Helper()
	stateDir(t)
	path := writeTemp(t, "flow.json", disk)
	if err := journal.Write(path, journal.Hash(base), recovered, time.Now()); err != nil {
		t.Fatal(err)
	}
	return path
}

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
	if d := time.Since(edited); d > 2*time.Second*testenv.Slowdown() {
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
	disk := examples.Sample()
	recovered := bytes.Replace(disk, []byte(`"greeting"`), []byte(`"welcome"`), -1)
	path := withRecovery(t, disk, disk, recovered)
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
	older := examples.Sample()
	disk := bytes.Replace(older, []byte(`"closing_later"`), []byte(`"later"`), -1)
	recovered := bytes.Replace(older, []byte(`"greeting"`), []byte(`"welcome"`), -1)
	path := withRecovery(t, disk, older, recovered)
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
	disk := examples.Sample()
	recovered := bytes.Replace(disk, []byte(`"greeting"`), []byte(`"welcome"`), -1)
	path := withRecovery(t, disk, disk, recovered)
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
	disk := examples.Sample()
	d, err := flowgraph.Parse("flow.json", disk)
	if err != nil {
		t.Fatal(err)
	}
	recovered := d.Canonical(flowgraph.Style{Indent: "\t", Newline: "\n"}) // every line differs
	path := withRecovery(t, disk, disk, recovered)
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

// Quitting with "discard" right after a restore (before the journal's first
// write) drops the restored file's entry, not another one: the untitled
// sample's recovery stays.
func TestJournalDiscardAfterRestore(t *testing.T) {
	disk := examples.Sample()
	recovered := bytes.Replace(disk, []byte(`"greeting"`), []byte(`"welcome"`), -1)
	path := withRecovery(t, disk, disk, recovered)
	untitled := bytes.Replace(disk, []byte(`"greeting"`), []byte(`"hello"`), -1)
	if err := journal.Write("", journal.Hash(disk), untitled, time.Now()); err != nil {
		t.Fatal(err)
	}
	x := newRT(t, Options{Path: path, Src: disk}, 140, 45)
	x.waitScreen("Recover unsaved changes?")
	x.press("r", "q") // well within journalDelay: the journal has not written yet
	x.waitScreen("Unsaved changes")
	x.press("d")
	x.waitFor("quit", func() bool { return x.quit })
	if e := journalEntry(t, ""); e == nil || e.Src != string(untitled) {
		t.Error("discarding the restored file removed the untitled sample's recovery")
	}
	if e := journalEntry(t, path); e != nil {
		t.Error("discard removes the restored file's entry")
	}
}
