package flowgraph

import (
	"testing"

	"flowsmith/flowgraph/flowgen"
)

func benchParse(b *testing.B, n int) {
	src := flowgen.Flow(n)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("gen.json", src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse1k(b *testing.B)   { benchParse(b, 1000) }
func BenchmarkParse10k(b *testing.B)  { benchParse(b, 10000) }
func BenchmarkParse100k(b *testing.B) { benchParse(b, 100000) }

// BenchmarkEditUndo10k is one keystroke's worth of document work on a large
// flow: set a prompt (splice + reparse), then undo it.
func BenchmarkEditUndo10k(b *testing.B) {
	d, err := Parse("gen.json", flowgen.Flow(10000))
	if err != nil {
		b.Fatal(err)
	}
	h := &History{}
	b.ReportAllocs()
	for b.Loop() {
		nd, err := h.Do(d, SetValue("/1/prompt", NewString("Say: Hello there, welcome back.")))
		if err != nil {
			b.Fatal(err)
		}
		if d, _, err = h.Undo(nd); err != nil {
			b.Fatal(err)
		}
	}
}
