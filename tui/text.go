package tui

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"flowsmith/validate"
)

// sanitize makes text from the file safe to draw: control characters, escape
// sequences, C1 controls and bidirectional overrides become visible escapes
// (\n, \x1b, \u202e), so a flow cannot rewrite the screen or hide text; and
// anything that looks like an API key or signing secret is redacted. It is the
// same escaping the CLI reports use.
func sanitize(s string) string { return validate.Sanitize(capText(validate.Redact(s))) }

// displayMax bounds the text of one value that is prepared for the screen. No
// pane shows more than a few thousand cells of a value, and escaping,
// measuring and wrapping a 60 MB string on every frame would freeze the editor.
const displayMax = 64 << 10

// capText cuts s to displayMax bytes (at a character boundary), marking the cut
// with "…". Redact runs before it, so that a cut never splits a secret into a
// part that no longer looks like one.
func capText(s string) string {
	if len(s) <= displayMax {
		return s
	}
	return runePrefix(s, displayMax) + "…"
}

// runePrefix is the longest start of s of at most n bytes that does not cut
// a character in two.
func runePrefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func isBidi(r rune) bool {
	return r == '\u061c' || r == '\u200e' || r == '\u200f' ||
		(r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}

// clean sanitizes text and folds runs of white space into one space, for
// one-line excerpts.
func clean(s string) string {
	s = strings.Join(strings.FieldsFunc(capText(validate.Redact(s)), unicode.IsSpace), " ")
	return sanitize(s)
}

// width is the number of cells a (possibly styled) string takes.
func width(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return ansi.StringWidth(s)
		}
	}
	return len(s) // printable ASCII: one cell per byte
}

// truncate cuts a (possibly styled) string to w cells, ending with "…" when cut.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// padRight pads or cuts a (possibly styled) string to exactly w cells.
func padRight(s string, w int) string {
	s = truncate(s, w)
	if n := w - width(s); n > 0 {
		s += strings.Repeat(" ", n)
	}
	return s
}

// wrap breaks plain text into lines of at most w cells (words longer than a line
// are cut hard).
func wrap(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	out := strings.Split(ansi.Wrap(s, w, " -"), "\n")
	for i, l := range out {
		out[i] = strings.TrimRight(l, " ")
	}
	return out
}

// fit makes a block exactly h lines of exactly w cells.
func fit(lines []string, w, h int) string {
	var b strings.Builder
	for i := 0; i < h; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		l := ""
		if i < len(lines) {
			l = lines[i]
		}
		b.WriteString(padRight(l, w))
	}
	return b.String()
}

// plural writes "1 node" or "3 nodes".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func itoa(n int) string { return strconv.Itoa(n) }
