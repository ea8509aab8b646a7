package flowgraph

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// opFunc adapts a planning function to Op.
type opFunc struct {
	label string
	plan  func(d *Document) ([]Splice, error)
}

func (o opFunc) Label() string                      { return o.label }
func (o opFunc) Plan(d *Document) ([]Splice, error) { return o.plan(d) }
func newOp(label string, plan func(*Document) ([]Splice, error)) Op {
	return opFunc{label, plan}
}

// Seq runs several operations one after the other as one change.
func Seq(label string, ops ...Op) Op {
	return newOp(label, func(d *Document) ([]Splice, error) {
		var all []Splice
		cur := d
		for _, op := range ops {
			sp, err := op.Plan(cur)
			if err != nil {
				return nil, err
			}
			if len(sp) == 0 {
				continue
			}
			next, err := cur.Apply(Change{Label: label, Splices: sp})
			if err != nil {
				return nil, err
			}
			all, cur = append(all, sp...), next
		}
		return all, nil
	})
}

// render lays out a value for a spot whose line is indented by indent.
type render func(st Style, indent string, inline bool) string

func renderValue(v *Value) render {
	return func(st Style, indent string, inline bool) string {
		w := &writer{st: st}
		w.write(v, indent, inline || (v.Kind != Object && v.Kind != Array))
		return w.buf.String()
	}
}

func renderRaw(raw string) render {
	return func(Style, string, bool) string { return raw }
}

// SetValue sets the value at ptr, replacing it or adding the member (and any
// missing parent objects).
func SetValue(ptr string, v *Value) Op {
	return newOp("set "+ptr, func(d *Document) ([]Splice, error) {
		if old := d.Lookup(ptr); old != nil {
			if ptr == "" {
				return nil, fmt.Errorf("cannot replace the whole document")
			}
			inline := !strings.Contains(string(d.Src[old.Start:old.End]), "\n") && (old.Kind == Object || old.Kind == Array)
			inline = inline || !d.multiline()
			text := renderValue(v)(d.Style, d.lines.indentAt(old.Start), inline)
			return []Splice{{Off: old.Start, Old: string(d.Src[old.Start:old.End]), New: text}}, nil
		}
		// Wrap v in objects for each missing parent, up to one that exists.
		parent, key := ParentPointer(ptr)
		for d.Lookup(parent) == nil {
			if parent == "" {
				return nil, fmt.Errorf("%s: no such place in the document", ptr)
			}
			v = NewObject(key, v)
			parent, key = ParentPointer(parent)
		}
		p := d.Lookup(parent)
		switch p.Kind {
		case Object:
			return d.insertMember(p, key, renderValue(v)), nil
		case Array:
			if key != strconv.Itoa(len(p.Items)) {
				return nil, fmt.Errorf("%s: no such item", ptr)
			}
			return d.insertItem(p, len(p.Items), renderValue(v)), nil
		}
		return nil, fmt.Errorf("%s: %s is %s, not an object", ptr, parent, p.Kind.WithArticle())
	})
}

// Remove deletes the member or item at ptr.
func Remove(ptr string) Op {
	return newOp("remove "+ptr, func(d *Document) ([]Splice, error) {
		parentPtr, key := ParentPointer(ptr)
		parent := d.Lookup(parentPtr)
		starts, ends, i := spans(parent, key)
		if i < 0 {
			return nil, fmt.Errorf("%s: nothing to remove", ptr)
		}
		from, to := starts[i], ends[i]
		switch {
		case len(starts) == 1:
			from, to = parent.Start+1, parent.End-1
		case i < len(starts)-1:
			to = starts[i+1]
		default:
			from = ends[i-1]
		}
		return []Splice{{Off: from, Old: string(d.Src[from:to])}}, nil
	})
}

// spans lists where each member (from its key) or item of a container starts and
// ends, and the position of key among them (-1 when absent).
func spans(c *Value, key string) (starts, ends []int, at int) {
	at = -1
	if c == nil {
		return nil, nil, -1
	}
	switch c.Kind {
	case Object:
		for i, m := range c.Members {
			starts, ends = append(starts, m.KeyStart), append(ends, m.Value.End)
			if m.Key == key && at < 0 {
				at = i
			}
		}
	case Array:
		for _, it := range c.Items {
			starts, ends = append(starts, it.Start), append(ends, it.End)
		}
		if n, err := strconv.Atoi(key); err == nil && n >= 0 && n < len(c.Items) {
			at = n
		}
	}
	return starts, ends, at
}

// InsertItem inserts v into the array at ptr before index (len appends).
func InsertItem(ptr string, index int, v *Value) Op {
	return insertItemOp(ptr, index, renderValue(v))
}

