package tui

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"weak"

	fg "flowsmith/flowgraph"
	"flowsmith/i18n"
)

// translate stores a translation the way the dialog does.
func (x *tm) translate(lang, node, text string) {
	x.m.ctx.setTranslation(lang, node, x.prompt(node), text)
}

func (x *tm) sidecarText(lang, node string) string {
	t, _ := x.m.ctx.translations().Get(lang, node)
	return t.Text
}

// Translation changes and flow changes form one undo timeline.
func TestSidecarUndoTimeline(t *testing.T) {
	x := multilingual(t, 140, 45)
	c := x.m.ctx
	orig := string(c.Doc.Src)
	x.translate("de", "greeting", "Hallo!") // S1
	ptr := fg.Pointer(c.Doc.Nodes[c.Doc.NodeByID("consent")].FieldsP, "prompt")
	if err := c.Apply(fg.SetValue(ptr, fg.NewString("Say: Agreed?"))); err != nil { // D1
		t.Fatal(err)
	}
	afterD1 := string(c.Doc.Src)
	x.translate("fr", "consent", "D'accord ?") // S2
	if c.undoDepth() != 3 {
		t.Fatalf("undo depth %d, want 3", c.undoDepth())
	}
	steps := []struct {
		doc      string
		de, fr   string
		describe string
	}{
		{afterD1, "Hallo!", "", "undo S2"},
		{orig, "Hallo!", "", "undo D1"},
		{orig, "", "", "undo S1"},
	}
	for _, st := range steps {
		x.undo()
		if string(c.Doc.Src) != st.doc || x.sidecarText("de", "greeting") != st.de || x.sidecarText("fr", "consent") != st.fr {
			t.Fatalf("%s: doc changed=%v de=%q fr=%q", st.describe, string(c.Doc.Src) != st.doc, x.sidecarText("de", "greeting"), x.sidecarText("fr", "consent"))
		}
	}
	if c.sidecarDirty() || c.unsaved() {
		t.Error("everything undone, yet unsaved")
	}
	x.undo() // nothing left
	for _, st := range []struct {
		doc    string
		de, fr string
	}{{orig, "Hallo!", ""}, {afterD1, "Hallo!", ""}, {afterD1, "Hallo!", "D'accord ?"}} {
		x.redo()
		if string(c.Doc.Src) != st.doc || x.sidecarText("de", "greeting") != st.de || x.sidecarText("fr", "consent") != st.fr {
			t.Fatalf("redo: de=%q fr=%q", x.sidecarText("de", "greeting"), x.sidecarText("fr", "consent"))
		}
	}
	// A new translation drops what could be redone of the translations; a new
	// flow change (through the Apply hook) too.
	x.undo()
	x.translate("it", "consent", "Va bene?")
	x.redo()
	if x.sidecarText("fr", "consent") != "" {
		t.Error("redo brought back a translation after a new change")
	}
	x.undo()
	c.sidecarDocEdited()
	if c.redoSidecar() {
		t.Error("a translation was redone after a new flow change")
	}
}

// The snapshots are never modified in place: an undo entry keeps its state
// whatever happens after it (and a save in flight writes what was current).
func TestSidecarSnapshotsAreImmutable(t *testing.T) {
	x := multilingual(t, 140, 45)
	x.translate("de", "greeting", "eins")
	first := x.m.ctx.translations()
	x.translate("de", "greeting", "zwei")
	if got, _ := first.Get("de", "greeting"); got.Text != "eins" {
		t.Errorf("an earlier snapshot changed to %q", got.Text)
	}
}

// A node rename carries its translations along, and is undone with them.
func TestSidecarFollowsRename(t *testing.T) {
	x := multilingual(t, 140, 45)
	c := x.m.ctx
	x.translate("de", "greeting", "Hallo!")
	if err := c.Rename("greeting", "welcome"); err != nil { // what the root's rename does
		t.Fatal(err)
	}
	if x.sidecarText("de", "welcome") != "Hallo!" || x.sidecarText("de", "greeting") != "" {
		t.Fatalf("after rename: %s", c.translations().Bytes())
	}
	if fs := x.findings("stale-translation"); len(fs) != 0 {
		t.Errorf("renamed translation reported stale: %+v", fs)
	}
	x.undo() // one step: the rename and its translations
	if c.Doc.NodeByID("greeting") < 0 || x.sidecarText("de", "greeting") != "Hallo!" {
		t.Fatalf("undo: node greeting %d, sidecar %s", c.Doc.NodeByID("greeting"), c.translations().Bytes())
	}
	x.redo()
	if c.Doc.NodeByID("welcome") < 0 || x.sidecarText("de", "welcome") != "Hallo!" {
		t.Fatalf("redo: sidecar %s", c.translations().Bytes())
	}
	x.undo()
	x.undo() // the translation itself
	if c.translations() != nil {
		t.Errorf("all undone: %s", c.translations().Bytes())
	}
}

