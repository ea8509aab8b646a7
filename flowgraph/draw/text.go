package draw

import (
	"bufio"
	"io"
	"strings"

	"flowsmith/flowgraph"
	"flowsmith/flowgraph/layout"
)

// Drawing is a flow laid out in terminal cells (package layout), ready to draw
// whole or a viewport at a time. Build it once per edit; Select and Lines are
// cheap. Node numbers in its methods are indices in the document (d.Nodes);
// the "missing: ID" nodes have none (-1).
type Drawing struct {
	Layout *layout.Layout
	Graph  layout.Graph // what was laid out: node i is drawn in Layout.Boxes[i]

	nodes    []mnode // per layout node
	byDoc    []int   // document index → layout node, -1 when not drawn
	selected int     // layout node, -1
	focus    int     // layout node, -1
	opt      Options
}

// Build lays out d for opt (the neighbourhood of opt.Focus when set; an
// unknown focus is an *UnknownNodeError) and selects opt.Selected.
func Build(d *flowgraph.Document, opt Options) (*Drawing, error) {
	m, err := buildModel(d, opt)
	if err != nil {
		return nil, err
	}
	dr := &Drawing{Graph: m.graph(), nodes: m.nodes, selected: -1, focus: m.focus, opt: opt}
	dr.Layout = layout.Compute(dr.Graph)
	dr.byDoc = make([]int, len(d.Nodes))
	for i := range dr.byDoc {
		dr.byDoc[i] = -1
	}
	for i := range m.nodes {
		if doc := m.nodes[i].doc; doc >= 0 {
			dr.byDoc[doc] = i
		}
	}
	if opt.Selected != "" {
		dr.Select(d.NodeByID(opt.Selected))
	}
	return dr, nil
}

// Size is the size of the whole drawing in cells.
func (dr *Drawing) Size() (w, h int) { return dr.Layout.Width, dr.Layout.Height }

// Len is the number of boxes, "missing: ID" nodes included.
func (dr *Drawing) Len() int { return len(dr.nodes) }

// Doc is the document index of box i (-1 for a "missing: ID" node or an i
// out of range).
func (dr *Drawing) Doc(i int) int {
	if i < 0 || i >= len(dr.nodes) {
		return -1
	}
	return dr.nodes[i].doc
}

// Has reports whether the document's node doc is in the drawing.
func (dr *Drawing) Has(doc int) bool { return dr.node(doc) >= 0 }

func (dr *Drawing) node(doc int) int {
	if doc < 0 || doc >= len(dr.byDoc) {
		return -1
	}
	return dr.byDoc[doc]
}

// Box is where the document's node doc is drawn; ok is false when it is not
// in the drawing.
func (dr *Drawing) Box(doc int) (r layout.Rect, ok bool) {
	i := dr.node(doc)
	if i < 0 {
		return layout.Rect{}, false
	}
	return dr.Layout.Box(i), true
}

// NodeAt is the document index of the node drawn at cell (x, y), or -1 (no
// box there, or a "missing: ID" box).
func (dr *Drawing) NodeAt(x, y int) int { return dr.Doc(dr.Layout.NodeAt(x, y)) }

// Focus is the document index of the focus node, -1 without one.
func (dr *Drawing) Focus() int { return dr.Doc(dr.focus) }

// Select highlights the document's node doc (a double border; bold and
// reverse with Color); -1, or a node not in the drawing, selects none.
func (dr *Drawing) Select(doc int) { dr.selected = dr.node(doc) }

// Selected is the document index of the selected node, -1 for none.
func (dr *Drawing) Selected() int { return dr.Doc(dr.selected) }

// Center is the w×h viewport with the document's node doc in its middle,
// moved back inside the drawing where the drawing is larger than the view
// (the whole drawing's top left when doc is not drawn).
func (dr *Drawing) Center(doc, w, h int) layout.Rect {
	v := layout.Rect{W: w, H: h}
	b, ok := dr.Box(doc)
	if !ok {
		return v
	}
	v.X = clamp(b.X+b.W/2-w/2, 0, dr.Layout.Width-w)
	v.Y = clamp(b.Y+b.H/2-h/2, 0, dr.Layout.Height-h)
	return v
}

