package draw

import (
	"slices"
	"strings"
	"testing"

	"flowsmith/flowgraph/layout"
)

// crop cuts a view out of lines drawn whole (every rune one cell wide, as in
// the examples), padding with blanks outside.
func crop(lines []string, v layout.Rect) []string {
	out := make([]string, v.H)
	for y := range v.H {
		var row []rune
		if yy := v.Y + y; yy >= 0 && yy < len(lines) {
			row = []rune(lines[yy])
		}
		var b strings.Builder
		for x := range v.W {
			if xx := v.X + x; xx >= 0 && xx < len(row) {
				b.WriteRune(row[xx])
			} else {
				b.WriteByte(' ')
			}
		}
		out[y] = b.String()
	}
	return out
}

// A viewport is exactly the matching part of the whole drawing, selection
// included, wherever it cuts the selected box.
func TestViewportIsCrop(t *testing.T) {
	for _, path := range []string{"../../examples/kyc-document.json", "../../examples/broken/dangling-target.json"} {
		d := load(t, path)
		for _, ascii := range []bool{false, true} {
			dr, err := Build(d, Options{ASCII: ascii})
			if err != nil {
				t.Fatal(err)
			}
			for doc := range d.Nodes {
				dr.Select(doc)
				whole := dr.All()
				b, _ := dr.Box(doc)
				for _, v := range []layout.Rect{
					rect(b.X, b.Y, b.W, b.H),         // exactly the box
					rect(b.X+1, b.Y+1, b.W-2, 2),     // its inside: no border
					rect(b.X-3, b.Y-2, 5, 4),         // its top-left corner
					rect(b.X+b.W-2, b.Y+2, 6, 5),     // its bottom-right corner
					rect(b.X+2, b.Y+3, b.W, 1),       // its bottom border only
					rect(b.X-10, b.Y-10, b.W+20, 12), // around its top
					rect(-5, -5, 20, 8),              // off the drawing
				} {
					if v.W <= 0 || v.H <= 0 {
						continue
					}
					if got, want := dr.Lines(v), crop(whole, v); !slices.Equal(got, want) {
						t.Fatalf("%s node %d view %+v:\n got %q\nwant %q", path, doc, v, got, want)
					}
				}
			}
		}
	}
}

func TestDrawingAPI(t *testing.T) {
	d := load(t, "../../examples/broken/dangling-target.json")
	dr, err := Build(d, Options{Selected: "liveness"})
	if err != nil {
		t.Fatal(err)
	}
	if dr.Len() != len(d.Nodes)+1 {
		t.Errorf("Len %d, want the %d nodes and one missing node", dr.Len(), len(d.Nodes))
	}
	if got := dr.Selected(); got != d.NodeByID("liveness") {
		t.Errorf("Selected %d", got)
	}
	w, h := dr.Size()
	for doc := range d.Nodes {
		b, ok := dr.Box(doc)
		if !ok || b.X < 0 || b.Y < 0 || b.X+b.W > w || b.Y+b.H > h {
			t.Errorf("node %d: box %+v in %dx%d", doc, b, w, h)
		}
		if got := dr.NodeAt(b.X+1, b.Y+1); got != doc {
			t.Errorf("NodeAt inside node %d's box = %d", doc, got)
		}
		if !dr.Has(doc) {
			t.Errorf("node %d is not drawn", doc)
		}
		// Center puts the box in the middle of a small view.
		v := dr.Center(doc, 30, 10)
		if v.W != 30 || v.H != 10 || v.X < 0 || v.Y < 0 || v.X+v.W > max(w, 30) || v.Y+v.H > max(h, 10) {
			t.Errorf("Center(%d) = %+v", doc, v)
		}
		if !v.Intersects(b) {
			t.Errorf("Center(%d) = %+v misses the box %+v", doc, v, b)
		}
	}
	missing := dr.Layout.Box(len(d.Nodes))
	if got := dr.NodeAt(missing.X+1, missing.Y+1); got != -1 {
		t.Errorf("NodeAt on the missing node = %d, want -1", got)
	}
	if dr.Doc(len(d.Nodes)) != -1 || dr.Doc(-1) != -1 || dr.Doc(1000) != -1 {
		t.Error("Doc of a missing node or out of range is not -1")
	}
	if _, ok := dr.Box(1000); ok || dr.Has(-1) {
		t.Error("Box/Has out of range")
	}
	dr.Select(-1)
	if dr.Selected() != -1 || strings.Contains(strings.Join(dr.All(), ""), "╔") {
		t.Error("Select(-1) left a selection")
	}
	dr.Select(d.NodeByID("greeting"))
	all := strings.Join(dr.All(), "\n")
	if strings.Count(all, "╔") != 1 || strings.Count(all, "╝") != 1 || !strings.Contains(all, "║ greeting") {
		t.Errorf("the selected box is not drawn double:\n%s", all)
	}

	// In a neighbourhood, nodes outside it are not drawn.
	dr, err = Build(d, Options{Focus: "end_success", Hops: 1})
	if err != nil {
		t.Fatal(err)
	}
	if dr.Has(d.NodeByID("start")) || !dr.Has(d.NodeByID("closing_success")) || dr.Focus() != d.NodeByID("end_success") {
		t.Errorf("neighbourhood of end_success: focus %d, len %d", dr.Focus(), dr.Len())
	}
	if v := dr.Center(d.NodeByID("start"), 10, 5); v != (layout.Rect{W: 10, H: 5}) {
		t.Errorf("Center of a node not drawn = %+v", v)
	}
}

