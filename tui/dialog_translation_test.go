package tui

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"flowsmith/i18n"
	"flowsmith/internal/testenv"
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

// A prompt holding a secret key is not copied into the text area: the area
// shows its text as it is, and enter would store the key in the sidecar.
func TestTranslationSecretNotPrefilled(t *testing.T) {
	key := testenv.PlantedKey()
	src := bytes.Replace(mustExample(t, "multilingual-session.json"),
		[]byte("Let me know when you are ready."), []byte("Your key is "+key+". Let me know when you are ready."), 1)
	x := goldenModel(t, "multilingual-session.json", src, 140, 45).press("4", "]") // de
	x.selectNode("greeting")
	if !strings.Contains(x.prompt("greeting"), key) {
		t.Fatal("the prompt does not hold the key")
	}
	x.press("t")
	d, ok := x.topDialog().(*translationDialog)
	if !ok {
		t.Fatalf("t opened %T", x.topDialog())
	}
	if d.Value() != "" {
		t.Errorf("prefilled with the secret prompt: %q", d.Value())
	}
	if v := x.m.view(); strings.Contains(v, key) || strings.Contains(ansi.Strip(v), key) {
		t.Fatalf("the key is on screen:\n%s", ansi.Strip(v))
	}
	x.contains("secret key")
	x.press("type:Hallo {name}!", "enter")
	if got, ok := x.m.ctx.translations().Get("de", "greeting"); !ok || got.Text != "Hallo {name}!" {
		t.Errorf("the translation typed: %+v %v", got, ok)
	}
}

// A save warns before writing a secret key in the translations, as it does
// for one in the flow: cancelled, neither file is written.
func TestTranslationSecretWarnsBeforeSidecarSave(t *testing.T) {
	key := testenv.PlantedKey()
	x, path := openSrc(t, "flow.json", string(mustExample(t, "multilingual-session.json")), 140, 45)
	side := i18n.SidecarPath(path)
	x.press("4", "]") // de
	x.selectNode("greeting")
	x.press("t", "ctrl+u", "type:Ihr Schlüssel ist "+key, "enter")
	if !x.m.ctx.sidecarDirty() || x.m.ctx.Modified {
		t.Fatal("the translation is an unsaved change of the sidecar only")
	}
	x.press("ctrl+s")
	x.contains("Secret key in the translations")
	x.contains("Its translations contain")
	x.contains("looks like a secret key (sk_live_…)")
	if strings.Contains(x.m.view(), key) {
		t.Fatal("the warning shows the key")
	}
	x.press("n")
	if _, err := os.Stat(side); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("cancel wrote the translations (%v)", err)
	}
	if !x.m.ctx.sidecarDirty() {
		t.Error("the translation is no longer marked unsaved")
	}
	x.contains("not saved")
	x.press("ctrl+s", "y")
	if !strings.Contains(readFile(t, side), key) {
		t.Fatal("save anyway writes the translations")
	}
	// Translations without a key save at once.
	y, ypath := openSrc(t, "flow.json", string(mustExample(t, "multilingual-session.json")), 140, 45)
	y.press("4", "]")
	y.selectNode("greeting")
	y.press("t", "ctrl+u", "type:Hallo!", "enter", "ctrl+s")
	if !strings.Contains(readFile(t, i18n.SidecarPath(ypath)), "Hallo!") {
		t.Fatal("no warning without a key")
	}
}

// Drawing the dialog of a stale translation does not sanitize and diff the
// prompts again on every frame: that is done once, when it opens (the word
// diff of two long prompts builds a table of up to 200,000 cells).
func TestTranslationDialogViewPrepared(t *testing.T) {
	words := make([]string, 400) // with the greeting's 45 words: 445×445 < 200,000 cells, diffed
	for i := range words {
		words[i] = "w" + itoa(i)
	}
	old := "Say: " + strings.Join(words, " ")
	words[10] = "changed"
	cur := "Say: " + strings.Join(words, " ")
	src := bytes.Replace(mustExample(t, "multilingual-session.json"),
		[]byte(`"Say: Hello {name}, and welcome!`), []byte(`"`+cur+` Hello {name}, and welcome!`), 1)
	x := goldenModel(t, "multilingual-session.json", src, 140, 45).press("4")
	cur = x.prompt("greeting")
	old = strings.Replace(cur, "changed", "w10", 1)
	sc := i18n.NewSidecar()
	sc.Set("de", "greeting", i18n.Translation{Source: old, Text: "Hallo"})
	x.loadSidecar(sc)
	x.press("]")
	x.selectNode("greeting")
	x.press("t")
	d, ok := x.topDialog().(*translationDialog)
	if !ok || !d.stale {
		t.Fatalf("t opened %T (a stale translation expected)", x.topDialog())
	}
	if !strings.Contains(ansi.Strip(d.View(140, 45)), "changed") {
		t.Fatalf("the dialog does not show the current prompt:\n%s", ansi.Strip(d.View(140, 45)))
	}
	if len(d.curMarks) != 1 {
		t.Fatalf("the prompts were not diffed: marks %v", d.curMarks)
	}
	const frames = 5
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range frames {
		d.View(140, 45)
	}
	runtime.ReadMemStats(&after)
	// The word diff alone allocates 446×446 cells of 4 bytes (777 KiB).
	if per := (after.TotalAlloc - before.TotalAlloc) / frames; per > 300<<10 {
		t.Errorf("a frame of the dialog allocates %d KiB: the prompts are diffed on every frame", per>>10)
	}
}
