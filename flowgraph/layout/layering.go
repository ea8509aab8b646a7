package layout

// Layering: merge parallel edges into groups, find the edges that close cycles
// with a depth-first search from the root, and give every node a layer by
// longest path on the acyclic graph that remains once those edges are turned
// round. Nodes not reachable from the root get layers below the reachable part.

// group is one drawn edge: all input edges with the same From and To.
type group struct {
	from, to int
	edges    []int
	label    string
	back     bool // drawn upwards (from is below to)
	stub     bool // too long: drawn as a stub
	firstSeg int  // its segments are segs[firstSeg : firstSeg+nseg], top to bottom
	nseg     int
}

// top and bottom are the group's ends in layer order.
func (g *group) top() int {
	if g.back {
		return g.to
	}
	return g.from
}

func (g *group) bottom() int {
	if g.back {
		return g.from
	}
	return g.to
}

// selfGroup is all self-loops of one node.
type selfGroup struct {
	node  int
	edges []int
	label string
}

// seg is one step of a group between adjacent layers: u above, v below.
type seg struct{ u, v, g int }

type builder struct {
	n       int
	nodes   []Node
	root    int
	groups  []group
	selfs   []selfGroup
	selfOf  []int // per node: index into selfs, or -1
	routeOf []int // per input edge: group index, or -2-self index, or -1

	outOff, outList []int // groups leaving each node (CSR)
	reach           []bool

	// Vertices 0..n-1 are nodes, n..nv-1 dummy points of long edges.
	nv            int
	layer         []int
	nLayers       int
	segs          []seg
	downOff, down []int // segments below each vertex (CSR)
	upOff, up     []int // segments above each vertex (CSR)
	boxW, fw      []int // box width; footprint: box, self-loop hook, label room

	layers    [][]int // vertices of each layer, left to right
	pos       []int   // index of each vertex in its layer
	x         []int   // left column of each vertex
	crossings int
	tracks    trackState // buffers reused by assignTracks
	// A segment s with dogCol[s] >= 0 leaves its track at that column, goes
	// down to track dogTrack[s] and ends from there (see dogleg).
	dogCol, dogTrack []int
	stubOff, stubs   []int // stub groups of each node (CSR), set by assignPorts
}

func newBuilder(g Graph) *builder {
	n := len(g.Nodes)
	b := &builder{n: n, nodes: make([]Node, n), root: -1, selfOf: make([]int, n)}
	if g.Root >= 0 && g.Root < n {
		b.root = g.Root
	}
	for i, nd := range g.Nodes {
		b.nodes[i] = Node{Label: clean(nd.Label), Sub: clean(nd.Sub)}
		b.selfOf[i] = -1
	}
	b.routeOf = make([]int, len(g.Edges))
	b.groups = make([]group, 0, len(g.Edges))
	index := make(map[[2]int]int, len(g.Edges))
	for i, e := range g.Edges {
		b.routeOf[i] = -1
		if e.From < 0 || e.From >= n || e.To < 0 || e.To >= n {
			continue
		}
		label := clean(e.Label)
		if e.From == e.To {
			s := b.selfOf[e.From]
			if s < 0 {
				s = len(b.selfs)
				b.selfOf[e.From] = s
				b.selfs = append(b.selfs, selfGroup{node: e.From})
			}
			b.selfs[s].label = joinLabel(b.selfs[s].label, label)
			b.routeOf[i] = -2 - s
			continue
		}
		k := [2]int{e.From, e.To}
		gi, ok := index[k]
		if !ok {
			gi = len(b.groups)
			index[k] = gi
			b.groups = append(b.groups, group{from: e.From, to: e.To})
		}
		b.groups[gi].label = joinLabel(b.groups[gi].label, label)
		b.routeOf[i] = gi
	}
	// The edges of each group and self group, in one array.
	ng := len(b.groups)
	off, list := csr(ng+len(b.selfs), len(g.Edges), func(yield func(int, int)) {
		for i, r := range b.routeOf {
			switch {
			case r >= 0:
				yield(r, i)
			case r <= -2:
				yield(ng-2-r, i)
			}
		}
	})
	for gi := range b.groups {
		b.groups[gi].edges = list[off[gi]:off[gi+1]:off[gi+1]]
	}
	for s := range b.selfs {
		b.selfs[s].edges = list[off[ng+s]:off[ng+s+1]:off[ng+s+1]]
	}
	b.outOff, b.outList = csr(n, len(b.groups), func(yield func(int, int)) {
		for gi := range b.groups {
			yield(b.groups[gi].from, gi)
		}
	})
	return b
}

