package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"flowsmith/i18n"
)

// previewPane is pane 4: what each language's visitors get (languages.md).
// One tab per language of the body's `langs` (the whole catalog when there is
// none), switched with [ and ]; under the tabs the greeting against the
// 5-second rule, then, scrolling in a viewport, the language-resolution
// table, the spoken-time summary and the script rendered with Glamour. The
// selected node's block is marked and scrolled into view when the selection
// changes; ↑/↓ move the selection through the script. t edits the reviewed
// translation of the selected node, s opens the session languages.
//
// Rendering is cached: the page is laid out again only when the document
// generation, the translations, the language or the width change (and only
// the blocks whose text changed go through Glamour); a frame with nothing
// changed is the previous string.
type previewPane struct {
	ctx     *Context
	w, h    int
	focused bool

	lang    string   // the language shown ("" until the first layout)
	tabs    []string // language codes, in tab order
	tabsGen int
	tabHits []tabHitLang
	cat     i18n.Catalog // the configured languages, else the default catalog

	md       *mdRenderer
	hdr      lineCache
	page     previewPage
	content  int        // bumped whenever the page's lines change
	key      previewKey // what page was laid out for
	vp       viewport.Model
	hiFrom   int // the marked lines [hiFrom, hiTo) of the selected node
	hiTo     int
	follow   int  // the selection the view last followed
	refollow bool // scroll to the selection on the next frame (language switch)

	frame    string
	frameKey previewFrameKey
	layouts  int // page layouts, for tests and benchmarks
}

// previewKey is what a laid-out page depends on.
type previewKey struct {
	gen, sidecar int
	lang         string
	w            int
}

// previewFrameKey is what a drawn frame depends on besides the page.
type previewFrameKey struct {
	page         previewKey
	content      int
	offset       int
	hiFrom, hiTo int
	w, h         int
}

// previewHelp is the preview's group of the ? overlay.
func previewHelp(k *KeyMap) []key.Binding {
	return []key.Binding{k.PrevLang, k.NextLang, withHelp(k.Up, "previous spoken node"),
		withHelp(k.Down, "next spoken node"), withHelp(k.PageDown, "scroll (also pgup, g, G)"),
		withHelp(k.Translate, "edit the reviewed translation"), withHelp(k.Session, "session languages (langs, defaultLang)")}
}

func newPreviewPane(ctx *Context) *previewPane {
	vp := viewport.New()
	vp.MouseWheelEnabled = false // the root sends the wheel through Scroll
	p := &previewPane{ctx: ctx, tabsGen: -1, follow: -2, key: previewKey{gen: -1}}
	p.md = newMDRenderer(ctx.Opts.Dark, ctx.Opts.NoColor)
	p.cat = i18n.DefaultCatalog()
	if cfg := ctx.Opts.Config; cfg != nil && len(cfg.Languages) > 0 {
		if cat, err := i18n.NewCatalog(cfg.Languages); err == nil {
			p.cat = cat
		}
	}
	p.vp = vp
	p.vp.LeftGutterFunc = p.gutter
	return p
}

func (p *previewPane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.vp.SetWidth(max(w, 1))
	p.vp.SetHeight(max(h-2, 1))
}

func (p *previewPane) Focus() { p.focused = true }
func (p *previewPane) Blur()  { p.focused = false }

func (p *previewPane) ShortHelp() []key.Binding {
	k := p.ctx.Keys
	return []key.Binding{k.PrevLang, k.NextLang, withHelp(k.Up, "prev node"), withHelp(k.Down, "next node"),
		k.Translate, k.Session, withHelp(k.PageDown, "scroll")}
}

// gutter marks the lines of the selected node's block.
func (p *previewPane) gutter(g viewport.GutterContext) string {
	if !g.Soft && g.Index >= p.hiFrom && g.Index < p.hiTo {
		return p.ctx.Styles.Accent.Render("▌")
	}
	return " "
}

