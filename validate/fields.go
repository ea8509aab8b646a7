package validate

import (
	"fmt"
	"math"
	"slices"
	"strings"

	fg "flowsmith/flowgraph"
)

// fieldIssues walks the fields of c's nodes (and, with the last nodes, the
// session body's fields) against the catalog once per Context and keeps what
// it finds: one walk serves the missing-field, field-type and unknown-field
// rules.
func (c *Context) fieldIssues() []Finding {
	if !c.spanFacts.walked {
		w := &fieldWalker{doc: c.Doc}
		for _, n := range c.nodes {
			w.node(n)
		}
		if c.last() {
			w.out = append(w.out, sessionFieldIssues(c.Doc)...)
		}
		c.spanFacts.fields, c.spanFacts.walked = w.out, true
	}
	return c.spanFacts.fields
}

func reportFieldIssues(c *Context, rule string) {
	for _, f := range c.fieldIssues() {
		if f.Rule == rule {
			c.Report(f)
		}
	}
}

func checkMissingField(c *Context) { reportFieldIssues(c, "missing-field") }
func checkFieldType(c *Context)    { reportFieldIssues(c, "field-type") }
func checkUnknownField(c *Context) { reportFieldIssues(c, "unknown-field") }

type fieldWalker struct {
	doc *fg.Document
	cur *fg.Node // the node being walked
	out []Finding
}

func (w *fieldWalker) add(rule, ptr, msg, hint string, fix *Fix) {
	w.out = append(w.out, Finding{Rule: rule, Node: w.cur.ID, Pointer: ptr, Message: msg, Hint: hint, Fix: fix})
}

func (w *fieldWalker) node(n *fg.Node) {
	w.cur = n
	v := n.Value
	if v.Kind != fg.Object {
		w.add("field-type", n.Ptr, fmt.Sprintf("node %d is %s; every node must be an object", n.Index+1, v.Kind.WithArticle()), "", nil)
		return
	}
	for _, key := range []string{"id", "type"} {
		switch f := v.Get(key); {
		case f == nil:
			w.add("missing-field", n.Ptr, fmt.Sprintf("node %d has no %q", n.Index+1, key), "", nil)
		case f.Kind != fg.String:
			w.add("field-type", n.Ptr+"/"+key, fmt.Sprintf("%q must be a string, not %s", key, f.Kind.WithArticle()), "", nil)
		case strings.TrimSpace(f.Str) == "":
			w.add("missing-field", n.Ptr+"/"+key, fmt.Sprintf("node %d has an empty %q", n.Index+1, key), "", nil)
		}
	}
	if n.Def == nil {
		return
	}
	what := subject{n.Type, " node"}
	w.fields(n.Def.Fields, n.Fields, n.FieldsP, what)
	w.links(n)
	if w.doc.Form != fg.FormLegacy {
		known := n.Def.KnownKeys()
		if n.Def.Shape == fg.ShapeNone {
			known = append(slices.Clip(known), "outcome", "outcomes") // end-has-outcomes says it
		}
		w.unknownKeys(n.Value, n.Ptr, known, what, "")
	}
	if n.Def.Shape == fg.ShapeConditional {
		for i, o := range n.Value.Get("outcomes").Elems() {
			if o.Kind == fg.Object {
				w.unknownKeys(o, "", []string{"id", "targetNodeId", "condition"}, subject{"conditional outcome", ""}, n.Ptr, "outcomes", i)
			}
		}
	}
}

// legacyMembers are keys that the legacy-shape rule reports instead.
var legacyMembers = map[string]string{"transitions": "conversation"}

// subject names what holds a field in messages, "greeting node" or "data of":
// two parts, joined only when there is something to say.
type subject struct{ head, tail string }

func (s subject) String() string { return s.head + s.tail }

// unknownKeys reports obj's members that are not among known. obj's pointer is
// ptr, or when ptr is "" the pointer made of base and tokens, built only for a
// finding.
func (w *fieldWalker) unknownKeys(obj *fg.Value, ptr string, known []string, what subject, base string, tokens ...any) {
	for _, m := range obj.Members {
		if slices.Contains(known, m.Key) || legacyMembers[m.Key] == w.cur.Type {
			continue
		}
		if ptr == "" {
			ptr = fg.Pointer(base, tokens...)
		}
		mp := fg.Pointer(ptr, m.Key)
		hint, fix := "", (*Fix)(nil)
		if near, ok := nearest(m.Key, known); ok {
			hint = fmt.Sprintf("did you mean %q?", near)
			if !obj.Has(near) {
				fix = &Fix{Title: fmt.Sprintf("Rename %q to %q", m.Key, near), Op: fg.RenameKey(mp, near)}
			}
		}
		w.add("unknown-field", mp, fmt.Sprintf("%s %q has a key %q that its type does not define", what, w.cur.ID, m.Key), hint, fix)
	}
}

