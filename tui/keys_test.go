package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestKeyMsgStrings(t *testing.T) {
	for _, s := range []string{"a", "K", "?", "/", "1", "enter", "esc", "tab", "shift+tab", "ctrl+s", "ctrl+z",
		"ctrl+r", "ctrl+y", "ctrl+c", "ctrl+e", "alt+up", "alt+enter", "space", "up", "down", "pgdown", "backspace"} {
		if got := keyMsg(s).String(); got != s {
			t.Errorf("keyMsg(%q).String() = %q", s, got)
		}
	}
}

func TestFocusKeys(t *testing.T) {
	tests := []struct {
		keys      []string
		wantFocus paneID
		wantSide  paneID
	}{
		{[]string{"2"}, paneEditor, paneProblems},
		{[]string{"3"}, paneProblems, paneProblems},
		{[]string{"4"}, panePreview, panePreview},
		{[]string{"5"}, paneGraph, paneGraph},
		{[]string{"5", "1"}, paneNodes, paneGraph},
		{[]string{"tab"}, paneEditor, paneProblems},
		{[]string{"tab", "tab"}, paneProblems, paneProblems},
		{[]string{"tab", "tab", "tab"}, paneNodes, paneProblems},
		{[]string{"shift+tab"}, paneProblems, paneProblems},
		{[]string{"4", "shift+tab"}, paneEditor, panePreview},
		{[]string{"enter"}, paneEditor, paneProblems},
		{[]string{"2", "esc"}, paneNodes, paneProblems},
		{[]string{"3", "esc"}, paneNodes, paneProblems},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.keys, "_"), func(t *testing.T) {
			x, _ := sample(t, 140, 45)
			x.press(tt.keys...)
			if x.m.focus != tt.wantFocus || x.m.side != tt.wantSide {
				t.Errorf("focus %d side %d, want %d %d", x.m.focus, x.m.side, tt.wantFocus, tt.wantSide)
			}
		})
	}
}

func TestFocusShowsInScreen(t *testing.T) {
	x, _ := sample(t, 140, 45)
	x.press("4")
	x.contains("Which language a visitor gets")
	x.press("5")
	x.contains("whole flow · 11 nodes")
	x.contains("║ start")
	x.press("3")
	x.contains("no problems")
}

func TestSmallLayoutShowsOnePane(t *testing.T) {
	x, _ := sample(t, 70, 20)
	if x.m.lay.mode != layoutSmall {
		t.Fatalf("mode %d", x.m.lay.mode)
	}
	x.contains("1 Nodes │ 2 Editor │ 3 Problems")
	x.lacks("Where every session begins")
	x.press("2")
	x.contains("Where every session begins")
	x.press("tab", "tab", "tab")
	if x.m.focus != paneGraph {
		t.Errorf("small layout cycles through all panes, focus %d", x.m.focus)
	}
	x.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	if x.m.lay.mode != layoutMedium {
		t.Errorf("resize to 100x30: mode %d", x.m.lay.mode)
	}
	x.send(tea.WindowSizeMsg{Width: 150, Height: 40})
	if x.m.lay.mode != layoutWide {
		t.Errorf("resize to 150x40: mode %d", x.m.lay.mode)
	}
}

func TestMoveKeys(t *testing.T) {
	tests := []struct {
		keys []string
		want string
	}{
		{[]string{"down"}, "greeting"},
		{[]string{"j"}, "greeting"},
		{[]string{"j", "j"}, "liveness"},
		{[]string{"j", "j", "k"}, "greeting"},
		{[]string{"j", "j", "up"}, "greeting"},
		{[]string{"k"}, "start"},
		{[]string{"G"}, "end_success"},
		{[]string{"G", "g"}, "start"},
		{[]string{"pgdown"}, "end_success"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.keys, "_"), func(t *testing.T) {
			x, _ := sample(t, 140, 45)
			x.press(tt.keys...)
			if got := x.selectedID(); got != tt.want {
				t.Errorf("selected %q, want %q", got, tt.want)
			}
		})
	}
}

func TestUnreachableAfterDivider(t *testing.T) {
	src := `[{"id":"start","type":"start","outcome":"end"},{"id":"orphan","type":"end"},{"id":"end","type":"end"}]`
	x, _ := openSrc(t, "f.json", src, 140, 45)
	scr := x.nodesView()
	i, j, k := strings.Index(scr, "END   end"), strings.Index(scr, "unreachable"), strings.Index(scr, "orphan")
	if i < 0 || j < 0 || k < 0 || !(i < j && j < k) {
		t.Fatalf("want end, divider, orphan in that order:\n%s", scr)
	}
	x.press("j", "j") // the divider is skipped
	if x.selectedID() != "orphan" {
		t.Errorf("selected %q", x.selectedID())
	}
}

func TestFilterKeys(t *testing.T) {
	x, _ := sample(t, 140, 45)
	x.press("/", "type:liveness")
	if !x.m.nodes.typing {
		t.Fatal("/ should start typing the filter")
	}
	x.nodesHas("liveness_retry")
	x.nodesLacks("closing_later")
	if x.selectedID() != "liveness" {
		t.Errorf("selection lands on the first match, got %q", x.selectedID())
	}
	x.press("q") // typed, not quit
	if x.quit {
		t.Fatal("q quit while typing a filter")
	}
	x.press("backspace", "enter")
	if x.m.nodes.typing || x.m.nodes.filter != "liveness" {
		t.Errorf("enter applies the filter: typing %v filter %q", x.m.nodes.typing, x.m.nodes.filter)
	}
	x.press("j")
	if x.selectedID() != "liveness_retry_notice" && x.selectedID() != "liveness_retry" {
		t.Errorf("j moves among matches, got %q", x.selectedID())
	}
	x.press("esc")
	if x.m.nodes.filter != "" {
		t.Error("esc clears the filter")
	}
	x.nodesHas("closing_later")
	// Type and prompt text match too.
	x.press("/", "type:otp_", "esc")
	x.press("/", "type:two_factor", "enter")
	x.nodesHas("email_code")
	x.nodesLacks("closing_later")
	x.press("esc", "/", "type:good light", "enter")
	x.nodesHas("liveness_retry_no")
	x.nodesLacks("closing_later")
}

