package layout

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// randomGraph makes a small messy graph: random edges (some out of range,
// self-loops, duplicates), random root (sometimes invalid), labels of any size.
func randomGraph(r *rand.Rand) Graph {
	n := r.IntN(40)
	g := Graph{Root: r.IntN(n+3) - 2}
	for i := 0; i < n; i++ {
		label := fmt.Sprintf("n%d", i)
		if r.IntN(8) == 0 {
			label = strings.Repeat("long", 1+r.IntN(20))
		}
		g.Nodes = append(g.Nodes, Node{Label: label, Sub: nodeTypes[r.IntN(len(nodeTypes))]})
	}
	m := r.IntN(3*n + 2)
	for i := 0; i < m; i++ {
		e := Edge{From: r.IntN(n+2) - 1, To: r.IntN(n+2) - 1, Label: outcomeKeys[r.IntN(len(outcomeKeys))]}
		if r.IntN(4) == 0 && n > 0 { // mostly forward, like a flow
			e.From = r.IntN(n)
			e.To = min(n-1, e.From+1+r.IntN(3))
		}
		g.Edges = append(g.Edges, e)
		if r.IntN(10) == 0 {
			g.Edges = append(g.Edges, e) // duplicate
		}
	}
	return g
}

func TestInvariantsRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(42, 1))
	for i := 0; i < 400; i++ {
		g := randomGraph(r)
		l := Compute(g)
		if err := checkLayout(g, l); err != nil {
			t.Fatalf("graph %d: %v\n%s", i, err, strings.Join(l.Render(RenderOptions{ASCII: true}), "\n"))
		}
	}
}

func TestInvariantsFlowLike(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		g := flowLike(150, seed)
		if err := checkLayout(g, Compute(g)); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
	}
}

// checkLayout verifies what a layout promises; it returns the first problem.
func checkLayout(g Graph, l *Layout) error {
	n := len(g.Nodes)
	if len(l.Boxes) != n || len(l.Layer) != n {
		return fmt.Errorf("%d boxes, %d layers for %d nodes", len(l.Boxes), len(l.Layer), n)
	}
	all := Rect{0, 0, l.Width, l.Height}
	for i, b := range l.Boxes {
		if b.W < 4 || b.H != boxHeight || !all.Contains(b.X, b.Y) || !all.Contains(b.X+b.W-1, b.Y+b.H-1) {
			return fmt.Errorf("box %d = %+v outside %dx%d", i, b, l.Width, l.Height)
		}
		for j := 0; j < i; j++ {
			if b.Intersects(l.Boxes[j]) {
				return fmt.Errorf("boxes %d %+v and %d %+v overlap", i, b, j, l.Boxes[j])
			}
		}
	}
	if err := checkLayers(g, l); err != nil {
		return err
	}
	for e, edge := range g.Edges {
		valid := edge.From >= 0 && edge.From < n && edge.To >= 0 && edge.To < n
		ri := l.RouteOf(e)
		if !valid {
			if ri != -1 {
				return fmt.Errorf("invalid edge %d has route %d", e, ri)
			}
			continue
		}
		if ri < 0 || l.Routes[ri].From != edge.From || l.Routes[ri].To != edge.To {
			return fmt.Errorf("edge %d %+v: route %d wrong", e, edge, ri)
		}
	}
	for ri := range l.Routes {
		if err := checkRoute(l, ri); err != nil {
			return fmt.Errorf("route %d %+v: %v", ri, l.Routes[ri], err)
		}
	}
	if err := checkOverlaps(l); err != nil {
		return err
	}
	return checkRender(l)
}

// checkLayers: edges drawn down go to a lower layer, back edges up, and the
// part unreachable from the root lies below the reachable part.
func checkLayers(g Graph, l *Layout) error {
	for _, r := range l.Routes {
		lf, lt := l.Layer[r.From], l.Layer[r.To]
		switch {
		case r.Self:
		case r.Back && lf <= lt:
			return fmt.Errorf("back route %d->%d goes from layer %d to %d", r.From, r.To, lf, lt)
		case !r.Back && lf >= lt:
			return fmt.Errorf("forward route %d->%d goes from layer %d to %d", r.From, r.To, lf, lt)
		}
	}
	if g.Root < 0 || g.Root >= len(g.Nodes) {
		return nil
	}
	reach := make([]bool, len(g.Nodes))
	reach[g.Root] = true
	for changed := true; changed; {
		changed = false
		for _, e := range g.Edges {
			if e.From >= 0 && e.From < len(reach) && e.To >= 0 && e.To < len(reach) && reach[e.From] && !reach[e.To] {
				reach[e.To], changed = true, true
			}
		}
	}
	if l.Layer[g.Root] != 0 {
		return fmt.Errorf("root in layer %d", l.Layer[g.Root])
	}
	maxReach := 0
	for v, ok := range reach {
		if ok {
			maxReach = max(maxReach, l.Layer[v])
		}
	}
	for v, ok := range reach {
		if !ok && l.Layer[v] <= maxReach {
			return fmt.Errorf("unreachable node %d in layer %d, reachable part ends at %d", v, l.Layer[v], maxReach)
		}
	}
	return nil
}

