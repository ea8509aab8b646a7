package tui

import (
	"bytes"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"flowsmith/flowgraph"
	"flowsmith/i18n"
	"flowsmith/validate"
)

// The flow's reviewed translations (the NAME.i18n.json sidecar, languages.md)
// as the editor holds them: loaded when a file is opened, edited in the
// preview pane (t), written next to the flow when the flow is saved (ctrl+s),
// and passed to every validation so that stale-translation and
// missing-translation fire.
//
// Undo. flowgraph.History records byte splices of the flow and cannot hold a
// change to another file, so the sidecar keeps its own stack of snapshots
// (every change replaces the *i18n.Sidecar by an edited Clone: the value in
// use is never modified, which also makes it safe to hand to a background
// validation or save). The two stacks form one timeline: each sidecar entry
// remembers how many flow changes could be undone when it was made (its
// mark). u undoes the sidecar entry on top when its mark equals
// Hist.Len() — nothing was done to the flow since — and the flow's last
// change otherwise; redo mirrors it. An entry glued to a flow change (the
// translations renamed with a node) is undone and redone with that change.

// sidecarState is the translations state of one Context.
type sidecarState struct {
	path    string        // the sidecar file ("" for an untitled flow)
	cur     *i18n.Sidecar // nil: no sidecar on disk and none made yet
	base    []byte        // cur's bytes when last loaded or saved; nil: no file
	exists  bool          // a sidecar file is on disk at path
	dirty   bool          // cur differs from base
	version int           // bumped on every change; the preview caches per version
	loading bool          // the file is being read
	loadErr string        // why the file on disk could not be used
	hist    *flowgraph.History
	undo    []sidecarEdit
	redo    []sidecarEdit
	// revalidate: the sidecar arrived while a large file's first validation
	// (made without it) was running; validate again once it lands.
	revalidate bool
}

// sidecarEdit is one undoable change of the translations.
type sidecarEdit struct {
	label         string
	before, after *i18n.Sidecar
	mark          int  // Hist.Len() once the change was made
	glued         bool // part of the flow change number mark (a node rename)
}

// sidecar is the translations state of the context (made on first use).
func (c *Context) sidecar() *sidecarState {
	if c.side == nil {
		c.side = &sidecarState{}
	}
	return c.side
}

// translations is the sidecar validation and the preview read: nil when the
// flow has none (no file, and nothing added in this session).
func (c *Context) translations() *i18n.Sidecar {
	s := c.sidecar()
	if s.cur == nil || (!s.exists && len(s.cur.Languages()) == 0) {
		return nil
	}
	return s.cur
}

// validateOptions are the options of every validation of the document: the
// project configuration and the translations.
func (c *Context) validateOptions() validate.Options {
	return validate.Options{Config: c.Opts.Config, Translations: c.translations()}
}

// revalidate validates the current document again (the translations
// changed) and tells the panes, as a document change does.
func (c *Context) revalidate() {
	if c.Doc == nil {
		return
	}
	if c.Validating {
		c.sidecar().revalidate = true
		return
	}
	c.installFindings(validate.Validate(c.Doc, c.validateOptions()))
	c.generation++
}

// openSidecar forgets the translations of the previous file; path is the
// flow now open. The root calls it whenever it opens or reloads a flow
// (after c.Hist has been replaced), then loadSidecar for a file read from
// disk.
func (c *Context) openSidecar(path string) {
	s := c.sidecar()
	*s = sidecarState{path: i18n.SidecarPath(path), hist: c.Hist, version: s.version + 1}
}

// loadSidecar starts reading the sidecar of the flow opened last (nil when
// it has no path).
func (c *Context) loadSidecar() tea.Cmd {
	s := c.sidecar()
	if s.path == "" || s.cur != nil {
		return nil
	}
	s.loading = true
	return loadSidecarCmd(s.path, s.hist)
}

// Messages of the sidecar commands.
type (
	sidecarLoadedMsg struct {
		path   string
		hist   *flowgraph.History // the history of the document it was loaded for
		sc     *i18n.Sidecar
		data   []byte // sc.Bytes()
		exists bool
		err    error
	}
	sidecarSavedMsg struct {
		path string
		sc   *i18n.Sidecar
		data []byte
		err  error
	}
)

// loadSidecarCmd reads a sidecar file; a missing file is no error.
func loadSidecarCmd(path string, hist *flowgraph.History) tea.Cmd {
	return func() tea.Msg {
		sc, err := i18n.LoadSidecar(path)
		m := sidecarLoadedMsg{path: path, hist: hist, sc: sc, exists: sc != nil, err: err}
		if sc != nil {
			m.data = sc.Bytes()
		}
		return m
	}
}

