package tui

import (
	"errors"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	udiff "github.com/aymanbagabas/go-udiff"

	"flowsmith/flowgraph"
	"flowsmith/flowgraph/journal"
	"flowsmith/validate"
)

// The recovery journal keeps unsaved edits safe (package flowgraph/journal
// stores them). About a second after an edit that leaves the document
// modified, the document's bytes are written to the recovery file of its path
// ("" for the untitled sample); a save removes it. Opening a file whose
// recovery differs from what is on disk offers to restore it, showing the
// difference. Everything that touches the disk runs in a command.
//
// The journal and the watch on the file's folder (watch.go) are the editor's
// background work: Run turns them on (Options.background); a model built with
// New for tests or embedding runs without them unless asked.

// journalDelay is how long after an edit the journal is written. Edits that
// keep coming do not postpone it: the first edit after a write starts the
// timer, so the journal is never more than journalDelay (plus the write)
// behind.
var journalDelay = time.Second

// background is the state of the editor's background work.
type background struct {
	on bool

	// journal
	key     string // the path the current journal entry is kept under
	pending bool   // a journal tick is on its way
	written int    // document generation last written (-1: none)
	ours    bool   // this session wrote the entry under key
	errSeen string // the last journal error shown (each is shown once)
	// A restored document's edits began on the file the recovery was made
	// from, not on the one now on disk: its base hash is kept while the
	// history started at the restore lasts (a save or a reload ends it).
	restoredBase string
	restoredHist *flowgraph.History
	results      int // journal writes and removals reported back (tests wait on it)
	seq          *journalSeq

	// watch
	watch       *dirWatch
	watchPath   string // the path the watch is for
	diskChanged bool   // the watch saw the file change since it was loaded or saved
	checks      int    // comparisons with the disk handled (tests wait on it)
}

// journalSeq orders the journal's writes and removals: commands run
// concurrently, so a write issued before a save's removal could otherwise land
// after it and leave a stale entry. Each operation takes the next number when
// it is issued (in Update); one that runs after a later one has is dropped.
type journalSeq struct {
	mu   sync.Mutex
	next uint64 // last number handed out
	done uint64 // highest number carried out
}

func (s *journalSeq) take() uint64 { s.next++; return s.next }

// run carries out op unless a later operation already ran.
func (s *journalSeq) run(n uint64, op func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n < s.done {
		return nil
	}
	s.done = n
	return op()
}

// Messages of the journal.
type (
	journalTickMsg    struct{ gen int }
	journalWrittenMsg struct {
		key string
		err error
	}
	// recoveryMsg reports a recovery entry that differs from the file on disk.
	recoveryMsg struct {
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
)

// initBackground starts the background work for a document given as bytes:
// the recovery check and the watch (a file read after start gets them when it
// arrives, in fileMsg).
func (a *app) initBackground() tea.Cmd {
	c := a.ctx
	if !a.bg.on || a.loading {
		return nil
	}
	if c.Path == "" {
		return a.recoveryCheck("", c.saved, false)
	}
	return tea.Batch(a.recoveryCheck(c.Path, c.Opts.Src, false), a.watchFile(c.Path))
}

// recoveryCheck looks for unsaved edits of key that the editor kept when it
// last ran.
func (a *app) recoveryCheck(key string, disk []byte, missing bool) tea.Cmd {
	if !a.bg.on {
		return nil
	}
	return recoveryCheckCmd(a.bg.seq, a.bg.seq.take(), key, disk, missing)
}

// backgroundMsg handles the messages of the journal and the watch.
func (a *app) backgroundMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case journalTickMsg:
		return a.journalTick(), true
	case journalWrittenMsg:
		a.journalWritten(msg)
		return nil, true
	case recoveryMsg:
		return a.recovery(msg), true
	}
	return a.watchMsg(msg)
}

// journalKey is the path the document is journaled under.
func (c *Context) journalKey() string { return c.Path }

// afterUpdate schedules the journal after every message: a tick when the
// document has edits the journal does not have yet, or when the edits were
// undone and the entry this session wrote is no longer needed.
func (a *app) afterUpdate() tea.Cmd {
	b, c := &a.bg, a.ctx
	if !b.on || b.pending || c.Doc == nil {
		return nil
	}
	if !(c.Modified && c.generation != b.written) && !(!c.Modified && b.ours) {
		return nil
	}
	b.pending = true
	gen := c.generation
	return tea.Tick(journalDelay, func(time.Time) tea.Msg { return journalTickMsg{gen: gen} })
}

