package tui

import (
	"fmt"
	"runtime"
	"testing"

	tea "charm.land/bubbletea/v2"

	"flowsmith/flowgraph/flowgen"
)

// Keystroke to new frame: Update + View, as the program does for each key.
// "nav" moves the selection; "edit" toggles a field, which re-parses and
// re-validates the whole document before the frame is drawn; "type" is a key
// typed into a text field.

func benchModel(b *testing.B, n int) Model { return benchModelOf(b, flowgen.Flow(n)) }

// benchModelOf is the editor on src at 140×45, one frame drawn.
func benchModelOf(b *testing.B, src []byte) Model {
	b.Helper()
	m := New(Options{Path: "bench.json", Src: src, Dark: true})
	m.Update(tea.WindowSizeMsg{Width: 140, Height: 45})
	m.View()
	return m
}

func frame(m Model, k tea.KeyPressMsg) {
	m.Update(k)
	m.View()
}

func benchKeystroke(b *testing.B, n int) {
	b.Run("nav", func(b *testing.B) {
		m := benchModel(b, n)
		down, up := keyMsg("j"), keyMsg("k")
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if i%2 == 0 {
				frame(m, down)
			} else {
				frame(m, up)
			}
			i++
		}
	})
	b.Run("edit", func(b *testing.B) {
		m := benchModel(b, n)
		frame(m, keyMsg("j")) // greeting_0
		frame(m, keyMsg("2"))
		m.editor.FocusPointer(m.ctx.Doc.Nodes[m.ctx.sel].Ptr + "/doesNotRequireReply")
		space := keyMsg("space")
		b.ReportAllocs()
		for b.Loop() {
			frame(m, space) // toggles the boolean: one edit, one re-validation
		}
		if m.ctx.Hist.Len() == 0 {
			b.Fatal("no edit happened")
		}
	})
	// The same edit on a node near the end of the file, where only that node
	// is parsed again (flowgraph's single-node re-parse).
	b.Run("edit-late", func(b *testing.B) {
		m := benchModel(b, n)
		m.ctx.SelectID(fmt.Sprintf("greeting_%d", n*9/20)) // about 90% down the file
		frame(m, keyMsg("2"))
		m.editor.FocusPointer(m.ctx.Doc.Nodes[m.ctx.sel].Ptr + "/doesNotRequireReply")
		space := keyMsg("space")
		b.ReportAllocs()
		for b.Loop() {
			frame(m, space)
		}
		if m.ctx.Hist.Len() == 0 {
			b.Fatal("no edit happened")
		}
	})
	b.Run("type", func(b *testing.B) {
		m := benchModel(b, n)
		frame(m, keyMsg("j"))
		frame(m, keyMsg("2"))
		m.editor.FocusPointer(m.ctx.Doc.Nodes[m.ctx.sel].Ptr + "/prompt")
		frame(m, keyMsg("enter"))
		a, bs := keyMsg("a"), keyMsg("backspace")
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if i%2 == 0 {
				frame(m, a)
			} else {
				frame(m, bs)
			}
			i++
		}
	})
}

func BenchmarkKeystroke1k(b *testing.B)  { benchKeystroke(b, 1000) }
func BenchmarkKeystroke10k(b *testing.B) { benchKeystroke(b, 10000) }

// BenchmarkOpen10k is opening a 10,000-node file: to its first frame (nodes
// and editor drawn, findings on their way), and to the frame with findings.
func BenchmarkOpen10k(b *testing.B) {
	src := flowgen.Flow(10000)
	b.Run("first-frame", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m := New(Options{Path: "bench.json", Src: src, Dark: true})
			m.Update(tea.WindowSizeMsg{Width: 140, Height: 45})
			m.View()
		}
	})
	b.Run("with-findings", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m := New(Options{Path: "bench.json", Src: src, Dark: true})
			m.Update(tea.WindowSizeMsg{Width: 140, Height: 45})
			m.View()
			m.Update(m.initCmd())
			m.View()
			if m.ctx.Validating {
				b.Fatal("findings not installed")
			}
		}
	})
}

// BenchmarkMemory10k reports the live heap of an open 10,000-node flow after a
// few edits (undo history included), in MB.
func BenchmarkMemory10k(b *testing.B) {
	src := flowgen.Flow(10000)
	var heap uint64
	for b.Loop() {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		m := New(Options{Path: "bench.json", Src: src, Dark: true})
		m.Update(tea.WindowSizeMsg{Width: 140, Height: 45})
		frame(m, keyMsg("j"))
		frame(m, keyMsg("2"))
		m.editor.FocusPointer(m.ctx.Doc.Nodes[m.ctx.sel].Ptr + "/doesNotRequireReply")
		for range 5 {
			frame(m, keyMsg("space"))
		}
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		heap = after.HeapAlloc - min(before.HeapAlloc, after.HeapAlloc)
		runtime.KeepAlive(m)
	}
	b.ReportMetric(float64(heap)/(1<<20), "MB-live")
}
