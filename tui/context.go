package tui

import (
	"bytes"
	"cmp"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"flowsmith/flowgraph"
	"flowsmith/validate"
)

// Context is the state every pane shares (gh-dash style): the document, its
// findings and history, the selection, styles, keys and the screen size. The
// root model owns it and panes read it; panes change the document only through
// the root's edit messages, so every edit goes through History.
type Context struct {
	Opts   Options
	Doc    *flowgraph.Document // nil when the file could not be parsed
	Path   string              // where Save writes; "" for an untitled document
	Hist   *flowgraph.History
	Styles *Styles
	Keys   *KeyMap
	Width  int
	Height int

	// Findings of Doc, in the order of validate (by position).
	Findings []validate.Finding
	Counts   validate.Counts

	// Derived from Doc, recomputed only when the document changes.
	Order       []int               // node indexes: flow order, then unreachable
	Unreachable int                 // index in Order where the unreachable nodes start
	Rank        []int               // node index → position in Order
	NodeSev     []validate.Severity // node index → worst severity of its findings (Off: none)
	ByNode      [][]int             // node index → indexes into Findings
	Problems    []int               // indexes into Findings: errors first, then flow order
	IDWidth     int                 // widest node id (cells), for aligned columns
	Modified    bool                // Doc differs from what is on disk
	Validating  bool                // the findings of a freshly opened large file are on their way
	saved       []byte              // the bytes last loaded or saved
	disk        fingerprint
	generation  int // bumped on every document change; panes compare it to refresh caches
	sel         int // selected node index (-1: none)
	selID       string
	lastMessage string
	lastIsError bool
	dialogs     []Dialog      // open dialogs, the last on top
	wantFocus   paneID        // a pane asked for the keyboard to move (-1: none)
	side        *sidecarState // the flow's translations (sidecar.go); nil until first used
}

func newContext(opts Options) *Context {
	return &Context{
		Opts:      opts,
		Hist:      &flowgraph.History{},
		Styles:    NewStyles(opts.Dark, opts.NoColor),
		Keys:      DefaultKeyMap(),
		sel:       -1,
		wantFocus: -1,
	}
}

// setDocument installs a new version of the document: it re-validates (in the
// same frame, so the screen never shows stale findings) and recomputes every
// derived table. Selection follows the node id when it still exists.
func (c *Context) setDocument(d *flowgraph.Document) {
	c.installDocument(d)
	if d != nil {
		c.installFindings(validate.Validate(d, c.validateOptions()))
	}
}

// asyncOpenNodes is the size from which a freshly opened file is drawn before
// its first validation has finished (edits always re-validate at once).
const asyncOpenNodes = 2000

// openDocument installs a document just read from disk. Large files are shown
// at once and validated in a command; the findings arrive in a findingsMsg.
func (c *Context) openDocument(d *flowgraph.Document) tea.Cmd {
	if len(d.Nodes) < asyncOpenNodes {
		c.setDocument(d)
		return nil
	}
	c.installDocument(d)
	c.installFindings(nil)
	c.Validating = true
	opts := c.validateOptions()
	return func() tea.Msg {
		return findingsMsg{doc: d, findings: validate.Validate(d, opts)}
	}
}

// findingsMsg carries the findings of a document validated in the background.
type findingsMsg struct {
	doc      *flowgraph.Document
	findings []validate.Finding
}

// receiveFindings installs background findings unless the document has
// changed since (an edit re-validates by itself).
func (c *Context) receiveFindings(m findingsMsg) {
	if m.doc != c.Doc {
		return
	}
	c.installFindings(m.findings)
	c.generation++
}

// installDocument sets the document and the tables that do not depend on the
// findings.
func (c *Context) installDocument(d *flowgraph.Document) {
	c.Doc = d
	c.generation++
	c.Validating = false
	if d == nil {
		c.Findings, c.Counts, c.Order, c.Problems = nil, validate.Counts{}, nil, nil
		return
	}
	c.Order, c.Unreachable = d.FlowOrder()
	n := len(d.Nodes)
	c.Rank = make([]int, n)
	for pos, i := range c.Order {
		c.Rank[i] = pos
	}
	c.IDWidth = 0
	for i := range d.Nodes {
		c.IDWidth = max(c.IDWidth, width(sanitize(d.Nodes[i].ID)))
	}
	c.Modified = !bytes.Equal(d.Src, c.saved)
	c.reselect()
}

// installFindings sets the findings and the tables derived from them.
func (c *Context) installFindings(fs []validate.Finding) {
	d := c.Doc
	c.Findings, c.Validating = fs, false
	c.Counts = validate.Count(fs)
	n := len(d.Nodes)
	c.NodeSev = make([]validate.Severity, n)
	c.ByNode = make([][]int, n)
	for fi, f := range c.Findings {
		i := c.nodeOfPointer(f.Pointer)
		if i < 0 && f.Node != "" {
			i = d.NodeByID(f.Node)
		}
		if i < 0 {
			continue
		}
		c.ByNode[i] = append(c.ByNode[i], fi)
		if f.Severity > c.NodeSev[i] {
			c.NodeSev[i] = f.Severity
		}
	}
	c.Problems = c.sortProblems()
}