// catalog is the project's language catalog (.flowsmith.json), else the
// default one.
func (p *previewPane) catalog() i18n.Catalog { return p.cat }

// Lang is the language shown.
func (p *previewPane) Lang() string {
	p.refreshTabs()
	return p.lang
}

// ensure lays the page out again when what it shows has changed.
func (p *previewPane) ensure() {
	c := p.ctx
	if c.Doc == nil {
		return
	}
	p.refreshTabs()
	k := previewKey{gen: c.Generation(), sidecar: c.sidecar().version, lang: p.lang, w: p.w}
	if k == p.key {
		return
	}
	p.key = k
	p.layouts++
	d := c.Doc
	raw := i18n.BuildPreview(d, c.translations(), p.catalog(), []string{p.lang})
	var nodeOf []int // script line → node index, from the ids before sanitizing
	if len(raw.Languages) > 0 {
		for _, l := range raw.Languages[0].Nodes {
			nodeOf = append(nodeOf, d.NodeByID(l.Node))
		}
	}
	pv := raw.MapText(previewText)
	p.page = layoutPreview(c.Styles, pv, nodeOf, p.md, &p.hdr, max(p.w-1, 8))
	p.content++
	p.vp.SetContentLines(p.page.lines)
	p.mark()
}

// renderVisible draws with Glamour the blocks on screen and a screen's
// height either side, so that scrolling a page finds them ready.
func (p *previewPane) renderVisible() {
	top, h := p.vp.YOffset(), p.vp.Height()
	if p.page.renderBlocks(p.md, top-h, top+2*h) {
		p.content++
		p.vp.SetContentLines(p.page.lines)
		p.vp.SetYOffset(top)
		p.hiFrom, p.hiTo = 0, 0
		if bi, ok := p.page.byNode[p.ctx.SelectedIndex()]; ok {
			p.hiFrom, p.hiTo = p.page.blocks[bi].start, p.page.blocks[bi].end
		}
	}
}

// mark finds the selected node's block and, when the selection changed (or
// the language did), scrolls it into view.
func (p *previewPane) mark() {
	c := p.ctx
	sel := c.SelectedIndex()
	p.hiFrom, p.hiTo = 0, 0
	bi, ok := p.page.byNode[sel]
	if ok {
		b := p.page.blocks[bi]
		p.hiFrom, p.hiTo = b.start, b.end
	}
	if sel == p.follow && !p.refollow {
		return
	}
	p.follow, p.refollow = sel, false
	if !ok {
		return
	}
	h := p.vp.Height()
	top := p.vp.YOffset()
	switch {
	case p.hiFrom < top, p.hiTo-p.hiFrom > h:
		p.vp.SetYOffset(max(p.hiFrom-1, 0))
	case p.hiTo > top+h:
		p.vp.SetYOffset(p.hiTo - h)
	}
}

func (p *previewPane) Update(msg tea.Msg) (Pane, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	c := p.ctx
	if !ok || c.Doc == nil {
		return p, nil
	}
	p.ensure()
	k := c.Keys
	switch {
	case key.Matches(km, k.PrevLang):
		p.switchLang(-1)
	case key.Matches(km, k.NextLang):
		p.switchLang(1)
	case key.Matches(km, k.Translate):
		p.Translate()
	case key.Matches(km, k.Session):
		p.Session()
	case key.Matches(km, k.Up):
		p.moveSelection(-1)
	case key.Matches(km, k.Down):
		p.moveSelection(1)
	case key.Matches(km, k.PageUp):
		p.vp.PageUp()
	case key.Matches(km, k.PageDown):
		p.vp.PageDown()
	case key.Matches(km, k.Top):
		p.vp.GotoTop()
	case key.Matches(km, k.Bottom):
		p.vp.GotoBottom()
	case key.Matches(km, k.Enter):
		if c.Selected() != nil {
			c.RequestFocus(paneEditor)
		}
	}
	return p, nil
}

