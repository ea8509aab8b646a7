package validate

// Conversation rules driven by prompt and condition text, and the two rules
// about how a path ends (no-reply-not-final, missing-closing).
//
// The text analysis itself lives in prompttext.go and langdetect.go; the
// checks here decide which texts to look at, where to point and what to offer
// as a fix. Every check is one pass over the nodes and their edges.
//
// Which texts are prompts: the `prompt` field of every node type whose
// catalog entry defines one (conversation, enter_email, permissions), read
// from n.Fields so that legacy {nodes, edges} graphs (fields under "data")
// are checked too. Two-factor message templates and face_scan
// captureInstructions are not prompts: the templates legitimately use
// {{double braces}}, and neither is spoken by the avatar.

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	fg "flowsmith/flowgraph"
	"flowsmith/i18n"
)

// checkDefaultOutcome reports each catch-all outcome of a conversation that
// has two or more reply outcomes: id "default" (any case), or a condition
// that is empty or means "anything" (IsCatchAll). The model matches such an
// outcome for nearly any reply, so the specific outcomes beside it rarely
// win. A single unconditional outcome is the normal "move on" pattern.
// There is no quick fix: the right condition, or a separate node that asks
// again, needs the author's thought.
func checkDefaultOutcome(c *Context) {
	var outs []*fg.Edge
	for _, n := range c.nodes {
		if n.Type != "conversation" {
			continue
		}
		outs = replyOutcomes(outs[:0], n)
		if len(outs) < 2 {
			continue
		}
		for _, e := range outs {
			var why, ptr string
			switch {
			case IsCatchAll(e.Cond):
				why, ptr = fmt.Sprintf("condition %q", e.Cond), c.condPtr(e)
			case strings.EqualFold(strings.TrimSpace(e.Key), "default"):
				why, ptr = fmt.Sprintf("id %q", e.Key), e.Owner+"/id"
				if c.Doc.Lookup(e.Owner+"/sourceHandle") != nil { // a legacy edge names its outcome there
					ptr = e.Owner + "/sourceHandle"
				}
			default:
				continue
			}
			name := c.outcomeLabel(e)
			if e.Key == "" && e.Kind == fg.EdgeConditional {
				name = "an outcome without id"
			}
			c.Report(Finding{Rule: "default-outcome", Node: n.ID, Pointer: ptr,
				Message: fmt.Sprintf("conversation %q has a catch-all fallback among its %d outcomes: %s (%s); the model takes it for almost any reply",
					n.ID, len(outs), name, why),
				Hint: "write a specific condition (e.g. \"The user declines or does not answer\"), or send unclear replies to a separate node that asks again"})
		}
	}
}

