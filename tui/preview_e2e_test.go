//go:build unix

// The end-to-end test of the preview (tmux, the real binary): switch the
// language, edit a translation, save, and find the sidecar on disk.

package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEndToEndPreviewTmux(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "flow.json")
	if err := os.WriteFile(file, mustExample(t, "multilingual-session.json"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startTmux(t, "preview", file, t.TempDir())

	s.waitFor("1 Nodes", "13 nodes")
	s.keys("4")
	s.waitFor("[en]", "Which language a visitor gets")
	s.keys("]")
	s.waitFor("[de]", "Deutsch · German (de)")
	s.keys("j") // the first spoken node: greeting
	s.waitFor("▌1. greeting")
	s.keys("t")
	s.waitFor("Reviewed German translation")
	s.keys("C-u")
	s.text("Hallo {name}, willkommen!")
	s.keys("Enter")
	s.waitFor("translate greeting (de)", "✔ reviewed translation", "[+]")
	s.keys("u")
	s.waitFor("undid translate greeting (de)")
	s.keys("C-r")
	s.waitFor("redid translate greeting (de)")
	s.keys("C-s")
	s.waitFor("and its translations")
	s.keys("q")
	s.waitExit()

	got, err := os.ReadFile(filepath.Join(dir, "flow.i18n.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), `"text": "Hallo {name}, willkommen!"`) || !strings.Contains(string(got), `"source": "Say: Hello {name}, and welcome!`) {
		t.Errorf("the sidecar on disk:\n%s", got)
	}
	flow, _ := os.ReadFile(file)
	if strings.Contains(string(flow), "Hallo") {
		t.Error("the translation leaked into the flow file")
	}
}
