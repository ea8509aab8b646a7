package tui

import (
	"strings"
	"testing"

	fg "flowsmith/flowgraph"
)

// ptr is the pointer of a node's member: ptr("greeting", "/prompt").
func (x *tm) ptr(id, rest string) string {
	x.t.Helper()
	i := x.m.ctx.Doc.NodeByID(id)
	if i < 0 {
		x.t.Fatalf("no node %q", id)
	}
	return x.m.ctx.Doc.Nodes[i].Ptr + rest
}

// edit selects a node, focuses the editor and puts the cursor on a field.
func (x *tm) edit(id, rest string) *tm {
	x.t.Helper()
	x.selectNode(id).press("2")
	p := x.ptr(id, rest)
	x.m.editor.FocusPointer(p)
	if r := x.m.editor.row(); r == nil || r.ptr != p {
		x.t.Fatalf("no editor row for %s", p)
	}
	return x
}

func (x *tm) value(p string) *fg.Value { return x.m.ctx.Doc.Lookup(p) }

func TestEditorStringField(t *testing.T) {
	x, _ := sample(t, 140, 45)
	x.edit("greeting", "/outcomes/0/condition").press("enter")
	if !x.m.editor.editing {
		t.Fatal("enter starts editing")
	}
	x.press("ctrl+u", "type:quit now q", "enter")
	if x.quit {
		t.Fatal("q typed into a field must not quit")
	}
	if got := x.value(x.ptr("greeting", "/outcomes/0/condition")).Text(); got != "quit now q" {
		t.Fatalf("condition %q", got)
	}
	// esc leaves the field keeping what was typed; u undoes it.
	x.press("enter", "type:!", "esc")
	if x.m.editor.editing || !strings.HasSuffix(x.value(x.ptr("greeting", "/outcomes/0/condition")).Text(), "!") {
		t.Fatal("esc leaves the field and keeps the text")
	}
	x.press("u", "u")
	if x.m.ctx.Modified {
		t.Error("two undos restore the file")
	}
	// tab commits and moves to the next field.
	x.press("enter", "type:X", "tab")
	if x.m.editor.editing || x.m.editor.row().label != "target" {
		t.Errorf("tab moves on: editing %v row %q", x.m.editor.editing, x.m.editor.row().label)
	}
}

func TestEditorPromptMultiline(t *testing.T) {
	x, _ := sample(t, 140, 45)
	x.edit("closing_success", "/prompt").press("enter")
	if !x.m.editor.multiline {
		t.Fatal("prompts edit in the multi-line editor")
	}
	x.contains("alt+enter new line")
	x.press("ctrl+u", "type:Say: Thanks.", "alt+enter", "type:Bye.", "enter")
	if got := x.value(x.ptr("closing_success", "/prompt")).Text(); got != "Say: Thanks.\nBye." {
		t.Fatalf("prompt %q", got)
	}
	x.contains(`Say: Thanks.\nBye.`) // shown escaped in the form
}

func TestEditorNumberRange(t *testing.T) {
	x, _ := sample(t, 140, 45)
	p := x.ptr("email_code", "/otpLength")
	x.edit("email_code", "/otpLength").press("enter", "backspace", "type:9", "enter")
	if !x.m.editor.editing {
		t.Fatal("an out-of-range number keeps the field open")
	}
	x.contains("otpLength must be in 4–8")
	x.press("backspace", "type:x", "enter")
	x.contains(`"x" is not a number`)
	x.press("esc")
	if x.m.editor.editing || x.value(p).Str != "6" {
		t.Fatalf("esc drops an invalid value: %q", x.value(p).Str)
	}
	x.press("enter", "backspace", "type:8", "enter")
	if x.value(p).Str != "8" {
		t.Fatalf("otpLength %q", x.value(p).Str)
	}
	// Emptying an optional number removes it.
	x.press("enter", "ctrl+u", "enter")
	if x.value(p) != nil {
		t.Error("empty optional number is removed")
	}
}

