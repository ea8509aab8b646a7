package main

import (
	"fmt"
	"strings"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"
	"github.com/spf13/pflag"

	"flowsmith/validate"
)

var explainCmd = &command{
	name:      "explain",
	args:      "[RULE-ID]",
	summary:   "show what a rule checks, why it matters and how to fix it",
	needsTerm: true,
	help: `With a RULE-ID (as printed by validate), shows that rule's documentation: what
it checks, why it matters, how to fix it, and an example. Without one, lists
every rule by group with its default severity.

Output is styled for the terminal's background; it is plain when standard output
is not a terminal or NO_COLOR is set.

Examples:
  flowsmith explain
  flowsmith explain no-reply-not-final

Exit codes: 0 shown, 2 unknown rule id or usage error.`,
	setup: func(fs *pflag.FlagSet) func(*cli, []string) int {
		return func(c *cli, args []string) int { return c.explain(args) }
	},
}

func (c *cli) explain(args []string) int {
	var md string
	switch len(args) {
	case 0:
		md = "# flowsmith rules\n\n" + validate.RuleListMarkdown() +
			"\nRun `flowsmith explain RULE-ID` for a rule's details. A project's `.flowsmith.json` can switch a rule off or change its severity.\n"
	case 1:
		id := strings.ToLower(strings.TrimSpace(args[0]))
		r := validate.LookupRule(id)
		if r == nil {
			msg := fmt.Sprintf("no rule has the id %q", clean(args[0]))
			if near, ok := validate.Nearest(id, ruleIDs()); ok {
				msg += fmt.Sprintf("; did you mean %q?", near)
			}
			return c.usageError("%s (run 'flowsmith explain' for the list)", msg)
		}
		md = ruleMarkdown(r)
	default:
		return c.usageError("explain takes at most one RULE-ID, got %d", len(args))
	}
	out, err := renderMarkdown(md, c.glamourStyle(), c.wrapWidth())
	if err != nil {
		c.errorf("cannot render the documentation: %s", clean(err.Error()))
		return exitUsage
	}
	if !c.term.stdout {
		out = trimLineEnds(out) // Glamour pads every line to the wrap width
	}
	c.stdout.Write([]byte(out))
	return exitOK
}

// ruleMarkdown is a rule's documentation page, or, for a rule whose page is not
// written yet, one made from the catalog.
func ruleMarkdown(r *validate.Rule) string {
	if md, ok := validate.RuleDoc(r.ID); ok && strings.TrimSpace(md) != "" {
		return md
	}
	return fmt.Sprintf("# %s\n\n**Severity:** %s · **Group:** %s\n\nFires when %s.\n", r.ID, r.Severity, r.Group, r.Summary)
}

func ruleIDs() []string {
	ids := make([]string, len(validate.Rules))
	for i, r := range validate.Rules {
		ids[i] = r.ID
	}
	return ids
}

// glamourStyle picks the Glamour style from what start-up found out about the
// terminal: no colours when the output is not a terminal or NO_COLOR is set,
// else the dark or light style for its background.
func (c *cli) glamourStyle() string {
	switch {
	case !c.term.stdout || c.term.noColor:
		return styles.NoTTYStyle
	case c.term.dark:
		return styles.DarkStyle
	}
	return styles.LightStyle
}

func (c *cli) wrapWidth() int {
	if w := c.term.width; w > 0 {
		return min(w, 100)
	}
	return 80
}

// renderMarkdown renders markdown with a fixed Glamour style; it never queries
// the terminal.
func renderMarkdown(md, style string, width int) (string, error) {
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(width))
	if err != nil {
		return "", err
	}
	return r.Render(md)
}

// trimLineEnds drops trailing blanks from every line.
func trimLineEnds(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}
