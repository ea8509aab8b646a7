package layout

import (
	"cmp"
	"slices"
)

// Routing. Each box side spreads its edge ends ("ports") over its width, sorted
// by where the other end is. Between two layers lies a channel:
//
//	row 0        stems leaving boxes above, ▲ of back edges
//	tracks       one row per track: the horizontal part of bent edges
//	label row    (only if needed) edge labels, right of their vertical
//	arrow row    ▼ of edges entering boxes below
//
// Bent edges get tracks by the constrained left-edge algorithm: edges leaving
// the same port share a track (a fork), edges whose horizontal parts overlap
// get different tracks, and an edge whose stem starts at column c is put above
// an edge ending at column c, so verticals never overlap.

type channel struct {
	tracks int
	label  bool
}

func (b *builder) route() *Layout {
	segA, segB, stubCol := b.assignPorts()
	segTrack := make([]int, len(b.segs))
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
	trackRow := func(s int) int { return bandTop[b.layer[b.segs[s].u]] + boxHeight + 1 + segTrack[s] }
	labelRow := func(l int) int { return bandTop[l] + boxHeight + 1 + chans[l].tracks }

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
	for gi := range b.groups {
		g := &b.groups[gi]
		r := Route{From: g.from, To: g.to, Edges: g.edges, Label: g.label, Back: g.back, Stub: g.stub}
		top := bandTop[b.layer[g.from]]
		switch {
		case g.stub && g.back:
			c := stubCol[gi]
			r.Points = []Point{{c, top}, {c, top - 1}}
			r.LabelAt = Point{c + 1, top - 1}
		case g.stub:
			c := stubCol[gi]
			r.Points = []Point{{c, top + boxHeight - 1}, {c, top + boxHeight}}
			r.LabelAt = Point{c + 1, top + boxHeight}
		default:
			r.Points = b.chainPoints(g, segA, segB, bandTop, trackRow)
			ls := g.firstSeg
			if g.back {
				ls += g.nseg - 1
			}
			r.LabelAt = Point{segB[ls] + 1, labelRow(b.layer[b.segs[ls].u])}
			// Second choice: right of the stem under the source (forward),
			// or right of the stem above the source (back).
			r.hasAlt = true
			if g.back {
				r.labelAlt = Point{segB[ls] + 1, top - 1}
			} else {
				r.labelAlt = Point{segA[ls] + 1, top + boxHeight}
			}
		}
		if g.stub {
			width = max(width, r.LabelAt.X+min(textWidth(g.label), maxEdgeLabel)+2+
				min(textWidth(b.nodes[g.to].Label), maxBoxText))
		} else if g.label != "" {
			width = max(width, r.LabelAt.X+min(textWidth(g.label), maxEdgeLabel))
		}
		out.Routes = append(out.Routes, r)
	}
	for _, s := range b.selfs {
		box := out.Boxes[s.node]
		right := box.X + box.W
		out.Routes = append(out.Routes, Route{
			From: s.node, To: s.node, Edges: s.edges, Label: s.label, Self: true,
			Points:  []Point{{right - 1, box.Y + 1}, {right + 1, box.Y + 1}, {right + 1, box.Y + 2}, {right, box.Y + 2}},
			LabelAt: Point{right + 3, box.Y + 1},
		})
	}
	for i, r := range out.routeOf {
		if r <= -2 {
			out.routeOf[i] = len(b.groups) + (-2 - r)
		}
	}
	out.Width = width
	return out
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
func (b *builder) chainPoints(g *group, segA, segB, bandTop []int, trackRow func(int) int) []Point {
	first := b.segs[g.firstSeg]
	start := bandTop[b.layer[first.u]] + boxHeight - 1 // bottom border of the top box
	if g.back {
		start++ // the ▲ cell below the top box
	}
	pts := []Point{{segA[g.firstSeg], start}}
	for s := g.firstSeg; s < g.firstSeg+g.nseg; s++ {
		a, c, v := segA[s], segB[s], b.segs[s].v
		if a != c {
			y := trackRow(s)
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
	pts = simplify(pts)
	if g.back {
		slices.Reverse(pts)
	}
	return pts
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

// assignPorts gives every segment its column at the upper end (segA) and at
// the lower end (segB), and every stub its column.
func (b *builder) assignPorts() (segA, segB, stubCol []int) {
	segA, segB = make([]int, len(b.segs)), make([]int, len(b.segs))
	stubCol = make([]int, len(b.groups))
	for s, sg := range b.segs {
		if sg.u >= b.n {
			segA[s] = b.x[sg.u]
		}
		if sg.v >= b.n {
			segB[s] = b.x[sg.v]
		}
	}
	stubOff, stubs := csr(b.n, len(b.groups), func(yield func(int, int)) {
		for gi := range b.groups {
			if b.groups[gi].stub {
				yield(b.groups[gi].from, gi)
			}
		}
	})
	type port struct{ key, seg, stub int }
	var side []port
	spread := func(v int, set func(p port, col int)) {
		slices.SortFunc(side, func(p, q port) int {
			return cmp.Or(cmp.Compare(p.key, q.key), cmp.Compare(p.seg, q.seg), cmp.Compare(p.stub, q.stub))
		})
		inner := b.boxW[v] - 2
		for j, p := range side {
			set(p, b.x[v]+1+(2*j+1)*inner/(2*len(side)))
		}
	}
	setBottom := func(p port, col int) {
		if p.seg >= 0 {
			segA[p.seg] = col
		} else {
			stubCol[p.stub] = col
		}
	}
	setTop := func(p port, col int) {
		if p.seg >= 0 {
			segB[p.seg] = col
		} else {
			stubCol[p.stub] = col
		}
	}
	for v := 0; v < b.n; v++ {
		for pass := 0; pass < 2; pass++ { // 0: bottom side, 1: top side
			side = side[:0]
			if pass == 0 {
				for _, s := range b.down[b.downOff[v]:b.downOff[v+1]] {
					side = append(side, port{b.anchor(b.segs[s].v), s, -1})
				}
			} else {
				for _, s := range b.up[b.upOff[v]:b.upOff[v+1]] {
					side = append(side, port{b.anchor(b.segs[s].u), s, -1})
				}
			}
			for _, gi := range stubs[stubOff[v]:stubOff[v+1]] {
				if b.groups[gi].back == (pass == 1) {
					side = append(side, port{b.anchor(b.groups[gi].to), -1, gi})
				}
			}
			if pass == 0 {
				spread(v, setBottom)
			} else {
				spread(v, setTop)
			}
		}
	}
	return segA, segB, stubCol
}
