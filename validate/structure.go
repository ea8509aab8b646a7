package validate

import (
	"fmt"
	"strconv"
	"strings"

	fg "flowsmith/flowgraph"
)

func checkDuplicateKeys(c *Context) {
	for _, dup := range c.Doc.Duplicates {
		objPtr, _ := fg.PointerAt(c.Doc.Root, dup.Object)
		first, second := c.Doc.Pos(dup.First), c.Doc.Pos(dup.Second)
		msg := fmt.Sprintf("key %q is given twice in one object, at %d:%d and %d:%d", dup.Key, first.Line, first.Col, second.Line, second.Col)
		for _, at := range []fg.Pos{first, second} { // both places, so both get marked
			c.Report(Finding{Rule: "duplicate-key", Node: c.nodeAt(objPtr), Pointer: fg.Pointer(objPtr, dup.Key), Pos: at,
				Message: msg, Hint: "JSON parsers disagree on which copy wins; keep one"})
		}
	}
}

// nodeAt returns the id of the node a pointer lies in, or "".
func (c *Context) nodeAt(ptr string) string {
	rest, ok := strings.CutPrefix(ptr, c.Doc.FlowPtr+"/")
	if !ok {
		return ""
	}
	tok, _, _ := strings.Cut(rest, "/")
	if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(c.Doc.Nodes) {
		return c.Doc.Nodes[i].ID
	}
	return ""
}

func checkLegacyShape(c *Context) {
	d := c.Doc
	switch {
	case !c.first():
		// the document's shape is reported with the first nodes
	case d.Form == fg.FormLegacy:
		c.Report(Finding{Rule: "legacy-shape", Pointer: "/nodes", Message: "the file is a legacy {nodes, edges} graph",
			Hint: "the current form is an array of nodes whose outcomes name the next node", Fix: &Fix{Title: "Convert to the current flow form", Op: fg.ConvertLegacy()}})
	case d.FlowPtr == "/modules":
		c.Report(Finding{Rule: "legacy-shape", Pointer: "/modules", Message: "the session body carries the flow as \"modules\"",
			Hint: "the current name is \"flow\"", Fix: &Fix{Title: "Rename modules to flow", Op: fg.RenameKey("/modules", "flow")}})
	}
	for _, n := range c.nodes {
		legacyNode(c, n)
	}
}

func legacyNode(c *Context, n *fg.Node) {
	report := func(ptr, msg, hint string, fix *Fix) {
		c.Report(Finding{Rule: "legacy-shape", Node: n.ID, Pointer: ptr, Message: msg, Hint: hint, Fix: fix})
	}
	if n.Type == "two_factor" {
		typ := "two_factor_email"
		if ch := n.Fields.Get("channels").Strings(); len(ch) > 0 && ch[0] == "sms" {
			typ = "two_factor_sms"
		}
		ops := []fg.Op{fg.SetValue(n.Ptr+"/type", fg.NewString(typ))}
		if n.Fields.Has("channels") {
			ops = append(ops, fg.Remove(n.FieldsP+"/channels"))
		}
		report(n.Ptr+"/type", fmt.Sprintf("node %q uses the outdated type \"two_factor\" with channels", n.ID),
			"use two_factor_email or two_factor_sms", &Fix{Title: "Change to " + typ, Op: fg.Seq("make "+n.ID+" a "+typ, ops...)})
	}
	if n.Def == nil || n.Fields.Kind != fg.Object {
		return
	}
	if n.Type == "conversation" && n.Fields.Has("transitions") {
		var fix *Fix
		if !n.Fields.Has("outcomes") {
			fix = &Fix{Title: "Rename transitions to outcomes", Op: fg.RenameKey(n.FieldsP+"/transitions", "outcomes")}
		}
		report(n.FieldsP+"/transitions", fmt.Sprintf("conversation %q links through \"transitions\"", n.ID), "the current key is \"outcomes\"", fix)
	}
	for _, e := range n.Edges {
		if (e.Kind == fg.EdgeConditional || e.Kind == fg.EdgeLegacy) && e.Cond != "" && LooksLikeJSCondition(e.Cond) {
			var fix *Fix
			if strings.TrimSpace(e.Cond) == "true" {
				fix = &Fix{Title: "Use \"\" (move on whatever the user says)", Op: fg.SetValue(e.Owner+"/condition", fg.NewString(""))}
			}
			report(e.Owner+"/condition", fmt.Sprintf("outcome %q of %q has a code-like condition %q", e.Key, n.ID, e.Cond),
				"conditions are English sentences matched against the reply, e.g. \"The user confirms\"; \"\" moves on whatever they say", fix)
		}
	}
	if o := n.Fields.Get("outcomes"); o.Is(fg.Object) {
		for _, m := range o.Members {
			cur, ok := n.Def.LegacyKeys[m.Key]
			if !ok {
				continue
			}
			ptr := fg.Pointer(n.FieldsP, "outcomes", m.Key)
			switch {
			case cur == "":
				report(ptr, fmt.Sprintf("%s outcome %q of %q no longer exists", n.Type, m.Key, n.ID), "remove it",
					&Fix{Title: "Remove " + m.Key, Op: fg.Remove(ptr)})
			case o.Has(cur):
				report(ptr, fmt.Sprintf("%s outcome %q of %q is outdated", n.Type, m.Key, n.ID), fmt.Sprintf("the current key is %q, which is already set", cur), nil)
			default:
				report(ptr, fmt.Sprintf("%s outcome %q of %q is outdated", n.Type, m.Key, n.ID), fmt.Sprintf("the current key is %q", cur),
					&Fix{Title: fmt.Sprintf("Rename %s to %s", m.Key, cur), Op: fg.RenameKey(ptr, cur)})
			}
		}
	}
	for _, f := range n.Def.Fields {
		v := n.Fields.Get(f.Name)
		if cur, ok := f.Legacy[v.Text()]; ok && v.IsString() {
			ptr := fg.Pointer(n.FieldsP, f.Name)
			report(ptr, fmt.Sprintf("%q of %q is the outdated value %q", f.Name, n.ID, v.Str), fmt.Sprintf("the current value is %q", cur),
				&Fix{Title: fmt.Sprintf("Set %s to %q", f.Name, cur), Op: fg.SetValue(ptr, fg.NewString(cur))})
		}
	}
}