func TestHelpOverlay(t *testing.T) {
	x, _ := sample(t, 140, 45)
	x.press("?")
	if !x.m.showHelp {
		t.Fatal("? opens help")
	}
	x.contains("flowsmith keys")
	x.contains("follow outcome to target")
	x.press("j") // any key closes, and does nothing else
	if x.m.showHelp || x.selectedID() != "start" {
		t.Errorf("help still open %v or key leaked (selected %q)", x.m.showHelp, x.selectedID())
	}
}

func TestUndoRedoKeys(t *testing.T) {
	for _, keys := range [][2]string{{"u", "ctrl+r"}, {"ctrl+z", "ctrl+y"}} {
		t.Run(keys[0], func(t *testing.T) {
			x, _ := sample(t, 140, 45)
			orig := string(x.m.ctx.Doc.Src)
			x.selectNode("greeting").press("r", "ctrl+u", "type:hello", "enter")
			if x.m.ctx.Doc.NodeByID("hello") < 0 {
				t.Fatal("rename did not happen")
			}
			renamed := string(x.m.ctx.Doc.Src)
			x.press(keys[0])
			if string(x.m.ctx.Doc.Src) != orig {
				t.Fatal("undo did not restore the exact bytes")
			}
			x.contains("undid rename greeting → hello")
			x.press(keys[1])
			if string(x.m.ctx.Doc.Src) != renamed {
				t.Fatal("redo did not redo")
			}
			x.press(keys[1])
			x.contains("nothing to redo")
		})
	}
}

func TestRenameRewritesReferences(t *testing.T) {
	x, _ := sample(t, 140, 45)
	x.selectNode("liveness").press("r")
	x.contains("Rename liveness")
	x.contains("1 outcome links to it")
	x.press("ctrl+u", "type:greeting") // taken: refused
	x.contains(`a node with id "greeting" already exists`)
	x.press("enter") // stays open
	if len(x.m.ctx.dialogs) != 1 {
		t.Fatal("an invalid id must not close the prompt")
	}
	x.press("ctrl+u", "type:live_check", "enter")
	d := x.m.ctx.Doc
	if d.NodeByID("liveness") >= 0 || d.NodeByID("live_check") < 0 {
		t.Fatal("not renamed")
	}
	if refs := d.ReferencesTo("live_check"); len(refs) != 1 {
		t.Errorf("references rewritten: %d", len(refs))
	}
	if x.selectedID() != "live_check" {
		t.Errorf("selection follows the rename, got %q", x.selectedID())
	}
	x.press("r", "esc")
	if len(x.m.ctx.dialogs) != 0 || x.m.ctx.Doc.NodeByID("live_check") < 0 {
		t.Error("esc cancels the rename")
	}
}

func TestDeleteConfirmNamesReferences(t *testing.T) {
	x, _ := sample(t, 140, 45)
	x.selectNode("closing_later").press("d")
	x.contains("Delete node closing_later")
	x.contains("These outcomes will dangle")
	x.contains("greeting · not_now → closing_later")
	x.contains("email_code · cancelled → closing_later")
	x.press("n")
	if x.m.ctx.Doc.NodeByID("closing_later") < 0 {
		t.Fatal("n must cancel")
	}
	x.press("d", "esc")
	if x.m.ctx.Doc.NodeByID("closing_later") < 0 {
		t.Fatal("esc must cancel")
	}
	x.press("d", "y")
	if x.m.ctx.Doc.NodeByID("closing_later") >= 0 {
		t.Fatal("y must delete")
	}
	x.contains("dangling-target")
	if x.selectedID() == "" {
		t.Error("something stays selected")
	}
	x.press("u")
	if x.m.ctx.Doc.NodeByID("closing_later") < 0 {
		t.Fatal("undo restores the node")
	}
}

func TestAddNodeKey(t *testing.T) {
	x, _ := sample(t, 140, 45)
	x.press("a")
	x.contains("Add node: type")
	x.press("type:docsc", "enter")
	x.contains("Add node: id")
	x.press("ctrl+u", "type:scan_id", "enter")
	d := x.m.ctx.Doc
	i := d.NodeByID("scan_id")
	if i != 1 {
		t.Fatalf("added after the selection (index 1), got %d", i)
	}
	if d.Nodes[i].Type != "document_scan" {
		t.Errorf("type %q", d.Nodes[i].Type)
	}
	if x.selectedID() != "scan_id" || x.m.focus != paneEditor {
		t.Errorf("the new node is selected in the editor: %q focus %d", x.selectedID(), x.m.focus)
	}
	x.contains("unreachable")
	x.contains("scanningMode")
}

func TestFollowKey(t *testing.T) {
	x, _ := sample(t, 140, 45)
	x.press("o") // from the nodes pane: the first linked outcome
	if x.selectedID() != "greeting" {
		t.Fatalf("o from start: %q", x.selectedID())
	}
	x.press("2") // editor: the outcome under the cursor
	x.m.editor.FocusPointer("/1/outcomes/1/targetNodeId")
	x.press("o")
	if x.selectedID() != "closing_later" {
		t.Errorf("o in the editor follows the selected outcome, got %q", x.selectedID())
	}
}
