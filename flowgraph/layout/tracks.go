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
// Where the hard rule still fails (rules in a cycle), the segment makes a
// dogleg down to a track of its own (see dogleg).

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
			q.items = append(q.items, e)
		}
	}
	st.waiting, st.track = waiting, track
	// Sorted is a valid heap; without hard rules it is the whole order.
	slices.SortFunc(q.items, func(e, f int) int {
		if q.before(e, f) {
			return -1
		}
		return btoi(q.before(f, e))
	})
	next := 0 // without hard rules: q.items[next] is the next net

	deepest := &st.tree
	deepest.reset(nets)
	limit := deepest.density(nets) + 2
	tracks := st.tracks[:0]
	for placed := 0; placed < len(nets); placed++ {
		if len(pairs) > 0 && len(q.items) == 0 { // a cycle of hard rules: break it at the best net
			best := -1
			for e := range nets {
				if track[e] < 0 && (best < 0 || q.before(e, best)) {
					best = e
				}
			}
			waiting[best] = 0
			q.push(best)
		}
		var e int
		if len(pairs) == 0 {
			e, next = q.items[next], next+1
		} else {
			e = q.pop()
		}
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
