package validate

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"

	fg "flowsmith/flowgraph"
)

// TextOptions tune the text format.
type TextOptions struct {
	Color bool // ANSI colours and bold, for a terminal
}

// ANSI styles of the text format.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiCyan   = "\x1b[1;36m"
)

// excerptWidth is the most characters of a source line the text format shows;
// longer lines are cut around the column, with "…" marking the cuts.
const excerptWidth = 100

// WriteText writes findings one per line,
//
//	FILE:LINE:COL: SEVERITY RULE-ID: message [node ID]
//
// followed, when the result carries the file's bytes, by the source line with a
// caret under the column, and by the hint ("    hint: …") when there is one.
// A summary line closes the output: "2 errors, 1 warning, 0 infos". All text
// from the files is redacted and sanitized.
func WriteText(w io.Writer, results []FileResult, opt TextOptions) error {
	bw := bufio.NewWriter(w)
	st := textStyle(opt.Color)
	for _, r := range results {
		path := cleanText(r.Path)
		var lines [][]byte
		if r.Src != nil {
			lines = bytes.Split(r.Src, []byte("\n"))
		}
		var ex excerptLine // findings come sorted: those on one line share it
		for _, f := range r.Findings {
			loc := path + ":"
			if f.Pos.Line > 0 {
				loc += fmt.Sprintf("%d:%d:", f.Pos.Line, f.Pos.Col)
			}
			fmt.Fprintf(bw, "%s %s %s %s", st.bold(loc), st.severity(f.Severity), st.dim(f.Rule+":"), cleanText(f.Message))
			if f.Node != "" {
				fmt.Fprintf(bw, " [node %s]", cleanText(f.Node))
			}
			bw.WriteByte('\n')
			if f.Pos.Line > 0 && f.Pos.Line <= len(lines) {
				writeExcerpt(bw, st, ex.of(lines, f.Pos.Line), f.Pos)
			}
			if f.Hint != "" {
				fmt.Fprintf(bw, "    %s %s\n", st.wrap(ansiCyan, "hint:"), cleanText(f.Hint))
			}
		}
	}
	c := countAll(results)
	summary := Summary(c)
	switch {
	case c.Errors > 0:
		summary = st.wrap(ansiRed, summary)
	case c.Warnings > 0:
		summary = st.wrap(ansiYellow, summary)
	default:
		summary = st.bold(summary)
	}
	fmt.Fprintln(bw, summary)
	return bw.Flush()
}

// excerptLine is one source line, prepared once for every finding on it: a long
// line (a 60 MB prompt) is copied and scanned for secrets only once.
type excerptLine struct {
	num    int
	text   string
	secret bool
}

func (e *excerptLine) of(lines [][]byte, num int) *excerptLine {
	if e.num != num {
		e.num, e.text = num, strings.TrimSuffix(string(lines[num-1]), "\r")
		e.secret = ContainsSecret(e.text) || ContainsSecret(decodeJSONEscapes(e.text))
	}
	return e
}

// writeExcerpt writes the source line and a caret under the column:
//
//	12 |     "apiKey": "…",
//	   |     ^
//
// A line holding a secret is not shown, even redacted: a secret written with
// JSON escapes ("sk\u005flive_…") is only recognisable once decoded.
func writeExcerpt(w io.Writer, st textStyle, ex *excerptLine, pos fg.Pos) {
	line := ex.text
	num := strconv.Itoa(pos.Line)
	gutter := strings.Repeat(" ", len(num))
	if ex.secret {
		fmt.Fprintf(w, "    %s %s %s\n", st.dim(num), st.dim("|"), st.dim("(line not shown: it holds a secret)"))
		return
	}
	// Decode no more of a long line than the excerpt can show.
	end := 0
	for n := 0; end < len(line) && n <= max(pos.Col-1, 0)+excerptWidth; n++ {
		_, size := utf8.DecodeRuneInString(line[end:])
		end += size
	}
	runes := []rune(line[:end])
	col := min(max(pos.Col-1, 0), len(runes))
	from, to := 0, len(runes)
	if len(runes) > excerptWidth {
		from = max(0, min(col-excerptWidth/3, len(runes)-excerptWidth))
		to = from + excerptWidth
	}
	var text, before strings.Builder
	if from > 0 {
		text.WriteString("…")
		before.WriteString("…")
	}
	for i := from; i < to; i++ {
		piece := excerptRune(runes[i])
		text.WriteString(piece)
		if i < col {
			before.WriteString(piece)
		}
	}
	if to < len(runes) || end < len(line) {
		text.WriteString("…")
	}
	pad := strings.Repeat(" ", excerptCells.StringWidth(before.String()))
	fmt.Fprintf(w, "    %s %s %s\n", st.dim(num), st.dim("|"), text.String())
	fmt.Fprintf(w, "    %s %s %s%s\n", gutter, st.dim("|"), pad, st.wrap(ansiBold, "^"))
}

// excerptCells measures how many terminal cells text takes, to place the
// caret. Ambiguous-width characters (such as "…") count as one cell whatever
// the locale, so that the output does not depend on the environment.
var excerptCells = func() *runewidth.Condition {
	c := runewidth.NewCondition()
	c.EastAsianWidth = false
	return c
}()

// excerptRune is how one character of a source line shows: tabs as four
// spaces (the caret has to line up), unsafe characters escaped.
func excerptRune(r rune) string {
	if r == '\t' {
		return "    "
	}
	if r == utf8.RuneError {
		return `\ufffd`
	}
	return Sanitize(string(r))
}

// decodeJSONEscapes undoes the escapes of JSON string syntax in a source line
// (\uXXXX with surrogate pairs, \/, \\, \", \b \f \n \r \t), leaving anything
// else as it is.
func decodeJSONEscapes(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch c := s[i+1]; c {
		case 'u':
			r, n := decodeUnicodeEscape(s[i:])
			if n == 0 {
				b.WriteByte(s[i])
				continue
			}
			b.WriteRune(r)
			i += n - 1
		case '/', '\\', '"':
			b.WriteByte(c)
			i++
		case 'b', 'f', 'n', 'r', 't':
			b.WriteByte(map[byte]byte{'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}[c])
			i++
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// decodeUnicodeEscape reads \uXXXX (and a following low surrogate) at the start
// of s; n is the bytes consumed, 0 when s does not start with one.
func decodeUnicodeEscape(s string) (rune, int) {
	hex4 := func(s string) (rune, bool) {
		if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
			return 0, false
		}
		v, err := strconv.ParseUint(s[2:6], 16, 32)
		return rune(v), err == nil
	}
	r, ok := hex4(s)
	if !ok {
		return 0, 0
	}
	if r >= 0xd800 && r < 0xdc00 {
		if lo, ok := hex4(s[6:]); ok && lo >= 0xdc00 && lo < 0xe000 {
			return utf16.DecodeRune(r, lo), 12
		}
	}
	return r, 6
}

// textStyle adds ANSI styles when colour is on.
type textStyle bool

func (s textStyle) wrap(code, text string) string {
	if !s {
		return text
	}
	return code + text + ansiReset
}

func (s textStyle) bold(text string) string { return s.wrap(ansiBold, text) }
func (s textStyle) dim(text string) string  { return s.wrap(ansiDim, text) }

func (s textStyle) severity(sev Severity) string {
	switch sev {
	case Error:
		return s.wrap(ansiRed, sev.String())
	case Warning:
		return s.wrap(ansiYellow, sev.String())
	case Info:
		return s.wrap(ansiCyan, sev.String())
	}
	return sev.String()
}