func checkUnknownNodeType(c *Context) {
	var names []string // for suggestions, listed on the first unknown type
	for _, n := range c.nodes {
		if n.Def != nil || n.Type == "" || n.Type == "two_factor" {
			continue
		}
		if names == nil {
			names = fg.TypeNames()
		}
		ptr := n.Ptr + "/type"
		f := Finding{Rule: "unknown-node-type", Node: n.ID, Pointer: ptr, Message: fmt.Sprintf("node %q has the unknown type %q", n.ID, n.Type)}
		if near, ok := nearest(n.Type, names); ok {
			f.Hint = fmt.Sprintf("did you mean %q?", near)
			f.Fix = &Fix{Title: "Change type to " + near, Op: fg.SetValue(ptr, fg.NewString(near))}
		} else {
			f.Hint = "known types: " + strings.Join(names, ", ")
		}
		c.Report(f)
	}
}

func checkDuplicateID(c *Context) {
	d := c.Doc
	if !d.HasDuplicateIDs() {
		return
	}
	holders := map[string][]int{}
	for i, n := range d.Nodes {
		if n.Value.Get("id").IsString() && n.ID != "" {
			holders[n.ID] = append(holders[n.ID], i)
		}
	}
	for i, n := range d.Nodes {
		same := holders[n.ID]
		if len(same) < 2 || !n.Value.Get("id").IsString() {
			continue
		}
		var others []string
		for _, j := range same {
			if j != i {
				p := d.PointerPos(d.Nodes[j].Ptr + "/id")
				others = append(others, fmt.Sprintf("node %d at %d:%d", j+1, p.Line, p.Col))
			}
		}
		c.Report(Finding{Rule: "duplicate-id", Node: n.ID, Pointer: n.Ptr + "/id",
			Message: fmt.Sprintf("node %d shares the id %q with %s", i+1, n.ID, strings.Join(others, ", ")),
			Hint:    "rename one of them; outcomes can only name one"})
	}
}

func checkStartCount(c *Context) {
	d := c.Doc
	starts := d.Starts()
	if len(starts) == 0 {
		f := Finding{Rule: "start-count", Pointer: d.FlowPtr, Message: "the flow has no start node", Hint: "every session begins at the one node of type \"start\""}
		if d.Form != fg.FormLegacy && len(d.Nodes) > 0 {
			if first := d.Nodes[0].ID; first != "" && d.NodeByID("start") < 0 {
				node := fg.NewObject("id", fg.NewString("start"), "type", fg.NewString("start"), "outcome", fg.NewString(first))
				f.Fix = &Fix{Title: "Add a start node linked to " + first, Op: fg.AddNode(node, 0)}
			}
		}
		c.Report(f)
		return
	}
	first := d.PointerPos(d.Nodes[starts[0]].Ptr)
	for _, i := range starts[1:] {
		c.Report(Finding{Rule: "start-count", Node: d.Nodes[i].ID, Pointer: d.Nodes[i].Ptr + "/type",
			Message: fmt.Sprintf("node %q is a second start node (the first is %q at %d:%d)", d.Nodes[i].ID, d.Nodes[starts[0]].ID, first.Line, first.Col),
			Hint:    "a flow has exactly one start"})
	}
}

func checkNoEnd(c *Context) {
	d := c.Doc
	if len(d.Ends()) > 0 {
		return
	}
	f := Finding{Rule: "no-end", Pointer: d.FlowPtr, Message: "the flow has no end node, so no session can complete", Hint: "add a node of type \"end\" after the closing conversation"}
	if d.Form != fg.FormLegacy {
		id := "end"
		for k := 2; d.NodeByID(id) >= 0; k++ {
			id = fmt.Sprintf("end_%d", k)
		}
		f.Fix = &Fix{Title: "Add an end node " + id, Op: fg.AddNode(fg.NewObject("id", fg.NewString(id), "type", fg.NewString("end")), -1)}
	}
	c.Report(f)
}
