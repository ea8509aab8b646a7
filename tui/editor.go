package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	fg "flowsmith/flowgraph"
	"flowsmith/validate"
)

// editorPane is pane 2: the form of the selected node, built from the node
// catalog, with the findings of each field shown under it.
type editorPane struct {
	ctx     *Context
	w, h    int
	focused bool
	rows    []edRow
	cur     int // index into rows (always a selectable row when there is one)
	offset  int // first visible line
	gen     int // document generation the rows were built for
	node    int // node index the rows were built for
	nodeID  string

	editing   bool // a text field has the keyboard
	multiline bool // editing with the textarea (prompts)
	editPtr   string
	input     *textEditor
	area      *textEditor
	inputErr  string
	lineRow   []int // rendered line → row index, for mouse clicks
}

func newEditorPane(ctx *Context) *editorPane {
	ti := newLineInput(ctx.Styles, "", "")
	return &editorPane{ctx: ctx, input: ti, area: &textEditor{st: ctx.Styles}, gen: -1, node: -2}
}

func (p *editorPane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.area.SetSize(max(w-4, 10), max(min(10, h-4), 3))
}

func (p *editorPane) Focus()          { p.focused = true }
func (p *editorPane) Blur()           { p.focused = false; p.commit() }
func (p *editorPane) Capturing() bool { return p.editing }

func (p *editorPane) ShortHelp() []key.Binding {
	k := p.ctx.Keys
	if p.editing {
		h := []key.Binding{withHelp(k.Enter, "done"), withHelp(k.Back, "leave"), withHelp(k.NextPane, "next field")}
		if p.multiline && !p.area.noNewline {
			h = append(h, k.Newline, k.ExtEditor)
		}
		return h
	}
	h := []key.Binding{k.Up, k.Down, withHelp(k.Enter, "edit")}
	if r := p.row(); r != nil {
		switch {
		case r.target:
			h = append(h, withHelp(k.Enter, "pick target"), k.Follow)
		case r.field.Kind == fg.KindBool || len(r.field.Enum) > 0:
			h = append(h, k.Toggle)
		}
		if r.listPtr != "" {
			h = append(h, k.AddItem, k.RemoveItem, k.MoveUp, k.MoveDown)
		} else if r.removable {
			h = append(h, withHelp(k.RemoveItem, "remove key"))
		}
		if r.field.Kind == fg.KindPrompt {
			h = append(h, k.ExtEditor)
		}
	}
	return append(h, k.Fix, withHelp(k.Back, "nodes"))
}

// row is the row under the cursor, or nil.
func (p *editorPane) row() *edRow {
	p.refresh()
	if p.cur < 0 || p.cur >= len(p.rows) {
		return nil
	}
	return &p.rows[p.cur]
}

// refresh rebuilds the form when the document or the selected node changed,
// keeping the cursor on the same field when the node is the same.
func (p *editorPane) refresh() {
	c := p.ctx
	n := c.Selected()
	if n == nil {
		p.rows, p.node = nil, -1
		return
	}
	if p.gen == c.generation && p.node == c.sel {
		return
	}
	samNode := p.node == c.sel && p.nodeID == n.ID
	var curPtr string
	if samNode && p.cur < len(p.rows) {
		curPtr = p.rows[p.cur].ptr
	}
	p.gen, p.node, p.nodeID = c.generation, c.sel, n.ID
	p.rows = buildRows(c.Doc, n)
	if !samNode {
		p.cur, p.offset = 0, 0
		p.cancelEdit()
	} else if curPtr != "" {
		p.cur = p.rowAt(curPtr, p.cur)
	}
	p.cur = p.selectable(p.cur, 1)
}

// rowAt finds the row for ptr exactly, else keeps fallback (clamped).
func (p *editorPane) rowAt(ptr string, fallback int) int {
	for i, r := range p.rows {
		if r.ptr == ptr && r.selectable {
			return i
		}
	}
	return max(0, min(fallback, len(p.rows)-1))
}

// selectable returns the nearest selectable row from i in direction dir.
func (p *editorPane) selectable(i, dir int) int {
	for j := i; j >= 0 && j < len(p.rows); j += dir {
		if p.rows[j].selectable {
			return j
		}
	}
	for j := i; j >= 0 && j < len(p.rows); j -= dir {
		if p.rows[j].selectable {
			return j
		}
	}
	return 0
}

func (p *editorPane) move(delta int) {
	p.refresh()
	dir := 1
	if delta < 0 {
		dir = -1
	}
	i := p.cur
	for steps := 0; steps < abs(delta); steps++ {
		j := i + dir
		for j >= 0 && j < len(p.rows) && !p.rows[j].selectable {
			j += dir
		}
		if j < 0 || j >= len(p.rows) {
			break
		}
		i = j
	}
	p.cur = i
}

