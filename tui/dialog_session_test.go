package tui

import (
	"strings"
	"testing"

	fg "flowsmith/flowgraph"
)

func (x *tm) bodyLangs() (langs []string, def string) {
	b := x.m.ctx.Doc.Body()
	return b.Get("langs").Strings(), b.Get("defaultLang").Text()
}

// s edits langs and defaultLang as one undoable change.
func TestSessionDialogChangesLangs(t *testing.T) {
	x := multilingual(t, 140, 45)
	c := x.m.ctx
	orig := string(c.Doc.Src)
	x.press("s")
	if _, ok := x.topDialog().(*sessionDialog); !ok {
		t.Fatalf("s opened %T", x.topDialog())
	}
	x.contains("Session languages")
	x.contains("[x] de")
	// Catalog order: en it de fr es pt ru ja id no zh zh-TW zh-HK.
	x.press("down", "down", "down", "space") // fr off
	x.press("down", "down", "down", "space") // ru on
	x.press("d")                             // ru the default
	x.contains("langs: en de it es pt zh zh-TW ru")
	x.press("enter")
	if x.topDialog() != nil {
		t.Fatal("enter did not apply")
	}
	langs, def := x.bodyLangs()
	if strings.Join(langs, " ") != "en de it es pt zh zh-TW ru" || def != "ru" {
		t.Fatalf("langs %v, defaultLang %q", langs, def)
	}
	if c.Hist.Len() != 1 {
		t.Errorf("%d history entries, want one change", c.Hist.Len())
	}
	if p := x.preview(); p.Lang() == "" || strings.Join(p.tabs, " ") != "en de it es pt zh zh-TW ru" {
		t.Errorf("tabs after the change: %v", p.tabs)
	}
	x.press("u")
	if string(c.Doc.Src) != orig {
		t.Errorf("undo did not restore the bytes:\n%s", c.Doc.Src)
	}
	x.press("ctrl+r")
	if _, def := x.bodyLangs(); def != "ru" {
		t.Errorf("redo: defaultLang %q", def)
	}
}

// The default must be one of the checked languages; the dialog says so and
// stays open.
func TestSessionDialogDefaultOutsideLangs(t *testing.T) {
	x := multilingual(t, 140, 45)
	x.press("s", "space", "enter") // en (the default) off
	d, ok := x.topDialog().(*sessionDialog)
	if !ok {
		t.Fatal("the dialog closed with defaultLang outside langs")
	}
	if !strings.Contains(d.errMsg, "defaultLang en is not one of the checked languages") {
		t.Errorf("error %q", d.errMsg)
	}
	x.contains("✖ defaultLang en")
	x.press("esc")
	if x.m.ctx.Hist.Len() != 0 {
		t.Error("esc applied something")
	}
}

// Unchecking everything removes langs (every catalog language is allowed);
// checking everything writes the catalog.
func TestSessionDialogAllNone(t *testing.T) {
	x := multilingual(t, 140, 45)
	c := x.m.ctx
	x.press("s", "a", "a") // all, then none
	x.contains("langs: none, so every catalog language is allowed")
	x.press("enter")
	if c.Doc.Body().Has("langs") {
		t.Errorf("langs kept: %v", c.Doc.Body().Get("langs").Strings())
	}
	if p := x.preview(); p.Lang() == "" || len(p.tabs) != 13 {
		t.Errorf("no langs: %d tabs, want the catalog", len(p.tabs))
	}
	x.press("s", "enter")
	if c.Hist.Len() != 1 || !strings.Contains(c.lastMessage, "nothing to change") {
		t.Errorf("an unchanged dialog made a change: %q", c.lastMessage)
	}
}

