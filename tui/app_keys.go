package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	fg "flowsmith/flowgraph"
)

// key routes a key press: an open dialog first, then the help overlay, then a
// pane that is taking typed text, then the global keys, then the focused pane.
func (a *app) key(msg tea.KeyPressMsg) tea.Cmd {
	c := a.ctx
	k := c.Keys
	if n := len(c.dialogs); n > 0 {
		d := c.dialogs[n-1]
		done, cmd := d.Update(msg)
		if done {
			c.closeDialog(d)
		}
		return cmd
	}
	if a.showHelp {
		a.showHelp = false
		return nil
	}
	if a.loading || a.fatal != "" {
		if key.Matches(msg, k.Quit) {
			return tea.Quit
		}
		return nil
	}
	if a.ro != nil {
		return a.ro.Update(msg, a)
	}
	p := a.panes[a.focus]
	if cp, ok := p.(capturer); ok && cp.Capturing() {
		switch msg.String() {
		case "ctrl+c":
			a.editor.commit()
			return a.quit()
		case "ctrl+s":
			if !a.editor.commit() {
				return nil
			}
			return a.save()
		}
		_, cmd := p.Update(msg)
		return cmd
	}
	switch {
	case key.Matches(msg, k.Quit):
		return a.quit()
	case key.Matches(msg, k.Help):
		a.showHelp = true
	case key.Matches(msg, k.Pane1):
		a.focusPane(paneNodes)
	case key.Matches(msg, k.Pane2):
		a.focusPane(paneEditor)
	case key.Matches(msg, k.Pane3):
		a.focusPane(paneProblems)
	case key.Matches(msg, k.Pane4):
		a.focusPane(panePreview)
	case key.Matches(msg, k.Pane5):
		a.focusPane(paneGraph)
	case key.Matches(msg, k.NextPane):
		a.cycle(1)
	case key.Matches(msg, k.PrevPane):
		a.cycle(-1)
	case key.Matches(msg, k.Undo):
		c.Undo()
	case key.Matches(msg, k.Redo):
		c.Redo()
	case key.Matches(msg, k.Save):
		return a.save()
	case key.Matches(msg, k.Export):
		return a.export()
	case key.Matches(msg, k.AddNode):
		a.addNode()
	case key.Matches(msg, k.DeleteNode):
		a.deleteNode()
	case key.Matches(msg, k.RenameNode):
		a.renameNode()
	case key.Matches(msg, k.Filter):
		a.focusPane(paneNodes)
		_, cmd := a.nodes.Update(msg)
		return cmd
	case a.focus == paneNodes && key.Matches(msg, k.Enter):
		a.focusPane(paneEditor)
	case a.focus == paneNodes && key.Matches(msg, k.Translate):
		a.preview().Translate()
	case a.focus == paneNodes && key.Matches(msg, k.Session):
		a.preview().Session()
	case a.focus == paneNodes && key.Matches(msg, k.Fix):
		c.applyFix(c.firstFix(c.sel, ""))
	case a.focus != paneEditor && key.Matches(msg, k.Follow):
		a.followFirst()
	case a.focus == paneEditor && key.Matches(msg, k.Back):
		a.focusPane(paneNodes)
	case a.focus >= paneProblems && key.Matches(msg, k.Back):
		a.focusPane(paneNodes)
	default:
		_, cmd := p.Update(msg)
		a.applyFocusRequest()
		return cmd
	}
	return nil
}

func (a *app) applyFocusRequest() {
	if id := a.ctx.wantFocus; id >= 0 {
		a.ctx.wantFocus = -1
		a.focusPane(id)
	}
}

// followFirst selects the target of the selected node's first linked outcome.
func (a *app) followFirst() {
	c := a.ctx
	n := c.Selected()
	if n == nil {
		return
	}
	for _, e := range n.Edges {
		if e.Target != "" {
			followTarget(c, e.Target)
			return
		}
	}
	c.Message(sanitize(n.ID) + " has no linked outcome")
}

