package layout

// HubDegree: in Neighbourhood, a node with more edges than this (such as an
// end node shared by the whole flow) is shown but not walked through, or two
// hops around any node would reach most of a big flow.
const HubDegree = 16

// Neighbourhood returns the subgraph of g made of the nodes at most hops edges
// away from center, following edges in either direction (but not through
// hubs, see HubDegree), and the edges among them. mapping[i] is the number in
// g of node i of sub; nodes keep their relative order. sub.Root is g.Root when
// it is in the subgraph, else -1 (the layering then starts from the
// subgraph's own sources, so predecessors of center stay above it). A center
// out of range gives an empty graph.
func Neighbourhood(g Graph, center, hops int) (sub Graph, mapping []int) {
	n := len(g.Nodes)
	sub.Root = -1
	if center < 0 || center >= n {
		return sub, nil
	}
	valid := func(e Edge) bool { return e.From >= 0 && e.From < n && e.To >= 0 && e.To < n }
	off, list := csr(n, 2*len(g.Edges), func(yield func(int, int)) {
		for _, e := range g.Edges {
			if valid(e) {
				yield(e.From, e.To)
				yield(e.To, e.From)
			}
		}
	})
	dist := make([]int, n)
	for i := range dist {
		dist[i] = -1
	}
	dist[center] = 0
	for queue := []int{center}; len(queue) > 0; queue = queue[1:] {
		v := queue[0]
		if dist[v] >= hops || (v != center && off[v+1]-off[v] > HubDegree) {
			continue
		}
		for _, w := range list[off[v]:off[v+1]] {
			if dist[w] < 0 {
				dist[w] = dist[v] + 1
				queue = append(queue, w)
			}
		}
	}
	index := make([]int, n)
	for v := range dist {
		index[v] = -1
		if dist[v] >= 0 {
			index[v] = len(mapping)
			mapping = append(mapping, v)
			sub.Nodes = append(sub.Nodes, g.Nodes[v])
		}
	}
	for _, e := range g.Edges {
		if valid(e) && index[e.From] >= 0 && index[e.To] >= 0 {
			sub.Edges = append(sub.Edges, Edge{From: index[e.From], To: index[e.To], Label: e.Label})
		}
	}
	if g.Root >= 0 && g.Root < n && index[g.Root] >= 0 {
		sub.Root = index[g.Root]
	}
	return sub, mapping
}
