package layout

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Size limits, in terminal cells.
const (
	boxHeight    = 4  // every box: border, label, sub, border
	maxBoxText   = 30 // node label and sub are cut to this width
	maxEdgeLabel = 16 // edge labels are cut to this width
	maxBoxWidth  = 64 // boxes widen for many ports, but not beyond this
	maxLabelJoin = 64 // bytes kept when parallel edge labels are joined
)

// runeWidth is the number of cells a rune takes in a terminal: 0 for control
// and zero-width runes, 2 for East Asian wide runes and emoji, else 1. It is a
// small approximation of wcwidth, enough for node ids and outcome keys.
func runeWidth(r rune) int {
	switch {
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return 0
	case r < 0x300:
		return 1
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case isWide(r):
		return 2
	}
	return 1
}

func isWide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115f,
		r >= 0x2e80 && r <= 0xa4cf && r != 0x303f,
		r >= 0xac00 && r <= 0xd7a3,
		r >= 0xf900 && r <= 0xfaff,
		r >= 0xfe30 && r <= 0xfe4f,
		r >= 0xff00 && r <= 0xff60,
		r >= 0xffe0 && r <= 0xffe6,
		r >= 0x1f300 && r <= 0x1f64f,
		r >= 0x1f900 && r <= 0x1f9ff,
		r >= 0x20000 && r <= 0x3fffd:
		return true
	}
	return false
}

// clean turns s into one line of printable text: tabs and line breaks become
// spaces, invalid UTF-8 becomes U+FFFD, other zero-width runes are dropped.
// Very long strings are cut early so later work stays bounded.
func clean(s string) string {
	simple := len(s) <= 4*maxBoxText
	for i := 0; i < len(s) && simple; i++ {
		simple = s[i] >= 0x20 && s[i] < 0x7f
	}
	if simple {
		return s
	}
	var b strings.Builder
	cells := 0
	for _, r := range s {
		if r == '\t' || r == '\n' || r == '\r' {
			r = ' '
		}
		w := runeWidth(r)
		if w == 0 {
			continue
		}
		if cells += w; cells > 4*maxBoxText {
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}

// textWidth is the width of s in cells (s already cleaned).
func textWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n += runeWidth(r)
		i += size
	}
	return n
}

// fit cuts s to at most max cells; a cut string ends with ell (one cell).
func fit(s string, max int, ell rune) string {
	if max <= 0 {
		return ""
	}
	if textWidth(s) <= max {
		return s
	}
	var b strings.Builder
	cells := 0
	for _, r := range s {
		w := runeWidth(r)
		if cells+w > max-1 {
			break
		}
		cells += w
		b.WriteRune(r)
	}
	b.WriteRune(ell)
	return b.String()
}

// joinLabel appends label l to acc (comma separated), skipping empty and
// repeated labels and keeping acc short.
func joinLabel(acc, l string) string {
	switch {
	case l == "" || len(acc) >= maxLabelJoin:
		return acc
	case acc == "":
		return l
	}
	for _, p := range strings.Split(acc, ",") {
		if p == l {
			return acc
		}
	}
	return acc + "," + l
}
