package flowgraph

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"

	"flowsmith/flowgraph/flowgen"
)

// TestStartsAndEnds: the node builder lists the start and end nodes in file
// order, whatever their number, in each file form; Start is the first start.
func TestStartsAndEnds(t *testing.T) {
	for _, tc := range []struct {
		name, src    string
		starts, ends []int
	}{
		{"none", `[{"id": "a", "type": "conversation"}]`, nil, nil},
		{"one each", `[{"id": "s", "type": "start"}, {"id": "a", "type": "conversation"}, {"id": "e", "type": "end"}]`, []int{0}, []int{2}},
		{"several", `[{"id": "e1", "type": "end"}, {"id": "s1", "type": "start"}, {"id": "s2", "type": "start"}, {"id": "e2", "type": "end"}]`, []int{1, 2}, []int{0, 3}},
		{"session body", `{"flow": [{"id": "s", "type": "start"}, {"id": "e", "type": "end"}]}`, []int{0}, []int{1}},
		{"legacy", `{"nodes": [{"id": "s", "type": "start"}, {"id": "e", "type": "end"}], "edges": []}`, []int{0}, []int{1}},
		{"type not a string", `[{"id": "s", "type": ["start"]}, {"id": "e", "type": "end "}]`, nil, nil},
	} {
		d, err := Parse("f.json", []byte(tc.src))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !slices.Equal(d.Starts(), tc.starts) || !slices.Equal(d.Ends(), tc.ends) {
			t.Errorf("%s: starts %v ends %v, want %v %v", tc.name, d.Starts(), d.Ends(), tc.starts, tc.ends)
		}
		want := -1
		if len(tc.starts) > 0 {
			want = tc.starts[0]
		}
		if got := d.Start(); got != want {
			t.Errorf("%s: Start() = %d, want %d", tc.name, got, want)
		}
	}
}

