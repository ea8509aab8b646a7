package layout

import (
	"fmt"
	"math/rand/v2"
)

var outcomeKeys = []string{"livenessDetected", "noFace", "passed", "notPassed", "cancelled", "error", "verified", "c1", "c2"}
var nodeTypes = []string{"conversation", "liveness_detection", "face_scan", "document_scan", "two_factor_email"}

// flowLike generates a flow-shaped graph of n nodes: node 0 is the start,
// nodes 1..3 are ends; every other node has 2–4 outcomes: mostly one new node
// (so chains grow), sometimes a node created a little earlier (branches
// converge), a retry back to an ancestor, or an end.
func flowLike(n int, seed uint64) Graph {
	r := rand.New(rand.NewPCG(seed, 7))
	const ends = 3
	g := Graph{Root: 0, Nodes: make([]Node, 0, n)}
	g.Nodes = append(g.Nodes, Node{"start", "start"})
	for i := 1; i <= ends && i < n; i++ {
		g.Nodes = append(g.Nodes, Node{fmt.Sprintf("end_%d", i), "end"})
	}
	parent := make([]int, n)
	newNode := func(from int) int {
		v := len(g.Nodes)
		g.Nodes = append(g.Nodes, Node{fmt.Sprintf("node_%d", v), nodeTypes[r.IntN(len(nodeTypes))]})
		parent[v] = from
		return v
	}
	edge := func(from, to int) {
		g.Edges = append(g.Edges, Edge{From: from, To: to, Label: outcomeKeys[r.IntN(len(outcomeKeys))]})
	}
	if n <= ends {
		return g
	}
	queue := []int{newNode(0)}
	edge(0, queue[0])
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		k := 2 + r.IntN(3)
		for j := 0; j < k; j++ {
			switch p := r.IntN(100); {
			case len(g.Nodes) < n && (j == 0 || p < 8):
				w := newNode(v)
				edge(v, w)
				queue = append(queue, w)
			case p < 20: // retry: back to an ancestor
				a := v
				for s := r.IntN(3); s >= 0 && a > ends+1; s-- {
					a = parent[a]
				}
				edge(v, a)
			case p < 45 && len(g.Nodes) > ends+2: // converge on a recent node
				edge(v, len(g.Nodes)-1-r.IntN(min(30, len(g.Nodes)-ends-1)))
			default:
				edge(v, 1+r.IntN(ends))
			}
		}
		if len(queue) == 0 && len(g.Nodes) < n { // keep growing from some node
			queue = append(queue, ends+1+r.IntN(len(g.Nodes)-ends-1))
		}
	}
	return g
}
