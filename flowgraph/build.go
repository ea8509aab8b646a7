package flowgraph

import (
	"fmt"
	"strconv"
)

// NewString, NewBool, NewNumber, NewNull, NewObject and NewArray build values in
// memory for edits.
func NewString(s string) *Value { return &Value{Kind: String, Start: -1, Str: s} }

// NewBool builds a boolean value.
func NewBool(b bool) *Value { return &Value{Kind: Bool, Start: -1, Str: strconv.FormatBool(b)} }

// NewNumber builds a number value; whole numbers are written without a fraction.
func NewNumber(f float64) *Value {
	return &Value{Kind: Number, Start: -1, Str: strconv.FormatFloat(f, 'f', -1, 64)}
}

// NewNull builds null.
func NewNull() *Value { return &Value{Kind: Null, Start: -1} }

// NewObject builds an object from alternating keys and values:
// NewObject("id", NewString("a"), "type", NewString("end")).
func NewObject(kv ...any) *Value {
	o := &Value{Kind: Object, Start: -1}
	for i := 0; i+1 < len(kv); i += 2 {
		o.Members = append(o.Members, Member{Key: kv[i].(string), KeyStart: -1, Value: kv[i+1].(*Value)})
	}
	return o
}

// NewArray builds an array.
func NewArray(items ...*Value) *Value { return &Value{Kind: Array, Start: -1, Items: items} }

// ParseValue parses JSON text into a value detached from any file.
func ParseValue(text string) (*Value, error) {
	v, _, err := parseJSON([]byte(text))
	if err != nil {
		return nil, err
	}
	detach(v, []byte(text))
	return v, nil
}

// Detach copies a value out of its file so that it can be written elsewhere.
func (d *Document) Detach(v *Value) *Value {
	c, err := ParseValue(string(d.Src[v.Start:v.End]))
	if err != nil {
		return NewNull()
	}
	return c
}

func detach(v *Value, src []byte) {
	if v.Kind == Number {
		v.Str = string(src[v.Start:v.End])
	}
	v.Start, v.End = -1, -1
	for i := range v.Members {
		v.Members[i].KeyStart = -1
		detach(v.Members[i].Value, src)
	}
	for _, it := range v.Items {
		detach(it, src)
	}
}

// NewNode builds a node of a catalog type with its required fields and an
// outcome skeleton whose targets are still empty.
func NewNode(typ, id string) (*Value, error) {
	t := Lookup(typ)
	if t == nil {
		return nil, fmt.Errorf("unknown node type %q", typ)
	}
	n := NewObject("id", NewString(id), "type", NewString(typ))
	add := func(k string, v *Value) { n.Members = append(n.Members, Member{Key: k, KeyStart: -1, Value: v}) }
	for _, f := range t.Fields {
		if f.Required {
			add(f.Name, placeholder(f))
		}
	}
	switch t.Shape {
	case ShapeSingle:
		add("outcome", NewString(""))
	case ShapeKeyed:
		o := NewObject()
		for _, k := range t.Keys {
			o.Members = append(o.Members, Member{Key: k, KeyStart: -1, Value: NewString("")})
		}
		add("outcomes", o)
	case ShapeConditional:
		add("outcomes", NewArray(NewConditionalOutcome("next", "", "")))
	}
	return n, nil
}

// NewConditionalOutcome builds one {id, targetNodeId, condition} outcome.
func NewConditionalOutcome(id, target, condition string) *Value {
	return NewObject("id", NewString(id), "targetNodeId", NewString(target), "condition", NewString(condition))
}

// placeholder is the value a new required field starts with.
func placeholder(f Field) *Value {
	switch f.Kind {
	case KindBool:
		return NewBool(false)
	case KindInt, KindNumber:
		if f.Default != "" {
			if v, err := strconv.ParseFloat(f.Default, 64); err == nil {
				return NewNumber(v)
			}
		}
		if f.Range != nil {
			return NewNumber(f.Range.Min)
		}
		return NewNumber(0)
	case KindEnum:
		return NewString(f.Enum[0])
	case KindStringList:
		if len(f.Suggest) > 0 {
			return NewArray(NewString(f.Suggest[0]))
		}
		return NewArray()
	case KindObject:
		o := NewObject()
		for _, sub := range f.Fields {
			if sub.Required {
				o.Members = append(o.Members, Member{Key: sub.Name, KeyStart: -1, Value: placeholder(sub)})
			}
		}
		return o
	case KindObjectList:
		o := placeholder(Field{Kind: KindObject, Fields: f.Fields})
		return NewArray(o)
	case KindAny, KindStringMap:
		return NewObject()
	}
	return NewString("")
}