// fields checks obj's members against a field list.
func (w *fieldWalker) fields(defs []fg.Field, obj *fg.Value, ptr string, what subject) {
	for i := range defs {
		f := &defs[i]
		v := obj.Get(f.Name)
		if v == nil {
			if f.Required && f.Kind != fg.KindNodeRef { // empty-target reports links
				w.add("missing-field", ptr, fmt.Sprintf("%s %q has no %q", what, w.cur.ID, f.Name), fieldHint(f), nil)
			}
			continue
		}
		w.value(f, v, ptr, what)
	}
}

func fieldHint(f *fg.Field) string {
	switch {
	case len(f.Enum) > 0:
		return "one of " + strings.Join(f.Enum, ", ")
	case len(f.Suggest) > 0:
		return "for example " + strings.Join(f.Suggest, ", ")
	}
	return f.Doc
}

// value checks one field's value; parent is the pointer of the object holding
// it (the field's own pointer is built only when there is something to say).
func (w *fieldWalker) value(f *fg.Field, v *fg.Value, parent string, what subject) {
	at := func() string { return fg.Pointer(parent, f.Name) }
	want := f.Kind.JSONKind()
	if f.Kind == fg.KindAny {
		return
	}
	if v.Kind != want {
		w.add("field-type", at(), fmt.Sprintf("%q of %q must be %s, not %s", f.Name, w.cur.ID, kindWord(f.Kind), v.Kind.WithArticle()), fieldHint(f), nil)
		return
	}
	switch f.Kind {
	case fg.KindString, fg.KindPrompt:
		if f.Required && strings.TrimSpace(v.Str) == "" {
			w.add("missing-field", at(), fmt.Sprintf("%q of %q is empty", f.Name, w.cur.ID), fieldHint(f), nil)
		}
	case fg.KindEnum:
		w.enum(f, v, at)
	case fg.KindInt, fg.KindNumber:
		w.number(f, v, at)
	case fg.KindStringList:
		if f.NonEmpty && len(v.Items) == 0 {
			w.add("missing-field", at(), fmt.Sprintf("%q of %q is empty", f.Name, w.cur.ID), fieldHint(f), nil)
		}
		for i, it := range v.Items {
			if it.Kind != fg.String {
				w.add("field-type", fg.Pointer(at(), i), fmt.Sprintf("item %d of %q must be a string, not %s", i+1, f.Name, it.Kind.WithArticle()), "", nil)
			}
		}
	case fg.KindStringMap:
		for _, m := range v.Members {
			if m.Value.Kind != fg.String {
				w.add("field-type", fg.Pointer(at(), m.Key), fmt.Sprintf("%q in %q must be a string, not %s", m.Key, f.Name, m.Value.Kind.WithArticle()), "", nil)
			}
		}
	case fg.KindObject:
		if f.Required && len(v.Members) == 0 {
			w.add("missing-field", at(), fmt.Sprintf("%q of %q is empty", f.Name, w.cur.ID), "set "+strings.Join(fieldNames(f.Fields), ", "), nil)
		}
		ptr := at()
		w.fields(f.Fields, v, ptr, subject{f.Name, " of"})
		w.unknownKeys(v, ptr, fieldNames(f.Fields), subject{f.Name, " of"}, "")
		w.special(f, v, ptr)
	case fg.KindObjectList:
		if f.NonEmpty && len(v.Items) == 0 {
			w.add("missing-field", at(), fmt.Sprintf("%q of %q is empty", f.Name, w.cur.ID), "", nil)
		}
		for i, it := range v.Items {
			ip := fg.Pointer(parent, f.Name, i)
			if it.Kind != fg.Object {
				w.add("field-type", ip, fmt.Sprintf("item %d of %q must be an object, not %s", i+1, f.Name, it.Kind.WithArticle()), "", nil)
				continue
			}
			w.fields(f.Fields, it, ip, subject{f.Name, " of"})
			w.unknownKeys(it, ip, fieldNames(f.Fields), subject{f.Name, " of"}, "")
			w.special(f, it, ip)
		}
	}
}

func (w *fieldWalker) enum(f *fg.Field, v *fg.Value, at func() string) {
	if slices.Contains(f.Enum, v.Str) {
		return
	}
	if _, legacy := f.Legacy[v.Str]; legacy {
		return // reported by legacy-shape
	}
	hint, fix := "one of "+strings.Join(f.Enum, ", "), (*Fix)(nil)
	if near, ok := nearest(v.Str, f.Enum); ok {
		hint = fmt.Sprintf("did you mean %q?", near)
		fix = &Fix{Title: fmt.Sprintf("Set %s to %q", f.Name, near), Op: fg.SetValue(at(), fg.NewString(near))}
	}
	w.add("field-type", at(), fmt.Sprintf("%q of %q is %q, which is not one of its values", f.Name, w.cur.ID, v.Str), hint, fix)
}

