package layout

import (
	"cmp"
	"slices"
)

// Ports: where edges meet the sides of boxes. The edges on one side are
// sorted by where their other end is and spread evenly over the side. Then a
// port moves, if the side has room:
//   - onto the column of its other end, when that end is a dummy point straight
//     below, or a stem straight above: the edge becomes a straight line;
//   - off a column where another edge of the same channel has its other end:
//     two vertical lines must never share a column (see tracks.go).
// Bottom sides are done first (their other ends in the layer below are dummy
// points, whose columns are known, or boxes), then top sides, which then know
// every stem of the channel above.

type port struct{ key, seg, stub int }

// assignPorts gives every segment its column at the upper end (segA) and at
// the lower end (segB), and every stub its column.
func (b *builder) assignPorts() (segA, segB, stubCol []int) {
	segA, segB = make([]int, len(b.segs)), make([]int, len(b.segs))
	stubCol = make([]int, len(b.groups))
	for s, sg := range b.segs {
		if sg.u >= b.n {
			segA[s] = b.x[sg.u]
		}
		if sg.v >= b.n {
			segB[s] = b.x[sg.v]
		}
	}
	b.stubOff, b.stubs = csr(b.n, len(b.groups), func(yield func(int, int)) {
		for gi := range b.groups {
			if b.groups[gi].stub {
				yield(b.groups[gi].from, gi)
			}
		}
	})
	var side []port
	var cols, taken []int
	collect := func(v int, bottom bool) {
		side = side[:0]
		if bottom {
			for _, s := range b.down[b.downOff[v]:b.downOff[v+1]] {
				side = append(side, port{b.anchor(b.segs[s].v), s, -1})
			}
		} else {
			for _, s := range b.up[b.upOff[v]:b.upOff[v+1]] {
				side = append(side, port{b.anchor(b.segs[s].u), s, -1})
			}
		}
		for _, gi := range b.stubs[b.stubOff[v]:b.stubOff[v+1]] {
			if b.groups[gi].back != bottom {
				side = append(side, port{b.anchor(b.groups[gi].to), -1, gi})
			}
		}
		slices.SortFunc(side, func(p, q port) int {
			return cmp.Or(cmp.Compare(p.key, q.key), cmp.Compare(p.seg, q.seg), cmp.Compare(p.stub, q.stub))
		})
	}
	// Bottom sides: avoid the columns of dummy points in the layer below.
	for l, layer := range b.layers {
		taken = taken[:0]
		if l+1 < len(b.layers) {
			for _, d := range b.layers[l+1] { // in column order
				if d >= b.n {
					taken = append(taken, b.x[d])
				}
			}
		}
		for _, v := range layer {
			if v >= b.n {
				continue
			}
			collect(v, true)
			cols = b.spreadPorts(v, side, taken, cols, func(p port) int {
				if p.seg >= 0 && b.segs[p.seg].v >= b.n {
					return segB[p.seg]
				}
				return -1
			})
			for j, p := range side {
				if p.seg >= 0 {
					segA[p.seg] = cols[j]
				} else {
					stubCol[p.stub] = cols[j]
				}
			}
		}
	}
	// Top sides: avoid the stems of the channel above.
	for l := 1; l < len(b.layers); l++ {
		taken = b.upperCols(taken[:0], l-1, segA, nil)
		for _, v := range b.layers[l] {
			if v >= b.n {
				continue
			}
			collect(v, false)
			cols = b.spreadPorts(v, side, taken, cols, func(p port) int {
				if p.seg >= 0 {
					return segA[p.seg]
				}
				return -1
			})
			for j, p := range side {
				if p.seg >= 0 {
					segB[p.seg] = cols[j]
				} else {
					stubCol[p.stub] = cols[j]
				}
			}
		}
	}
	// A box with ports on the top side only in layer 0 cannot exist (top
	// ports come from edges above), so every port is set.
	return segA, segB, stubCol
}

// spreadPorts returns the columns of the ports of one side of box v, in
// order: evenly spread, moved onto snap(p) when that makes a straight line,
// and off the taken columns (sorted) when the side has room.
func (b *builder) spreadPorts(v int, side []port, taken, cols []int, snap func(port) int) []int {
	cols = cols[:0]
	k := len(side)
	lo, hi := b.x[v]+1, b.x[v]+b.boxW[v]-2 // inner columns
	if k > hi-lo+1 {                       // more ports than columns: share
		for j := range side {
			cols = append(cols, lo+(2*j+1)*(hi-lo+1)/(2*k))
		}
		return cols
	}
	isTaken := func(c int) bool { _, ok := slices.BinarySearch(taken, c); return ok }
	prev := lo - 1
	for j, p := range side {
		first, last := prev+1, hi-(k-1-j) // leave a column for each port after
		want := min(max(lo+(2*j+1)*(hi-lo+1)/(2*k), first), last)
		col := -1
		if c := snap(p); c >= first && c <= last {
			col = c
		}
		for d := 0; col < 0 && (want-d >= first || want+d <= last); d++ {
			for _, c := range [2]int{want - d, want + d} {
				if col < 0 && c >= first && c <= last && !isTaken(c) {
					col = c
				}
			}
		}
		if col < 0 {
			col = want
		}
		cols = append(cols, col)
		prev = col
	}
	return cols
}

// upperCols appends, sorted, the columns where the segments of channel l
// start, and those of the forward stubs when stubCol is given. Vertices are
// in column order and their ports within their width, so only each vertex's
// own columns need sorting.
func (b *builder) upperCols(dst []int, l int, segA, stubCol []int) []int {
	for _, u := range b.layers[l] {
		from := len(dst)
		for _, s := range b.down[b.downOff[u]:b.downOff[u+1]] {
			dst = append(dst, segA[s])
		}
		if stubCol != nil && u < b.n {
			for _, gi := range b.stubs[b.stubOff[u]:b.stubOff[u+1]] {
				if !b.groups[gi].back {
					dst = append(dst, stubCol[gi])
				}
			}
		}
		slices.Sort(dst[from:])
	}
	return dst
}

// lowerCols is upperCols for the other end: the columns where the segments
// of channel l end, and those of the back stubs going up from layer l+1 when
// stubCol is given.
func (b *builder) lowerCols(dst []int, l int, segB, stubCol []int) []int {
	for _, v := range b.layers[l+1] {
		from := len(dst)
		for _, s := range b.up[b.upOff[v]:b.upOff[v+1]] {
			dst = append(dst, segB[s])
		}
		if stubCol != nil && v < b.n {
			for _, gi := range b.stubs[b.stubOff[v]:b.stubOff[v+1]] {
				if b.groups[gi].back {
					dst = append(dst, stubCol[gi])
				}
			}
		}
		slices.Sort(dst[from:])
	}
	return dst
}
