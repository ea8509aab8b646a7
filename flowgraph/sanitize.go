package flowgraph

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Text from a flow file is untrusted: ids, prompts and conditions may hold
// escape sequences that would act on the terminal. Every view of them goes
// through Sanitize.

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
		case IsUnsafeRune(r) && r > 0xffff:
			fmt.Fprintf(&b, `\U%08x`, r)
		case IsUnsafeRune(r):
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

// IsUnsafeRune reports the non-ASCII runes Sanitize escapes: C1 controls and
// invisible or reordering characters.
func IsUnsafeRune(r rune) bool {
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

// EscapeJSONUnsafe rewrites, in encoded JSON, DEL and the runes Sanitize
// escapes as \u escapes (surrogate pairs above U+FFFF). JSON encoders write
// them raw; they only ever occur inside strings, so the rewrite keeps the
// document valid and the decoded data identical.
func EscapeJSONUnsafe(js []byte) []byte {
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
		case r == 0x7f || (size > 1 && IsUnsafeRune(r)):
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
