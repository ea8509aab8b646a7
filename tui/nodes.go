package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"flowsmith/flowgraph"
)

// divider marks the row between reachable and unreachable nodes.
const divider = -1

// nodesPane is pane 1: every node in flow order (breadth-first from start), the
// unreachable ones after a divider, filterable by id, type or prompt. Only the
// visible rows are formatted; the row table is rebuilt only when the document
// or the filter changes.
type nodesPane struct {
	ctx           *Context
	w, h          int
	focused       bool
	offset        int
	input         *textEditor
	typing        bool   // the filter line has the keyboard
	filter        string // the applied filter (lower case)
	rows          []int  // node indexes or divider
	pos           []int  // node index → row, -1 when filtered out
	gen           int    // document generation rows were built for
	rowsFilter    string
	haystack      []string // lower-cased "id type prompt" per node, built on first filter
	haystackGen   int
	visibleHeight int
}

func newNodesPane(ctx *Context) *nodesPane {
	ti := newLineInput(ctx.Styles, "/", "filter by id, type or prompt")
	return &nodesPane{ctx: ctx, input: ti, gen: -1, haystackGen: -1}
}

func (p *nodesPane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.input.SetWidth(max(w-2, 1))
}

func (p *nodesPane) Focus()          { p.focused = true }
func (p *nodesPane) Blur()           { p.focused = false }
func (p *nodesPane) Capturing() bool { return p.typing }

func (p *nodesPane) ShortHelp() []key.Binding {
	k := p.ctx.Keys
	if p.typing {
		return []key.Binding{withHelp(k.Enter, "apply filter"), withHelp(k.Back, "clear filter")}
	}
	return []key.Binding{k.Up, k.Down, withHelp(k.Enter, "edit"), k.Filter, k.AddNode, k.DeleteNode,
		k.RenameNode, k.Follow, k.Fix}
}

// refresh rebuilds the row table when the document or the filter changed.
func (p *nodesPane) refresh() {
	c := p.ctx
	if c.Doc == nil || (p.gen == c.generation && p.rowsFilter == p.filter) {
		return
	}
	p.gen, p.rowsFilter = c.generation, p.filter
	p.rows = p.rows[:0]
	p.pos = make([]int, len(c.Doc.Nodes))
	for i := range p.pos {
		p.pos[i] = -1
	}
	match := p.matcher()
	for k, i := range c.Order {
		if k == c.Unreachable && k > 0 && (len(p.rows) > 0 || p.filter == "") {
			p.rows = append(p.rows, divider)
		}
		if match(i) {
			p.pos[i] = len(p.rows)
			p.rows = append(p.rows, i)
		}
	}
	if n := len(p.rows); n > 0 && p.rows[n-1] == divider {
		p.rows = p.rows[:n-1]
	}
}

func (p *nodesPane) matcher() func(int) bool {
	if p.filter == "" {
		return func(int) bool { return true }
	}
	c := p.ctx
	if p.haystackGen != c.generation {
		p.haystackGen = c.generation
		p.haystack = make([]string, len(c.Doc.Nodes))
		for i := range c.Doc.Nodes {
			n := &c.Doc.Nodes[i]
			p.haystack[i] = strings.ToLower(n.ID + "\x00" + n.Type + "\x00" + excerptSource(n))
		}
	}
	terms := strings.Fields(p.filter)
	return func(i int) bool {
		for _, t := range terms {
			if !strings.Contains(p.haystack[i], t) {
				return false
			}
		}
		return true
	}
}

// excerptSource is the text a node row shows after its id: the first prompt-like
// field, or where a single outcome leads.
func excerptSource(n *flowgraph.Node) string {
	if n.Def != nil {
		for _, f := range n.Def.Fields {
			if f.Kind == flowgraph.KindPrompt {
				if s := n.Fields.Get(f.Name).Text(); s != "" {
					return s
				}
			}
		}
	}
	if len(n.Edges) == 1 && n.Edges[0].Target != "" {
		return "→ " + capText(n.Edges[0].Target) // an id of 60 MB is not copied on every row
	}
	return ""
}

func (p *nodesPane) Update(msg tea.Msg) (Pane, tea.Cmd) {
	p.refresh()
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	k := p.ctx.Keys
	if p.typing {
		switch {
		case key.Matches(km, k.Enter):
			p.typing = false
			p.landOnMatch()
			return p, nil
		case key.Matches(km, k.Back):
			p.clearFilter()
			return p, nil
		}
		p.input.Update(km)
		p.filter = strings.ToLower(strings.TrimSpace(p.input.Value()))
		p.refresh()
		p.landOnMatch()
		return p, nil
	}
	switch {
	case key.Matches(km, k.Up):
		p.move(-1)
	case key.Matches(km, k.Down):
		p.move(1)
	case key.Matches(km, k.PageUp):
		p.move(-max(p.visibleHeight-1, 1))
	case key.Matches(km, k.PageDown):
		p.move(max(p.visibleHeight-1, 1))
	case key.Matches(km, k.Top):
		p.move(-len(p.rows))
	case key.Matches(km, k.Bottom):
		p.move(len(p.rows))
	case key.Matches(km, k.Filter):
		return p, p.startFilter()
	case key.Matches(km, k.Back):
		if p.filter != "" {
			p.clearFilter()
		}
	}
	return p, nil
}

