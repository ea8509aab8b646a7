package validate

import (
	"fmt"
	"strings"

	fg "flowsmith/flowgraph"
)

// eachEdge calls fn for every edge of every node.
func (c *Context) eachEdge(fn func(n *fg.Node, e *fg.Edge)) {
	for _, n := range c.nodes {
		for j := range n.Edges {
			fn(n, &n.Edges[j])
		}
	}
}

func outcomeName(e *fg.Edge) string {
	switch {
	case e.Kind == fg.EdgeSingle:
		return "outcome"
	case e.Key == "":
		return fmt.Sprintf("unnamed outcome %d", e.Index+1)
	}
	return fmt.Sprintf("outcome %q", e.Key)
}

func checkEmptyTarget(c *Context) {
	c.eachEdge(func(n *fg.Node, e *fg.Edge) {
		if e.Value == nil || (e.Value.Kind == fg.String && strings.TrimSpace(e.Target) == "") {
			c.Report(Finding{Rule: "empty-target", Node: n.ID, Pointer: e.Ptr,
				Message: fmt.Sprintf("%s of %q is not linked to a node", outcomeName(e), n.ID),
				Hint:    "pick the node this outcome leads to"})
		}
	})
}

func checkDanglingTarget(c *Context) {
	var ids []string // for suggestions, listed on the first dangling target
	c.eachEdge(func(n *fg.Node, e *fg.Edge) {
		if e.To >= 0 || !e.Value.IsString() || strings.TrimSpace(e.Target) == "" {
			return
		}
		f := Finding{Rule: "dangling-target", Node: n.ID, Pointer: e.Ptr,
			Message: fmt.Sprintf("%s of %q points at %q, but no node has that id", outcomeName(e), n.ID, e.Target)}
		if ids == nil {
			ids = c.Doc.IDs()
		}
		if near, ok := nearest(e.Target, ids); ok {
			f.Hint = fmt.Sprintf("did you mean %q?", near)
			f.Fix = &Fix{Title: "Link to " + near, Op: fg.SetTarget(e.Ptr, near)}
		}
		c.Report(f)
	})
}

// keyedOutcomes returns the outcomes object of a keyed node, or nil.
func keyedOutcomes(c *Context, n *fg.Node) *fg.Value {
	if c.Doc.Form == fg.FormLegacy || n.Def == nil || n.Def.Shape != fg.ShapeKeyed {
		return nil
	}
	if o := n.Value.Get("outcomes"); o == nil || o.Kind == fg.Object {
		return o
	}
	return nil // a non-object is reported by field-type
}

// legacyCovers reports whether an outdated key standing for key is present.
func legacyCovers(n *fg.Node, o *fg.Value, key string) bool {
	for old, cur := range n.Def.LegacyKeys {
		if cur == key && o.Has(old) {
			return true
		}
	}
	return false
}

func checkMissingOutcome(c *Context) {
	for _, n := range c.nodes {
		o := keyedOutcomes(c, n)
		if o == nil {
			if n.Def != nil && n.Def.Shape == fg.ShapeKeyed && c.Doc.Form != fg.FormLegacy && !n.Value.Has("outcomes") && n.Value.Kind == fg.Object {
				c.Report(Finding{Rule: "missing-outcome", Node: n.ID, Pointer: n.Ptr,
					Message: fmt.Sprintf("%s node %q has no outcomes; it needs %s", n.Type, n.ID, strings.Join(n.Def.Keys, ", "))})
			}
			continue
		}
		var missing []string
		for _, k := range n.Def.Keys {
			if !o.Has(k) && !n.Def.IsSoftKey(k) && !legacyCovers(n, o, k) {
				missing = append(missing, k)
			}
		}
		for _, k := range missing {
			c.Report(Finding{Rule: "missing-outcome", Node: n.ID, Pointer: n.Ptr + "/outcomes",
				Message: fmt.Sprintf("%s node %q has no %q outcome", n.Type, n.ID, k),
				Hint:    "every outcome of " + n.Type + " must lead somewhere: " + strings.Join(n.Def.Keys, ", ")})
		}
	}
}

func checkMissingInconclusive(c *Context) {
	for _, n := range c.nodes {
		o := keyedOutcomes(c, n)
		if o == nil {
			continue
		}
		for _, k := range n.Def.SoftKeys {
			if o.Has(k) {
				continue
			}
			f := Finding{Rule: "missing-inconclusive", Node: n.ID, Pointer: n.Ptr + "/outcomes",
				Message: fmt.Sprintf("%s node %q has no %q outcome; the service routes it like noFace", n.Type, n.ID, k)}
			if t := o.Get("noFace"); t.IsString() && t.Str != "" {
				f.Hint = fmt.Sprintf("route it explicitly, e.g. to %q like noFace", t.Str)
				f.Fix = &Fix{Title: fmt.Sprintf("Route %s to %s (like noFace)", k, t.Str), Op: fg.SetValue(n.Ptr+"/outcomes/"+k, fg.NewString(t.Str))}
			}
			c.Report(f)
		}
	}
}

