package flowgraph

import "sort"

// reparseNode builds the document that results from splices, all of which fall
// strictly inside one node's braces and leave its id and type as they were (the
// common edit: a field of the selected node). Only that node is parsed again; the
// values before it are shared with d, those after it are copied with their offsets
// shifted, and the other nodes' links are kept or rebuilt without a parse. ok is
// false when the change does not fit that shape or the node no longer parses on
// its own; the caller then parses the whole text, which also reports any error.
func (d *Document) reparseNode(src []byte, splices []Splice) (nd *Document, ok bool) {
	if d.Form == FormLegacy || len(splices) == 0 {
		return nil, false
	}
	items := d.Flow.Items
	off := splices[0].Off
	i := sort.Search(len(items), func(i int) bool { return items[i].End > off }) // first node ending past the splice
	if i == len(items) || items[i].Kind != Object {
		return nil, false
	}
	old := items[i]
	if 3*(len(d.Src)-old.End) > 2*len(d.Src) {
		// Copying most of the tree with shifted offsets costs about what a
		// parse does; near the top of a file the parse is simpler.
		return nil, false
	}
	end := old.End
	for _, s := range splices { // each against the text the previous one left
		if s.Off <= old.Start || s.Off+len(s.Old) >= end {
			return nil, false
		}
		end += len(s.New) - len(s.Old)
	}
	depth := 1 // the node array's
	if d.Form == FormBody {
		depth = 2 // the body object's, then the array's
	}
	p := &parser{src: src, pos: old.Start, depth: depth} // str0 "": strings are copies
	v, err := p.value()
	if err != nil || p.pos != end || v.Kind != Object {
		return nil, false
	}
	n := &d.Nodes[i]
	if id := v.Get("id"); id.Text() != n.ID || id.IsString() != old.Get("id").IsString() || v.Get("type").Text() != n.Type {
		return nil, false // other nodes' links may change: a full build is simpler
	}
	sh := shifter{from: old.End, delta: end - old.End}
	nd = &Document{Path: d.Path, Src: src, Form: d.Form, FlowPtr: d.FlowPtr, byID: d.byID, dupIDs: d.dupIDs, starts: d.starts, ends: d.ends, lines: newLineIndex(src)}
	nd.Flow = &Value{Kind: Array, Start: d.Flow.Start, End: sh.off(d.Flow.End), Items: make([]*Value, len(items))}
	copy(nd.Flow.Items, items[:i])
	nd.Flow.Items[i] = v
	for j := i + 1; j < len(items); j++ {
		nd.Flow.Items[j] = sh.copy(items[j])
	}
	nd.Root = nd.Flow
	if d.Form == FormBody {
		nd.Root = sh.rootWith(d.Root, d.Flow, nd.Flow)
	}
	nd.Duplicates = sh.duplicates(d.Duplicates, old, p.dups)
	nd.Style = detectStyle(src, nd.lines)
	nd.relinkFrom(d, i)
	return nd, true
}

// relinkFrom fills the node list: nodes before i keep d's nodes and links (their
// values are shared); node i and those after it point at the new values and
// have their links rebuilt. Ids are unchanged, so targets resolve as before.
func (nd *Document) relinkFrom(d *Document, i int) {
	nd.Nodes = make([]Node, len(d.Nodes))
	copy(nd.Nodes, d.Nodes)
	nd.buildPart(i, len(nd.Nodes))
	nd.resolveEdges(i, len(nd.Nodes))
}

// shifter copies values that follow an edit, moving their offsets by delta.
type shifter struct {
	from, delta int // offsets at or past from move by delta
	vals        []Value
	members     []Member
	items       []*Value
}

func (s *shifter) off(o int) int {
	if o >= s.from {
		return o + s.delta
	}
	return o
}

// copy returns v with every offset in it shifted; strings are shared.
func (s *shifter) copy(v *Value) *Value {
	if len(s.vals) == cap(s.vals) {
		s.vals = make([]Value, 0, slabSize)
	}
	s.vals = s.vals[:len(s.vals)+1] // fresh zeroed memory: set only what is not zero
	c := &s.vals[len(s.vals)-1]
	c.Kind, c.Start, c.End = v.Kind, s.off(v.Start), s.off(v.End)
	if v.Str != "" {
		c.Str = v.Str
	}
	if v.Members != nil {
		c.Members = carve(&s.members, len(v.Members))
		for k, m := range v.Members {
			c.Members[k] = Member{Key: m.Key, KeyStart: s.off(m.KeyStart), Value: s.copy(m.Value)}
		}
	}
	if v.Items != nil {
		c.Items = carve(&s.items, len(v.Items))
		for k, it := range v.Items {
			c.Items[k] = s.copy(it)
		}
	}
	return c
}

// carve takes an exactly sized slice of n elements from a slab.
func carve[T any](slab *[]T, n int) []T {
	if n > cap(*slab)-len(*slab) {
		*slab = make([]T, 0, max(slabSize, n))
	}
	start := len(*slab)
	*slab = (*slab)[:start+n]
	return (*slab)[start : start+n : start+n]
}

// rootWith returns a copy of a body object whose node array is replaced by flow;
// members before it are shared, those after it shifted.
func (s *shifter) rootWith(root, oldFlow, flow *Value) *Value {
	r := &Value{Kind: Object, Start: root.Start, End: s.off(root.End), Members: make([]Member, len(root.Members))}
	copy(r.Members, root.Members)
	for k := range r.Members {
		m := &r.Members[k]
		switch {
		case m.Value == oldFlow:
			m.Value = flow
		case m.KeyStart >= s.from:
			m.KeyStart, m.Value = s.off(m.KeyStart), s.copy(m.Value)
		}
	}
	return r
}

// duplicates keeps the duplicate keys outside the re-parsed node (shifted) and
// adds the node's own, in file order.
func (s *shifter) duplicates(old []DuplicateKey, node *Value, fresh []DuplicateKey) []DuplicateKey {
	var out []DuplicateKey
	added := false
	for _, dk := range old {
		if dk.Object >= node.Start && dk.Object < node.End {
			continue // inside the node: re-found by the parse
		}
		if !added && dk.Second > node.Start {
			out, added = append(out, fresh...), true
		}
		out = append(out, DuplicateKey{Key: dk.Key, First: s.off(dk.First), Second: s.off(dk.Second), Object: s.off(dk.Object)})
	}
	if !added {
		out = append(out, fresh...)
	}
	return out
}
