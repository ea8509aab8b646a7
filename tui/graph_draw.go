package tui

import (
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"

	"flowsmith/flowgraph/draw"
	gl "flowsmith/flowgraph/layout"
	"flowsmith/validate"
)

// graphKey is what a drawing depends on: the document version and the mode.
// focus is "" for the whole flow.
type graphKey struct {
	gen   int
	focus string
	hops  int
}

// frameKey is what a frame depends on besides the drawing.
type frameKey struct {
	dr      *draw.Drawing
	view    gl.Rect
	sel     int
	cursor  int
	focused bool
}

// frameState is read by the style function while a frame is rendered.
type frameState struct {
	view   gl.Rect
	cursor int         // node whose label line is drawn reversed (-1: none)
	rows   map[int]int // node → box lines styled so far in this frame
}

// defaultWhole is the size up to which a flow is first drawn whole; larger
// flows start on the selection's neighbourhood (defaultHops).
const (
	defaultWhole = 200
	defaultHops  = 2
)

// hopLevels are the neighbourhood sizes + and - step through; levels that
// would show the same nodes as the current one are skipped.
var hopLevels = []int{1, 2, 3, 4, 6, 8, 12, 16}

// sync brings the drawing and the viewport up to date with the document, the
// mode, the selection and the pane size. Cheap when nothing changed.
func (p *graphPane) sync() {
	c := p.ctx
	if c.Doc == nil || len(c.Doc.Nodes) == 0 {
		p.dr, p.err = nil, nil
		return
	}
	if !p.chosen {
		p.whole = len(c.Doc.Nodes) <= defaultWhole
		p.hops = defaultHops
	}
	sel := c.SelectedIndex()
	k := graphKey{gen: c.Generation()}
	if !p.whole && sel >= 0 && sel < len(c.Doc.Nodes) {
		k.focus, k.hops = c.Doc.Nodes[sel].ID, p.hops
	}
	if p.dr == nil && p.err == nil || k != p.key {
		// A new version of the same view (findings arriving, an edit made
		// elsewhere) keeps a panned view where it was; a new mode re-centres.
		keep := p.dr != nil && p.panned && p.centred == sel && k.focus == p.key.focus && k.hops == p.key.hops
		x, y := p.vx, p.vy
		p.build(k)
		if keep && p.dr != nil {
			p.dr.Select(sel)
			p.centred = sel
			p.setView(x, y)
			p.pointed = p.nearestToMiddle()
		}
	}
	if p.dr == nil {
		return
	}
	switch {
	case p.centred != sel:
		p.dr.Select(sel)
		p.centre(sel)
	case p.vw != p.w || p.vh != p.h:
		if p.panned {
			p.setView(p.vx, p.vy)
		} else {
			p.centre(sel)
		}
	}
}

// build lays the flow out for k: the slow step (tens of milliseconds for ten
// thousand nodes), done once per edit and mode.
func (p *graphPane) build(k graphKey) {
	c := p.ctx
	opt := draw.Options{
		Marks:    p.nodeMarks(),
		Focus:    k.focus,
		Hops:     k.hops,
		Sanitize: sanitize,
		Style:    p.style,
	}
	p.key = k
	p.dr, p.err = draw.Build(c.Doc, opt)
	p.centred = -2
}

// nodeMarks maps node ids to the worst severity of their findings (the
// problems pane's severities), once per generation.
func (p *graphPane) nodeMarks() map[string]draw.Mark {
	c := p.ctx
	if p.markOf == c.Generation() {
		return p.marks
	}
	p.markOf = c.Generation()
	p.marks = map[string]draw.Mark{}
	for i, sev := range c.NodeSev {
		if sev == validate.Off || i >= len(c.Doc.Nodes) {
			continue
		}
		id := c.Doc.Nodes[i].ID
		if m := draw.Mark(sev); m > p.marks[id] {
			p.marks[id] = m
		}
	}
	return p.marks
}