// saveSidecarCmd writes a sidecar snapshot atomically (Sidecar.Save). The
// snapshot is never modified after it was made, so the command can run while
// the user goes on editing.
func saveSidecarCmd(path string, sc *i18n.Sidecar) tea.Cmd {
	return func() tea.Msg {
		return sidecarSavedMsg{path: path, sc: sc, data: sc.Bytes(), err: sc.Save(path)}
	}
}

// installSidecar takes a loaded sidecar, unless another file has been opened
// since.
func (c *Context) installSidecar(m sidecarLoadedMsg) tea.Cmd {
	s := c.sidecar()
	if m.path != s.path || m.hist != c.Hist || !s.loading {
		return nil
	}
	s.loading = false
	if m.err != nil {
		s.loadErr = m.err.Error()
		c.Error("translations " + sanitize(m.path) + " not loaded: " + m.err.Error())
		return nil
	}
	s.cur, s.base, s.exists = m.sc, m.data, m.exists
	s.dirty = false
	s.version++
	if m.sc != nil {
		c.revalidate()
	}
	return nil
}

// afterFindings runs when background findings have been installed: if the
// translations arrived meanwhile, the document is validated again with them,
// in the background too.
func (c *Context) afterFindings() tea.Cmd {
	s := c.sidecar()
	if !s.revalidate || c.Doc == nil || c.Validating {
		return nil
	}
	s.revalidate = false
	c.Validating = true
	d, opts := c.Doc, c.validateOptions()
	return func() tea.Msg {
		return findingsMsg{doc: d, findings: validate.Validate(d, opts)}
	}
}

// sidecarMsg handles the results of the sidecar commands. ok is false for
// any other message.
func (a *app) sidecarMsg(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	c := a.ctx
	switch m := msg.(type) {
	case sidecarLoadedMsg:
		return c.installSidecar(m), true
	case sidecarSavedMsg:
		if !c.sidecarSaved(m) {
			a.pendingQuit = false
			return nil, true
		}
		if a.pendingQuit {
			return tea.Quit, true
		}
		return nil, true
	}
	return nil, false
}

// sidecarSaved records a written sidecar; false when the write failed.
func (c *Context) sidecarSaved(m sidecarSavedMsg) bool {
	s := c.sidecar()
	if m.err != nil {
		c.Error("translations not saved: " + m.err.Error() + " (they are kept; ctrl+s retries)")
		return false
	}
	if m.path == s.path {
		s.base, s.exists = m.data, true
		s.dirty = s.cur != nil && !bytes.Equal(s.cur.Bytes(), m.data)
	}
	c.Message("saved " + sanitize(filepath.Base(c.FileName())) + " and its translations " + sanitize(filepath.Base(m.path)))
	return true
}

// saveSidecar returns the command that writes the translations next to a
// flow just saved at flowPath, or nil when there is nothing to write. A flow
// saved under a new name takes its translations along.
func (c *Context) saveSidecar(flowPath string) tea.Cmd {
	s := c.sidecar()
	path := i18n.SidecarPath(flowPath)
	if path == "" || s.cur == nil {
		return nil
	}
	if path != s.path {
		s.path, s.exists, s.base = path, false, nil
		s.dirty = len(s.cur.Languages()) > 0
	}
	if !s.dirty || (!s.exists && len(s.cur.Languages()) == 0) {
		return nil
	}
	return saveSidecarCmd(path, s.cur)
}

// sidecarDirty reports unsaved translation changes.
func (c *Context) sidecarDirty() bool { return c.sidecar().dirty }

// unsaved reports whether quitting would lose changes: to the flow or to its
// translations.
func (c *Context) unsaved() bool { return c.Modified || c.sidecarDirty() }

// undoDepth is how many changes u can undo: the flow's and the translations'.
func (c *Context) undoDepth() int { return c.Hist.Len() + len(c.sidecar().undo) }

// syncSidecarHistory drops sidecar undo entries that belong to another
// document history (a file opened or reloaded without openSidecar).
func (c *Context) syncSidecarHistory() *sidecarState {
	s := c.sidecar()
	if s.hist != c.Hist {
		s.hist, s.undo, s.redo = c.Hist, nil, nil
	}
	return s
}

// changeSidecar installs an edited copy of the translations as one undoable
// change, re-validates, and reports it.
func (c *Context) changeSidecar(label string, next *i18n.Sidecar, glued bool) {
	s := c.syncSidecarHistory()
	s.undo = append(s.undo, sidecarEdit{label: label, before: s.cur, after: next, mark: c.Hist.Len(), glued: glued})
	s.redo = nil
	c.installSidecarVersion(next)
	if glued {
		return // the flow change it belongs to validates and reports
	}
	c.revalidate()
	c.Message(label + c.findingDelta())
}

