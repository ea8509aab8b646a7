package tui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"flowsmith/i18n"
)

// t on a spoken node opens its translation for the language shown, prefilled
// with the English; enter stores {source: current prompt, text}.
func TestTranslationDialogSaves(t *testing.T) {
	x := multilingual(t, 140, 45)
	x.press("]") // de
	x.selectNode("greeting")
	x.press("t")
	d, ok := x.topDialog().(*translationDialog)
	if !ok {
		t.Fatalf("t opened %T", x.topDialog())
	}
	english := strings.TrimSpace(strings.TrimPrefix(x.prompt("greeting"), "Say:"))
	if d.Value() != english {
		t.Errorf("prefilled with %q, want the English %q", d.Value(), english)
	}
	x.contains("Reviewed German translation")
	x.press("ctrl+u", "type:Hallo {name}, willkommen!", "alt+enter", "type:Sind Sie bereit?", "enter")
	if x.topDialog() != nil {
		t.Fatal("enter did not close the dialog")
	}
	got, ok := x.m.ctx.translations().Get("de", "greeting")
	want := i18n.Translation{Source: x.prompt("greeting"), Text: "Hallo {name}, willkommen!\nSind Sie bereit?"}
	if !ok || got != want {
		t.Fatalf("sidecar holds %+v, want %+v", got, want)
	}
	if !x.m.ctx.sidecarDirty() || !x.m.ctx.unsaved() {
		t.Error("the new translation is not marked unsaved")
	}
	x.selectNode("greeting")
	v := x.previewView()
	for _, s := range []string{"✔ reviewed translation", "Hallo Alex Morgan, willkommen!", "Sind Sie bereit?"} {
		if !strings.Contains(v, s) {
			t.Errorf("the preview lacks %q:\n%s", s, v)
		}
	}
	if info := x.preview().Info(); info != "de · 1/7 reviewed" {
		t.Errorf("pane info %q", info)
	}
	// Opened again: prefilled with the translation; emptied, it is removed.
	x.press("t")
	if d := x.topDialog().(*translationDialog); !strings.HasPrefix(d.Value(), "Hallo {name}") {
		t.Errorf("reopened with %q", d.Value())
	}
	x.press("ctrl+u", "up", "ctrl+k", "backspace", "ctrl+k", "enter")
	if _, ok := x.m.ctx.translations().Get("de", "greeting"); ok {
		t.Errorf("an emptied translation stays: %q", x.m.ctx.translations().Bytes())
	}
}

func TestTranslationDialogCancel(t *testing.T) {
	x := multilingual(t, 140, 45)
	x.press("]")
	x.selectNode("consent")
	x.press("t", "type:xyz", "esc")
	if x.topDialog() != nil || x.m.ctx.translations() != nil || x.m.ctx.undoDepth() != 0 {
		t.Errorf("esc changed something: dialog %v, sidecar %v, undo %d", x.topDialog(), x.m.ctx.translations(), x.m.ctx.undoDepth())
	}
}

// t explains itself where there is nothing to translate.
func TestTranslationRefusals(t *testing.T) {
	src := `{"langs": ["en", "de"], "flow": [
  {"id": "start", "type": "start", "outcome": "ask"},
  {"id": "ask", "type": "conversation", "prompt": "Ask the user whether they are ready.", "outcomes": [{"id": "o", "targetNodeId": "live", "condition": ""}]},
  {"id": "live", "type": "liveness_detection", "outcomes": {"livenessDetected": "end", "deepfakeDetected": "end", "noFace": "end", "inconclusive": "end"}},
  {"id": "end", "type": "end"}]}`
	x := goldenModel(t, "r.json", []byte(src), 140, 45).press("4")
	cases := []struct{ lang, node, say string }{
		{"en", "ask", "prompts are written in English"},
		{"de", "ask", "descriptive prompt"},
		{"de", "live", "says nothing"},
	}
	for _, tc := range cases {
		if x.preview().Lang() != tc.lang {
			x.press("]")
		}
		x.selectNode(tc.node)
		x.press("t")
		if x.topDialog() != nil {
			t.Fatalf("%s/%s: a dialog opened", tc.lang, tc.node)
		}
		if !strings.Contains(x.m.ctx.lastMessage, tc.say) {
			t.Errorf("%s/%s: message %q, want %q", tc.lang, tc.node, x.m.ctx.lastMessage, tc.say)
		}
	}
}

