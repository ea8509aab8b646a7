package main

import (
	"strings"
	"testing"

	"charm.land/glamour/v2/styles"

	"flowsmith/validate"
)

func TestExplainEveryRule(t *testing.T) {
	for _, rule := range validate.Rules {
		r := runCLI(t, "", "explain", rule.ID)
		noCrash(t, r)
		if r.code != exitOK || r.stderr != "" {
			t.Errorf("%s:\n%v", rule.ID, r)
			continue
		}
		if len(strings.TrimSpace(r.stdout)) < 40 || !strings.Contains(r.stdout, rule.ID) {
			t.Errorf("%s: the documentation is empty or does not name the rule:\n%s", rule.ID, r.stdout)
		}
		if strings.Contains(r.stdout, "\x1b[") {
			t.Errorf("%s: ANSI styling when the output is not a terminal", rule.ID)
		}
		if strings.Contains(r.stdout, " \n") {
			t.Errorf("%s: trailing blanks in piped output", rule.ID)
		}
	}
	// Ids are matched ignoring case and blanks.
	if r := runCLI(t, "", "explain", " Self-Loop "); r.code != exitOK || !strings.Contains(r.stdout, "self-loop") {
		t.Errorf("case-insensitive id:\n%v", r)
	}
}

func TestExplainList(t *testing.T) {
	r := runCLI(t, "", "explain")
	if r.code != exitOK {
		t.Fatalf("%v", r)
	}
	for _, rule := range validate.Rules {
		if !strings.Contains(r.stdout, rule.ID) {
			t.Errorf("the list lacks %s", rule.ID)
		}
	}
	for _, g := range []validate.Group{validate.GroupStructure, validate.GroupConversation, validate.GroupSession, validate.GroupSecurity} {
		if !strings.Contains(r.stdout, string(g)) {
			t.Errorf("the list lacks the group %q", g)
		}
	}
	if !strings.Contains(r.stdout, "warning") || !strings.Contains(r.stdout, "error") {
		t.Error("the list does not show severities")
	}
}

func TestExplainUnknownRule(t *testing.T) {
	cases := map[string]string{
		"self-lop":       `did you mean "self-loop"?`,
		"dangling":       `no rule has the id "dangling"`,
		"\x1b[2Jnothing": `\x1b[2Jnothing`,
	}
	for id, want := range cases {
		r := runCLI(t, "", "explain", id)
		noCrash(t, r)
		if r.code != exitUsage || !strings.Contains(r.stderr, want) || r.stdout != "" {
			t.Errorf("%q: want exit 2 and %q:\n%v", id, want, r)
		}
	}
}

// The style is chosen from what start-up found out; rendering never asks the
// terminal.
func TestExplainStyles(t *testing.T) {
	c := &cli{}
	for _, tc := range []struct {
		term terminal
		want string
	}{
		{terminal{stdout: false, dark: true}, styles.NoTTYStyle},
		{terminal{stdout: true, noColor: true, dark: true}, styles.NoTTYStyle},
		{terminal{stdout: true, dark: true}, styles.DarkStyle},
		{terminal{stdout: true, dark: false}, styles.LightStyle},
	} {
		c.term = tc.term
		if got := c.glamourStyle(); got != tc.want {
			t.Errorf("%+v: style %q, want %q", tc.term, got, tc.want)
		}
	}
	for _, style := range []string{styles.DarkStyle, styles.LightStyle} {
		out, err := renderMarkdown(ruleMarkdown(validate.LookupRule("self-loop")), style, 80)
		if err != nil || !strings.Contains(out, "\x1b[") || !strings.Contains(out, "self-loop") {
			t.Errorf("%s: not styled (%v):\n%q", style, err, out)
		}
	}
}
