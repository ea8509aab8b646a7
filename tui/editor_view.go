package tui

import (
	"strconv"
	"strings"

	fg "flowsmith/flowgraph"
	"flowsmith/validate"
)

// maxPromptLines is how many wrapped lines of a prompt the form shows.
const maxPromptLines = 6

func (p *editorPane) View() string {
	p.refresh()
	c, st := p.ctx, p.ctx.Styles
	n := c.Selected()
	if n == nil {
		msg := " no node selected"
		if c.Doc != nil && len(c.Doc.Nodes) == 0 {
			msg = " the flow has no nodes: press a to add one"
		}
		p.lineRow = nil
		return fit([]string{st.Muted.Render(msg)}, p.w, p.h)
	}
	found := p.findingsFor()
	var lines []string
	var owner []int
	emit := func(row int, ls ...string) {
		lines = append(lines, ls...)
		for range ls {
			owner = append(owner, row)
		}
	}
	// Header: badge, id, what the type does.
	summary := "unknown node type " + strconv.Quote(sanitize(n.Type))
	if n.Def != nil {
		summary = n.Def.Summary
	}
	emit(-1, " "+st.Badge(n.Type)+" "+st.Title.Render(truncate(sanitize(n.ID), p.w/2)))
	for _, l := range wrap(summary, max(p.w-2, 10)) {
		emit(-1, " "+st.Muted.Render(l))
	}
	emit(-1, p.findingLines(found[-1], 0)...)

	labelW := p.labelWidth()
	curStart, curEnd := 0, 0
	for i := range p.rows {
		r := &p.rows[i]
		if r.kind == rowSection {
			emit(i, "")
		}
		if i == p.cur {
			curStart = len(lines)
		}
		emit(i, p.rowLines(i, r, labelW)...)
		emit(i, p.findingLines(found[i], r.depth+1)...)
		if i == p.cur {
			curEnd = len(lines)
		}
	}
	p.lineRow = owner
	// Scroll so that the whole cursor block (row, input, findings) is visible.
	if curEnd-curStart >= p.h {
		p.offset = curStart
	} else {
		p.offset = scrollTo(p.offset, curEnd-1, p.h, len(lines))
		p.offset = min(p.offset, curStart)
	}
	p.offset = max(0, min(p.offset, len(lines)-1))
	return fit(lines[p.offset:], p.w, p.h)
}

func (p *editorPane) labelWidth() int {
	w := 8
	for _, r := range p.rows {
		if r.kind == rowField || r.kind == rowID || r.kind == rowRaw {
			w = max(w, 2*r.depth+width(sanitize(r.label))+1)
		}
	}
	return min(w, max(p.w*2/5, 10))
}

// rowLines renders one row: cursor, label and value (or the input being typed).
func (p *editorPane) rowLines(i int, r *edRow, labelW int) []string {
	st := p.ctx.Styles
	selected := i == p.cur
	cursor := " "
	if selected {
		cursor = "›"
		if p.focused {
			cursor = st.Accent.Render("›")
		}
	}
	label := sanitize(r.label)
	switch r.kind {
	case rowSection:
		info := p.sectionInfo(r)
		return []string{cursor + st.Accent.Render(label) + "  " + st.Muted.Render(truncate(info, max(p.w-width(label)-3, 0)))}
	case rowGroup:
		return []string{cursor + indent(r.depth) + st.Bold.Render(label) + " " + st.Muted.Render(p.groupInfo(r))}
	}
	ls := st.Label
	if r.field.Required {
		ls = st.LabelRequired
	}
	head := cursor + indent(r.depth) + ls.Render(truncate(label, labelW-2*r.depth-1))
	head = padRight(head, labelW+1) + " "
	valW := max(p.w-width(head), 4)
	if selected && p.editing {
		if p.multiline {
			hint := "editing · enter done · alt+enter new line · ctrl+e $EDITOR"
			if p.area.noNewline {
				hint = "editing · enter done · esc leaves"
			}
			out := []string{head + st.Muted.Render(hint)}
			for _, l := range strings.Split(p.area.View(), "\n") {
				out = append(out, "  "+l)
			}
			return append(out, p.inputErrLines()...)
		}
		return append([]string{head + p.input.View()}, p.inputErrLines()...)
	}
	vals := p.valueLines(r, valW)
	out := []string{head + vals[0]}
	pad := strings.Repeat(" ", width(head))
	for _, v := range vals[1:] {
		out = append(out, pad+v)
	}
	if selected && p.focused {
		out[0] = st.Selected.Render(padRight(out[0], p.w))
	}
	return out
}

func (p *editorPane) inputErrLines() []string {
	if p.inputErr == "" {
		return nil
	}
	return []string{"   " + p.ctx.Styles.InputError.Render("✖ "+p.inputErr)}
}

