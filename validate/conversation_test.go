package validate

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	fg "flowsmith/flowgraph"
)

// conversationRuleIDs are the rules implemented in conversation.go.
var conversationRuleIDs = []string{
	"default-outcome", "no-reply-not-final", "multiple-questions", "conditional-prompt",
	"non-english", "say-format", "unknown-template-var", "goal-without-exit", "missing-closing",
}

// convValidate loads a flow file and returns it with the findings of the
// conversation rules (all rules run, as in real use).
func convValidate(t *testing.T, path string) (*fg.Document, []Finding) {
	t.Helper()
	d, err := fg.Load(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return d, convOnly(Validate(d, Options{}))
}

func convOnly(fs []Finding) []Finding {
	var out []Finding
	for _, f := range fs {
		if slices.Contains(conversationRuleIDs, f.Rule) {
			out = append(out, f)
		}
	}
	return out
}

func convString(f Finding) string {
	return fmt.Sprintf("%s %s node=%q %s: %s", f.Severity, f.Rule, f.Node, f.Pointer, f.Message)
}

// convWant is one expected finding. fix is "" when the finding must have no
// quick fix; otherwise the finding must have one, and after applying it the
// value at fixAt (default: the finding's pointer) must have the text fix, or
// be gone when fix is convRemoved.
type convWant struct {
	rule, node, ptr, msg string
	fix, fixAt           string
}

const convRemoved = "<convRemoved>"

var convCases = []struct {
	file string
	want []convWant // the complete set of conversation-rule findings
}{
	{"default-outcome.json", []convWant{
		{rule: "default-outcome", node: "greeting", ptr: "/1/outcomes/2/condition", msg: `outcome "unclear" (condition "Anything else")`},
		{rule: "default-outcome", node: "reask", ptr: "/2/outcomes/1/id", msg: `outcome "default" (id "default")`},
	}},
	{"default-outcome-quiet.json", nil},

	{"no-reply-not-final.json", []convWant{
		{rule: "no-reply-not-final", node: "greeting", ptr: "/1/doesNotRequireReply", msg: "has 2 outcomes", fix: convRemoved},
		{rule: "no-reply-not-final", node: "liveness_retry_notice", ptr: "/3/doesNotRequireReply",
			msg: `leads to the liveness_detection node "liveness_retry", not to an end`, fix: convRemoved},
		{rule: "no-reply-not-final", node: "closing_success", ptr: "/5/doesNotRequireReply",
			msg: `its only outcome "finish" has the condition "The user says goodbye"`},
	}},
	{"no-reply-quiet.json", nil},
	{"legacy.json", []convWant{
		{rule: "no-reply-not-final", node: "greeting", ptr: "/nodes/1/data/doesNotRequireReply",
			msg: `its edge "e2" leads to the conversation node "consent"`, fix: convRemoved},
		{rule: "non-english", node: "consent", ptr: "/edges/2/label", msg: `condition of edge "e9" of "consent" looks German (de)`},
		{rule: "default-outcome", node: "consent", ptr: "/edges/4/label", msg: `3 outcomes: edge "e11" (condition "Otherwise")`},
		{rule: "say-format", node: "closing_unverified", ptr: "/nodes/5/data/prompt", msg: `malformed direct-speech prefix "say:"`,
			fix: "Say: Thank you for your time. We could not complete the check in this session, so please try again later or contact our support team for help."},
	}},

	{"multiple-questions.json", []convWant{
		{rule: "multiple-questions", node: "greeting", ptr: "/1/prompt",
			msg: `asks 2 questions: "Shall we continue?", "Do you have access to your e-mail right now?"`},
		{rule: "multiple-questions", node: "enter_email", ptr: "/2/prompt",
			msg: `asks 2 questions: "What is your work e-mail address?", "Is it the same one you use to sign in?"`},
	}},
	{"multiple-questions-quiet.json", nil},

	{"conditional-prompt.json", []convWant{
		{rule: "conditional-prompt", node: "permissions", ptr: "/1/prompt", msg: `branches in words ("If they refuse")`},
		{rule: "conditional-prompt", node: "receipt_offer", ptr: "/4/prompt", msg: `branches in words ("If the user")`},
	}},
	{"conditional-prompt-quiet.json", nil},

	{"non-english.json", []convWant{
		{rule: "non-english", node: "greeting", ptr: "/flow/1/prompt", msg: "looks German (de)"},
		{rule: "non-english", node: "consent", ptr: "/flow/2/outcomes/0/condition", msg: `condition of outcome "agree" of "consent" looks French (fr)`},
	}},
	{"non-english-quiet.json", nil},

	{"say-format.json", []convWant{
		{rule: "say-format", node: "greeting", ptr: "/1/prompt", msg: `malformed direct-speech prefix "say:"`,
			fix: "Say: Hi {name}. Before we change the security settings on your account, I need to confirm it is really you with a one-time code sent by e-mail. Shall we continue?"},
		{rule: "say-format", node: "enter_email", ptr: "/2/prompt", msg: `malformed direct-speech prefix "SAY -"`,
			fix: "Say: Please type the e-mail address linked to your account into the field on your screen."},
		{rule: "say-format", node: "receipt_channel", ptr: "/4/prompt", msg: `malformed direct-speech prefix "say -"`,
			fix: "Say: Your code is confirmed. Would you like the confirmation by e-mail or by text message?"},
		{rule: "say-format", node: "closing_cancelled", ptr: "/7/prompt", msg: "has no text after it"},
	}},
	{"say-format-quiet.json", nil},

	{"unknown-template-var.json", []convWant{
		{rule: "unknown-template-var", node: "greeting", ptr: "/flow/1/prompt", msg: "uses {firstName}",
			fix: "Say: Hi {name}, welcome back! Before we upgrade your {acountType} account, I need to confirm that it is really you. Please look at the camera and keep your face inside the frame. Let me know when you are ready."},
		{rule: "unknown-template-var", node: "greeting", ptr: "/flow/1/prompt", msg: "uses {acountType}",
			fix: "Say: Hi {firstName}, welcome back! Before we upgrade your {accountType} account, I need to confirm that it is really you. Please look at the camera and keep your face inside the frame. Let me know when you are ready."},
		{rule: "unknown-template-var", node: "delivery_notice", ptr: "/flow/4/prompt", msg: "uses {{code}}"},
		{rule: "unknown-template-var", node: "closing_success", ptr: "/flow/5/prompt", msg: "uses {{name}}",
			fix: "Say: Thank you, {name}. Your account has been upgraded and you can now return to the app."},
	}},
	{"unknown-template-var-quiet.json", nil},

	{"goal-without-exit.json", []convWant{
		{rule: "goal-without-exit", node: "dob_question", ptr: "/3/outcomes", msg: `descriptive prompt of "dob_question" has no outcome for silence, refusal or too many attempts`},
	}},
	{"goal-without-exit-quiet.json", nil},

	{"missing-closing.json", []convWant{
		{rule: "missing-closing", node: "email_code", ptr: "/3/outcomes/cancelled",
			msg: `outcome "cancelled" of two_factor_email node "email_code" goes straight to the end node "end_cancelled"`},
		{rule: "missing-closing", node: "technical_issue", ptr: "/5/outcomes/0/targetNodeId",
			msg: `conversation "technical_issue" leads to the end node "end_not_verified" but is not a final closing`}, // asks a question: no fix
		{rule: "missing-closing", node: "closing_verified", ptr: "/6/outcomes/0/targetNodeId",
			msg: `conversation "closing_verified" leads to the end node "end_verified" but is not a final closing`,
			fix: "true", fixAt: "/6/doesNotRequireReply"},
	}},
	{"missing-closing-quiet.json", nil},
}

func convPath(file string) string { return filepath.Join("testdata", "conversation", file) }

// convMatch returns the index of the finding a want describes, or -1.
func convMatch(fs []Finding, w convWant) int {
	return slices.IndexFunc(fs, func(f Finding) bool {
		return f.Rule == w.rule && f.Node == w.node && f.Pointer == w.ptr && strings.Contains(f.Message, w.msg)
	})
}

func TestConversationRules(t *testing.T) {
	fired := map[string]bool{}
	quiet := map[string]bool{}
	for _, tc := range convCases {
		t.Run(tc.file, func(t *testing.T) {
			_, fs := convValidate(t, convPath(tc.file))
			left := slices.Clone(fs)
			for _, w := range tc.want {
				k := convMatch(left, w)
				if k < 0 {
					t.Errorf("missing %s at %s on %q (message with %q); got:\n%s", w.rule, w.ptr, w.node, w.msg, convList(fs))
					continue
				}
				f := left[k]
				left = slices.Delete(left, k, k+1)
				fired[w.rule] = true
				if r := LookupRule(f.Rule); f.Severity != r.Severity {
					t.Errorf("%s: severity %s, want %s", convString(f), f.Severity, r.Severity)
				}
				if f.Pos.Line == 0 || f.Hint == "" {
					t.Errorf("%s: position %v, hint %q: want both", convString(f), f.Pos, f.Hint)
				}
				if (f.Fix != nil) != (w.fix != "") {
					t.Errorf("%s: has fix %v, want %v", convString(f), f.Fix != nil, w.fix != "")
				}
			}
			for _, f := range left {
				t.Errorf("unexpected finding: %s", convString(f))
			}
			if len(tc.want) == 0 {
				quiet[tc.file] = true
			}
		})
	}
	// Every rule has at least one flow where it fires and one quiet flow
	// written against it.
	for _, id := range conversationRuleIDs {
		if !fired[id] {
			t.Errorf("no test flow fires %s", id)
		}
		if id != "no-reply-not-final" && !quiet[id+"-quiet.json"] {
			t.Errorf("no quiet test flow for %s", id)
		}
	}
	if !quiet["no-reply-quiet.json"] {
		t.Error("no quiet test flow for no-reply-not-final")
	}
}

func convList(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + convString(f) + "\n")
	}
	return b.String()
}

