package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"flowsmith/examples"
	fg "flowsmith/flowgraph"
	"flowsmith/flowgraph/flowgen"
)

// graphOf opens src in the editor and returns the model and its graph pane,
// focused, with content w×h (as the editor would size it).
func graphOf(t testing.TB, opts Options, src []byte, w, h int) (Model, *graphPane) {
	t.Helper()
	if opts.Path == "" {
		opts.Path = "flow.json"
	}
	opts.Src, opts.Dark = src, true
	m := New(opts)
	m.Update(tea.WindowSizeMsg{Width: 140, Height: 45})
	p := m.panes[paneGraph].(*graphPane)
	p.SetSize(w, h)
	p.Focus()
	p.View()
	return m, p
}

func (p *graphPane) press(keys ...string) *graphPane {
	for _, k := range keys {
		p.Update(keyMsg(k))
	}
	return p
}

// plain is the pane's content without colours.
func (p *graphPane) plain() string { return ansi.Strip(p.View()) }

// screen is the pane in its box at the given size, as the editor draws it.
func (p *graphPane) screen(w, h int) string {
	return ansi.Strip(box(p.ctx.Styles, "5 Graph", p.Info(), p.View(), w, h, true))
}

func selectID(t *testing.T, c *Context, id string) int {
	t.Helper()
	i := c.Doc.NodeByID(id)
	if i < 0 {
		t.Fatalf("no node %q", id)
	}
	c.Select(i)
	return i
}

// boxInView is where node i's box is in the pane's content.
func boxInView(t *testing.T, p *graphPane, i int) (x, y, w, h int) {
	t.Helper()
	p.sync()
	b, ok := p.dr.Box(i)
	if !ok {
		t.Fatalf("node %d is not drawn", i)
	}
	return b.X - p.vx, b.Y - p.vy, b.W, b.H
}

func TestGraphCentresSelection(t *testing.T) {
	m, p := graphOf(t, Options{}, flowgen.Flow(50), 60, 20)
	c := m.ctx
	for _, id := range []string{"greeting_10", "liveness_3", "greeting_20"} {
		i := selectID(t, c, id)
		v := p.plain()
		x, y, w, h := boxInView(t, p, i)
		if mx, my := x+w/2, y+h/2; mx != 30 || my != 10 {
			t.Errorf("%s: box middle at (%d,%d) of the view, want (30,10)", id, mx, my)
		}
		if !strings.Contains(lines(v)[y+1], "║ "+id) {
			t.Errorf("%s: not drawn selected (double border) at line %d:\n%s", id, y+1, v)
		}
		if p.dr.Selected() != i {
			t.Errorf("%s: drawing selects %d", id, p.dr.Selected())
		}
	}
}

func TestGraphPan(t *testing.T) {
	m, p := graphOf(t, Options{}, flowgen.Flow(50), 60, 20)
	sel := selectID(t, m.ctx, "greeting_10")
	p.View()
	x0, y0 := p.vx, p.vy
	before := p.plain()
	steps := []struct {
		key    string
		dx, dy int
	}{
		{"l", 4, 0}, {"right", 4, 0}, {"h", -4, 0}, {"left", -4, 0},
		{"j", 0, 2}, {"down", 0, 2}, {"k", 0, -2}, {"up", 0, -2},
		{"L", 30, 0}, {"shift+left", -30, 0}, {"J", 0, 10}, {"shift+up", 0, -10},
		{"pgdown", 0, 18}, {"pgup", 0, -18},
	}
	for _, s := range steps {
		x, y := p.vx, p.vy
		p.press(s.key)
		if p.vx-x != s.dx || p.vy-y != s.dy {
			t.Errorf("%s moved the view by (%d,%d), want (%d,%d)", s.key, p.vx-x, p.vy-y, s.dx, s.dy)
		}
	}
	if p.vx != x0 || p.vy != y0 {
		t.Fatalf("view at (%d,%d) after a round trip, want (%d,%d)", p.vx, p.vy, x0, y0)
	}
	p.press("j", "j")
	if p.plain() == before {
		t.Error("panning down did not change the frame")
	}
	if got := lines(p.plain())[0]; got != lines(before)[4] {
		t.Errorf("after 4 rows down the first line is %q, want %q", got, lines(before)[4])
	}
	// The view stops at the drawing's edges.
	for range 100 {
		p.press("h", "k")
	}
	if p.vx != 0 || p.vy != 0 {
		t.Errorf("view at (%d,%d) after panning far up-left, want (0,0)", p.vx, p.vy)
	}
	// The wheel scrolls vertically.
	p.Scroll(2)
	if p.vx != 0 || p.vy != 2*wheelRows {
		t.Errorf("wheel: view at (%d,%d), want (0,%d)", p.vx, p.vy, 2*wheelRows)
	}
	// g centres the selection again; the selection itself never moved.
	p.press("g")
	p.View()
	if p.vx != x0 || p.vy != y0 || m.ctx.SelectedIndex() != sel {
		t.Errorf("g: view at (%d,%d) selection %d, want (%d,%d) %d", p.vx, p.vy, m.ctx.SelectedIndex(), x0, y0, sel)
	}
}

