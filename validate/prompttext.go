package validate

// Pure text analysis of prompts and outcome conditions. Nothing here knows the
// flow model: strings go in, facts come out, and the rules decide what to
// report. The heuristics lean towards precision: a warning that fires on an
// ordinary prompt teaches authors to ignore the linter, so each function stays
// quiet unless the evidence is clear. The choices are documented where they
// are made.
//
// The editor re-validates on every keystroke: the scanners are written by
// hand, allocate little, and the costlier results are memoised by text.

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// sayPrefix is the exact direct-speech marker of the flow format.
const sayPrefix = "Say:"

// sayLike finds a direct-speech prefix as authors actually type it, the
// regular expression ^\s*((?i:say)\s*[:;\-–—]+): "say" in any case (the
// case-folded s also matches ſ), optional ASCII blanks, then one or more of
// : ; - – —. It returns the offsets of the prefix as written (without the
// leading blanks) and whether there is one.
func sayLike(prompt string) (start, end int, ok bool) {
	i := skipRESpace(prompt, 0)
	j := i
	switch {
	case j < len(prompt) && prompt[j]|0x20 == 's':
		j++
	case strings.HasPrefix(prompt[j:], "ſ"):
		j += len("ſ")
	default:
		return 0, 0, false
	}
	if len(prompt)-j < 2 || prompt[j]|0x20 != 'a' || prompt[j+1]|0x20 != 'y' {
		return 0, 0, false
	}
	j = skipRESpace(prompt, j+2)
	k := j
	for k < len(prompt) {
		if c := prompt[k]; c == ':' || c == ';' || c == '-' {
			k++
		} else if strings.HasPrefix(prompt[k:], "–") || strings.HasPrefix(prompt[k:], "—") {
			k += len("–")
		} else {
			break
		}
	}
	return i, k, k > j
}

// skipRESpace skips the blanks of the regular-expression class \s
// ([\t\n\f\r ]) from s[i].
func skipRESpace(s string, i int) int {
	for i < len(s) && isRESpace(s[i]) {
		i++
	}
	return i
}

// SplitSay splits a prompt into its mode and text. A prompt whose first
// non-blank characters are exactly "Say:" is direct speech and text is what
// follows, trimmed; the blank after the colon is optional ("Say:Hello" is
// direct speech). Any other prompt is descriptive and text is the whole
// prompt, trimmed. Malformed prefixes ("say:", "Say -") are not direct speech
// here: SayFormatProblem reports them.
func SplitSay(prompt string) (direct bool, text string) {
	p := strings.TrimSpace(prompt)
	if rest, ok := strings.CutPrefix(p, sayPrefix); ok {
		return true, strings.TrimSpace(rest)
	}
	return false, p
}

// spoken is the lenient form of SplitSay used by the other analyses: a
// malformed prefix still marks direct speech, so one typo yields one
// say-format finding rather than knock-on findings about the prefix.
func spoken(prompt string) (direct bool, text string) {
	if _, end, ok := sayLike(prompt); ok {
		return true, strings.TrimSpace(prompt[end:])
	}
	return false, strings.TrimSpace(prompt)
}

// SayFormatProblem describes a malformed direct-speech prefix ("say:",
// "SAY -", "Say :", "Say::", "Say-") or a "Say:" with no text after it. It
// returns "" for a well-formed "Say: text" (or "Say:text") and for prompts
// that do not start with a say-like prefix, such as "Say hello to the user".
func SayFormatProblem(prompt string) string {
	start, end, ok := sayLike(prompt)
	if !ok {
		return ""
	}
	written := prompt[start:end]
	switch {
	case strings.TrimSpace(prompt[end:]) == "":
		return fmt.Sprintf("direct-speech prefix %q has no text after it", written)
	case written != sayPrefix:
		return fmt.Sprintf("malformed direct-speech prefix %q: write %q before the spoken text", written, "Say: ")
	}
	return ""
}

// FixSayFormat returns the prompt with a malformed direct-speech prefix
// rewritten as "Say: ". It reports false when there is nothing to fix or no
// text to keep.
func FixSayFormat(prompt string) (fixed string, ok bool) {
	if SayFormatProblem(prompt) == "" {
		return "", false
	}
	_, text := spoken(prompt)
	if text == "" {
		return "", false
	}
	return sayPrefix + " " + text, true
}

