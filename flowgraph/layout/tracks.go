package layout

import (
	"cmp"
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
	first, end  int  // its segments are bent[first:end]
	ilo, ihi    int  // lo and hi+1 as indices in its channel's maxTree
}

type span struct{ lo, hi int }

// trackState holds buffers reused from one channel to the next.
type trackState struct {
	bent           []int
	nets           []net
	pairs          [][2]int
	waiting, track []int
	tracks         [][]span
	queue          []int
	tree           maxTree
}

// assignTracks gives the bent segments of channel l (below layer l) their
// track (segTrack; -1 for straight ones) and returns the number of tracks.
func (b *builder) assignTracks(l int, segA, segB, segTrack []int) int {
	st := &b.tracks
	bent := st.bent[:0]
	for _, u := range b.layers[l] {
		for _, s := range b.down[b.downOff[u]:b.downOff[u+1]] {
			segTrack[s] = -1
			if segA[s] != segB[s] {
				bent = append(bent, s)
			}
		}
	}
	st.bent = bent
	if len(bent) == 0 {
		return 0
	}
	nets := makeNets(bent, segA, segB, st.nets[:0])
	st.nets = nets
	// Hard rule: net f above net e when f's stem starts where e ends.
	pairs := st.pairs[:0]
	for e := range nets {
		for i := nets[e].first; i < nets[e].end; i++ {
			f, ok := slices.BinarySearchFunc(nets, segB[bent[i]], func(n net, c int) int { return cmp.Compare(n.col, c) })
			if ok && f != e {
				pairs = append(pairs, [2]int{f, i}) // e is the net of bent[i]
			}
		}
	}
	st.pairs = pairs
	var succOff, succs, predOff, preds []int
	if len(pairs) > 0 {
		netOf := make([]int, len(bent))
		for e, n := range nets {
			for i := n.first; i < n.end; i++ {
				netOf[i] = e
			}
		}
		succOff, succs = csr(len(nets), len(pairs), func(yield func(int, int)) {
			for _, p := range pairs {
				yield(p[0], netOf[p[1]])
			}
		})
		predOff, preds = csr(len(nets), len(pairs), func(yield func(int, int)) {
			for _, p := range pairs {
				yield(netOf[p[1]], p[0])
			}
		})
	}
	q := netQueue{nets: nets, items: st.queue[:0]}
	waiting := slices.Grow(st.waiting[:0], len(nets))[:len(nets)]
	track := slices.Grow(st.track[:0], len(nets))[:len(nets)]
	for e := range nets {
		track[e], waiting[e] = -1, 0
		if len(pairs) > 0 {
			waiting[e] = predOff[e+1] - predOff[e]
		}
		if waiting[e] == 0 {
			q.push(e)
		}
	}
	st.waiting, st.track = waiting, track

	deepest := &st.tree
	deepest.reset(nets)
	limit := deepest.density(nets) + 2
	tracks := st.tracks[:0]
	for placed := 0; placed < len(nets); placed++ {
		if len(q.items) == 0 { // a cycle of hard rules: break it at the best net
			best := -1
			for e := range nets {
				if track[e] < 0 && (best < 0 || q.before(e, best)) {
					best = e
				}
			}
			waiting[best] = 0
			q.push(best)
		}
		e := q.pop()
		n := nets[e]
		hard := 0
		if len(pairs) > 0 {
			for _, f := range preds[predOff[e]:predOff[e+1]] {
				if track[f] >= 0 {
					hard = max(hard, track[f]+1)
				}
			}
		}
		t := deepest.query(n.ilo, n.ihi) + 1
		if t = max(t, hard); t >= limit {
			for t = hard; t < len(tracks) && overlaps(tracks[t], n.lo, n.hi); t++ {
			}
		}
		if t == len(tracks) {
			if len(tracks) < cap(tracks) {
				tracks = tracks[:t+1]
				tracks[t] = tracks[t][:0]
			} else {
				tracks = append(tracks, nil)
			}
		}
		k, _ := slices.BinarySearchFunc(tracks[t], n.lo, func(s span, lo int) int { return cmp.Compare(s.lo, lo) })
		tracks[t] = slices.Insert(tracks[t], k, span{n.lo, n.hi})
		deepest.update(n.ilo, n.ihi, t)
		track[e] = t
		for _, s := range bent[n.first:n.end] {
			segTrack[s] = t
		}
		if len(pairs) > 0 {
			for _, g := range succs[succOff[e]:succOff[e+1]] {
				if waiting[g]--; waiting[g] == 0 && track[g] < 0 {
					q.push(g)
				}
			}
		}
	}
	st.tracks, st.queue = tracks, q.items
	if len(pairs) == 0 {
		return len(tracks)
	}
	return len(tracks) + b.dogleg(l, track, len(tracks), segA, segB, segTrack)
}

// dogleg repairs the segments that still end on the column of a stem placed
// lower than them (the hard rule could not hold: a cycle, or no room): the
// segment's horizontal part stops at a free column, goes down to a track of
// its own below all others, and ends there. It returns the tracks added.
func (b *builder) dogleg(l int, track []int, first int, segA, segB, segTrack []int) int {
	st := &b.tracks
	added := 0
	var used []int // columns with a vertical line in this channel
	for _, p := range st.pairs {
		f, s := p[0], st.bent[p[1]]
		if track[f] < segTrack[s] {
			continue
		}
		if used == nil {
			for _, u := range b.layers[l] {
				for _, s := range b.down[b.downOff[u]:b.downOff[u+1]] {
					used = append(used, segA[s], segB[s])
				}
			}
			slices.Sort(used)
		}
		a, c, m := segA[s], segB[s], -1
		step := 1 // search from the end towards the stem
		if a < c {
			step = -1
		}
		for x := c + step; x != a && m < 0; x += step {
			if _, taken := slices.BinarySearch(used, x); !taken {
				m = x
			}
		}
		if m < 0 {
			continue // no free column: leave it
		}
		k, _ := slices.BinarySearch(used, m)
		used = slices.Insert(used, k, m)
		b.dogCol[s], b.dogTrack[s] = m, first+added
		added++
	}
	return added
}