// Renaming a node in the editor's id row takes its translations along too.
func TestSidecarFollowsEditorRename(t *testing.T) {
	x := multilingual(t, 140, 45)
	x.translate("de", "greeting", "Hallo!")
	x.edit("greeting", "/id").press("enter", "ctrl+u", "type:welcome", "enter")
	if x.m.ctx.Doc.NodeByID("welcome") < 0 {
		t.Fatalf("the id row did not rename the node: %s", x.m.ctx.lastMessage)
	}
	if x.sidecarText("de", "welcome") != "Hallo!" || x.sidecarText("de", "greeting") != "" {
		t.Fatalf("after the rename: %s", x.m.ctx.translations().Bytes())
	}
}

// The sidecar is read next to the flow when it is opened and written,
// atomically, when the flow is saved.
func TestSidecarLoadAndSave(t *testing.T) {
	orig := "{\n    \"de\": {\n        \"consent\": {\"source\": \"Say: old\", \"text\": \"Alt\", \"note\": \"legal\"}\n    }\n}\n"
	x, path := multilingualOnDisk(t, orig)
	dir, side := filepath.Dir(path), i18n.SidecarPath(path)
	c := x.m.ctx
	c.openSidecar(path)
	c.installSidecar(c.loadSidecar()().(sidecarLoadedMsg))
	if got, _ := c.translations().Get("de", "consent"); got.Text != "Alt" {
		t.Fatalf("loaded %+v", got)
	}
	if fs := x.findings("stale-translation"); len(fs) != 1 {
		t.Errorf("stale findings after load: %+v", fs)
	}
	if cmd := c.saveSidecar(path); cmd != nil {
		t.Error("nothing changed, yet the sidecar would be written")
	}
	x.translate("de", "consent", "Neu")
	cmd := c.saveSidecar(path)
	if cmd == nil {
		t.Fatal("no save command for a changed sidecar")
	}
	msg := cmd().(sidecarSavedMsg)
	if _, ok := x.m.sidecarMsg(msg); !ok || msg.err != nil {
		t.Fatalf("save: %v", msg.err)
	}
	got := readFile(t, side)
	if !strings.Contains(got, `"note": "legal"`) || !strings.Contains(got, `"text": "Neu"`) || !strings.HasPrefix(got, "{\n    \"de\"") {
		t.Errorf("written sidecar (keys and layout kept?):\n%s", got)
	}
	if c.sidecarDirty() {
		t.Error("still dirty after the save")
	}
	// Saved under another name, the flow takes its translations along.
	other := filepath.Join(dir, "copy.json")
	cmd = c.saveSidecar(other)
	if cmd == nil {
		t.Fatal("save as: the translations are not written next to the new file")
	}
	x.m.sidecarMsg(cmd())
	if !strings.Contains(readFile(t, filepath.Join(dir, "copy.i18n.json")), "Neu") {
		t.Error("copy.i18n.json lacks the translations")
	}
}

func TestSidecarNotWrittenWhenAbsentAndEmpty(t *testing.T) {
	x, path := multilingualOnDisk(t, "")
	c := x.m.ctx
	c.openSidecar(path)
	c.installSidecar(c.loadSidecar()().(sidecarLoadedMsg))
	if c.translations() != nil {
		t.Fatal("a sidecar appeared from nowhere")
	}
	x.translate("de", "greeting", "Hallo")
	x.translate("de", "greeting", "")
	if cmd := c.saveSidecar(path); cmd != nil || c.sidecarDirty() {
		t.Error("an empty sidecar would be created")
	}
	if len(x.findings("missing-translation")) != 0 {
		t.Error("missing-translation fires without a sidecar")
	}
}

func TestSidecarLoadErrorBlocksEditing(t *testing.T) {
	x, path := multilingualOnDisk(t, `{"de": 3}`)
	x.press("4", "]")
	c := x.m.ctx
	c.openSidecar(path)
	c.installSidecar(c.loadSidecar()().(sidecarLoadedMsg))
	if !c.lastIsError || !strings.Contains(c.lastMessage, "not loaded") {
		t.Errorf("message %q", c.lastMessage)
	}
	x.selectNode("greeting")
	x.press("t")
	if x.topDialog() != nil {
		t.Error("a broken sidecar file would be overwritten by an edit")
	}
}

