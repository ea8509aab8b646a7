package layout

import "slices"

// Helpers of tracks.go: the order in which nets are placed, and the
// "deepest track over these columns" query.

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
