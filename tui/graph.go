package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"flowsmith/flowgraph/draw"
	gl "flowsmith/flowgraph/layout"
	"flowsmith/validate"
)

// graphPane is pane 5: the layered drawing of the flow (flowgraph/draw), with
// the selected node centred and drawn with a double border. It follows the
// selection made elsewhere (a new selection re-centres the view); arrows and
// h j k l pan; + and - switch between the whole flow and the selected node's
// neighbourhood; enter and a click select a node.
//
// The layout is computed once per document generation and mode (graph_draw.go);
// a frame only renders the cells of the viewport.
type graphPane struct {
	ctx     *Context
	w, h    int
	focused bool
	keys    graphKeys

	// Mode: the whole flow, or the nodes at most hops edges away from the
	// selection. chosen is set once the user pressed + or -; until then the
	// mode follows the size of the flow (defaultWhole).
	whole  bool
	hops   int
	chosen bool

	// The drawing, rebuilt when key changes.
	dr     *draw.Drawing
	err    error
	key    graphKey
	marks  map[string]draw.Mark
	markOf int // generation marks was computed for (-1: none)
	full   gl.Graph
	fullOf int // generation full was built for (-1: none)

	// The viewport: its top left cell in drawing coordinates. centred is the
	// selection the view was last centred on (-2: none yet); panned is set when
	// the user moved the view away from it; pointed is the node enter acts on
	// (the selection until the view is panned, then the node nearest the
	// middle of the view; -1: none).
	vx, vy  int
	vw, vh  int
	centred int
	panned  bool
	pointed int

	// Per frame: what the style function needs, and the last frame drawn.
	frame     frameState
	lastKey   frameKey
	lastFrame string
	wraps     *graphWraps
}

// graphKeys are the pane's own bindings.
type graphKeys struct {
	Left, Right, Up, Down             key.Binding
	BigLeft, BigRight, BigUp, BigDown key.Binding
	PageUp, PageDown                  key.Binding
	Wider, Narrower                   key.Binding
	Enter, Centre                     key.Binding
}

func newGraphKeys(k *KeyMap) graphKeys {
	b := func(keys []string, h, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(h, desc))
	}
	return graphKeys{
		Left:     b([]string{"left", "h"}, "←/h", "pan left"),
		Right:    b([]string{"right", "l"}, "→/l", "pan right"),
		Up:       b([]string{"up", "k"}, "↑/k", "pan up"),
		Down:     b([]string{"down", "j"}, "↓/j", "pan down"),
		BigLeft:  b([]string{"shift+left", "H"}, "H", "pan left half a view"),
		BigRight: b([]string{"shift+right", "L"}, "L", "pan right half a view"),
		BigUp:    b([]string{"shift+up", "K"}, "K", "pan up half a view"),
		BigDown:  b([]string{"shift+down", "J"}, "J", "pan down half a view"),
		PageUp:   withHelp(k.PageUp, "pan up a view"),
		PageDown: withHelp(k.PageDown, "pan down a view"),
		Wider:    b([]string{"+", "="}, "+", "more hops · whole flow"),
		Narrower: b([]string{"-", "_"}, "-", "fewer hops around the selection"),
		Enter:    b([]string{"enter"}, "enter", "select node · again: edit it"),
		Centre:   withHelp(k.Top, "centre the selection"),
	}
}

// graphHelp lists the graph pane's keys for the `?` overlay.
func graphHelp(k *KeyMap) []key.Binding {
	g := newGraphKeys(k)
	return []key.Binding{
		joinKeys(g.Left, g.Right, "←→↑↓/hjkl", "pan"), joinKeys(g.BigLeft, g.BigRight, "HJKL", "pan half a view (also shift+arrows)"),
		g.Wider, g.Narrower, g.Enter, g.Centre,
	}
}

// joinKeys is a help-only binding naming several keys at once.
func joinKeys(a, b key.Binding, keys, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(append(a.Keys(), b.Keys()...)...), key.WithHelp(keys, desc))
}

func newGraphPane(ctx *Context) *graphPane {
	return &graphPane{ctx: ctx, keys: newGraphKeys(ctx.Keys), hops: 2, centred: -2, pointed: -1, markOf: -1, fullOf: -1}
}

func (p *graphPane) SetSize(w, h int) { p.w, p.h = w, h }
func (p *graphPane) Focus()           { p.focused = true }
func (p *graphPane) Blur()            { p.focused = false }

func (p *graphPane) ShortHelp() []key.Binding {
	g := &p.keys
	return []key.Binding{
		joinKeys(g.Left, g.Right, "hjkl", "pan"),
		key.NewBinding(key.WithKeys("+", "-"), key.WithHelp("+/-", "whole flow/hops")),
		withHelp(g.Enter, "select/edit"),
		withHelp(g.Centre, "centre"),
	}
}

