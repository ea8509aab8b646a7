package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"flowsmith/flowgraph"
)

// fuzzFlows are the documents FuzzTUIKeys edits: a clean example, one with
// errors (a dangling target with its quick fix), and a session body.
var fuzzFlows = []string{
	"../examples/sample.json",
	"../examples/broken/dangling-target.json",
	"../examples/multilingual-session.json",
}

// fuzzKeys are the keys a fuzz byte picks from: every binding of the editor,
// letters and digits for typing, and a few resizes and mouse events. ctrl+e
// ($EDITOR) is left out: it would start a process.
var fuzzKeys = func() []string {
	k := []string{
		"up", "down", "left", "right", "enter", "esc", "tab", "shift+tab", "space", "backspace", "delete",
		"home", "end", "pgup", "pgdown", "ctrl+u", "ctrl+d", "ctrl+s", "ctrl+c", "ctrl+z", "ctrl+r", "ctrl+y",
		"ctrl+j", "alt+enter", "alt+up", "alt+down", "ctrl+a", "ctrl+k", "ctrl+w",
		"1", "2", "3", "4", "5", "j", "k", "h", "l", "g", "G", "u", "a", "d", "r", "e", "f", "o", "q", "n", "x",
		"K", "J", "y", "s", "c", "t", "/", "?", "+", "-", "[", "]", "_", ".", "{", "}", "\"", " ",
		"resize:80x24", "resize:140x45", "resize:40x12", "resize:200x60",
		"click:10,3", "click:60,5", "click:120,2", "wheel:10,5",
	}
	for r := 'a'; r <= 'z'; r++ {
		k = append(k, string(r))
	}
	return k
}()

// fuzzMsg turns a key name into a message.
func fuzzMsg(k string) tea.Msg {
	if s, ok := strings.CutPrefix(k, "resize:"); ok {
		w, h, _ := strings.Cut(s, "x")
		wi, _ := strconv.Atoi(w)
		hi, _ := strconv.Atoi(h)
		return tea.WindowSizeMsg{Width: wi, Height: hi}
	}
	if s, ok := strings.CutPrefix(k, "click:"); ok {
		x, y, _ := strings.Cut(s, ",")
		xi, _ := strconv.Atoi(x)
		yi, _ := strconv.Atoi(y)
		return tea.MouseClickMsg{X: xi, Y: yi, Button: tea.MouseLeft}
	}
	if s, ok := strings.CutPrefix(k, "wheel:"); ok {
		x, y, _ := strings.Cut(s, ",")
		xi, _ := strconv.Atoi(x)
		yi, _ := strconv.Atoi(y)
		return tea.MouseWheelMsg{X: xi, Y: yi, Button: tea.MouseWheelDown}
	}
	return keyMsg(k)
}