func TestConversationQuickFixes(t *testing.T) {
	applied := 0
	for _, tc := range convCases {
		for _, w := range tc.want {
			if w.fix == "" {
				continue
			}
			t.Run(tc.file+"/"+w.rule+"/"+w.node, func(t *testing.T) {
				d, fs := convValidate(t, convPath(tc.file))
				k := convMatch(fs, w)
				if k < 0 || fs[k].Fix == nil {
					t.Fatalf("no fixable %s at %s", w.rule, w.ptr)
				}
				f := fs[k]
				nd, _, err := d.Do(f.Fix.Op)
				if err != nil {
					t.Fatalf("%s: %v", f.Fix.Title, err)
				}
				at := convOr(w.fixAt, w.ptr)
				v := nd.Lookup(at)
				switch {
				case w.fix == convRemoved && v != nil:
					t.Errorf("after %q, %s is still there", f.Fix.Title, at)
				case w.fix != convRemoved && (v == nil || v.Str != w.fix):
					t.Errorf("after %q, %s = %v, want %q", f.Fix.Title, at, v, w.fix)
				}
				after := convOnly(Validate(nd, Options{}))
				for _, g := range after {
					if g.Rule == f.Rule && g.Node == f.Node && g.Pointer == f.Pointer && g.Message == f.Message {
						t.Errorf("after %q the finding is still reported: %s", f.Fix.Title, convString(g))
					}
				}
				if len(after) != len(fs)-1 {
					t.Errorf("after %q: %d conversation findings, want %d:\n%s", f.Fix.Title, len(after), len(fs)-1, convList(after))
				}
				applied++
			})
		}
	}
	if applied < 8 {
		t.Errorf("only %d quick fixes were exercised", applied)
	}
}

func convOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// The shipped examples follow every convention: none of these rules may fire
// on them.
func TestConversationRulesQuietOnExamples(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "examples", "*.json"))
	if len(files) < 10 {
		t.Fatalf("found %d example flows, want at least 10", len(files))
	}
	for _, p := range files {
		if _, fs := convValidate(t, p); len(fs) > 0 {
			t.Errorf("%s:\n%s", p, convList(fs))
		}
	}
}

// Each broken example fires exactly the conversation rules its description
// in examples/README.md names, and no others.
func TestConversationRulesOnBrokenExamples(t *testing.T) {
	want := map[string][]string{
		"default-outcome.json":      {"default-outcome"},
		"no-reply-not-final.json":   {"no-reply-not-final"},
		"multiple-questions.json":   {"multiple-questions"},
		"conditional-prompt.json":   {"conditional-prompt"},
		"say-format.json":           {"say-format"},
		"unknown-template-var.json": {"unknown-template-var"},
		"missing-closing.json":      {"missing-closing"},
		"liveness-to-end.json":      {"missing-closing"}, // README: skipping the closing also gives missing-closing
	}
	files, _ := filepath.Glob(filepath.Join("..", "examples", "broken", "*.json"))
	if len(files) < len(want) {
		t.Fatalf("found %d broken examples", len(files))
	}
	seen := 0
	for _, p := range files {
		base := filepath.Base(p)
		d, err := fg.Load(p)
		if err != nil {
			continue // not a flow at all: parse-error's business
		}
		fs := convOnly(Validate(d, Options{}))
		var got []string
		for _, f := range fs {
			got = append(got, f.Rule)
		}
		if _, ok := want[base]; ok {
			seen++
		}
		if !slices.Equal(got, want[base]) {
			t.Errorf("%s: conversation rules %v, want %v:\n%s", base, got, want[base], convList(fs))
		}
	}
	if seen != len(want) {
		t.Errorf("only %d of the %d named broken examples exist", seen, len(want))
	}
}

