package validate

// Reporters: findings of one or more files as text for a terminal, JSON for
// tools, and SARIF 2.1.0 for code-scanning services. Every string that can come
// from a file (paths, node ids, messages, hints, pointers) goes through Redact
// in every format, and through Sanitize in text; the JSON formats escape the
// same characters as \u escapes so that the data stays exact but is visible.

import (
	"fmt"

	"flowsmith/flowgraph"
)

// FileResult is what a reporter shows for one file.
type FileResult struct {
	Path     string
	Findings []Finding
	Src      []byte // the file's bytes; optional: when set, text output shows the source line
}

// Sanitize makes a string safe to print on a terminal on one line: see
// flowgraph.Sanitize.
func Sanitize(s string) string { return flowgraph.Sanitize(s) }

// clean is what every reporter does to text from a file.
func cleanText(s string) string { return Sanitize(Redact(s)) }

// severityLevel is a severity's name in the output formats.
func severityLevel(s Severity) string { return s.String() }

// plural writes "1 error", "2 errors", "0 errors".
func pluralCount(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// countAll tallies the findings of every file.
func countAll(results []FileResult) Counts {
	var total Counts
	for _, r := range results {
		c := Count(r.Findings)
		total.Errors += c.Errors
		total.Warnings += c.Warnings
		total.Infos += c.Infos
	}
	return total
}

// Summary is the closing line of the text format: "2 errors, 1 warning, 0 infos".
func Summary(c Counts) string {
	return pluralCount(c.Errors, "error") + ", " + pluralCount(c.Warnings, "warning") + ", " + pluralCount(c.Infos, "info")
}
