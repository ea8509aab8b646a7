package flowgraph

import (
	"bytes"
	"strings"

	json "github.com/goccy/go-json"
)

// Style is how a file lays out its JSON: the indentation unit, the line ending and
// the text between a key and its value.
type Style struct {
	Indent  string // "\t" or some spaces; two spaces for new files
	Newline string // "\n" or "\r\n"
	Colon   string // ": " or ":"
}

// DefaultStyle is used for new files: two spaces, LF, ": ".
var DefaultStyle = Style{Indent: "  ", Newline: "\n", Colon: ": "}

// detectStyle reads the indentation unit (the smallest indentation step among the
// first lines), the line ending and the key separator of a file.
func detectStyle(src []byte, li lineIndex) Style {
	st := DefaultStyle
	if i := bytes.IndexByte(src, '\n'); i > 0 && src[i-1] == '\r' {
		st.Newline = "\r\n"
	}
	if i := bytes.Index(src, []byte(`":`)); i >= 0 && (i+2 >= len(src) || src[i+2] != ' ') {
		st.Colon = ":"
	}
	smallest := 0
	for line := 1; line < li.lineCount() && line < 200; line++ {
		ind := li.indentAt(li.starts[line])
		if ind == "" {
			continue
		}
		if ind[0] == '\t' {
			st.Indent = "\t"
			return st
		}
		if n := len(ind) - len(strings.TrimLeft(ind, " ")); n > 0 && (smallest == 0 || n < smallest) {
			smallest = n
		}
	}
	if smallest > 0 && smallest <= 8 {
		st.Indent = strings.Repeat(" ", smallest)
	}
	return st
}

// writer lays out values in a Style. Values parsed from src keep their scalars'
// exact text (escapes, number spelling); built values are encoded.
type writer struct {
	st  Style
	src []byte
	buf bytes.Buffer
}

// write lays out v. indent is the white space of the line v starts on; inline
// writes everything on one line.
func (w *writer) write(v *Value, indent string, inline bool) {
	switch v.Kind {
	case Object:
		if len(v.Members) == 0 {
			w.buf.WriteString("{}")
			return
		}
		w.buf.WriteByte('{')
		for i, m := range v.Members {
			w.sep(i, indent, inline)
			w.key(m)
			w.buf.WriteString(w.st.Colon)
			w.write(m.Value, indent+w.st.Indent, inline)
		}
		w.close('}', indent, inline)
	case Array:
		if len(v.Items) == 0 {
			w.buf.WriteString("[]")
			return
		}
		w.buf.WriteByte('[')
		for i, it := range v.Items {
			w.sep(i, indent, inline)
			w.write(it, indent+w.st.Indent, inline)
		}
		w.close(']', indent, inline)
	default:
		w.buf.WriteString(scalarText(v, w.src))
	}
}

func (w *writer) sep(i int, indent string, inline bool) {
	if i > 0 {
		w.buf.WriteByte(',')
		if inline {
			w.buf.WriteByte(' ')
		}
	}
	if !inline {
		w.buf.WriteString(w.st.Newline)
		w.buf.WriteString(indent + w.st.Indent)
	}
}

func (w *writer) close(c byte, indent string, inline bool) {
	if !inline {
		w.buf.WriteString(w.st.Newline)
		w.buf.WriteString(indent)
	}
	w.buf.WriteByte(c)
}

func (w *writer) key(m Member) {
	if m.KeyStart >= 0 && w.src != nil {
		// The key's exact text: find its closing quote by re-reading the literal.
		p := &parser{src: w.src, pos: m.KeyStart}
		if _, err := p.str(); err == nil {
			w.buf.Write(w.src[m.KeyStart:p.pos])
			return
		}
	}
	w.buf.WriteString(quote(m.Key))
}

// scalarText is the JSON text of a scalar value.
func scalarText(v *Value, src []byte) string {
	if v.Start >= 0 && src != nil {
		return string(src[v.Start:v.End])
	}
	switch v.Kind {
	case String:
		return quote(v.Str)
	case Number, Bool:
		return v.Str
	}
	return "null"
}

// quote encodes a string as a JSON literal, leaving <, > and & readable.
func quote(s string) string {
	b, err := json.MarshalWithOption(s, json.DisableHTMLEscape())
	if err != nil { // unreachable for a Go string; keep a valid literal anyway
		return `""`
	}
	return string(b)
}

// Format lays out a value in a style, starting on a line indented by indent.
func Format(v *Value, st Style, indent string) []byte {
	w := &writer{st: st}
	w.write(v, indent, false)
	return w.buf.Bytes()
}
