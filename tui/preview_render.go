package tui

import (
	"strconv"
	"strings"

	"flowsmith/i18n"
	"flowsmith/validate"
)

// This file lays out one language of the preview model (i18n.BuildPreview)
// as the lines of pane 4: a title, the language-resolution table and the
// summary drawn with the editor's styles, then the script, one block per
// spoken node: a styled header and the spoken text rendered with Glamour
// (preview_markdown.go). Each block is rendered on its own so that the pane
// knows exactly which lines belong to which node (to highlight the
// selection).

// scriptBlock is where one spoken node is in the page's lines.
type scriptBlock struct {
	node       int // node index
	start, end int // lines [start, end): the header and the body
	body       int // where the body (the Glamour part) starts
	md         string
	pending    bool // the body lines are a plain stand-in until it is on screen
}

// previewPage is one language of the preview, laid out for the pane.
type previewPage struct {
	lang    i18n.LangPreview
	lines   []string
	pending int // blocks still drawn with their stand-in
	blocks  []scriptBlock
	byNode  map[int]int // node index → index in blocks
	verdict string      // the greeting against the 5-second rule, one line
}

// layoutPreview lays out one language of a preview (already sanitized) at
// width w; nodeOf maps its script lines to node indexes. Script bodies come
// from the Glamour cache, or are a plain stand-in of the same lines (the text
// is wrapped before Glamour sees it) until renderBlocks draws them: Glamour
// only ever runs for what is on or near the screen.
func layoutPreview(st *Styles, pv i18n.Preview, nodeOf []int, md *mdRenderer, hdr *lineCache, w int) previewPage {
	var pg previewPage
	pg.byNode = map[int]int{}
	if len(pv.Languages) == 0 {
		pg.lines = []string{st.Muted.Render("no language to preview")}
		return pg
	}
	lp := pv.Languages[0]
	pg.lang = lp
	out := &pg.lines
	add := func(ls ...string) { *out = append(*out, ls...) }
	addWrapped := func(style func(...string) string, text string, indent int) {
		for i, l := range wrap(text, max(w-indent, 4)) {
			pad := ""
			if i > 0 {
				pad = strings.Repeat(" ", indent)
			}
			add(pad + style(l))
		}
	}
	plain := lipglossNone

	// Title and session languages.
	title := lp.Lang
	if lp.Native != lp.Lang {
		title = lp.Native + " · " + lp.Name + " (" + lp.Lang + ")"
		if lp.Native == lp.Name {
			title = lp.Name + " (" + lp.Lang + ")"
		}
	}
	if lp.Default {
		title += " · default"
	}
	addWrapped(st.Bold.Render, title, 2)
	langs := "langs: none, so every catalog language"
	if len(pv.Langs) > 0 {
		langs = "langs: " + strings.Join(pv.Langs, " ")
	}
	addWrapped(st.Muted.Render, langs+" · defaultLang: "+pv.DefaultLang, 2)

	// Which language a visitor gets.
	add("", st.Accent.Render("Which language a visitor gets"))
	layoutResolution(st, pv, lp.Lang, w, add)

	// Summary.
	add("")
	for _, s := range summaryLines(lp) {
		addWrapped(plain, s, 2)
	}
	pg.verdict = verdictLine(st, lp)

	// The script.
	add("", st.Accent.Render("Script")+st.Muted.Render(" · in flow order"))
	if len(lp.Nodes) == 0 {
		addWrapped(st.Muted.Render, "Nothing is spoken: no node reachable from start has a prompt.", 0)
	}
	md.begin(w)
	hdr.begin()
	for i, l := range lp.Nodes {
		add("")
		b := scriptBlock{node: -1, start: len(pg.lines)}
		if i < len(nodeOf) {
			b.node = nodeOf[i]
		}
		add(hdr.get(headerKey(lp.Lang, i+1, l, w), func() []string { return lineHeader(st, lp.Lang, i+1, l, w) })...)
		b.body = len(pg.lines)
		src := hdr.source(l, w)
		b.md = src.md
		if ls, ok := md.cached(b.md); ok {
			add(ls...)
		} else {
			add(src.stand...)
			b.pending = true
			pg.pending++
		}
		b.end = len(pg.lines)
		if b.node >= 0 {
			if _, dup := pg.byNode[b.node]; !dup {
				pg.byNode[b.node] = len(pg.blocks)
			}
		}
		pg.blocks = append(pg.blocks, b)
	}
	md.end()
	hdr.end()
	return pg
}

// renderBlocks draws the pending blocks that meet lines [lo, hi) with
// Glamour; it reports whether any line changed. Should Glamour not keep the
// stand-in's line count, the lines after the block move.
func (pg *previewPage) renderBlocks(md *mdRenderer, lo, hi int) bool {
	if pg.pending == 0 {
		return false
	}
	changed := false
	for bi := range pg.blocks {
		b := &pg.blocks[bi]
		if b.start >= hi {
			break
		}
		if !b.pending || b.end <= lo {
			continue
		}
		ls := md.render(b.md)
		b.pending = false
		pg.pending--
		changed = true
		if delta := len(ls) - (b.end - b.body); delta != 0 {
			pg.lines = append(pg.lines[:b.body], append(append([]string{}, ls...), pg.lines[b.end:]...)...)
			b.end += delta
			for k := bi + 1; k < len(pg.blocks); k++ {
				pg.blocks[k].start += delta
				pg.blocks[k].body += delta
				pg.blocks[k].end += delta
			}
			continue
		}
		copy(pg.lines[b.body:b.end], ls)
	}
	return changed
}