func insertItemOp(ptr string, index int, r render) Op {
	return newOp(fmt.Sprintf("insert into %s", ptr), func(d *Document) ([]Splice, error) {
		a := d.Lookup(ptr)
		if a == nil || a.Kind != Array {
			return nil, fmt.Errorf("%s is not an array", ptr)
		}
		if index < 0 || index > len(a.Items) {
			return nil, fmt.Errorf("%s: index %d out of range", ptr, index)
		}
		return d.insertItem(a, index, r), nil
	})
}

// MoveItem moves an array item from one index to another.
func MoveItem(ptr string, from, to int) Op {
	return newOp(fmt.Sprintf("move %s/%d", ptr, from), func(d *Document) ([]Splice, error) {
		a := d.Lookup(ptr)
		if a == nil || a.Kind != Array || from < 0 || from >= len(a.Items) || to < 0 || to >= len(a.Items) {
			return nil, fmt.Errorf("%s: cannot move item %d to %d", ptr, from, to)
		}
		if from == to {
			return nil, nil
		}
		it := a.Items[from]
		raw := string(d.Src[it.Start:it.End])
		return Seq("", Remove(Pointer(ptr, from)), insertItemOp(ptr, to, renderRaw(raw))).Plan(d)
	})
}

// RenameKey renames the member at ptr, keeping its value and place.
func RenameKey(ptr, newKey string) Op {
	return newOp("rename key "+ptr, func(d *Document) ([]Splice, error) {
		_, keyStart := d.Root.Resolve(ptr)
		if keyStart < 0 {
			return nil, fmt.Errorf("%s is not an object member", ptr)
		}
		p := &parser{src: d.Src, pos: keyStart}
		if _, err := p.str(); err != nil {
			return nil, err
		}
		return []Splice{{Off: keyStart, Old: string(d.Src[keyStart:p.pos]), New: quote(newKey)}}, nil
	})
}

func (d *Document) multiline() bool { return strings.Contains(string(d.Src), "\n") }

// spaceBefore returns the white space just before off.
func (d *Document) spaceBefore(off int) string {
	i := off
	for i > 0 && strings.IndexByte(" \t\r\n", d.Src[i-1]) >= 0 {
		i--
	}
	return string(d.Src[i:off])
}

// lineIndentOf is the indentation a new sibling gets when it follows ws.
func (d *Document) lineIndentOf(ws string, fallbackOff int) string {
	if i := strings.LastIndexByte(ws, '\n'); i >= 0 {
		return ws[i+1:]
	}
	return d.lines.indentAt(fallbackOff)
}

func (d *Document) insertMember(obj *Value, key string, r render) []Splice {
	member := func(indent string, inline bool) string {
		return quote(key) + d.Style.Colon + r(d.Style, indent, inline)
	}
	if len(obj.Members) == 0 {
		return d.fillEmpty(obj, member)
	}
	last := obj.Members[len(obj.Members)-1]
	ws := d.spaceBefore(last.KeyStart)
	inline := !strings.Contains(ws, "\n")
	text := "," + ws + member(d.lineIndentOf(ws, last.KeyStart), inline)
	return []Splice{{Off: last.Value.End, New: text}}
}

func (d *Document) insertItem(a *Value, index int, r render) []Splice {
	item := func(indent string, inline bool) string { return r(d.Style, indent, inline) }
	if len(a.Items) == 0 {
		return d.fillEmpty(a, item)
	}
	if index < len(a.Items) {
		it := a.Items[index]
		ws := d.spaceBefore(it.Start)
		inline := !strings.Contains(ws, "\n")
		return []Splice{{Off: it.Start, New: item(d.lineIndentOf(ws, it.Start), inline) + "," + ws}}
	}
	last := a.Items[len(a.Items)-1]
	ws := d.spaceBefore(last.Start)
	inline := !strings.Contains(ws, "\n")
	return []Splice{{Off: last.End, New: "," + ws + item(d.lineIndentOf(ws, last.Start), inline)}}
}

// fillEmpty writes the first member or item of an empty container, on its own
// line when the file is laid out over lines.
func (d *Document) fillEmpty(c *Value, content func(indent string, inline bool) string) []Splice {
	old := string(d.Src[c.Start+1 : c.End-1])
	if !d.multiline() {
		return []Splice{{Off: c.Start + 1, Old: old, New: content("", true)}}
	}
	ind := d.lines.indentAt(c.Start)
	nl := d.Style.Newline
	text := nl + ind + d.Style.Indent + content(ind+d.Style.Indent, false) + nl + ind
	return []Splice{{Off: c.Start + 1, Old: old, New: text}}
}

// sortDescending orders independent splices last-first so that each applies to
// text the earlier ones have not moved.
func sortDescending(sp []Splice) []Splice {
	sort.Slice(sp, func(i, j int) bool { return sp[i].Off > sp[j].Off })
	return sp
}
