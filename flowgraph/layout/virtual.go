package layout

// Virtual points: an edge that spans several layers passes through one dummy
// point per layer in between, so that it is ordered and placed like a narrow
// node and routed between boxes, never through them. The total number of
// dummy points is capped (longest edges first to go): an edge over the budget
// is drawn as a stub naming its target, which keeps huge graphs near-linear.

// dummyBudget is how many dummy points a graph may have.
func dummyBudget(nodes, groups int) int { return (nodes+groups)/4 + 2000 }

// buildChains creates the dummy points and the segments of every group, then
// the adjacency of the layered graph and the widths of the boxes.
func (b *builder) buildChains() {
	// Shortest groups first (counting sort by span), until the budget is spent.
	spanCount := make([]int, b.nLayers+2)
	span := func(g *group) int {
		s := b.layer[g.bottom()] - b.layer[g.top()]
		if s < 1 || s > b.nLayers {
			return 0 // cannot happen; drawn as a stub
		}
		return s
	}
	for gi := range b.groups {
		spanCount[span(&b.groups[gi])]++
	}
	budget := dummyBudget(b.n, len(b.groups))
	limit := b.nLayers + 1 // groups with span < limit get dummies
	for s, used := 1, 0; s <= b.nLayers; s++ {
		used += spanCount[s] * (s - 1)
		if used > budget {
			limit = s
			break
		}
	}
	dummies := 0
	for gi := range b.groups {
		g := &b.groups[gi]
		if s := span(g); s == 0 || s >= limit {
			g.stub = true
		} else {
			dummies += s - 1
		}
	}

	b.nv = b.n + dummies
	b.layer = append(b.layer, make([]int, dummies)...)
	b.segs = make([]seg, 0, dummies+len(b.groups))
	next := b.n
	for gi := range b.groups {
		g := &b.groups[gi]
		if g.stub {
			continue
		}
		g.firstSeg = len(b.segs)
		prev, bottom := g.top(), g.bottom()
		for l := b.layer[prev] + 1; l < b.layer[bottom]; l++ {
			b.layer[next] = l
			b.segs = append(b.segs, seg{prev, next, gi})
			prev = next
			next++
		}
		b.segs = append(b.segs, seg{prev, bottom, gi})
		g.nseg = len(b.segs) - g.firstSeg
	}
	b.downOff, b.down = csr(b.nv, len(b.segs), func(yield func(int, int)) {
		for si, s := range b.segs {
			yield(s.u, si)
		}
	})
	b.upOff, b.up = csr(b.nv, len(b.segs), func(yield func(int, int)) {
		for si, s := range b.segs {
			yield(s.v, si)
		}
	})
	b.sizeBoxes()
}

// sizeBoxes sets box widths (text plus padding, wider when a side has many
// ports) and footprints (box plus the self-loop hook and its label).
func (b *builder) sizeBoxes() {
	b.boxW = make([]int, b.nv)
	b.fw = make([]int, b.nv)
	ports := make([]int, 2*b.n) // stubs per node: [2v] bottom side, [2v+1] top side
	for gi := range b.groups {
		if g := &b.groups[gi]; g.stub {
			side := 0
			if g.back {
				side = 1
			}
			ports[2*g.from+side]++
		}
	}
	for v := 0; v < b.nv; v++ {
		if v >= b.n {
			b.boxW[v], b.fw[v] = 1, 1
			continue
		}
		nd := b.nodes[v]
		w := max(min(textWidth(nd.Label), maxBoxText), min(textWidth(nd.Sub), maxBoxText)) + 4
		bottom := b.downOff[v+1] - b.downOff[v] + ports[2*v]
		top := b.upOff[v+1] - b.upOff[v] + ports[2*v+1]
		w = max(w, min(2*max(bottom, top)+1, maxBoxWidth))
		b.boxW[v], b.fw[v] = w, w
		if s := b.selfOf[v]; s >= 0 {
			b.fw[v] += 2
			if lw := textWidth(b.selfs[s].label); lw > 0 {
				b.fw[v] += 1 + min(lw, maxEdgeLabel)
			}
		}
	}
	// An edge label sits right of the edge's end above the vertex (see
	// route): keep room for it before the next vertex.
	for gi := range b.groups {
		g := &b.groups[gi]
		if g.stub || g.label == "" {
			continue
		}
		v := b.labelSeg(g).v
		b.fw[v] = max(b.fw[v], b.boxW[v]/2+2+min(textWidth(g.label), maxEdgeLabel))
	}
}