// TemplateVars returns the distinct names of single-brace variables ("{name}"
// → "name", trimmed, in order of first use) and whether any double-brace
// variable ("{{code}}") appears. Names inside double braces are not listed.
func TemplateVars(prompt string) (vars []string, doubleBraces bool) {
	var seen map[string]bool // past a few names; a list search is quadratic on hostile text
	known := func(name string) bool {
		if seen == nil && len(vars) < 8 {
			return slices.Contains(vars, name)
		}
		if seen == nil {
			seen = make(map[string]bool, 2*len(vars))
			for _, v := range vars {
				seen[v] = true
			}
		}
		return seen[name]
	}
	for i := 0; i < len(prompt); i++ {
		k := strings.IndexByte(prompt[i:], '{')
		if k < 0 {
			break
		}
		i += k
		if strings.HasPrefix(prompt[i:], "{{") {
			if end := strings.Index(prompt[i:], "}}"); end >= 0 {
				doubleBraces = true
				i += end + 1
				continue
			}
		}
		end := strings.IndexAny(prompt[i+1:], "{}")
		if end < 0 || prompt[i+1+end] != '}' {
			continue
		}
		if name := strings.TrimSpace(prompt[i+1 : i+1+end]); name != "" && !known(name) {
			vars = append(vars, name)
			if seen != nil {
				seen[name] = true
			}
		}
		i += end + 1
	}
	return vars, doubleBraces
}

// catchAll lists normalised conditions that mean "whatever the user says".
var catchAll = func() map[string]bool {
	set := map[string]bool{}
	for _, c := range strings.Split(`default|true|always|otherwise|else|any|anything|anything else|*|
		any response|any other response|any answer|any other answer|any reply|any other reply|
		any input|any other input|any other case|any case|all other cases|every other case|
		everything else|all else|something else|whatever|fallback|fall back|catch-all|catch all|
		other|others|none of the above|no match|no other match|anything at all`, "|") {
		set[strings.TrimSpace(c)] = true
	}
	return set
}()

// catchAllLeads are openings stripped before the lookup, so that "The user
// says anything else" and "In any other case" are recognised too.
var catchAllLeads = []string{"the user says ", "user says ", "the user answers ",
	"the user replies ", "the user responds with ", "in ", "for "}

// IsCatchAll reports whether an outcome condition is a catch-all fallback:
// empty, or one of a closed set of phrases meaning "anything" (default, true,
// otherwise, else, any, anything else, *, any other answer, everything else,
// fallback, …), compared case-insensitively after trimming blanks, quotes and
// trailing punctuation. Only whole phrases match: "The user says anything
// about cancelling" is a real condition.
func IsCatchAll(condition string) bool {
	var buf [128]byte
	c, ok := asciiCatchAllForm(buf[:0], condition)
	if !ok { // typographic quotes, İ, K, … or a long condition
		s := strings.ToLower(strings.Join(strings.Fields(condition), " "))
		c = []byte(strings.Trim(s, " \"'`“”‘’()[].!?,;:"))
	}
	for _, lead := range catchAllLeads {
		if len(c) >= len(lead) && string(c[:len(lead)]) == lead {
			c = c[len(lead):]
		}
	}
	return len(c) == 0 || catchAll[string(c)]
}

