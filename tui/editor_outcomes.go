package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	fg "flowsmith/flowgraph"
)

const newNodeValue = "\x00new"

// addItem adds a conditional outcome or an object-list item after the current
// one (or at the end from the list heading).
func (p *editorPane) addItem() {
	c := p.ctx
	r := p.row()
	if r == nil || r.listPtr == "" {
		c.Message("n adds outcomes and list items: move to an outcome or a list")
		return
	}
	listPtr, fields := r.listPtr, r.itemFields
	list := c.Doc.Lookup(listPtr)
	at := len(list.Elems())
	if r.item >= 0 {
		at = r.item + 1
	}
	var item *fg.Value
	label := "add item"
	if isOutcomeList(fields) {
		item = fg.NewConditionalOutcome(uniqueOutcomeID(list), "", "")
		label = "add outcome"
	} else {
		item = placeholder(fg.Field{Kind: fg.KindObject, Fields: fields})
	}
	op := fg.InsertItem(listPtr, at, item)
	if list == nil || list.Kind != fg.Array {
		op, at = fg.SetValue(listPtr, fg.NewArray(item)), 0
	}
	if c.Apply(labelled(label, op)) == nil {
		p.refresh()
		p.FocusPointer(fg.Pointer(listPtr, at))
		p.move(1)
	}
}

func isOutcomeList(fields []fg.Field) bool {
	return len(fields) > 0 && &fields[0] == &fg.ConditionalOutcomeFields[0]
}

// uniqueOutcomeID is an outcome id not yet used in the list: next, next_2, …
func uniqueOutcomeID(list *fg.Value) string {
	used := map[string]bool{}
	for _, o := range list.Elems() {
		used[o.Get("id").Text()] = true
	}
	id := "next"
	for n := 2; used[id]; n++ {
		id = "next_" + itoa(n)
	}
	return id
}

// removeItem removes the current outcome or list item, or an optional key.
func (p *editorPane) removeItem() {
	c := p.ctx
	r := p.row()
	if r == nil {
		return
	}
	switch {
	case r.listPtr != "" && r.item >= 0:
		what := "item"
		if isOutcomeList(r.itemFields) {
			what = "outcome"
		}
		c.Apply(labelled("remove "+what+" "+itoa(r.item+1), fg.Remove(fg.Pointer(r.listPtr, r.item))))
	case r.removable || (r.kind == rowField && !r.field.Required && c.Doc.Lookup(r.ptr) != nil):
		c.Apply(labelled("remove "+sanitize(r.label), fg.Remove(r.ptr)))
	default:
		c.Message("x removes outcomes, list items and optional keys")
	}
}

// moveItem reorders the current outcome or list item; the cursor follows it.
func (p *editorPane) moveItem(delta int) {
	c := p.ctx
	r := p.row()
	if r == nil || r.listPtr == "" || r.item < 0 {
		c.Message("K/J reorder outcomes and list items")
		return
	}
	to := r.item + delta
	if to < 0 || to >= len(c.Doc.Lookup(r.listPtr).Elems()) {
		return
	}
	oldItem := fg.Pointer(r.listPtr, r.item)
	newPtr := fg.Pointer(r.listPtr, to) + strings.TrimPrefix(r.ptr, oldItem)
	if c.Apply(labelled("move "+sanitize(r.label), fg.MoveItem(r.listPtr, r.item, to))) == nil {
		p.refresh()
		p.cur = p.rowAt(newPtr, p.cur)
	}
}

// pickTarget opens the fuzzy list of node ids (and "new node…") for an outcome.
func (p *editorPane) pickTarget(r *edRow) {
	c := p.ctx
	ptr, label := r.ptr, sanitize(r.label)
	if r.listPtr != "" && isOutcomeList(r.itemFields) {
		label = "outcome " + sanitize(c.Doc.Lookup(fg.Pointer(r.listPtr, r.item, "id")).Text())
	}
	items := []pickItem{{title: "＋ new node…", detail: "create a node and link it here", value: newNodeValue, pinned: true}}
	for _, i := range c.Order {
		n := &c.Doc.Nodes[i]
		if n.ID == "" {
			continue
		}
		items = append(items, pickItem{title: sanitize(n.ID), value: n.ID, badge: n.Type, detail: truncate(clean(excerptSource(n)), 40)})
	}
	cur := c.Doc.Lookup(ptr).Text()
	owner := c.Selected()
	c.openDialog(newPicker(c, "Link "+sanitize(owner.ID)+" · "+label+" to…", items, cur, func(it pickItem) tea.Cmd {
		if it.value == newNodeValue {
			askNewNode(c, "New node linked from "+sanitize(owner.ID)+" · "+label, func(typ, id string) {
				node, err := fg.NewNode(typ, id)
				if err != nil {
					c.Error(err.Error())
					return
				}
				op := fg.Seq("add "+typ+" "+id+" linked from "+owner.ID, fg.AddNode(node, owner.Index+1), fg.SetTarget(ptr, id))
				if c.Apply(op) == nil {
					c.Message("added " + sanitize(id) + " and linked it · o goes there" + c.findingDelta())
				}
			})
			return nil
		}
		c.Apply(labelled("link "+owner.ID+" · "+label+" → "+it.value, fg.SetTarget(ptr, it.value)))
		return nil
	}))
}

// pickEnum opens the list of allowed values of an enum field.
func (p *editorPane) pickEnum(r *edRow) {
	c := p.ctx
	ptr, label := r.ptr, r.label
	var items []pickItem
	for _, e := range r.field.Enum {
		items = append(items, pickItem{title: e, value: e})
	}
	c.openDialog(newPicker(c, "Set "+sanitize(label), items, c.Doc.Lookup(ptr).Text(), func(it pickItem) tea.Cmd {
		c.Apply(labelled("set "+label+" = "+it.value, fg.SetValue(ptr, fg.NewString(it.value))))
		return nil
	}))
}

// askNewNode asks for a node type, then an id, then calls done.
func askNewNode(c *Context, title string, done func(typ, id string)) {
	var items []pickItem
	for _, t := range fg.Catalog {
		items = append(items, pickItem{title: t.Name, value: t.Name, badge: t.Name, detail: t.Summary})
	}
	c.openDialog(newPicker(c, title+": type", items, "conversation", func(it pickItem) tea.Cmd {
		typ := it.value
		d := c.Doc
		c.openDialog(newPrompt(c, title+": id", []string{"Type " + typ + ". The id is what outcomes link to."},
			uniqueID(d, idBase(typ)), func(s string) string { return checkNewID(c.Doc, s, "") },
			func(id string) tea.Cmd { done(typ, id); return nil }))
		return nil
	}))
}

// idBase suggests an id for a new node of a type.
func idBase(typ string) string {
	switch typ {
	case "liveness_detection":
		return "liveness"
	case "two_factor_email":
		return "email_code"
	case "two_factor_sms":
		return "sms_code"
	case "conversation":
		return "step"
	}
	return typ
}

// externalEdit opens the prompt under the cursor in $EDITOR.
func (p *editorPane) externalEdit() tea.Cmd {
	c := p.ctx
	r := p.row()
	if r == nil || r.kind != rowField || (r.field.Kind != fg.KindPrompt && r.field.Kind != fg.KindString) {
		c.Message("ctrl+e edits prompts in $EDITOR: move to a prompt")
		return nil
	}
	text := c.Doc.Lookup(r.ptr).Text()
	if p.editing && p.multiline {
		text = p.area.Value()
	}
	p.cancelEdit()
	return writeTempCmd(r.ptr, text, c.Opts.Editor)
}
