package validate

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"

	"flowsmith/flowgraph"
)

// The sections every rule page has, in this order.
var docSections = []string{"## Why it matters", "## How to fix", "## Example"}

// Page length bounds: a page is short enough to read in a terminal.
const docMinLines, docMaxLines = 20, 50

// docBlock is one fenced code block of a page.
type docBlock struct {
	lang, body string
	line       int // 1-based line of the opening fence
}

// docProblems checks one rule page and returns what is wrong with it.
func docProblems(r *Rule, text string) []string {
	var probs []string
	bad := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }

	if strings.Contains(text, "\r") {
		bad("the page has carriage returns; use \\n line ends")
	}
	if !strings.HasSuffix(text, "\n") {
		bad("the page does not end with a newline")
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if n := len(lines); n < docMinLines || n > docMaxLines {
		bad("the page has %d lines; keep it to %d–%d", n, docMinLines, docMaxLines)
	}
	if lines[0] != "# "+r.ID {
		bad("line 1 is %q; want %q", lines[0], "# "+r.ID)
	}

	// The severity and group line: the first non-blank line after the title,
	// and the only one of its kind.
	wantMeta := fmt.Sprintf("**Severity:** %s · **Group:** %s", r.Severity, r.Group)
	metaAt := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "**Severity:**") {
			if metaAt >= 0 {
				bad("line %d: a second severity line", i+1)
			}
			metaAt = i
			if l != wantMeta {
				bad("line %d is %q; rules.go says %q", i+1, l, wantMeta)
			}
		}
	}
	switch {
	case metaAt < 0:
		bad("no severity line; want %q", wantMeta)
	case strings.TrimSpace(strings.Join(lines[1:metaAt], "")) != "":
		bad("the severity line must come right after the title")
	}

	// Sections, outside code blocks: exactly the three, in order, none empty,
	// and a "what" paragraph between the severity line and the first.
	var heads []int
	inFence := false
	for i, l := range lines {
		if strings.HasPrefix(l, "```") {
			inFence = !inFence
			continue
		}
		if !inFence && strings.HasPrefix(l, "#") && i > 0 {
			heads = append(heads, i)
		}
	}
	if inFence {
		bad("a code block is not closed")
	}
	var got []string
	for _, h := range heads {
		got = append(got, lines[h])
	}
	if strings.Join(got, "|") != strings.Join(docSections, "|") {
		bad("the headings are %q; want %q", got, docSections)
	} else {
		if metaAt >= 0 && strings.TrimSpace(strings.Join(lines[metaAt+1:heads[0]], "")) == "" {
			bad("no description between the severity line and %q", docSections[0])
		}
		for k, h := range heads {
			end := len(lines)
			if k+1 < len(heads) {
				end = heads[k+1]
			}
			if strings.TrimSpace(strings.Join(lines[h+1:end], "")) == "" {
				bad("section %q is empty", lines[h])
			}
		}
	}

	// Code blocks: every json block parses; the Example shows the mistake and
	// its fix, so it has at least two blocks.
	blocks, exampleBlocks := docBlocks(lines, heads)
	for _, b := range blocks {
		if b.lang == "json" {
			if _, err := flowgraph.ParseTree(r.ID+".md", []byte(b.body)); err != nil {
				bad("the json block at line %d does not parse: %d:%d: %s", b.line, err.Pos.Line, err.Pos.Col, err.Msg)
			}
		}
		if b.lang == "" {
			bad("the code block at line %d names no language (json, text, …)", b.line)
		}
	}
	if exampleBlocks < 2 {
		bad("the Example has %d code blocks; show the mistake and the fixed version", exampleBlocks)
	}

	// The secret-in-flow matcher decides what looks real; pages write
	// placeholders such as sk_live_… (with an ellipsis) instead.
	if ContainsSecret(text) {
		bad("the page holds a real-looking secret; write a placeholder such as sk_live_…")
	}
	return probs
}

// docBlocks returns the fenced blocks of a page and how many of them lie after
// the last heading (the Example section).
func docBlocks(lines []string, heads []int) (blocks []docBlock, inLast int) {
	last := len(lines)
	if len(heads) > 0 {
		last = heads[len(heads)-1]
	}
	var cur *docBlock
	var body []string
	for i, l := range lines {
		if !strings.HasPrefix(l, "```") {
			if cur != nil {
				body = append(body, l)
			}
			continue
		}
		if cur == nil {
			cur, body = &docBlock{lang: strings.TrimSpace(strings.TrimPrefix(l, "```")), line: i + 1}, nil
			continue
		}
		cur.body = strings.Join(body, "\n")
		blocks = append(blocks, *cur)
		if cur.line > last {
			inLast++
		}
		cur = nil
	}
	return blocks, inLast
}

func TestEveryRuleHasADoc(t *testing.T) {
	for i := range Rules {
		r := &Rules[i]
		doc, ok := RuleDoc(r.ID)
		if !ok {
			t.Errorf("rule %s has no page: add validate/docs/%s.md", r.ID, r.ID)
			continue
		}
		for _, p := range docProblems(r, doc) {
			t.Errorf("docs/%s.md: %s", r.ID, p)
		}
	}
}