// csr builds a compressed adjacency: list[off[v]:off[v+1]] holds the items
// that each(yield) gave for v, in the order given.
func csr(n, m int, each func(yield func(v, item int))) (off, list []int) {
	off = make([]int, n+1)
	each(func(v, _ int) { off[v+1]++ })
	for v := 0; v < n; v++ {
		off[v+1] += off[v]
	}
	list = make([]int, m)
	fill := append([]int(nil), off[:n]...)
	each(func(v, item int) { list[fill[v]] = item; fill[v]++ })
	return off, list
}

// breakCycles marks as back the groups that close a cycle in a DFS that starts
// at the root, then at unreachable nodes without incoming edges, then at any
// node left. Groups from the unreachable part into the reachable one are also
// back: the unreachable part is laid out below.
func (b *builder) breakCycles() {
	state := make([]uint8, b.n) // 0 new, 1 on the stack, 2 done
	type frame struct{ v, next int }
	var stack []frame
	dfs := func(s int) {
		state[s] = 1
		stack = append(stack[:0], frame{s, b.outOff[s]})
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.next == b.outOff[f.v+1] {
				state[f.v] = 2
				stack = stack[:len(stack)-1]
				continue
			}
			gi := b.outList[f.next]
			f.next++
			switch w := b.groups[gi].to; state[w] {
			case 0:
				state[w] = 1
				stack = append(stack, frame{w, b.outOff[w]})
			case 1:
				b.groups[gi].back = true
			}
		}
	}
	b.reach = make([]bool, b.n)
	if b.root >= 0 {
		dfs(b.root)
		for v := range b.reach {
			b.reach[v] = state[v] != 0
		}
	}
	indeg := make([]int, b.n)
	for gi := range b.groups {
		indeg[b.groups[gi].to]++
	}
	for pass := 0; pass < 2; pass++ {
		for v := 0; v < b.n; v++ {
			if state[v] == 0 && (pass == 1 || indeg[v] == 0) {
				dfs(v)
			}
		}
	}
	for gi := range b.groups {
		g := &b.groups[gi]
		if !b.reach[g.from] && b.reach[g.to] {
			g.back = true
		}
	}
}

// assignLayers gives each node its longest-path depth in the acyclic graph
// (groups turned top to bottom), with the unreachable part shifted below.
func (b *builder) assignLayers() {
	n := b.n
	b.layer = make([]int, n)
	indeg := make([]int, n)
	off, list := csr(n, len(b.groups), func(yield func(int, int)) {
		for gi := range b.groups {
			yield(b.groups[gi].top(), gi)
		}
	})
	for gi := range b.groups {
		indeg[b.groups[gi].bottom()]++
	}
	queue := make([]int, 0, n)
	for v := 0; v < n; v++ {
		if indeg[v] == 0 {
			queue = append(queue, v)
		}
	}
	done := 0
	for {
		for ; done < len(queue); done++ {
			u := queue[done]
			for _, gi := range list[off[u]:off[u+1]] {
				v := b.groups[gi].bottom()
				// An unreachable node counts depth inside the unreachable part only.
				if (b.reach[v] || !b.reach[u]) && b.layer[u]+1 > b.layer[v] {
					b.layer[v] = b.layer[u] + 1
				}
				if indeg[v]--; indeg[v] == 0 {
					queue = append(queue, v)
				}
			}
		}
		if len(queue) == n {
			break
		}
		// Unreachable in theory (the graph is acyclic); never loop forever.
		for v := 0; v < n; v++ {
			if indeg[v] > 0 {
				indeg[v] = 0
				queue = append(queue, v)
				break
			}
		}
	}
	maxReach := -1
	for v := 0; v < n; v++ {
		if b.reach[v] && b.layer[v] > maxReach {
			maxReach = b.layer[v]
		}
	}
	for v := 0; v < n; v++ {
		if !b.reach[v] {
			b.layer[v] += maxReach + 1
		}
		if b.layer[v]+1 > b.nLayers {
			b.nLayers = b.layer[v] + 1
		}
	}
}