// A bare array is offered the conversion to a session body first; the
// conversion and the languages are one change.
func TestSessionDialogConvertsBareFlow(t *testing.T) {
	x, _ := sample(t, 140, 45)
	c := x.m.ctx
	orig := string(c.Doc.Src)
	if c.Doc.Form != fg.FormBare {
		t.Fatalf("the sample is a %s", c.Doc.Form)
	}
	x.press("4", "s")
	x.contains("Convert it to a session body?")
	x.press("n")
	if x.topDialog() != nil || c.Doc.Form != fg.FormBare {
		t.Fatal("n converted or left a dialog open")
	}
	x.press("s", "y")
	d, ok := x.topDialog().(*sessionDialog)
	if !ok || !d.convert {
		t.Fatalf("after y: %T", x.topDialog())
	}
	x.contains("converts the bare array")
	x.press("space", "down", "down", "space", "enter") // en, de
	if c.Doc.Form != fg.FormBody {
		t.Fatalf("form %s after applying", c.Doc.Form)
	}
	if langs, _ := x.bodyLangs(); strings.Join(langs, " ") != "en de" {
		t.Errorf("langs %v", langs)
	}
	if c.Hist.Len() != 1 {
		t.Errorf("%d changes, want one", c.Hist.Len())
	}
	x.press("u")
	if string(c.Doc.Src) != orig {
		t.Errorf("one undo did not restore the bare array:\n%s", c.Doc.Src)
	}
}

func TestSessionDialogLegacy(t *testing.T) {
	src := `{"nodes": [{"id": "start", "type": "start"}], "edges": []}`
	x := goldenModel(t, "legacy.json", []byte(src), 140, 45)
	if x.m.ctx.Doc == nil || x.m.ctx.Doc.Form != fg.FormLegacy {
		t.Skip("legacy graphs do not open as documents")
	}
	x.press("4", "s")
	if x.topDialog() != nil || !strings.Contains(x.m.ctx.lastMessage, "legacy") {
		t.Errorf("legacy: dialog %T, message %q", x.topDialog(), x.m.ctx.lastMessage)
	}
}

// Codes outside the catalog stay listed (and can be unchecked); the body's
// order and spelling of kept languages are not changed.
func TestSessionDialogKeepsUnknownCodes(t *testing.T) {
	src := `{"langs": ["DE", "xx-YY", "en"], "flow": [{"id": "start", "type": "start", "outcome": "end"}, {"id": "end", "type": "end"}]}`
	x := goldenModel(t, "u.json", []byte(src), 140, 45).press("4", "s")
	x.contains("xx-YY")
	x.contains("not in the language catalog")
	d := x.topDialog().(*sessionDialog)
	if got := strings.Join(d.checked(), " "); got != "DE xx-YY en" {
		t.Errorf("checked %q", got)
	}
	if op, _, _ := d.change(); op != nil {
		t.Error("nothing changed, yet an operation")
	}
	d.items[d.find("xx-YY")].checked = false
	x.press("enter")
	if langs, _ := x.bodyLangs(); strings.Join(langs, " ") != "DE en" {
		t.Errorf("langs %v", langs)
	}
}

// A defaultLang from the file is drawn escaped in the dialog's error: a
// bidirectional override in it never reaches the screen.
func TestSessionDialogErrorSanitized(t *testing.T) {
	src := `{"langs": ["en", "de"], "defaultLang": "\u202eevil", "flow": [{"id": "start", "type": "start", "outcome": "end"}, {"id": "end", "type": "end"}]}`
	x := goldenModel(t, "bidi.json", []byte(src), 140, 45).press("4", "s", "enter")
	d, ok := x.topDialog().(*sessionDialog)
	if !ok {
		t.Fatalf("the dialog closed with defaultLang outside langs: %T", x.topDialog())
	}
	if !strings.Contains(d.errMsg, "is not one of the checked languages") {
		t.Errorf("error %q", d.errMsg)
	}
	scr := x.screen()
	if strings.ContainsRune(scr, '\u202e') {
		t.Fatalf("U+202E is on screen:\n%q", scr)
	}
	x.contains(`✖ defaultLang \u202eevil`)
}
