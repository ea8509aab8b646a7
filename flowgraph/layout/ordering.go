package layout

import "slices"

// Ordering within layers: a depth-first initial order (children left to right
// in outcome order), then a few alternating barycenter sweeps. Crossings are
// counted after each sweep (Barth–Jünger–Mutzel, with a Fenwick tree) and the
// best order wins. The number of sweeps is capped, so the whole step costs
// O(k·(V+E)·log V) for a small constant k.

// Sweep caps; graphs with more than largeGraph vertices (nodes and dummy
// points) get fewer sweeps. Sweeps also stop after two without progress.
const (
	maxSweeps      = 8
	maxSweepsLarge = 4
	largeGraph     = 20000
)

// order fills b.layers and b.pos.
func (b *builder) order() {
	b.initOrder()
	best := b.countCrossings()
	saved := make([]int, b.nv)
	save := func() {
		i := 0
		for _, layer := range b.layers {
			i += copy(saved[i:], layer)
		}
	}
	save()
	var keys []uint64
	var old []int
	sweeps, idle := maxSweeps, 0
	if b.nv > largeGraph {
		sweeps = maxSweepsLarge
	}
	for sweep := 0; sweep < sweeps && best > 0 && idle < 2; sweep++ {
		if sweep%2 == 0 {
			for l := 1; l < len(b.layers); l++ {
				keys, old = b.sortLayer(l, true, keys, old)
			}
		} else {
			for l := len(b.layers) - 2; l >= 0; l-- {
				keys, old = b.sortLayer(l, false, keys, old)
			}
		}
		if b.nv > largeGraph && sweep%2 == 0 && sweep+1 < sweeps {
			continue // big graphs: count after each down-and-up pair only
		}
		idle++
		if c := b.countCrossings(); c < best {
			best, idle = c, 0
			save()
		}
	}
	i := 0
	for _, layer := range b.layers {
		i += copy(layer, saved[i:])
		for p, v := range layer {
			b.pos[v] = p
		}
	}
	b.crossings = best
}

// initOrder visits the layered graph depth-first, from the root, then from
// every node by layer, and appends each vertex to its layer when first seen.
func (b *builder) initOrder() {
	b.layers = make([][]int, b.nLayers)
	b.pos = make([]int, b.nv)
	seen := make([]bool, b.nv)
	var stack []int
	visit := func(s int) {
		if seen[s] {
			return
		}
		stack = append(stack[:0], s)
		seen[s] = true
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			b.pos[v] = len(b.layers[b.layer[v]])
			b.layers[b.layer[v]] = append(b.layers[b.layer[v]], v)
			below := b.down[b.downOff[v]:b.downOff[v+1]]
			for i := len(below) - 1; i >= 0; i-- { // first outcome ends up leftmost
				if w := b.segs[below[i]].v; !seen[w] {
					seen[w] = true
					stack = append(stack, w)
				}
			}
		}
	}
	if b.root >= 0 {
		visit(b.root)
	}
	byLayer := make([][]int, b.nLayers)
	for v := 0; v < b.n; v++ {
		byLayer[b.layer[v]] = append(byLayer[b.layer[v]], v)
	}
	for _, vs := range byLayer {
		for _, v := range vs {
			visit(v)
		}
	}
}

// sortLayer reorders layer l by the mean position of each vertex's neighbours
// in the layer above (fromAbove) or below. A vertex without such neighbours
// keeps its own position as key; ties keep the current order. Keys are packed
// in integers (barycenter in 1/1024ths, then position) for a fast sort.
func (b *builder) sortLayer(l int, fromAbove bool, keys []uint64, old []int) ([]uint64, []int) {
	layer := b.layers[l]
	if len(layer) >= 1<<posBits {
		return keys, old // far beyond any flow: keep the order
	}
	keys, old = keys[:0], append(old[:0], layer...)
	for p, v := range layer {
		sum, cnt := 0, 0
		if fromAbove {
			for _, s := range b.up[b.upOff[v]:b.upOff[v+1]] {
				sum += b.pos[b.segs[s].u]
				cnt++
			}
		} else {
			for _, s := range b.down[b.downOff[v]:b.downOff[v+1]] {
				sum += b.pos[b.segs[s].v]
				cnt++
			}
		}
		k := uint64(p) << 10
		if cnt > 0 {
			k = uint64(sum<<10) / uint64(cnt)
		}
		keys = append(keys, k<<posBits|uint64(p))
	}
	slices.Sort(keys)
	for p, k := range keys {
		v := old[k&(1<<posBits-1)]
		layer[p], b.pos[v] = v, p
	}
	return keys, old
}

// posBits bounds the size of a layer for sortLayer's packed keys (2^24); a
// position is below 2^24 and a key below 2^34, so both fit in 64 bits.
const posBits = 24

// countCrossings counts pairs of segments that cross between adjacent layers.
func (b *builder) countCrossings() int {
	total := 0
	tree := make([]int, 0, 64)
	var ends []int
	for l := 0; l+1 < len(b.layers); l++ {
		size := len(b.layers[l+1])
		tree = slices.Grow(tree[:0], size+1)[:size+1]
		clear(tree)
		inserted := 0
		for _, u := range b.layers[l] {
			ends = ends[:0]
			for _, s := range b.down[b.downOff[u]:b.downOff[u+1]] {
				ends = append(ends, b.pos[b.segs[s].v])
			}
			slices.Sort(ends)
			for _, p := range ends {
				// Earlier segments ending right of p cross this one.
				le := 0
				for i := p + 1; i > 0; i -= i & -i {
					le += tree[i]
				}
				total += inserted - le
				for i := p + 1; i <= size; i += i & -i {
					tree[i]++
				}
				inserted++
			}
		}
	}
	return total
}