func checkUnknownOutcome(c *Context) {
	for _, n := range c.nodes {
		o := keyedOutcomes(c, n)
		if o == nil {
			continue
		}
		for _, m := range o.Members {
			if n.Def.HasKey(m.Key) {
				continue
			}
			if _, legacy := n.Def.LegacyKeys[m.Key]; legacy {
				continue // legacy-shape
			}
			ptr := fg.Pointer(n.Ptr, "outcomes", m.Key)
			f := Finding{Rule: "unknown-outcome", Node: n.ID, Pointer: ptr,
				Message: fmt.Sprintf("%s node %q has an outcome %q, which is not one of %s", n.Type, n.ID, m.Key, strings.Join(n.Def.Keys, ", "))}
			if near, ok := outcomeSpelling(m.Key, n.Def.Keys); ok {
				f.Hint = fmt.Sprintf("did you mean %q? (%s spells it that way)", near, n.Type)
				if !o.Has(near) {
					f.Fix = &Fix{Title: fmt.Sprintf("Rename %s to %s", m.Key, near), Op: fg.RenameKey(ptr, near)}
				}
			}
			c.Report(f)
		}
	}
}

func checkEmptyOutcomes(c *Context) {
	if c.Doc.Form == fg.FormLegacy {
		return
	}
	for _, n := range c.nodes {
		if n.Def == nil || n.Def.Shape != fg.ShapeConditional || n.Value.Kind != fg.Object || n.Value.Has("transitions") {
			continue
		}
		if o := n.Value.Get("outcomes"); o == nil || (o.Kind == fg.Array && len(o.Items) == 0) {
			ptr := n.Ptr + "/outcomes"
			if o == nil {
				ptr = n.Ptr
			}
			c.Report(Finding{Rule: "empty-outcomes", Node: n.ID, Pointer: ptr,
				Message: fmt.Sprintf("%s node %q has no outcomes, so the session stops here", n.Type, n.ID),
				Hint:    "add an outcome; condition \"\" moves on whatever the user says"})
		}
	}
}

func checkDuplicateOutcomeID(c *Context) {
	for _, n := range c.nodes {
		seen := map[string]bool{}
		for _, e := range n.Edges {
			if e.Kind != fg.EdgeConditional || e.Key == "" {
				continue
			}
			if seen[e.Key] {
				c.Report(Finding{Rule: "duplicate-outcome-id", Node: n.ID, Pointer: e.Owner + "/id",
					Message: fmt.Sprintf("two outcomes of %q have the id %q", n.ID, e.Key), Hint: "give each outcome its own id"})
			}
			seen[e.Key] = true
		}
	}
}

func checkEndHasOutcomes(c *Context) {
	for _, n := range c.nodes {
		if n.Type != "end" {
			continue
		}
		for _, key := range []string{"outcome", "outcomes"} {
			if n.Value.Has(key) {
				ptr := n.Ptr + "/" + key
				c.Report(Finding{Rule: "end-has-outcomes", Node: n.ID, Pointer: ptr,
					Message: fmt.Sprintf("end node %q has %q; an end node finishes the session", n.ID, key),
					Fix:     &Fix{Title: "Remove " + key, Op: fg.Remove(ptr)}})
			}
		}
	}
}

func checkUnreachable(c *Context) {
	if c.Doc.Start() < 0 {
		return
	}
	reach := c.Reachable()
	for i, n := range c.nodes {
		if !reach[i] && n.Value.Kind == fg.Object {
			c.Report(Finding{Rule: "unreachable", Node: n.ID, Pointer: n.Ptr,
				Message: fmt.Sprintf("%s node %q is never reached from start", n.Type, n.ID),
				Hint:    "link an outcome to it, or delete it"})
		}
	}
}

func checkNoPathToEnd(c *Context) {
	d := c.Doc
	if len(d.Ends()) == 0 {
		return // no-end says it once
	}
	reach, canEnd := c.Reachable(), c.CanReachEnd()
	for i := range reach { // the nodes themselves only for a finding
		if reach[i] && !canEnd[i] {
			n := &d.Nodes[i]
			c.Report(Finding{Rule: "no-path-to-end", Node: n.ID, Pointer: n.Ptr,
				Message: fmt.Sprintf("no end node can be reached from %q: a session that gets here never completes", n.ID),
				Hint:    "give it (or the nodes after it) an outcome that leads to an end"})
		}
	}
}

// outcomeSpelling finds the key a misspelt outcome key means: the nearest by
// edit distance, or the one that differs only in the spelling traps of the
// format (cancelled / canceled / userCancelled, snake_case / camelCase).
func outcomeSpelling(key string, keys []string) (string, bool) {
	if near, ok := nearest(key, keys); ok {
		return near, true
	}
	norm := func(s string) string {
		s = strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(s))
		s = strings.TrimPrefix(s, "user")
		return strings.ReplaceAll(s, "cancelled", "canceled")
	}
	for _, k := range keys {
		if norm(k) == norm(key) {
			return k, true
		}
	}
	return "", false
}
