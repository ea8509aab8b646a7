package tui

import (
	"fmt"
	"strings"

	"flowsmith/flowgraph"
	"flowsmith/validate"
)

// Apply carries out an edit through History, re-validates, and reports it in
// the status bar. Every change to the document goes through here (or Undo and
// Redo), so every change can be undone.
func (c *Context) Apply(op flowgraph.Op) error { return c.apply(op, nil) }

// apply is Apply. glue, when not nil, runs once the change is in History and
// before the new document is validated: it makes the changes to the
// translations that belong to the flow change (glued to it in the undo
// timeline), so one validation sees both. It returns the status message to
// show instead of the edit's label, or "".
func (c *Context) apply(op flowgraph.Op, glue func() string) error {
	if c.Doc == nil {
		return fmt.Errorf("the file is open read-only")
	}
	nd, err := c.Hist.Do(c.Doc, op)
	if err != nil {
		c.Error("cannot " + op.Label() + ": " + err.Error())
		return err
	}
	if nd == c.Doc {
		c.Message("nothing to change")
		return nil
	}
	label := op.Label()
	if glue != nil {
		if l := glue(); l != "" {
			label = l
		}
	}
	c.setDocument(nd)
	c.sidecarDocEdited()
	c.Message(label + c.findingDelta())
	return nil
}

// Undo reverts the last edit.
func (c *Context) Undo() {
	if c.undoSidecar() {
		return
	}
	if c.Doc == nil || !c.Hist.CanUndo() {
		c.Message("nothing to undo")
		return
	}
	nd, label, err := c.Hist.Undo(c.Doc)
	if err != nil {
		c.Error("cannot undo " + label + ": " + err.Error())
		return
	}
	c.setDocument(nd)
	c.Message("undid " + label + c.findingDelta())
}

// Redo carries out the last undone edit again.
func (c *Context) Redo() {
	if c.redoSidecar() {
		return
	}
	if c.Doc == nil || !c.Hist.CanRedo() {
		c.Message("nothing to redo")
		return
	}
	nd, label, err := c.Hist.Redo(c.Doc)
	if err != nil {
		c.Error("cannot redo " + label + ": " + err.Error())
		return
	}
	c.setDocument(nd)
	c.Message("redid " + label + c.findingDelta())
}

// findingDelta summarises the findings after an edit for the status message.
func (c *Context) findingDelta() string {
	n := c.Counts
	if n.Errors+n.Warnings+n.Infos == 0 {
		return " · no problems"
	}
	return fmt.Sprintf(" · %s, %s", plural(n.Errors, "error"), plural(n.Warnings, "warning"))
}

// applyFix applies a finding's quick fix.
func (c *Context) applyFix(f *validate.Finding) {
	switch {
	case f == nil:
		c.Message("no problem selected")
	case f.Fix == nil:
		c.Message(f.Rule + " has no quick fix" + hintSuffix(f.Hint))
	default:
		title := clean(f.Fix.Title)
		if c.Apply(f.Fix.Op) == nil {
			c.Message("fixed: " + title + c.findingDelta())
		}
	}
}

func hintSuffix(h string) string {
	if h == "" {
		return ""
	}
	return " (hint: " + clean(h) + ")"
}

// firstFix is the first finding with a quick fix among findings of node i whose
// pointer starts with ptr ("" for any).
func (c *Context) firstFix(i int, ptr string) *validate.Finding {
	if i < 0 || i >= len(c.ByNode) {
		return nil
	}
	var first *validate.Finding
	for _, fi := range c.ByNode[i] {
		f := &c.Findings[fi]
		if ptr != "" && !underPointer(f.Pointer, ptr) {
			continue
		}
		if first == nil {
			first = f
		}
		if f.Fix != nil {
			return f
		}
	}
	return first
}

// underPointer reports whether ptr is at or below base.
func underPointer(ptr, base string) bool {
	return ptr == base || strings.HasPrefix(ptr, base+"/")
}

// uniqueID returns base, or base_2, base_3… whichever no node has yet.
func uniqueID(d *flowgraph.Document, base string) string {
	if d.NodeByID(base) < 0 {
		return base
	}
	for n := 2; ; n++ {
		if id := fmt.Sprintf("%s_%d", base, n); d.NodeByID(id) < 0 {
			return id
		}
	}
}

// checkNewID says what is wrong with a new node id, or "".
func checkNewID(d *flowgraph.Document, id, old string) string {
	switch {
	case strings.TrimSpace(id) == "":
		return "an id cannot be empty"
	case id != strings.TrimSpace(id):
		return "an id cannot start or end with spaces"
	case id != old && d.NodeByID(id) >= 0:
		return fmt.Sprintf("a node with id %q already exists", id)
	}
	return ""
}

// referencesText lists, for the delete confirmation, the outcomes that point at
// a node ("greeting · ready").
func referencesText(d *flowgraph.Document, id string) []string {
	var out []string
	for _, r := range d.ReferencesTo(id) {
		n := &d.Nodes[r.Node]
		e := n.Edges[r.Edge]
		out = append(out, sanitize(n.ID)+" · "+sanitize(e.Key))
	}
	return out
}