// journalTick writes the document (or removes the entry when nothing is
// unsaved any more).
func (a *app) journalTick() tea.Cmd {
	b, c := &a.bg, a.ctx
	b.pending = false
	if c.Doc == nil {
		return nil
	}
	switch {
	case c.Modified && c.generation != b.written:
		base := ""
		if b.restoredHist == c.Hist {
			base = b.restoredBase
		}
		b.key, b.written, b.ours = c.journalKey(), c.generation, true
		return journalWriteCmd(b.seq, b.seq.take(), b.key, base, c.saved, c.Doc.Src)
	case !c.Modified && b.ours:
		b.written, b.ours = -1, false
		return journalRemoveCmd(b.seq, b.seq.take(), b.key)
	}
	return nil
}

// journalSaved drops the recovery after a save: under the old key (an
// untitled document saved under a name) and the new path.
func (a *app) journalSaved(oldKey, path string) tea.Cmd {
	b := &a.bg
	if !b.on {
		return nil
	}
	b.written, b.ours, b.key, b.restoredHist = -1, false, path, nil
	keys := []string{path}
	if oldKey != path {
		keys = append(keys, oldKey)
	}
	return journalRemoveCmd(b.seq, b.seq.take(), keys...)
}

// journalDiscard drops the entry this session wrote when the user quits
// without saving on purpose; a recovery declined at start stays.
func (a *app) journalDiscard() tea.Cmd {
	b := &a.bg
	if !b.on || !b.ours {
		return nil
	}
	b.ours = false
	return journalRemoveCmd(b.seq, b.seq.take(), b.key)
}

// journalWriteCmd writes the entry of key; base is the hash of the file the
// edits began on ("": hash saved, the bytes last loaded or saved).
func journalWriteCmd(seq *journalSeq, n uint64, key, base string, saved, src []byte) tea.Cmd {
	return func() tea.Msg {
		if base == "" {
			base = journal.Hash(saved)
		}
		err := seq.run(n, func() error { return journal.Write(key, base, src, time.Now()) })
		return journalWrittenMsg{key: key, err: err}
	}
}

func journalRemoveCmd(seq *journalSeq, n uint64, keys ...string) tea.Cmd {
	return func() tea.Msg {
		err := seq.run(n, func() error {
			var errs []error
			for _, k := range keys {
				errs = append(errs, journal.Remove(k))
			}
			return errors.Join(errs...)
		})
		if err != nil {
			return journalWrittenMsg{key: keys[0], err: err}
		}
		return nil
	}
}

// journalWritten reports a failure to keep the recovery copy, once per reason.
func (a *app) journalWritten(m journalWrittenMsg) {
	a.bg.results++
	if m.err == nil {
		return
	}
	msg := "cannot keep a recovery copy of your edits: " + ioReasonText(m.err)
	if msg != a.bg.errSeen {
		a.bg.errSeen = msg
		a.ctx.Error(msg)
	}
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
	a.bg.ours, a.bg.written = true, -1
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

// ioReasonText is an error without Go's wrapping: the reason of a path error.
func ioReasonText(err error) string {
	if r := reasonOf(err); r != "" {
		return r
	}
	return clean(err.Error())
}

// secretWarning asks before saving bytes that hold what looks like a secret
// key; then runs the save. Without a secret it saves at once.
func (a *app) secretWarning(save func() tea.Cmd) tea.Cmd {
	c := a.ctx
	what := secretIn(c)
	if what == "" {
		return save()
	}
	c.openDialog(&choiceDialog{st: c.Styles, keys: c.Keys, title: "Secret key in the file", cancel: 1, focus: 1,
		body: []string{
			"This file contains what looks like " + what + ".",
			"Anyone who can read the file can use the key, and it may end up in version control.",
			"",
			"Save anyway?",
		},
		choices: []choice{
			{key: "y", label: "save anyway", action: save},
			{key: "n", label: "cancel", action: func() tea.Cmd {
				a.pendingQuit = false
				c.Message("not saved: remove the key (the problems pane shows where), then save")
				return nil
			}},
		}})
	return nil
}

// secretIn describes the secret in the document ("a secret key (sk_live_…)"),
// or "" when there is none. It never shows the secret itself: only the prefix
// that Redact keeps.
func secretIn(c *Context) string {
	found := validate.ContainsSecret(string(c.Doc.Src))
	for i := range c.Findings {
		found = found || c.Findings[i].Rule == "secret-in-flow"
	}
	if !found {
		return ""
	}
	red := validate.Redact(string(c.Doc.Src))
	for _, p := range []string{"sk_live_", "sk_prod_", "sk_test_"} {
		if strings.Contains(red, p+"…[redacted]") {
			return "a secret key (" + p + "…)"
		}
	}
	if strings.Contains(red, "whsec_…[redacted]") {
		return "a webhook signing secret (whsec_…)"
	}
	return "a secret key"
}
