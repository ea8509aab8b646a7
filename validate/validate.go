package validate

import (
	"errors"
	"runtime"
	"sync"
	"unicode/utf8"

	"flowsmith/flowgraph"
	"flowsmith/i18n"
)

// Options tune a validation run.
type Options struct {
	Config       *Config       // nil: every rule at its default severity, the default language catalog
	Translations *i18n.Sidecar // the flow's reviewed translations, nil when it has none
}

// Context is what a rule check sees: the document, the configuration and graph
// facts computed once and shared between rules. In a parallel run each worker
// has its own Context (its own findings) over one shared set of facts.
type Context struct {
	Doc          *flowgraph.Document
	Config       *Config
	Translations *i18n.Sidecar

	shared *facts    // nil until first use in a Context built by hand (tests)
	out    []Finding // this Context's findings, in report order

	// The local rules (see localRules) look only at the nodes lo to hi, a
	// block of a parallel run; hi 0 means every node. spanFacts are the
	// facts about those nodes that several local rules read, computed once
	// per Context.
	lo, hi    int
	spanFacts struct {
		listed, walked bool
		prompts        []promptSite // the spoken prompts
		facts          []*textFacts // of prompts, see promptFacts
		fields         []Finding    // the walk of the nodes' fields
	}
	// sparePrompts is a worker's list of prompts from its last block, for the
	// next block's to reuse: at 100,000 nodes, a new list per block was a
	// third of the bytes a run allocates.
	sparePrompts []promptSite
}

// span returns the range of nodes c's local rules look at.
func (c *Context) span() (lo, hi int) {
	if c.hi == 0 {
		return 0, len(c.Doc.Nodes)
	}
	return c.lo, c.hi
}

// first and last report whether c's span starts or ends the node list; a
// local rule reports what concerns the whole document with the first or the
// last nodes, where a serial run would.
func (c *Context) first() bool { lo, _ := c.span(); return lo == 0 }
func (c *Context) last() bool  { _, hi := c.span(); return hi == len(c.Doc.Nodes) }

// nodes yields the index and address of each node of c's span, in file order:
// range over it with for i, n := range c.nodes.
func (c *Context) nodes(yield func(int, *flowgraph.Node) bool) {
	lo, hi := c.span()
	for i := lo; i < hi; i++ {
		if !yield(i, &c.Doc.Nodes[i]) {
			return
		}
	}
}

// facts are the facts rules share. Each is computed on first use under its
// own sync.Once, so that the workers of a parallel run may ask for any of
// them at any time; once computed, a fact is never changed.
type facts struct {
	reach, canEnd lazy[[]bool]
	sample        lazy[map[string]string] // template data for speech estimates
	knownVars     lazy[[]string]          // see Context.knownVars
}

// lazy is a value computed once, on the first get.
type lazy[T any] struct {
	once sync.Once
	v    T
}

func (l *lazy[T]) get(compute func() T) T {
	l.once.Do(func() { l.v = compute() })
	return l.v
}

// facts returns the shared facts. Validate sets them before any worker
// starts; the fallback serves a Context built by hand, used by one goroutine.
func (c *Context) facts() *facts {
	if c.shared == nil {
		c.shared = new(facts)
	}
	return c.shared
}

// Reachable marks the nodes reachable from start (computed once).
func (c *Context) Reachable() []bool {
	return c.facts().reach.get(c.Doc.Reachable)
}

// CanReachEnd marks the nodes from which an end is reachable (computed once).
func (c *Context) CanReachEnd() []bool {
	return c.facts().canEnd.get(c.Doc.CanReachEnd)
}

// Report records a finding. It fills in the severity (the rule's, or the
// configured one; off drops the finding) and, when Pos is unset, the position of
// the pointer.
func (c *Context) Report(f Finding) {
	sev := c.Config.severity(f.Rule)
	if sev == Off {
		return
	}
	f.Severity = sev
	if f.Pos.Line == 0 {
		f.Pos = c.Doc.PointerPos(f.Pointer)
	}
	f.Message, f.Hint = clipMessage(f.Message), clipMessage(f.Hint)
	c.out = append(c.out, f)
}

// maxMessage bounds a finding's message and hint: a value quoted from a
// hostile file (a 60 MB id) must not flood every report.
const maxMessage = 2000

// clipMessage cuts s to maxMessage bytes (at a character boundary) with "…".
func clipMessage(s string) string {
	if len(s) <= maxMessage {
		return s
	}
	cut := maxMessage
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// Validate runs every rule over a document and returns the findings sorted by
// position. On a large flow the rules run on all CPUs (see parallel.go); the
// findings are the same, in the same order, as a serial run's.
func Validate(d *flowgraph.Document, opt Options) []Finding {
	workers := runtime.GOMAXPROCS(0)
	if len(d.Nodes) < parallelMinNodes {
		workers = 1
	}
	return validate(d, opt, workers)
}

// Check parses and validates a file's bytes. When the bytes are not a flow, the
// document is nil and the only finding is a parse-error at the fault.
func Check(path string, src []byte, opt Options) (*flowgraph.Document, []Finding) {
	d, err := flowgraph.Parse(path, src)
	if err != nil {
		f := Finding{Rule: "parse-error", Severity: Error, Message: err.Error(), Pos: flowgraph.Pos{Line: 1, Col: 1}}
		var le *flowgraph.LoadError
		if errors.As(err, &le) {
			f.Message, f.Pos = le.Msg, le.Pos
		}
		return nil, []Finding{f}
	}
	return d, Validate(d, opt)
}
