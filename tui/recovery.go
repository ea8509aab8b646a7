package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	udiff "github.com/aymanbagabas/go-udiff"

	"flowsmith/flowgraph"
	"flowsmith/flowgraph/journal"
)

// Recovery: opening a file whose recovery journal entry differs from what is
// on disk offers to restore it, showing the difference (journal.go writes and
// removes the entries).

// recoveryMsg reports a recovery entry that differs from the file on disk.
type recoveryMsg struct {
	key     string
	entry   *journal.Entry
	disk    []byte // the file on disk (nil: it does not exist)
	missing bool   // the file does not exist: declining opens the templates
	diff    []string
	added   int
	removed int
	changed bool // the file on disk changed since the edits began
	err     error
}

// recoveryCheck looks for unsaved edits of key that the editor kept when it
// last ran.
func (a *app) recoveryCheck(key string, disk []byte, missing bool) tea.Cmd {
	if !a.bg.on {
		return nil
	}
	return recoveryCheckCmd(a.bg.seq, a.bg.seq.take(), key, disk, missing)
}

// maxDiffBytes bounds the files the recovery dialog diffs (the diff runs in a
// command, but a huge one would still keep the user waiting).
const maxDiffBytes = 4 << 20

// recoveryCheckCmd looks for a recovery entry of key that differs from disk
// (the file's bytes; nil when it does not exist). A stale entry that equals
// the file is removed.
func recoveryCheckCmd(seq *journalSeq, n uint64, key string, disk []byte, missing bool) tea.Cmd {
	return func() tea.Msg {
		e, err := journal.Read(key)
		if err != nil {
			return recoveryMsg{key: key, err: err}
		}
		if e == nil {
			if missing {
				return recoveryMsg{key: key, missing: true}
			}
			return nil
		}
		if e.Src == string(disk) {
			seq.run(n, func() error { return journal.Remove(key) })
			if missing {
				return recoveryMsg{key: key, missing: true}
			}
			return nil
		}
		m := recoveryMsg{key: key, entry: e, disk: disk, missing: missing,
			changed: e.Base != "" && e.Base != journal.Hash(disk)}
		m.diff, m.added, m.removed = unifiedDiff(string(disk), e.Src)
		return m
	}
}

// unifiedDiff is the difference between the file on disk and the recovered
// bytes, one sanitized line each, with the counts of added and removed lines.
func unifiedDiff(disk, recovered string) (out []string, added, removed int) {
	if len(disk) > maxDiffBytes || len(recovered) > maxDiffBytes {
		return []string{"(the file is too large to compare: " + plural(len(disk), "byte") + " on disk, " +
			plural(len(recovered), "byte") + " recovered)"}, 0, 0
	}
	u, err := udiff.ToUnified("on disk", "recovered", disk, udiff.Lines(disk, recovered), udiff.DefaultContextLines)
	if err != nil {
		return []string{"(cannot compare: " + clean(err.Error()) + ")"}, 0, 0
	}
	for i, l := range strings.Split(strings.TrimSuffix(u, "\n"), "\n") {
		switch {
		case i < 2: // the "--- on disk" and "+++ recovered" header
		case strings.HasPrefix(l, "+"):
			added++
		case strings.HasPrefix(l, "-"):
			removed++
		}
		out = append(out, sanitize(strings.TrimSuffix(l, "\r")))
	}
	return out, added, removed
}

// recovery handles the result of the check at open.
func (a *app) recovery(m recoveryMsg) tea.Cmd {
	c := a.ctx
	switch {
	case m.err != nil:
		c.Error("the recovery copy of " + sanitize(c.FileName()) + " cannot be read: " + clean(m.err.Error()))
		if m.missing {
			a.pickTemplate(c.Path)
		}
		return nil
	case m.entry == nil:
		if m.missing {
			a.pickTemplate(c.Path)
		}
		return nil
	}
	c.openDialog(newRecoveryDialog(a, m))
	return nil
}

// restore opens the recovered bytes as a modified document: the file on disk
// stays what "saved" means, and the undo history starts here.
func (a *app) restore(m recoveryMsg) tea.Cmd {
	c := a.ctx
	src := []byte(m.entry.Src)
	d, err := flowgraph.Parse(c.Path, src)
	if err != nil {
		c.Error("the recovered copy is not a flow (" + clean(err.Error()) + "); the file on disk is open, the recovery is kept")
		if m.missing {
			a.pickTemplate(c.Path)
		}
		return nil
	}
	c.Hist = &flowgraph.History{}
	c.saved = m.disk
	a.ro = nil
	c.sel, c.selID = -1, ""
	cmd := c.openDocument(d)
	if len(c.Order) > 0 {
		c.Select(c.Order[0])
	}
	a.problems.SelectFirst()
	a.focusPane(paneNodes)
	// The entry is this session's now; its edits began on the file it was
	// made from.
	a.bg.key, a.bg.ours, a.bg.written = c.journalKey(), true, -1
	a.bg.restoredBase, a.bg.restoredHist = m.entry.Base, c.Hist
	c.Message("restored the unsaved edits of " + sanitize(c.FileName()) + " · ctrl+s saves them, u undoes nothing before this point")
	return cmd
}