// Translations that arrive while a large file's first validation (made
// without them) runs are validated again once it lands, in the background.
func TestSidecarWhileValidating(t *testing.T) {
	x := multilingual(t, 140, 45)
	c := x.m.ctx
	c.Validating = true // as openDocument leaves a large file
	x.loadSidecar(staleSidecar(x))
	if len(x.findings("stale-translation")) != 0 || !c.sidecar().revalidate {
		t.Fatal("validated at once while a background validation was running")
	}
	c.receiveFindings(findingsMsg{doc: c.Doc, findings: nil}) // the first findings land
	cmd := c.afterFindings()
	if cmd == nil || !c.Validating {
		t.Fatal("no second validation started")
	}
	c.receiveFindings(cmd().(findingsMsg))
	if len(x.findings("stale-translation")) != 1 || c.Validating {
		t.Errorf("after the second validation: stale %d, validating %v", len(x.findings("stale-translation")), c.Validating)
	}
	if c.afterFindings() != nil {
		t.Error("a third validation")
	}
}

// A sidecar loaded for a file that is no longer open is dropped.
func TestSidecarStaleLoadIgnored(t *testing.T) {
	x := multilingual(t, 140, 45)
	c := x.m.ctx
	c.openSidecar(c.Path)
	c.loadSidecar()
	sc := i18n.NewSidecar()
	sc.Set("de", "greeting", i18n.Translation{Source: "x", Text: "y"})
	c.installSidecar(sidecarLoadedMsg{path: c.sidecar().path, hist: &fg.History{}, sc: sc, exists: true})
	if c.translations() != nil {
		t.Error("a load for another document history was installed")
	}
}

// Each editor has its own translations, and they do not keep an editor
// alive.
func TestSidecarStatePerContext(t *testing.T) {
	a, b := multilingual(t, 140, 45), multilingual(t, 140, 45)
	a.translate("de", "greeting", "A")
	if b.m.ctx.translations() != nil {
		t.Fatal("two editors share translations")
	}
	var keys []weak.Pointer[Context]
	var live []*Context // held until the states are counted, so no GC can drop them first
	for range 5 {
		m := New(Options{Path: "x.json", Src: mustExample(t, "sample.json")})
		m.ctx.sidecar()
		keys = append(keys, weak.Make(m.ctx))
		live = append(live, m.ctx)
	}
	kept := func() int {
		n := 0
		for _, k := range keys {
			if c := k.Value(); c != nil && c.side != nil {
				n++
			}
		}
		return n
	}
	if kept() != 5 {
		t.Fatal("the states were not stored")
	}
	runtime.KeepAlive(live)
	for range 50 {
		runtime.GC()
		if kept() == 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%d states of dropped editors kept", kept())
}

// Renaming a translated node validates once: the flow change and the
// translations renamed with it are installed before the validation, which
// sees both (one generation, so the graph and the preview rebuild once).
// Undo and redo take both back as one step, validating once each.
func TestSidecarRenameValidatesOnce(t *testing.T) {
	x, _ := multilingualOnDisk(t, "")
	c := x.m.ctx
	x.press("4", "]")
	x.selectNode("greeting")
	x.press("t", "ctrl+u", "type:Hallo!", "enter", "1")
	x.selectNode("greeting")
	depth := c.undoDepth()
	gen := c.Generation()
	x.press("r", "ctrl+u", "type:welcome", "enter")
	if d := c.Generation() - gen; d != 1 {
		t.Errorf("one rename bumped the generation %d times, want 1", d)
	}
	if c.Doc.NodeByID("welcome") < 0 || x.sidecarText("de", "welcome") != "Hallo!" || x.sidecarText("de", "greeting") != "" {
		t.Fatalf("after rename: node welcome %d, sidecar %s", c.Doc.NodeByID("welcome"), c.translations().Bytes())
	}
	if fs := x.findings("stale-translation"); len(fs) != 0 {
		t.Errorf("the validation did not see the renamed translations: %+v", fs)
	}
	if !strings.Contains(c.lastMessage, "and its translations") {
		t.Errorf("status message %q", c.lastMessage)
	}
	if c.undoDepth() != depth+2 {
		t.Errorf("undo depth %d after the rename, want %d (flow change + glued translations)", c.undoDepth(), depth+2)
	}
	gen = c.Generation()
	x.press("u")
	if d := c.Generation() - gen; d != 1 {
		t.Errorf("undoing the rename bumped the generation %d times, want 1", d)
	}
	if c.Doc.NodeByID("greeting") < 0 || c.Doc.NodeByID("welcome") >= 0 || x.sidecarText("de", "greeting") != "Hallo!" || x.sidecarText("de", "welcome") != "" {
		t.Fatalf("one u: node greeting %d, sidecar %s", c.Doc.NodeByID("greeting"), c.translations().Bytes())
	}
	if c.undoDepth() != depth {
		t.Errorf("undo depth %d after undo, want %d", c.undoDepth(), depth)
	}
	gen = c.Generation()
	x.press("ctrl+r")
	if d := c.Generation() - gen; d != 1 {
		t.Errorf("redoing the rename bumped the generation %d times, want 1", d)
	}
	if c.Doc.NodeByID("welcome") < 0 || x.sidecarText("de", "welcome") != "Hallo!" {
		t.Fatalf("redo: sidecar %s", c.translations().Bytes())
	}
}
