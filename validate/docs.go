package validate

import (
	"embed"
	"fmt"
	"slices"
	"strings"
)

// docFS holds one markdown page per rule id, docs/<id>.md, shown by
// `flowsmith explain <id>`. docs_test.go keeps it in step with Rules.
//
//go:embed docs/*.md
var docFS embed.FS

// RuleDoc returns the markdown documentation of a rule. The id is matched
// after trimming blanks and ignoring case; ok is false when no rule has it.
func RuleDoc(id string) (string, bool) {
	id = strings.ToLower(strings.TrimSpace(id))
	if LookupRule(id) == nil {
		return "", false // also keeps paths such as "../x" away from the FS
	}
	b, err := docFS.ReadFile("docs/" + id + ".md")
	if err != nil {
		return "", false
	}
	return string(b), true
}

// groupOrder is the order of the groups in rules.md.
var groupOrder = []Group{GroupStructure, GroupConversation, GroupSession, GroupSecurity, GroupConfig}

// RuleListMarkdown renders the rule catalog as markdown: a `### Group` heading
// per group, in rules.md order, then one list item per rule in catalog order,
// holding the id in backquotes, the severity and the summary separated by " · "
// (for self-loop: "`self-loop` · error · an outcome's target is its own node's id").
//
// The severity is the default one; a project's .flowsmith.json may change it.
// The README embeds this list between markers, and `flowsmith explain` prints
// it when no rule id is given.
func RuleListMarkdown() string {
	groups := slices.Clone(groupOrder)
	for _, r := range Rules {
		if !slices.Contains(groups, r.Group) {
			groups = append(groups, r.Group) // a group added later, after the known ones
		}
	}
	var b strings.Builder
	for _, g := range groups {
		first := true
		for _, r := range Rules {
			if r.Group != g {
				continue
			}
			if first {
				if b.Len() > 0 {
					b.WriteByte('\n')
				}
				fmt.Fprintf(&b, "### %s\n\n", g)
				first = false
			}
			fmt.Fprintf(&b, "- `%s` · %s · %s\n", r.ID, r.Severity, r.Summary)
		}
	}
	return b.String()
}