// lineCache keeps what is slow to make per script line — the lipgloss
// renders of the block headers, the wrapped and escaped markdown of the
// texts — for the layouts that use them.
type lineCache struct {
	m     map[string]cachedLines
	src   map[sourceKey]blockSource
	epoch int
}

type sourceKey struct {
	text, source, prompt string
	stale                bool
	w                    int
}

type blockSource struct {
	md    string
	stand []string
	epoch int
}

func (c *lineCache) begin() {
	if c.m == nil {
		c.m, c.src = map[string]cachedLines{}, map[sourceKey]blockSource{}
	}
	c.epoch++
}

// source is lineMarkdown(l, w), cached.
func (c *lineCache) source(l i18n.Line, w int) blockSource {
	k := sourceKey{text: l.Text, stale: l.Translation == i18n.StatusStale, w: w}
	if k.stale {
		k.source, k.prompt = l.Source, l.Prompt
	}
	e, ok := c.src[k]
	if !ok {
		e.md, e.stand = lineMarkdown(l, w)
	}
	e.epoch = c.epoch
	c.src[k] = e
	return e
}

func (c *lineCache) get(k string, make func() []string) []string {
	e, ok := c.m[k]
	if !ok {
		e.lines = make()
	}
	e.epoch = c.epoch
	c.m[k] = e
	return e.lines
}

func (c *lineCache) end() {
	for k, e := range c.m {
		if e.epoch != c.epoch {
			delete(c.m, k)
		}
	}
	for k, e := range c.src {
		if e.epoch != c.epoch {
			delete(c.src, k)
		}
	}
}

// headerKey is everything lineHeader draws from.
func headerKey(lang string, n int, l i18n.Line, w int) string {
	secs := "-"
	if l.Seconds != nil {
		secs = strconv.FormatFloat(*l.Seconds, 'g', -1, 64)
	}
	return strings.Join([]string{lang, itoa(n), l.Node, l.Type, l.Mode, string(l.Translation), secs, itoa(w)}, "\x00")
}

// layoutResolution draws the resolution table grouped by session language:
// "de ← de-DE de-AT", the browser languages that fall back to the default on
// a last, marked row. The previewed language's row is highlighted.
func layoutResolution(st *Styles, pv i18n.Preview, cur string, w int, add func(...string)) {
	type row struct {
		lang     string
		tags     []string
		fallback bool
	}
	var rows []row
	var fb *row
	at := map[string]int{}
	for _, r := range pv.Resolution {
		if r.Fallback {
			if fb == nil {
				fb = &row{lang: r.Lang, fallback: true}
			}
			fb.tags = append(fb.tags, r.Browser)
			continue
		}
		k := strings.ToLower(r.Lang)
		if i, ok := at[k]; ok {
			rows[i].tags = append(rows[i].tags, r.Browser)
			continue
		}
		at[k] = len(rows)
		rows = append(rows, row{lang: r.Lang, tags: []string{r.Browser}})
	}
	if fb != nil {
		rows = append(rows, *fb)
	}
	lw := 0
	for _, r := range rows {
		lw = max(lw, width(r.lang)+2)
	}
	for _, r := range rows {
		label := r.lang
		if r.fallback {
			label += " ↩"
		}
		prefix := " " + padRight(label, lw) + " ← "
		indent := width(prefix)
		tagStyle, labelStyle := lipglossNone, lipglossNone
		switch {
		case r.fallback:
			tagStyle, labelStyle = st.Severity(validate.Warning).Render, st.Severity(validate.Warning).Render
		case i18n.EqualCode(r.lang, cur):
			labelStyle = st.Accent.Render
		}
		if r.fallback && i18n.EqualCode(r.lang, cur) {
			labelStyle = st.Accent.Render
		}
		for i, l := range wrap(strings.Join(r.tags, " "), max(w-indent, 8)) {
			if i == 0 {
				add(" " + labelStyle(padRight(label, lw)) + " ← " + tagStyle(l))
				continue
			}
			add(strings.Repeat(" ", indent) + tagStyle(l))
		}
	}
	if fb != nil {
		add(st.Muted.Render(" ↩ no match: defaultLang " + fb.lang))
	}
}

func lipglossNone(s ...string) string { return strings.Join(s, " ") }