func TestEditorToggleAndEnum(t *testing.T) {
	x, _ := sample(t, 140, 45)
	p := x.ptr("email_code", "/showUI")
	x.edit("email_code", "/showUI").press("space")
	if x.value(p).Truth() {
		t.Fatal("space toggles true → false")
	}
	x.press("enter")
	if !x.value(p).Truth() {
		t.Fatal("enter toggles too")
	}
	x.press("x")
	if x.value(p) != nil {
		t.Fatal("x removes an optional key")
	}

	src := `[{"id":"start","type":"start","outcome":"scan"},{"id":"scan","type":"document_scan","scanningMode":"single","allowedDocumentTypes":["passport"],"outcomes":{"scanSuccess":"end","userCancelled":"end","scanTimeout":"end"}},{"id":"end","type":"end"}]`
	y, _ := openSrc(t, "doc.json", src, 140, 45)
	mode := y.ptr("scan", "/scanningMode")
	y.edit("scan", "/scanningMode").press("space")
	if y.value(mode).Text() != "automatic" {
		t.Fatalf("space cycles the enum: %q", y.value(mode).Text())
	}
	y.press("enter")
	y.contains("Set scanningMode")
	y.press("type:sing", "enter")
	if y.value(mode).Text() != "single" {
		t.Fatalf("the picker sets the enum: %q", y.value(mode).Text())
	}
	types := y.ptr("scan", "/allowedDocumentTypes")
	y.m.editor.FocusPointer(types)
	y.press("enter", "ctrl+u", "type:passport, id ,dl", "enter")
	if got := strings.Join(y.value(types).Strings(), "|"); got != "passport|id|dl" {
		t.Fatalf("string list %q", got)
	}
	y.press("enter", "ctrl+u", "enter")
	y.contains("allowedDocumentTypes needs at least one item")
}

func TestEditorKeyedTargetPicker(t *testing.T) {
	x, _ := sample(t, 140, 45)
	p := x.ptr("liveness", "/outcomes/noFace")
	x.edit("liveness", "/outcomes/noFace").press("enter")
	x.contains("Link liveness · noFace to…")
	x.contains("＋ new node…")
	x.press("type:clsucc", "enter")
	if got := x.value(p).Text(); got != "closing_success" {
		t.Fatalf("linked to %q", got)
	}
	x.press("enter", "esc")
	if x.value(p).Text() != "closing_success" || len(x.m.ctx.dialogs) != 0 {
		t.Error("esc cancels the picker")
	}
}

func TestEditorNewNodeFromTarget(t *testing.T) {
	x, _ := sample(t, 140, 45)
	p := x.ptr("liveness", "/outcomes/deepfakeDetected")
	depth := x.m.ctx.Hist.Len()
	x.edit("liveness", "/outcomes/deepfakeDetected").press("enter", "pgup", "enter") // "new node…" is first
	x.contains("New node linked from liveness · deepfakeDetected: type")
	x.press("type:conversation", "enter", "ctrl+u", "type:fraud_notice", "enter")
	d := x.m.ctx.Doc
	if d.NodeByID("fraud_notice") < 0 || x.value(p).Text() != "fraud_notice" {
		t.Fatalf("node created and linked: %q", x.value(p).Text())
	}
	if x.m.ctx.Hist.Len() != depth+1 {
		t.Error("create-and-link is one undo step")
	}
	x.press("u")
	if x.m.ctx.Doc.NodeByID("fraud_notice") >= 0 || x.value(p).Text() != "closing_unverified" {
		t.Error("one undo reverts both")
	}
}

func TestEditorConditionalOutcomes(t *testing.T) {
	x, _ := sample(t, 140, 45)
	list := x.ptr("greeting", "/outcomes")
	ids := func() string {
		var out []string
		for _, o := range x.value(list).Elems() {
			out = append(out, o.Get("id").Text())
		}
		return strings.Join(out, ",")
	}
	x.edit("greeting", "/outcomes/0/id").press("n")
	if ids() != "ready,next,not_now" {
		t.Fatalf("n adds after the current outcome: %s", ids())
	}
	if r := x.m.editor.row(); r.ptr != list+"/1/id" {
		t.Errorf("cursor on the new outcome, at %s", r.ptr)
	}
	x.press("J")
	if ids() != "ready,not_now,next" {
		t.Fatalf("J moves down: %s", ids())
	}
	if r := x.m.editor.row(); r.ptr != list+"/2/id" {
		t.Errorf("cursor follows the move, at %s", r.ptr)
	}
	x.press("K", "alt+down")
	if ids() != "ready,not_now,next" {
		t.Fatalf("K then alt+down: %s", ids())
	}
	x.press("alt+up")
	if ids() != "ready,next,not_now" {
		t.Fatalf("alt+up: %s", ids())
	}
	x.press("x")
	if ids() != "ready,not_now" {
		t.Fatalf("x removes: %s", ids())
	}
	x.contains("ready")
}

