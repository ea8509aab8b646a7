package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// graphPane is pane 5, a placeholder until the graph issue delivers it: it plugs
// in by replacing this file (same Pane interface, same constructor).
// Keys reserved for it: 5, +, -, h, j, k, l.
type graphPane struct {
	ctx     *Context
	w, h    int
	focused bool
}

func newGraphPane(ctx *Context) *graphPane { return &graphPane{ctx: ctx} }

func (p *graphPane) SetSize(w, h int)               { p.w, p.h = w, h }
func (p *graphPane) Update(tea.Msg) (Pane, tea.Cmd) { return p, nil }
func (p *graphPane) Focus()                         { p.focused = true }
func (p *graphPane) Blur()                          { p.focused = false }
func (p *graphPane) ShortHelp() []key.Binding       { return nil }
func (p *graphPane) View() string {
	return fit([]string{p.ctx.Styles.Muted.Render(" Graph: coming soon")}, p.w, p.h)
}