// FuzzTUIKeys: random key sequences into the root model's Update (commands
// run, as the program runs them). No panic; after every key the document
// parses, the selection and focus are in range and View draws; at the end,
// undoing everything gives back the bytes last read from disk.
func FuzzTUIKeys(f *testing.F) {
	idx := func(keys ...string) []byte {
		var b []byte
		for _, k := range keys {
			for i, fk := range fuzzKeys {
				if fk == k {
					b = append(b, byte(i))
					break
				}
			}
		}
		return b
	}
	f.Add(uint8(0), idx("j", "j", "r", "ctrl+u", "n", "e", "w", "enter", "u", "ctrl+r"))
	f.Add(uint8(1), idx("3", "f", "1", "d", "y", "a", "enter", "x", "enter", "2", "j", "enter", "h", "i", "enter", "u", "u"))
	f.Add(uint8(2), idx("2", "j", "j", "enter", "a", "b", "tab", "c", "esc", "space", "n", "x", "K", "J", "ctrl+s", "o"))
	f.Add(uint8(0), idx("e", "enter", "y", "q", "c", "ctrl+c", "s", "resize:40x12", "4", "5", "tab", "?", "esc"))
	f.Add(uint8(1), idx("/", "l", "i", "v", "enter", "o", "click:10,3", "wheel:10,5", "2", "alt+down", "alt+up"))
	var flows [][]byte
	for _, file := range fuzzFlows {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		flows = append(flows, src)
	}
	f.Fuzz(func(t *testing.T, which uint8, keys []byte) {
		if len(keys) > 120 {
			keys = keys[:120] // longer runs find nothing new, only take longer
		}
		src := flows[int(which)%len(flows)]
		// Paths typed into "save as" and "export" prompts are relative to the
		// working folder: make it a temporary one.
		dir := t.TempDir()
		t.Chdir(dir)
		path := filepath.Join(dir, "flow.json")
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		x := newFuzzRun(t, New(Options{Path: path, Src: src, Dark: true}), src)
		x.run(x.m.Init())
		x.send(tea.WindowSizeMsg{Width: 140, Height: 45})
		for _, b := range keys {
			if x.quit {
				break
			}
			k := fuzzKeys[int(b)%len(fuzzKeys)]
			x.send(fuzzMsg(k))
			x.check(k)
		}
		// Close what is open, then undo everything.
		c := x.m.ctx
		for i := 0; i < 20 && (len(c.dialogs) > 0 || x.m.showHelp || x.m.editor.editing); i++ {
			x.send(keyMsg("esc"))
		}
		if c.Doc == nil {
			t.Fatal("the document is gone")
		}
		for c.undoDepth() > 0 { // the flow's edits and the translations'
			n := c.undoDepth()
			c.Undo()
			if c.undoDepth() >= n {
				t.Fatalf("undo does not make progress: %s", c.lastMessage)
			}
		}
		if !bytes.Equal(c.Doc.Src, x.orig) {
			t.Fatalf("undoing everything does not give back the original bytes:\n%s", c.Doc.Src)
		}
		x.check("undo all")
	})
}

// fuzzRun drives the model like tm does, and keeps the bytes last read from
// disk: a reload starts the history again from them.
type fuzzRun struct {
	*tm
	orig []byte
}

func newFuzzRun(t *testing.T, m Model, src []byte) *fuzzRun {
	x := &fuzzRun{tm: &tm{t: t, m: m}, orig: src}
	x.seen = func(msg tea.Msg) {
		if m, ok := msg.(loadedMsg); ok && m.err == nil && !m.notExist {
			x.orig = m.src
		}
	}
	return x
}

// check tests the invariants after a key.
func (x *fuzzRun) check(after string) {
	t, c := x.t, x.m.ctx
	if c.Doc == nil {
		if x.m.ro == nil && x.m.fatal == "" {
			t.Fatalf("after %q: no document and no read-only view", after)
		}
		return
	}
	if _, err := flowgraph.Parse("check.json", c.Doc.Src); err != nil {
		t.Fatalf("after %q the document does not parse: %v\n%s", after, err, c.Doc.Src)
	}
	if c.sel < -1 || c.sel >= len(c.Doc.Nodes) || (c.sel < 0 && len(c.Doc.Nodes) > 0) {
		t.Fatalf("after %q the selection %d is out of range (%d nodes)", after, c.sel, len(c.Doc.Nodes))
	}
	if x.m.focus < 0 || x.m.focus >= paneCount || x.m.side < paneProblems || x.m.side >= paneCount {
		t.Fatalf("after %q focus %d side %d", after, x.m.focus, x.m.side)
	}
	if len(c.Order) != len(c.Doc.Nodes) || len(c.Rank) != len(c.Doc.Nodes) {
		t.Fatalf("after %q the derived tables are stale: %d in order, %d nodes", after, len(c.Order), len(c.Doc.Nodes))
	}
	if c.Modified != !bytes.Equal(c.Doc.Src, c.saved) {
		t.Fatalf("after %q the modified mark is %v", after, c.Modified)
	}
}
