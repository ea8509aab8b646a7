package i18n

import (
	"container/heap"
	"math"
	"slices"

	fg "flowsmith/flowgraph"
)

// Paths is what LeastPath found: the nodes reached from start and, for each,
// the least distance to it and the node before it on that path. Besides a
// 4-byte index per node of the flow, it holds only the nodes reached, so a
// search that stops early (at the video-analysis nodes, a few steps from
// start) fills and reads little more than what it explored.
type Paths struct {
	Reached []int     // the nodes reached, start first, in the order first reached
	at      []int32   // node → 1 + its position in Reached, 0 when not reached
	dist    []float64 // by position in Reached
	prev    []int     // by position in Reached
}

// Dist is the least sum of the weights of the nodes before i on a path from
// start (i's own weight not included), +Inf when no path reaches i.
func (p *Paths) Dist(i int) float64 {
	if k := p.at[i]; k > 0 {
		return p.dist[k-1]
	}
	return math.Inf(1)
}

// Prev is the node before i on its least path, -1 for start and for nodes not
// reached.
func (p *Paths) Prev(i int) int {
	if k := p.at[i]; k > 0 {
		return p.prev[k-1]
	}
	return -1
}

// To returns the least path from start to i, start first; when it has more
// than limit nodes (limit ≥ 0), only its last limit nodes.
func (p *Paths) To(i, limit int) []int {
	var path []int
	for k := i; k >= 0 && (limit < 0 || len(path) < limit); k = p.Prev(k) {
		path = append(path, k)
	}
	slices.Reverse(path)
	return path
}

// LeastPath is Dijkstra with node weights from start. Nodes for which stop is
// true (nil: none) are reached but not passed, and so are nodes of weight
// +Inf. weight(i) is asked only of the nodes passed, so that a search stopped
// early weighs only the few it passes. Weights must not be negative. The
// preview's greeting figure and the short-greeting rule
// (validate.leastSpeech) are the same pass.
func LeastPath(d *fg.Document, start int, weight func(int) float64, stop func(*fg.Node) bool) *Paths {
	p := &Paths{at: make([]int32, len(d.Nodes))}
	p.reach(start, 0, -1)
	pq := &distQueue{{start, 0}}
	for pq.Len() > 0 {
		it := heap.Pop(pq).(distItem)
		if it.dist > p.Dist(it.node) || stop != nil && stop(&d.Nodes[it.node]) {
			continue
		}
		nd := it.dist + weight(it.node)
		if math.IsInf(nd, 1) {
			continue
		}
		for _, j := range d.Successors(it.node) {
			if nd < p.Dist(j) {
				p.reach(j, nd, it.node)
				heap.Push(pq, distItem{j, nd})
			}
		}
	}
	return p
}

// reach records a shorter path to node i, of distance dist through prev.
func (p *Paths) reach(i int, dist float64, prev int) {
	if k := p.at[i]; k > 0 {
		p.dist[k-1], p.prev[k-1] = dist, prev
		return
	}
	p.Reached = append(p.Reached, i)
	p.dist = append(p.dist, dist)
	p.prev = append(p.prev, prev)
	p.at[i] = int32(len(p.Reached))
}

type distItem struct {
	node int
	dist float64
}

type distQueue []distItem

func (q distQueue) Len() int           { return len(q) }
func (q distQueue) Less(i, j int) bool { return q[i].dist < q[j].dist }
func (q distQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *distQueue) Push(x any)        { *q = append(*q, x.(distItem)) }
func (q *distQueue) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}
