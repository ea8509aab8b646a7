package flowgraph

import (
	"fmt"
	"slices"
	"strconv"
)

// legacyNodeKeys are drawing and container keys of the legacy graph form that
// have no place in a current flow.
var legacyNodeKeys = []string{"id", "type", "data", "position", "width", "height", "selected", "dragging", "positionAbsolute"}

// ConvertLegacy turns a legacy {nodes, edges} graph into a current bare flow:
// node data is lifted into the node, edges become outcomes by the node type's
// shape (sourceHandle or label names the keyed outcome, label becomes a
// conversation condition), and `two_factor` with channels becomes the two-factor
// type of its first channel.
func ConvertLegacy() Op {
	return newOp("convert legacy graph to a flow", func(d *Document) ([]Splice, error) {
		if d.Form != FormLegacy {
			return nil, fmt.Errorf("the file is a %s, not a legacy graph", d.Form)
		}
		flow := NewArray()
		for i := range d.Nodes {
			flow.Items = append(flow.Items, d.convertLegacyNode(&d.Nodes[i]))
		}
		r := d.Root
		text := string(Format(flow, d.Style, ""))
		return []Splice{{Off: r.Start, Old: string(d.Src[r.Start:r.End]), New: text}}, nil
	})
}

func (d *Document) convertLegacyNode(n *Node) *Value {
	if n.Value.Kind != Object {
		return d.Detach(n.Value)
	}
	typ := n.Type
	if typ == "two_factor" {
		typ = "two_factor_email"
		if ch := n.Fields.Get("channels").Strings(); len(ch) > 0 && ch[0] == "sms" {
			typ = "two_factor_sms"
		}
	}
	out := NewObject("id", NewString(n.ID), "type", NewString(typ))
	copyMembers := func(src *Value) {
		for _, m := range src.Members {
			if slices.Contains(legacyNodeKeys, m.Key) || m.Key == "channels" {
				continue
			}
			out.Members = append(out.Members, Member{Key: m.Key, KeyStart: -1, Value: d.Detach(m.Value)})
		}
	}
	if n.Fields != n.Value {
		copyMembers(n.Value)
	}
	copyMembers(n.Fields)
	if out.Has("outcome") || out.Has("outcomes") {
		return out
	}
	t := Lookup(typ)
	var legacy []Edge
	for _, e := range n.Edges {
		if e.Kind == EdgeLegacy {
			legacy = append(legacy, e)
		}
	}
	if t == nil || len(legacy) == 0 {
		return out
	}
	add := func(k string, v *Value) { out.Members = append(out.Members, Member{Key: k, KeyStart: -1, Value: v}) }
	switch t.Shape {
	case ShapeSingle:
		add("outcome", NewString(legacy[0].Target))
	case ShapeKeyed:
		o := NewObject()
		for _, e := range legacy {
			key := e.Key
			if cur, ok := t.LegacyKeys[key]; ok {
				if cur == "" {
					continue
				}
				key = cur
			}
			if !o.Has(key) {
				o.Members = append(o.Members, Member{Key: key, KeyStart: -1, Value: NewString(e.Target)})
			}
		}
		add("outcomes", o)
	case ShapeConditional:
		list := NewArray()
		for k, e := range legacy {
			id := d.Root.Get("edges").Items[e.Index].Get("id").Text()
			if id == "" {
				id = "outcome_" + strconv.Itoa(k+1)
			}
			list.Items = append(list.Items, NewConditionalOutcome(id, e.Target, e.Cond))
		}
		add("outcomes", list)
	}
	return out
}
