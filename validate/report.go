package validate

// Reporters: findings of one or more files as text for a terminal, JSON for
// tools, and SARIF 2.1.0 for code-scanning services. Every string that can come
// from a file (paths, node ids, messages, hints, pointers) goes through Redact
// in every format, and through Sanitize in text; the JSON formats escape the
// same characters as \u escapes so that the data stays exact but is visible.

import (
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

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

// escapeJSONUnsafe rewrites, in encoded JSON, DEL and the runes Sanitize
// escapes as \u escapes (surrogate pairs above U+FFFF). JSON encoders write
// them raw; they only ever occur inside strings, so the rewrite keeps the
// document valid and the decoded data identical.
func escapeJSONUnsafe(js []byte) []byte {
	plain := true
	for _, c := range js {
		if c == 0x7f || c >= 0x80 {
			plain = false
			break
		}
	}
	if plain {
		return js
	}
	out := make([]byte, 0, len(js)+16)
	for i := 0; i < len(js); {
		r, size := utf8.DecodeRune(js[i:])
		switch {
		case r == 0x7f || (size > 1 && flowgraph.IsUnsafeRune(r)):
			if r > 0xffff {
				r1, r2 := utf16.EncodeRune(r)
				out = fmt.Appendf(out, `\u%04x\u%04x`, r1, r2)
			} else {
				out = fmt.Appendf(out, `\u%04x`, r)
			}
		default:
			out = append(out, js[i:i+size]...)
		}
		i += size
	}
	return out
}

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