func TestNoOrphanDocs(t *testing.T) {
	// What is embedded…
	embedded, err := fs.Glob(docFS, "docs/*")
	if err != nil {
		t.Fatal(err)
	}
	// …and what is on disk, so that a file the embed pattern skips is caught too.
	entries, err := os.ReadDir("docs")
	if err != nil {
		t.Fatal(err)
	}
	var onDisk []string
	for _, e := range entries {
		onDisk = append(onDisk, "docs/"+e.Name())
	}
	if len(embedded) != len(Rules) {
		t.Errorf("%d pages are embedded for %d rules", len(embedded), len(Rules))
	}
	checked := map[string]bool{}
	for _, p := range append(embedded, onDisk...) {
		if checked[p] {
			continue
		}
		checked[p] = true
		name := path.Base(p)
		id, isMD := strings.CutSuffix(name, ".md")
		switch {
		case !isMD:
			t.Errorf("%s: only <rule-id>.md files belong in validate/docs", p)
		case LookupRule(id) == nil:
			t.Errorf("%s: no rule has the id %q (an orphan page, or a typo in its name)", p, id)
		}
	}
}

func TestRuleDocLookup(t *testing.T) {
	doc, ok := RuleDoc("self-loop")
	if !ok || !strings.HasPrefix(doc, "# self-loop\n") {
		t.Fatalf("RuleDoc(self-loop) = %.30q, %v", doc, ok)
	}
	if d2, ok := RuleDoc("  Self-Loop "); !ok || d2 != doc {
		t.Errorf("RuleDoc should ignore case and blanks")
	}
	for _, id := range []string{"", "no-such-rule", "../rules.go", "docs/self-loop", "self-loop.md", "*"} {
		if _, ok := RuleDoc(id); ok {
			t.Errorf("RuleDoc(%q) found a page", id)
		}
	}
}

func TestRuleListMarkdown(t *testing.T) {
	md := RuleListMarkdown()
	lines := strings.Split(strings.TrimSuffix(md, "\n"), "\n")
	group := Group("")
	var groupsSeen []Group
	seen := map[string]int{}
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "### "):
			group = Group(strings.TrimPrefix(l, "### "))
			groupsSeen = append(groupsSeen, group)
		case l == "":
		case strings.HasPrefix(l, "- `"):
			id, _, _ := strings.Cut(strings.TrimPrefix(l, "- `"), "`")
			r := LookupRule(id)
			if r == nil {
				t.Errorf("line %d lists an unknown rule: %q", i+1, l)
				continue
			}
			seen[id]++
			if want := fmt.Sprintf("- `%s` · %s · %s", r.ID, r.Severity, r.Summary); l != want {
				t.Errorf("line %d is %q; want %q", i+1, l, want)
			}
			if r.Group != group {
				t.Errorf("%s is listed under %q; its group is %q", id, group, r.Group)
			}
		default:
			t.Errorf("line %d is neither a heading nor a rule: %q", i+1, l)
		}
	}
	for _, r := range Rules {
		if seen[r.ID] != 1 {
			t.Errorf("%s is listed %d times; want once", r.ID, seen[r.ID])
		}
	}
	if fmt.Sprint(groupsSeen) != fmt.Sprint(groupOrder) {
		t.Errorf("groups in the order %q; want rules.md's %q", groupsSeen, groupOrder)
	}
}

// TestDocProblemsCatchesMistakes shows that the page checks can fail: each
// mistake made to a good page must be reported.
func TestDocProblemsCatchesMistakes(t *testing.T) {
	r := LookupRule("self-loop")
	good, ok := RuleDoc(r.ID)
	if !ok {
		t.Fatal("no page for self-loop")
	}
	if p := docProblems(r, good); len(p) > 0 {
		t.Fatalf("the good page has problems: %q", p)
	}
	meta := fmt.Sprintf("**Severity:** %s · **Group:** %s", r.Severity, r.Group)
	mistakes := map[string]string{
		"wrong title":         strings.Replace(good, "# self-loop", "# self-loops", 1),
		"wrong severity":      strings.Replace(good, meta, "**Severity:** warning · **Group:** Conversation", 1),
		"wrong group":         strings.Replace(good, meta, "**Severity:** error · **Group:** Structure", 1),
		"no severity line":    strings.Replace(good, meta+"\n", "", 1),
		"missing section":     strings.Replace(good, "## How to fix", "## Fixing it", 1),
		"sections reordered":  strings.Replace(strings.Replace(good, "## Why it matters", "## TMP", 1), "## How to fix", "## Why it matters", 1),
		"empty section":       regexp.MustCompile(`(?s)## Why it matters\n.*?## How to fix`).ReplaceAllString(good, "## Why it matters\n\n## How to fix"),
		"broken json":         strings.Replace(good, "```json\n", "```json\n,", 1),
		"unclosed block":      good + "```json\n",
		"unlabelled block":    strings.Replace(good, "```json\n", "```\n", 1),
		"one example block":   strings.Split(good, "```json")[0] + "```json\n[]\n```\n" + strings.Repeat("\n", 10),
		"real-looking secret": strings.Replace(good, "## How to fix\n", "## How to fix\nNever commit sk_live_"+strings.Repeat("a1B2", 6)+".\n", 1),
		"too long":            strings.Replace(good, "## How to fix\n", "## How to fix\n"+strings.Repeat("More.\n", 40), 1),
		"too short":           "# self-loop\n\n" + meta + "\n\nFires.\n\n## Why it matters\nX.\n## How to fix\nY.\n## Example\n```json\n[]\n```\n```json\n[]\n```\n",
		"no final newline":    strings.TrimSuffix(good, "\n"),
	}
	for name, text := range mistakes {
		if text == good {
			t.Errorf("%s: the mutation did not change the page", name)
			continue
		}
		if p := docProblems(r, text); len(p) == 0 {
			t.Errorf("%s: not reported", name)
		} else {
			t.Logf("%s: %q", name, p)
		}
	}
}
