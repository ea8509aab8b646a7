package tui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"flowsmith/internal/testenv"
)

// Tests of the editor's reliability: hostile input in the editor.

// Every hostile file (testenv.HostileInputs) opens within two seconds to the
// editor or to the read-only view with line and column, and the panes can be
// visited.
func TestHostileFilesInEditor(t *testing.T) {
	pos := regexp.MustCompile(`line \d+, column \d+: `)
	for name, src := range testenv.HostileInputs(t, "..") {
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
			if d := time.Since(visit); opened > 2*time.Second*testenv.Slowdown() || d > 4*time.Second*testenv.Slowdown() {
				t.Errorf("on screen after %v; visiting the panes took %v", opened, d)
			}
			assertSafeScreen(t, x.m.view())
		})
	}
}

// A file read by the editor itself: the same, and a folder or a device is
// refused with a message instead of being read.
func TestHostileFilesLoaded(t *testing.T) {
	dir, inputs := t.TempDir(), testenv.HostileInputs(t, "..")
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

// The escapes of testenv.InjectionFlow and InjectionFlowRaw are drawn as text,
// on a large screen and a small one.
func TestInjectionShownAsEscapes(t *testing.T) {
	for _, flow := range []string{testenv.InjectionFlow, testenv.InjectionFlowRaw} {
		for _, size := range [][2]int{{140, 45}, {80, 24}} {
			path := filepath.Join(t.TempDir(), "evil\x1b]0;PWNED\x07.json")
			if err := os.WriteFile(path, []byte(flow), 0o644); err != nil {
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
	}
	// The read-only view of a file that is not a flow.
	x := newTM(t, Options{Path: "bad.json", Src: []byte("[\"\x1b]0;PWNED\x07\", \xc2\x9b2J \xe2\x80\xae,")}, 100, 30)
	if x.m.ro == nil {
		t.Fatal("read-only")
	}
	assertSafeScreen(t, x.m.view())
	x.contains(`\x1b]0;PWNED\x07`)
}