func (w *fieldWalker) number(f *fg.Field, v *fg.Value, at func() string) {
	x, ok := v.Float()
	if !ok || math.IsInf(x, 0) {
		w.add("field-type", at(), fmt.Sprintf("%q of %q is %s, too large for a number", f.Name, w.cur.ID, v.Str), "", nil)
		return
	}
	if f.Kind == fg.KindInt && x != math.Trunc(x) {
		w.add("field-type", at(), fmt.Sprintf("%q of %q is %s; it must be a whole number", f.Name, w.cur.ID, v.Str), "", nil)
		return
	}
	if r := f.Range; r != nil && (x < r.Min || x > r.Max) {
		w.add("field-type", at(), fmt.Sprintf("%q of %q is %s, outside %s", f.Name, w.cur.ID, v.Str, rangeText(r)), "", nil)
	}
}

func rangeText(r *fg.Range) string {
	if r.Max >= 1e9 {
		return fmt.Sprintf("the range ≥ %g", r.Min)
	}
	return fmt.Sprintf("the range %g–%g", r.Min, r.Max)
}

// special holds the checks that depend on a sibling's value.
func (w *fieldWalker) special(f *fg.Field, obj *fg.Value, ptr string) {
	switch {
	case f.SubField("providedDataKey") != nil: // face_compare sources
		src, key := obj.Get("source").Text(), obj.Get("providedDataKey")
		if src == "providedData" && strings.TrimSpace(key.Text()) == "" && (key == nil || key.Kind == fg.String) {
			w.add("missing-field", ptr, fmt.Sprintf("%s of %q takes its image from providedData but names no providedDataKey", f.Name, w.cur.ID), "", nil)
		}
		if src != "providedData" && src != "" && key != nil {
			w.add("unknown-field", fg.Pointer(ptr, "providedDataKey"), fmt.Sprintf("%s of %q has a providedDataKey, but its source is %q", f.Name, w.cur.ID, src),
				"providedDataKey is used only when source is providedData", &Fix{Title: "Remove providedDataKey", Op: fg.Remove(fg.Pointer(ptr, "providedDataKey"))})
		}
	case f.SubField("operator") != nil: // field_condition rules
		op, right := obj.Get("operator").Text(), obj.Get("right")
		unary := op == "exists" || op == "notExists"
		if unary && right != nil {
			w.add("field-type", fg.Pointer(ptr, "right"), fmt.Sprintf("operator %q takes no right-hand side", op), "remove \"right\"",
				&Fix{Title: "Remove right", Op: fg.Remove(fg.Pointer(ptr, "right"))})
		}
		if !unary && slices.Contains(fg.Operators, op) && right == nil {
			w.add("missing-field", ptr, fmt.Sprintf("operator %q of %q needs a right-hand side", op, w.cur.ID), "", nil)
		}
	}
}

// links checks that every link is a string (emptiness and existence are the
// link rules' business).
func (w *fieldWalker) links(n *fg.Node) {
	for _, e := range n.Edges {
		if e.Value != nil && e.Value.Kind != fg.String {
			w.add("field-type", e.Ptr, fmt.Sprintf("outcome %q of %q must be a node id string, not %s", e.Key, n.ID, e.Value.Kind.WithArticle()), "", nil)
		}
	}
	o := n.Value.Get("outcomes")
	if o == nil || n.Def == nil {
		return
	}
	switch n.Def.Shape {
	case fg.ShapeKeyed:
		if o.Kind != fg.Object {
			w.add("field-type", n.Ptr+"/outcomes", fmt.Sprintf("outcomes of %s node %q must be an object of %s, not %s", n.Type, n.ID, strings.Join(n.Def.Keys, ", "), o.Kind.WithArticle()), "", nil)
		}
	case fg.ShapeConditional:
		if o.Kind != fg.Array {
			w.add("field-type", n.Ptr+"/outcomes", fmt.Sprintf("outcomes of %s node %q must be an array of {id, targetNodeId, condition}, not %s", n.Type, n.ID, o.Kind.WithArticle()), "", nil)
			return
		}
		for i, it := range o.Items {
			ip := func() string { return fg.Pointer(n.Ptr, "outcomes", i) }
			if it.Kind != fg.Object {
				w.add("field-type", ip(), fmt.Sprintf("outcome %d of %q must be an object, not %s", i+1, n.ID, it.Kind.WithArticle()), "", nil)
				continue
			}
			for _, k := range []string{"id", "condition"} {
				if v := it.Get(k); v != nil && v.Kind != fg.String {
					w.add("field-type", fg.Pointer(ip(), k), fmt.Sprintf("%q of outcome %d of %q must be a string, not %s", k, i+1, n.ID, v.Kind.WithArticle()), "", nil)
				}
			}
			if !it.Has("id") {
				w.add("missing-field", ip(), fmt.Sprintf("outcome %d of %q has no \"id\"", i+1, n.ID), "", nil)
			}
		}
	}
}

func fieldNames(fs []fg.Field) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Name
	}
	return out
}

// kindWord names what a field kind holds, with its article.
func kindWord(k fg.FieldKind) string {
	switch k {
	case fg.KindInt:
		return "a whole number"
	case fg.KindStringList:
		return "an array of strings"
	case fg.KindObjectList:
		return "an array of objects"
	case fg.KindStringMap:
		return "an object of strings"
	}
	return k.JSONKind().WithArticle()
}
