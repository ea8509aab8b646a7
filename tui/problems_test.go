package tui

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"flowsmith/validate"
)

func TestProblemsOrderAndJump(t *testing.T) {
	x, _ := broken(t, "enter-email-cancelled.json", 140, 45)
	c := x.m.ctx
	if len(c.Problems) < 2 {
		t.Fatalf("want several findings, got %d", len(c.Problems))
	}
	last := validate.Error
	for _, i := range c.Problems {
		if s := c.Findings[i].Severity; s > last {
			t.Fatalf("errors first: %v after %v", s, last)
		} else {
			last = s
		}
	}
	x.press("3")
	if f := x.m.problems.Selected(); f == nil || f.Severity != validate.Error {
		t.Fatal("the first finding (an error) is selected")
	}
	x.press("j", "k")
	if x.m.problems.cursor != 0 {
		t.Fatal("j/k move in the list")
	}
	// Move to unknown-outcome and jump.
	for x.m.problems.Selected().Rule != "unknown-outcome" {
		x.press("down")
	}
	x.press("enter")
	if x.m.focus != paneEditor || x.selectedID() != "enter_email" {
		t.Fatalf("enter jumps to the node in the editor: focus %d node %q", x.m.focus, x.selectedID())
	}
	if r := x.m.editor.row(); r == nil || !strings.HasSuffix(r.ptr, "/outcomes/cancelled") {
		t.Fatalf("…and the field: %+v", r)
	}
}

func TestProblemsQuickFix(t *testing.T) {
	x, _ := broken(t, "dangling-target.json", 140, 45)
	x.press("3")
	f := x.m.problems.Selected()
	if f.Rule != "dangling-target" || f.Fix == nil {
		t.Fatalf("selected %s", f.Rule)
	}
	x.contains("f Link to closing_unverified")
	x.press("f")
	if validate.HasErrors(x.m.ctx.Findings) {
		t.Fatal("the fix removes the error")
	}
	x.contains("fixed: Link to closing_unverified")
	x.contains("✖ 0")
	x.press("u")
	if !validate.HasErrors(x.m.ctx.Findings) {
		t.Fatal("the fix is undoable")
	}
	x.contains("✖ 1")
	// f in the nodes pane fixes the selected node's first fixable finding.
	x.press("1").selectNode("liveness").press("f")
	if validate.HasErrors(x.m.ctx.Findings) {
		t.Fatal("f in the nodes pane")
	}
}

func TestSaveKey(t *testing.T) {
	x, path := sample(t, 140, 45)
	info0, _ := os.Stat(path)
	os.Chmod(path, 0o600)
	x.selectNode("greeting").press("r", "ctrl+u", "type:welcome", "enter")
	if !x.m.ctx.Modified {
		t.Fatal("modified after an edit")
	}
	x.contains("[+]")
	x.press("ctrl+s")
	if x.m.ctx.Modified {
		t.Fatal("saved clears modified")
	}
	got := readFile(t, path)
	if got != string(x.m.ctx.Doc.Src) {
		t.Fatal("the file holds the document's bytes")
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("permissions kept: %v (was %v)", info.Mode().Perm(), info0.Mode().Perm())
	}
	x.contains("saved ")
	x.lacks("[+]")
	// Undo after save: modified again; saving again works (no false external change).
	x.press("u", "ctrl+s")
	if x.m.ctx.Modified || len(x.m.ctx.dialogs) != 0 {
		t.Fatal("second save")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("no temporary files left: %d entries", len(entries))
	}
}