// addNode asks for a type and an id and adds the node after the selection.
func (a *app) addNode() {
	c := a.ctx
	if c.Doc == nil {
		return
	}
	at := -1
	if n := c.Selected(); n != nil {
		at = n.Index + 1
	}
	askNewNode(c, "Add node", func(typ, id string) {
		node, err := fg.NewNode(typ, id)
		if err != nil {
			c.Error(err.Error())
			return
		}
		if c.Apply(fg.AddNode(node, at)) == nil {
			c.SelectID(id)
			a.focusPane(paneEditor)
			c.Message("added " + sanitize(id) + " · link it from an outcome to make it reachable" + c.findingDelta())
		}
	})
}

// deleteNode confirms, naming the references that will dangle, then deletes.
func (a *app) deleteNode() {
	c := a.ctx
	n := c.Selected()
	if n == nil {
		return
	}
	id := n.ID
	body := []string{"Delete node " + c.Styles.Bold.Render(sanitize(id)) + " (" + sanitize(n.Type) + ")?"}
	refs := referencesText(c.Doc, id)
	if len(refs) == 0 {
		body = append(body, c.Styles.Muted.Render("No outcome links to it."))
	} else {
		body = append(body, "", "These outcomes will dangle (point at a missing node):")
		for i, r := range refs {
			if i == 8 {
				body = append(body, "  … and "+itoa(len(refs)-8)+" more")
				break
			}
			body = append(body, "  • "+r+" → "+sanitize(id))
		}
	}
	body = append(body, "", c.Styles.Muted.Render("u undoes the deletion."))
	c.openDialog(newConfirm(c, "Delete node", body, "delete", func() tea.Cmd {
		c.Apply(labelled("delete node "+id, fg.DeleteNode(id)))
		return nil
	}))
}

// renameNode asks for the new id; every reference is rewritten.
func (a *app) renameNode() {
	c := a.ctx
	n := c.Selected()
	if n == nil {
		return
	}
	old := n.ID
	refs := len(c.Doc.ReferencesTo(old))
	links := " link to it)."
	if refs == 1 {
		links = " links to it)."
	}
	body := []string{"Every reference is rewritten (" + plural(refs, "outcome") + links}
	c.openDialog(newPrompt(c, "Rename "+sanitize(old), body, old,
		func(s string) string { return checkNewID(c.Doc, s, old) },
		func(s string) tea.Cmd {
			if s == old {
				return nil
			}
			if c.Rename(old, s) == nil {
				c.SelectID(s)
			}
			return nil
		}))
}

// click focuses the pane under the mouse and lets it select what was clicked.
func (a *app) click(m tea.Mouse) tea.Cmd {
	c := a.ctx
	if len(c.dialogs) > 0 || a.ro != nil || c.Doc == nil {
		return nil
	}
	if a.showHelp {
		a.showHelp = false
		return nil
	}
	for _, t := range a.lay.tabs {
		if m.Y == t.y && m.X >= t.x0 && m.X < t.x1 {
			a.focusPane(t.id)
			return nil
		}
	}
	id, r, ok := a.paneAt(m.X, m.Y)
	if !ok {
		return nil
	}
	side := a.lay.side
	a.focusPane(id)
	if a.lay.side != side {
		return nil // the panes moved (the graph grew): the click only focused
	}
	if cl, ok := a.panes[id].(clicker); ok && m.Y > r.y && m.Y < r.y+r.h-1 {
		return cl.Click(m.X-r.x-1, m.Y-r.y-1)
	}
	return nil
}

func (a *app) wheel(x, y, delta int) {
	if a.ro != nil {
		a.ro.scroll(delta * 3)
		return
	}
	if len(a.ctx.dialogs) > 0 || a.ctx.Doc == nil {
		return
	}
	if id, _, ok := a.paneAt(x, y); ok {
		if cl, ok := a.panes[id].(clicker); ok {
			cl.Scroll(delta)
		}
	}
}

// paneAt is the pane shown at a screen position.
func (a *app) paneAt(x, y int) (paneID, rect, bool) {
	l := &a.lay
	if l.mode == layoutSmall {
		r := l.rects[a.focus]
		return a.focus, r, r.contains(x, y)
	}
	for _, id := range []paneID{paneNodes, paneEditor} {
		if l.rects[id].contains(x, y) {
			return id, l.rects[id], true
		}
	}
	if l.side.contains(x, y) {
		return a.side, l.side, true
	}
	return 0, rect{}, false
}