// checkNoReplyNotFinal reports doesNotRequireReply: true on a conversation
// that is not the final closing turn. The flag is allowed only when the node
// has exactly one outcome, its condition is "" (or absent, or blank: a
// catch-all phrase such as "anything" still reads as something to match, so
// it does not count as unconditional), and it leads straight to an end node.
// Not reported here: a node with no outcomes (empty-outcomes says it) and a
// single unconditional outcome whose target does not resolve (empty-target /
// dangling-target say it). awaitExternal exits count as outcomes: a node that
// waits for external data is not a closing.
//
// Quick fix: remove the flag, unless the node's one outcome already leads to
// an end (then the author must decide between clearing the condition and
// removing the flag).
func checkNoReplyNotFinal(c *Context) {
	for _, n := range c.nodes {
		if !isClosing(n) || len(n.Edges) == 0 {
			continue
		}
		ptr := n.FieldsP + "/doesNotRequireReply"
		f := Finding{Rule: "no-reply-not-final", Node: n.ID, Pointer: ptr,
			Hint: "only the last conversation before an end, with one outcome whose condition is \"\", may skip the reply; remove doesNotRequireReply here"}
		e := &n.Edges[0]
		unconditional := (e.Kind == fg.EdgeConditional || e.Kind == fg.EdgeLegacy) && strings.TrimSpace(e.Cond) == ""
		switch {
		case len(n.Edges) > 1:
			f.Message = fmt.Sprintf("conversation %q sets doesNotRequireReply: true but has %d outcomes; the avatar will not wait for the reply they are matched against",
				n.ID, len(n.Edges))
		case !unconditional && e.Kind == fg.EdgeExit:
			f.Message = fmt.Sprintf("conversation %q sets doesNotRequireReply: true but waits for external data (exit %q); only the final closing may skip the reply", n.ID, e.Key)
		case !unconditional:
			f.Message = fmt.Sprintf("conversation %q sets doesNotRequireReply: true but its only %s has the condition %q, which needs a reply to match",
				n.ID, c.outcomeLabel(e), e.Cond)
			if isEnd(c, e) {
				f.Hint = "if this is the final closing, set the condition to \"\"; otherwise remove doesNotRequireReply"
			}
		case e.To < 0:
			continue
		case c.Doc.Nodes[e.To].Type != "end":
			t := &c.Doc.Nodes[e.To]
			f.Message = fmt.Sprintf("conversation %q sets doesNotRequireReply: true but its %s leads to the %s node %q, not to an end; only the final closing may skip the reply",
				n.ID, c.outcomeLabel(e), t.Type, t.ID)
		default:
			continue // the final closing
		}
		if len(n.Edges) > 1 || !isEnd(c, e) {
			f.Fix = &Fix{Title: "Remove doesNotRequireReply (wait for the reply)", Op: fg.Remove(ptr)}
		}
		c.Report(f)
	}
}

// checkMultipleQuestions reports a prompt that asks two or more questions
// (Questions on the spoken text): the reply can only be matched as an answer
// to one of them.
func checkMultipleQuestions(c *Context) {
	for k, p := range c.prompts() {
		qs := c.promptFacts(k).questions
		if len(qs) < 2 {
			continue
		}
		quoted := make([]string, 0, 3)
		for k, q := range qs {
			if k == 3 {
				quoted = append(quoted, "…")
				break
			}
			quoted = append(quoted, quoteClip(q, 60))
		}
		c.Report(Finding{Rule: "multiple-questions", Node: p.n.ID, Pointer: p.ptr(),
			Message: fmt.Sprintf("%s asks %d questions: %s", promptOf(p.n), len(qs), strings.Join(quoted, ", ")),
			Hint:    "ask one question per node and branch on its answer; move the others to their own conversation nodes"})
	}
}

// checkConditionalPrompt reports branching logic written into a prompt
// ("If the user says yes …, otherwise …"): the model improvises the branch
// instead of following outcomes.
func checkConditionalPrompt(c *Context) {
	for k, p := range c.prompts() {
		f := c.promptFacts(k)
		if !f.branches {
			continue
		}
		phrase := f.branch
		c.Report(Finding{Rule: "conditional-prompt", Node: p.n.ID, Pointer: p.ptr(),
			Message: fmt.Sprintf("%s branches in words (%s); the avatar may improvise the branch", promptOf(p.n), quoteClip(phrase, 40)),
			Hint:    "ask one thing and branch with outcomes: one outcome per case, each with its own condition and next node"})
	}
}

// languageName is the English name of a detected language code.
func languageName(code string) string {
	if l, ok := i18n.DefaultCatalog().Lookup(code); ok {
		return l.English
	}
	if name := display.English.Tags().Name(language.Make(code)); name != "" {
		return name
	}
	return code
}