func TestSaveExternalChange(t *testing.T) {
	setup := func(t *testing.T) (*tm, string) {
		x, path := sample(t, 140, 45)
		x.selectNode("greeting").press("r", "ctrl+u", "type:welcome", "enter")
		if err := writeFile(path, "[]\n"); err != nil {
			t.Fatal(err)
		}
		x.press("ctrl+s")
		x.contains("changed on disk")
		return x, path
	}
	t.Run("cancel", func(t *testing.T) {
		x, path := setup(t)
		x.press("c")
		if readFile(t, path) != "[]\n" || !x.m.ctx.Modified {
			t.Fatal("cancel writes nothing and keeps the edits")
		}
	})
	t.Run("overwrite", func(t *testing.T) {
		x, path := setup(t)
		x.press("o")
		if !strings.Contains(readFile(t, path), `"welcome"`) || x.m.ctx.Modified {
			t.Fatal("overwrite saves")
		}
	})
	t.Run("reload", func(t *testing.T) {
		x, _ := setup(t)
		x.press("r")
		if string(x.m.ctx.Doc.Src) != "[]\n" || x.m.ctx.Hist.Len() != 0 || x.m.ctx.Modified {
			t.Fatal("reload takes the disk version")
		}
		x.contains("reloaded")
		x.contains("start-count")
	})
	t.Run("touch only", func(t *testing.T) {
		x, path := sample(t, 140, 45)
		x.selectNode("greeting").press("r", "ctrl+u", "type:welcome", "enter")
		src, _ := os.ReadFile(path)
		writeFile(path, string(src)) // same bytes, new modification time
		x.press("ctrl+s")
		if len(x.m.ctx.dialogs) != 0 || x.m.ctx.Modified {
			t.Fatal("same content is not an external change")
		}
	})
}

func TestSaveFailureKeepsState(t *testing.T) {
	x, path := sample(t, 140, 45)
	x.selectNode("greeting").press("r", "ctrl+u", "type:welcome", "enter")
	os.RemoveAll(filepath.Dir(path))
	x.press("ctrl+s")
	x.contains("was deleted")
	x.press("o")
	x.contains("Save failed")
	x.contains("Your changes and undo history are kept.")
	if !x.m.ctx.Modified || x.m.ctx.Hist.Len() != 1 {
		t.Fatal("state and history kept")
	}
	x.press("a")
	x.contains("Save as")
	other := filepath.Join(t.TempDir(), "saved.json")
	x.press("ctrl+u", "type:"+other, "enter")
	if !strings.Contains(readFile(t, other), `"welcome"`) || x.m.ctx.Path != other {
		t.Fatal("save as writes the new path")
	}
}

func TestExportKey(t *testing.T) {
	t.Run("refused on errors", func(t *testing.T) {
		x, path := broken(t, "dangling-target.json", 140, 45)
		x.press("e")
		if len(x.m.ctx.dialogs) != 0 || x.m.focus != paneProblems {
			t.Fatal("export with errors refuses and shows the problems")
		}
		x.contains("export refused: 1 error")
		if _, err := os.Stat(defaultExportPath(path)); err == nil {
			t.Fatal("nothing written")
		}
	})
	t.Run("writes", func(t *testing.T) {
		x, path := sample(t, 140, 45)
		x.press("e")
		x.contains("The flow validates. Write it to:")
		x.press("ctrl+u", "type:"+path, "enter")
		x.contains("that is the file being edited")
		out := filepath.Join(filepath.Dir(path), "out.json")
		x.press("ctrl+u", "type:"+out, "enter")
		if readFile(t, out) != string(x.m.ctx.Doc.Src) {
			t.Fatal("export writes the document's bytes")
		}
		x.contains("exported to")
		x.press("e", "ctrl+u", "type:"+out, "enter")
		x.contains("Overwrite?")
		x.press("y")
		x.contains("exported to")
	})
}

func TestUntitledSampleSaveAsks(t *testing.T) {
	x := newTM(t, Options{}, 140, 45)
	x.contains("untitled (sample)")
	x.contains("greeting")
	if x.m.ctx.Modified {
		t.Fatal("the untouched sample is not modified")
	}
	x.press("ctrl+s")
	x.contains("Save as")
	path := filepath.Join(t.TempDir(), "mine.json")
	x.press("ctrl+u", "type:"+path, "enter")
	if readFile(t, path) != string(x.m.ctx.Doc.Src) || x.m.ctx.Path != path {
		t.Fatal("saved to the chosen path")
	}
}