func TestEditorInlineFindingsAndFix(t *testing.T) {
	x, _ := broken(t, "dangling-target.json", 140, 45)
	x.edit("liveness", "/outcomes/inconclusive")
	scr := x.screen()
	row := strings.Index(scr, "inconclusive      → closing_unverifed")
	msg := strings.Index(scr, "dangling-target: outcome")
	if row < 0 || msg < 0 || msg < row {
		t.Fatalf("the finding shows under its field:\n%s", scr)
	}
	x.contains(`hint: did you mean "closing_unverified"?`)
	x.press("f")
	if got := x.value(x.ptr("liveness", "/outcomes/inconclusive")).Text(); got != "closing_unverified" {
		t.Fatalf("f fixes the row's finding: %q", got)
	}
	x.lacks("dangling-target:")
}

func TestEditorRenameViaID(t *testing.T) {
	x, _ := sample(t, 140, 45)
	x.edit("liveness", "/id").press("enter", "ctrl+u", "type:greeting", "enter")
	x.contains(`a node with id "greeting" already exists`)
	x.press("ctrl+u", "type:live", "enter")
	if x.m.ctx.Doc.NodeByID("live") < 0 || x.selectedID() != "live" {
		t.Fatal("editing the id renames")
	}
	if x.value(x.ptr("greeting", "/outcomes/0/targetNodeId")).Text() != "live" {
		t.Error("references rewritten")
	}
}

func TestEditorObjectsAndRawKeys(t *testing.T) {
	src := `[{"id":"start","type":"start","outcome":"c"},{"id":"c","type":"conversation","prompt":"Say: Hi.","colour":{"a":1},"outcomes":[{"id":"n","targetNodeId":"end","condition":""}]},{"id":"end","type":"end"}]`
	x, _ := openSrc(t, "raw.json", src, 140, 45)
	x.edit("c", "/colour")
	x.contains("Other keys")
	x.contains(`{"a":1}`)
	x.contains("unknown-field")
	x.press("enter", "ctrl+u", "type:{bad", "enter")
	x.contains("not valid JSON")
	x.press("ctrl+u", "type:[1, 2]", "enter")
	if raw := rawText(x.m.ctx.Doc, x.value(x.ptr("c", "/colour"))); raw != "[1, 2]" {
		t.Fatalf("raw value %q", raw)
	}
	x.press("x")
	if x.value(x.ptr("c", "/colour")) != nil {
		t.Fatal("x removes an unknown key")
	}
	// An absent object field: enter adds it with its required members.
	x.m.editor.FocusPointer(x.ptr("c", "/awaitExternal"))
	x.press("enter")
	if v := x.value(x.ptr("c", "/awaitExternal")); v == nil {
		t.Fatal("enter on an absent object adds it")
	}
	x.contains("exits")
}

func TestEditorExternalEditor(t *testing.T) {
	x, _ := sample(t, 140, 45)
	p := x.ptr("closing_success", "/prompt")
	x.edit("closing_success", "/prompt")
	cmd := x.m.editor.externalEdit()
	msg, ok := cmd().(tempReadyMsg)
	if !ok || msg.err != nil || msg.ptr != p {
		t.Fatalf("ctrl+e writes a temp file: %#v", msg)
	}
	if !strings.Contains(readFile(t, msg.path), "Thank you, {name}") {
		t.Fatal("the temp file holds the prompt")
	}
	if err := writeFile(msg.path, "Say: Edited elsewhere.\n"); err != nil {
		t.Fatal(err)
	}
	x.send(editorExitMsg{ptr: msg.ptr, path: msg.path})
	if got := x.value(p).Text(); got != "Say: Edited elsewhere." {
		t.Fatalf("prompt from $EDITOR: %q", got)
	}
	// The key itself produces the command.
	_, cmd = x.m.Update(keyMsg("ctrl+e"))
	if cmd == nil {
		t.Fatal("ctrl+e returns a command")
	}
}