// FocusPointer puts the cursor on the deepest row that holds ptr (a finding's
// pointer), or the first row.
func (p *editorPane) FocusPointer(ptr string) {
	p.refresh()
	best, bestLen := -1, -1
	for i, r := range p.rows {
		if r.selectable && underPointer(ptr, r.ptr) && len(r.ptr) > bestLen {
			best, bestLen = i, len(r.ptr)
		}
	}
	if best < 0 { // about a container: prefer a required row that is missing, else its first row
		for i, r := range p.rows {
			if !r.selectable || !underPointer(r.ptr, ptr) {
				continue
			}
			if best < 0 {
				best = i
			}
			if r.field.Required && p.ctx.Doc.Lookup(r.ptr) == nil {
				best = i
				break
			}
		}
	}
	if best < 0 {
		best = p.selectable(0, 1)
	}
	p.cur = best
}

func (p *editorPane) Update(msg tea.Msg) (Pane, tea.Cmd) {
	p.refresh()
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		if p.editing {
			return p, p.updateInput(msg)
		}
		return p, nil
	}
	if p.editing {
		return p, p.editKey(km)
	}
	k := p.ctx.Keys
	switch {
	case key.Matches(km, k.Up):
		p.move(-1)
	case key.Matches(km, k.Down):
		p.move(1)
	case key.Matches(km, k.PageUp):
		p.move(-max(p.h/2, 1))
	case key.Matches(km, k.PageDown):
		p.move(max(p.h/2, 1))
	case key.Matches(km, k.Top):
		p.move(-len(p.rows))
	case key.Matches(km, k.Bottom):
		p.move(len(p.rows))
	case key.Matches(km, k.Enter):
		return p, p.activate()
	case key.Matches(km, k.Toggle):
		p.toggle()
	case key.Matches(km, k.AddItem):
		p.addItem()
	case key.Matches(km, k.RemoveItem):
		p.removeItem()
	case key.Matches(km, k.MoveUp):
		p.moveItem(-1)
	case key.Matches(km, k.MoveDown):
		p.moveItem(1)
	case key.Matches(km, k.Follow):
		p.follow()
	case key.Matches(km, k.Fix):
		p.fix()
	case key.Matches(km, k.ExtEditor):
		return p, p.externalEdit()
	}
	return p, nil
}

func (p *editorPane) fix() {
	c := p.ctx
	ptr := ""
	if r := p.row(); r != nil && r.kind != rowID {
		ptr = r.ptr
	}
	f := c.firstFix(c.sel, ptr)
	if f == nil || f.Fix == nil {
		f = c.firstFix(c.sel, "")
	}
	if f == nil {
		c.Message("this node has no problems")
		return
	}
	c.applyFix(f)
}

// follow selects the node the current outcome row points at.
func (p *editorPane) follow() {
	c := p.ctx
	r := p.row()
	if r == nil || !r.target {
		c.Message("not an outcome: move to an outcome row to follow it")
		return
	}
	followTarget(c, c.Doc.Lookup(r.ptr).Text())
}

func followTarget(c *Context, id string) {
	if id == "" {
		c.Message("this outcome is not linked yet")
		return
	}
	i := c.Doc.NodeByID(id)
	if i < 0 {
		c.Error("no node has id " + sanitize(id))
		return
	}
	c.Select(i)
	c.Message("→ " + sanitize(id))
}

func (p *editorPane) Click(_, y int) tea.Cmd {
	line := p.offset + y
	if line >= 0 && line < len(p.lineRow) {
		if r := p.lineRow[line]; r >= 0 && p.rows[r].selectable {
			if p.editing && r != p.cur {
				p.commit()
			}
			p.cur = r
		}
	}
	return nil
}

func (p *editorPane) Scroll(delta int) { p.move(delta) }

// Info is the node type shown in the pane's border.
func (p *editorPane) Info() string {
	if n := p.ctx.Selected(); n != nil {
		return sanitize(n.Type)
	}
	return ""
}

// findingsFor lists the findings of the selected node to show under row i: the
// row with the longest pointer that holds the finding gets it.
func (p *editorPane) findingsFor() map[int][]*validate.Finding {
	c := p.ctx
	out := map[int][]*validate.Finding{}
	if c.sel < 0 || c.sel >= len(c.ByNode) {
		return out
	}
	for _, fi := range c.ByNode[c.sel] {
		f := &c.Findings[fi]
		best, bestLen := -1, -1
		for i, r := range p.rows {
			if underPointer(f.Pointer, r.ptr) && len(r.ptr) > bestLen {
				best, bestLen = i, len(r.ptr)
			}
		}
		out[best] = append(out[best], f) // -1: about the node as a whole
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// indent is the left margin of a nesting depth.
func indent(depth int) string { return strings.Repeat("  ", depth) }
