package tui

import (
	"errors"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"flowsmith/flowgraph"
	"flowsmith/flowgraph/journal"
)

// The recovery journal keeps unsaved edits safe (package flowgraph/journal
// stores them). About a second after an edit that leaves the document
// modified, the document's bytes are written to the recovery file of its path
// ("" for the untitled sample); a save removes it. Opening a file whose
// recovery differs from what is on disk offers to restore it, showing the
// difference (recovery.go). Everything that touches the disk runs in a command.
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

// ioReasonText is an error without Go's wrapping: the reason of a path error.
func ioReasonText(err error) string {
	if r := reasonOf(err); r != "" {
		return r
	}
	return clean(err.Error())
}
