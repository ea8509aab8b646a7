package tui

import (
	"slices"

	fg "flowsmith/flowgraph"
)

// rowKind says what a row of the node editor stands for.
type rowKind uint8

const (
	rowSection rowKind = iota // a section title ("Outcomes"); findings on it show there
	rowID                     // the node id: editing renames the node
	rowField                  // a field of the catalog (any kind)
	rowGroup                  // an object, list or conditional outcome heading
	rowRaw                    // a key the node type does not define: raw JSON
)

// edRow is one line of the form. Everything about how to show and edit it is
// derived from the catalog field it carries; nothing is written per node type.
type edRow struct {
	kind       rowKind
	label      string
	ptr        string
	field      fg.Field
	depth      int
	target     bool   // the value is a node id (an outcome, a node reference)
	listPtr    string // the array this row's item belongs to ("" when none)
	item       int    // the item's index in listPtr
	listKind   fg.FieldKind
	itemFields []fg.Field // the fields a new item of listPtr gets
	removable  bool       // x removes the member at ptr
	selectable bool
}

var (
	idField     = fg.Field{Name: "id", Kind: fg.KindString, Required: true, Doc: "Unique id of the node; outcomes name it. Renaming rewrites every reference."}
	targetField = fg.Field{Name: "target", Kind: fg.KindNodeRef, Required: true}
	rawField    = fg.Field{Name: "raw", Kind: fg.KindAny, Doc: "Not a key of this node type; edited as raw JSON."}
)

// buildRows lays out the form of a node from the catalog: its fields (nested
// objects and lists flattened), its outcomes, then keys the type does not know.
func buildRows(d *fg.Document, n *fg.Node) []edRow {
	var rows []edRow
	add := func(r edRow) { rows = append(rows, r) }
	add(edRow{kind: rowID, label: "id", ptr: n.Ptr + "/id", field: idField, selectable: true})
	if n.Value.Kind != fg.Object {
		add(edRow{kind: rowRaw, label: "node", ptr: n.Ptr, field: rawField, selectable: true})
		return rows
	}
	known := []string{"id", "type"}
	if n.Def != nil {
		known = n.Def.KnownKeys()
		if len(n.Def.Fields) > 0 {
			add(edRow{kind: rowSection, label: "Fields", ptr: "\x00fields"})
		}
		for _, f := range n.Def.Fields {
			rows = fieldRows(rows, d, f, fg.Pointer(n.FieldsP, f.Name), 0, "", 0)
		}
		if d.Form == fg.FormLegacy {
			rows = edgeRows(rows, n, func(fg.Edge) bool { return true })
		} else {
			rows = outcomeRows(rows, d, n)
		}
	} else {
		rows = edgeRows(rows, n, func(e fg.Edge) bool { return true })
	}
	var extra []edRow
	for _, m := range n.Fields.Entries() {
		if slices.Contains(known, m.Key) || (n.FieldsP != n.Ptr && (m.Key == "id" || m.Key == "type")) {
			continue
		}
		extra = append(extra, edRow{kind: rowRaw, label: m.Key, ptr: fg.Pointer(n.FieldsP, m.Key), field: rawField,
			removable: true, selectable: true})
	}
	if len(extra) > 0 {
		add(edRow{kind: rowSection, label: "Other keys", ptr: "\x00other"})
		rows = append(rows, extra...)
	}
	return rows
}

// fieldRows appends the rows of one catalog field at ptr.
func fieldRows(rows []edRow, d *fg.Document, f fg.Field, ptr string, depth int, listPtr string, item int) []edRow {
	base := edRow{kind: rowField, label: f.Name, ptr: ptr, field: f, depth: depth, listPtr: listPtr, item: item,
		selectable: true, target: f.Kind == fg.KindNodeRef}
	if listPtr != "" {
		base.listKind = fg.KindObjectList
	}
	v := d.Lookup(ptr)
	switch f.Kind {
	case fg.KindObject:
		if v == nil || v.Kind != fg.Object {
			return append(rows, base) // shown as "not set"; enter creates it
		}
		g := base
		g.kind = rowGroup
		rows = append(rows, g)
		for _, sub := range f.Fields {
			rows = fieldRows(rows, d, sub, fg.Pointer(ptr, sub.Name), depth+1, listPtr, item)
		}
		return rows
	case fg.KindObjectList:
		if v == nil || v.Kind != fg.Array {
			return append(rows, base)
		}
		g := base
		g.kind, g.listPtr, g.item, g.listKind, g.itemFields = rowGroup, ptr, -1, fg.KindObjectList, f.Fields
		rows = append(rows, g)
		for i, it := range v.Items {
			ip := fg.Pointer(ptr, i)
			h := edRow{kind: rowGroup, label: f.Name + " " + itoa(i+1), ptr: ip, depth: depth + 1, listPtr: ptr, item: i,
				listKind: fg.KindObjectList, itemFields: f.Fields, selectable: true, field: fg.Field{Name: f.Name, Kind: fg.KindObject}}
			rows = append(rows, h)
			if it.Kind != fg.Object {
				rows = append(rows, edRow{kind: rowRaw, label: "item", ptr: ip, field: rawField, depth: depth + 2,
					listPtr: ptr, item: i, listKind: fg.KindObjectList, selectable: true})
				continue
			}
			for _, sub := range f.Fields {
				r := fieldRows(nil, d, sub, fg.Pointer(ip, sub.Name), depth+2, ptr, i)
				for k := range r {
					r[k].itemFields = f.Fields
				}
				rows = append(rows, r...)
			}
		}
		return rows
	}
	return append(rows, base)
}