// checkNonEnglish reports a prompt, or the condition of a conditional
// outcome (conversation, data_validation, legacy edge labels), that
// DetectLanguage judges not to be English. Empty and code-like conditions
// are left to other rules (legacy-shape).
func checkNonEnglish(c *Context) {
	const hint = "write prompts and conditions in English; FaceSign translates what the avatar says into the session language (list it in langs)"
	prompts, k := c.prompts(), 0
	for _, n := range c.nodes { // node by node: its prompt, then its conditions
		for ; k < len(prompts) && prompts[k].n == n; k++ {
			p, f := prompts[k], c.promptFacts(k)
			if lang, english := f.lang, f.english; !english {
				c.Report(Finding{Rule: "non-english", Node: p.n.ID, Pointer: p.ptr(),
					Message: fmt.Sprintf("%s looks %s (%s), not English", promptOf(p.n), languageName(lang), lang), Hint: hint})
			}
		}
		for j := range n.Edges {
			e := &n.Edges[j]
			if e.Kind != fg.EdgeConditional && e.Kind != fg.EdgeLegacy || strings.TrimSpace(e.Cond) == "" || LooksLikeJSCondition(e.Cond) {
				continue
			}
			if lang, english := DetectLanguage(e.Cond); !english {
				c.Report(Finding{Rule: "non-english", Node: n.ID, Pointer: c.condPtr(e),
					Message: fmt.Sprintf("condition of %s of %q looks %s (%s), not English: %s", c.outcomeLabel(e), n.ID, languageName(lang), lang, quoteClip(e.Cond, 60)),
					Hint:    hint})
			}
		}
	}
}

// checkSayFormat reports a malformed direct-speech prefix ("say:", "SAY -",
// "Say :") or a "Say:" with nothing after it, with a fix that rewrites the
// prefix as "Say: " when there is text to keep.
func checkSayFormat(c *Context) {
	for _, p := range c.prompts() {
		problem := SayFormatProblem(p.text)
		if problem == "" {
			continue
		}
		f := Finding{Rule: "say-format", Node: p.n.ID, Pointer: p.ptr(),
			Message: fmt.Sprintf("%s: %s", promptOf(p.n), problem),
			Hint:    "direct speech starts with exactly \"Say: \" followed by the words to speak"}
		if fixed, ok := FixSayFormat(p.text); ok {
			f.Fix = &Fix{Title: "Write the prefix as \"Say: \"", Op: fg.SetValue(p.ptr(), fg.NewString(fixed))}
		} else {
			f.Hint = "write the words after \"Say: \", or make it a descriptive prompt"
		}
		c.Report(f)
	}
}

// knownVars lists the template variables a prompt may use: name, email and
// the keys of the session body's providedData.
func (c *Context) knownVars() []string {
	return c.facts().knownVars.get(func() []string {
		vars := []string{i18n.VarName, i18n.VarEmail}
		var extra []string
		for _, m := range c.Doc.Body().Get("providedData").Entries() {
			if m.Key != i18n.VarName && m.Key != i18n.VarEmail {
				extra = append(extra, m.Key)
			}
		}
		slices.Sort(extra)
		return append(vars, slices.Compact(extra)...)
	})
}

// isKnownVar reports whether v is one of known, as knownVars lists them:
// name and email, then the providedData keys in order.
func isKnownVar(known []string, v string) bool {
	if v == i18n.VarName || v == i18n.VarEmail {
		return true
	}
	_, ok := slices.BinarySearch(known[2:], v)
	return ok
}

// suggestVar proposes a known variable for an unknown one: the nearest by
// spelling, else {name} for a name-like variable ("firstName", "userName")
// and {email} for a mail-like one ("emailAddress", "mail").
func suggestVar(v string, known []string) (string, bool) {
	if near, ok := nearest(v, known); ok {
		return near, true
	}
	l := strings.ToLower(v)
	switch {
	case strings.Contains(l, "name"):
		return i18n.VarName, true
	case strings.Contains(l, "mail"):
		return i18n.VarEmail, true
	}
	return "", false
}

// braceSpan is one template variable written in a prompt.
type braceSpan struct {
	start, end int // byte span of the whole "{…}" or "{{…}}"
	name       string
	double     bool
}

// braceSpans finds the template variables of a prompt, reading braces the way
// TemplateVars does: "{{…}}" up to the next "}}", else "{…}" up to the next
// brace when that is a "}".
func braceSpans(s string) []braceSpan {
	var out []braceSpan
	for i := 0; i < len(s); i++ {
		if s[i] != '{' {
			continue
		}
		if strings.HasPrefix(s[i:], "{{") {
			if end := strings.Index(s[i:], "}}"); end >= 0 {
				out = append(out, braceSpan{i, i + end + 2, strings.TrimSpace(s[i+2 : i+end]), true})
				i += end + 1
				continue
			}
		}
		end := strings.IndexAny(s[i+1:], "{}")
		if end < 0 || s[i+1+end] != '}' {
			continue
		}
		if name := strings.TrimSpace(s[i+1 : i+1+end]); name != "" {
			out = append(out, braceSpan{i, i + end + 2, name, false})
		}
		i += end + 1
	}
	return out
}

