package draw

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"flowsmith/flowgraph"
)

// Mermaid writes the flow as a Mermaid "flowchart TD" that renders on code
// hosting sites:
//
//	flowchart TD
//	  n_start(["start<br/>start"])
//	  n_greeting("greeting<br/>conversation")
//	  n_start --> n_greeting
//	  n_greeting -->|"ready"| n_liveness
//
// Ids from the file are never Mermaid ids: each node gets a safe id (see
// MermaidIDs), and its real id and type are the quoted label. Text in labels
// is escaped with Mermaid's entity codes (#quot; #35; #lt; #gt; #amp; …), so
// no id can close a label, start markup or a Markdown string. Shapes follow
// the node type; marked nodes get the classes sevError, sevWarning and
// sevInfo; dangling outcomes are dotted edges to a "missing: ID" node of class
// missing; a focus node has the class focus.
func Mermaid(w io.Writer, d *flowgraph.Document, opt Options) error {
	m, err := buildModel(d, opt)
	if err != nil {
		return err
	}
	ids := mermaidIDs(m)
	bw := bufio.NewWriter(w)
	bw.WriteString("flowchart TD\n")
	classes := map[string][]string{}
	for i := range m.nodes {
		n := &m.nodes[i]
		label := mermaidEscape(cut(n.id, maxLabel)) + "<br/>" + mermaidEscape(cut(typeLabel(n.typ), maxLabel))
		open, close := mermaidShape(n.typ)
		if n.missing() {
			label, open, close = "missing: "+mermaidEscape(cut(n.id, maxLabel)), "[", "]"
			classes["missing"] = append(classes["missing"], ids[i])
		} else if c := mermaidClass[min(n.mark, Error)]; c != "" {
			classes[c] = append(classes[c], ids[i])
		}
		if i == m.focus {
			classes["focus"] = append(classes["focus"], ids[i])
		}
		bw.WriteString("  " + ids[i] + open + `"` + label + `"` + close + "\n")
	}
	for _, e := range m.edges {
		arrow := " --> "
		if e.dangling {
			arrow = " -.-> "
		}
		if e.label != "" {
			arrow = arrow[:len(arrow)-1] + `|"` + mermaidEscape(cut(e.label, maxLabel)) + `"| `
		}
		bw.WriteString("  " + ids[e.from] + arrow + ids[e.to] + "\n")
	}
	for _, c := range mermaidClassOrder {
		if list := classes[c]; len(list) > 0 {
			bw.WriteString("  classDef " + c + " " + mermaidClassDefs[c] + "\n")
			bw.WriteString("  class " + strings.Join(list, ",") + " " + c + "\n")
		}
	}
	return bw.Flush()
}

var mermaidClass = [...]string{None: "", Info: "sevInfo", Warning: "sevWarning", Error: "sevError"}

var mermaidClassOrder = []string{"sevError", "sevWarning", "sevInfo", "missing", "focus"}

var mermaidClassDefs = map[string]string{
	"sevError":   "fill:#ffd9dc,stroke:#c8102e,color:#000",
	"sevWarning": "fill:#fff1c2,stroke:#b36b00,color:#000",
	"sevInfo":    "fill:#e3efff,stroke:#0b63c5,color:#000",
	"missing":    "fill:#ffd9dc,stroke:#c8102e,color:#c8102e,stroke-dasharray:5 5",
	"focus":      "stroke-width:4px",
}

// mermaidShape is the opening and closing brackets of a node type's shape.
func mermaidShape(typ string) (open, close string) {
	switch typ {
	case "start":
		return "([", "])" // stadium
	case "end":
		return "(((", ")))" // double circle
	case "conversation":
		return "(", ")" // rounded
	case "liveness_detection", "face_scan", "face_compare", "recognition":
		return "{{", "}}" // hexagon
	case "data_validation", "field_condition":
		return "{", "}" // rhombus
	case "external_call":
		return "[/", "/]" // parallelogram
	case "two_factor_email", "two_factor_sms":
		return "[[", "]]" // subroutine
	case "document_scan":
		return "[/", `\]` // trapezoid
	case "enter_email":
		return `[\`, "/]" // inverted trapezoid
	case "permissions":
		return ">", "]" // flag
	}
	return "[", "]"
}

// MermaidIDs returns the Mermaid id of each node of d, in file order: "n_"
// and the id with every run of characters other than [A-Za-z0-9_] made one
// "_" (cut to 40 bytes), then "_2", "_3" … when that is taken. The prefix
// keeps ids clear of Mermaid's keywords (end, graph, subgraph, style, class,
// click, direction, …) and of the o/x edge ends (A--oB is a circle edge);
// the suffix keeps them unique. The "missing: ID" nodes, which follow, use
// the prefix "missing_".
func MermaidIDs(d *flowgraph.Document) []string {
	m, err := buildModel(d, Options{})
	if err != nil {
		return nil
	}
	ids := mermaidIDs(m)
	return ids[:len(d.Nodes)]
}

func mermaidIDs(m *model) []string {
	ids := make([]string, len(m.nodes))
	used := make(map[string]bool, len(m.nodes))
	for i := range m.nodes {
		prefix := "n_"
		if m.nodes[i].missing() {
			prefix = "missing_"
		}
		base := prefix + safeIDPart(m.nodes[i].id)
		id := base
		for k := 2; used[id]; k++ {
			id = base + "_" + strconv.Itoa(k)
		}
		used[id] = true
		ids[i] = id
	}
	return ids
}

// safeIDPart keeps [A-Za-z0-9_] and turns every run of other characters into
// one "_", cut to 40 bytes.
func safeIDPart(s string) string {
	var b strings.Builder
	under := false
	for _, r := range s {
		if b.Len() >= 40 {
			break
		}
		if r == '_' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			b.WriteRune(r)
			under = false
		} else if !under {
			b.WriteByte('_')
			under = true
		}
	}
	return b.String()
}

// mermaidEscape makes sanitized text safe inside a quoted Mermaid label with
// entity codes: # (the entity sigil) first, then the quote that would end the
// label, the angle brackets and ampersand that would be markup, the backquote
// that starts a Markdown string, the pipe that ends an edge label, the colon
// and semicolon of the style and classDef rewriting Mermaid applies to every
// line (it would eat the ";" of an entity after "style…:"), the "%%" of
// comments, and the brackets and backslash older parsers trip on.
func mermaidEscape(s string) string {
	if !strings.ContainsAny(s, "#\"<>&`|;:%[](){}\\\n\r") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '#':
			b.WriteString("#35;")
		case '"':
			b.WriteString("#quot;")
		case '<':
			b.WriteString("#lt;")
		case '>':
			b.WriteString("#gt;")
		case '&':
			b.WriteString("#amp;")
		case '`':
			b.WriteString("#96;")
		case '|':
			b.WriteString("#124;")
		case ';':
			b.WriteString("#59;")
		case ':', '%', '[', ']', '(', ')', '{', '}', '\\':
			b.WriteString("#" + strconv.Itoa(int(r)) + ";")
		case '\n', '\r': // never after Sanitize; kept safe all the same
			b.WriteString(" ")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
