package layout

import (
	"math"
	"slices"
)

// Horizontal coordinates. Each layer is packed left to right, then a few
// alternating sweeps move every vertex towards the median of its neighbours
// in the adjacent layer. Within a layer the order is fixed and neighbours keep
// a minimum gap; the best positions under those constraints (least squares) are
// found by isotonic regression with pool-adjacent-violators, linear per layer.
// Dummy points weigh more, so long edges run straight.

const (
	xSweeps      = 8
	xSweepsLarge = 4 // for graphs with more than largeGraph vertices
)

const (
	weightBox   = 1.0
	weightDummy = 4.0
	weightFree  = 0.2 // a vertex with no neighbour in the reference layer
)

// gapBetween is the number of blank columns between neighbours u and v.
func (b *builder) gapBetween(u, v int) int {
	switch du, dv := u >= b.n, v >= b.n; {
	case du && dv:
		return 1
	case du || dv:
		return 2
	}
	return 3
}

// anchor is the column where edges attach to v (its centre).
func (b *builder) anchor(v int) int { return b.x[v] + b.boxW[v]/2 }

func (b *builder) placeX() {
	b.x = make([]int, b.nv)
	for _, layer := range b.layers {
		col := 0
		for i, v := range layer {
			if i > 0 {
				col += b.gapBetween(layer[i-1], v)
			}
			b.x[v] = col
			col += b.fw[v]
		}
	}
	var p pava
	var near []int
	sweeps := xSweeps
	if b.nv > largeGraph {
		sweeps = xSweepsLarge
	}
	for sweep := 0; sweep < sweeps; sweep++ {
		down := sweep%2 == 0
		for k := range b.layers {
			l := k
			if !down {
				l = len(b.layers) - 1 - k
			}
			layer := b.layers[l]
			p.reset()
			offset := 0 // sum of widths and gaps to the left: the packed position
			for i, v := range layer {
				if i > 0 {
					offset += b.gapBetween(layer[i-1], v)
				}
				near = b.neighbourAnchors(v, down, near[:0])
				want, w := float64(b.x[v]), weightFree
				if len(near) > 0 {
					want = median(near) - float64(b.boxW[v]/2)
					w = weightBox
					if v >= b.n {
						w = weightDummy
					}
				}
				p.add(want-float64(offset), w)
				offset += b.fw[v]
			}
			offset = 0
			for i, v := range layer {
				if i > 0 {
					offset += b.gapBetween(layer[i-1], v)
				}
				b.x[v] = p.value(i) + offset
				offset += b.fw[v]
			}
		}
	}
	minX := math.MaxInt
	for _, layer := range b.layers {
		if len(layer) > 0 {
			minX = min(minX, b.x[layer[0]])
		}
	}
	for v := range b.x {
		b.x[v] -= minX
	}
}

// neighbourAnchors appends the anchors of v's neighbours in the layer above
// (above) or below.
func (b *builder) neighbourAnchors(v int, above bool, out []int) []int {
	if above {
		for _, s := range b.up[b.upOff[v]:b.upOff[v+1]] {
			out = append(out, b.anchor(b.segs[s].u))
		}
	} else {
		for _, s := range b.down[b.downOff[v]:b.downOff[v+1]] {
			out = append(out, b.anchor(b.segs[s].v))
		}
	}
	return out
}

func median(xs []int) float64 {
	slices.Sort(xs)
	m := len(xs) / 2
	if len(xs)%2 == 1 {
		return float64(xs[m])
	}
	return float64(xs[m-1]+xs[m]) / 2
}

// pava is weighted isotonic regression: values y(i), non-decreasing in i,
// that minimise Σ w_i (y_i − t_i)², rounded to integers.
type pava struct {
	blocks []pavaBlock
	of     []int // block of each item, filled by finish
	done   bool
}

type pavaBlock struct {
	sumW, sumWT float64
	n           int
}

func (p *pava) reset() { p.blocks, p.of, p.done = p.blocks[:0], p.of[:0], false }

func (p *pava) add(t, w float64) {
	p.blocks = append(p.blocks, pavaBlock{w, w * t, 1})
	for k := len(p.blocks); k >= 2; k = len(p.blocks) {
		a, c := p.blocks[k-2], p.blocks[k-1]
		if a.sumWT/a.sumW <= c.sumWT/c.sumW {
			break
		}
		p.blocks[k-2] = pavaBlock{a.sumW + c.sumW, a.sumWT + c.sumWT, a.n + c.n}
		p.blocks = p.blocks[:k-1]
	}
}

func (p *pava) value(i int) int {
	if !p.done {
		for bi, bl := range p.blocks {
			for j := 0; j < bl.n; j++ {
				p.of = append(p.of, bi)
			}
		}
		p.done = true
	}
	bl := p.blocks[p.of[i]]
	return int(math.Round(bl.sumWT / bl.sumW))
}
