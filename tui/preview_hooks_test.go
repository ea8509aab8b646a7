// These tests drive the translations through the root's keys and file
// commands: undo and redo, save, rename, and the status bar.

package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"flowsmith/i18n"
)

// multilingualOnDisk writes the example (and a sidecar, when given) to a
// temporary folder and opens it the way the program does.
func multilingualOnDisk(t *testing.T, sidecar string) (*tm, string) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "flow.json")
	if err := os.WriteFile(path, mustExample(t, "multilingual-session.json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if sidecar != "" {
		if err := os.WriteFile(filepath.Join(dir, "flow.i18n.json"), []byte(sidecar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return newTM(t, Options{Path: path}, 140, 45), path
}

const staleConsent = `{"de": {"consent": {"source": "Say: Do you agree?", "text": "Sind Sie einverstanden?"}}}`

func TestHooksOpenLoadsSidecar(t *testing.T) {
	x, _ := multilingualOnDisk(t, staleConsent)
	if fs := x.findings("stale-translation"); len(fs) != 1 {
		t.Fatalf("opened with a stale translation: findings %+v", fs)
	}
	x.press("4", "]")
	if got := x.m.info(panePreview); got != "de · 0/7 reviewed · 1 stale" {
		t.Errorf("the pane's border information: %q", got)
	}
	x.selectNode("consent")
	x.contains("▲ stale translation")
}

func TestHooksTranslateUndoSave(t *testing.T) {
	x, path := multilingualOnDisk(t, "")
	side := i18n.SidecarPath(path)
	x.press("4", "]")
	x.selectNode("greeting")
	x.press("t", "ctrl+u", "type:Hallo {name}!", "enter")
	x.contains("[+]")
	x.contains("undo 1")
	x.press("u")
	if x.m.ctx.translations() != nil {
		t.Fatal("u did not undo the translation")
	}
	x.press("ctrl+r")
	if x.sidecarText("de", "greeting") != "Hallo {name}!" {
		t.Fatal("ctrl+r did not redo the translation")
	}
	x.press("ctrl+s")
	got := readFile(t, side)
	if !strings.Contains(got, `"text": "Hallo {name}!"`) {
		t.Fatalf("ctrl+s wrote:\n%s", got)
	}
	x.lacks("[+]")
	// A new edit of the translation and quit: the editor asks first.
	x.press("t", "type: Bitte.", "enter", "q")
	x.contains("Unsaved changes")
}

func TestHooksRenameCarriesTranslations(t *testing.T) {
	x, _ := multilingualOnDisk(t, "")
	x.press("4", "]")
	x.selectNode("greeting")
	x.press("t", "ctrl+u", "type:Hallo!", "enter", "1")
	x.selectNode("greeting")
	x.press("r", "ctrl+u", "type:welcome", "enter")
	if x.sidecarText("de", "welcome") != "Hallo!" {
		t.Fatalf("the rename left the translation behind: %s", x.m.ctx.translations().Bytes())
	}
	x.press("u")
	if x.m.ctx.Doc.NodeByID("greeting") < 0 || x.sidecarText("de", "greeting") != "Hallo!" {
		t.Errorf("one u: node and translation back? %s", x.m.ctx.translations().Bytes())
	}
}

func TestHooksKeysFromNodesPane(t *testing.T) {
	x, _ := multilingualOnDisk(t, "")
	x.press("4", "]", "1")
	x.selectNode("consent")
	x.press("t")
	if _, ok := x.topDialog().(*translationDialog); !ok {
		t.Fatalf("t in the nodes pane opened %T", x.topDialog())
	}
	x.press("esc", "s")
	if _, ok := x.topDialog().(*sessionDialog); !ok {
		t.Fatalf("s in the nodes pane opened %T", x.topDialog())
	}
}

func TestHooksFocusShowsPreview(t *testing.T) {
	x, _ := sample(t, 140, 45)
	x.press("4")
	x.contains("Which language a visitor gets")
}
