package main

import (
	"os"
	"strings"
	"testing"

	"flowsmith/validate"
)

// Tests that keep the README true: the generated rule list and what it mentions.

const (
	rulesStart = "<!-- rules:start -->"
	rulesEnd   = "<!-- rules:end -->"
)

// TestREADME keeps the README's rule list generated from the catalog; run
// `go test . -run TestREADME -update` to regenerate it.
func TestREADME(t *testing.T) {
	src := readFile(t, "README.md")
	s := string(src)
	i, j := strings.Index(s, rulesStart), strings.Index(s, rulesEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %s … %s block", rulesStart, rulesEnd)
	}
	want := s[:i] + rulesStart + "\n" + readmeRules() + rulesEnd + s[j+len(rulesEnd):]
	if want == s {
		return
	}
	if *update {
		if err := os.WriteFile("README.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's rule list is out of date with the rule catalog; run: go test . -run TestREADME -update")
}

// readmeRules is the generated block of the README.
func readmeRules() string {
	return "\n" + validate.RuleListMarkdown() + "\n"
}

// The README documents every command, and the editor keys.
func TestREADMEMentions(t *testing.T) {
	s := string(readFile(t, "README.md"))
	for _, cmd := range commands {
		if !strings.Contains(s, "flowsmith "+cmd.name) {
			t.Errorf("README.md does not document %q", cmd.name)
		}
	}
	for _, want := range []string{"go install", "go run .", "go test ./...", ".flowsmith.json", "examples/README.md", "ctrl+s", "Exit codes"} {
		if !strings.Contains(s, want) {
			t.Errorf("README.md does not mention %q", want)
		}
	}
}