// asciiCatchAllForm writes the normalised form of an ASCII condition to dst,
// as IsCatchAll would compute it: trimmed of blanks, quotes and punctuation,
// inner blanks collapsed to one space, lower case. It reports false for text
// that is not ASCII or does not fit in cap(dst).
func asciiCatchAllForm(dst []byte, s string) ([]byte, bool) {
	const trimmed = " \"'`()[].!?,;:\t\n\v\f\r"
	i, j := 0, len(s)
	for i < j && strings.IndexByte(trimmed, s[i]) >= 0 {
		i++
	}
	for j > i && strings.IndexByte(trimmed, s[j-1]) >= 0 {
		j--
	}
	blank := false
	for k := i; k < j; k++ {
		switch c := s[k]; {
		case c >= utf8.RuneSelf || len(dst)+2 > cap(dst):
			return nil, false
		case asciiSpace(c):
			blank = true
		default:
			if blank {
				dst = append(dst, ' ')
				blank = false
			}
			dst = append(dst, lowerASCII(c))
		}
	}
	return dst, true
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// jsWords are the JavaScript literals and operators that read as words.
var jsWords = newWordSet("true false null undefined typeof")

// LooksLikeJSCondition reports whether a condition is a legacy JavaScript-like
// expression ("true", "false", "response.length > 0", "answer === 'yes'",
// "x && y") rather than English. A condition with operators but three or more
// plain words outside quotes ("The user is > 18 years old") counts as English.
func LooksLikeJSCondition(condition string) bool {
	c := strings.TrimSpace(condition)
	if len(c) == 4 || len(c) == 5 { // no other text lower-cases to "true" or "false"
		if l := strings.ToLower(c); l == "true" || l == "false" {
			return true
		}
	}
	if !strings.ContainsAny(c, "=!&|<>.(") || !jsSyntax(c) {
		return false
	}
	// Count the plain words ([\w$.]+ runs without . _ $ or digits, and not
	// JavaScript words) once quoted strings ('…' or "…") are removed.
	var buf [256]byte
	t := buf[:0]
	for i := 0; i < len(c); i++ {
		if q := c[i]; q == '\'' || q == '"' {
			if k := strings.IndexByte(c[i+1:], q); k >= 0 {
				i += k + 1
				continue
			}
		}
		t = append(t, c[i])
	}
	plain := 0
	for i, j := 0, 0; i < len(t); i = j + 1 {
		for j = i; j < len(t) && (isIdentByte(t[j]) || t[j] == '.'); j++ {
		}
		if w := t[i:j]; len(w) > 0 && !bytes.ContainsAny(w, "._$0123456789") && !jsWords[string(w)] {
			plain++
		}
	}
	return plain < 3
}

// jsSyntax reports whether c has an operator or a member access that English
// conditions do not use, like the regular expression
//
//	[=!]==?|&&|\|\||[\w)\]'"]\s*[<>]=?\s*[\w('"-]|[A-Za-z_$][\w$]*\.[A-Za-z_$][\w$]+|[A-Za-z_$][\w$]*\(|^\s*!\s*[A-Za-z_$]
//
// ===, &&, a > b, response.length, includes(…), !flag.
func jsSyntax(c string) bool {
	if strings.Contains(c, "==") || strings.Contains(c, "!=") || strings.Contains(c, "&&") || strings.Contains(c, "||") {
		return true
	}
	if i := skipRESpace(c, 0); i < len(c) && c[i] == '!' {
		if i = skipRESpace(c, i+1); i < len(c) && isIdentStart(c[i]) {
			return true
		}
	}
	for k := 0; k < len(c); k++ {
		switch c[k] {
		case '<', '>':
			j := k - 1
			for j >= 0 && isRESpace(c[j]) {
				j--
			}
			if j < 0 || !isWordByte(c[j]) && !strings.ContainsRune(`)]'"`, rune(c[j])) {
				continue
			}
			j = k + 1
			if j < len(c) && c[j] == '=' {
				j++
			}
			if j = skipRESpace(c, j); j < len(c) && (isWordByte(c[j]) || strings.ContainsRune(`('"-`, rune(c[j]))) {
				return true
			}
		case '.':
			if identBefore(c, k) && k+2 < len(c) && isIdentStart(c[k+1]) && isIdentByte(c[k+2]) {
				return true
			}
		case '(':
			if identBefore(c, k) {
				return true
			}
		}
	}
	return false
}

// identBefore reports whether c[:k] ends in [A-Za-z_$][\w$]*.
func identBefore(c string, k int) bool {
	for j := k - 1; j >= 0 && isIdentByte(c[j]); j-- {
		if isIdentStart(c[j]) {
			return true
		}
	}
	return false
}

func isRESpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r' }

// isWordByte reports whether b is in the regular-expression class \w.
func isWordByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_'
}

func isIdentByte(b byte) bool  { return isWordByte(b) || b == '$' }
func isIdentStart(b byte) bool { return isIdentByte(b) && (b < '0' || b > '9') }

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