// valueLines formats a row's value (first line, then continuation lines).
func (p *editorPane) valueLines(r *edRow, w int) []string {
	c, st := p.ctx, p.ctx.Styles
	v := c.Doc.Lookup(r.ptr)
	unset := func(s string) []string { return []string{st.Unset.Render(s)} }
	if r.kind == rowRaw {
		return []string{truncate(clean(rawText(c.Doc, v)), w)}
	}
	f := r.field
	if v == nil {
		switch {
		case f.Kind == fg.KindObject || f.Kind == fg.KindObjectList:
			return unset("— not set (enter adds it)")
		case r.target:
			return unset("→ (missing)")
		case f.Default != "":
			return unset("— default " + f.Default + rangeHint(f))
		}
		return unset("—" + rangeHint(f))
	}
	if r.target {
		id := v.Text()
		if !v.IsString() {
			return []string{truncate(clean(rawText(c.Doc, v)), w)}
		}
		if id == "" {
			return unset("→ (not linked: enter picks a node)")
		}
		if i := c.Doc.NodeByID(id); i >= 0 {
			return []string{"→ " + st.Badge(c.Doc.Nodes[i].Type) + " " + truncate(sanitize(id), w-badgeWidth-3)}
		}
		return []string{"→ " + st.Severity(validate.Error).Render(truncate(sanitize(id), w-2))}
	}
	switch f.Kind {
	case fg.KindBool:
		if v.Kind == fg.Bool {
			if v.Truth() {
				return []string{"[x] true"}
			}
			return []string{"[ ] false"}
		}
	case fg.KindPrompt:
		if v.IsString() {
			if v.Str == "" {
				return unset("(empty)")
			}
			ls := wrap(sanitize(v.Str), w)
			if len(ls) > maxPromptLines {
				ls = append(ls[:maxPromptLines-1], st.Muted.Render("… ("+itoa(len(ls))+" lines; enter edits)"))
			}
			return ls
		}
	case fg.KindString, fg.KindEnum:
		if v.IsString() {
			s := truncate(sanitize(v.Str), w)
			if v.Str == "" {
				s = st.Unset.Render(`""`)
			}
			if f.Kind == fg.KindEnum {
				s += st.Muted.Render(truncate("  ("+strings.Join(f.Enum, " | ")+")", max(w-width(s), 0)))
			}
			return []string{s}
		}
	case fg.KindInt, fg.KindNumber:
		if v.Kind == fg.Number {
			return []string{v.Str + st.Muted.Render(rangeHint(f))}
		}
	case fg.KindStringList:
		if v.Kind == fg.Array {
			items := v.Strings()
			if len(items) == 0 {
				return []string{st.Unset.Render("(none)") + st.Muted.Render(suggestHint(f))}
			}
			return []string{truncate(sanitize(strings.Join(items, ", ")), w)}
		}
	}
	return []string{truncate(clean(rawText(c.Doc, v)), w)}
}

func rangeHint(f fg.Field) string {
	if f.Range == nil {
		return ""
	}
	max := strconv.FormatFloat(f.Range.Max, 'f', -1, 64)
	if f.Range.Max >= 1e9 {
		return "  (≥ " + strconv.FormatFloat(f.Range.Min, 'f', -1, 64) + ")"
	}
	return "  (" + strconv.FormatFloat(f.Range.Min, 'f', -1, 64) + "–" + max + ")"
}

func suggestHint(f fg.Field) string {
	if len(f.Suggest) == 0 {
		return ""
	}
	return "  e.g. " + strings.Join(f.Suggest, ", ")
}

// rawText is the JSON text of a value as written in the file.
func rawText(d *fg.Document, v *fg.Value) string {
	if v == nil || v.Start < 0 {
		return ""
	}
	return string(d.Src[v.Start:v.End])
}

func (p *editorPane) sectionInfo(r *edRow) string {
	n := p.ctx.Selected()
	if r.label != "Outcomes" || n == nil || n.Def == nil {
		return ""
	}
	switch n.Def.Shape {
	case fg.ShapeConditional:
		return "conditional · n add · x remove · K/J reorder"
	case fg.ShapeKeyed:
		return "keyed · enter picks a target · o follows"
	}
	return n.Def.Shape.String()
}

func (p *editorPane) groupInfo(r *edRow) string {
	v := p.ctx.Doc.Lookup(r.ptr)
	if r.item < 0 && r.listPtr == r.ptr {
		return "(" + plural(len(v.Elems()), "item") + " · n adds)"
	}
	if r.item >= 0 && r.listPtr != "" && r.ptr == fg.Pointer(r.listPtr, r.item) {
		if cur := p.row(); cur != nil && cur.listPtr == r.listPtr && cur.item == r.item {
			return "n adds · x removes · K/J move"
		}
		if v := p.ctx.Doc.Lookup(r.ptr + "/condition"); v.IsString() && v.Str == "" {
			return "(moves on whatever the user says)"
		}
	}
	return ""
}

// findingLines renders findings under a row, indented to its depth.
func (p *editorPane) findingLines(fs []*validate.Finding, depth int) []string {
	st := p.ctx.Styles
	var out []string
	pad := " " + indent(depth)
	w := max(p.w-width(pad)-2, 10)
	for _, f := range fs {
		msg := f.Rule + ": " + clean(f.Message)
		for k, l := range wrap(msg, w) {
			if k == 0 {
				out = append(out, pad+st.SevMark(f.Severity, true)+" "+st.Severity(f.Severity).UnsetBold().Render(l))
			} else {
				out = append(out, pad+"  "+st.Severity(f.Severity).UnsetBold().Render(l))
			}
		}
		if f.Hint != "" {
			for _, l := range wrap("hint: "+clean(f.Hint), w) {
				out = append(out, pad+"  "+st.Muted.Render(l))
			}
		}
		if f.Fix != nil {
			out = append(out, pad+"  "+st.Key.Render("f")+" "+st.Muted.Render(truncate(clean(f.Fix.Title), w-2)))
		}
	}
	return out
}