func (c *Context) installSidecarVersion(sc *i18n.Sidecar) {
	s := c.sidecar()
	s.cur = sc
	s.version++
	switch {
	case sc == nil:
		s.dirty = s.base != nil
	case s.base == nil:
		s.dirty = len(sc.Languages()) > 0
	default:
		s.dirty = !bytes.Equal(sc.Bytes(), s.base)
	}
}

// editable is the sidecar to edit: a clone of the current one, or a new one.
func (s *sidecarState) editable() *i18n.Sidecar {
	if s.cur == nil {
		return i18n.NewSidecar()
	}
	return s.cur.Clone()
}

// setTranslation stores the reviewed translation of a node's prompt into
// lang, made from the node's current prompt. Blank text removes it (the
// service then translates at run time).
func (c *Context) setTranslation(lang, nodeID, prompt, text string) {
	s := c.sidecar()
	old, had := s.cur.Get(lang, nodeID)
	text = trimBlankLines(text)
	who := sanitize(nodeID) + " (" + sanitize(lang) + ")"
	if text == "" {
		if !had {
			c.Message("no translation to remove")
			return
		}
		next := s.editable()
		next.Delete(lang, nodeID)
		c.changeSidecar("remove the reviewed translation of "+who, next, false)
		return
	}
	if had && old.Source == prompt && old.Text == text {
		c.Message("nothing to change")
		return
	}
	next := s.editable()
	next.Set(lang, nodeID, i18n.Translation{Source: prompt, Text: text})
	label := "translate " + who
	if had && old.Text == text {
		label = "confirm the translation of " + who + " for the current prompt"
	}
	c.changeSidecar(label, next, false)
}

// Rename renames a node, rewriting every reference to it, and carries its
// translations along: one undoable step (the flow change and the
// translations glued to it), validated once.
func (c *Context) Rename(oldID, newID string) error {
	return c.apply(flowgraph.RenameNode(oldID, newID), func() string { return c.sidecarRenamed(oldID, newID) })
}

// sidecarRenamed carries a node rename into the translations, glued to the
// flow change that renamed the node. Rename calls it once that change is in
// History and before the document is validated, so it neither validates nor
// reports: it returns the status message for Apply, or "" when no
// translation changed.
func (c *Context) sidecarRenamed(oldID, newID string) string {
	s := c.sidecar()
	if s.cur == nil || oldID == newID {
		return ""
	}
	next := s.cur.Clone()
	if next.RenameNode(oldID, newID) == 0 {
		return ""
	}
	c.changeSidecar("rename translations "+oldID+" → "+newID, next, true)
	return "renamed " + sanitize(oldID) + " → " + sanitize(newID) + " and its translations"
}

// undoSidecar is the start of Context.Undo. It undoes the last change when
// it was one of the translations and returns true. For translations glued to
// a flow change it undoes them and returns false: Undo then undoes the flow
// change.
func (c *Context) undoSidecar() bool {
	if c.Doc == nil {
		return false
	}
	s := c.syncSidecarHistory()
	n := len(s.undo)
	if n == 0 || s.undo[n-1].mark != c.Hist.Len() {
		return false
	}
	e := s.undo[n-1]
	s.undo = s.undo[:n-1]
	s.redo = append(s.redo, e)
	c.installSidecarVersion(e.before)
	if e.glued {
		return false
	}
	c.revalidate()
	c.Message("undid " + e.label + c.findingDelta())
	return true
}

// redoSidecar is the start of Context.Redo, the mirror of undoSidecar: it
// redoes a translations change made after the flow's current state (true),
// or the translations glued to the flow change about to be redone (false:
// Redo goes on with the flow change).
func (c *Context) redoSidecar() bool {
	if c.Doc == nil {
		return false
	}
	s := c.syncSidecarHistory()
	n := len(s.redo)
	if n == 0 {
		return false
	}
	e := s.redo[n-1]
	switch {
	case !e.glued && e.mark == c.Hist.Len():
		s.redo = s.redo[:n-1]
		s.undo = append(s.undo, e)
		c.installSidecarVersion(e.after)
		c.revalidate()
		c.Message("redid " + e.label + c.findingDelta())
		return true
	case e.glued && e.mark == c.Hist.Len()+1 && c.Hist.CanRedo():
		s.redo = s.redo[:n-1]
		s.undo = append(s.undo, e)
		c.installSidecarVersion(e.after)
	}
	return false
}

// sidecarDocEdited drops the translations' redo entries after a new flow
// change: that timeline is gone (the root calls it from Context.Apply).
func (c *Context) sidecarDocEdited() { c.sidecar().redo = nil }

// trimBlankLines trims white space around a text and at the end of its lines.
func trimBlankLines(s string) string {
	ls := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range ls {
		ls[i] = strings.TrimRight(l, " \t")
	}
	return strings.TrimSpace(strings.Join(ls, "\n"))
}