func TestGraphSmallDrawingIsCentred(t *testing.T) {
	_, p := graphOf(t, Options{}, examples.Sample(), 138, 43)
	w, _ := p.dr.Size()
	if w >= 138 {
		t.Skipf("sample drawing is %d wide", w)
	}
	p.View()
	x := p.vx
	if x != -(138-w)/2 {
		t.Errorf("view x %d, want %d (drawing centred)", x, -(138-w)/2)
	}
	p.press("l", "h")
	if p.vx != x {
		t.Errorf("a drawing narrower than the view pans sideways: x %d → %d", x, p.vx)
	}
}

func TestGraphFollowsSelectionAfterPan(t *testing.T) {
	m, p := graphOf(t, Options{}, flowgen.Flow(50), 60, 20)
	selectID(t, m.ctx, "greeting_3")
	p.View()
	p.press("j", "j", "j", "l")
	if !p.panned {
		t.Fatal("not panned")
	}
	i := selectID(t, m.ctx, "liveness_12") // chosen in the nodes list, say
	p.View()
	if p.panned || p.centred != i {
		t.Fatalf("selection elsewhere did not re-centre: panned %v centred %d", p.panned, p.centred)
	}
	x, y, w, h := boxInView(t, p, i)
	if x+w/2 != 30 || y+h/2 != 10 {
		t.Errorf("box middle at (%d,%d), want (30,10)", x+w/2, y+h/2)
	}
}

// Findings that arrive later (or an edit elsewhere) redraw the graph without
// moving a view the user panned; a new selection still re-centres.
func TestGraphKeepsPanAcrossVersions(t *testing.T) {
	m, p := graphOf(t, Options{}, flowgen.Flow(50), 60, 20)
	c := m.ctx
	selectID(t, c, "greeting_8")
	p.View()
	p.press("J", "l")
	x, y, pointed, dr := p.vx, p.vy, p.pointed, p.dr
	c.generation++ // what receiveFindings does
	p.View()
	if p.dr == dr || p.vx != x || p.vy != y || !p.panned || p.pointed != pointed {
		t.Errorf("new version: rebuilt %v, view (%d,%d) want (%d,%d), panned %v, pointed %d want %d",
			p.dr != dr, p.vx, p.vy, x, y, p.panned, p.pointed, pointed)
	}
	p.press("-") // a new mode re-centres
	p.View()
	if p.panned {
		t.Error("a new mode kept the pan")
	}
}

