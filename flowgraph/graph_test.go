package flowgraph

import (
	"slices"
	"testing"
)

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
