package flowgraph

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// sameDocument fails t when the incrementally built document differs from a
// full parse of the same bytes in anything a caller can see.
func sameDocument(t *testing.T, got, want *Document) {
	t.Helper()
	if got.Form != want.Form || got.FlowPtr != want.FlowPtr || got.Style != want.Style || got.LineCount() != want.LineCount() {
		t.Fatalf("form/style/lines differ: %v %q %+v %d, want %v %q %+v %d", got.Form, got.FlowPtr, got.Style, got.LineCount(), want.Form, want.FlowPtr, want.Style, want.LineCount())
	}
	if !slices.Equal(got.Starts(), want.Starts()) || !slices.Equal(got.Ends(), want.Ends()) {
		t.Fatalf("starts %v ends %v, want %v %v", got.Starts(), got.Ends(), want.Starts(), want.Ends())
	}
	if len(got.Duplicates) != len(want.Duplicates) || got.HasDuplicateIDs() != want.HasDuplicateIDs() {
		t.Fatalf("duplicates: %+v %v, want %+v %v", got.Duplicates, got.HasDuplicateIDs(), want.Duplicates, want.HasDuplicateIDs())
	}
	for i := range got.Duplicates {
		if got.Duplicates[i] != want.Duplicates[i] {
			t.Fatalf("duplicate %d: %+v, want %+v", i, got.Duplicates[i], want.Duplicates[i])
		}
	}
	if p := sameTree(got.Root, want.Root); p != "" {
		t.Fatalf("trees differ at %s", p)
	}
	if got.Flow != got.Lookup(got.FlowPtr) {
		t.Fatal("Flow is not the root's node array")
	}
	if len(got.Nodes) != len(want.Nodes) {
		t.Fatalf("%d nodes, want %d", len(got.Nodes), len(want.Nodes))
	}
	for i := range got.Nodes {
		g, w := &got.Nodes[i], &want.Nodes[i]
		if g.Index != w.Index || g.Ptr != w.Ptr || g.ID != w.ID || g.Type != w.Type || g.Def != w.Def || g.FieldsP != w.FieldsP {
			t.Fatalf("node %d: %+v, want %+v", i, g, w)
		}
		if g.Value != got.Flow.Items[i] || sameTree(g.Fields, w.Fields) != "" {
			t.Fatalf("node %d does not point at its value", i)
		}
		if len(g.Edges) != len(w.Edges) {
			t.Fatalf("node %d: %d edges, want %d", i, len(g.Edges), len(w.Edges))
		}
		for j := range g.Edges {
			ge, we := g.Edges[j], w.Edges[j]
			if got.Lookup(ge.Ptr) != ge.Value || sameTree(ge.Value, we.Value) != "" {
				t.Fatalf("node %d edge %d: value is not the one at %s", i, j, ge.Ptr)
			}
			ge.Value, we.Value = nil, nil
			if ge != we {
				t.Fatalf("node %d edge %d: %+v, want %+v", i, j, ge, we)
			}
		}
		if id := want.Nodes[i].ID; got.NodeByID(id) != want.NodeByID(id) {
			t.Fatalf("NodeByID(%q) differs", id)
		}
	}
}

// sameTree returns "" when two trees are equal, offsets included, or the
// place where they part.
func sameTree(a, b *Value) string {
	switch {
	case a == nil || b == nil:
		if a != b {
			return "nil"
		}
		return ""
	case a.Kind != b.Kind || a.Start != b.Start || a.End != b.End || a.Str != b.Str:
		return "offset " + itoa(b.Start)
	case len(a.Members) != len(b.Members) || len(a.Items) != len(b.Items) || (a.Members == nil) != (b.Members == nil):
		return "children of " + itoa(b.Start)
	}
	for i := range a.Members {
		if a.Members[i].Key != b.Members[i].Key || a.Members[i].KeyStart != b.Members[i].KeyStart {
			return "key at " + itoa(b.Members[i].KeyStart)
		}
		if p := sameTree(a.Members[i].Value, b.Members[i].Value); p != "" {
			return p
		}
	}
	for i := range a.Items {
		if p := sameTree(a.Items[i], b.Items[i]); p != "" {
			return p
		}
	}
	return ""
}

func itoa(i int) string { return Pointer("", i)[1:] }

