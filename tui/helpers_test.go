package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"flowsmith/examples"
)

// keyMsg builds the key press msg.String() reports as s ("ctrl+s", "enter", "K").
func keyMsg(s string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "space": tea.KeySpace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"backspace": tea.KeyBackspace, "delete": tea.KeyDelete, "home": tea.KeyHome, "end": tea.KeyEnd,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
	}
	var mod tea.KeyMod
	for {
		switch {
		case strings.HasPrefix(s, "ctrl+") && len(s) > 5:
			mod |= tea.ModCtrl
			s = s[5:]
			continue
		case strings.HasPrefix(s, "alt+") && len(s) > 4:
			mod |= tea.ModAlt
			s = s[4:]
			continue
		case strings.HasPrefix(s, "shift+") && len(s) > 6:
			mod |= tea.ModShift
			s = s[6:]
			continue
		}
		break
	}
	if code, ok := special[s]; ok {
		k := tea.KeyPressMsg{Code: code, Mod: mod}
		if code == tea.KeySpace && mod == 0 {
			k.Text = " "
		}
		return k
	}
	r, _ := utf8.DecodeRuneInString(s)
	k := tea.KeyPressMsg{Code: r, Mod: mod}
	if mod == 0 {
		k.Text = s
	}
	return k
}

// tm is a model under test with a recorder of what its commands produced.
type tm struct {
	t    *testing.T
	m    Model
	quit bool
	seen func(tea.Msg) // when set, sees every message before Update does
}

func newTM(t *testing.T, opts Options, w, h int) *tm {
	t.Helper()
	opts.Dark = true
	x := &tm{t: t, m: New(opts)}
	x.run(x.m.Init())
	x.send(tea.WindowSizeMsg{Width: w, Height: h})
	return x
}

// openSrc opens bytes as the file at a temporary path (written to disk so that
// saving works).
func openSrc(t *testing.T, name, src string, w, h int) (*tm, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return newTM(t, Options{Path: path}, w, h), path
}

func sample(t *testing.T, w, h int) (*tm, string) {
	t.Helper()
	return openSrc(t, "sample.json", string(examples.Sample()), w, h)
}

func broken(t *testing.T, name string, w, h int) (*tm, string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "examples", "broken", name))
	if err != nil {
		t.Fatal(err)
	}
	return openSrc(t, name, string(src), w, h)
}

// send delivers a message and runs the commands it returns (IO included),
// feeding their results back, like the program does.
func (x *tm) send(msg tea.Msg) {
	x.see(msg)
	_, cmd := x.m.Update(msg)
	x.m.View() // the program draws after every update
	x.run(cmd)
}

func (x *tm) run(cmd tea.Cmd) {
	for depth := 0; cmd != nil && depth < 20; depth++ {
		msg := cmd()
		switch msg := msg.(type) {
		case nil:
			return
		case tea.QuitMsg:
			x.quit = true
			return
		case tea.BatchMsg:
			for _, c := range msg {
				x.run(c)
			}
			return
		}
		if isExec(msg) {
			return // $EDITOR is exercised in its own test
		}
		x.see(msg)
		_, cmd = x.m.Update(msg)
		x.m.View()
	}
}

func (x *tm) see(msg tea.Msg) {
	if x.seen != nil {
		x.seen(msg)
	}
}

func isExec(msg tea.Msg) bool { return strings.Contains(fmt.Sprintf("%T", msg), "execMsg") }

// press sends keys; a key of more than one rune that is not a named key is
// typed letter by letter ("type:hello").
func (x *tm) press(keys ...string) *tm {
	for _, k := range keys {
		if text, ok := strings.CutPrefix(k, "type:"); ok {
			for _, r := range text {
				x.send(keyMsg(string(r)))
			}
			continue
		}
		x.send(keyMsg(k))
	}
	return x
}

// screen is the rendered screen without colours.
func (x *tm) screen() string { return ansi.Strip(x.m.view()) }

func (x *tm) contains(s string) {
	x.t.Helper()
	if scr := x.screen(); !strings.Contains(scr, s) {
		x.t.Fatalf("screen does not show %q:\n%s", s, scr)
	}
}

func (x *tm) lacks(s string) {
	x.t.Helper()
	if scr := x.screen(); strings.Contains(scr, s) {
		x.t.Fatalf("screen shows %q:\n%s", s, scr)
	}
}

func (x *tm) selectedID() string {
	if n := x.m.ctx.Selected(); n != nil {
		return n.ID
	}
	return ""
}

// selectNode puts the selection on a node id.
func (x *tm) selectNode(id string) *tm {
	x.t.Helper()
	i := x.m.ctx.Doc.NodeByID(id)
	if i < 0 {
		x.t.Fatalf("no node %q", id)
	}
	x.m.ctx.Select(i)
	return x
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func (x *tm) nodesView() string { return ansi.Strip(x.m.nodes.View()) }

func (x *tm) nodesHas(s string) {
	x.t.Helper()
	if v := x.nodesView(); !strings.Contains(v, s) {
		x.t.Fatalf("nodes pane does not show %q:\n%s", s, v)
	}
}

func (x *tm) nodesLacks(s string) {
	x.t.Helper()
	if v := x.nodesView(); strings.Contains(v, s) {
		x.t.Fatalf("nodes pane shows %q:\n%s", s, v)
	}
}

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o644) }
