package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// helpView is the `?` overlay: every key, grouped, in as many columns as fit.
// Any key closes it.
func helpView(c *Context, maxW, maxH int) string {
	st := c.Styles
	groups := c.Keys.helpGroups()
	cols := make([]string, 0, len(groups))
	colW := 0
	for _, g := range groups {
		kw := 0
		for _, b := range g.bindings {
			kw = max(kw, width(b.Help().Key))
		}
		lines := []string{st.Accent.Render(g.title)}
		for _, b := range g.bindings {
			h := b.Help()
			lines = append(lines, st.Key.Render(padRight(h.Key, kw))+"  "+st.KeyDesc.Render(h.Desc))
		}
		col := strings.Join(lines, "\n")
		colW = max(colW, lipgloss.Width(col))
		cols = append(cols, col)
	}
	inner := dialogWidth(maxW, 3*(colW+3))
	perRow := max(inner/(colW+3), 1)
	var rows []string
	for i := 0; i < len(cols); i += perRow {
		var cells []string
		for _, col := range cols[i:min(i+perRow, len(cols))] {
			cells = append(cells, lipgloss.NewStyle().Width(colW+3).Render(col))
		}
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, cells...))
	}
	body := strings.Split(strings.Join(rows, "\n\n"), "\n")
	body = append(body, "", st.Muted.Render("While a field has focus keys type into it; esc leaves it. Mouse: click selects, wheel scrolls."),
		st.Muted.Render("Press any key to close."))
	// Cut to the screen height, keeping the closing line.
	if avail := maxH - 4; len(body) > avail && avail > 2 {
		body = append(body[:avail-1], st.Muted.Render("… (enlarge the terminal to see all keys) — any key closes"))
	}
	w := 0
	for _, l := range body {
		w = max(w, width(l))
	}
	return dialogFrame(st, "flowsmith keys", body, min(w, inner))
}
