package validate

// Reporters: findings of one or more files as text for a terminal, JSON for
// tools, and SARIF 2.1.0 for code-scanning services. Every string that can come
// from a file (paths, node ids, messages, hints, pointers) goes through Redact
// in every format, and through Sanitize in text; the JSON formats escape the
// same characters as \u escapes so that the data stays exact but is visible.

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// FileResult is what a reporter shows for one file.
type FileResult struct {
	Path     string
	Findings []Finding
	Src      []byte // the file's bytes; optional: when set, text output shows the source line
}

// Sanitize makes a string safe to print on a terminal on one line. Nothing in it
// can move the cursor, change colours, set the window title, reorder the text
// or hide characters:
//
//   - C0 controls and DEL become \xNN (ESC is \x1b, so "\x1b[2J" prints as the
//     text `\x1b[2J`); tab, newline and carriage return become \t, \n, \r;
//   - C1 controls (U+0080–U+009F, e.g. the single-character CSI U+009B) become
//     \u009b;
//   - bytes that are not valid UTF-8 become \xNN (a raw 0x9b byte is CSI to an
//     8-bit terminal);
//   - Unicode format characters (category Cf: the bidi embeddings, overrides and
//     isolates U+202A–U+202E and U+2066–U+2069, zero-width spaces and joiners,
//     the byte-order mark, tag characters …), the line and paragraph separators
//     U+2028/U+2029 and the Hangul fillers (blank letters) become \uXXXX, or
//     \UXXXXXXXX above U+FFFF.
//
// Backslashes are kept as they are, so a message that already quotes with %q
// reads the same. Everything else, including emoji and every script, is kept.
func Sanitize(s string) string {
	if printableASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r) && r > 0xffff:
			fmt.Fprintf(&b, `\U%08x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// unsafeRune reports the non-ASCII runes Sanitize escapes: C1 controls and
// invisible or reordering characters.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x80:
		return false
	case r <= 0x9f:
		return true // C1
	case r == 0x2028 || r == 0x2029:
		return true // line and paragraph separators
	case r == 0x115f || r == 0x1160 || r == 0x3164 || r == 0xffa0:
		return true // Hangul fillers: letters that render as nothing
	}
	return unicode.Is(unicode.Cf, r)
}

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
		case r == 0x7f || (size > 1 && unsafeRune(r)):
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
