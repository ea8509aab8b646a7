package validate

// What the conversation rules read: the spoken prompts of a node span with
// their memoised analyses, a conversation's reply outcomes, and how messages
// name and point at them.

import (
	"fmt"
	"slices"
	"strings"

	fg "flowsmith/flowgraph"
)

// promptSite is one prompt to analyse.
type promptSite struct {
	n    *fg.Node
	text string
}

// ptr is the pointer of the prompt string, built only for a finding.
func (p promptSite) ptr() string { return p.n.FieldsP + "/prompt" }

// hasPrompt reports whether the node type defines a `prompt` field.
func hasPrompt(def *fg.NodeType) bool {
	return def != nil && slices.ContainsFunc(def.Fields, func(f fg.Field) bool { return f.Name == "prompt" })
}

// prompts lists the non-blank string prompts of c's nodes in file order
// (listed once per Context).
func (c *Context) prompts() []promptSite {
	if !c.spanFacts.listed {
		c.spanFacts.prompts, c.spanFacts.listed = c.listPrompts(), true
	}
	return c.spanFacts.prompts
}

// promptFacts returns the analyses of prompt k of c.prompts(). They are
// fetched for all the span's prompts at once, on the first call, although
// several rules read them (see recallFacts).
func (c *Context) promptFacts(k int) *textFacts {
	sf := &c.spanFacts
	if sf.facts == nil {
		sf.facts = c.recallFacts()
	}
	return sf.facts[k]
}

func (c *Context) listPrompts() []promptSite {
	lo, hi := c.span()
	out := slices.Grow(c.spanFacts.prompts[:0], (hi-lo+1)/2) // about every other node speaks; see sparePrompts
	for _, n := range c.nodes {
		if !hasPrompt(n.Def) {
			continue
		}
		p := n.Fields.Get("prompt")
		if !p.IsString() || strings.TrimSpace(p.Str) == "" {
			continue // missing-field / field-type
		}
		out = append(out, promptSite{n: n, text: p.Str})
	}
	return out
}

// promptOf names a prompt in messages: "prompt of \"greeting\"".
func promptOf(n *fg.Node) string { return fmt.Sprintf("prompt of %q", n.ID) }

// replyOutcomes returns the outcomes of a conversation that are matched
// against the user's reply: its conditional outcomes (also the outdated
// "transitions" and the edges of a legacy graph). awaitExternal exits are not
// among them.
// They are appended to out (a buffer to reuse, or nil).
func replyOutcomes(out []*fg.Edge, n *fg.Node) []*fg.Edge {
	for j := range n.Edges {
		if k := n.Edges[j].Kind; k == fg.EdgeConditional || k == fg.EdgeLegacy {
			out = append(out, &n.Edges[j])
		}
	}
	return out
}

// condPtr is the pointer of an outcome's condition: "condition" of a
// conditional outcome, "label" of a legacy edge, else the outcome itself
// (when the condition is absent).
func (c *Context) condPtr(e *fg.Edge) string {
	for _, key := range []string{"condition", "label"} {
		if p := e.Owner + "/" + key; c.Doc.Lookup(p) != nil {
			return p
		}
	}
	return e.Owner
}

// isDirect reports whether a prompt is direct speech, counting a malformed
// "say:" prefix (reported by say-format) as direct so that one typo does not
// also change how the other rules read the prompt.
func isDirect(prompt string) bool {
	direct, _ := SplitSay(prompt)
	return direct || SayFormatProblem(prompt) != ""
}

// quoteClip quotes s, cut to at most max runes with an ellipsis.
func quoteClip(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > max {
		s = strings.TrimSpace(string(r[:max-1])) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// outcomeLabel names an outcome in messages like outcomeName. An edge of a
// legacy graph without a sourceHandle (its label is the condition, not a
// name) is named by its edge id.
func (c *Context) outcomeLabel(e *fg.Edge) string {
	if e.Kind == fg.EdgeLegacy && strings.HasPrefix(e.Owner, "/edges/") && c.Doc.Lookup(e.Owner+"/sourceHandle") == nil {
		if id := c.Doc.Lookup(e.Owner + "/id").Text(); id != "" {
			return fmt.Sprintf("edge %q", id)
		}
		return "edge " + e.Owner
	}
	return outcomeName(e)
}

func isEnd(c *Context, e *fg.Edge) bool { return e.To >= 0 && c.Doc.Nodes[e.To].Type == "end" }

// isClosing reports whether a node is a final closing turn: a conversation
// with doesNotRequireReply: true.
func isClosing(n *fg.Node) bool {
	return n.Type == "conversation" && n.Fields.Get("doesNotRequireReply").Truth()
}