// makeNets groups bent segments by stem column; nets come out sorted by col.
func makeNets(bent, segA, segB []int, nets []net) []net {
	slices.SortFunc(bent, func(p, q int) int { return cmp.Or(cmp.Compare(segA[p], segA[q]), cmp.Compare(segB[p], segB[q])) })
	for i, s := range bent {
		a, c := segA[s], segB[s]
		if k := len(nets); k > 0 && nets[k-1].col == a {
			nets[k-1].lo, nets[k-1].hi = min(nets[k-1].lo, c), max(nets[k-1].hi, c)
			nets[k-1].end = i + 1
			continue
		}
		nets = append(nets, net{col: a, lo: min(a, c), hi: max(a, c), first: i, end: i + 1})
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

// push and pop make q.items a binary heap ordered by before.
func (q *netQueue) push(e int) {
	q.items = append(q.items, e)
	for i := len(q.items) - 1; i > 0; {
		p := (i - 1) / 2
		if !q.before(q.items[i], q.items[p]) {
			break
		}
		q.items[i], q.items[p] = q.items[p], q.items[i]
		i = p
	}
}

func (q *netQueue) pop() int {
	top, last := q.items[0], len(q.items)-1
	q.items[0] = q.items[last]
	q.items = q.items[:last]
	for i := 0; ; {
		m := i
		for _, c := range [2]int{2*i + 1, 2*i + 2} {
			if c < last && q.before(q.items[c], q.items[m]) {
				m = c
			}
		}
		if m == i {
			return top
		}
		q.items[i], q.items[m] = q.items[m], q.items[i]
		i = m
	}
}

// maxTree answers "deepest track used over columns [lo, hi]" for the nets of a
// channel: a bottom-up segment tree over the nets' compressed end columns (lo
// and hi+1, so that nets need a blank column between them).
type maxTree struct {
	n         int   // leaves (a power of two)
	cols      []int // sorted distinct columns
	tag, sub  []int // per node: max recorded on its whole range / anywhere in it
	densities []int
}

// reset empties the tree for nets, and sets their ilo and ihi.
func (t *maxTree) reset(nets []net) {
	cols := t.cols[:0]
	for _, n := range nets {
		cols = append(cols, n.lo, n.hi+1)
	}
	slices.Sort(cols)
	cols = slices.Compact(cols)
	for i := range nets {
		nets[i].ilo, _ = slices.BinarySearch(cols, nets[i].lo)
		nets[i].ihi, _ = slices.BinarySearch(cols, nets[i].hi+1)
	}
	t.cols, t.n = cols, 1
	for t.n < len(cols) {
		t.n *= 2
	}
	t.tag = slices.Grow(t.tag[:0], 2*t.n)[:2*t.n]
	t.sub = slices.Grow(t.sub[:0], 2*t.n)[:2*t.n]
	for i := range t.tag {
		t.tag[i], t.sub[i] = -1, -1
	}
}

// density is the largest number of nets over (or next to) one column.
func (t *maxTree) density(nets []net) int {
	diff := slices.Grow(t.densities[:0], len(t.cols)+1)[:len(t.cols)+1]
	clear(diff)
	t.densities = diff
	for _, n := range nets {
		diff[n.ilo]++
		diff[n.ihi+1]--
	}
	best, cur := 0, 0
	for _, d := range diff {
		cur += d
		best = max(best, cur)
	}
	return best
}

// update records v on compressed columns [lo, hi].
func (t *maxTree) update(lo, hi, v int) {
	lo, hi = lo+t.n, hi+t.n
	for a, b := lo, hi+1; a < b; a, b = a/2, b/2 {
		if a%2 == 1 {
			t.tag[a], t.sub[a] = max(t.tag[a], v), max(t.sub[a], v)
			a++
		}
		if b%2 == 1 {
			b--
			t.tag[b], t.sub[b] = max(t.tag[b], v), max(t.sub[b], v)
		}
	}
	for p := lo / 2; p > 0; p /= 2 {
		t.sub[p] = max(t.sub[p], v)
	}
	for p := hi / 2; p > 0; p /= 2 {
		t.sub[p] = max(t.sub[p], v)
	}
}

// query is the largest value recorded on any of compressed columns [lo, hi],
// or -1.
func (t *maxTree) query(lo, hi int) int {
	lo, hi = lo+t.n, hi+t.n
	res := -1
	for a, b := lo, hi+1; a < b; a, b = a/2, b/2 {
		if a%2 == 1 {
			res = max(res, t.sub[a])
			a++
		}
		if b%2 == 1 {
			b--
			res = max(res, t.sub[b])
		}
	}
	for p := lo / 2; p > 0; p /= 2 {
		res = max(res, t.tag[p])
	}
	for p := hi / 2; p > 0; p /= 2 {
		res = max(res, t.tag[p])
	}
	return res
}