func TestTemplatePicker(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.json")
	x := newTM(t, Options{Path: path}, 140, 45)
	x.contains("New flow")
	x.contains("blank")
	x.contains("kyc document")
	x.press("enter")
	if x.m.ctx.Doc == nil || x.m.ctx.Doc.NodeByID("closing") < 0 || !x.m.ctx.Modified {
		t.Fatal("blank skeleton opened, unsaved")
	}
	x.press("ctrl+s")
	if readFile(t, path) != string(x.m.ctx.Doc.Src) {
		t.Fatal("ctrl+s creates the file")
	}
	y := newTM(t, Options{Path: filepath.Join(t.TempDir(), "k.json")}, 140, 45)
	y.press("type:kyc", "enter")
	if y.m.ctx.Doc == nil || len(y.m.ctx.Doc.Nodes) < 5 {
		t.Fatal("an example as template")
	}
	z := newTM(t, Options{Path: filepath.Join(t.TempDir(), "q.json")}, 140, 45)
	z.press("esc")
	if !z.quit {
		t.Fatal("esc on the template picker quits")
	}
}

func TestReadOnlyParseError(t *testing.T) {
	src := "[\n  {\"id\": \"start\", \"type\": \"start\",\n   \"outcome\": \"x\" \"oops\"}\n]\n"
	x, _ := openSrc(t, "bad.json", src, 140, 45)
	if x.m.ro == nil {
		t.Fatal("read-only view")
	}
	x.contains("bad.json cannot be opened as a flow")
	x.contains("line 3, column")
	x.contains("Read-only")
	x.contains(`"outcome": "x" "oops"`)
	x.contains("^")
	x.press("a", "d", "r", "u", "ctrl+s", "e", "j", "k", "1", "tab", "enter")
	if x.m.ctx.Doc != nil || x.quit {
		t.Fatal("keys do not edit a read-only file")
	}
	x.press("q")
	if !x.quit {
		t.Fatal("q quits")
	}
	y, _ := openSrc(t, "obj.json", `{"hello": 1}`, 80, 24)
	y.contains(`no "flow" array`)
}

func TestSanitizedDrawing(t *testing.T) {
	src := "[{\"id\":\"start\",\"type\":\"start\",\"outcome\":\"evil\\u001b[31m\"},{\"id\":\"evil\\u001b[31m\",\"type\":\"conversation\",\"prompt\":\"Say: \\u202eHi\\u0007\",\"outcomes\":[{\"id\":\"n\",\"targetNodeId\":\"end\",\"condition\":\"\"}]},{\"id\":\"end\",\"type\":\"end\"}]"
	x, _ := openSrc(t, "evil.json", src, 140, 45)
	x.selectNode("evil\x1b[31m").press("2")
	raw := x.m.view()
	if strings.Contains(raw, "\x1b[31m") || strings.Contains(raw, "\u202e") || strings.Contains(raw, "\a") {
		t.Fatal("control sequences from the file reach the terminal")
	}
	x.contains(`evil\x1b[31m`)
	x.contains(`\u202eHi\x07`)
}

func TestNoColor(t *testing.T) {
	x := newTM(t, Options{NoColor: true}, 140, 45)
	x.press("2")
	raw := x.m.view()
	if c := colourSGR(raw); c != "" {
		t.Fatalf("NO_COLOR output sets a colour: %q", c)
	}
	if c := colourSGR(newTM(t, Options{}, 140, 45).m.view()); c == "" {
		t.Fatal("the colour check finds colours when they are on")
	}
	// Light and dark palettes differ.
	if NewStyles(true, false).Muted.Render("x") == NewStyles(false, false).Muted.Render("x") {
		t.Error("dark and light palettes are the same")
	}
}

var sgrRe = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// colourSGR returns the first SGR sequence that sets a colour, or "".
func colourSGR(s string) string {
	for _, m := range sgrRe.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			n, _ := strconv.Atoi(p)
			if (n >= 30 && n <= 38) || (n >= 40 && n <= 48) || (n >= 90 && n <= 97) || (n >= 100 && n <= 107) {
				return m[0]
			}
		}
	}
	return ""
}
