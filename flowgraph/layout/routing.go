package layout

import "slices"

// Routing: rows and polylines. Every layer is a band of boxHeight rows (boxes
// are top-aligned; a dummy point is a vertical line through the band).
// Between two layers lies a channel:
//
//	row 0        stems leaving boxes above, ▲ of back edges, forward stubs
//	tracks       one row per track: the horizontal parts of bent edges
//	label row    (only if some label goes there) edge labels
//	arrow row    ▼ of edges entering boxes below, back stubs
//
// Ports (ports.go) fix the columns where segments start and end, tracks
// (tracks.go) the rows of their horizontal parts; here they become y
// positions and polylines. A back edge is routed like a forward one from its
// upper end to its lower end, then its points are reversed.

type channel struct {
	tracks int
	label  bool
}

func (b *builder) route() *Layout {
	segA, segB, stubCol := b.assignPorts()
	segTrack := make([]int, len(b.segs))
	b.dogCol, b.dogTrack = make([]int, len(b.segs)), make([]int, len(b.segs))
	for s := range b.dogCol {
		b.dogCol[s] = -1
	}
	chans := make([]channel, max(b.nLayers-1, 0))
	for l := range chans {
		chans[l].tracks = b.assignTracks(l, segA, segB, segTrack)
	}
	for gi := range b.groups {
		if g := &b.groups[gi]; !g.stub && g.label != "" {
			chans[b.layer[b.labelSeg(g).u]].label = true
		}
	}
	bandTop := make([]int, b.nLayers)
	height := 0
	for l := range bandTop {
		if l > 0 {
			c := chans[l-1]
			bandTop[l] = bandTop[l-1] + boxHeight + 2 + c.tracks + btoi(c.label)
		}
		height = bandTop[l] + boxHeight
	}
	trackRow := func(s, t int) int { return bandTop[b.layer[b.segs[s].u]] + boxHeight + 1 + t }

	out := &Layout{
		Height: height, Layers: b.nLayers, nodes: b.nodes, crossings: b.crossings,
		Boxes: make([]Rect, b.n), Layer: b.layer[:b.n:b.n], routeOf: b.routeOf,
		Routes: make([]Route, 0, len(b.groups)+len(b.selfs)),
	}
	width := 0
	for v := 0; v < b.nv; v++ {
		width = max(width, b.x[v]+b.fw[v])
		if v < b.n {
			out.Boxes[v] = Rect{b.x[v], bandTop[b.layer[v]], b.boxW[v], boxHeight}
		}
	}
	pool := make([]Point, 0, 4*len(b.groups)+len(b.segs))
	for gi := range b.groups {
		g := &b.groups[gi]
		r := Route{From: g.from, To: g.to, Edges: g.edges, Label: g.label, Back: g.back, Stub: g.stub}
		top := bandTop[b.layer[g.from]]
		switch c := stubCol[gi]; {
		case g.stub && g.back: // up from the top side
			r.Points = []Point{{c, top}, {c, top - 1}}
		case g.stub: // down from the bottom side
			r.Points = []Point{{c, top + boxHeight - 1}, {c, top + boxHeight}}
		default:
			r.Points, pool = b.chainPoints(pool, g, segA, segB, segTrack, bandTop, trackRow)
		}
		out.Routes = append(out.Routes, r)
	}
	for _, s := range b.selfs {
		box := out.Boxes[s.node]
		right := box.X + box.W
		out.Routes = append(out.Routes, Route{
			From: s.node, To: s.node, Edges: s.edges, Label: s.label, Self: true,
			Points:    []Point{{right - 1, box.Y + 1}, {right + 1, box.Y + 1}, {right + 1, box.Y + 2}, {right, box.Y + 2}},
			LabelAt:   Point{right + 3, box.Y + 1},
			labelRoom: min(textWidth(s.label), maxEdgeLabel),
		})
	}
	for i, r := range out.routeOf {
		if r <= -2 {
			out.routeOf[i] = len(b.groups) + (-2 - r)
		}
	}
	b.placeLabels(out.Routes, chans, bandTop, segA, segB, stubCol)
	out.routeBox = make([]Rect, len(out.Routes))
	for i := range out.Routes {
		r := &out.Routes[i]
		out.routeBox[i] = routeBox(r)
		if r.labelRoom > 0 {
			width = max(width, r.LabelAt.X+r.labelRoom)
		}
	}
	out.Width = width
	return out
}

// routeBox bounds the cells a route may draw on, its label included.
func routeBox(r *Route) Rect {
	lo, hi := r.LabelAt, r.LabelAt
	hi.X += max(r.labelRoom-1, 0)
	for _, p := range r.Points {
		lo = Point{min(lo.X, p.X), min(lo.Y, p.Y)}
		hi = Point{max(hi.X, p.X), max(hi.Y, p.Y)}
	}
	return Rect{lo.X, lo.Y, hi.X - lo.X + 1, hi.Y - lo.Y + 1}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// labelSeg is the segment whose channel carries the group's label: the one
// next to its source.
func (b *builder) labelSeg(g *group) seg {
	if g.back {
		return b.segs[g.firstSeg+g.nseg-1]
	}
	return b.segs[g.firstSeg]
}

// chainPoints is the polyline of a drawn group, from its From box to its To box.
// The points are appended to pool (one backing array for all routes); it
// returns the points and the grown pool.
func (b *builder) chainPoints(pool []Point, g *group, segA, segB, segTrack, bandTop []int, trackRow func(s, t int) int) ([]Point, []Point) {
	first := b.segs[g.firstSeg]
	start := bandTop[b.layer[first.u]] + boxHeight - 1 // bottom border of the top box
	if g.back {
		start++ // the ▲ cell below the top box
	}
	from := len(pool)
	pts := append(pool, Point{segA[g.firstSeg], start})
	for s := g.firstSeg; s < g.firstSeg+g.nseg; s++ {
		a, c, v := segA[s], segB[s], b.segs[s].v
		switch y := trackRow(s, segTrack[s]); {
		case a == c:
		case b.dogCol[s] >= 0:
			m, y2 := b.dogCol[s], trackRow(s, b.dogTrack[s])
			pts = append(pts, Point{a, y}, Point{m, y}, Point{m, y2}, Point{c, y2})
		default:
			pts = append(pts, Point{a, y}, Point{c, y})
		}
		switch top := bandTop[b.layer[v]]; {
		case v >= b.n:
			pts = append(pts, Point{c, top + boxHeight - 1}) // through the dummy's band
		case g.back:
			pts = append(pts, Point{c, top}) // top border of the source box
		default:
			pts = append(pts, Point{c, top - 1}) // the ▼ cell above the target box
		}
	}
	pool = pts
	pts = simplify(pts[from:])
	if g.back {
		slices.Reverse(pts)
	}
	pool = pool[:from+len(pts)]
	return pts[:len(pts):len(pts)], pool
}

// simplify drops repeated points and middle points of straight runs.
func simplify(pts []Point) []Point {
	out := pts[:0]
	for _, p := range pts {
		if k := len(out); k > 0 && out[k-1] == p {
			continue
		}
		if k := len(out); k >= 2 {
			a, m := out[k-2], out[k-1]
			if (a.X == m.X && m.X == p.X) || (a.Y == m.Y && m.Y == p.Y) {
				out[k-1] = p
				continue
			}
		}
		out = append(out, p)
	}
	return out
}
