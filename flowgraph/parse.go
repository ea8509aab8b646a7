package flowgraph

import (
	"bytes"
	"fmt"
	"unicode/utf8"
	"unsafe"

	json "github.com/goccy/go-json"
)

// MaxDepth is the deepest nesting the parser accepts. Real flows nest fewer than
// ten levels; the limit turns hostile files into a clear error instead of work.
const MaxDepth = 512

// SyntaxError is a fault in the JSON text, at a byte offset.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string { return e.Msg }

// DuplicateKey records an object key that appears twice.
type DuplicateKey struct {
	Key           string
	First, Second int // key offsets
	Object        int // offset of the object holding the key
}

// parser is a strict RFC 8259 reader that records byte spans. It validates every
// byte itself; only string literals it has already checked are handed to go-json
// for unescaping, since go-json may panic on malformed input.
type parser struct {
	src   []byte
	str0  string // src as a string: decoded strings without escapes are slices of it; "" to copy them
	pos   int
	depth int
	dups  []DuplicateKey

	// Slabs: values, members and items are carved from large chunks rather than
	// allocated one by one, and members/items collect on scratch stacks first so
	// each container gets an exactly sized slice.
	vals     []Value
	members  []Member
	items    []*Value
	memStack []Member
	itemStk  []*Value
}

const slabSize = 1024

func (p *parser) newValue(k Kind, start int) *Value {
	n := len(p.vals)
	if n == cap(p.vals) {
		p.vals, n = make([]Value, 0, slabSize), 0
	}
	// The slab is fresh zeroed memory: set only the scalar fields, so no
	// pointer-sized zeroes pass through the GC's write barrier.
	p.vals = p.vals[:n+1]
	v := &p.vals[n]
	v.Kind, v.Start = k, start
	return v
}

// takeMembers moves the members above base off the scratch stack into a slab.
func (p *parser) takeMembers(base int) []Member {
	n := len(p.memStack) - base
	if n > cap(p.members)-len(p.members) {
		p.members = make([]Member, 0, max(slabSize, n))
	}
	start := len(p.members)
	p.members = append(p.members, p.memStack[base:]...)
	p.memStack = p.memStack[:base]
	return p.members[start : start+n : start+n]
}

func (p *parser) takeItems(base int) []*Value {
	n := len(p.itemStk) - base
	if n > cap(p.items)-len(p.items) {
		p.items = make([]*Value, 0, max(slabSize, n))
	}
	start := len(p.items)
	p.items = append(p.items, p.itemStk[base:]...)
	p.itemStk = p.itemStk[:base]
	return p.items[start : start+n : start+n]
}

// parseJSON parses src into a tree. It never panics on any input. Decoded
// strings without escapes share src's memory, so src must not change afterwards
// (a Document keeps its bytes unchanged for its whole life).
func parseJSON(src []byte) (*Value, []DuplicateKey, error) {
	if err := checkEncoding(src); err != nil {
		return nil, nil, err
	}
	p := &parser{src: src, str0: unsafe.String(unsafe.SliceData(src), len(src))}
	p.skipSpace()
	if p.pos == len(src) {
		return nil, nil, &SyntaxError{0, "the file is empty: expected a JSON array or object"}
	}
	v, err := p.value()
	if err != nil {
		return nil, nil, err
	}
	p.skipSpace()
	if p.pos < len(src) {
		return nil, nil, p.errorf("unexpected %s after the end of the JSON value", p.describe())
	}
	return v, p.dups, nil
}

func checkEncoding(src []byte) error {
	switch {
	case bytes.HasPrefix(src, []byte{0xEF, 0xBB, 0xBF}):
		return &SyntaxError{0, "the file starts with a UTF-8 byte order mark, which JSON does not allow; save it as UTF-8 without BOM"}
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}), bytes.HasPrefix(src, []byte{0xFE, 0xFF}),
		len(src) >= 4 && ((src[0] == 0 && src[2] == 0) != (src[1] == 0 && src[3] == 0)):
		return &SyntaxError{0, "the file looks like UTF-16; flowsmith reads UTF-8 JSON"}
	}
	return nil
}

func (p *parser) errorf(format string, args ...any) error {
	return &SyntaxError{p.pos, fmt.Sprintf(format, args...)}
}

