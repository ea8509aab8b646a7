package validate

import (
	"errors"
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
// facts computed once and shared between rules.
type Context struct {
	Doc          *flowgraph.Document
	Config       *Config
	Translations *i18n.Sidecar

	reach, canEnd []bool
	sample        map[string]string // template data for speech estimates
	sampleKey     string            // sample, as a memo key
	promptList    []promptSite      // every spoken prompt, built once
	promptsDone   bool
	fields        []Finding // cached walk of every node's fields
	fieldsDone    bool
	out           []Finding
}

// Reachable marks the nodes reachable from start (computed once).
func (c *Context) Reachable() []bool {
	if c.reach == nil {
		c.reach = c.Doc.Reachable()
	}
	return c.reach
}

// CanReachEnd marks the nodes from which an end is reachable (computed once).
func (c *Context) CanReachEnd() []bool {
	if c.canEnd == nil {
		c.canEnd = c.Doc.CanReachEnd()
	}
	return c.canEnd
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
// position.
func Validate(d *flowgraph.Document, opt Options) []Finding {
	c := &Context{Doc: d, Config: opt.Config, Translations: opt.Translations}
	for i := range Rules {
		if r := &Rules[i]; r.Check != nil && c.Config.severity(r.ID) != Off {
			r.Check(c)
		}
	}
	SortByPosition(c.out)
	return c.out
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
