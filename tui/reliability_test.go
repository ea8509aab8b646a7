package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"flowsmith/flowgraph/journal"
)

// The editors the end-to-end tests start (Run turns the recovery journal on)
// keep their journal in a folder of the tests, never in the user's own state
// folder. Tests that look at the journal point it at a folder of their own
// (stateDir).
func init() {
	os.Setenv("XDG_STATE_HOME", filepath.Join(os.TempDir(), "flowsmith-tui-test-state"))
}

// rt drives the model the way tea.Program does, background work included:
// commands run in goroutines and their messages come back on a channel; only
// the test goroutine calls Update. Tests wait for what they expect with a
// deadline (waitFor), never with a fixed sleep.
type rt struct {
	t        *testing.T
	m        Model
	msgs     chan tea.Msg
	done     chan struct{}
	inflight atomic.Int64
	quit     bool
}

// newRT starts the editor with its background work (recovery journal, folder
// watch) on. The journal lives in a temporary state folder.
func newRT(t *testing.T, opts Options, w, h int) *rt {
	t.Helper()
	if !strings.HasPrefix(os.Getenv("XDG_STATE_HOME"), os.TempDir()) {
		t.Fatal("the recovery journal must live in a temporary folder (stateDir)")
	}
	opts.Dark, opts.background = true, true
	x := &rt{t: t, m: New(opts), msgs: make(chan tea.Msg, 64), done: make(chan struct{})}
	t.Cleanup(x.stop)
	x.exec(x.m.Init())
	x.handle(tea.WindowSizeMsg{Width: w, Height: h})
	return x
}

// stateDir points the recovery journal at a fresh temporary folder.
func stateDir(t *testing.T) string {
	t.Helper()
	d := t.TempDir()
	t.Setenv("XDG_STATE_HOME", d)
	return d
}

// stop ends the background work and waits for the commands still running
// (a journal tick ends within journalDelay).
func (x *rt) stop() {
	close(x.done)
	x.m.stopBackground()
	deadline := time.Now().Add(5 * time.Second)
	for x.inflight.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
}

func (x *rt) exec(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	select {
	case <-x.done:
		return
	default:
	}
	x.inflight.Add(1)
	go func() {
		defer x.inflight.Add(-1)
		x.deliver(cmd())
	}()
}

// deliver hands a command's message to the test goroutine, unpacking batches
// and sequences like the program does.
func (x *rt) deliver(msg tea.Msg) {
	switch m := msg.(type) {
	case nil:
		return
	case tea.BatchMsg:
		for _, c := range m {
			x.exec(c)
		}
		return
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && strings.HasSuffix(fmt.Sprintf("%T", msg), "sequenceMsg") {
		for i := 0; i < v.Len(); i++ {
			if c, _ := v.Index(i).Interface().(tea.Cmd); c != nil {
				x.deliver(c())
			}
		}
		return
	}
	if isExec(msg) {
		return
	}
	select {
	case x.msgs <- msg:
	case <-x.done:
	}
}

func (x *rt) handle(msg tea.Msg) {
	if _, ok := msg.(tea.QuitMsg); ok {
		x.quit = true
		return
	}
	_, cmd := x.m.Update(msg)
	x.m.View()
	x.exec(cmd)
}

// drain handles the messages that have already arrived.
func (x *rt) drain() {
	for {
		select {
		case msg := <-x.msgs:
			x.handle(msg)
		default:
			return
		}
	}
}

func (x *rt) press(keys ...string) *rt {
	for _, k := range keys {
		x.drain()
		if text, ok := strings.CutPrefix(k, "type:"); ok {
			for _, r := range text {
				x.handle(keyMsg(string(r)))
			}
			continue
		}
		x.handle(keyMsg(k))
	}
	return x
}

// waitFor handles messages as they come until cond holds, or fails.
func (x *rt) waitFor(what string, cond func() bool) {
	x.t.Helper()
	deadline := time.NewTimer(10 * time.Second)
	defer deadline.Stop()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case msg := <-x.msgs:
			x.handle(msg)
		case <-tick.C: // conditions on the disk change without a message
		case <-deadline.C:
			x.t.Fatalf("timed out waiting for %s; the screen shows:\n%s", what, x.screen())
		}
	}
}

func (x *rt) waitScreen(what ...string) {
	x.t.Helper()
	x.waitFor(fmt.Sprintf("the screen to show %q", what), func() bool {
		scr := x.screen()
		for _, w := range what {
			if !strings.Contains(scr, w) {
				return false
			}
		}
		return true
	})
}

func (x *rt) screen() string { return ansi.Strip(x.m.view()) }

// waitMessage waits for the status bar's message (whole, however much of it
// fits on the screen) to contain s.
func (x *rt) waitMessage(s string) {
	x.t.Helper()
	x.waitFor(fmt.Sprintf("the status message %q", s), func() bool { return strings.Contains(x.m.ctx.lastMessage, s) })
}

// status is the status bar line.
func (x *rt) status() string {
	l := lines(x.screen())
	return l[len(l)-2]
}

func (x *rt) selectNode(id string) *rt {
	x.t.Helper()
	i := x.m.ctx.Doc.NodeByID(id)
	if i < 0 {
		x.t.Fatalf("no node %q", id)
	}
	x.m.ctx.Select(i)
	return x
}

// rename renames the selected node (an edit that changes the bytes).
func (x *rt) rename(from, to string) *rt {
	x.selectNode(from).press("r", "ctrl+u", "type:"+to, "enter")
	if x.m.ctx.Doc.NodeByID(to) < 0 {
		x.t.Fatalf("rename %s → %s did not happen:\n%s", from, to, x.screen())
	}
	return x
}

func (x *rt) dialogOpen() bool { return len(x.m.ctx.dialogs) > 0 }

// writeTemp writes a flow file in a fresh folder.
func writeTemp(t *testing.T, name string, src []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func journalEntry(t *testing.T, key string) *journal.Entry {
	t.Helper()
	e, err := journal.Read(key)
	if err != nil {
		t.Fatal(err)
	}
	return e
}
