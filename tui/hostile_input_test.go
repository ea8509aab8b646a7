package tui

import (
	"bytes"
	"flowsmith/internal/testenv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Tests of the editor's reliability: hostile input in the editor.

// hostileInputs are the CLI's hostile files (../testdata/hostile) and the ones
// too large to commit, made here.
func hostileInputs(t *testing.T) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "hostile", "*"))
	if err != nil || len(files) < 10 {
		t.Fatalf("../testdata/hostile: %d files (%v)", len(files), err)
	}
	in := map[string][]byte{}
	for _, f := range files {
		in[filepath.Base(f)] = mustRead(t, f)
	}
	in["deep-200k.json"] = append(bytes.Repeat([]byte("["), 200000), bytes.Repeat([]byte("]"), 200000)...)
	in["deep-objects.json"] = []byte(strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("}", 100000))
	// 60 MB strings (not under the race detector, which makes handling them
	// ten times slower and says nothing about the time limit: .ci/run runs
	// these tests without it).
	if !raceDetector() {
		big := strings.Repeat("x", 60<<20)
		in["string-60mb.json"] = []byte(`[{"id": "start", "type": "start", "outcome": "talk"}, {"id": "talk", "type": "conversation", "prompt": "` + big + `", "outcomes": [{"id": "o", "targetNodeId": "end", "condition": ""}]}, {"id": "end", "type": "end"}]`)
		in["string-60mb-unclosed.json"] = []byte(`[{"id": "start", "type": "start", "outcome": "` + big)
	}
	in["long-id.json"] = []byte(`[{"id": "` + strings.Repeat("x", 100000) + `", "type": "start", "outcome": "nowhere"}]`)
	in["long-ids-valid.json"] = []byte(`[{"id": "start", "type": "start", "outcome": "` + strings.Repeat("y", 100000) + `"}, {"id": "` + strings.Repeat("y", 100000) + `", "type": "end"}]`)
	in["big-number.json"] = []byte(`[{"id": "o", "type": "two_factor_email", "otpLength": 1e999999}]`)
	in["overflow-int.json"] = []byte(`[{"id": "start", "type": "start", "outcome": "o"}, {"id": "o", "type": "two_factor_email", "otpLength": 99999999999999999999999999999, "expirySeconds": -1e308, "outcomes": {}}]`)
	in["wrong-field-types.json"] = []byte(`[{"id": 1, "type": ["end"], "outcomes": 7, "prompt": {}}, "node", null, 3.5]`)
	in["wrong-types-every-field.json"] = []byte(`[{"id": "start", "type": "start", "outcome": 5}, {"id": "c", "type": "conversation", "prompt": [], "outcomes": "x"}, {"id": "l", "type": "liveness_detection", "outcomes": [1]}, {"id": "e", "type": "two_factor_email", "otpLength": "six", "expirySeconds": true}, {"id": "end", "type": "end", "extra": {"a": null}}]`)
	in["dup-keys.json"] = []byte(`[{"id": "a", "id": "b", "type": "end"}]`)
	in["top-level-true.json"] = []byte(`true`)
	in["top-level-string.json"] = []byte(`"flow"`)
	in["nul-in-key.json"] = []byte("[{\"id\x00\": \"a\"}]")
	return in
}

// Every hostile file opens within two seconds to the editor or to the
// read-only view with line and column, and the panes can be visited.
func TestHostileFilesInEditor(t *testing.T) {
	pos := regexp.MustCompile(`line \d+, column \d+: `)
	for name, src := range hostileInputs(t) {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			x := &tm{t: t, m: New(Options{Path: name, Src: src, Dark: true})}
			x.send(tea.WindowSizeMsg{Width: 120, Height: 40})
			opened := time.Since(start) // on screen; a huge file's findings follow
			x.run(x.m.Init())
			scr := x.screen()
			switch {
			case x.m.ro != nil:
				if !pos.MatchString(scr) || !strings.Contains(scr, "cannot be opened as a flow") {
					t.Errorf("the read-only view gives no line and column:\n%s", scr)
				}
			case x.m.ctx.Doc != nil:
				if !strings.Contains(scr, "1 Nodes") {
					t.Errorf("the editor is not shown:\n%s", scr)
				}
			default:
				t.Fatalf("neither the editor nor the read-only view:\n%s", scr)
			}
			visit := time.Now()
			x.press("1", "j", "2", "j", "3", "j", "4", "5", "tab", "pgdown", "G", "?", "esc")
			if d := time.Since(visit); opened > 2*time.Second*raceSlowdown() || d > 4*time.Second*raceSlowdown() {
				t.Errorf("on screen after %v; visiting the panes took %v", opened, d)
			}
			assertSafeScreen(t, x.m.view())
		})
	}
}