func (p *graphPane) Update(msg tea.Msg) (Pane, tea.Cmd) {
	m, ok := msg.(tea.KeyPressMsg)
	if !ok || p.ctx.Doc == nil {
		return p, nil
	}
	p.sync()
	g := &p.keys
	switch {
	case key.Matches(m, g.Left):
		p.pan(-panX, 0)
	case key.Matches(m, g.Right):
		p.pan(panX, 0)
	case key.Matches(m, g.Up):
		p.pan(0, -panY)
	case key.Matches(m, g.Down):
		p.pan(0, panY)
	case key.Matches(m, g.BigLeft):
		p.pan(-max(p.w/2, panX), 0)
	case key.Matches(m, g.BigRight):
		p.pan(max(p.w/2, panX), 0)
	case key.Matches(m, g.BigUp):
		p.pan(0, -max(p.h/2, panY))
	case key.Matches(m, g.BigDown):
		p.pan(0, max(p.h/2, panY))
	case key.Matches(m, g.PageUp):
		p.pan(0, -max(p.h-2, panY))
	case key.Matches(m, g.PageDown):
		p.pan(0, max(p.h-2, panY))
	case key.Matches(m, g.Wider):
		p.wider()
	case key.Matches(m, g.Narrower):
		p.narrower()
	case key.Matches(m, g.Centre):
		p.centred = -2 // re-centred by the next sync
	case key.Matches(m, g.Enter):
		p.enter()
	}
	return p, nil
}

// Pan steps of the arrow keys, in cells.
const (
	panX = 4
	panY = 2
)

// enter selects the pointed node; on the node already selected it opens the
// editor. With the view not panned the pointed node is the selection, so
// enter right away edits the selected node, as in the nodes list.
func (p *graphPane) enter() {
	c := p.ctx
	i := p.pointed
	if i < 0 {
		i = c.SelectedIndex()
	}
	if i < 0 {
		return
	}
	if i != c.SelectedIndex() {
		c.Select(i)
		c.Message("selected " + sanitize(c.Doc.Nodes[i].ID) + " · enter again to edit it")
		return
	}
	c.RequestFocus(paneEditor)
}

// Click selects the node whose box is at (x, y) of the pane's content.
func (p *graphPane) Click(x, y int) tea.Cmd {
	c := p.ctx
	if c.Doc == nil || p.dr == nil {
		return nil
	}
	cx, cy := p.vx+x, p.vy+y
	if i := p.dr.NodeAt(cx, cy); i >= 0 {
		c.Select(i)
		return nil
	}
	if b := p.dr.Layout.NodeAt(cx, cy); b >= 0 && b < len(p.dr.Graph.Nodes) {
		c.Message("no node has the id " + p.dr.Graph.Nodes[b].Label + " · the outcomes that point at it dangle")
	}
	return nil
}

// Scroll pans vertically (the mouse wheel).
func (p *graphPane) Scroll(delta int) {
	if p.ctx.Doc == nil || p.dr == nil {
		return
	}
	p.pan(0, delta*wheelRows)
}

const wheelRows = 3

// Info is the mode, for the pane's title: "whole flow · 50 nodes",
// "2 hops around greeting · 7 of 50 nodes", and the node enter would select
// when the view was panned away from the selection.
func (p *graphPane) Info() string {
	c := p.ctx
	if c.Doc == nil || len(c.Doc.Nodes) == 0 {
		return ""
	}
	p.sync()
	if p.dr == nil {
		return ""
	}
	n := len(c.Doc.Nodes)
	var s string
	if p.key.focus == "" {
		s = "whole flow · " + plural(n, "node")
	} else {
		shown := 0
		for i := range p.dr.Len() {
			if p.dr.Doc(i) >= 0 {
				shown++
			}
		}
		s = plural(p.key.hops, "hop") + " around " + truncate(sanitize(p.key.focus), 24) + " · " + itoa(shown) + " of " + itoa(n) + " nodes"
	}
	if p.panned && p.pointed >= 0 && p.pointed != c.SelectedIndex() {
		s += " · enter: " + truncate(sanitize(c.Doc.Nodes[p.pointed].ID), 24)
	}
	return s
}

func (p *graphPane) View() string {
	c := p.ctx
	st := c.Styles
	if p.w <= 0 || p.h <= 0 {
		return ""
	}
	switch {
	case c.Doc == nil:
		return fit([]string{st.Muted.Render(" no graph: the file could not be parsed")}, p.w, p.h)
	case len(c.Doc.Nodes) == 0:
		return fit([]string{st.Muted.Render(" no nodes yet · a adds one")}, p.w, p.h)
	}
	p.sync()
	if p.err != nil {
		return fit([]string{st.Severity(validate.Error).Render(" " + sanitize(p.err.Error()))}, p.w, p.h)
	}
	return p.render()
}