// checkRoute: an orthogonal polyline that starts on the border of its From
// box, ends next to its To box, and crosses no box.
func checkRoute(l *Layout, ri int) error {
	r := l.Routes[ri]
	pts := r.Points
	if len(pts) < 2 {
		return fmt.Errorf("only %d points", len(pts))
	}
	from, to := l.Boxes[r.From], l.Boxes[r.To]
	onBorder := from.Contains(pts[0].X, pts[0].Y) && !(Rect{from.X + 1, from.Y + 1, from.W - 2, from.H - 2}).Contains(pts[0].X, pts[0].Y)
	if !onBorder {
		return fmt.Errorf("starts at %v, not on the border of %+v", pts[0], from)
	}
	end := pts[len(pts)-1]
	switch {
	case r.Stub:
	case r.Self:
		if end != (Point{to.X + to.W, to.Y + 2}) {
			return fmt.Errorf("self-loop ends at %v", end)
		}
	case r.Back:
		if end.Y != to.Y+to.H || end.X <= to.X || end.X >= to.X+to.W-1 {
			return fmt.Errorf("back arrow at %v, not under %+v", end, to)
		}
	default:
		if end.Y != to.Y-1 || end.X <= to.X || end.X >= to.X+to.W-1 {
			return fmt.Errorf("arrow at %v, not above %+v", end, to)
		}
	}
	for k := 1; k < len(pts); k++ {
		p, q := pts[k-1], pts[k]
		if p.X != q.X && p.Y != q.Y {
			return fmt.Errorf("diagonal step %v -> %v", p, q)
		}
		dx, dy := sign(q.X-p.X), sign(q.Y-p.Y)
		for c := p; ; c = (Point{c.X + dx, c.Y + dy}) {
			if c != pts[0] {
				if i := l.NodeAt(c.X, c.Y); i >= 0 {
					return fmt.Errorf("cell %v is on box %d %+v", c, i, l.Boxes[i])
				}
			}
			if c == q {
				break
			}
		}
	}
	return nil
}

func sign(x int) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

// checkOverlaps: two routes never run along the same stretch of cells,
// unless they start at the same port or end at the same arrow (a fork or a
// merge).
func checkOverlaps(l *Layout) error {
	type step struct{ a, b Point } // two neighbouring cells, a before b
	seen := map[step]int{}
	for ri, r := range l.Routes {
		for k := 1; k < len(r.Points); k++ {
			p, q := r.Points[k-1], r.Points[k]
			dx, dy := sign(q.X-p.X), sign(q.Y-p.Y)
			for c := p; c != q; c = (Point{c.X + dx, c.Y + dy}) {
				st := step{c, Point{c.X + dx, c.Y + dy}}
				if st.b.X < st.a.X || st.b.Y < st.a.Y {
					st.a, st.b = st.b, st.a
				}
				oi, ok := seen[st]
				if !ok {
					seen[st] = ri
					continue
				}
				o := l.Routes[oi]
				if oi != ri && o.Points[0] != r.Points[0] && o.Points[len(o.Points)-1] != r.Points[len(r.Points)-1] {
					return fmt.Errorf("routes %d and %d both run from %v to %v", oi, ri, st.a, st.b)
				}
			}
		}
	}
	return nil
}

// checkRender: the drawing has the layout's size, and a cropped view is the
// same as the matching part of the full drawing.
func checkRender(l *Layout) error {
	full := l.Render(RenderOptions{ASCII: true})
	if len(full) != l.Height {
		return fmt.Errorf("%d lines, height %d", len(full), l.Height)
	}
	for y, line := range full {
		if w := textWidth(line); w != l.Width {
			return fmt.Errorf("line %d is %d wide, want %d: %q", y, w, l.Width, line)
		}
	}
	if l.Width == 0 || l.Height == 0 {
		return nil
	}
	views := []Rect{
		{l.Width / 3, l.Height / 4, l.Width/2 + 1, l.Height/2 + 1},
		{-3, 1, l.Width/2 + 5, l.Height/3 + 1},
		{l.Width * 2 / 3, l.Height / 2, l.Width, 5},
	}
	for _, view := range views {
		part := l.RenderRect(view, RenderOptions{ASCII: true})
		for y, line := range part {
			want := strings.Repeat(" ", view.W)
			if row := view.Y + y; row >= 0 && row < len(full) {
				want = crop(full[row], view.X, view.W)
			}
			if line != want {
				return fmt.Errorf("view %+v line %d = %q, full drawing has %q", view, y, line, want)
			}
		}
	}
	return nil
}

// crop returns cells [x, x+w) of a drawn line; a wide rune cut in half
// becomes a blank.
func crop(line string, x, w int) string {
	var cells []string // a wide rune takes two cells: itself, then ""
	for _, r := range line {
		cells = append(cells, string(r))
		if runeWidth(r) == 2 {
			cells = append(cells, "")
		}
	}
	for ; x < 0; x++ { // outside the drawing: blanks
		cells = append([]string{" "}, cells...)
	}
	for len(cells) < x+w {
		cells = append(cells, " ")
	}
	cut := cells[x : x+w]
	var b strings.Builder
	for i, c := range cut {
		switch {
		case c == "" && i == 0, i == w-1 && c != "" && runeWidth([]rune(c)[0]) == 2:
			b.WriteByte(' ')
		default:
			b.WriteString(c)
		}
	}
	return b.String()
}
