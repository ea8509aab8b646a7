package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"flowsmith/examples"
	"flowsmith/internal/testenv"
)

// Tests of the editor's reliability: external change.

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
			if d := time.Since(seen); d > 2*time.Second*testenv.Slowdown() {
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