// rewriteVars returns s with every variable for which match reports a new
// name written as "{new name}".
func rewriteVars(s string, spans []braceSpan, match func(braceSpan) (string, bool)) string {
	var b strings.Builder
	done := 0
	for _, sp := range spans {
		if to, ok := match(sp); ok {
			b.WriteString(s[done:sp.start])
			b.WriteString("{" + to + "}")
			done = sp.end
		}
	}
	b.WriteString(s[done:])
	return b.String()
}

// checkUnknownTemplateVar reports a single-brace variable in a prompt that is
// neither {name}, {email} nor a key of the body's providedData (the avatar
// would read it out literally), and double-brace variables in a prompt: those
// belong to two-factor message templates, which are not prompts and are never
// checked here. The spec names conversation prompts for the double-brace case;
// enter_email and permissions prompts are spoken the same way, so they are
// checked too. Quick fixes rewrite {frstName}/{firstName} as the suggested
// variable and {{name}} as {name}.
func checkUnknownTemplateVar(c *Context) {
	var known []string
	for k, p := range c.prompts() {
		facts := c.promptFacts(k)
		vars, double := facts.vars, facts.doubleBraces
		if len(vars) == 0 && !double {
			continue
		}
		if known == nil {
			known = c.knownVars()
		}
		if !double && !slices.ContainsFunc(vars, func(v string) bool { return !isKnownVar(known, v) }) {
			continue // the usual case: every variable is known
		}
		spans := braceSpans(p.text)
		for _, v := range vars {
			if isKnownVar(known, v) {
				continue
			}
			f := Finding{Rule: "unknown-template-var", Node: p.n.ID, Pointer: p.ptr(),
				Message: fmt.Sprintf("%s uses {%s}, which is not a template variable (known: {%s}); the avatar would say it literally",
					promptOf(p.n), v, strings.Join(known, "}, {")),
				Hint: "use {name} or {email}, or add the key to the session's providedData"}
			if s, ok := suggestVar(v, known); ok {
				f.Hint = fmt.Sprintf("did you mean {%s}?", s)
				fixed := rewriteVars(p.text, spans, func(sp braceSpan) (string, bool) { return s, !sp.double && sp.name == v })
				f.Fix = &Fix{Title: fmt.Sprintf("Replace {%s} with {%s}", v, s), Op: fg.SetValue(p.ptr(), fg.NewString(fixed))}
			}
			c.Report(f)
		}
		if !double {
			continue
		}
		var names []string
		fixable := true
		for _, sp := range spans {
			if sp.double {
				names = append(names, "{{"+sp.name+"}}")
				fixable = fixable && isKnownVar(known, sp.name)
			}
		}
		what := "double braces"
		if len(names) > 0 {
			what = strings.Join(names, ", ")
		}
		f := Finding{Rule: "unknown-template-var", Node: p.n.ID, Pointer: p.ptr(),
			Message: fmt.Sprintf("%s uses %s; double braces belong to two-factor message templates, prompts take single-brace variables", promptOf(p.n), what),
			Hint:    "a prompt can only use {name}, {email} and providedData keys; a one-time code is never known to it"}
		if fixable && len(names) > 0 {
			f.Hint = "prompts take single braces, e.g. {name}"
			fixed := rewriteVars(p.text, spans, func(sp braceSpan) (string, bool) { return sp.name, sp.double })
			f.Fix = &Fix{Title: "Use single braces", Op: fg.SetValue(p.ptr(), fg.NewString(fixed))}
		}
		c.Report(f)
	}
}

