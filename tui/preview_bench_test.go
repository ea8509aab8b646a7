package tui

import (
	"testing"

	fg "flowsmith/flowgraph"
	"flowsmith/flowgraph/flowgen"
)

// The preview at 140×45, pane 4 shown: the German tab of
// multilingual-session.json (7 spoken nodes), and a generated 1,000-node flow
// (about 340 spoken nodes, every text different).

func benchPreviewModel(b *testing.B, src []byte) (Model, *previewPane) {
	b.Helper()
	m := benchModelOf(b, src)
	m.Update(keyMsg("4"))
	m.Update(keyMsg("]"))
	m.View()
	return m, m.panes[panePreview].(*previewPane)
}

func benchSources(b *testing.B) map[string][]byte {
	return map[string][]byte{"multilingual": mustExample(b, "multilingual-session.json"), "flow1k": flowgen.Flow(1000)}
}

// BenchmarkPreviewFrame is a frame with nothing changed: the cached pane, and
// the whole screen around it.
func BenchmarkPreviewFrame(b *testing.B) {
	for name, src := range benchSources(b) {
		b.Run(name+"/pane", func(b *testing.B) {
			_, p := benchPreviewModel(b, src)
			b.ReportAllocs()
			for b.Loop() {
				p.View()
			}
		})
		b.Run(name+"/screen", func(b *testing.B) {
			m, _ := benchPreviewModel(b, src)
			b.ReportAllocs()
			for b.Loop() {
				m.View()
			}
		})
	}
}

// BenchmarkPreviewEdit is an edit of a spoken prompt and the next frame:
// "apply" is the edit alone (parse and re-validation, not the preview's),
// "apply+frame" adds the preview's re-layout (BuildPreview, one Glamour
// render for the changed block, the other blocks from the cache) and the
// frame; "relayout" is the re-layout with no text changed (all blocks
// cached).
func BenchmarkPreviewEdit(b *testing.B) {
	for name, src := range benchSources(b) {
		edit := func(m Model, i int) {
			c := m.ctx
			n := &c.Doc.Nodes[c.Order[1]] // the first node after start: a spoken one in both flows
			text := "Say: Hello {name}, welcome to the check."
			if i%2 == 1 {
				text = "Say: Hi {name}, welcome to the identity check."
			}
			if err := c.Apply(fg.SetValue(fg.Pointer(n.FieldsP, "prompt"), fg.NewString(text))); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(name+"/apply", func(b *testing.B) {
			m, _ := benchPreviewModel(b, src)
			m.Update(keyMsg("3")) // the preview is not drawn
			i := 0
			for b.Loop() {
				edit(m, i)
				i++
			}
		})
		b.Run(name+"/apply+frame", func(b *testing.B) {
			m, p := benchPreviewModel(b, src)
			b.ReportAllocs()
			i, renders := 0, p.md.renders
			for b.Loop() {
				edit(m, i)
				m.View()
				i++
			}
			b.ReportMetric(float64(p.md.renders-renders)/float64(i), "glamour/op")
		})
		b.Run(name+"/relayout", func(b *testing.B) {
			m, p := benchPreviewModel(b, src)
			b.ReportAllocs()
			for b.Loop() {
				m.ctx.generation++
				p.View()
			}
		})
	}
}

// BenchmarkPreviewFirstRender is opening the preview on a language for the
// first time: every block through Glamour.
func BenchmarkPreviewFirstRender(b *testing.B) {
	for name, src := range benchSources(b) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				benchPreviewModel(b, src)
			}
		})
	}
}
