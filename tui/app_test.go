package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"flowsmith/flowgraph/flowgen"
)

var flowgenFlow = flowgen.Flow

func TestQuitKeys(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		t.Run(k, func(t *testing.T) {
			x, _ := sample(t, 140, 45)
			x.press(k)
			if !x.quit {
				t.Fatal("an unmodified document quits at once")
			}
		})
	}
}

func TestQuitPrompt(t *testing.T) {
	modified := func(t *testing.T) (*tm, string) {
		x, path := sample(t, 140, 45)
		x.selectNode("greeting").press("r", "ctrl+u", "type:hi", "enter")
		return x, path
	}
	t.Run("cancel", func(t *testing.T) {
		x, _ := modified(t)
		x.press("q")
		x.contains("Unsaved changes")
		x.press("c")
		if x.quit || len(x.m.ctx.dialogs) != 0 {
			t.Fatal("c cancels")
		}
		x.press("ctrl+c", "esc")
		if x.quit {
			t.Fatal("esc cancels")
		}
	})
	t.Run("discard", func(t *testing.T) {
		x, path := modified(t)
		x.press("ctrl+c", "d")
		if !x.quit {
			t.Fatal("d quits")
		}
		if strings.Contains(readFile(t, path), `"hi"`) {
			t.Error("discard must not write")
		}
	})
	t.Run("save", func(t *testing.T) {
		x, path := modified(t)
		x.press("q", "s")
		if !x.quit {
			t.Fatal("s saves then quits")
		}
		if !strings.Contains(readFile(t, path), `"id": "hi"`) {
			t.Error("not saved")
		}
	})
}

func TestMouse(t *testing.T) {
	x, _ := sample(t, 140, 45)
	// Click the third row of the nodes pane (y = 1 border + 2).
	x.send(tea.MouseClickMsg{X: 10, Y: 3, Button: tea.MouseLeft})
	if x.selectedID() != "liveness" {
		t.Errorf("click selects the row: %q", x.selectedID())
	}
	x.send(tea.MouseClickMsg{X: 60, Y: 5, Button: tea.MouseLeft})
	if x.m.focus != paneEditor {
		t.Errorf("click focuses the editor: %d", x.m.focus)
	}
	x.send(tea.MouseWheelMsg{X: 10, Y: 5, Button: tea.MouseWheelDown})
	if x.selectedID() != "closing_later" {
		t.Errorf("wheel scrolls the list: %q", x.selectedID())
	}
	// Click the "5 Graph" tab of the side panel.
	var tab tabHit
	for _, th := range x.m.lay.tabs {
		if th.id == paneGraph {
			tab = th
		}
	}
	x.send(tea.MouseClickMsg{X: tab.x0, Y: tab.y, Button: tea.MouseLeft})
	if x.m.focus != paneGraph {
		t.Errorf("click on the tab: focus %d", x.m.focus)
	}
}

func TestLargeFileOpensBeforeValidation(t *testing.T) {
	src := flowgenFlow(asyncOpenNodes + 10)
	x := &tm{t: t, m: New(Options{Path: "big.json", Src: src, Dark: true})}
	x.send(tea.WindowSizeMsg{Width: 140, Height: 45})
	if !x.m.ctx.Validating {
		t.Fatal("a large file is drawn before its findings")
	}
	x.contains("checking…")
	x.press("j") // usable meanwhile
	x.send(x.m.initCmd())
	if x.m.ctx.Validating {
		t.Fatal("findings installed")
	}
	x.lacks("checking…")
	// Findings of a document that was edited meanwhile are dropped.
	y := &tm{t: t, m: New(Options{Path: "big.json", Src: src, Dark: true})}
	y.send(tea.WindowSizeMsg{Width: 140, Height: 45})
	stale := y.m.initCmd()
	y.press("r", "ctrl+u", "type:begin", "enter")
	y.send(stale)
	if y.m.ctx.Doc.NodeByID("begin") < 0 || y.m.ctx.Validating {
		t.Fatal("the edit re-validated and the stale findings were ignored")
	}
}

func TestChangedBeforeFingerprint(t *testing.T) {
	path := t.TempDir() + "/f.json"
	src := `[{"id":"start","type":"start","outcome":"end"},{"id":"end","type":"end"}]`
	if err := writeFile(path, "[]"); err != nil { // the disk no longer holds src
		t.Fatal(err)
	}
	x := newTM(t, Options{Path: path, Src: []byte(src)}, 140, 45)
	x.press("r", "ctrl+u", "type:begin", "enter", "ctrl+s")
	x.contains("changed on disk")
}

func TestReadOnlyFixedInEditorReloads(t *testing.T) {
	x, path := openSrc(t, "bad.json", "[ {\"id\": \"start\" ", 140, 45)
	if x.m.ro == nil {
		t.Fatal("read-only")
	}
	if _, cmd := x.m.Update(keyMsg("ctrl+e")); cmd == nil {
		t.Fatal("ctrl+e runs $EDITOR on the file")
	}
	// The user fixes the file in the editor and quits it.
	if err := writeFile(path, `[{"id":"start","type":"start","outcome":"end"},{"id":"end","type":"end"}]`); err != nil {
		t.Fatal(err)
	}
	x.send(fileEditedMsg{path: path})
	if x.m.ro != nil || x.m.ctx.Doc == nil || x.m.ctx.Modified {
		t.Fatal("the fixed file is reloaded and editable")
	}
	x.contains("reloaded")
	if !strings.Contains(x.nodesView(), "START start") {
		t.Fatal(x.screen())
	}
}
