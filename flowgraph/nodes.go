package flowgraph

import (
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// Node is one node of the flow with its links resolved.
type Node struct {
	Index   int    // position in the node array
	Ptr     string // pointer of the node object, e.g. /flow/3
	Value   *Value // the node object (may be a non-object in broken files)
	ID      string
	Type    string
	Def     *NodeType // catalog entry, nil for an unknown type
	Edges   []Edge
	Fields  *Value // where the node's fields live: Value, or Value.data in legacy graphs
	FieldsP string // pointer of Fields
}

// EdgeKind says where in a node a link is written.
type EdgeKind uint8

// The edge kinds.
const (
	EdgeSingle      EdgeKind = iota // "outcome": id
	EdgeKeyed                       // "outcomes": {key: id}
	EdgeConditional                 // "outcomes": [{id, targetNodeId, condition}]
	EdgeExit                        // conversation awaitExternal.exits.*
	EdgeRule                        // field_condition rules[i].outcome
	EdgeDefault                     // field_condition default
	EdgeLegacy                      // legacy graph edges[i] / conversation transitions
)

// Edge is one outcome of a node.
type Edge struct {
	Kind   EdgeKind
	Key    string // "outcome", the keyed key, the conditional outcome id, the exit name, "rule N", "default"
	Cond   string // the condition text of a conditional outcome
	Index  int    // position among the node's outcomes of this kind
	Ptr    string // pointer of the target value (it may be absent)
	Value  *Value // the target value, nil when absent
	Target string // the target id ("" when absent or not a string)
	To     int    // index of the target node, -1 when none has the id
	Owner  string // pointer of the object holding the link (the outcome object for conditional)
}

// pointerArena builds the many JSON pointers of a document's nodes and edges in
// one growing buffer instead of one allocation each. A strings.Builder only ever
// appends, so a string cut from it earlier stays valid as it grows.
type pointerArena struct {
	b     strings.Builder
	start int // where the pointer being built begins
}

// begin starts a new pointer.
func (a *pointerArena) begin() *pointerArena {
	a.start = a.b.Len()
	return a
}

// mark is the current end of the pointer being built, to cut a prefix later.
func (a *pointerArena) mark() int { return a.b.Len() }

// done returns the pointer built since begin.
func (a *pointerArena) done() string { return a.b.String()[a.start:] }

func (a *pointerArena) str(s string) *pointerArena {
	a.b.WriteString(s)
	return a
}

func (a *pointerArena) index(i int) *pointerArena {
	var buf [20]byte
	a.b.Write(strconv.AppendInt(buf[:0], int64(i), 10))
	return a
}

// token appends "/" and a reference token, escaped.
func (a *pointerArena) token(key string) *pointerArena {
	a.b.WriteByte('/')
	a.b.WriteString(escapeToken(key))
	return a
}

func (d *Document) buildNodes() {
	items := d.Flow.Items
	d.Nodes = make([]Node, len(items))
	// Each node's own fields and outcomes depend on it alone: a large flow
	// builds them in parts side by side. Legacy graphs link through a list of
	// their own, read once every id is known.
	parts := 1
	if d.Form != FormLegacy {
		parts = max(1, min(runtime.GOMAXPROCS(0), len(items)/buildPartNodes))
	}
	d.eachPart(parts, d.buildPart)
	d.byID = make(map[string]int, len(items))
	for i := range d.Nodes {
		n := &d.Nodes[i]
		switch n.Type {
		case "start":
			d.starts = append(d.starts, i)
		case "end":
			d.ends = append(d.ends, i)
		}
		if _, dup := d.byID[n.ID]; n.Value.Get("id").IsString() {
			if !dup {
				d.byID[n.ID] = i
			} else if n.ID != "" {
				d.dupIDs = true
			}
		}
	}
	if d.Form == FormLegacy {
		d.legacyEdges(&pointerArena{}) // legacy nodes link only through the edges list
	}
	d.eachPart(parts, d.resolveEdges)
}

// resolveEdges points the outcomes of the nodes lo to hi at their targets'
// indices, once every id is known.
func (d *Document) resolveEdges(lo, hi int) {
	for i := lo; i < hi; i++ {
		for j := range d.Nodes[i].Edges {
			e := &d.Nodes[i].Edges[j]
			e.To = -1
			if e.Target != "" {
				e.To = d.NodeByID(e.Target)
			}
		}
	}
}

// buildPartNodes is the fewest nodes worth a part of their own in buildNodes
// (10,000 nodes: about 5 ms of work, halved on two cores).
var buildPartNodes = 2048 // a variable for the tests

// eachPart calls f for parts ranges of nodes that together cover them all,
// side by side when there is more than one.
func (d *Document) eachPart(parts int, f func(lo, hi int)) {
	n := len(d.Nodes)
	if parts <= 1 {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*n/parts, (p+1)*n/parts
		wg.Go(func() { f(lo, hi) })
	}
	wg.Wait()
}

// buildPart fills in the nodes lo to hi: pointers, id, type and, but in a
// legacy graph, their outcomes. Their links are resolved once every id is
// known.
func (d *Document) buildPart(lo, hi int) {
	a := &pointerArena{}
	a.b.Grow(128 * (hi - lo)) // a node's and its outcomes' pointers, usually
	for i := lo; i < hi; i++ {
		v := d.Flow.Items[i]
		n := &d.Nodes[i]
		n.Index, n.Value = i, v
		n.Ptr = a.begin().str(d.FlowPtr).str("/").index(i).done()
		n.Fields, n.FieldsP = v, n.Ptr
		if d.Form == FormLegacy {
			if data := v.Get("data"); data != nil && data.Kind == Object {
				n.Fields, n.FieldsP = data, n.Ptr+"/data"
			}
		}
		n.ID = v.Get("id").Text()
		n.Type = v.Get("type").Text()
		n.Def = Lookup(n.Type)
	}
	if d.Form == FormLegacy {
		return
	}
	slab := make([]Edge, 0, 3*(hi-lo)) // one allocation for most flows' edges
	for i := lo; i < hi; i++ {
		start := len(slab)
		slab = a.appendEdges(slab, &d.Nodes[i])
		d.Nodes[i].Edges = slab[start:len(slab):len(slab)]
	}
}

// appendEdges appends a node's outcomes to edges.
func (a *pointerArena) appendEdges(edges []Edge, n *Node) []Edge {
	v := n.Fields
	if v.Kind != Object {
		return edges
	}
	shape := ShapeNone
	if n.Def != nil {
		shape = n.Def.Shape
	} else if o := v.Get("outcomes"); o != nil {
		shape = map[Kind]Shape{Object: ShapeKeyed, Array: ShapeConditional}[o.Kind]
	} else if v.Has("outcome") {
		shape = ShapeSingle
	}
	base := n.FieldsP
	switch shape {
	case ShapeSingle:
		edges = append(edges, a.link(EdgeSingle, "outcome", 0, a.begin().str(base).mark(), "outcome", v))
	case ShapeKeyed:
		if o := v.Get("outcomes"); o != nil && o.Kind == Object {
			for i, m := range o.Members {
				edges = append(edges, a.link(EdgeKeyed, m.Key, i, a.begin().str(base).str("/outcomes").mark(), m.Key, o))
			}
		}
	case ShapeConditional:
		edges = a.conditionalEdges(edges, v.Get("outcomes"), base, "/outcomes/", EdgeConditional)
		if n.Type == "conversation" {
			edges = a.conditionalEdges(edges, v.Get("transitions"), base, "/transitions/", EdgeLegacy)
			if exits := v.Get("awaitExternal").Get("exits"); exits != nil && exits.Kind == Object {
				for i, m := range exits.Members {
					edges = append(edges, a.link(EdgeExit, m.Key, i, a.begin().str(base).str("/awaitExternal/exits").mark(), m.Key, exits))
				}
			}
		}
	case ShapeRules:
		if rules := v.Get("rules"); rules != nil && rules.Kind == Array {
			for i, r := range rules.Items {
				if r.Kind == Object {
					edges = append(edges, a.link(EdgeRule, "rule "+strconv.Itoa(i+1), i, a.begin().str(base).str("/rules/").index(i).mark(), "outcome", r))
				}
			}
		}
		edges = append(edges, a.link(EdgeDefault, "default", 0, a.begin().str(base).mark(), "default", v))
	}
	return edges
}

// link makes an edge for the member key of obj. The pointer being built, up to
// ownerEnd, is the owner's; the target's pointer extends it with key.
func (a *pointerArena) link(kind EdgeKind, label string, index int, ownerEnd int, key string, obj *Value) Edge {
	t := obj.Get(key)
	ptr := a.token(key).done()
	return Edge{Kind: kind, Key: label, Index: index, Owner: ptr[:ownerEnd-a.start], Ptr: ptr, Value: t, Target: t.Text()}
}

// conditionalEdges appends the edges of an {id, targetNodeId, condition} list
// at base+rel (rel ends in "/").
func (a *pointerArena) conditionalEdges(edges []Edge, list *Value, base, rel string, kind EdgeKind) []Edge {
	if list == nil || list.Kind != Array {
		return edges
	}
	for i, o := range list.Items {
		if o.Kind != Object {
			continue
		}
		key := "targetNodeId"
		if !o.Has(key) && o.Has("target") {
			key = "target"
		}
		e := a.link(kind, o.Get("id").Text(), i, a.begin().str(base).str(rel).index(i).mark(), key, o)
		e.Cond = o.Get("condition").Text()
		edges = append(edges, e)
	}
	return edges
}

// legacyEdges attaches the {source, target} edges of a legacy graph to their
// source nodes.
func (d *Document) legacyEdges(a *pointerArena) {
	list := d.Root.Get("edges")
	if list == nil {
		return
	}
	for i, e := range list.Items {
		src := d.NodeByID(e.Get("source").Text())
		if src < 0 {
			continue
		}
		label := e.Get("sourceHandle").Text()
		if label == "" {
			label = e.Get("label").Text()
		}
		edge := a.link(EdgeLegacy, label, i, a.begin().str("/edges/").index(i).mark(), "target", e)
		edge.Cond = e.Get("label").Text()
		d.Nodes[src].Edges = append(d.Nodes[src].Edges, edge)
	}
}