// checkReparse applies splices both ways: whenever the single-node re-parse
// accepts a change, a full parse must accept it too and agree exactly.
func checkReparse(t *testing.T, d *Document, splices []Splice) (accepted bool) {
	t.Helper()
	src, err := applySplices(d.Src, splices)
	if err != nil {
		t.Fatalf("splices do not fit: %v", err)
	}
	nd, ok := d.reparseNode(src, splices)
	full, ferr := Parse(d.Path, src)
	if !ok {
		return false
	}
	if ferr != nil {
		t.Fatalf("re-parse accepted bytes a full parse rejects (%v):\n%s", ferr, src)
	}
	sameDocument(t, nd, full)
	return true
}

func TestReparseNode(t *testing.T) {
	tests := []struct {
		name, file string
		node       int    // node whose text is edited
		find, repl string // first occurrence inside the node
		want       bool   // the single-node path takes it
	}{
		{"prompt word", "recovery.json", 1, "Say: Hi", "Say: Hello", true},
		{"shorter prompt", "recovery.json", 3, "Thank you, ", "", true},
		{"target", "recovery.json", 1, `"`, `"x`, false}, // breaks the key's quote: not one value
		{"tabs body, later members shift", "body-tabs.json", 1, `"type"`, `"extra": [1, {"a": null}], "type"`, true},
		{"duplicate key inside the node", "body-tabs.json", 1, `"type"`, `"type": "x", "type"`, false}, // type changes
		{"duplicate unknown key", "recovery.json", 3, `"id"`, `"note": 1, "note": 2, "id"`, true},
		{"id edit goes the long way", "recovery.json", 1, `"id": "`, `"id": "z`, false},
		{"type edit goes the long way", "compact.json", 1, `"type":"`, `"type":"z`, false},
		{"splits the node in two", "recovery.json", 2, `"id"`, `"a": 1}, {"id"`, false},
		{"legacy", "legacy.json", 0, `"id"`, `"x": 1, "id"`, false},
		{"escapes and numbers", "compact.json", 0, `"id"`, `"n": -1.5e3, "s": "\u00e9\n", "id"`, true},
		{"compact, later node shifts", "compact.json", 0, `"outcome"`, `"x":[],"outcome"`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustLoad(t, tt.file)
			if tt.node >= len(d.Nodes) {
				t.Fatalf("%s has %d nodes", tt.file, len(d.Nodes))
			}
			v := d.Nodes[tt.node].Value
			at := strings.Index(string(d.Src[v.Start:v.End]), tt.find)
			if at < 0 {
				t.Fatalf("%q is not in node %d", tt.find, tt.node)
			}
			got := checkReparse(t, d, []Splice{{Off: v.Start + at, Old: tt.find, New: tt.repl}})
			if got != tt.want {
				t.Errorf("single-node path taken = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestReparseShiftsLaterDuplicates: duplicate keys in nodes after the edited
// one keep pointing at their keys and objects.
func TestReparseShiftsLaterDuplicates(t *testing.T) {
	d := mustLoad(t, "recovery.json")
	last := d.Nodes[len(d.Nodes)-1].Value
	d, err := d.Apply(Change{Splices: []Splice{{Off: last.Start + 1, New: `"note": 1, "note": 2, `}}})
	if err != nil || len(d.Duplicates) != 1 {
		t.Fatalf("setting up a duplicate key: %v, %v", err, d.Duplicates)
	}
	greeting := d.Nodes[len(d.Nodes)-2].Value
	if !checkReparse(t, d, []Splice{{Off: greeting.Start + 1, New: `"x": 1, `}}) {
		t.Fatal("the single-node path was not taken")
	}
}

// TestReparseRandomSplices throws random insertions at random spots of random
// nodes: accepted ones must match a full parse, and duplicate keys are kept in
// file order around the edited node.
func TestReparseRandomSplices(t *testing.T) {
	bits := []string{`"`, ` `, "\n", `,`, `"k": 1,`, `"id": "dup", `, `{`, `}`, `\`, `"x": [1, 2], `, `é`, `"note": 0, "note": 1, `}
	for _, file := range []string{"recovery.json", "body-tabs.json", "compact.json"} {
		d := mustLoad(t, file)
		r := rand.New(rand.NewPCG(7, uint64(len(file))))
		taken := 0
		for range 400 {
			v := d.Nodes[r.IntN(len(d.Nodes))].Value
			if v.End-v.Start < 3 {
				continue
			}
			off := v.Start + 1 + r.IntN(v.End-v.Start-2)
			if checkReparse(t, d, []Splice{{Off: off, New: bits[r.IntN(len(bits))]}}) {
				taken++
			}
		}
		if taken == 0 {
			t.Errorf("%s: no random splice took the single-node path", file)
		}
	}
}