// summaryLines are the greeting, spoken-time and coverage sentences of a
// language, numbers formatted for it.
func summaryLines(lp i18n.LangPreview) []string {
	secs := func(f float64) string { return i18n.FormatSeconds(lp.Lang, f) }
	var out []string
	switch {
	case lp.GreetingNode == "":
		out = append(out, "Greeting: no video-analysis node is reachable.")
	case lp.GreetingUnmeasured:
		out = append(out, "Greeting before "+lp.GreetingNode+": not measurable (a paraphrased prompt or a two-factor step comes first; it gives the camera its "+secs(i18n.CameraBufferSeconds)+").")
	default:
		s := "Greeting before " + lp.GreetingNode + ": " + secs(*lp.GreetingSeconds) + " of speech; the camera needs " + secs(i18n.CameraBufferSeconds)
		if *lp.GreetingSeconds < i18n.CameraBufferSeconds {
			s += ": too short."
		} else {
			s += ": enough."
		}
		out = append(out, s)
	}
	if lp.ShortestSeconds == nil {
		out = append(out, "Spoken time, start to end: no end node is reachable.")
	} else {
		s := "Spoken time, start to end: " + secs(*lp.ShortestSeconds) + " to " + secs(*lp.LongestSeconds)
		if lp.Partial {
			s += " (paraphrased prompts not counted)"
		}
		out = append(out, s+".")
	}
	c := lp.Coverage
	if total := c.Reviewed + c.Stale + c.Missing; total > 0 && !i18n.IsEnglish(lp.Lang) {
		s := "Reviewed translations: " + i18n.FormatCount(lp.Lang, c.Reviewed) + " of " + i18n.FormatCount(lp.Lang, total) + " Say: prompts"
		if c.Stale > 0 {
			s += ", " + i18n.FormatCount(lp.Lang, c.Stale) + " stale"
		}
		if c.Missing > 0 {
			s += ", " + i18n.FormatCount(lp.Lang, c.Missing) + " translated at run time"
		}
		out = append(out, s+".")
	}
	return out
}

// verdictLine is the greeting against the 5-second rule in one line, shown
// above the scrolling part of the pane.
func verdictLine(st *Styles, lp i18n.LangPreview) string {
	secs := func(f float64) string { return i18n.FormatSeconds(lp.Lang, f) }
	need := secs(i18n.CameraBufferSeconds)
	switch {
	case lp.GreetingNode == "":
		return st.Muted.Render(" – greeting: no video-analysis node")
	case lp.GreetingUnmeasured:
		return " " + st.Accent.Render("✔") + " greeting paraphrased, not measured · " + lp.GreetingNode
	case *lp.GreetingSeconds < i18n.CameraBufferSeconds:
		return " " + st.Severity(validate.Warning).Render("▲ greeting "+secs(*lp.GreetingSeconds)+" < "+need) + " · " + lp.GreetingNode
	}
	return " " + st.Accent.Render("✔") + " greeting " + secs(*lp.GreetingSeconds) + " ≥ " + need + " · " + lp.GreetingNode
}

// lineHeader is the header of a script block: "3. consent · 4.2 s ·
// reviewed translation", on two lines when narrow.
func lineHeader(st *Styles, lang string, n int, l i18n.Line, w int) []string {
	sep := st.Muted.Render(" · ")
	head := i18n.FormatCount(lang, n) + ". " + st.Bold.Render(l.Node)
	if l.Type != "conversation" {
		head += st.Muted.Render(" (" + l.Type + ")")
	}
	var status string
	switch {
	case l.Mode == i18n.ModeParaphrased && l.Translation == i18n.StatusSource:
		status = st.Unset.Render("paraphrased")
	case l.Mode == i18n.ModeParaphrased:
		status = st.Unset.Render("paraphrased at run time")
	case l.Translation == i18n.StatusReviewed:
		status = st.Accent.Render("✔ reviewed translation")
	case l.Translation == i18n.StatusStale:
		status = st.Severity(validate.Warning).Render("▲ stale translation")
	case l.Translation == i18n.StatusRuntime:
		status = st.Muted.Render("translated at run time")
	default:
		status = st.Muted.Render("as written")
	}
	if l.Seconds != nil {
		head += sep + i18n.FormatSeconds(lang, *l.Seconds)
	}
	if one := head + sep + status; width(one) <= w {
		return []string{one}
	}
	pad := strings.Repeat(" ", width(i18n.FormatCount(lang, n)+". "))
	return []string{truncate(head, w), truncate(pad+status, w)}
}

// lineMarkdown is the Glamour source of a script line's text: the spoken
// text as a quote and, for a stale translation, the English it was made from
// and the current prompt. stand is a plain stand-in with the same lines.
func lineMarkdown(l i18n.Line, w int) (md string, stand []string) {
	var b strings.Builder
	stand = mdQuote(&b, l.Text, w, stand)
	if l.Translation == i18n.StatusStale {
		b.WriteString("\nTranslated from\n\n")
		stand = append(stand, "", "Translated from", "")
		stand = mdQuote(&b, l.Source, w, stand)
		b.WriteString("\nCurrent prompt\n\n")
		stand = append(stand, "", "Current prompt", "")
		stand = mdQuote(&b, l.Prompt, w, stand)
	}
	return b.String(), stand
}
