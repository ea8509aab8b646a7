package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestTextEditorEditing(t *testing.T) {
	e := &textEditor{st: NewStyles(true, false)}
	e.SetSize(12, 4)
	e.SetValue("one two three four")
	press := func(keys ...string) {
		for _, k := range keys {
			e.Update(keyMsg(k))
		}
	}
	if got := len(e.lines()); got != 2 {
		t.Fatalf("soft-wraps into 2 lines at width 12, got %d", got)
	}
	press("up") // to the first visual line
	if l := e.lines()[e.cursorLine()]; l.start != 0 {
		t.Fatalf("up moves to the first line: %+v", l)
	}
	press("home", "alt+right")
	e.Update(keyMsg("!"))
	if e.Value() != "one! two three four" {
		t.Fatalf("word right then insert: %q", e.Value())
	}
	press("ctrl+w")
	if e.Value() != " two three four" {
		t.Fatalf("ctrl+w deletes the word before: %q", e.Value())
	}
	press("down", "end", "alt+enter")
	e.Update(keyMsg("x"))
	if !strings.HasSuffix(e.Value(), "\nx") {
		t.Fatalf("alt+enter inserts a new line: %q", e.Value())
	}
	press("backspace", "backspace")
	press("ctrl+a", "ctrl+k")
	if strings.Contains(e.Value(), "\n") {
		t.Fatalf("ctrl+k deletes to the end of the line: %q", e.Value())
	}
	e.SetValue("a\x1bb")
	if v := ansi.Strip(e.View()); !strings.Contains(v, "a␛b") {
		t.Fatalf("control characters show as pictures: %q", v)
	}
	// One-line mode scrolls horizontally and never inserts a new line.
	in := newLineInput(NewStyles(true, false), "> ", "hint")
	in.SetWidth(10)
	if v := ansi.Strip(in.View()); !strings.Contains(v, "hint") {
		t.Fatalf("placeholder: %q", v)
	}
	in.SetValue("abcdefghijklmnop")
	in.Update(keyMsg("alt+enter"))
	if v := ansi.Strip(in.View()); ansi.StringWidth(v) > 10 || !strings.Contains(v, "p") || in.Value() != "abcdefghijklmnop" {
		t.Fatalf("scrolled one-line view %q value %q", v, in.Value())
	}
}

func TestLegacyGraphOpensAndConverts(t *testing.T) {
	x, _ := broken(t, "legacy-graph.json", 140, 45)
	if x.m.ctx.Doc == nil {
		t.Fatal("legacy graphs open")
	}
	x.contains("legacy graph")
	x.contains("legacy-shape")
	x.press("2")
	x.contains("Links")
	x.press("3")
	for x.m.problems.Selected().Rule != "legacy-shape" {
		x.press("down")
	}
	x.press("f")
	if x.m.ctx.Doc.Form.String() == "legacy graph" {
		t.Fatal("the quick fix converts to the current form")
	}
	x.press("u")
	if x.m.ctx.Doc.Form.String() != "legacy graph" {
		t.Fatal("undo restores the legacy file")
	}
}

func TestSessionBodyForm(t *testing.T) {
	src := `{"flow": [{"id":"start","type":"start","outcome":"end"},{"id":"end","type":"end"}], "langs": ["en", "xx-!!"], "defaultLang": "en"}`
	x, path := openSrc(t, "body.json", src, 140, 45)
	x.contains("session body")
	x.contains("invalid-lang")
	x.press("3")
	for x.m.problems.Selected().Rule != "invalid-lang" {
		x.press("down")
	}
	x.press("enter")
	x.contains("not one node")
	x.press("1", "r", "ctrl+u", "type:begin", "enter", "ctrl+s")
	if got := readFile(t, path); !strings.Contains(got, `"langs": ["en", "xx-!!"]`) || !strings.Contains(got, `"id":"begin"`) {
		t.Fatalf("other keys kept as written:\n%s", got)
	}
}