// The Style hook gets the document index, mark and selection of each box.
func TestStyleHook(t *testing.T) {
	d := load(t, "../../examples/broken/dangling-target.json")
	type call struct {
		doc      int
		mark     Mark
		selected bool
	}
	seen := map[call]int{}
	dr, err := Build(d, Options{
		Marks:    map[string]Mark{"greeting": Warning},
		Selected: "liveness",
		Style: func(doc int, mark Mark, selected bool, s string) string {
			seen[call{doc, mark, selected}]++
			return "<" + s + ">"
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	lines := dr.All()
	for _, want := range []call{{d.NodeByID("greeting"), Warning, false}, {d.NodeByID("liveness"), None, true}, {-1, Error, false}, {0, None, false}} {
		if seen[want] != 4 {
			t.Errorf("style called %d times for %+v, want once per line of the box", seen[want], want)
		}
	}
	if !strings.Contains(strings.Join(lines, "\n"), "<╔═") {
		t.Error("the hook does not get the double border of the selected box")
	}
}

func TestTextEmptyFlow(t *testing.T) {
	d := docWithIDs(t)
	var b strings.Builder
	if err := Text(&b, d, Options{}); err != nil || b.Len() != 0 {
		t.Errorf("empty flow: %q, %v", b.String(), err)
	}
}

func TestDoubleBorder(t *testing.T) {
	for _, c := range []struct {
		in                string
		edge, left, right bool
		ascii             bool
		want              string
	}{
		{"┌──┬──┐", true, true, true, false, "╔══╤══╗"},
		{"│ ab │", false, true, true, false, "║ ab ║"},
		{"│ ab ", false, true, false, false, "║ ab "},
		{" ab │", false, false, true, false, " ab ║"},
		{"│ ─│─ │", false, true, true, false, "║ ─│─ ║"}, // text keeps its lines
		{"+--+--+", true, true, true, true, "#==#==#"},
		{"| a-b |", false, true, true, true, "# a-b #"},
		{"", true, true, true, false, ""},
	} {
		if got := doubleBorder(c.in, c.edge, c.left, c.right, c.ascii); got != c.want {
			t.Errorf("doubleBorder(%q, %v, %v, %v, %v) = %q, want %q", c.in, c.edge, c.left, c.right, c.ascii, got, c.want)
		}
	}
}

func rect(x, y, w, h int) layout.Rect { return layout.Rect{X: x, Y: y, W: w, H: h} }
