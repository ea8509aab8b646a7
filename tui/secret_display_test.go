package tui

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"flowsmith/examples"
	"flowsmith/internal/testenv"
)

// Tests of the editor's reliability: secrets.

func secretFlow(key string) []byte {
	return []byte(`[
  {"id": "start", "type": "start", "outcome": "greeting"},
  {"id": "greeting", "type": "conversation",
   "prompt": "Say: Welcome. Your API key is ` + key + `. Ready?",
   "outcomes": [
     {"id": "yes", "targetNodeId": "end", "condition": "The user says ` + key + `"},
     {"id": "no", "targetNodeId": "end", "condition": ""}
   ]},
  {"id": "` + key + `", "type": "end"},
  {"id": "end", "type": "end"}
]`)
}

// No pane, dialog or message ever shows the key.
func TestSecretNeverShown(t *testing.T) {
	key := testenv.PlantedKey()
	for _, size := range [][2]int{{140, 45}, {80, 24}} {
		x, _ := openSrc(t, "flow.json", string(secretFlow(key)), size[0], size[1])
		check := func(v string) {
			t.Helper()
			if strings.Contains(v, key) || strings.Contains(ansi.Strip(v), key) {
				t.Fatalf("the key is on screen:\n%s", ansi.Strip(v))
			}
		}
		visitEverything(t, x, check)
		x.press("3")
		x.contains("secret-in-flow")
		x.press("1", "e") // export is refused: the secret is an error
		check(x.m.view())
		if len(x.m.ctx.dialogs) != 0 || x.m.focus != paneProblems || !strings.HasPrefix(x.m.ctx.lastMessage, "export refused") {
			t.Fatalf("%dx%d: export with a secret was not refused (%d dialogs, focus %d, message %q)",
				size[0], size[1], len(x.m.ctx.dialogs), x.m.focus, x.m.ctx.lastMessage)
		}
		x.press("ctrl+s")
		check(x.m.view())
		x.press("y")
		check(x.m.view())
	}
}

// The editor asks before saving a file with a secret in it.
func TestSecretWarningBeforeSave(t *testing.T) {
	key := testenv.PlantedKey()
	src := string(secretFlow(key))
	x, path := openSrc(t, "flow.json", src, 140, 45)
	x.selectNode("greeting").press("r", "ctrl+u", "type:hello", "enter")
	x.press("ctrl+s")
	x.contains("Secret key in the file")
	x.contains("looks like a secret key (sk_live_…)")
	x.contains("Save anyway?")
	x.press("n")
	if readFile(t, path) != src || !x.m.ctx.Modified {
		t.Fatal("cancel saves nothing")
	}
	x.contains("not saved")
	x.press("ctrl+s", "y")
	if !strings.Contains(readFile(t, path), `"hello"`) {
		t.Fatal("save anyway saves")
	}
	// Quitting with "save" asks too, and cancelling does not quit.
	x.selectNode("hello").press("r", "ctrl+u", "type:hi", "enter")
	x.press("q", "s")
	x.contains("Secret key in the file")
	x.press("n")
	if x.quit || x.m.pendingQuit {
		t.Fatal("cancelling the warning does not quit")
	}
	// A file without a secret saves at once.
	y, ypath := sample(t, 140, 45)
	y.selectNode("greeting").press("r", "ctrl+u", "type:hello", "enter", "ctrl+s")
	if !strings.Contains(readFile(t, ypath), `"hello"`) {
		t.Fatal("no warning without a secret")
	}
}

// The recovery dialog shows the difference redacted.
func TestSecretNotInRecoveryDiff(t *testing.T) {
	key := testenv.PlantedKey()
	disk := examples.Sample()
	recovered := bytes.Replace(disk, []byte("Hi {name}"), []byte("Hi {name}, key "+key), 1)
	path := withRecovery(t, disk, disk, recovered)
	x := newRT(t, Options{Path: path, Src: disk}, 200, 45)
	x.waitScreen("Recover unsaved changes?", "sk_live_…[redacted]")
	if strings.Contains(x.m.view(), key) {
		t.Fatal("the key is on screen")
	}
}
