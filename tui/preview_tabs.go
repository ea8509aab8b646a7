package tui

// The preview pane's language tabs: which languages get a tab, switching
// between them ([ and ], or a click), and the tab bar.

import (
	"strings"

	"flowsmith/i18n"
)

type tabHitLang struct {
	x0, x1 int
	lang   string
}

// refreshTabs recomputes the tabs when the document changed; the language
// shown stays when it is still there.
func (p *previewPane) refreshTabs() {
	c := p.ctx
	if c.Doc == nil || p.tabsGen == c.Generation() {
		return
	}
	p.tabsGen = c.Generation()
	p.tabs = i18n.PreviewLangs(c.Doc, p.catalog()) // as i18n.BuildPreview shows them
	for _, t := range p.tabs {
		if i18n.EqualCode(t, p.lang) {
			p.lang = t
			return
		}
	}
	p.lang = p.tabs[0]
}

// switchLang moves to the previous (-1) or next (+1) language tab.
func (p *previewPane) switchLang(dir int) {
	p.refreshTabs()
	if len(p.tabs) == 0 {
		return
	}
	at := 0
	for i, t := range p.tabs {
		if t == p.lang {
			at = i
		}
	}
	p.setLang(p.tabs[(at+dir+len(p.tabs))%len(p.tabs)])
}

func (p *previewPane) setLang(lang string) {
	if lang == p.lang {
		return
	}
	p.lang = lang
	p.refollow = true
	name := lang
	if l, ok := p.catalog().Lookup(lang); ok {
		name = l.English + " (" + l.Code + ")"
	}
	p.ctx.Message("preview: " + sanitize(name))
}

// tabBar draws the language tabs, the one shown in brackets, scrolled so
// that it is visible; ‹ and › say more tabs are off to a side.
func (p *previewPane) tabBar() string {
	st := p.ctx.Styles
	p.tabHits = p.tabHits[:0]
	if len(p.tabs) == 0 {
		return ""
	}
	labels := make([]string, len(p.tabs))
	at := 0
	for i, t := range p.tabs {
		labels[i] = sanitize(t)
		if t == p.lang {
			at = i
		}
	}
	cell := func(i int) int { return width(labels[i]) + 2 }
	total := 0
	for i := range labels {
		total += cell(i)
	}
	from, to := 0, len(labels)
	if total > p.w {
		// Widen a window around the current tab while it fits, leaving room
		// for the arrows.
		from, to = at, at+1
		used := cell(at) + 2
		for {
			grew := false
			if to < len(labels) && used+cell(to) <= p.w {
				used += cell(to)
				to++
				grew = true
			}
			if from > 0 && used+cell(from-1) <= p.w {
				from--
				used += cell(from)
				grew = true
			}
			if !grew {
				break
			}
		}
	}
	var b strings.Builder
	x := 0
	if from > 0 {
		b.WriteString(st.Muted.Render("‹"))
		x++
	}
	for i := from; i < to; i++ {
		l := labels[i]
		if i == at {
			b.WriteString(st.TabActive.Render("[" + l + "]"))
		} else {
			b.WriteString(st.TabInactive.Render(" " + l + " "))
		}
		p.tabHits = append(p.tabHits, tabHitLang{x, x + cell(i), p.tabs[i]})
		x += cell(i)
	}
	if to < len(labels) {
		b.WriteString(st.Muted.Render("›"))
	}
	return b.String()
}
