package tui

// The graph pane's frame budget and its benchmarks on a 10,000-node flow.

import (
	"slices"
	"testing"
	"time"

	"flowsmith/flowgraph/flowgen"
)

// Only the viewport is rendered: a frame of a 10,000-node flow stays far
// below a 60 Hz frame (16 ms) even without the frame cache. The median is
// checked, not the worst frame, so that a GC pause or a busy machine does not
// fail it; a frame that rendered the whole drawing would take tens of ms.
func TestGraphFrameBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("large flow")
	}
	m, p := graphOf(t, Options{Path: "big.json"}, flowgen.Flow(10000), 138, 43)
	p.chosen, p.whole = true, true
	selectID(t, m.ctx, "greeting_2500")
	p.View()
	var times []time.Duration
	for k := range 21 {
		start := time.Now()
		p.press([]string{"l", "h"}[k%2])
		p.View()
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	if med := times[len(times)/2]; med > 4*time.Millisecond {
		t.Errorf("median frame of a 10k-node flow took %v (all: %v)", med, times)
	}
}

func benchGraph(b *testing.B, whole bool) (*Context, *graphPane) {
	m, p := graphOf(b, Options{Path: "bench.json"}, flowgen.Flow(10000), 138, 43)
	p.chosen, p.whole, p.hops = true, whole, defaultHops
	m.ctx.Select(m.ctx.Doc.NodeByID("liveness_2000"))
	p.View()
	return m.ctx, p
}

// BenchmarkGraphFrame: one frame after a pan (the frame cache cannot help).
func BenchmarkGraphFrame(b *testing.B) {
	for _, whole := range []bool{true, false} {
		b.Run(map[bool]string{true: "whole10k", false: "hops10k"}[whole], func(b *testing.B) {
			_, p := benchGraph(b, whole)
			l, h := keyMsg("l"), keyMsg("h")
			b.ReportAllocs()
			k := 0
			for b.Loop() {
				if k%2 == 0 {
					p.Update(l)
				} else {
					p.Update(h)
				}
				k++
				p.lastFrame = "" // a new frame even when the view could not move
				p.View()
			}
		})
	}
}

// BenchmarkGraphSelect: the selection moves elsewhere (the nodes list): whole
// flow re-centres only; a neighbourhood is laid out again.
func BenchmarkGraphSelect(b *testing.B) {
	for _, whole := range []bool{true, false} {
		b.Run(map[bool]string{true: "whole10k", false: "hops10k"}[whole], func(b *testing.B) {
			c, p := benchGraph(b, whole)
			a, z := c.Doc.NodeByID("greeting_100"), c.Doc.NodeByID("greeting_4000")
			b.ReportAllocs()
			k := 0
			for b.Loop() {
				c.Select([]int{a, z}[k%2])
				k++
				p.View()
			}
		})
	}
}

// BenchmarkGraphRelayout: a new document version (an edit) and the frame
// after it.
func BenchmarkGraphRelayout(b *testing.B) {
	for _, whole := range []bool{true, false} {
		b.Run(map[bool]string{true: "whole10k", false: "hops10k"}[whole], func(b *testing.B) {
			c, p := benchGraph(b, whole)
			b.ReportAllocs()
			for b.Loop() {
				c.generation++
				p.View()
			}
		})
	}
}
