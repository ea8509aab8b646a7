package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// layoutMode is how the panes share the screen.
type layoutMode int

const (
	layoutWide   layoutMode = iota // ≥ 120 columns: nodes | editor | side panel
	layoutMedium                   // 80–119: nodes | editor, problems strip below
	layoutSmall                    // < 80×24: one pane at a time
)

// layout is where each pane is, for drawing and for mouse hits.
type layout struct {
	mode  layoutMode
	rects [paneCount]rect
	side  rect     // the side panel / bottom strip (panes 3–5 as tabs)
	tabs  []tabHit // clickable tab titles
}

type tabHit struct {
	x0, x1, y int
	id        paneID
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

// relayout computes the pane rectangles for the screen size and resizes panes.
func (a *app) relayout() {
	c := a.ctx
	w, h := c.Width, c.Height
	bodyH := max(h-2, 3) // status bar and key help
	var l layout
	switch {
	case w >= 120 && h >= 24:
		l.mode = layoutWide
		nodesW := clamp(w*26/100, 30, 48)
		sideW := clamp(w*28/100, 34, 58)
		edW := w - nodesW - sideW
		l.rects[paneNodes] = rect{0, 0, nodesW, bodyH}
		l.rects[paneEditor] = rect{nodesW, 0, edW, bodyH}
		l.side = rect{nodesW + edW, 0, sideW, bodyH}
	case w >= 80 && h >= 24:
		l.mode = layoutMedium
		stripH := max(7, bodyH/3)
		topH := bodyH - stripH
		nodesW := clamp(w*38/100, 28, 44)
		l.rects[paneNodes] = rect{0, 0, nodesW, topH}
		l.rects[paneEditor] = rect{nodesW, 0, w - nodesW, topH}
		l.side = rect{0, topH, w, stripH}
	default:
		l.mode = layoutSmall
		for id := range paneCount {
			l.rects[id] = rect{0, 1, w, bodyH - 1}
		}
	}
	// While the graph tab is shown and the editor does not have the keyboard,
	// the graph takes the editor's room (nodes | graph): a flow cannot be read
	// in a 37-column side panel or a 7-row strip.
	if l.mode != layoutSmall && a.side == paneGraph && a.focus != paneEditor {
		nodesW := l.rects[paneNodes].w
		l.rects[paneNodes] = rect{0, 0, nodesW, bodyH}
		l.rects[paneEditor] = rect{}
		l.side = rect{nodesW, 0, w - nodesW, bodyH}
	}
	if l.mode != layoutSmall {
		for _, id := range []paneID{paneProblems, panePreview, paneGraph} {
			l.rects[id] = l.side
		}
	}
	a.lay = l
	for id := range paneCount {
		r := l.rects[id]
		a.panes[id].SetSize(max(r.w-2, 1), max(r.h-2, 1))
	}
}

// panesView draws the panes in the current layout.
func (a *app) panesView() string {
	c := a.ctx
	l := &a.lay
	l.tabs = l.tabs[:0]
	paneBox := func(id paneID) string {
		r := l.rects[id]
		return box(c.Styles, itoa(int(id)+1)+" "+paneTitles[id], a.info(id), a.panes[id].View(), r.w, r.h, a.focus == id)
	}
	switch {
	case l.mode == layoutSmall:
		return a.tabBar(0, 0, []paneID{paneNodes, paneEditor, paneProblems, panePreview, paneGraph}, a.focus) + "\n" +
			paneBox(a.focus)
	case l.rects[paneEditor].w == 0: // the graph has the editor's room
		return lipgloss.JoinHorizontal(lipgloss.Top, paneBox(paneNodes), a.sideBox())
	case l.mode == layoutWide:
		return lipgloss.JoinHorizontal(lipgloss.Top, paneBox(paneNodes), paneBox(paneEditor), a.sideBox())
	}
	top := lipgloss.JoinHorizontal(lipgloss.Top, paneBox(paneNodes), paneBox(paneEditor))
	return top + "\n" + a.sideBox()
}

// sideBox draws the side panel: the current tab's pane under a tab title.
func (a *app) sideBox() string {
	c, l := a.ctx, &a.lay
	r := l.side
	focused := a.focus == a.side
	title := a.tabTitle(r.x+3, r.y, []paneID{paneProblems, panePreview, paneGraph}, a.side, r.w-6)
	return box(c.Styles, title, a.info(a.side), a.panes[a.side].View(), r.w, r.h, focused)
}

// tabTitle renders "3 Problems │ 4 Preview │ 5 Graph" with the active tab
// highlighted, recording where each tab is for mouse clicks.
func (a *app) tabTitle(x, y int, ids []paneID, active paneID, avail int) string {
	st := a.ctx.Styles
	full := 3 * (len(ids) - 1)
	for _, id := range ids {
		full += width(itoa(int(id)+1) + " " + paneTitles[id])
	}
	var parts []string
	for i, id := range ids {
		label := itoa(int(id)+1) + " " + paneTitles[id]
		if full > avail && id != active {
			label = itoa(int(id) + 1) // too narrow: only the active tab is named
		}
		if i > 0 {
			x += 3
		}
		a.lay.tabs = append(a.lay.tabs, tabHit{x, x + width(label), y, id})
		x += width(label)
		if id == active {
			parts = append(parts, st.TabActive.Render(label))
		} else {
			parts = append(parts, st.TabInactive.Render(label))
		}
	}
	return strings.Join(parts, st.Faint.Render(" │ "))
}

// tabBar is the one-line pane switcher of the small layout.
func (a *app) tabBar(x, y int, ids []paneID, active paneID) string {
	return padRight(" "+a.tabTitle(x+1, y, ids, active, a.ctx.Width-2), a.ctx.Width)
}

// info is the text at the right of a pane's top border.
func (a *app) info(id paneID) string {
	switch id {
	case paneNodes:
		return a.nodes.Info()
	case paneEditor:
		return a.editor.Info()
	case paneProblems:
		return a.problems.Info()
	case panePreview:
		return a.preview().Info()
	case paneGraph:
		if g, ok := a.panes[paneGraph].(*graphPane); ok {
			return g.Info()
		}
	}
	return ""
}
