package layout

import (
	"cmp"
	"container/heap"
	"slices"
)

// Tracks: the horizontal parts of bent segments in one channel.
//
// Segments leaving the same column form a net and share a track (a fork).
// Nets are placed one by one, each on the track just below every placed net it
// overlaps, in an order that avoids crossings: nets going right by falling
// stem column, then nets going left by rising stem column (an inner edge of a
// fan goes above the outer one). The order also keeps a hard rule: a net whose
// stem starts at column c goes above a net that ends at c, or their verticals
// would overlap. When that order would make the channel much taller than the
// most nets over any one column, a net takes the first free track instead.

// net is the bent segments of one channel that leave the same column.
type net struct {
	col, lo, hi int
	right       bool // goes mostly right of its stem
	segs        []int
}

type span struct{ lo, hi int }

// assignTracks gives the bent segments of channel l (below layer l) their
// track (segTrack; -1 for straight ones) and returns the number of tracks.
func (b *builder) assignTracks(l int, segA, segB, segTrack []int) int {
	var bent []int
	for _, u := range b.layers[l] {
		for _, s := range b.down[b.downOff[u]:b.downOff[u+1]] {
			segTrack[s] = -1
			if segA[s] != segB[s] {
				bent = append(bent, s)
			}
		}
	}
	if len(bent) == 0 {
		return 0
	}
	nets := makeNets(bent, segA, segB)
	// Hard rule: net f above net e when f's stem starts where e ends.
	pairs := func(yield func(f, e int)) {
		for e := range nets {
			for _, s := range nets[e].segs {
				f, ok := slices.BinarySearchFunc(nets, segB[s], func(n net, c int) int { return cmp.Compare(n.col, c) })
				if ok && f != e {
					yield(f, e)
				}
			}
		}
	}
	succOff, succs := csr(len(nets), len(bent), func(yield func(int, int)) { pairs(yield) })
	predOff, preds := csr(len(nets), len(bent), func(yield func(int, int)) {
		pairs(func(f, e int) { yield(e, f) })
	})
	waiting := make([]int, len(nets))
	for e := range nets {
		waiting[e] = predOff[e+1] - predOff[e]
	}
	ready := &netQueue{nets: nets}
	for e := range nets {
		if waiting[e] == 0 {
			ready.items = append(ready.items, e)
		}
	}
	heap.Init(ready)

	limit := density(nets) + 2
	track := make([]int, len(nets))
	for e := range track {
		track[e] = -1
	}
	var tracks [][]span
	for placed := 0; placed < len(nets); placed++ {
		if ready.Len() == 0 { // a cycle of hard rules: break it at the best net
			best := -1
			for e := range nets {
				if track[e] < 0 && waiting[e] > 0 && (best < 0 || ready.before(e, best)) {
					best = e
				}
			}
			waiting[best] = 0
			heap.Push(ready, best)
		}
		e := heap.Pop(ready).(int)
		n := nets[e]
		hard := 0
		for _, f := range preds[predOff[e]:predOff[e+1]] {
			if track[f] >= 0 {
				hard = max(hard, track[f]+1)
			}
		}
		t := 0
		for k := range tracks {
			if overlaps(tracks[k], n.lo, n.hi) {
				t = k + 1
			}
		}
		if t = max(t, hard); t >= limit {
			for t = hard; t < len(tracks) && overlaps(tracks[t], n.lo, n.hi); t++ {
			}
		}
		if t == len(tracks) {
			tracks = append(tracks, nil)
		}
		k, _ := slices.BinarySearchFunc(tracks[t], n.lo, func(s span, lo int) int { return cmp.Compare(s.lo, lo) })
		tracks[t] = slices.Insert(tracks[t], k, span{n.lo, n.hi})
		track[e] = t
		for _, s := range n.segs {
			segTrack[s] = t
		}
		for _, g := range succs[succOff[e]:succOff[e+1]] {
			if waiting[g]--; waiting[g] == 0 && track[g] < 0 {
				heap.Push(ready, g)
			}
		}
	}
	return len(tracks)
}

// makeNets groups bent segments by stem column; nets come out sorted by col.
func makeNets(bent, segA, segB []int) []net {
	slices.SortFunc(bent, func(p, q int) int { return cmp.Or(cmp.Compare(segA[p], segA[q]), cmp.Compare(segB[p], segB[q])) })
	var nets []net
	for _, s := range bent {
		a, c := segA[s], segB[s]
		if k := len(nets); k > 0 && nets[k-1].col == a {
			nets[k-1].lo, nets[k-1].hi = min(nets[k-1].lo, c), max(nets[k-1].hi, c)
			nets[k-1].segs = append(nets[k-1].segs, s)
			continue
		}
		nets = append(nets, net{col: a, lo: min(a, c), hi: max(a, c), segs: []int{s}})
	}
	for i := range nets {
		nets[i].right = nets[i].hi-nets[i].col >= nets[i].col-nets[i].lo
	}
	return nets
}

// overlaps reports whether a span on a track (sorted, disjoint) comes within
// one column of [lo, hi]: horizontal lines on one row need a blank between.
func overlaps(track []span, lo, hi int) bool {
	k, _ := slices.BinarySearchFunc(track, lo, func(s span, lo int) int { return cmp.Compare(s.hi+1, lo) })
	return k < len(track) && track[k].lo <= hi+1
}

// density is the largest number of nets over (or next to) one column.
func density(nets []net) int {
	ev := make([][2]int, 0, 2*len(nets))
	for _, n := range nets {
		ev = append(ev, [2]int{n.lo, 1}, [2]int{n.hi + 2, -1})
	}
	slices.SortFunc(ev, func(p, q [2]int) int { return cmp.Or(cmp.Compare(p[0], q[0]), cmp.Compare(p[1], q[1])) })
	best, cur := 0, 0
	for _, e := range ev {
		cur += e[1]
		best = max(best, cur)
	}
	return best
}

// netQueue orders ready nets: going right by falling stem column, then going
// left by rising stem column.
type netQueue struct {
	nets  []net
	items []int
}

func (q *netQueue) before(e, f int) bool {
	a, c := q.nets[e], q.nets[f]
	switch {
	case a.right != c.right:
		return a.right
	case a.right:
		return a.col > c.col
	}
	return a.col < c.col
}

func (q *netQueue) Len() int           { return len(q.items) }
func (q *netQueue) Less(i, j int) bool { return q.before(q.items[i], q.items[j]) }
func (q *netQueue) Swap(i, j int)      { q.items[i], q.items[j] = q.items[j], q.items[i] }
func (q *netQueue) Push(x any)         { q.items = append(q.items, x.(int)) }
func (q *netQueue) Pop() any {
	x := q.items[len(q.items)-1]
	q.items = q.items[:len(q.items)-1]
	return x
}
