package layout

import "testing"

func benchCompute(b *testing.B, n int) {
	g := flowLike(n, 1)
	b.ReportAllocs()
	var l *Layout
	for b.Loop() {
		l = Compute(g)
	}
	b.ReportMetric(float64(l.Width), "cols")
	b.ReportMetric(float64(l.Height), "rows")
	b.ReportMetric(float64(l.Crossings()), "crossings")
}

func BenchmarkCompute1k(b *testing.B)  { benchCompute(b, 1000) }
func BenchmarkCompute10k(b *testing.B) { benchCompute(b, 10000) }

// BenchmarkRender1k draws the whole 1,000-node layout.
func BenchmarkRender1k(b *testing.B) {
	l := Compute(flowLike(1000, 1))
	b.ReportAllocs()
	for b.Loop() {
		l.Render(RenderOptions{})
	}
}

// BenchmarkRenderViewport10k draws a 200×60 window around a node of the
// 10,000-node layout, as the editor does.
func BenchmarkRenderViewport10k(b *testing.B) {
	l := Compute(flowLike(10000, 1))
	box := l.Box(5000)
	view := Rect{box.X - 100, box.Y - 30, 200, 60}
	b.ReportAllocs()
	for b.Loop() {
		l.RenderRect(view, RenderOptions{})
	}
}

// BenchmarkRender10k draws the whole 10,000-node layout.
func BenchmarkRender10k(b *testing.B) {
	l := Compute(flowLike(10000, 1))
	b.ReportAllocs()
	for b.Loop() {
		l.Render(RenderOptions{})
	}
}
