package tui

import (
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"flowsmith/examples"
	"flowsmith/validate"
)

// save writes the document where it came from; untitled documents ask for a
// path first. The command checks for changes on disk before writing.
func (a *app) save() tea.Cmd {
	c := a.ctx
	if c.Doc == nil {
		c.Message("the file is open read-only")
		return nil
	}
	if c.Path == "" {
		return a.saveAs()
	}
	return a.secretWarning(func() tea.Cmd {
		c.Message("saving " + sanitize(c.Path) + "…")
		return saveCmd(c.Path, c.Doc.Src, c.disk, false)
	})
}

// saveAs asks for a path, confirms overwriting an existing file, and saves.
func (a *app) saveAs() tea.Cmd {
	c := a.ctx
	def := c.Path
	if def == "" {
		def = "flow.json"
	}
	c.openDialog(newPrompt(c, "Save as", []string{"Path of the file to write:"}, def, checkPath, func(path string) tea.Cmd {
		return pathInfoCmd(path, func(exists bool) tea.Cmd {
			write := func() tea.Cmd {
				c.Message("saving " + sanitize(path) + "…")
				return saveCmd(path, c.Doc.Src, fingerprint{}, true)
			}
			if !exists || samePathText(path, c.Path) {
				return a.secretWarning(write)
			}
			c.openDialog(newConfirm(c, "Overwrite?", []string{sanitize(path) + " exists. Replace it?"}, "overwrite",
				func() tea.Cmd { return a.secretWarning(write) }))
			return nil
		})
	}))
	return nil
}

func checkPath(s string) string {
	if strings.TrimSpace(s) == "" {
		return "enter a path"
	}
	if strings.HasSuffix(s, "/") {
		return "that is a folder; add a file name"
	}
	return ""
}

// samePathText compares two paths as text (cleaned); the export command also
// compares the files themselves.
func samePathText(a, b string) bool {
	return a != "" && b != "" && filepath.Clean(a) == filepath.Clean(b)
}

// export validates; with errors it refuses and shows them, otherwise it asks
// where to write (never over the file being edited).
func (a *app) export() tea.Cmd {
	c := a.ctx
	if c.Doc == nil {
		c.Message("the file is open read-only")
		return nil
	}
	if validate.HasErrors(c.Findings) {
		c.Error("export refused: " + plural(c.Counts.Errors, "error") + " — fix them first (shown in problems)")
		a.focusPane(paneProblems)
		a.problems.SelectFirst()
		return nil
	}
	c.openDialog(newPrompt(c, "Export", []string{"The flow validates. Write it to:"}, defaultExportPath(c.Path),
		func(s string) string {
			if msg := checkPath(s); msg != "" {
				return msg
			}
			if samePathText(s, c.Path) {
				return "that is the file being edited; save with ctrl+s instead"
			}
			return ""
		},
		func(path string) tea.Cmd {
			data := c.Doc.Bytes()
			return pathInfoCmd(path, func(exists bool) tea.Cmd {
				if !exists {
					return exportCmd(path, data, c.Path)
				}
				c.openDialog(newConfirm(c, "Overwrite?", []string{sanitize(path) + " exists. Replace it with the export?"}, "overwrite",
					func() tea.Cmd { return exportCmd(path, data, c.Path) }))
				return nil
			})
		}))
	return nil
}

// quit leaves at once when nothing is unsaved; otherwise it asks.
func (a *app) quit() tea.Cmd {
	c := a.ctx
	if !c.unsaved() || c.Doc == nil {
		return tea.Quit
	}
	name := sanitize(c.FileName())
	c.openDialog(&choiceDialog{st: c.Styles, keys: c.Keys, title: "Unsaved changes",
		body:   []string{"Save the changes to " + c.Styles.Bold.Render(name) + " before quitting?"},
		cancel: 2,
		choices: []choice{
			{key: "s", label: "save", action: func() tea.Cmd { a.pendingQuit = true; return a.save() }},
			{key: "d", label: "discard", action: func() tea.Cmd {
				if cmd := a.journalDiscard(); cmd != nil {
					return tea.Sequence(cmd, tea.Quit)
				}
				return tea.Quit
			}},
			{key: "c", label: "cancel"},
		}})
	return nil
}