// centre puts node sel in the middle of the view (as far as the drawing
// allows) and forgets any panning.
func (p *graphPane) centre(sel int) {
	p.centred, p.panned = sel, false
	w, _ := p.dr.Size()
	x, y := w/2-p.w/2, 0
	if b, ok := p.dr.Box(sel); ok {
		x, y = b.X+b.W/2-p.w/2, b.Y+b.H/2-p.h/2
	}
	p.setView(x, y)
	p.pointed = -1
	if p.dr.Has(sel) {
		p.pointed = sel
	}
}

// setView moves the view's top left to (x, y), kept inside the drawing; a
// drawing narrower than the view is centred in it, one shorter starts at the
// top.
func (p *graphPane) setView(x, y int) {
	w, h := p.dr.Size()
	if w <= p.w {
		x = -(p.w - w) / 2
	} else {
		x = clamp(x, 0, w-p.w)
	}
	if h <= p.h {
		y = 0
	} else {
		y = clamp(y, 0, h-p.h)
	}
	p.vx, p.vy, p.vw, p.vh = x, y, p.w, p.h
}

// pan moves the view; once it moved, enter acts on the node nearest its middle.
func (p *graphPane) pan(dx, dy int) {
	if p.dr == nil {
		return
	}
	x, y := p.vx, p.vy
	p.setView(x+dx, y+dy)
	if p.vx == x && p.vy == y {
		return
	}
	p.panned = true
	p.pointed = p.nearestToMiddle()
}

// nearestToMiddle is the document node whose box is nearest the middle of
// the view among the boxes in view, or -1.
func (p *graphPane) nearestToMiddle() int {
	view := gl.Rect{X: p.vx, Y: p.vy, W: p.w, H: p.h}
	mx, my := p.vx+p.w/2, p.vy+p.h/2
	best, bestD := -1, 0
	for i, b := range p.dr.Layout.Boxes {
		if !b.Intersects(view) {
			continue
		}
		doc := p.dr.Doc(i)
		if doc < 0 {
			continue
		}
		dx := max(b.X-mx, mx-(b.X+b.W-1), 0)
		dy := max(b.Y-my, my-(b.Y+b.H-1), 0)
		// Rows count double: cells are about twice as tall as wide.
		if d := dx*dx + 4*dy*dy; best < 0 || d < bestD {
			best, bestD = doc, d
		}
	}
	return best
}

// fullGraph is the document as a layout graph, for counting neighbourhoods.
func (p *graphPane) fullGraph() gl.Graph {
	c := p.ctx
	if p.fullOf != c.Generation() {
		p.full, p.fullOf = draw.FromDocument(c.Doc), c.Generation()
	}
	return p.full
}

// reach is the number of nodes at most hops away from node sel.
func (p *graphPane) reach(sel, hops int) int {
	_, m := gl.Neighbourhood(p.fullGraph(), sel, hops)
	return len(m)
}

// wider shows more: the next hop level that reaches more nodes, then the
// whole flow.
func (p *graphPane) wider() {
	c := p.ctx
	if p.whole {
		c.Message("the graph shows the whole flow · - shows the selection's neighbourhood")
		return
	}
	p.chosen = true
	sel := c.SelectedIndex()
	if sel < 0 {
		p.whole = true
		return
	}
	total, cur := len(c.Doc.Nodes), p.reach(sel, p.hops)
	for _, h := range hopLevels {
		if h <= p.hops {
			continue
		}
		if n := p.reach(sel, h); n >= total {
			break
		} else if n > cur {
			p.hops = h
			return
		}
	}
	p.whole = true
}

// narrower shows less: from the whole flow, the neighbourhood of the last
// hop count (2 at first); in a neighbourhood, the widest smaller hop level
// that reaches fewer nodes. Levels that would show the same nodes are skipped.
func (p *graphPane) narrower() {
	c := p.ctx
	sel := c.SelectedIndex()
	if sel < 0 {
		c.Message("select a node to see its neighbourhood")
		return
	}
	p.chosen = true
	total := len(c.Doc.Nodes)
	if p.whole && p.reach(sel, p.hops) < total {
		p.whole = false
		return
	}
	cur := total
	if !p.whole {
		cur = p.reach(sel, p.hops)
	}
	best := -1
	for _, h := range hopLevels {
		if !p.whole && h >= p.hops {
			break
		}
		if p.reach(sel, h) < cur {
			best = h
		}
	}
	switch {
	case best >= 0:
		p.whole, p.hops = false, best
	case p.whole:
		p.whole, p.hops = false, hopLevels[0]
	default:
		c.Message("the graph shows the nearest neighbours already · + shows more")
	}
}

