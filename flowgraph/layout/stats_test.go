package layout

import "testing"

func TestStats(t *testing.T) {
	for _, n := range []int{1000, 10000} {
		g := flowLike(n, 1)
		b := newBuilder(g)
		b.breakCycles()
		b.assignLayers()
		b.buildChains()
		stubs, back := 0, 0
		for _, gr := range b.groups {
			if gr.stub {
				stubs++
			}
			if gr.back {
				back++
			}
		}
		maxW := 0
		cnt := make([]int, b.nLayers)
		for v := 0; v < b.nv; v++ {
			cnt[b.layer[v]]++
		}
		for _, c := range cnt {
			maxW = max(maxW, c)
		}
		t.Logf("n=%d edges=%d groups=%d back=%d layers=%d dummies=%d stubs=%d maxLayerSize=%d", n, len(g.Edges), len(b.groups), back, b.nLayers, b.nv-b.n, stubs, maxW)
	}
}