func TestGraphModes(t *testing.T) {
	m, p := graphOf(t, Options{}, flowgen.Flow(50), 138, 43)
	c := m.ctx
	selectID(t, c, "greeting_10")
	total := len(c.Doc.Nodes)
	if !strings.HasPrefix(p.Info(), "whole flow · 49 nodes") || p.dr.Len() < total {
		t.Fatalf("a 50-node flow starts whole: %q, %d boxes", p.Info(), p.dr.Len())
	}
	shown := func() int {
		n := 0
		for i := range p.dr.Len() {
			if p.dr.Doc(i) >= 0 {
				n++
			}
		}
		return n
	}
	// - goes to the neighbourhood (2 hops), then narrower.
	p.press("-")
	if got := p.Info(); got != "2 hops around greeting_10 · 6 of 49 nodes" {
		t.Errorf("after -: %q", got)
	}
	two := shown()
	if two >= total || p.dr.Focus() != c.SelectedIndex() {
		t.Errorf("2 hops shows %d of %d nodes, focus %d", two, total, p.dr.Focus())
	}
	p.press("-")
	if got := p.Info(); !strings.HasPrefix(got, "1 hop around greeting_10 · ") || shown() >= two {
		t.Errorf("after - -: %q, %d nodes (2 hops: %d)", got, shown(), two)
	}
	p.press("-") // already the smallest
	if p.whole || p.hops != 1 || !strings.Contains(c.lastMessage, "nearest neighbours") {
		t.Errorf("- at 1 hop: whole %v hops %d message %q", p.whole, p.hops, c.lastMessage)
	}
	// + widens step by step, then shows the whole flow.
	last := shown()
	for k := 0; !p.whole; k++ {
		if k > len(hopLevels) {
			t.Fatal("+ never reaches the whole flow")
		}
		p.press("+")
		p.View()
		if n := shown(); n <= last {
			t.Fatalf("+ to %q shows %d nodes, not more than %d", p.Info(), n, last)
		} else {
			last = n
		}
	}
	if !strings.HasPrefix(p.Info(), "whole flow") || shown() != total {
		t.Errorf("+ ends on the whole flow: %q, %d nodes", p.Info(), shown())
	}
	p.press("+")
	if !p.whole || !strings.Contains(c.lastMessage, "whole flow") {
		t.Errorf("+ on the whole flow: whole %v message %q", p.whole, c.lastMessage)
	}
	// = and _ are + and - without shift.
	p.press("_")
	if p.whole {
		t.Error("_ did not narrow")
	}
	h := p.hops
	p.press("=")
	if p.View(); !p.whole && p.hops <= h {
		t.Errorf("= did not widen: whole %v hops %d (before: %d)", p.whole, p.hops, h)
	}
}

// + and - skip levels that would show the same nodes.
func TestGraphModesSkipEqualLevels(t *testing.T) {
	m, p := graphOf(t, Options{}, flowgen.Flow(50), 138, 43)
	c := m.ctx
	// end_unverified's only neighbour is a hub (every block links to it), so
	// every hop level shows the same two nodes.
	selectID(t, c, "end_unverified")
	p.press("-")
	if p.whole || p.hops != defaultHops {
		t.Fatalf("- from the whole flow: whole %v hops %d", p.whole, p.hops)
	}
	p.press("-")
	if p.hops != defaultHops || !strings.Contains(c.lastMessage, "nearest neighbours") {
		t.Errorf("- to a level showing the same nodes: hops %d, message %q", p.hops, c.lastMessage)
	}
	p.press("+")
	if !p.whole {
		t.Errorf("+ stopped at %d hops, which shows no more nodes", p.hops)
	}
	// In the sample, 3 hops around liveness reach every node: + from 2 hops
	// goes straight to the whole flow.
	m, p = graphOf(t, Options{}, examples.Sample(), 138, 43)
	selectID(t, m.ctx, "liveness")
	p.press("-")
	if got := p.Info(); got != "2 hops around liveness · 10 of 11 nodes" {
		t.Errorf("sample, -: %q", got)
	}
	p.press("+")
	if got := p.Info(); got != "whole flow · 11 nodes" {
		t.Errorf("sample, - +: %q", got)
	}
}

