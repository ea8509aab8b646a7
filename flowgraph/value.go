// Package flowgraph is the FaceSign flow document: a lossless, position-aware JSON
// tree, the node catalog, graph queries, and edit operations with exact inverses.
package flowgraph

import (
	"strconv"
	"strings"
)

// Kind is the JSON type of a Value.
type Kind uint8

// The JSON kinds.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{"null", "boolean", "number", "string", "array", "object"}

// WithArticle names the kind with its indefinite article: "an object", "a string".
func (k Kind) WithArticle() string {
	switch k {
	case Null:
		return "null"
	case Object, Array:
		return "an " + k.String()
	}
	return "a " + k.String()
}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Value is one JSON value. Values parsed from a file know their byte span in it;
// values built in memory (for edits) have Start == -1 and carry their literal text.
type Value struct {
	Kind    Kind
	Start   int      // byte offset of the first byte of the value, -1 when built in memory
	End     int      // byte offset just past the value
	Str     string   // decoded text of a String; raw text of a Number; "true"/"false" for Bool
	Members []Member // Object members in file order (duplicates kept)
	Items   []*Value // Array items
}

// Member is one key of an object.
type Member struct {
	Key      string // decoded key
	KeyStart int    // byte offset of the key's opening quote, -1 when built in memory
	Value    *Value
}

// Get returns the first member named key, or nil. Nil-safe.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Object {
		return nil
	}
	for i := range v.Members {
		if v.Members[i].Key == key {
			return v.Members[i].Value
		}
	}
	return nil
}

// Elems returns an array's items, nil for anything else. Nil-safe.
func (v *Value) Elems() []*Value {
	if v == nil || v.Kind != Array {
		return nil
	}
	return v.Items
}

// Entries returns an object's members, nil for anything else. Nil-safe.
func (v *Value) Entries() []Member {
	if v == nil || v.Kind != Object {
		return nil
	}
	return v.Members
}

// Has reports whether an object has the member key.
func (v *Value) Has(key string) bool { return v.Get(key) != nil }

// Text returns the string of a String value and "" for anything else. Nil-safe.
func (v *Value) Text() string {
	if v == nil || v.Kind != String {
		return ""
	}
	return v.Str
}

// Is reports whether v is present and of kind k. Nil-safe.
func (v *Value) Is(k Kind) bool { return v != nil && v.Kind == k }

// IsString reports whether v is a string value.
func (v *Value) IsString() bool { return v.Is(String) }

// Truth returns the boolean of a Bool value (false otherwise).
func (v *Value) Truth() bool { return v != nil && v.Kind == Bool && v.Str == "true" }

// Float parses a Number value. ok is false for other kinds and for numbers that do
// not fit a float64 (such as 1e999).
func (v *Value) Float() (f float64, ok bool) {
	if v == nil || v.Kind != Number {
		return 0, false
	}
	f, err := strconv.ParseFloat(v.Str, 64)
	return f, err == nil
}

// Keys lists an object's member names in order.
func (v *Value) Keys() []string {
	if v == nil || v.Kind != Object {
		return nil
	}
	keys := make([]string, len(v.Members))
	for i, m := range v.Members {
		keys[i] = m.Key
	}
	return keys
}

// Strings returns the string items of an array (non-strings are skipped).
func (v *Value) Strings() []string {
	if v == nil || v.Kind != Array {
		return nil
	}
	out := make([]string, 0, len(v.Items))
	for _, it := range v.Items {
		if it.Kind == String {
			out = append(out, it.Str)
		}
	}
	return out
}

// Pointer builds a JSON pointer (RFC 6901) from a base and reference tokens
// (strings or ints).
func Pointer(base string, tokens ...any) string {
	n := len(base)
	for _, t := range tokens {
		if s, ok := t.(string); ok {
			n += 1 + len(s)
		} else {
			n += 8
		}
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(base)
	for _, t := range tokens {
		b.WriteByte('/')
		switch t := t.(type) {
		case int:
			var buf [20]byte
			b.Write(strconv.AppendInt(buf[:0], int64(t), 10))
		case string:
			b.WriteString(escapeToken(t))
		}
	}
	return b.String()
}

var tokenEscaper = strings.NewReplacer("~", "~0", "/", "~1")
var tokenUnescaper = strings.NewReplacer("~1", "/", "~0", "~")

func escapeToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return tokenEscaper.Replace(s)
}

// SplitPointer returns the unescaped reference tokens of a JSON pointer.
func SplitPointer(ptr string) []string {
	if ptr == "" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, p := range parts {
		parts[i] = tokenUnescaper.Replace(p)
	}
	return parts
}

// ParentPointer splits a pointer into its parent and last token.
func ParentPointer(ptr string) (parent, last string) {
	i := strings.LastIndexByte(ptr, '/')
	if i < 0 {
		return "", ""
	}
	return ptr[:i], tokenUnescaper.Replace(ptr[i+1:])
}

// Resolve walks a JSON pointer from v. It returns the value, and for an object
// member also the member's key offset (else -1). A missing step yields nil.
func (v *Value) Resolve(ptr string) (val *Value, keyStart int) {
	val, keyStart = v, -1
	for _, tok := range SplitPointer(ptr) {
		if val == nil {
			return nil, -1
		}
		switch val.Kind {
		case Object:
			var next *Value
			for i := range val.Members {
				if val.Members[i].Key == tok {
					next, keyStart = val.Members[i].Value, val.Members[i].KeyStart
					break
				}
			}
			val = next
		case Array:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(val.Items) || tok != strconv.Itoa(i) {
				return nil, -1
			}
			val, keyStart = val.Items[i], -1
		default:
			return nil, -1
		}
	}
	return val, keyStart
}
