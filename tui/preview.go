package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// previewPane is pane 4, a placeholder until the preview issue delivers it: it
// plugs in by replacing this file (same Pane interface, same constructor).
// Keys reserved for it: 4, [, ], t, s.
type previewPane struct {
	ctx     *Context
	w, h    int
	focused bool
}

func newPreviewPane(ctx *Context) *previewPane { return &previewPane{ctx: ctx} }

func (p *previewPane) SetSize(w, h int)               { p.w, p.h = w, h }
func (p *previewPane) Update(tea.Msg) (Pane, tea.Cmd) { return p, nil }
func (p *previewPane) Focus()                         { p.focused = true }
func (p *previewPane) Blur()                          { p.focused = false }
func (p *previewPane) ShortHelp() []key.Binding       { return nil }
func (p *previewPane) View() string {
	return fit([]string{p.ctx.Styles.Muted.Render(" Preview: coming soon")}, p.w, p.h)
}