// A rule switched off in configuration reports nothing.
func TestConversationRulesOff(t *testing.T) {
	d, err := fg.Load(convPath("unknown-template-var.json"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := &Config{Rules: map[string]Severity{"unknown-template-var": Off}}
	if fs := convOnly(Validate(d, Options{Config: cfg})); len(fs) != 0 {
		t.Errorf("rule off, still got:\n%s", convList(fs))
	}
}

// Edge cases written inline: each flow is broken in a way another rule
// reports, and the conversation rules stay out of it.
func TestConversationRulesLeaveOtherRulesAlone(t *testing.T) {
	cases := []struct{ name, flow string }{
		{"descriptive prompt without outcomes (empty-outcomes)",
			`[{"id":"start","type":"start","outcome":"ask"},
			  {"id":"ask","type":"conversation","prompt":"Ask the user for their date of birth.","outcomes":[]},
			  {"id":"end","type":"end"}]`},
		{"closing without outcomes (empty-outcomes)",
			`[{"id":"start","type":"start","outcome":"bye"},
			  {"id":"bye","type":"conversation","prompt":"Say: Thank you, goodbye.","doesNotRequireReply":true,"outcomes":[]},
			  {"id":"end","type":"end"}]`},
		{"closing whose outcome is unlinked (empty-target)",
			`[{"id":"start","type":"start","outcome":"bye"},
			  {"id":"bye","type":"conversation","prompt":"Say: Thank you, goodbye.","doesNotRequireReply":true,
			   "outcomes":[{"id":"finish","targetNodeId":"","condition":""}]},
			  {"id":"end","type":"end"}]`},
		{"closing whose outcome is a typo (dangling-target)",
			`[{"id":"start","type":"start","outcome":"bye"},
			  {"id":"bye","type":"conversation","prompt":"Say: Thank you, goodbye.","doesNotRequireReply":true,
			   "outcomes":[{"id":"finish","targetNodeId":"ned","condition":""}]},
			  {"id":"end","type":"end"}]`},
		{"unreachable node linking to an end (unreachable)",
			`[{"id":"start","type":"start","outcome":"bye"},
			  {"id":"bye","type":"conversation","prompt":"Say: Thank you, goodbye.","doesNotRequireReply":true,
			   "outcomes":[{"id":"finish","targetNodeId":"end","condition":""}]},
			  {"id":"old","type":"enter_email","outcomes":{"emailEntered":"end","canceled":"end"}},
			  {"id":"end","type":"end"}]`},
	}
	for _, c := range cases {
		d, err := fg.Parse("inline.json", []byte(c.flow))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		all := Validate(d, Options{})
		if len(all) == 0 {
			t.Errorf("%s: the flow should be reported by some other rule", c.name)
		}
		if fs := convOnly(all); len(fs) != 0 {
			t.Errorf("%s:\n%s", c.name, convList(fs))
		}
	}
}

func TestRewriteTemplateVars(t *testing.T) {
	cases := []struct{ in, from, to, want string }{
		{"Hi { acountType } and {acountType}!", "acountType", "accountType", "Hi {accountType} and {accountType}!"},
		{"Hi {{acountType}} {acountType}", "acountType", "accountType", "Hi {{acountType}} {accountType}"},
		{"{x}{y}{x}", "x", "name", "{name}{y}{name}"},
		{"no vars { here", "here", "name", "no vars { here"},
	}
	for _, c := range cases {
		got := rewriteVars(c.in, braceSpans(c.in), func(sp braceSpan) (string, bool) { return c.to, !sp.double && sp.name == c.from })
		if got != c.want {
			t.Errorf("rewrite %q %s→%s = %q, want %q", c.in, c.from, c.to, got, c.want)
		}
	}
	in := "Say: Thanks, {{ name }}. Code {{code}}."
	got := rewriteVars(in, braceSpans(in), func(sp braceSpan) (string, bool) { return sp.name, sp.double && sp.name == "name" })
	if want := "Say: Thanks, {name}. Code {{code}}."; got != want {
		t.Errorf("double braces: %q, want %q", got, want)
	}
}

// Every check is one pass over nodes and edges; this runs them on a long
// flow (a chain of question nodes, each with an exit) to catch accidental
// quadratic work.
func BenchmarkConversationRules(b *testing.B) {
	const n = 2000
	var sb strings.Builder
	sb.WriteString(`[{"id":"start","type":"start","outcome":"q0"}`)
	for i := range n {
		next := fmt.Sprintf("q%d", i+1)
		if i == n-1 {
			next = "closing"
		}
		fmt.Fprintf(&sb, `,{"id":"q%d","type":"conversation","prompt":"Ask the user for detail number %d of their {name} account.","outcomes":[`+
			`{"id":"given","targetNodeId":%q,"condition":"The user gives it"},{"id":"refuses","targetNodeId":"closing","condition":"The user refuses or does not answer"}]}`, i, i, next)
	}
	sb.WriteString(`,{"id":"closing","type":"conversation","prompt":"Say: Thank you, goodbye.","doesNotRequireReply":true,"outcomes":[{"id":"finish","targetNodeId":"end","condition":""}]},{"id":"end","type":"end"}]`)
	d, err := fg.Parse("bench.json", []byte(sb.String()))
	if err != nil {
		b.Fatal(err)
	}
	checks := []func(*Context){checkDefaultOutcome, checkNoReplyNotFinal, checkMultipleQuestions, checkConditionalPrompt,
		checkNonEnglish, checkSayFormat, checkUnknownTemplateVar, checkGoalWithoutExit, checkMissingClosing}
	b.ResetTimer()
	for b.Loop() {
		c := &Context{Doc: d}
		for _, check := range checks {
			check(c)
		}
		if len(c.out) != 0 {
			b.Fatalf("unexpected findings: %s", convList(c.out))
		}
	}
}
