// Package draw turns a flow document into pictures: Graphviz DOT, a Mermaid
// flowchart, and the layered text drawing of package layout that the editor's
// graph pane shows.
//
// All three draw the same graph: a node per flow node (its id and type), an
// edge per outcome whose target exists (labelled with the outcome key, the
// conditional outcome id, the exit name, "rule N" or "default"; a single
// "outcome" has no label), and, for each target id that names no node, one
// extra node "missing: ID" that the dangling outcomes point to. Nodes can be
// marked with the worst severity of their problems (Options.Marks), and the
// drawing can be cut down to the neighbourhood of one node (Options.Focus and
// Options.Hops).
//
// Everything that comes from the file (ids, types, outcome keys) is untrusted:
// it goes through Options.Sanitize and then through this package's own
// Sanitize, so that no control character, escape sequence or bidi override
// reaches the output raw, whatever the format.
//
// The package depends on flowgraph and layout only; severities are plain data
// (Mark), computed by the caller from its findings.
package draw

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"flowsmith/flowgraph"
	"flowsmith/flowgraph/layout"
)

// Mark is how a node is marked: the worst severity of its problems.
type Mark uint8

// The marks, from least to most serious (the order of validate's severities).
const (
	None Mark = iota
	Info
	Warning
	Error
)

var markNames = [...]string{"none", "info", "warning", "error"}

func (m Mark) String() string {
	if int(m) < len(markNames) {
		return markNames[m]
	}
	return fmt.Sprintf("mark(%d)", m)
}

// Options tune every output. The zero value draws the whole flow, unmarked,
// with box-drawing characters and no colour.
type Options struct {
	// Marks is the mark of each node, by node id (absent: None). The
	// "missing: ID" nodes are always marked Error.
	Marks map[string]Mark

	// Focus, when not "", draws only the nodes at most Hops edges away from
	// the node with this id (following edges either way, not through hubs:
	// see layout.Neighbourhood) and the edges among them. An id that names
	// no node is an *UnknownNodeError.
	Focus string
	Hops  int

	// Sanitize makes text from the file safe to print (the CLI passes
	// validate.Sanitize). Its result goes through this package's Sanitize as
	// well, so nil is safe too.
	Sanitize func(string) string

	// Text and Build only.
	ASCII    bool   // + - | v ^ instead of box-drawing characters and arrows
	Color    bool   // wrap marked and selected boxes in ANSI colours (see Style)
	Selected string // id of the node drawn with a double border (and bold with Color)
	// Style, when set, replaces Color: it wraps a run of cells of one box
	// within one line (border and text; it must not change the width).
	// doc is the node's index in the document, -1 for a "missing: ID" node.
	Style func(doc int, mark Mark, selected bool, s string) string
}

// UnknownNodeError is Options.Focus naming no node.
type UnknownNodeError struct{ ID string }

func (e *UnknownNodeError) Error() string {
	return fmt.Sprintf("no node has the id %q", Sanitize(e.ID))
}

// ErrNoDocument is returned for a nil document.
var ErrNoDocument = errors.New("draw: no document")

// FromDocument is the document as a layout graph: node i is d.Nodes[i] (label
// its id, sub its type), an edge per outcome whose target exists, labelled as
// in the package comment, and Root the start node (-1 when there is none).
// Dangling outcomes are left out here (Build draws them to "missing: ID"
// nodes). Labels are sanitized with Sanitize.
func FromDocument(d *flowgraph.Document) layout.Graph {
	g := layout.Graph{Root: -1}
	if d == nil {
		return g
	}
	g.Nodes = make([]layout.Node, len(d.Nodes))
	for i := range d.Nodes {
		n := &d.Nodes[i]
		g.Nodes[i] = layout.Node{Label: Sanitize(n.ID), Sub: typeLabel(Sanitize(n.Type))}
		for _, e := range n.Edges {
			if e.To >= 0 {
				g.Edges = append(g.Edges, layout.Edge{From: i, To: e.To, Label: Sanitize(edgeLabel(e))})
			}
		}
	}
	g.Root = d.Start()
	return g
}

// edgeLabel is what an edge shows: nothing for a single "outcome", else its key.
func edgeLabel(e flowgraph.Edge) string {
	if e.Kind == flowgraph.EdgeSingle {
		return ""
	}
	return e.Key
}

// typeLabel is the second line of a box: the type, or "(no type)".
func typeLabel(t string) string {
	if t == "" {
		return "(no type)"
	}
	return t
}

