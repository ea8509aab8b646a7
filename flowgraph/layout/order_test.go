package layout

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestCrossingCount compares the Fenwick-tree count with a brute-force one.
func TestCrossingCount(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for i := 0; i < 200; i++ {
		b := newBuilder(randomGraph(r))
		b.breakCycles()
		b.assignLayers()
		b.buildChains()
		b.initOrder()
		for _, layer := range b.layers { // any order will do: shuffle
			r.Shuffle(len(layer), func(i, j int) { layer[i], layer[j] = layer[j], layer[i] })
			for p, v := range layer {
				b.pos[v] = p
			}
		}
		if got, want := b.countCrossings(), bruteCrossings(b); got != want {
			t.Fatalf("graph %d: countCrossings = %d, brute force = %d", i, got, want)
		}
	}
}

func bruteCrossings(b *builder) int {
	n := 0
	for i, s := range b.segs {
		for _, o := range b.segs[i+1:] {
			if b.layer[s.u] != b.layer[o.u] {
				continue
			}
			du, dv := b.pos[s.u]-b.pos[o.u], b.pos[s.v]-b.pos[o.v]
			if du*dv < 0 {
				n++
			}
		}
	}
	return n
}

// TestOrderingRemovesCrossings: graphs that can be drawn without crossings
// are, even when their edges are listed in a tangled order.
func TestOrderingRemovesCrossings(t *testing.T) {
	tangled := flow(0, []string{"s", "a", "b", "c", "x", "y", "z"},
		"s>a", "s>b", "s>c", "a>z", "b>y", "c>x") // the order of x y z reversed
	ladder := flow(0, []string{"s", "a1", "b1", "a2", "b2", "a3", "b3"},
		"s>b1", "s>a1", "a1>b2", "b1>a2", "a2>b3", "b2>a3")
	for _, tc := range []struct {
		name string
		g    Graph
	}{{"tangled", tangled}, {"ladder", ladder}} {
		if c := Compute(tc.g).Crossings(); c != 0 {
			t.Errorf("%s: %d crossings, want 0", tc.name, c)
		}
	}
	for _, tc := range goldenCases {
		if c := Compute(tc.g).Crossings(); c != 0 {
			t.Errorf("%s: %d crossings, want 0", tc.name, c)
		}
	}
	// K3,3 cannot be drawn in two layers without crossings.
	k33 := flow(0, []string{"s", "a", "b", "c", "x", "y", "z"}, "s>a", "s>b", "s>c",
		"a>x", "a>y", "a>z", "b>x", "b>y", "b>z", "c>x", "c>y", "c>z")
	if c := Compute(k33).Crossings(); c == 0 {
		t.Errorf("K3,3 reported without crossings")
	}
}

// TestSweepsHelp: the barycenter sweeps never make the initial order worse,
// and improve it on some random graphs.
func TestSweepsHelp(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	better := 0
	for i := 0; i < 100; i++ {
		b := newBuilder(randomGraph(r))
		b.breakCycles()
		b.assignLayers()
		b.buildChains()
		b.initOrder()
		before := b.countCrossings()
		b.order()
		if b.crossings > before || b.crossings != b.countCrossings() {
			t.Fatalf("graph %d: %d crossings before the sweeps, %d (counted %d) after", i, before, b.crossings, b.countCrossings())
		}
		if b.crossings < before {
			better++
		}
	}
	if better == 0 {
		t.Errorf("the sweeps never removed a crossing")
	}
}

// TestNeighbourhood checks hops in both directions and the mapping.
func TestNeighbourhood(t *testing.T) {
	// 0 -> 1 -> 2 -> 3 -> 4, and 5 -> 2, 3 -> 1 (retry)
	g := Graph{Root: 0, Nodes: make([]Node, 6), Edges: []Edge{
		{0, 1, "a"}, {1, 2, "b"}, {2, 3, "c"}, {3, 4, "d"}, {5, 2, "e"}, {3, 1, "r"}, {9, 2, "bad"}}}
	for i := range g.Nodes {
		g.Nodes[i].Label = string(rune('A' + i))
	}
	tests := []struct {
		center, hops int
		want         []int
		root         int
	}{
		{2, 0, []int{2}, -1},
		{2, 1, []int{1, 2, 3, 5}, -1},
		{2, 2, []int{0, 1, 2, 3, 4, 5}, 0},
		{0, 1, []int{0, 1}, 0},
		{-1, 3, nil, -1},
		{6, 3, nil, -1},
	}
	for _, tc := range tests {
		sub, mapping := Neighbourhood(g, tc.center, tc.hops)
		if !slices.Equal(mapping, tc.want) {
			t.Errorf("Neighbourhood(%d, %d) = %v, want %v", tc.center, tc.hops, mapping, tc.want)
			continue
		}
		if sub.Root != tc.root || len(sub.Nodes) != len(mapping) {
			t.Errorf("Neighbourhood(%d, %d): root %d, %d nodes", tc.center, tc.hops, sub.Root, len(sub.Nodes))
		}
		for i, v := range mapping {
			if sub.Nodes[i] != g.Nodes[v] {
				t.Errorf("node %d is %v, want %v", i, sub.Nodes[i], g.Nodes[v])
			}
		}
		for _, e := range sub.Edges {
			found := false
			for _, o := range g.Edges {
				found = found || (o.From == mapping[e.From] && o.To == mapping[e.To] && o.Label == e.Label)
			}
			if !found {
				t.Errorf("edge %+v of the subgraph is not in g", e)
			}
		}
	}
	// 1 hop around 2 keeps 1->2, 2->3, 5->2 and the retry 3->1.
	sub, _ := Neighbourhood(g, 2, 1)
	if len(sub.Edges) != 4 {
		t.Errorf("1 hop around 2: %d edges, want 4: %+v", len(sub.Edges), sub.Edges)
	}
	if err := checkLayout(sub, Compute(sub)); err != nil {
		t.Error(err)
	}
	// A hub (node 1 with many leaves) is included but not walked through.
	hub := Graph{Root: 0, Nodes: make([]Node, 3+HubDegree)}
	hub.Edges = append(hub.Edges, Edge{0, 1, ""}, Edge{1, 2, ""})
	for v := 3; v < len(hub.Nodes); v++ {
		hub.Edges = append(hub.Edges, Edge{v, 2, ""})
	}
	if _, m := Neighbourhood(hub, 0, 3); !slices.Equal(m, []int{0, 1, 2}) {
		t.Errorf("around 0: %v, want [0 1 2] (2 is a hub)", m)
	}
	if _, m := Neighbourhood(hub, 2, 1); len(m) != len(hub.Nodes)-1 {
		t.Errorf("around the hub itself: %d nodes, want %d", len(m), len(hub.Nodes)-1)
	}
}
