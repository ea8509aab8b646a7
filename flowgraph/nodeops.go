package flowgraph

import (
	"fmt"
	"strings"
)

// AddNode inserts a node object into the flow before index (-1 appends).
func AddNode(node *Value, index int) Op {
	id := node.Get("id").Text()
	return newOp("add node "+id, func(d *Document) ([]Splice, error) {
		if id != "" && d.NodeByID(id) >= 0 {
			return nil, fmt.Errorf("a node with id %q already exists", id)
		}
		at := index
		if at < 0 || at > len(d.Nodes) {
			at = len(d.Nodes)
		}
		return insertItemOp(d.FlowPtr, at, renderValue(node)).Plan(d)
	})
}

// DeleteNode removes the node with this id. References to it are left as they
// are (they dangle, and the validator says so).
func DeleteNode(id string) Op {
	return newOp("delete node "+id, func(d *Document) ([]Splice, error) {
		i := d.NodeByID(id)
		if i < 0 {
			return nil, fmt.Errorf("no node has id %q", id)
		}
		return Remove(d.Nodes[i].Ptr).Plan(d)
	})
}

// ReferencesTo lists the edges (node index, edge) that point at id.
func (d *Document) ReferencesTo(id string) []EdgeRef {
	var refs []EdgeRef
	for i := range d.Nodes {
		for j, e := range d.Nodes[i].Edges {
			if e.Value.IsString() && e.Target == id {
				refs = append(refs, EdgeRef{Node: i, Edge: j})
			}
		}
	}
	return refs
}

// EdgeRef names one edge of one node.
type EdgeRef struct{ Node, Edge int }

// RenameNode gives a node a new id and rewrites every reference to the old one.
func RenameNode(oldID, newID string) Op {
	return newOp(fmt.Sprintf("rename %s → %s", oldID, newID), func(d *Document) ([]Splice, error) {
		i := d.NodeByID(oldID)
		switch {
		case i < 0:
			return nil, fmt.Errorf("no node has id %q", oldID)
		case newID == "":
			return nil, fmt.Errorf("a node id cannot be empty")
		case newID == oldID:
			return nil, nil
		case d.NodeByID(newID) >= 0:
			return nil, fmt.Errorf("a node with id %q already exists", newID)
		}
		targets := []*Value{d.Nodes[i].Value.Get("id")}
		for _, ref := range d.ReferencesTo(oldID) {
			targets = append(targets, d.Nodes[ref.Node].Edges[ref.Edge].Value)
		}
		if d.Form == FormLegacy {
			for _, e := range d.Root.Get("edges").Elems() {
				if s := e.Get("source"); s.Text() == oldID {
					targets = append(targets, s)
				}
			}
		}
		sp := make([]Splice, 0, len(targets))
		for _, v := range targets {
			sp = append(sp, Splice{Off: v.Start, Old: string(d.Src[v.Start:v.End]), New: quote(newID)})
		}
		return sortDescending(sp), nil
	})
}

// SetTarget points the link at ptr to the node id.
func SetTarget(ptr, id string) Op {
	op := SetValue(ptr, NewString(id))
	return newOp("link → "+id, op.Plan)
}

// ToSessionBody wraps a bare flow array into {"flow": […]}.
func ToSessionBody() Op {
	return newOp("convert to session body", func(d *Document) ([]Splice, error) {
		if d.Form != FormBare {
			return nil, fmt.Errorf("the file is already a %s", d.Form)
		}
		r := d.Root
		raw := string(d.Src[r.Start:r.End])
		st := d.Style
		var text string
		if d.multiline() {
			text = "{" + st.Newline + st.Indent + quote("flow") + st.Colon +
				strings.ReplaceAll(raw, "\n", "\n"+st.Indent) + st.Newline + "}"
		} else {
			text = "{" + quote("flow") + st.Colon + raw + "}"
		}
		return []Splice{{Off: r.Start, Old: raw, New: text}}, nil
	})
}

// ToBareFlow unwraps a session body to its flow array. It refuses when the body
// has other keys, since they would be lost.
func ToBareFlow() Op {
	return newOp("convert to bare flow", func(d *Document) ([]Splice, error) {
		if d.Form != FormBody {
			return nil, fmt.Errorf("the file is a %s, not a session body", d.Form)
		}
		if keys := d.Root.Keys(); len(keys) != 1 {
			return nil, fmt.Errorf("the body has other keys besides the flow (%s); they would be lost", strings.Join(keys, ", "))
		}
		r, f := d.Root, d.Flow
		ind := d.lines.indentAt(f.Start)
		text := strings.ReplaceAll(string(d.Src[f.Start:f.End]), "\n"+ind, "\n")
		return []Splice{{Off: r.Start, Old: string(d.Src[r.Start:r.End]), New: text}}, nil
	})
}
