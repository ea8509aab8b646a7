package flowgraph

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// Pos is a 1-based line and column. Columns count Unicode code points, the way
// editors number them for text that stays in the Basic Multilingual Plane.
type Pos struct {
	Line, Col int
}

// lineIndex maps byte offsets to positions.
type lineIndex struct {
	src    []byte
	starts []int // byte offset of the first byte of each line
}

func newLineIndex(src []byte) lineIndex {
	starts := make([]int, 1, 1+len(src)/40)
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		starts = append(starts, off)
	}
	return lineIndex{src: src, starts: starts}
}

// pos converts a byte offset (clamped to the text) to a Pos.
func (li lineIndex) pos(off int) Pos {
	off = max(0, min(off, len(li.src)))
	line := sort.SearchInts(li.starts, off+1) - 1
	col := utf8.RuneCount(li.src[li.starts[line]:off]) + 1
	return Pos{Line: line + 1, Col: col}
}

// offset converts a Pos back to a byte offset (clamped).
func (li lineIndex) offset(p Pos) int {
	if p.Line < 1 {
		return 0
	}
	if p.Line > len(li.starts) {
		return len(li.src)
	}
	off := li.starts[p.Line-1]
	for col := 1; col < p.Col && off < len(li.src) && li.src[off] != '\n'; col++ {
		_, size := utf8.DecodeRune(li.src[off:])
		off += size
	}
	return off
}

// lineCount is the number of lines in the text.
func (li lineIndex) lineCount() int { return len(li.starts) }

// indentAt returns the leading white space of the line holding off.
func (li lineIndex) indentAt(off int) string {
	line := sort.SearchInts(li.starts, off+1) - 1
	s := li.starts[line]
	e := s
	for e < len(li.src) && (li.src[e] == ' ' || li.src[e] == '\t') {
		e++
	}
	return string(li.src[s:e])
}

// PointerAt returns the JSON pointer of the innermost value whose span holds off,
// and that value. It is how a byte position (a cursor, a duplicate key) becomes a
// pointer.
func PointerAt(root *Value, off int) (string, *Value) {
	ptr, v := "", root
	for v != nil {
		switch v.Kind {
		case Object:
			next := -1
			for i, m := range v.Members {
				if off >= m.KeyStart && off < m.Value.End {
					next = i
					break
				}
			}
			if next < 0 {
				return ptr, v
			}
			ptr = Pointer(ptr, v.Members[next].Key)
			v = v.Members[next].Value
		case Array:
			i := sort.Search(len(v.Items), func(i int) bool { return v.Items[i].End > off })
			if i == len(v.Items) || off < v.Items[i].Start {
				return ptr, v
			}
			ptr = Pointer(ptr, i)
			v = v.Items[i]
		default:
			return ptr, v
		}
	}
	return ptr, v
}