// outcomeRows appends the outcome rows of a node according to its shape.
func outcomeRows(rows []edRow, d *fg.Document, n *fg.Node) []edRow {
	t := n.Def
	key := t.OutcomeKey()
	if key == "" || key == "rules" {
		return rows
	}
	ptr := fg.Pointer(n.FieldsP, key)
	v := d.Lookup(ptr)
	sec := edRow{kind: rowSection, label: "Outcomes", ptr: ptr}
	switch t.Shape {
	case fg.ShapeSingle:
		rows = append(rows, sec)
		rows = append(rows, edRow{kind: rowField, label: "outcome", ptr: ptr, field: targetField, target: true, selectable: true})
	case fg.ShapeKeyed:
		rows = append(rows, sec)
		if v != nil && v.Kind != fg.Object {
			return append(rows, edRow{kind: rowRaw, label: key, ptr: ptr, field: rawField, selectable: true, removable: true})
		}
		for _, k := range t.Keys {
			f := targetField
			f.Name, f.Required = k, !t.IsSoftKey(k)
			rows = append(rows, edRow{kind: rowField, label: k, ptr: fg.Pointer(ptr, k), field: f, target: true, selectable: true})
		}
		for _, m := range v.Entries() {
			if !t.HasKey(m.Key) {
				f := targetField
				f.Name, f.Required = m.Key, false
				rows = append(rows, edRow{kind: rowField, label: m.Key, ptr: fg.Pointer(ptr, m.Key), field: f,
					target: m.Value.IsString(), removable: true, selectable: true})
			}
		}
	case fg.ShapeConditional:
		sec.selectable, sec.listPtr, sec.item, sec.listKind = true, ptr, -1, fg.KindObjectList
		sec.itemFields = fg.ConditionalOutcomeFields
		rows = append(rows, sec)
		if v != nil && v.Kind != fg.Array {
			return append(rows, edRow{kind: rowRaw, label: key, ptr: ptr, field: rawField, selectable: true, removable: true})
		}
		for i, o := range v.Elems() {
			op := fg.Pointer(ptr, i)
			common := edRow{listPtr: ptr, item: i, listKind: fg.KindObjectList, itemFields: fg.ConditionalOutcomeFields,
				selectable: true, depth: 1}
			h := common
			h.kind, h.label, h.ptr, h.depth, h.field = rowGroup, "outcome "+itoa(i+1), op, 0, fg.Field{Kind: fg.KindObject}
			rows = append(rows, h)
			if o.Kind != fg.Object {
				r := common
				r.kind, r.label, r.ptr, r.field = rowRaw, "item", op, rawField
				rows = append(rows, r)
				continue
			}
			tkey := "targetNodeId"
			if !o.Has(tkey) && o.Has("target") {
				tkey = "target"
			}
			for _, f := range outcomeFieldOrder() {
				r := common
				r.kind, r.label, r.field = rowField, f.Name, f
				r.ptr = fg.Pointer(op, f.Name)
				if f.Kind == fg.KindNodeRef {
					r.label, r.ptr, r.target = "target", fg.Pointer(op, tkey), true
				}
				rows = append(rows, r)
			}
		}
		// Outdated conversation transitions: show their links.
		rows = edgeRows(rows, n, func(e fg.Edge) bool { return e.Kind == fg.EdgeLegacy })
	}
	return rows
}

// edgeRows lists links that the catalog shape does not describe (legacy edges,
// nodes of unknown types) so that they can still be followed and re-targeted.
func edgeRows(rows []edRow, n *fg.Node, keep func(fg.Edge) bool) []edRow {
	first := true
	for _, e := range n.Edges {
		if !keep(e) {
			continue
		}
		if first {
			rows = append(rows, edRow{kind: rowSection, label: "Links", ptr: "\x00links"})
			first = false
		}
		label := e.Key
		if label == "" {
			label = "link " + itoa(e.Index+1)
		}
		f := targetField
		f.Name = label
		rows = append(rows, edRow{kind: rowField, label: label, ptr: e.Ptr, field: f, target: true, selectable: true})
	}
	return rows
}

// outcomeFieldOrder is the catalog's conditional-outcome fields in reading
// order: the id, the condition, then where it leads.
func outcomeFieldOrder() []fg.Field {
	var out, last []fg.Field
	for _, f := range fg.ConditionalOutcomeFields {
		if f.Kind == fg.KindNodeRef {
			last = append(last, f)
		} else {
			out = append(out, f)
		}
	}
	return append(out, last...)
}