// A stale translation shows the English it was made from next to the
// current prompt; saving it again makes it current, and the stale-translation
// finding goes away on re-validation.
func TestTranslationStale(t *testing.T) {
	x := multilingual(t, 140, 45)
	sc := i18n.NewSidecar()
	old := "Say: This session is recorded to confirm your identity. Do you agree?"
	sc.Set("de", "consent", i18n.Translation{Source: old, Text: "Diese Sitzung wird aufgezeichnet. Sind Sie einverstanden?"})
	x.loadSidecar(sc)
	if fs := x.findings("stale-translation"); len(fs) != 1 || fs[0].Node != "consent" {
		t.Fatalf("stale-translation findings %+v", fs)
	}
	x.press("]")
	x.selectNode("consent")
	v := x.previewView()
	for _, s := range []string{"▲ stale translation", "Translated from", "Current prompt", "Diese Sitzung"} {
		if !strings.Contains(v, s) {
			t.Errorf("the stale block lacks %q:\n%s", s, v)
		}
	}
	x.press("t")
	d := x.topDialog().(*translationDialog)
	if !d.stale || d.Value() != "Diese Sitzung wird aufgezeichnet. Sind Sie einverstanden?" {
		t.Fatalf("stale %v, prefilled %q", d.stale, d.Value())
	}
	scr := x.screen()
	for _, s := range []string{"▲ stale", "handled according to our"} {
		if !strings.Contains(scr, s) {
			t.Errorf("the dialog lacks %q:\n%s", s, scr)
		}
	}
	if !regexp.MustCompile(`Translated from +│ Current prompt`).MatchString(scr) {
		t.Errorf("old source and current prompt are not side by side:\n%s", scr)
	}
	x.press("enter")
	if fs := x.findings("stale-translation"); len(fs) != 0 {
		t.Errorf("still stale after saving: %+v", fs)
	}
	got, _ := x.m.ctx.translations().Get("de", "consent")
	if got.Source != x.prompt("consent") {
		t.Errorf("source %q, want the current prompt", got.Source)
	}
	// Undone, it is stale again (and the finding is back).
	x.undo()
	if fs := x.findings("stale-translation"); len(fs) != 1 {
		t.Errorf("after undo: stale findings %+v", fs)
	}
}

// Narrow screens stack the old source and the current prompt.
func TestTranslationStaleStackedWhenNarrow(t *testing.T) {
	x := multilingual(t, 60, 40)
	sc := i18n.NewSidecar()
	sc.Set("fr", "greeting", i18n.Translation{Source: "Say: Hello {name}!", Text: "Bonjour {name} !"})
	x.loadSidecar(sc)
	x.selectNode("greeting")
	x.preview().setLang("fr")
	openTranslation(x.m.ctx, x.m.ctx.Selected(), "fr", i18n.DefaultCatalog())
	d := x.topDialog().(*translationDialog)
	view := ansi.Strip(d.View(60, 40))
	stacked := strings.Contains(view, "Translated from") && strings.Contains(view, "Current prompt")
	for _, l := range strings.Split(view, "\n") {
		stacked = stacked && !(strings.Contains(l, "Translated from") && strings.Contains(l, "Current prompt"))
	}
	if !stacked {
		t.Errorf("not stacked at 60 columns:\n%s", view)
	}
	for _, l := range strings.Split(view, "\n") {
		if w := ansi.StringWidth(l); w > 60 {
			t.Errorf("line %d cells wide: %q", w, l)
		}
	}
}

func TestWordDiff(t *testing.T) {
	a, b := wordDiff("Hi there, please look at the camera", "Hi there, look straight at the camera now")
	if len(a) != 1 || !a[2] || len(b) != 2 || !b[3] || !b[7] {
		t.Errorf("removed %v, added %v", a, b)
	}
}

func TestTrimBlankLines(t *testing.T) {
	if got := trimBlankLines("\n  Hallo  \r\nWelt \t\n\n"); got != "Hallo\nWelt" {
		t.Errorf("%q", got)
	}
}