// TestReachMarks: Reachable and CanReachEnd mark what a plain search marks,
// on generated flows and on a hub whose hundreds of outcomes overfill the
// search's first queue while it is part way round.
func TestReachMarks(t *testing.T) {
	var hub strings.Builder
	hub.WriteString(`[{"id": "start", "type": "start", "outcome": "hub"},
 {"id": "hub", "type": "conversation", "prompt": "Say: Pick one.", "outcomes": [`)
	for i := range 300 {
		fmt.Fprintf(&hub, `%s{"id": "o%d", "targetNodeId": "leaf%d", "condition": "pick %d"}`, map[bool]string{true: ",", false: ""}[i > 0], i, i, i)
	}
	hub.WriteString("]}")
	for i := range 300 { // leaf i → tail i → end, so that a leaf lost from the queue loses its tail
		target := "end"
		if i%7 == 0 {
			target = fmt.Sprintf("tail%d", i) // a self-loop: never reaches an end
		}
		fmt.Fprintf(&hub, `, {"id": "leaf%d", "type": "conversation", "prompt": "Say: Fine.", "outcomes": [{"id": "on", "targetNodeId": "tail%d", "condition": ""}]}`, i, i)
		fmt.Fprintf(&hub, `, {"id": "tail%d", "type": "conversation", "prompt": "Say: Good.", "outcomes": [{"id": "on", "targetNodeId": %q, "condition": ""}]}`, i, target)
	}
	hub.WriteString(`, {"id": "island", "type": "end"}, {"id": "end", "type": "end"}]`)
	flows := map[string][]byte{"hub": []byte(hub.String()), "gen 1000": flowgen.Flow(1000), "gen 5000": flowgen.Flow(5000)}
	for name, src := range flows {
		d, err := Parse(name, src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got, want := d.Reachable(), plainSearch(len(d.Nodes), []int{d.Start()}, d.Successors); !slices.Equal(got, want) {
			t.Errorf("%s: Reachable marks %d nodes, a plain search %d", name, count(got), count(want))
		}
		if got, want := d.CanReachEnd(), plainSearch(len(d.Nodes), d.Ends(), d.Predecessors); !slices.Equal(got, want) {
			t.Errorf("%s: CanReachEnd marks %d nodes, a plain search %d", name, count(got), count(want))
		}
	}
}

// plainSearch marks what a depth-first search from roots along next reaches.
func plainSearch(n int, roots []int, next func(int) []int) []bool {
	seen := make([]bool, n)
	var visit func(int)
	visit = func(i int) {
		if seen[i] {
			return
		}
		seen[i] = true
		for _, s := range next(i) {
			visit(s)
		}
	}
	for _, r := range roots {
		visit(r)
	}
	return seen
}

func count(marks []bool) (n int) {
	for _, m := range marks {
		if m {
			n++
		}
	}
	return n
}

// TestAdjacency checks the link index both ways on a flow with a repeated
// target, a self-loop, a dangling target and a node nothing links to.
func TestAdjacency(t *testing.T) {
	d, err := Parse("g.json", []byte(`[
 {"id": "start", "type": "start", "outcome": "ask"},
 {"id": "ask", "type": "conversation", "prompt": "Say: Ready?", "outcomes": [
   {"id": "yes", "targetNodeId": "end", "condition": "yes"},
   {"id": "again", "targetNodeId": "ask", "condition": "unclear"},
   {"id": "no", "targetNodeId": "end", "condition": "no"},
   {"id": "lost", "targetNodeId": "nowhere", "condition": "other"}]},
 {"id": "orphan", "type": "conversation", "prompt": "Say: Hi.", "outcomes": [
   {"id": "on", "targetNodeId": "end", "condition": ""}]},
 {"id": "end", "type": "end"}]`))
	if err != nil {
		t.Fatal(err)
	}
	succ := map[string][]int{"start": {1}, "ask": {3, 1}, "orphan": {3}, "end": nil}
	pred := map[string][]int{"start": nil, "ask": {0, 1}, "orphan": nil, "end": {1, 2}}
	for i, n := range d.Nodes {
		if got := d.Successors(i); !slices.Equal(got, succ[n.ID]) {
			t.Errorf("Successors(%s) = %v, want %v", n.ID, got, succ[n.ID])
		}
		if got := d.Predecessors(i); !slices.Equal(got, pred[n.ID]) {
			t.Errorf("Predecessors(%s) = %v, want %v", n.ID, got, pred[n.ID])
		}
	}
	// The rows share one array: appending to one must not overwrite the next.
	_ = append(d.Successors(0), 99)
	_ = append(d.Predecessors(1), 99)
	_ = append(d.Predecessors(2), 99) // an empty row, just before end's
	if got := d.Successors(1); !slices.Equal(got, succ["ask"]) {
		t.Errorf("an append to the row before changed Successors(ask) to %v", got)
	}
	if got := d.Predecessors(2); got != nil && len(got) != 0 {
		t.Errorf("an append to the row before changed Predecessors(orphan) to %v", got)
	}
	if got := d.Predecessors(3); !slices.Equal(got, pred["end"]) {
		t.Errorf("Predecessors(end) = %v after appends", got)
	}
}

// TestBuildInParts: a document whose nodes are built in parts side by side
// is the one built in a single pass: nodes, links, ids, starts and ends.
func TestBuildInParts(t *testing.T) {
	defer func(n, procs int) { buildPartNodes = n; runtime.GOMAXPROCS(procs) }(buildPartNodes, runtime.GOMAXPROCS(4))
	dup := `[{"id": "start", "type": "start", "outcome": "a"}, {"id": "a", "type": "end"},
 {"id": "a", "type": "conversation", "prompt": "Say: Hi.", "outcomes": [{"id": "x", "targetNodeId": "start", "condition": ""}]},
 {"id": "b", "type": "start"}, {"id": "c", "type": "end"}]`
	flows := map[string][]byte{"gen": flowgen.Flow(3000), "dup": []byte(dup), "body": []byte(`{"flow": ` + dup + `}`)}
	for name, src := range flows {
		buildPartNodes = 1 << 30
		whole, err := Parse(name, src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		buildPartNodes = 1 // as many parts as processors
		parts, _ := Parse(name, src)
		sameDocument(t, parts, whole)
		if parts.NodeByID("a") != whole.NodeByID("a") || parts.HasDuplicateIDs() != whole.HasDuplicateIDs() {
			t.Errorf("%s: id index differs", name)
		}
	}
}