// recoveryDialog offers to restore unsaved edits and shows what differs.
type recoveryDialog struct {
	a      *app
	m      recoveryMsg
	choice *choiceDialog
	offset int
	height int // diff lines shown at the last draw
}

func newRecoveryDialog(a *app, m recoveryMsg) *recoveryDialog {
	c := a.ctx
	d := &recoveryDialog{a: a, m: m}
	decline := "open the file on disk"
	if m.missing {
		decline = "start a new file"
	}
	d.choice = &choiceDialog{st: c.Styles, keys: c.Keys, title: "Recover unsaved changes?", cancel: 1,
		choices: []choice{
			{key: "r", label: "restore", action: func() tea.Cmd { return a.restore(m) }},
			{key: "o", label: decline + " (keep the recovery)", action: func() tea.Cmd {
				c.Message("kept the recovery of " + sanitize(c.FileName()) + " until the next save")
				if m.missing {
					a.pickTemplate(c.Path)
				}
				return nil
			}},
		}}
	return d
}

func (d *recoveryDialog) ShortHelp() []key.Binding {
	k := d.a.ctx.Keys
	return append([]key.Binding{withHelp(k.Up, "scroll"), withHelp(k.Down, "scroll")}, d.choice.ShortHelp()...)
}

func (d *recoveryDialog) Update(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	k := d.a.ctx.Keys
	switch {
	case key.Matches(msg, k.Up):
		d.scroll(-1)
	case key.Matches(msg, k.Down):
		d.scroll(1)
	case key.Matches(msg, k.PageUp):
		d.scroll(-max(d.height, 1))
	case key.Matches(msg, k.PageDown):
		d.scroll(max(d.height, 1))
	case key.Matches(msg, k.Top):
		d.offset = 0
	case key.Matches(msg, k.Bottom):
		d.scroll(len(d.m.diff))
	default:
		return d.choice.Update(msg)
	}
	return false, nil
}

func (d *recoveryDialog) scroll(n int) {
	d.offset = max(0, min(d.offset+n, len(d.m.diff)-max(d.height, 1)))
}

func (d *recoveryDialog) View(maxW, maxH int) string {
	c := d.a.ctx
	st := c.Styles
	m := d.m
	w := dialogWidth(maxW, 100)
	when := "an earlier session"
	if !m.entry.Written.IsZero() {
		when = "a session of " + m.entry.Written.Local().Format("2 Jan 15:04:05")
	}
	body := []string{
		"flowsmith kept unsaved edits of " + st.Bold.Render(sanitize(c.FileName())) + " from " + when + ".",
		"They differ from the file on disk: " + plural(m.added, "line") + " added, " + plural(m.removed, "line") + " removed.",
	}
	if m.missing {
		body[1] = "The file does not exist on disk."
	}
	if m.changed {
		body = append(body, st.InputError.Render("The file on disk has changed since those edits were made."))
	}
	body = append(body, "")
	// The diff, clipped to the room left on the screen.
	room := max(maxH-len(body)-8, 3)
	d.height = min(room, len(m.diff))
	d.offset = max(0, min(d.offset, len(m.diff)-d.height))
	for i := d.offset; i < d.offset+d.height; i++ {
		l := truncate(m.diff[i], w)
		switch {
		case i < 2:
			l = st.Bold.Render(l)
		case strings.HasPrefix(l, "@@"):
			l = st.Muted.Render(l)
		case strings.HasPrefix(l, "+"):
			l = st.Accent.Render(l)
		case strings.HasPrefix(l, "-"):
			l = st.InputError.Render(l)
		}
		body = append(body, l)
	}
	if len(m.diff) > d.height {
		body = append(body, st.Muted.Render("lines "+itoa(d.offset+1)+"–"+itoa(d.offset+d.height)+" of "+itoa(len(m.diff))+" · ↑/↓ pgup/pgdn scroll"))
	}
	ch := *d.choice
	ch.title, ch.body, ch.w = d.choice.title, body, w
	return ch.View(maxW, maxH)
}
