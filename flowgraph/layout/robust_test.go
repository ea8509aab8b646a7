package layout

import (
	"fmt"
	"strings"
	"testing"
)

// TestOddInputs: nothing panics, and what is promised still holds.
func TestOddInputs(t *testing.T) {
	chain := func(n int) Graph {
		g := Graph{Root: 0}
		for i := 0; i < n; i++ {
			g.Nodes = append(g.Nodes, Node{Label: fmt.Sprint(i)})
			if i > 0 {
				g.Edges = append(g.Edges, Edge{From: i - 1, To: i})
			}
		}
		return g
	}
	star := func(n int) Graph { // one node with n-1 children, all back to it
		g := Graph{Root: 0, Nodes: make([]Node, n)}
		for i := 1; i < n; i++ {
			g.Edges = append(g.Edges, Edge{From: 0, To: i, Label: "go"}, Edge{From: i, To: 0, Label: "back"})
		}
		return g
	}
	parallel := Graph{Root: 0, Nodes: make([]Node, 2)}
	for i := 0; i < 5000; i++ {
		parallel.Edges = append(parallel.Edges, Edge{From: 0, To: 1, Label: fmt.Sprint("k", i)}, Edge{From: 1, To: 1, Label: "self"})
	}
	huge := strings.Repeat("ö\t\x00界", 100000)
	cycle := chain(200)
	cycle.Edges = append(cycle.Edges, Edge{From: 199, To: 0, Label: "again"})
	complete := Graph{Root: 0, Nodes: make([]Node, 25)}
	for i := range 25 {
		for j := range 25 {
			complete.Edges = append(complete.Edges, Edge{From: i, To: j})
		}
	}
	cases := []struct {
		name  string
		g     Graph
		check bool // run the full (quadratic) invariant check
	}{
		{"empty", Graph{}, true},
		{"empty root 5", Graph{Root: 5}, true},
		{"one node no root", Graph{Root: -1, Nodes: []Node{{Label: "x"}}}, true},
		{"edges out of range", Graph{Root: 0, Nodes: make([]Node, 2), Edges: []Edge{{-1, 0, ""}, {0, 2, ""}, {5, -3, ""}, {0, 1, ""}}}, true},
		{"huge labels", Graph{Root: 0, Nodes: []Node{{huge, huge}, {"b", ""}}, Edges: []Edge{{0, 1, huge}, {1, 1, huge}, {1, 0, huge}}}, true},
		{"parallel and self", parallel, true},
		{"cycle", cycle, true},
		{"complete", complete, true},
		{"only cycles, no root", Graph{Root: -1, Nodes: make([]Node, 3), Edges: []Edge{{0, 1, ""}, {1, 2, ""}, {2, 0, ""}}}, true},
		{"deep chain", chain(20000), false},
		{"wide star", star(10000), false},
		{"flow 20k", flowLike(20000, 3), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := Compute(tc.g)
			if len(l.Boxes) != len(tc.g.Nodes) {
				t.Fatalf("%d boxes for %d nodes", len(l.Boxes), len(tc.g.Nodes))
			}
			if tc.check {
				if err := checkLayout(tc.g, l); err != nil {
					t.Fatal(err)
				}
			} else if err := checkLayers(tc.g, l); err != nil {
				t.Fatal(err)
			}
			// Views anywhere, even outside, have the asked size.
			for _, v := range []Rect{{-10, -10, 30, 5}, {l.Width - 5, l.Height - 2, 40, 7}, {0, 0, 0, 3}} {
				lines := l.RenderRect(v, RenderOptions{})
				if v.W <= 0 {
					if lines != nil {
						t.Errorf("empty view gave %d lines", len(lines))
					}
					continue
				}
				if len(lines) != v.H {
					t.Errorf("view %+v: %d lines", v, len(lines))
				}
				for _, s := range lines {
					if textWidth(s) != v.W {
						t.Errorf("view %+v: line %q is %d wide", v, s, textWidth(s))
					}
				}
			}
		})
	}
}

// TestWideRunes: East Asian labels take two cells and lines keep their width.
func TestWideRunes(t *testing.T) {
	g := Graph{Root: 0, Nodes: []Node{{"開始", "start"}, {"確認する", "conversation"}, {"終わり", "end"}},
		Edges: []Edge{{0, 1, "はい"}, {1, 2, "次へ"}, {1, 1, "もう一度"}}}
	l := Compute(g)
	for y, s := range l.Render(RenderOptions{}) {
		if textWidth(s) != l.Width {
			t.Fatalf("line %d %q is %d wide, want %d", y, s, textWidth(s), l.Width)
		}
	}
	// A view that cuts a wide rune in half shows a blank instead.
	b := l.Box(1)
	view := Rect{b.X + 3, b.Y + 1, 3, 1}
	if got := l.RenderRect(view, RenderOptions{})[0]; textWidth(got) != 3 {
		t.Fatalf("view %q is %d wide", got, textWidth(got))
	}
}

// TestStyle: Style wraps exactly the cells of each box.
func TestStyle(t *testing.T) {
	g := goldenCases[1].g // diamond
	l := Compute(g)
	plain := l.Render(RenderOptions{})
	styled := l.Render(RenderOptions{Style: func(node int, s string) string {
		return fmt.Sprintf("<%d>%s</>", node, s)
	}})
	for y := range plain {
		stripped := styled[y]
		for i := range g.Nodes {
			stripped = strings.ReplaceAll(stripped, fmt.Sprintf("<%d>", i), "")
		}
		if stripped = strings.ReplaceAll(stripped, "</>", ""); stripped != plain[y] {
			t.Fatalf("line %d: styled %q, plain %q", y, styled[y], plain[y])
		}
	}
	b := l.Box(2)
	line := styled[b.Y+1]
	if !strings.Contains(line, "<2>│ yes ") {
		t.Errorf("box 2 not styled on its label line: %q", line)
	}
	if got := strings.Count(strings.Join(styled, "\n"), "<2>"); got != b.H {
		t.Errorf("box 2 styled in %d runs, want one per line (%d)", got, b.H)
	}
}

// TestNodeAt: every box cell maps back to its node.
func TestNodeAt(t *testing.T) {
	l := Compute(goldenCases[2].g)
	for i, b := range l.Boxes {
		for _, p := range []Point{{b.X, b.Y}, {b.X + b.W - 1, b.Y + b.H - 1}} {
			if got := l.NodeAt(p.X, p.Y); got != i {
				t.Errorf("NodeAt(%v) = %d, want %d", p, got, i)
			}
		}
	}
	if got := l.NodeAt(-1, -1); got != -1 {
		t.Errorf("NodeAt outside = %d", got)
	}
	if l.Box(-1) != (Rect{}) || l.Box(len(l.Boxes)) != (Rect{}) || l.RouteOf(-1) != -1 {
		t.Errorf("out-of-range accessors should give zero values")
	}
}
