package tui

import (
	"strings"

	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"
)

// This file renders the preview's script text with Glamour: the style, the
// renderer and its cache of rendered blocks (keyed by their markdown, so that
// after an edit only the blocks whose text changed go through Glamour again),
// and the escaping and sanitizing that make a prompt literal, safe markdown.

// glamourConfig is Glamour's style, fixed at start-up from Options: "dark" or
// "light" from the background detected before the program started, "notty"
// without colours. The document margin is dropped: the pane is narrow.
func glamourConfig(dark, noColor bool) (string, gansi.StyleConfig) {
	name, cfg := styles.LightStyle, styles.LightStyleConfig
	switch {
	case noColor:
		name, cfg = styles.NoTTYStyle, styles.NoTTYStyleConfig
	case dark:
		name, cfg = styles.DarkStyle, styles.DarkStyleConfig
	}
	zero := uint(0)
	cfg.Document.Margin = &zero
	cfg.Document.BlockPrefix, cfg.Document.BlockSuffix = "", ""
	return name, cfg
}

// mdRenderer renders markdown blocks with Glamour at one width and caches
// the result per block text. Entries not used by the latest layout are
// dropped, so the cache never outgrows the script.
type mdRenderer struct {
	dark, noColor bool
	width         int
	style         string
	r             *glamour.TermRenderer
	err           error
	cache         map[string]cachedLines
	epoch         int // the layout in progress
	renders       int // Glamour calls, for tests and benchmarks
}

type cachedLines struct {
	lines []string
	epoch int // the last layout that used it
}

func newMDRenderer(dark, noColor bool) *mdRenderer {
	return &mdRenderer{dark: dark, noColor: noColor, width: -1}
}

// begin starts a layout at a width: a new width drops the cache.
func (m *mdRenderer) begin(width int) {
	if width != m.width || m.r == nil {
		m.width, m.cache = width, map[string]cachedLines{}
		var cfg gansi.StyleConfig
		m.style, cfg = glamourConfig(m.dark, m.noColor)
		m.r, m.err = glamour.NewTermRenderer(glamour.WithStyles(cfg), glamour.WithWordWrap(max(width, 8)),
			glamour.WithPreservedNewLines())
	}
	m.epoch++
}

// end drops what the layout just made did not use.
func (m *mdRenderer) end() {
	for k, e := range m.cache {
		if e.epoch != m.epoch {
			delete(m.cache, k)
		}
	}
}

// cached returns the rendered lines of a block when they are known, and
// keeps them for this layout.
func (m *mdRenderer) cached(md string) ([]string, bool) {
	e, ok := m.cache[md]
	if ok && e.epoch != m.epoch {
		e.epoch = m.epoch
		m.cache[md] = e
	}
	return e.lines, ok
}

// render returns the lines of a markdown block, through Glamour unless
// cached.
func (m *mdRenderer) render(md string) []string {
	if ls, ok := m.cached(md); ok {
		return ls
	}
	ls := m.glamour(md)
	m.cache[md] = cachedLines{ls, m.epoch}
	return ls
}

func (m *mdRenderer) glamour(md string) []string {
	m.renders++
	if m.err != nil {
		return []string{"(cannot render: " + m.err.Error() + ")"}
	}
	out, err := m.r.Render(md)
	if err != nil {
		return []string{"(cannot render: " + err.Error() + ")"}
	}
	ls := strings.Split(stripOSC(out), "\n")
	for i, l := range ls {
		ls[i] = trimStyledRight(l)
	}
	for len(ls) > 0 && ls[0] == "" {
		ls = ls[1:]
	}
	for len(ls) > 0 && ls[len(ls)-1] == "" {
		ls = ls[:len(ls)-1]
	}
	return ls
}

// stripOSC removes operating-system commands (OSC 8 hyperlinks above all)
// from Glamour's output: the text is escaped so that no link can form, and
// this makes sure none reaches the terminal even so.
func stripOSC(s string) string {
	if !strings.Contains(s, "\x1b]") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "\x1b]")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		rest := s[i+2:]
		end, skip := len(rest), 0
		if j := strings.IndexByte(rest, '\a'); j >= 0 {
			end, skip = j, 1
		}
		if j := strings.Index(rest, "\x1b\\"); j >= 0 && j < end {
			end, skip = j, 2
		}
		s = rest[min(end+skip, len(rest)):]
	}
}

// trimStyledRight drops the trailing blanks Glamour pads every line with
// (each in its own colour sequence); a blank line becomes "".
func trimStyledRight(l string) string {
	plain := ansi.Strip(l)
	t := strings.TrimRight(plain, " ")
	if t == "" {
		return ""
	}
	if len(t) == len(plain) {
		return l
	}
	return ansi.Truncate(l, ansi.StringWidth(t), "")
}

// mdLiteral makes text (already sanitized) literal for Glamour's markdown:
// nothing in a prompt can become a link, an autolink (https://…, www.…,
// name@host), an image, HTML, emphasis, a heading, a list or a table.
// Glamour removes the backslash of exactly the characters it escapes here;
// the others are written as character references, which it decodes.
func mdLiteral(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case strings.ContainsRune("\\`*_{}[]<>()#+-.!|", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == ':', r == '@', r == '~', r == '=', r == '$', r == '^', r == '"', r == '\'':
			b.WriteString("&#")
			b.WriteString(itoa(int(r)))
			b.WriteByte(';')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdQuote writes text as a block quote, wrapped to w cells here (Glamour
// keeps these line breaks; its own wrapping can push a word out of the
// quote), leading blanks dropped: four of them would start a code block. It
// appends the plain lines to stand.
func mdQuote(b *strings.Builder, text string, w int, stand []string) []string {
	for _, para := range strings.Split(text, "\n") {
		for _, l := range wrap(strings.TrimLeft(para, " "), max(w-quoteIndent, 4)) {
			b.WriteString("> ")
			b.WriteString(mdLiteral(l))
			b.WriteByte('\n')
			stand = append(stand, "│ "+l)
		}
	}
	return stand
}

// quoteIndent is the width of Glamour's block-quote bar ("│ ", "| ").
const quoteIndent = 2

// sanitizeLines sanitizes each line of a text, keeping the line breaks that
// sanitize alone would show as \n.
func sanitizeLines(s string) string {
	if !strings.Contains(s, "\n") {
		return sanitize(s)
	}
	ls := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range ls {
		ls[i] = sanitize(l)
	}
	return strings.Join(ls, "\n")
}

// previewTextLimit is the most of one text (a prompt, a translation, an id)
// the preview shows: the rest of a pathological 60 MB prompt is cut before
// it is sanitized, escaped and rendered.
const previewTextLimit = 4000

// previewText is a text from the flow or its sidecar made ready for the
// preview: cut at previewTextLimit bytes, then sanitized line by line.
func previewText(s string) string {
	if len(s) > previewTextLimit {
		head := runePrefix(s, previewTextLimit)
		s = head + "… (" + itoa(len(s)-len(head)) + " more bytes)"
	}
	return sanitizeLines(s)
}
