package validate

import (
	"testing"

	fg "flowsmith/flowgraph"
	"flowsmith/flowgraph/flowgen"
)

func benchValidate(b *testing.B, n int) {
	d, err := fg.Parse("gen.json", flowgen.Flow(n))
	if err != nil {
		b.Fatal(err)
	}
	if fs := Validate(d, Options{}); len(fs) != 0 {
		b.Fatalf("the generated flow has findings: %v", fs[0])
	}
	b.ReportAllocs()
	for b.Loop() {
		Validate(d, Options{})
	}
}

// Targets: 10,000 nodes in under 20 ms; 100,000 in under 12x that (linear).
func BenchmarkValidate1k(b *testing.B)   { benchValidate(b, 1000) }
func BenchmarkValidate10k(b *testing.B)  { benchValidate(b, 10000) }
func BenchmarkValidate100k(b *testing.B) { benchValidate(b, 100000) }
