package tui

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	fg "flowsmith/flowgraph"
)

// activate is enter on a row: edit text, toggle, pick a value or a target, add
// a missing object.
func (p *editorPane) activate() tea.Cmd {
	c := p.ctx
	r := p.row()
	if r == nil {
		return nil
	}
	v := c.Doc.Lookup(r.ptr)
	switch {
	case r.kind == rowSection || (r.kind == rowGroup && r.item < 0 && r.listPtr == r.ptr):
		if r.listPtr != "" {
			p.addItem()
		}
		return nil
	case r.kind == rowGroup:
		c.Message("n adds · x removes · K/J moves this item")
		return nil
	case r.kind == rowID:
		return p.beginEdit(c.Selected().ID, false)
	case r.kind == rowRaw:
		return p.beginEdit(compactJSON(rawText(c.Doc, v)), false)
	case r.target:
		p.pickTarget(r)
		return nil
	}
	switch r.field.Kind {
	case fg.KindBool:
		p.toggle()
	case fg.KindEnum:
		p.pickEnum(r)
	case fg.KindObject, fg.KindObjectList:
		c.Apply(labelled("add "+r.label, fg.SetValue(r.ptr, placeholder(r.field))))
	case fg.KindPrompt:
		return p.beginEdit(v.Text(), true)
	case fg.KindString:
		if p.w > 0 && width(v.Text()) > p.w/2 { // long text: the wrapping editor, one paragraph
			cmd := p.beginEdit(v.Text(), true)
			p.area.noNewline = true
			return cmd
		}
		return p.beginEdit(v.Text(), false)
	case fg.KindStringList:
		return p.beginEdit(strings.Join(v.Strings(), ", "), false)
	case fg.KindNodeRef:
		return p.beginEdit(v.Text(), false)
	case fg.KindInt, fg.KindNumber:
		text := ""
		if v.Is(fg.Number) {
			text = v.Str
		}
		return p.beginEdit(text, false)
	default:
		return p.beginEdit(compactJSON(rawText(c.Doc, v)), false)
	}
	return nil
}

// beginEdit gives the keyboard to the one-line input or, for prompts, the
// multi-line editor.
func (p *editorPane) beginEdit(text string, multiline bool) tea.Cmd {
	r := p.row()
	p.editing, p.multiline, p.editPtr, p.inputErr = true, multiline, r.ptr, ""
	if multiline {
		p.area.SetValue(text)
		p.area.noNewline = false
		return nil
	}
	p.input.SetValue(text)
	p.input.SetWidth(max(p.w-p.labelWidth()-3, 8))
	return nil
}

func (p *editorPane) stopEdit() {
	p.editing, p.inputErr = false, ""
}

func (p *editorPane) cancelEdit() {
	if p.editing {
		p.stopEdit()
	}
}

// editKey handles a key while a field is being edited.
func (p *editorPane) editKey(km tea.KeyPressMsg) tea.Cmd {
	switch km.String() {
	case "enter":
		p.commit()
		return nil
	case "esc":
		if !p.commit() {
			p.stopEdit()
			p.ctx.Message("left the field; the invalid value was not applied")
		}
		return nil
	case "tab", "shift+tab":
		if p.commit() {
			p.move(map[bool]int{true: -1, false: 1}[km.String() == "shift+tab"])
		}
		return nil
	case "ctrl+e":
		if p.multiline {
			return p.externalEdit()
		}
	}
	return p.updateInput(km)
}

func (p *editorPane) updateInput(msg tea.Msg) tea.Cmd {
	if p.multiline {
		p.area.Update(msg)
	} else {
		p.input.Update(msg)
	}
	if _, ok := msg.(tea.KeyPressMsg); ok {
		p.inputErr = ""
	}
	return nil
}

// commit applies the text being edited. It returns false (and keeps editing)
// when the text is not a valid value for the field.
func (p *editorPane) commit() bool {
	if !p.editing {
		return true
	}
	var r *edRow
	for i := range p.rows {
		if p.rows[i].ptr == p.editPtr {
			r = &p.rows[i]
			break
		}
	}
	if r == nil {
		p.stopEdit()
		return true
	}
	text := p.input.Value()
	if p.multiline {
		text = p.area.Value()
	}
	op, err := p.opFor(r, text)
	if err != nil {
		p.inputErr = err.Error()
		return false
	}
	p.stopEdit()
	if op == nil {
		return true
	}
	if r.kind == rowID { // as the root's rename: the translations follow
		if p.ctx.Rename(p.ctx.Selected().ID, text) == nil {
			p.ctx.SelectID(text)
		}
		return true
	}
	p.ctx.Apply(op)
	return true
}