// moveSelection selects the previous or next spoken node of the script. From
// a node that is not in the script it goes to the nearest one in flow order.
func (p *previewPane) moveSelection(dir int) {
	c := p.ctx
	bs := p.page.blocks
	if len(bs) == 0 {
		return
	}
	sel := c.SelectedIndex()
	next := -1
	if bi, ok := p.page.byNode[sel]; ok {
		next = bi + dir
	} else if sel >= 0 && sel < len(c.Rank) {
		r := c.Rank[sel]
		for i, b := range bs {
			if b.node < 0 {
				continue
			}
			if dir > 0 && c.Rank[b.node] > r {
				next = i
				break
			}
			if dir < 0 && c.Rank[b.node] < r {
				next = i
			}
		}
	} else {
		next = 0
	}
	if next < 0 || next >= len(bs) || bs[next].node < 0 {
		return
	}
	c.Select(bs[next].node)
	p.mark()
}

// Translate opens the reviewed translation of the selected node in the
// language shown (t; the nodes pane may call it too).
func (p *previewPane) Translate() {
	openTranslation(p.ctx, p.ctx.Selected(), p.Lang(), p.catalog())
}

// Session opens the session-languages dialog (s).
func (p *previewPane) Session() { openSession(p.ctx, p.catalog()) }

// Info is the text at the right of the pane's top border: the language
// shown and its reviewed-translation coverage.
func (p *previewPane) Info() string {
	if p.ctx.Doc == nil {
		return ""
	}
	p.ensure()
	lp := p.page.lang
	c := lp.Coverage
	if total := c.Reviewed + c.Stale + c.Missing; total > 0 && !i18n.IsEnglish(lp.Lang) {
		s := sanitize(p.lang) + " · " + itoa(c.Reviewed) + "/" + itoa(total) + " reviewed"
		if c.Stale > 0 {
			s += " · " + itoa(c.Stale) + " stale"
		}
		return s
	}
	return sanitize(p.lang)
}

// Click selects a language tab, or the node of a script block.
func (p *previewPane) Click(x, y int) tea.Cmd {
	c := p.ctx
	if c.Doc == nil {
		return nil
	}
	p.ensure()
	switch {
	case y == 0:
		for _, t := range p.tabHits {
			if x >= t.x0 && x < t.x1 {
				p.setLang(t.lang)
			}
		}
	case y >= 2:
		line := p.vp.YOffset() + y - 2
		for _, b := range p.page.blocks {
			if line >= b.start && line < b.end && b.node >= 0 {
				c.Select(b.node)
				p.follow = b.node // clicked: it is on screen already
			}
		}
	}
	return nil
}

// Scroll moves the view with the mouse wheel.
func (p *previewPane) Scroll(delta int) {
	if delta > 0 {
		p.vp.ScrollDown(3 * delta)
	} else {
		p.vp.ScrollUp(-3 * delta)
	}
}

func (p *previewPane) View() string {
	c := p.ctx
	if c.Doc == nil {
		return fit([]string{c.Styles.Muted.Render(" no document")}, p.w, p.h)
	}
	p.ensure()
	p.mark()
	p.renderVisible()
	fk := previewFrameKey{page: p.key, content: p.content, offset: p.vp.YOffset(), hiFrom: p.hiFrom, hiTo: p.hiTo, w: p.w, h: p.h}
	if fk == p.frameKey && p.frame != "" {
		return p.frame
	}
	p.frameKey = fk
	head := []string{p.tabBar(), p.page.verdict}
	if p.h <= 2 {
		p.frame = fit(head, p.w, p.h)
		return p.frame
	}
	p.frame = fit(head, p.w, 2) + "\n" + fit(strings.Split(p.vp.View(), "\n"), p.w, p.h-2)
	return p.frame
}

// preview is the preview pane, for the root's keys (t and s from the nodes
// pane) and the pane's border information.
func (a *app) preview() *previewPane { return a.panes[panePreview].(*previewPane) }