// A file read by the editor itself: the same, and a folder or a device is
// refused with a message instead of being read.
func TestHostileFilesLoaded(t *testing.T) {
	dir, inputs := t.TempDir(), hostileInputs(t)
	for _, name := range []string{"binary.bin", "utf16.json", "deep.json"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, inputs[name], 0o644); err != nil {
			t.Fatal(err)
		}
		x := newTM(t, Options{Path: path}, 120, 40)
		if x.m.ro == nil {
			t.Errorf("%s: the read-only view", name)
		}
	}
	zero := filepath.Join(dir, "zero.json")
	if err := os.Symlink("/dev/zero", zero); err == nil {
		x := newTM(t, Options{Path: zero}, 120, 40)
		x.contains("cannot open " + zero + ": it is not a regular file")
	}
	x := newTM(t, Options{Path: dir}, 120, 40)
	x.contains("cannot open " + dir + ": it is a folder")
}

// raceDetector and raceSlowdown: see internal/testenv.
func raceDetector() bool          { return testenv.Race() }
func raceSlowdown() time.Duration { return testenv.Slowdown() }

// visibleSGR matches the styling the editor itself draws with.
var visibleSGR = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// assertSafeScreen fails when a drawn screen holds anything but text, line
// breaks and the editor's own colours: no escape sequence, C0 or C1 control or
// bidirectional override from a file reaches the terminal.
func assertSafeScreen(t *testing.T, view string) {
	t.Helper()
	rest := visibleSGR.ReplaceAllString(view, "")
	for i, r := range rest {
		if r == '\n' {
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || isBidi(r) || r == '\ufffd' && !strings.Contains(view, "\ufffd") {
			lo := max(0, i-40)
			t.Fatalf("the screen holds %U at byte %d: %q", r, i, rest[lo:min(len(rest), i+40)])
		}
	}
}

// --- terminal injection -----------------------------------------------------------

// injectionFlow has OSC title sets, CSI clear-screen, C1 controls and bidi
// overrides in ids, prompts, conditions and outcome targets.
const injectionFlow = `[
  {"id": "start", "type": "start", "outcome": "\u001b]0;PWNED\u0007greet"},
  {"id": "\u001b]0;PWNED\u0007greet", "type": "conversation",
   "prompt": "Say: Hello \u001b[2J\u001b[H cleared \u009b31m red \u202eevil\u202c {name}. Ready?\u001b]0;PWNED\u0007",
   "outcomes": [
     {"id": "ok\u009b", "targetNodeId": "live\u202e", "condition": "The user agrees \u001b]0;PWNED\u0007 \u001b[2J\u202e"},
     {"id": "no", "targetNodeId": "bye", "condition": "\u0085anything else\u001b[31m"}
   ]},
  {"id": "live\u202e", "type": "liveness_detection",
   "outcomes": {"livenessDetected": "bye", "deepfakeDetected": "bye", "noFace": "bye", "inconclusive": "bye"}},
  {"id": "bye", "type": "conversation", "prompt": "Say: Goodbye\u0007\u0008\u007f", "outcomes": [{"id": "x", "targetNodeId": "end", "condition": ""}]},
  {"id": "end", "type": "end"}
]`

// visitEverything moves through every pane and, in the nodes list and the
// editor, every row, checking each drawn screen.
func visitEverything(t *testing.T, x *tm, check func(string)) {
	t.Helper()
	check(x.m.view())
	n := len(x.m.ctx.Doc.Nodes)
	for i := 0; i < n; i++ {
		x.press("1")
		for j := 0; j < i; j++ {
			x.press("j")
		}
		check(x.m.view())
		x.press("2")
		for r := 0; r < 30; r++ {
			x.press("j")
			check(x.m.view())
		}
		for _, k := range []string{"3", "j", "4", "j", "5", "j", "?", "esc"} {
			x.press(k)
			check(x.m.view())
		}
	}
}

func TestInjectionShownAsEscapes(t *testing.T) {
	for _, size := range [][2]int{{140, 45}, {80, 24}} {
		path := filepath.Join(t.TempDir(), "evil\x1b]0;PWNED\x07.json")
		if err := os.WriteFile(path, []byte(injectionFlow), 0o644); err != nil {
			t.Fatal(err)
		}
		x := newTM(t, Options{Path: path}, size[0], size[1])
		if x.m.ctx.Doc == nil {
			t.Fatalf("the flow parses:\n%s", x.screen())
		}
		visitEverything(t, x, func(v string) { assertSafeScreen(t, v) })
		x.press("1")
		x.selectNode("\x1b]0;PWNED\x07greet").press("2")
		x.contains(`\x1b]0;PWNED\x07greet`)
		if title := x.m.View().WindowTitle; strings.ContainsAny(title, "\x1b\x07") {
			t.Errorf("the window title holds a control character: %q", title)
		}
	}
	// The read-only view of a file that is not a flow.
	x := newTM(t, Options{Path: "bad.json", Src: []byte("[\"\x1b]0;PWNED\x07\", \xc2\x9b2J \xe2\x80\xae,")}, 100, 30)
	if x.m.ro == nil {
		t.Fatal("read-only")
	}
	assertSafeScreen(t, x.m.view())
	x.contains(`\x1b]0;PWNED\x07`)
}
