package flowgraph

import "slices"

// Start returns the index of the first start node, or -1.
func (d *Document) Start() int {
	for i := range d.Nodes {
		if d.Nodes[i].Type == "start" {
			return i
		}
	}
	return -1
}

// Successors returns the distinct nodes a node links to, in outcome order.
func (d *Document) Successors(i int) []int {
	var out []int
	for _, e := range d.Nodes[i].Edges {
		if e.To >= 0 && !slices.Contains(out, e.To) {
			out = append(out, e.To)
		}
	}
	return out
}

// Predecessors returns the distinct nodes that link to node i. Safe for
// concurrent use: the index is built once, on the first call, since most
// documents (one per keystroke in the editor) never need it.
func (d *Document) Predecessors(i int) []int {
	d.predsOnce.Do(d.buildPreds)
	return d.preds[i]
}

func (d *Document) buildPreds() {
	d.preds = make([][]int, len(d.Nodes))
	for j := range d.Nodes {
		for _, s := range d.Successors(j) {
			d.preds[s] = append(d.preds[s], j)
		}
	}
}

// Reachable marks the nodes some path from start reaches (start included).
func (d *Document) Reachable() []bool {
	seen := make([]bool, len(d.Nodes))
	if s := d.Start(); s >= 0 {
		d.bfs([]int{s}, seen, d.Successors)
	}
	return seen
}

// CanReachEnd marks the nodes from which some path reaches an end node.
func (d *Document) CanReachEnd() []bool {
	seen := make([]bool, len(d.Nodes))
	var ends []int
	for i := range d.Nodes {
		if d.Nodes[i].Type == "end" {
			ends = append(ends, i)
		}
	}
	d.bfs(ends, seen, d.Predecessors)
	return seen
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
