package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Pane is one area of the screen (soft-serve's component): it can be sized,
// updated, drawn, focused, and it reports its own help keys. Panes read the
// shared Context and ask the root for document edits with editMsg.
type Pane interface {
	SetSize(w, h int)
	Update(msg tea.Msg) (Pane, tea.Cmd)
	View() string
	Focus()
	Blur()
	ShortHelp() []key.Binding
}

// capturer is a pane that is currently taking typed text (a field being edited,
// a filter being typed): the root then sends it every key, global ones included.
type capturer interface{ Capturing() bool }

// clicker is a pane that selects what the mouse clicks (x, y relative to the
// pane's content) and scrolls with the wheel.
type clicker interface {
	Click(x, y int) tea.Cmd
	Scroll(delta int)
}

// paneID names the five panes; the number keys are id+1.
type paneID int

const (
	paneNodes paneID = iota
	paneEditor
	paneProblems
	panePreview
	paneGraph
	paneCount
)

var paneTitles = [paneCount]string{"Nodes", "Editor", "Problems", "Preview", "Graph"}

// rect is a pane's place on the screen, for mouse hits.
type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool {
	return r.w > 0 && x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

// box draws content (already w-2 × h-2) inside a rounded border whose top line
// carries the title and, right-aligned, extra information.
func box(st *Styles, title, info, content string, w, h int, focused bool) string {
	if w < 4 || h < 2 {
		return fit(nil, max(w, 0), max(h, 0))
	}
	bs, ts := st.BorderBlurred, st.TitleBlurred
	if focused {
		bs, ts = st.BorderFocused, st.TitleFocused
	}
	inner := w - 2
	t := truncate(" "+title+" ", inner-2)
	inf := ""
	if info != "" && width(info)+2 <= inner-2-width(t)-1 {
		inf = " " + info + " "
	}
	fill := inner - 1 - width(t) - width(inf)
	var b strings.Builder
	b.WriteString(bs.Render("╭─") + ts.Render(t) + bs.Render(strings.Repeat("─", max(fill-1, 0))) +
		st.Muted.Render(inf) + bs.Render("─╮"))
	lines := strings.Split(content, "\n")
	side := bs.Render("│")
	for i := 0; i < h-2; i++ {
		l := ""
		if i < len(lines) {
			l = lines[i]
		}
		b.WriteString("\n" + side + padRight(l, inner) + side)
	}
	b.WriteString("\n" + bs.Render("╰"+strings.Repeat("─", inner)+"╯"))
	return b.String()
}

// scrollTo returns the first visible line so that line cur is on screen.
func scrollTo(offset, cur, height, total int) int {
	if height <= 0 {
		return 0
	}
	if cur < offset {
		offset = cur
	}
	if cur >= offset+height {
		offset = cur - height + 1
	}
	return max(0, min(offset, total-height))
}
