package draw

import (
	"io"
	"testing"

	"flowsmith/flowgraph"
	"flowsmith/flowgraph/flowgen"
	"flowsmith/flowgraph/layout"
)

func flow10k(b *testing.B) *flowgraph.Document {
	b.Helper()
	d, err := flowgraph.Parse("flowgen.json", flowgen.Flow(10000))
	if err != nil {
		b.Fatal(err)
	}
	if len(d.Nodes) < 9990 {
		b.Fatalf("flowgen gave %d nodes", len(d.Nodes))
	}
	return d
}

// BenchmarkLayout10k lays out a 10,000-node flow: the graph from the document
// and layout.Compute (the budget: under 100 ms).
func BenchmarkLayout10k(b *testing.B) {
	d := flow10k(b)
	b.ReportAllocs()
	var l *layout.Layout
	for b.Loop() {
		l = layout.Compute(FromDocument(d))
	}
	b.ReportMetric(float64(l.Width), "cols")
	b.ReportMetric(float64(l.Height), "rows")
}

// BenchmarkBuild10k is what the editor does once per edit: Build (model,
// marks, layout) for a 10,000-node flow.
func BenchmarkBuild10k(b *testing.B) {
	d := flow10k(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(d, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkViewport10k draws a 140×45 view around a node in the middle, with
// a selection and colours, as the graph pane does on every frame.
func BenchmarkViewport10k(b *testing.B) {
	d := flow10k(b)
	dr, err := Build(d, Options{Color: true, Marks: map[string]Mark{"liveness_2500": Error}})
	if err != nil {
		b.Fatal(err)
	}
	doc := d.NodeByID("liveness_2500")
	dr.Select(doc)
	view := dr.Center(doc, 140, 45)
	b.ReportAllocs()
	for b.Loop() {
		dr.Lines(view)
	}
}

// BenchmarkText10k lays out and writes the whole 10,000-node drawing.
func BenchmarkText10k(b *testing.B) {
	d := flow10k(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := Text(io.Discard, d, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDOT10k(b *testing.B) {
	d := flow10k(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := DOT(io.Discard, d, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMermaid10k(b *testing.B) {
	d := flow10k(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := Mermaid(io.Discard, d, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFocus10k: the neighbourhood of a node of a 10,000-node flow, laid out.
func BenchmarkFocus10k(b *testing.B) {
	d := flow10k(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(d, Options{Focus: "liveness_2500", Hops: 3}); err != nil {
			b.Fatal(err)
		}
	}
}