// describe names the byte at the current position for error messages.
func (p *parser) describe() string {
	if p.pos >= len(p.src) {
		return "end of file"
	}
	c := p.src[p.pos]
	switch {
	case c == 0:
		return "NUL byte"
	case c < 0x20 || c == 0x7f:
		return fmt.Sprintf("control character 0x%02X", c)
	case c >= 0x80:
		r, _ := utf8.DecodeRune(p.src[p.pos:])
		if r == utf8.RuneError {
			return fmt.Sprintf("invalid UTF-8 byte 0x%02X", c)
		}
		return fmt.Sprintf("character %q", r)
	}
	return fmt.Sprintf("%q", rune(c))
}

// text returns src[a:b] as a string: a slice of str0 when the parser shares the
// source's memory, a copy otherwise (key re-reads by the writer, single-node
// re-parses whose strings must not keep an old text alive).
func (p *parser) text(a, b int) string {
	if p.str0 == "" {
		return string(p.src[a:b])
	}
	return p.str0[a:b]
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) value() (*Value, error) {
	if p.pos >= len(p.src) {
		return nil, p.errorf("unexpected end of file: expected a value")
	}
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		start := p.pos
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		v := p.newValue(String, start)
		v.End, v.Str = p.pos, s
		return v, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == 't':
		return p.literal("true", Bool)
	case c == 'f':
		return p.literal("false", Bool)
	case c == 'n':
		return p.literal("null", Null)
	}
	if bytes.HasPrefix(p.src[p.pos:], []byte("NaN")) || bytes.HasPrefix(p.src[p.pos:], []byte("Infinity")) {
		return nil, p.errorf("NaN and Infinity are not JSON numbers")
	}
	return nil, p.errorf("unexpected %s: expected a value", p.describe())
}

func (p *parser) literal(word string, k Kind) (*Value, error) {
	if !bytes.HasPrefix(p.src[p.pos:], []byte(word)) {
		return nil, p.errorf("unexpected %s: expected a value (did you mean %s?)", p.describe(), word)
	}
	v := p.newValue(k, p.pos)
	v.End = p.pos + len(word)
	if k == Bool {
		v.Str = word
	}
	p.pos += len(word)
	return v, nil
}

func (p *parser) digits() int {
	n := 0
	for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
		p.pos++
		n++
	}
	return n
}

func (p *parser) number() (*Value, error) {
	start := p.pos
	if p.src[p.pos] == '-' {
		p.pos++
	}
	if p.pos < len(p.src) && p.src[p.pos] == '0' {
		p.pos++
		if p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			return nil, p.errorf("numbers must not have leading zeros")
		}
	} else if p.digits() == 0 {
		if bytes.HasPrefix(p.src[p.pos:], []byte("Infinity")) {
			return nil, p.errorf("NaN and Infinity are not JSON numbers")
		}
		return nil, p.errorf("unexpected %s: expected a digit", p.describe())
	}
	if p.pos < len(p.src) && p.src[p.pos] == '.' {
		p.pos++
		if p.digits() == 0 {
			return nil, p.errorf("unexpected %s: expected a digit after the decimal point", p.describe())
		}
	}
	if p.pos < len(p.src) && (p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.src) && (p.src[p.pos] == '+' || p.src[p.pos] == '-') {
			p.pos++
		}
		if p.digits() == 0 {
			return nil, p.errorf("unexpected %s: expected a digit in the exponent", p.describe())
		}
	}
	v := p.newValue(Number, start)
	v.End, v.Str = p.pos, p.text(start, p.pos)
	return v, nil
}

// str reads a string literal, validating escapes and UTF-8, and returns its text.
func (p *parser) str() (string, error) {
	start := p.pos
	p.pos++ // opening quote
	escaped := false
	for {
		if p.pos >= len(p.src) {
			p.pos = start
			return "", p.errorf("string is never closed: expected '\"' before the end of file")
		}
		c := p.src[p.pos]
		switch {
		case c == '"':
			p.pos++
			raw := p.src[start:p.pos]
			if !escaped {
				return p.text(start+1, p.pos-1), nil
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return "", &SyntaxError{start, "malformed string: " + err.Error()}
			}
			return s, nil
		case c == '\\':
			if err := p.escape(); err != nil {
				return "", err
			}
			escaped = true
		case c < 0x20:
			return "", p.errorf("unescaped %s inside a string (write it as an escape such as \\n)", p.describe())
		case c < 0x80:
			p.pos++
		default:
			r, size := utf8.DecodeRune(p.src[p.pos:])
			if r == utf8.RuneError && size <= 1 {
				return "", p.errorf("invalid UTF-8 byte 0x%02X inside a string", c)
			}
			p.pos += size
		}
	}
}