// missingSub is the second line of a "missing: ID" node's box.
const missingSub = "(missing)"

// --- the model shared by every output -----------------------------------------

// model is the graph every output draws: the document's nodes (those in the
// focus, when there is one) then one node per missing target id.
type model struct {
	nodes []mnode
	edges []medge
	root  int // index in nodes, -1
	focus int // index in nodes of the focus node, -1
}

type mnode struct {
	doc  int    // index in the document, -1 for a missing target
	id   string // sanitized
	typ  string // sanitized, "" for a missing target
	mark Mark
}

type medge struct {
	from, to int
	label    string // sanitized
	dangling bool   // to is a missing target
	kind     flowgraph.EdgeKind
}

func (n *mnode) missing() bool { return n.doc < 0 }

// buildModel builds the model of d for opt, applying the focus.
func buildModel(d *flowgraph.Document, opt Options) (*model, error) {
	if d == nil {
		return nil, ErrNoDocument
	}
	clean := opt.clean
	m := &model{root: -1, focus: -1}
	m.nodes = make([]mnode, len(d.Nodes), len(d.Nodes)+4)
	missing := map[string]int{}
	for i := range d.Nodes {
		n := &d.Nodes[i]
		m.nodes[i] = mnode{doc: i, id: clean(n.ID), typ: clean(n.Type), mark: opt.Marks[n.ID]}
	}
	for i := range d.Nodes {
		for _, e := range d.Nodes[i].Edges {
			switch {
			case e.To >= 0:
				m.edges = append(m.edges, medge{from: i, to: e.To, label: clean(edgeLabel(e)), kind: e.Kind})
			case e.Target != "":
				to, ok := missing[e.Target]
				if !ok {
					to = len(m.nodes)
					missing[e.Target] = to
					m.nodes = append(m.nodes, mnode{doc: -1, id: clean(e.Target), mark: Error})
				}
				m.edges = append(m.edges, medge{from: i, to: to, label: clean(edgeLabel(e)), dangling: true, kind: e.Kind})
			}
		}
	}
	m.root = d.Start()
	if opt.Focus == "" {
		return m, nil
	}
	center := d.NodeByID(opt.Focus)
	if center < 0 {
		return nil, &UnknownNodeError{ID: opt.Focus}
	}
	_, keep := layout.Neighbourhood(m.graph(), center, max(opt.Hops, 0))
	return m.subset(keep, center), nil
}

// graph is the model as a layout graph.
func (m *model) graph() layout.Graph {
	g := layout.Graph{Root: m.root, Nodes: make([]layout.Node, len(m.nodes)), Edges: make([]layout.Edge, len(m.edges))}
	for i := range m.nodes {
		n := &m.nodes[i]
		sub := typeLabel(n.typ)
		if n.missing() {
			sub = missingSub
		}
		g.Nodes[i] = layout.Node{Label: n.id, Sub: sub}
	}
	for i, e := range m.edges {
		g.Edges[i] = layout.Edge{From: e.from, To: e.to, Label: e.label}
	}
	return g
}

// subset keeps the nodes listed in keep (ascending) and the edges among them.
func (m *model) subset(keep []int, center int) *model {
	index := make([]int, len(m.nodes))
	for i := range index {
		index[i] = -1
	}
	s := &model{root: -1, focus: -1, nodes: make([]mnode, 0, len(keep))}
	for _, k := range keep {
		index[k] = len(s.nodes)
		s.nodes = append(s.nodes, m.nodes[k])
	}
	for _, e := range m.edges {
		if index[e.from] >= 0 && index[e.to] >= 0 {
			e.from, e.to = index[e.from], index[e.to]
			s.edges = append(s.edges, e)
		}
	}
	if m.root >= 0 {
		s.root = index[m.root]
	}
	s.focus = index[center]
	return s
}

// --- sanitizing ---------------------------------------------------------------

// clean applies the caller's sanitizer, then ours.
func (o Options) clean(s string) string {
	if o.Sanitize != nil {
		s = o.Sanitize(s)
	}
	return Sanitize(s)
}

// Sanitize makes a string safe to print on one line (flowgraph.Sanitize).
func Sanitize(s string) string { return flowgraph.Sanitize(s) }

// cut shortens s to at most n runes, ending a cut string with "…".
func cut(s string, n int) string {
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return s
	}
	k := 0
	for i := range s {
		if k == n-1 {
			return s[:i] + "…"
		}
		k++
	}
	return s
}