func TestGraphNeighbourhoodFollowsSelection(t *testing.T) {
	m, p := graphOf(t, Options{}, flowgen.Flow(50), 138, 43)
	selectID(t, m.ctx, "greeting_3")
	p.press("-")
	p.View()
	if p.key.focus != "greeting_3" {
		t.Fatalf("focus %q", p.key.focus)
	}
	i := selectID(t, m.ctx, "liveness_15")
	v := p.plain()
	if p.key.focus != "liveness_15" || p.dr.Focus() != i || !strings.Contains(v, "║ liveness_15") || strings.Contains(v, "greeting_3 ") {
		t.Errorf("neighbourhood did not move to the new selection (focus %q):\n%s", p.key.focus, v)
	}
}

func TestGraphLargeFlowStartsOnNeighbourhood(t *testing.T) {
	_, p := graphOf(t, Options{}, flowgen.Flow(1000), 138, 43)
	p.View()
	if p.whole || p.key.focus == "" || p.key.hops != defaultHops {
		t.Errorf("a 1000-node flow starts whole=%v focus=%q hops=%d", p.whole, p.key.focus, p.key.hops)
	}
}

func TestGraphEnter(t *testing.T) {
	m, p := graphOf(t, Options{}, flowgen.Flow(50), 60, 20)
	c := m.ctx
	sel := selectID(t, c, "greeting_10")
	p.View()
	// Not panned: enter acts on the selection and asks for the editor.
	p.press("enter")
	if c.wantFocus != paneEditor || c.SelectedIndex() != sel {
		t.Fatalf("enter on the selection: want focus %d, selection %d", c.wantFocus, c.SelectedIndex())
	}
	c.wantFocus = -1
	// Panned down: enter selects the node nearest the middle of the view.
	p.press("J", "J")
	target := p.pointed
	if target < 0 || target == sel {
		t.Fatalf("pointed %d after panning (selection %d)", target, sel)
	}
	id := c.Doc.Nodes[target].ID
	if info := p.Info(); !strings.HasSuffix(info, "enter: "+id) {
		t.Errorf("info %q does not name %s", info, id)
	}
	if x, y, w, h := boxInView(t, p, target); x+w <= 0 || x >= 60 || y+h <= 0 || y >= 20 {
		t.Errorf("pointed box at (%d,%d) %dx%d is not in view", x, y, w, h)
	}
	if v := p.View(); !strings.Contains(v, ansiReverse(c)) {
		t.Error("the pointed node is not drawn with the cursor")
	}
	p.press("enter")
	if c.SelectedIndex() != target || c.wantFocus != -1 {
		t.Fatalf("enter selected %d (want %d), focus request %d", c.SelectedIndex(), target, c.wantFocus)
	}
	p.View()
	if p.panned || p.pointed != target {
		t.Error("the view did not re-centre on the new selection")
	}
	p.press("enter")
	if c.wantFocus != paneEditor {
		t.Error("second enter did not open the editor")
	}
}

func ansiReverse(c *Context) string {
	w := wrapOf(c.Styles.Cursor)
	return w[0]
}

func TestGraphEnterThroughEditor(t *testing.T) {
	x, _ := sample(t, 140, 45)
	x.press("5")
	if x.m.focus != paneGraph {
		t.Fatalf("focus %d", x.m.focus)
	}
	x.press("l", "j", "+", "-", "h", "k", "g") // reach the pane, not global keys
	if x.m.focus != paneGraph {
		t.Fatalf("graph keys moved the focus to %d", x.m.focus)
	}
	x.press("enter")
	if x.m.focus != paneEditor {
		t.Errorf("enter on the selected node: focus %d, want the editor", x.m.focus)
	}
}