// checkGoalWithoutExit reports a descriptive (goal-driven) conversation whose
// reply outcomes, at least one of them conditional, offer no way out for
// silence, refusal or too many attempts (OffersExit; a catch-all counts as a
// way out). Such a conversation keeps asking until it hears what it wants.
// A conversation whose outcomes are all unconditional always moves on, and an
// awaitExternal conversation has its onTimeout exit, so neither is reported.
// Direct speech (Say:) is not goal-driven. It points at the outcomes, where
// the exit is to be added (at the prompt in a legacy graph).
func checkGoalWithoutExit(c *Context) {
	var outs []*fg.Edge
	var conds []string
	for _, n := range c.nodes {
		if n.Type != "conversation" || n.Fields.Get("awaitExternal") != nil {
			continue
		}
		prompt := n.Fields.Get("prompt").Text()
		if strings.TrimSpace(prompt) == "" || isDirect(prompt) {
			continue
		}
		outs = replyOutcomes(outs[:0], n)
		conds = conds[:0]
		conditional := false
		for _, e := range outs {
			conds = append(conds, e.Cond)
			conditional = conditional || strings.TrimSpace(e.Cond) != ""
		}
		if !conditional || OffersExit(conds) {
			continue
		}
		ptr := n.FieldsP + "/prompt" // a legacy graph keeps its edges apart
		for _, key := range []string{"outcomes", "transitions"} {
			if p := n.FieldsP + "/" + key; c.Doc.Lookup(p).Is(fg.Array) {
				ptr = p
				break
			}
		}
		c.Report(Finding{Rule: "goal-without-exit", Node: n.ID, Pointer: ptr,
			Message: fmt.Sprintf("descriptive prompt of %q has no outcome for silence, refusal or too many attempts; the conversation may keep asking until it hears a matching answer", n.ID),
			Hint:    "add an outcome such as \"The user refuses or does not answer after two attempts\" that leads to a closing"})
	}
}

// checkMissingClosing reports each outcome of a reachable node that goes
// straight to an end node when the node is not a final closing turn (a
// conversation with doesNotRequireReply: true): the session ends without the
// avatar telling the user how it went, or on a turn that waits for a reply.
// One pass over the edges.
//
// A liveness_detection or recognition outcome to an end is also reported by
// liveness-to-end (an error); this info is reported as well, as the example
// catalog documents: the two say different things (where the result goes
// versus how the path ends), and switching one off in configuration should
// not hide the other. Unreachable nodes are left to `unreachable`.
//
// Quick fix: for a conversation whose single outcome is unconditional and
// whose prompt asks no question, set doesNotRequireReply: true, making it the
// closing.
func checkMissingClosing(c *Context) {
	reach := c.Reachable()
	for i, n := range c.nodes {
		if !reach[i] || isClosing(n) {
			continue
		}
		for j := range n.Edges {
			e := &n.Edges[j]
			if !isEnd(c, e) {
				continue
			}
			f := Finding{Rule: "missing-closing", Node: n.ID, Pointer: e.Ptr,
				Message: fmt.Sprintf("%s of %s node %q goes straight to the end node %q with no final closing conversation",
					c.outcomeLabel(e), n.Type, n.ID, e.Target),
				Hint: "route it through a closing conversation with doesNotRequireReply: true that tells the user how it went"}
			if n.Type == "conversation" {
				f.Message = fmt.Sprintf("conversation %q leads to the end node %q but is not a final closing: it does not set doesNotRequireReply: true, so it waits for a reply",
					n.ID, e.Target)
				f.Hint = "if this is the goodbye, set doesNotRequireReply: true; otherwise add a closing conversation before the end"
				prompt := n.Fields.Get("prompt").Text()
				if len(n.Edges) == 1 && strings.TrimSpace(e.Cond) == "" && e.Kind != fg.EdgeExit &&
					strings.TrimSpace(prompt) != "" && len(Questions(prompt)) == 0 {
					f.Fix = &Fix{Title: "Set doesNotRequireReply: true (make it the closing)",
						Op: fg.SetValue(n.FieldsP+"/doesNotRequireReply", fg.NewBool(true))}
				}
			}
			c.Report(f)
		}
	}
}