// opFor turns typed text into the edit of a row, or says why it cannot.
func (p *editorPane) opFor(r *edRow, text string) (fg.Op, error) {
	c := p.ctx
	d := c.Doc
	v := d.Lookup(r.ptr)
	f := r.field
	present := v != nil
	if r.kind == rowID {
		old := c.Selected().ID
		if text == old {
			return nil, nil
		}
		if msg := checkNewID(d, text, old); msg != "" {
			return nil, errors.New(msg)
		}
		return fg.RenameNode(old, text), nil
	}
	if r.kind == rowRaw || f.Kind == fg.KindAny || f.Kind == fg.KindStringMap || f.Kind == fg.KindObject || f.Kind == fg.KindObjectList {
		if strings.TrimSpace(text) == "" {
			if present && (r.removable || !f.Required) {
				return labelled("remove "+r.label, fg.Remove(r.ptr)), nil
			}
			return nil, errors.New("enter a JSON value")
		}
		if present && compactJSON(rawText(d, v)) == compactJSON(text) {
			return nil, nil
		}
		nv, err := fg.ParseValue(text)
		if err != nil {
			return nil, fmt.Errorf("not valid JSON: %v", err)
		}
		return labelled("set "+r.label, fg.SetValue(r.ptr, nv)), nil
	}
	switch f.Kind {
	case fg.KindInt, fg.KindNumber:
		s := strings.TrimSpace(text)
		if s == "" {
			if !present {
				return nil, nil
			}
			if f.Required {
				return nil, errors.New(r.label + " is required")
			}
			return labelled("unset "+r.label, fg.Remove(r.ptr)), nil
		}
		n, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		if f.Kind == fg.KindInt && n != math.Trunc(n) {
			return nil, fmt.Errorf("%s must be a whole number", r.label)
		}
		if rg := f.Range; rg != nil && (n < rg.Min || n > rg.Max) {
			return nil, fmt.Errorf("%s must be in %s", r.label, strings.TrimSpace(strings.Trim(rangeHint(f), " ()")))
		}
		if present && v.Is(fg.Number) && v.Str == s {
			return nil, nil
		}
		return labelled("set "+r.label+" = "+s, fg.SetValue(r.ptr, fg.NewNumber(n))), nil
	case fg.KindStringList:
		var items []*fg.Value
		var strs []string
		for _, part := range strings.Split(text, ",") {
			if s := strings.TrimSpace(part); s != "" {
				items, strs = append(items, fg.NewString(s)), append(strs, s)
			}
		}
		if present && v.Is(fg.Array) && len(v.Strings()) == len(v.Items) && strings.Join(v.Strings(), "\x00") == strings.Join(strs, "\x00") {
			return nil, nil
		}
		if len(items) == 0 {
			if f.Required || f.NonEmpty {
				return nil, errors.New(r.label + " needs at least one item")
			}
			if !present {
				return nil, nil
			}
			return labelled("unset "+r.label, fg.Remove(r.ptr)), nil
		}
		return labelled("set "+r.label, fg.SetValue(r.ptr, fg.NewArray(items...))), nil
	}
	// Strings, prompts, node references typed by hand.
	if present && v.IsString() && v.Str == text {
		return nil, nil
	}
	if text == "" && !f.Required && r.listPtr == "" {
		if !present {
			return nil, nil
		}
		return labelled("unset "+r.label, fg.Remove(r.ptr)), nil
	}
	return labelled("set "+r.label, fg.SetValue(r.ptr, fg.NewString(text))), nil
}

// toggle flips a boolean (absent → true) or cycles an enum.
func (p *editorPane) toggle() {
	c := p.ctx
	r := p.row()
	if r == nil || r.kind != rowField {
		return
	}
	v := c.Doc.Lookup(r.ptr)
	switch r.field.Kind {
	case fg.KindBool:
		next := !v.Truth()
		c.Apply(labelled(fmt.Sprintf("set %s = %t", r.label, next), fg.SetValue(r.ptr, fg.NewBool(next))))
	case fg.KindEnum:
		vals := r.field.Enum
		next := vals[0]
		for i, e := range vals {
			if v.Text() == e {
				next = vals[(i+1)%len(vals)]
			}
		}
		c.Apply(labelled("set "+r.label+" = "+next, fg.SetValue(r.ptr, fg.NewString(next))))
	default:
		c.Message("space toggles booleans and cycles choices; enter edits")
	}
}

// applyExternal stores text edited in $EDITOR into the field at ptr.
func (p *editorPane) applyExternal(ptr, text string) {
	c := p.ctx
	text = strings.TrimSuffix(strings.TrimSuffix(text, "\n"), "\r")
	v := c.Doc.Lookup(ptr)
	if v.IsString() && v.Str == text {
		c.Message("no change from $EDITOR")
		return
	}
	_, label := fg.ParentPointer(ptr)
	c.Apply(labelled("set "+label+" (from $EDITOR)", fg.SetValue(ptr, fg.NewString(text))))
}

// labelled gives an operation a label for the status bar and the undo list.
func labelled(label string, op fg.Op) fg.Op { return relabel{op, label} }

type relabel struct {
	fg.Op
	label string
}

func (r relabel) Label() string { return r.label }

// compactJSON writes JSON text on one line, keeping key order and values.
func compactJSON(s string) string {
	var b bytes.Buffer
	if json.Compact(&b, []byte(s)) != nil {
		return strings.Join(strings.Fields(s), " ")
	}
	return b.String()
}

// placeholder is the value a new object or list item starts with: its required
// fields, from the catalog.
func placeholder(f fg.Field) *fg.Value {
	switch f.Kind {
	case fg.KindBool:
		return fg.NewBool(false)
	case fg.KindInt, fg.KindNumber:
		if n, err := strconv.ParseFloat(f.Default, 64); err == nil {
			return fg.NewNumber(n)
		}
		if f.Range != nil {
			return fg.NewNumber(f.Range.Min)
		}
		return fg.NewNumber(0)
	case fg.KindEnum:
		return fg.NewString(f.Enum[0])
	case fg.KindStringList:
		if len(f.Suggest) > 0 {
			return fg.NewArray(fg.NewString(f.Suggest[0]))
		}
		return fg.NewArray()
	case fg.KindObject:
		o := fg.NewObject()
		for _, sub := range f.Fields {
			if sub.Required {
				o.Members = append(o.Members, fg.Member{Key: sub.Name, KeyStart: -1, Value: placeholder(sub)})
			}
		}
		return o
	case fg.KindObjectList:
		return fg.NewArray(placeholder(fg.Field{Kind: fg.KindObject, Fields: f.Fields}))
	case fg.KindAny, fg.KindStringMap:
		return fg.NewObject()
	}
	return fg.NewString("")
}