func (p *nodesPane) startFilter() tea.Cmd {
	p.typing = true
	return nil
}

func (p *nodesPane) clearFilter() {
	p.typing, p.filter = false, ""
	p.input.SetValue("")
	p.refresh()
}

// landOnMatch moves the selection to the first row when the selected node is
// filtered out.
func (p *nodesPane) landOnMatch() {
	c := p.ctx
	if c.sel >= 0 && c.sel < len(p.pos) && p.pos[c.sel] >= 0 {
		return
	}
	for _, i := range p.rows {
		if i != divider {
			c.Select(i)
			return
		}
	}
}

// move moves the selection by delta rows, stepping over the divider.
func (p *nodesPane) move(delta int) {
	p.refresh()
	c := p.ctx
	if len(p.rows) == 0 {
		return
	}
	cur := 0
	if c.sel >= 0 && c.sel < len(p.pos) && p.pos[c.sel] >= 0 {
		cur = p.pos[c.sel]
	}
	next := max(0, min(cur+delta, len(p.rows)-1))
	if p.rows[next] == divider {
		if delta > 0 && next+1 < len(p.rows) {
			next++
		} else if next > 0 {
			next--
		}
	}
	c.Select(p.rows[next])
}

func (p *nodesPane) Click(_, y int) tea.Cmd {
	p.refresh()
	if r := p.offset + y; r >= 0 && r < len(p.rows) && p.rows[r] != divider && y < p.visibleHeight {
		p.ctx.Select(p.rows[r])
	}
	return nil
}

func (p *nodesPane) Scroll(delta int) { p.move(delta) }

// Info is the count shown in the pane's border.
func (p *nodesPane) Info() string {
	p.refresh()
	if p.ctx.Doc == nil {
		return ""
	}
	total := len(p.ctx.Doc.Nodes)
	if p.filter != "" {
		shown := 0
		for _, i := range p.rows {
			if i != divider {
				shown++
			}
		}
		return strings.Join([]string{itoa(shown), "/", itoa(total)}, "")
	}
	return plural(total, "node")
}

func (p *nodesPane) View() string {
	p.refresh()
	c := p.ctx
	if c.Doc == nil {
		return ""
	}
	h := p.h
	var footer string
	if p.typing || p.filter != "" {
		h--
		if p.typing {
			footer = p.input.View()
		} else {
			footer = c.Styles.Muted.Render("/" + sanitize(p.filter) + "  (esc clears)")
		}
	}
	p.visibleHeight = max(h, 0)
	cur := 0
	if c.sel >= 0 && c.sel < len(p.pos) && p.pos[c.sel] >= 0 {
		cur = p.pos[c.sel]
	}
	p.offset = scrollTo(p.offset, cur, h, len(p.rows))
	lines := make([]string, 0, p.h)
	if len(p.rows) == 0 {
		lines = append(lines, c.Styles.Muted.Render(" no node matches"))
	}
	for r := p.offset; r < len(p.rows) && len(lines) < h; r++ {
		lines = append(lines, p.row(r, r == cur))
	}
	if footer != "" {
		for len(lines) < h {
			lines = append(lines, "")
		}
		lines = append(lines, footer)
	}
	return fit(lines, p.w, p.h)
}

func (p *nodesPane) row(r int, selected bool) string {
	c, st := p.ctx, p.ctx.Styles
	i := p.rows[r]
	if i == divider {
		label := " unreachable "
		side := max(p.w-width(label), 2)
		return st.Divider.Render(strings.Repeat("─", side/2) + label + strings.Repeat("─", side-side/2))
	}
	n := &c.Doc.Nodes[i]
	cursor := " "
	if selected {
		cursor = "›"
	}
	idW := min(max(c.IDWidth, 4), max(p.w-4-badgeWidth-1, 6)) // ids first; the excerpt gets what is left
	id := sanitize(n.ID)
	if n.ID == "" {
		id = "(no id)"
	}
	text := padRight(id, idW)
	exW := max(p.w-4-badgeWidth-idW-1, 0)
	ex := ""
	if s := excerptSource(n); s != "" && exW > 0 {
		ex = " " + truncate(clean(s), exW)
	}
	mark := st.SevMark(c.NodeSev[i], c.NodeSev[i] > 0)
	tail := padRight(text+ex, max(p.w-4-badgeWidth, 0))
	if !selected {
		return cursor + mark + " " + st.Badge(n.Type) + " " + text + st.Muted.Render(strings.TrimPrefix(tail, text))
	}
	sel := st.SelectedBlurred
	if p.focused {
		sel = st.Selected
	}
	return sel.Render(cursor) + mark + sel.Render(" ") + st.Badge(n.Type) + sel.Render(" "+tail)
}