func clamp(v, lo, hi int) int {
	if hi < lo {
		return lo
	}
	return min(max(v, lo), hi)
}

// All draws the whole drawing.
func (dr *Drawing) All() []string {
	return dr.Lines(layout.Rect{W: dr.Layout.Width, H: dr.Layout.Height})
}

// Lines draws the cells of view (view.H lines of view.W cells; cells outside
// the drawing are blank), styled as the options say.
func (dr *Drawing) Lines(view layout.Rect) []string {
	ro := layout.RenderOptions{ASCII: dr.opt.ASCII}
	if dr.selected >= 0 || dr.opt.Style != nil || dr.opt.Color && dr.anyMark() {
		ro.Style = dr.styler(view)
	}
	return dr.Layout.RenderRect(view, ro)
}

func (dr *Drawing) anyMark() bool {
	for i := range dr.nodes {
		if dr.nodes[i].mark > None {
			return true
		}
	}
	return false
}

// styler returns the layout style function for one RenderRect of view. The
// layout calls it once per line of each box inside the view, top to bottom,
// with the box's cells of that line; that is how the selected box's border
// lines are told from its text lines.
func (dr *Drawing) styler(view layout.Rect) func(int, string) string {
	sel := dr.selected
	var box layout.Rect
	var top, bottom int
	var left, right bool
	if sel >= 0 {
		box = dr.Layout.Box(sel)
		top, bottom = max(box.Y, view.Y), min(box.Y+box.H, view.Y+view.H)
		left = box.X >= view.X && box.X < view.X+view.W
		r := box.X + box.W - 1
		right = r >= view.X && r < view.X+view.W
	}
	row := 0
	return func(node int, s string) string {
		if node < 0 || node >= len(dr.nodes) {
			return s
		}
		selected := node == sel
		if selected {
			if y := top + row; y < bottom {
				s = doubleBorder(s, y == box.Y || y == box.Y+box.H-1, left, right, dr.opt.ASCII)
			}
			row++
		}
		n := &dr.nodes[node]
		switch {
		case dr.opt.Style != nil:
			return dr.opt.Style(n.doc, n.mark, selected, s)
		case dr.opt.Color:
			return sgr(n.mark, selected, s)
		}
		return s
	}
}

var doubleGlyphs = map[rune]rune{
	'┌': '╔', '┐': '╗', '└': '╚', '┘': '╝', '─': '═', '│': '║',
	'┬': '╤', '┴': '╧', '├': '╟', '┤': '╢', '┼': '╪',
}

var asciiDouble = map[rune]rune{'+': '#', '-': '=', '|': '#'}

// doubleBorder redraws the border cells of one line of a box with double
// lines (ASCII: # and =): every cell of the top and bottom lines, the first and
// last cell of the others when the left and right borders are in view.
func doubleBorder(s string, edge, left, right, ascii bool) string {
	table := doubleGlyphs
	if ascii {
		table = asciiDouble
	}
	rs := []rune(s)
	swap := func(i int) {
		if d, ok := table[rs[i]]; ok {
			rs[i] = d
		}
	}
	switch {
	case len(rs) == 0:
		return s
	case edge:
		for i := range rs {
			swap(i)
		}
	default:
		if left {
			swap(0)
		}
		if right {
			swap(len(rs) - 1)
		}
	}
	return string(rs)
}

// ANSI styles of Color, the colours of validate's text reports.
const (
	sgrReset   = "\x1b[0m"
	sgrError   = "1;31"
	sgrWarning = "1;33"
	sgrInfo    = "36"
)

var sgrMarks = [...]string{None: "", Info: sgrInfo, Warning: sgrWarning, Error: sgrError}

func sgr(m Mark, selected bool, s string) string {
	code := sgrMarks[min(m, Error)]
	switch {
	case selected && code == "":
		code = "1;7"
	case selected:
		code += ";7"
	}
	if code == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + sgrReset
}

// Text writes the layered drawing of the flow, the one the editor shows
// (Build, then every line of All without trailing blanks). Boxes show the id
// and type; edges their labels; loops go back upwards.
func Text(w io.Writer, d *flowgraph.Document, opt Options) error {
	dr, err := Build(d, opt)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	for _, line := range dr.All() {
		bw.WriteString(strings.TrimRight(line, " "))
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