func TestGraphClick(t *testing.T) {
	m, p := graphOf(t, Options{Path: "d.json"}, brokenSrc(t, "dangling-target.json"), 138, 43)
	c := m.ctx
	selectID(t, c, "start")
	p.View()
	i := c.Doc.NodeByID("closing_success")
	x, y, w, h := boxInView(t, p, i)
	p.Click(x+w-1, y+h-1) // the bottom right corner belongs to the box
	if c.SelectedIndex() != i {
		t.Fatalf("click selected %d, want %d", c.SelectedIndex(), i)
	}
	p.View()
	if p.centred != i {
		t.Error("the graph did not centre the clicked node")
	}
	// Nothing there: nothing happens.
	p.Click(0, 0)
	if c.SelectedIndex() != i {
		t.Errorf("click on empty cells selected %d", c.SelectedIndex())
	}
	// The box of a missing target explains itself.
	found := false
	for b := range p.dr.Len() {
		if p.dr.Doc(b) >= 0 {
			continue
		}
		r := p.dr.Layout.Box(b)
		p.Click(r.X-p.vx+1, r.Y-p.vy+1)
		found = true
	}
	if !found || !strings.Contains(c.lastMessage, "no node has the id closing_unverifed") || c.SelectedIndex() != i {
		t.Errorf("click on the missing box: message %q, selection %d", c.lastMessage, c.SelectedIndex())
	}
}

func TestGraphClickThroughEditor(t *testing.T) {
	x, _ := sample(t, 140, 45)
	x.press("5")
	p := x.m.panes[paneGraph].(*graphPane)
	x.m.View()
	r := x.m.lay.side
	// The first drawn node box in the pane that is not selected.
	for dy := 0; dy < p.h; dy++ {
		for dx := 0; dx < p.w; dx++ {
			i := p.dr.NodeAt(p.vx+dx, p.vy+dy)
			if i < 0 || i == x.m.ctx.SelectedIndex() {
				continue
			}
			x.send(tea.MouseClickMsg{X: r.x + 1 + dx, Y: r.y + 1 + dy, Button: tea.MouseLeft})
			if x.m.ctx.SelectedIndex() != i {
				t.Fatalf("clicked node %d, selection %d", i, x.m.ctx.SelectedIndex())
			}
			return
		}
	}
	t.Fatal("no other node in view")
}

func TestGraphNoDocument(t *testing.T) {
	m, p := graphOf(t, Options{Path: "bad.json"}, []byte("[\n  {\"id\": \"start\",\n   \"type\": \"start\" \"outcome\": \"x\"}\n]\n"), 60, 10)
	if m.ctx.Doc != nil {
		t.Fatal("the document parsed")
	}
	p.press("l", "+", "-", "enter")
	p.Click(3, 3)
	p.Scroll(1)
	if v := p.plain(); !strings.Contains(v, "could not be parsed") {
		t.Errorf("no message:\n%s", v)
	}
	if p.Info() != "" {
		t.Errorf("info %q", p.Info())
	}
	_, p = graphOf(t, Options{}, []byte("[]\n"), 60, 10)
	if v := p.plain(); !strings.Contains(v, "no nodes yet") {
		t.Errorf("empty flow:\n%s", v)
	}
}

// The layout is computed once per document version and mode: frames, panning
// and selection changes in the whole flow reuse it; an edit lays out again.
func TestGraphLayoutCachedPerGeneration(t *testing.T) {
	m, p := graphOf(t, Options{}, examples.Sample(), 100, 30)
	c := m.ctx
	p.View()
	dr := p.dr
	p.press("l", "j")
	selectID(t, c, "liveness")
	p.View()
	p.View()
	if p.dr != dr {
		t.Fatal("the drawing was rebuilt without an edit")
	}
	if err := c.Apply(fg.RenameNode("liveness", "face_check")); err != nil {
		t.Fatal(err)
	}
	c.SelectID("face_check")
	v := p.plain()
	if p.dr == dr || !strings.Contains(v, "║ face_check") || strings.Contains(v, "│ liveness ") {
		t.Errorf("the edit is not drawn:\n%s", v)
	}
}

func TestGraphHelp(t *testing.T) {
	_, p := graphOf(t, Options{}, examples.Sample(), 60, 20)
	var keys []string
	for _, b := range p.ShortHelp() {
		keys = append(keys, b.Help().Key)
	}
	if got := strings.Join(keys, " "); got != "hjkl +/- enter g" {
		t.Errorf("short help keys %q", got)
	}
	if n := len(graphHelp(DefaultKeyMap())); n != 6 {
		t.Errorf("graphHelp has %d bindings", n)
	}
}