func (p *parser) escape() error {
	p.pos++ // backslash
	if p.pos >= len(p.src) {
		return p.errorf("unexpected end of file inside an escape sequence")
	}
	switch p.src[p.pos] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		p.pos++
		return nil
	case 'u':
		p.pos++
		for i := 0; i < 4; i++ {
			if p.pos >= len(p.src) || !isHex(p.src[p.pos]) {
				return p.errorf("unexpected %s: \\u needs four hex digits", p.describe())
			}
			p.pos++
		}
		return nil
	}
	return p.errorf("invalid escape \\%s in a string", p.describe())
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > MaxDepth {
		return p.errorf("nesting deeper than %d levels", MaxDepth)
	}
	return nil
}

func (p *parser) object() (*Value, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	v := p.newValue(Object, p.pos)
	base := len(p.memStack)
	p.pos++
	p.skipSpace()
	var seen map[string]int // key → offset, only for large objects
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		v.End = p.pos
		p.depth--
		return v, nil
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] != '"' {
			return nil, p.errorf("unexpected %s: expected a key in double quotes", p.describe())
		}
		keyStart := p.pos
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		if first := p.findKey(p.memStack[base:], key, &seen); first >= 0 {
			p.dups = append(p.dups, DuplicateKey{Key: key, First: first, Second: keyStart, Object: v.Start})
		}
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			return nil, p.errorf("unexpected %s: expected ':' after the key %q", p.describe(), key)
		}
		p.pos++
		p.skipSpace()
		val, err := p.value()
		if err != nil {
			return nil, err
		}
		p.memStack = append(p.memStack, Member{Key: key, KeyStart: keyStart, Value: val})
		if seen != nil {
			if _, dup := seen[key]; !dup {
				seen[key] = keyStart
			}
		}
		p.skipSpace()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			p.skipSpace()
			if p.pos < len(p.src) && p.src[p.pos] == '}' {
				return nil, p.errorf("trailing comma before '}'")
			}
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == '}' {
			p.pos++
			v.End = p.pos
			v.Members = p.takeMembers(base)
			p.depth--
			return v, nil
		}
		return nil, p.errorf("unexpected %s: expected ',' or '}'", p.describe())
	}
}

// findKey returns the offset of an earlier member named key, or -1. Small objects
// scan; large ones switch to a map so hostile files stay linear.
func (p *parser) findKey(members []Member, key string, seen *map[string]int) int {
	if *seen == nil && len(members) > 16 {
		*seen = make(map[string]int, len(members)*2)
		for _, m := range members {
			if _, dup := (*seen)[m.Key]; !dup {
				(*seen)[m.Key] = m.KeyStart
			}
		}
	}
	if *seen != nil {
		if off, ok := (*seen)[key]; ok {
			return off
		}
		return -1
	}
	for _, m := range members {
		if m.Key == key {
			return m.KeyStart
		}
	}
	return -1
}

func (p *parser) array() (*Value, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	v := p.newValue(Array, p.pos)
	base := len(p.itemStk)
	p.pos++
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		v.End = p.pos
		p.depth--
		return v, nil
	}
	for {
		p.skipSpace()
		item, err := p.value()
		if err != nil {
			return nil, err
		}
		p.itemStk = append(p.itemStk, item)
		p.skipSpace()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			p.skipSpace()
			if p.pos < len(p.src) && p.src[p.pos] == ']' {
				return nil, p.errorf("trailing comma before ']'")
			}
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == ']' {
			p.pos++
			v.End = p.pos
			v.Items = p.takeItems(base)
			p.depth--
			return v, nil
		}
		return nil, p.errorf("unexpected %s: expected ',' or ']'", p.describe())
	}
}
