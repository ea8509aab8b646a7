package flowgraph

import (
	"errors"
	"fmt"
	"sync"
)

// Form is which of the three accepted file shapes a document has.
type Form uint8

// The file forms.
const (
	FormBare   Form = iota // [ {node}, … ]
	FormBody               // { "flow": [ … ], … } — a session-create body
	FormLegacy             // { "nodes": [ … ], "edges": [ … ] } — outdated
)

var formNames = [...]string{"bare flow", "session body", "legacy graph"}

func (f Form) String() string { return formNames[f] }

// Document is one flow file: its exact bytes, the JSON tree over them and the
// node model. A Document is never changed in place; edits make a new one.
type Document struct {
	Path       string // "" for an untitled document
	Src        []byte
	Root       *Value
	Form       Form
	FlowPtr    string // pointer of the node array: "", "/flow", "/modules" or "/nodes"
	Flow       *Value // the node array
	Nodes      []Node
	Duplicates []DuplicateKey
	Style      Style

	lines   lineIndex
	byID    map[string]int
	dupIDs  bool      // two nodes share a string id, see HasDuplicateIDs
	starts  []int     // the start nodes, see Starts
	ends    []int     // the end nodes, see Ends
	adj     adjacency // built on the first Successors or Predecessors call
	adjOnce sync.Once
}

// LoadError is why a file could not be opened as a flow, at a position.
type LoadError struct {
	Path   string
	Offset int
	Pos    Pos
	Msg    string
}

func (e *LoadError) Error() string {
	name := e.Path
	if name == "" {
		name = "<input>"
	}
	return fmt.Sprintf("%s:%d:%d: %s", name, e.Pos.Line, e.Pos.Col, e.Msg)
}

// Load reads and parses a flow file ("-" for standard input).
func Load(path string) (*Document, error) {
	src, err := ReadInput(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, src)
}

// Parse builds a Document from bytes. A syntax fault, or JSON that is not one of
// the three forms, is a *LoadError with the position of the fault. The document
// keeps src (its strings share that memory), so src must not change afterwards.
func Parse(path string, src []byte) (*Document, error) {
	d := &Document{Path: path, Src: src, lines: newLineIndex(src)}
	root, dups, err := parseJSON(src)
	if err != nil {
		var se *SyntaxError
		if errors.As(err, &se) {
			return nil, d.loadError(se.Offset, se.Msg)
		}
		return nil, d.loadError(0, err.Error())
	}
	d.Root, d.Duplicates = root, dups
	if err := d.detectForm(); err != nil {
		return nil, err
	}
	d.Style = detectStyle(src, d.lines)
	d.buildNodes()
	return d, nil
}

func (d *Document) loadError(off int, msg string) *LoadError {
	return &LoadError{Path: d.Path, Offset: off, Pos: d.lines.pos(off), Msg: msg}
}

const formHelp = "expected a node array, a session body with \"flow\", or a {\"nodes\", \"edges\"} graph"

func (d *Document) detectForm() error {
	r := d.Root
	switch r.Kind {
	case Array:
		d.Form, d.Flow = FormBare, r
		return nil
	case Object:
	default:
		return d.loadError(r.Start, fmt.Sprintf("the file holds a JSON %s; %s", r.Kind, formHelp))
	}
	for _, key := range []string{"flow", "modules", "nodes"} {
		v := r.Get(key)
		if v == nil {
			continue
		}
		if v.Kind != Array {
			return d.loadError(v.Start, fmt.Sprintf("%q must be an array of nodes, not %s", key, v.Kind.WithArticle()))
		}
		d.Flow, d.FlowPtr, d.Form = v, "/"+key, FormBody
		if key == "nodes" {
			d.Form = FormLegacy
			if e := r.Get("edges"); e != nil && e.Kind != Array {
				return d.loadError(e.Start, fmt.Sprintf("\"edges\" must be an array, not %s", e.Kind.WithArticle()))
			}
		}
		return nil
	}
	return d.loadError(r.Start, "the object has no \"flow\" array; "+formHelp)
}

// Pos returns the 1-based line and column of a byte offset.
func (d *Document) Pos(off int) Pos { return d.lines.pos(off) }

// Offset converts a line and column back to a byte offset.
func (d *Document) Offset(p Pos) int { return d.lines.offset(p) }

// LineCount is the number of lines in the file.
func (d *Document) LineCount() int { return d.lines.lineCount() }

// Lookup resolves a JSON pointer to a value (nil when absent).
func (d *Document) Lookup(ptr string) *Value {
	v, _ := d.Root.Resolve(ptr)
	return v
}

// PointerPos returns the position of the spot a pointer names: a member's key, an
// array item's first byte, or, when it does not exist, its nearest existing parent.
func (d *Document) PointerPos(ptr string) Pos {
	for {
		v, keyStart := d.Root.Resolve(ptr)
		if v != nil {
			if keyStart >= 0 {
				return d.Pos(keyStart)
			}
			return d.Pos(v.Start)
		}
		if ptr == "" {
			return Pos{1, 1}
		}
		ptr, _ = ParentPointer(ptr)
	}
}

// NodeByID returns the index of the first node with this id, or -1.
func (d *Document) NodeByID(id string) int {
	if i, ok := d.byID[id]; ok {
		return i
	}
	return -1
}

// HasDuplicateIDs reports whether two nodes share a non-empty string id: the
// node builder sees it for free, so the duplicate-id rule looks no further
// when it is false.
func (d *Document) HasDuplicateIDs() bool { return d.dupIDs }

// Starts lists the nodes of type "start", and Ends those of type "end", in
// file order: the node builder notes them, so the rules about them and the
// searches from them need not read every node. The slices are shared: read
// them, do not change them.
func (d *Document) Starts() []int { return d.starts }
func (d *Document) Ends() []int   { return d.ends }

// Body returns the session-body object, or nil for a bare or legacy file.
func (d *Document) Body() *Value {
	if d.Form != FormBody {
		return nil
	}
	return d.Root
}

// Tree is any JSON file parsed with positions: configuration, translation
// sidecars.
type Tree struct {
	Path  string
	Src   []byte
	Value *Value
	lines lineIndex
}

// ParseTree parses a JSON file of any shape, keeping positions. Like Parse, it
// keeps src, which must not change afterwards.
func ParseTree(path string, src []byte) (*Tree, *LoadError) {
	t := &Tree{Path: path, Src: src, lines: newLineIndex(src)}
	v, _, err := parseJSON(src)
	if err != nil {
		var se *SyntaxError
		off, msg := 0, err.Error()
		if errors.As(err, &se) {
			off, msg = se.Offset, se.Msg
		}
		return nil, &LoadError{Path: path, Offset: off, Pos: t.lines.pos(off), Msg: msg}
	}
	t.Value = v
	return t, nil
}

// Pos returns the position of a byte offset in the tree's file.
func (t *Tree) Pos(off int) Pos { return t.lines.pos(off) }