// fileMsg handles the results of file commands.
func (a *app) fileMsg(msg tea.Msg) (tea.Cmd, bool) {
	c := a.ctx
	switch msg := msg.(type) {
	case loadedMsg:
		a.loading = false
		switch {
		case msg.err != nil && !msg.reload:
			a.fatal = "cannot open " + sanitize(msg.path) + ": " + reasonOf(msg.err)
		case msg.err != nil:
			c.Error("cannot reload " + sanitize(msg.path) + ": " + reasonOf(msg.err))
		case msg.notExist && !msg.reload:
			if a.bg.on {
				// Unsaved edits of a file that was never saved may be waiting.
				return tea.Batch(a.recoveryCheck(msg.path, nil, true), a.watchFile(msg.path)), true
			}
			a.pickTemplate(msg.path)
		case msg.notExist:
			c.Error(sanitize(msg.path) + " no longer exists")
		default:
			cmd := tea.Batch(a.open(msg.path, msg.src), c.loadSidecar())
			c.disk = msg.fp
			a.bg.diskChanged = false
			if msg.reload {
				c.Message("reloaded " + sanitize(msg.path) + " from disk")
				return cmd, true
			}
			return tea.Batch(cmd, a.recoveryCheck(msg.path, msg.src, false), a.watchFile(msg.path)), true
		}
	case diskMsg:
		c.disk = msg.fp
	case savedMsg:
		old := c.journalKey()
		c.Path = msg.path
		c.Opts.Untitled = false
		c.markSaved(msg.src, msg.fp)
		a.bg.diskChanged = false
		c.Message("saved " + sanitize(msg.path) + " (" + plural(len(msg.src), "byte") + ")")
		if side := c.saveSidecar(msg.path); side != nil {
			// The translations next: sidecarMsg quits (pendingQuit) once they are written.
			if a.pendingQuit {
				return tea.Sequence(a.journalSaved(old, msg.path), side), true
			}
			return tea.Batch(a.journalSaved(old, msg.path), a.watchFile(msg.path), side), true
		}
		if a.pendingQuit {
			if cmd := a.journalSaved(old, msg.path); cmd != nil {
				return tea.Sequence(cmd, tea.Quit), true
			}
			return tea.Quit, true
		}
		return tea.Batch(a.journalSaved(old, msg.path), a.watchFile(msg.path)), true
	case saveFailedMsg:
		a.pendingQuit = false
		a.saveFailed(msg)
	case externalChangeMsg:
		a.externalChange(msg)
	case exportedMsg:
		if msg.err != nil {
			c.Error("export failed: " + msg.err.Error())
		} else {
			c.Message("exported to " + sanitize(msg.path))
		}
	case pathInfoMsg:
		if msg.isDir {
			c.Error(sanitize(msg.path) + " is a folder")
			return nil, true
		}
		return msg.then(msg.exists), true
	case tempReadyMsg:
		if msg.err != nil {
			c.Error("cannot start the editor: " + msg.err.Error())
			return nil, true
		}
		return editorCmd(msg), true
	case editorExitMsg:
		return readTempCmd(msg), true
	case editorTextMsg:
		if msg.err != nil {
			c.Error("$EDITOR: " + msg.err.Error())
			return nil, true
		}
		a.editor.applyExternal(msg.ptr, msg.text)
	case fileEditedMsg:
		if msg.err != nil {
			c.Error("$EDITOR: " + msg.err.Error())
		}
		return loadCmd(msg.path, true), true
	default:
		return nil, false
	}
	return nil, true
}

// saveFailed says why a save failed (the path and the reason, in words) and
// offers to save elsewhere. Nothing was written: the file on disk, the
// document and its undo history are as they were.
func (a *app) saveFailed(msg saveFailedMsg) {
	c := a.ctx
	reason := reasonOf(msg.err)
	c.Error("cannot save " + sanitize(msg.path) + ": " + reason)
	c.openDialog(&choiceDialog{st: c.Styles, keys: c.Keys, title: "Save failed", cancel: 1,
		body: []string{
			"Cannot save " + c.Styles.Bold.Render(sanitize(msg.path)) + ":",
			reason + ".",
			"",
			"Nothing was written. Your changes and undo history are kept.",
			"Save them to another file?",
		},
		choices: []choice{
			{key: "a", label: "save as…", action: a.saveAs},
			{key: "c", label: "cancel"},
		}})
}

// externalChange asks what to do when the file changed on disk since it was
// opened: overwrite it, reload it (dropping the edits), or cancel.
func (a *app) externalChange(msg externalChangeMsg) {
	c := a.ctx
	what := " changed on disk since it was opened."
	if msg.deleted {
		what = " was deleted since it was opened."
	}
	choices := []choice{
		{key: "o", label: "overwrite", action: func() tea.Cmd { return saveCmd(msg.path, c.Doc.Src, c.disk, true) }},
		{key: "r", label: "reload (drop my changes)", action: func() tea.Cmd { a.pendingQuit = false; return loadCmd(msg.path, true) }},
		{key: "c", label: "cancel", action: func() tea.Cmd { a.pendingQuit = false; c.Message("not saved"); return nil }},
	}
	if msg.deleted {
		choices = append(choices[:1], choices[2])
	}
	c.openDialog(&choiceDialog{st: c.Styles, keys: c.Keys, title: "File changed on disk", cancel: len(choices) - 1,
		body: []string{sanitize(msg.path) + what, "", "Overwrite it with your version, reload it, or cancel?"}, choices: choices})
}

// pickTemplate offers the templates for a file that does not exist yet.
func (a *app) pickTemplate(path string) {
	c := a.ctx
	items := []pickItem{{title: "blank", detail: "start → greeting → closing → end", value: ""}}
	for _, name := range examples.Names() {
		items = append(items, pickItem{title: examples.Title(name), detail: name, value: name})
	}
	p := newPicker(c, "New flow "+sanitize(path)+": start from…", items, "", func(it pickItem) tea.Cmd {
		src := []byte(examples.Skeleton)
		if it.value != "" {
			if b, err := examples.Read(it.value); err == nil {
				src = b
			}
		}
		cmd := a.open(path, src)
		c.markSaved(nil, fingerprint{})
		c.Message("new flow from " + it.title + " · ctrl+s creates " + sanitize(path))
		return cmd
	})
	p.cancel = func() tea.Cmd { return tea.Quit }
	c.openDialog(p)
}
