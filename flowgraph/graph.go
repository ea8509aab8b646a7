package flowgraph

import "slices"

// Start returns the index of the first start node, or -1.
func (d *Document) Start() int {
	if len(d.starts) == 0 {
		return -1
	}
	return d.starts[0]
}

// Successors returns the distinct nodes a node links to, in outcome order.
// The slice is shared: read it, do not change it.
func (d *Document) Successors(i int) []int {
	a := d.adjacency()
	return a.succ[a.succAt[i]:a.succAt[i+1]:a.succAt[i+1]]
}

// Predecessors returns the distinct nodes that link to node i, in file order.
// The slice is shared: read it, do not change it.
func (d *Document) Predecessors(i int) []int {
	a := d.adjacency()
	return a.pred[a.predAt[i]:a.predAt[i+1]:a.predAt[i+1]]
}

// adjacency holds a document's links both ways in compressed rows: node i's
// successors are succ[succAt[i]:succAt[i+1]], its predecessors likewise. One
// index instead of a slice per node and call: the graph walks of a validation
// run (reachability both ways, speech paths) read it many times.
type adjacency struct {
	succAt, succ []int
	predAt, pred []int
}

// adjacency returns the index, built on the first call. Safe for concurrent
// use: a Document is read by concurrent validation workers.
func (d *Document) adjacency() *adjacency {
	d.adjOnce.Do(func() { d.adj = buildAdjacency(d.Nodes) })
	return &d.adj
}

func buildAdjacency(nodes []Node) adjacency {
	n, edges := len(nodes), 0
	for i := range nodes {
		edges += len(nodes[i].Edges)
	}
	a := adjacency{succAt: make([]int, n+1), succ: make([]int, 0, edges), predAt: make([]int, n+1)}
	for i := range nodes {
		row := len(a.succ)
		for _, e := range nodes[i].Edges {
			if e.To >= 0 && !slices.Contains(a.succ[row:], e.To) {
				a.succ = append(a.succ, e.To)
				a.predAt[e.To+1]++
			}
		}
		a.succAt[i+1] = len(a.succ)
	}
	for i := range n {
		a.predAt[i+1] += a.predAt[i]
	}
	a.pred = make([]int, len(a.succ))
	fill := slices.Clone(a.predAt[:n])
	for i := range n { // in node order, so each row lists its nodes in file order
		for _, s := range a.succ[a.succAt[i]:a.succAt[i+1]] {
			a.pred[fill[s]] = i
			fill[s]++
		}
	}
	return a
}

// Reachable marks the nodes some path from start reaches (start included).
func (d *Document) Reachable() []bool {
	seen := make([]bool, len(d.Nodes))
	if s := d.Start(); s >= 0 {
		mark([]int{s}, seen, d.Successors)
	}
	return seen
}

// CanReachEnd marks the nodes from which some path reaches an end node.
func (d *Document) CanReachEnd() []bool {
	seen := make([]bool, len(d.Nodes))
	mark(d.ends, seen, d.Predecessors)
	return seen
}

// grownRing is the size a full ring of size entries grows to: twice that
// while it is small; past that the search fans out (many nodes lead to one
// shared node, and the search walks the links backwards), so straight to
// the largest size a search of n nodes can need.
func grownRing(size, n int) int {
	if size < 4096 {
		return 2 * size
	}
	for size < n {
		size *= 2
	}
	return size
}

// mark marks in seen the nodes reached from the roots along next, breadth
// first. Its queue is a ring that holds only the nodes found and not yet
// followed, where bfs's visit order grows to every node: from the start of a
// flow, whose nodes branch a few ways, that is some dozens of nodes instead
// of 800 KB per search at 100,000 nodes, which the collector has to reclaim.
// (FlowOrder needs the visit order: it uses bfs.)
func mark(roots []int, seen []bool, next func(int) []int) {
	size := 64 // a power of two, so that positions wrap with a mask
	for size < len(roots) {
		size *= 2
	}
	ring := make([]int32, size)
	head, waiting := 0, 0
	push := func(i int) {
		seen[i] = true
		if waiting == len(ring) { // full: unroll into a larger ring
			grown := make([]int32, grownRing(len(ring), len(seen)))
			k := copy(grown, ring[head:])
			copy(grown[k:], ring[:head])
			ring, head = grown, 0
		}
		ring[(head+waiting)&(len(ring)-1)] = int32(i)
		waiting++
	}
	for _, r := range roots {
		if !seen[r] {
			push(r)
		}
	}
	for waiting > 0 {
		i := int(ring[head])
		head, waiting = (head+1)&(len(ring)-1), waiting-1
		for _, s := range next(i) {
			if !seen[s] {
				push(s)
			}
		}
	}
}

// bfs visits from the roots along next, marking seen, and returns the visit order.
func (d *Document) bfs(roots []int, seen []bool, next func(int) []int) []int {
	order := make([]int, 0, len(d.Nodes))
	for _, r := range roots {
		if !seen[r] {
			seen[r] = true
			order = append(order, r)
		}
	}
	for k := 0; k < len(order); k++ {
		for _, s := range next(order[k]) {
			if !seen[s] {
				seen[s] = true
				order = append(order, s)
			}
		}
	}
	return order
}

// FlowOrder lists the nodes breadth-first from start; the nodes no path reaches
// follow in file order, starting at index unreachableFrom.
func (d *Document) FlowOrder() (order []int, unreachableFrom int) {
	seen := make([]bool, len(d.Nodes))
	if s := d.Start(); s >= 0 {
		order = d.bfs([]int{s}, seen, d.Successors)
	}
	unreachableFrom = len(order)
	for i := range d.Nodes {
		if !seen[i] {
			order = append(order, i)
		}
	}
	return order, unreachableFrom
}

// IDs lists the node ids in file order (empty ids included).
func (d *Document) IDs() []string {
	ids := make([]string, len(d.Nodes))
	for i := range d.Nodes {
		ids[i] = d.Nodes[i].ID
	}
	return ids
}