// nodeOfPointer maps a finding's pointer (/flow/3/…) to the node index, or -1.
func (c *Context) nodeOfPointer(ptr string) int {
	prefix := c.Doc.FlowPtr + "/"
	if !strings.HasPrefix(ptr, prefix) {
		return -1
	}
	rest := ptr[len(prefix):]
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		rest = rest[:i]
	}
	i, err := strconv.Atoi(rest)
	if err != nil || i < 0 || i >= len(c.Doc.Nodes) {
		return -1
	}
	return i
}

// findingNode is the node a finding concerns, or -1.
func (c *Context) findingNode(f *validate.Finding) int {
	if i := c.nodeOfPointer(f.Pointer); i >= 0 {
		return i
	}
	if f.Node != "" {
		return c.Doc.NodeByID(f.Node)
	}
	return -1
}

func (c *Context) sortProblems() []int {
	idx := make([]int, len(c.Findings))
	rank := make([]int, len(c.Findings))
	for i := range idx {
		idx[i] = i
		rank[i] = -1
		if n := c.findingNode(&c.Findings[i]); n >= 0 {
			rank[i] = c.Rank[n]
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		fa, fb := &c.Findings[a], &c.Findings[b]
		return cmp.Or(cmp.Compare(fb.Severity, fa.Severity), cmp.Compare(rank[a], rank[b]))
	})
	return idx
}

// Selected is the selected node, or nil.
func (c *Context) Selected() *flowgraph.Node {
	if c.Doc == nil || c.sel < 0 || c.sel >= len(c.Doc.Nodes) {
		return nil
	}
	return &c.Doc.Nodes[c.sel]
}

// SelectedIndex is the index of the selected node, or -1.
func (c *Context) SelectedIndex() int { return c.sel }

// Select makes node i the selection.
func (c *Context) Select(i int) {
	if c.Doc == nil || i < 0 || i >= len(c.Doc.Nodes) {
		return
	}
	c.sel, c.selID = i, c.Doc.Nodes[i].ID
}

// SelectID selects the node with this id (after a rename, say).
func (c *Context) SelectID(id string) {
	if i := c.Doc.NodeByID(id); i >= 0 {
		c.Select(i)
	}
}

// reselect keeps the selection on the same node id after an edit; when that
// node is gone it keeps the same place in the flow order.
func (c *Context) reselect() {
	d := c.Doc
	if len(d.Nodes) == 0 {
		c.sel, c.selID = -1, ""
		return
	}
	if c.sel >= 0 && c.sel < len(d.Nodes) && d.Nodes[c.sel].ID == c.selID {
		return
	}
	if i := d.NodeByID(c.selID); i >= 0 && c.selID != "" {
		c.Select(i)
		return
	}
	pos := 0
	if c.sel >= 0 {
		pos = min(c.sel, len(d.Nodes)-1)
		pos = c.Rank[pos]
	}
	c.Select(c.Order[min(pos, len(c.Order)-1)])
}

// markSaved records the bytes now on disk.
func (c *Context) markSaved(src []byte, fp fingerprint) {
	c.saved, c.disk = src, fp
	c.Modified = c.Doc != nil && !bytes.Equal(c.Doc.Src, src)
}

// Message sets the status-bar message of the last action.
func (c *Context) Message(s string) { c.lastMessage, c.lastIsError = s, false }

// Error sets an error message in the status bar.
func (c *Context) Error(s string) { c.lastMessage, c.lastIsError = s, true }

// FileName is the name shown for the document.
func (c *Context) FileName() string {
	if c.Path == "" {
		return "untitled (sample)"
	}
	return c.Path
}

// Generation changes whenever the document does.
func (c *Context) Generation() int { return c.generation }

// RequestFocus asks the root to give the keyboard to a pane after the current
// update (say, the graph pane sending enter on a node to the editor).
func (c *Context) RequestFocus(id paneID) { c.wantFocus = id }

// openDialog shows a dialog over the panes; it gets the keyboard until it closes.
func (c *Context) openDialog(d Dialog) { c.dialogs = append(c.dialogs, d) }

// closeDialog removes a dialog from the stack (dialogs it opened stay).
func (c *Context) closeDialog(d Dialog) {
	for i := len(c.dialogs) - 1; i >= 0; i-- {
		if c.dialogs[i] == d {
			c.dialogs = append(c.dialogs[:i], c.dialogs[i+1:]...)
			return
		}
	}
}
