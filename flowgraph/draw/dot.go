package draw

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"flowsmith/flowgraph"
)

// maxLabel is the most runes of file text a DOT or Mermaid label shows; longer
// text ends with "…" (real ids are far shorter; hostile ones would make
// unreadable, huge nodes).
const maxLabel = 200

// DOT writes the flow as a Graphviz digraph, top to bottom:
//
//	digraph flow {
//	  n0 [label="start\nstart", shape=oval];
//	  n1 [label="greeting\nconversation", shape=box, style="rounded"];
//	  n0 -> n1;
//	}
//
// Nodes are named n<index in the file> (m<k> for "missing: ID" nodes), so no
// id from the file is ever a DOT identifier; the id and type are the label.
// Shapes follow the node type (see dotShape), error nodes are filled red,
// warnings yellow, infos blue; dangling outcomes are dashed red edges to a
// dashed red "missing: ID" node. With a focus, its node has a thick border.
func DOT(w io.Writer, d *flowgraph.Document, opt Options) error {
	m, err := buildModel(d, opt)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("digraph flow {\n")
	bw.WriteString("  rankdir=TB;\n")
	bw.WriteString("  node [fontname=\"Helvetica\", fontsize=11];\n")
	bw.WriteString("  edge [fontname=\"Helvetica\", fontsize=9];\n")
	names := make([]string, len(m.nodes))
	missing := 0
	for i := range m.nodes {
		n := &m.nodes[i]
		if n.missing() {
			names[i] = "m" + strconv.Itoa(missing)
			missing++
		} else {
			names[i] = "n" + strconv.Itoa(n.doc)
		}
		bw.WriteString("  " + names[i] + " [")
		if n.missing() {
			bw.WriteString(`label="missing: ` + dotEscape(cut(n.id, maxLabel)) + `", shape=box, style="dashed,filled", ` + dotColours[Error] + `, fontcolor="#c8102e"`)
		} else {
			shape, style := dotShape(n.typ)
			bw.WriteString(`label="` + dotEscape(cut(n.id, maxLabel)) + `\n` + dotEscape(cut(typeLabel(n.typ), maxLabel)) + `", shape=` + shape)
			if n.typ == "end" {
				bw.WriteString(", peripheries=2")
			}
			if n.mark > None {
				style = append(style, "filled")
			}
			if len(style) > 0 {
				bw.WriteString(`, style="` + strings.Join(style, ",") + `"`)
			}
			if c := dotColours[min(n.mark, Error)]; c != "" {
				bw.WriteString(", " + c)
			}
		}
		if i == m.focus {
			bw.WriteString(", penwidth=3")
		}
		bw.WriteString("];\n")
	}
	for _, e := range m.edges {
		bw.WriteString("  " + names[e.from] + " -> " + names[e.to])
		var attrs []string
		if e.label != "" {
			attrs = append(attrs, `label="`+dotEscape(cut(e.label, maxLabel))+`"`)
		}
		if e.dangling {
			attrs = append(attrs, `style=dashed`, `color="#c8102e"`, `fontcolor="#c8102e"`)
		}
		if len(attrs) > 0 {
			bw.WriteString(" [" + strings.Join(attrs, ", ") + "]")
		}
		bw.WriteString(";\n")
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// dotColours are the colour attributes of a marked node, by mark.
var dotColours = [...]string{
	None:    "",
	Info:    `color="#0b63c5", fillcolor="#e3efff"`,
	Warning: `color="#b36b00", fillcolor="#fff1c2"`,
	Error:   `color="#c8102e", fillcolor="#ffd9dc"`,
}

// dotShape is the Graphviz shape (and style) of a node type.
func dotShape(typ string) (shape string, style []string) {
	switch typ {
	case "start":
		return "oval", []string{"bold"}
	case "end":
		return "oval", nil // with peripheries=2
	case "conversation":
		return "box", []string{"rounded"}
	case "liveness_detection", "face_scan", "face_compare", "recognition":
		return "hexagon", nil
	case "document_scan":
		return "box3d", nil
	case "enter_email":
		return "tab", nil
	case "two_factor_email", "two_factor_sms":
		return "component", nil
	case "permissions":
		return "house", nil
	case "data_validation", "field_condition":
		return "diamond", nil
	case "external_call":
		return "parallelogram", nil
	}
	return "box", nil
}

// dotEscape makes sanitized text the inside of a DOT quoted string that shows
// exactly that text. In a quoted string only \" is an escape of the DOT
// language, but labels give a backslash before n, l, r, N, G, E, T, H and L a
// meaning, and Graphviz decodes HTML entities in labels; so backslashes are
// doubled, quotes escaped, and & written as &amp;.
func dotEscape(s string) string {
	if !strings.ContainsAny(s, "\\\"&\n\r") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '&':
			b.WriteString("&amp;")
		case '\n', '\r': // never after Sanitize; kept safe all the same
			b.WriteString(`\\n`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