// render draws the viewport (cached while nothing that shows changed).
func (p *graphPane) render() string {
	sel := p.ctx.SelectedIndex()
	cursor := -1
	if p.focused {
		cursor = p.pointed
	}
	view := gl.Rect{X: p.vx, Y: p.vy, W: p.w, H: p.h}
	fk := frameKey{dr: p.dr, view: view, sel: sel, cursor: cursor, focused: p.focused}
	if fk == p.lastKey && p.lastFrame != "" {
		return p.lastFrame
	}
	if p.frame.rows == nil {
		p.frame.rows = map[int]int{}
	}
	clear(p.frame.rows)
	p.frame.view, p.frame.cursor = view, cursor
	p.lastKey, p.lastFrame = fk, strings.Join(p.dr.Lines(view), "\n")
	return p.lastFrame
}

// graphWraps are the escape sequences around styled runs of a box, taken
// once from the editor's styles.
type graphWraps struct {
	sev      [4][2]string // by mark: the problems pane's severity colours
	selected [2]string
	cursor   [2]string
}

func wrapOf(st lipgloss.Style) [2]string {
	r := st.Render("X")
	i := strings.LastIndex(r, "X")
	if i < 0 {
		return [2]string{}
	}
	return [2]string{r[:i], r[i+1:]}
}

func (p *graphPane) styleWraps() *graphWraps {
	if p.wraps == nil {
		st := p.ctx.Styles
		w := &graphWraps{selected: wrapOf(st.Accent), cursor: wrapOf(st.Cursor)}
		for _, s := range []validate.Severity{validate.Info, validate.Warning, validate.Error} {
			w.sev[s] = wrapOf(st.Severity(s))
		}
		p.wraps = w
	}
	return p.wraps
}

func wrapIn(w [2]string, s string) string {
	if s == "" || w[0] == "" && w[1] == "" {
		return s
	}
	return w[0] + s + w[1]
}

// markGlyphs are the problems pane's severity marks, by draw.Mark.
var markGlyphs = [...]rune{draw.Info: '●', draw.Warning: '▲', draw.Error: '✖'}

// style is the drawing's style function: it gets one line of one box at a
// time (the cells of the box inside the view), top to bottom. It draws the
// severity mark in the left border of a marked box's two text lines (so it
// shows without colour too), colours marked boxes like the problems pane and
// the selected box in the accent colour, and reverses the label line of the
// node enter acts on.
func (p *graphPane) style(doc int, mark draw.Mark, selected bool, s string) string {
	f := &p.frame
	row := -1
	var b gl.Rect
	if doc >= 0 && p.dr != nil {
		b, _ = p.dr.Box(doc)
		k := f.rows[doc]
		f.rows[doc] = k + 1
		row = max(b.Y, f.view.Y) + k - b.Y
	}
	left := row >= 0 && b.X >= f.view.X
	right := row >= 0 && b.X+b.W <= f.view.X+f.view.W
	if mark > draw.None && (row == 1 || row == 2) && left {
		_, size := utf8.DecodeRuneInString(s)
		s = string(markGlyphs[min(mark, draw.Error)]) + s[size:]
	}
	w := p.styleWraps()
	base := [2]string{}
	switch {
	case mark > draw.None:
		base = w.sev[min(mark, draw.Error)]
	case selected:
		base = w.selected
	}
	if doc < 0 || doc != f.cursor || row != 1 {
		return wrapIn(base, s)
	}
	// The cursor: the text between the borders reversed.
	lo, hi := 0, len(s)
	if left {
		_, lo = utf8.DecodeRuneInString(s)
	}
	if right {
		_, size := utf8.DecodeLastRuneInString(s[lo:])
		hi -= size
	}
	return wrapIn(base, s[:lo]) + wrapIn(w.cursor, s[lo:hi]) + wrapIn(base, s[hi:])
}
