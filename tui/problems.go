package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"flowsmith/validate"
)

// problemsPane is pane 3: every finding (severity, rule id, node id, message),
// errors first then flow order, the first one selected. enter jumps to the node
// and field; f applies the quick fix through History.
type problemsPane struct {
	ctx     *Context
	w, h    int
	focused bool
	cursor  int // index into ctx.Problems
	offset  int
	gen     int
	// jump is set by enter; the root moves the selection and the editor.
	onJump func(f *validate.Finding)
}

func newProblemsPane(ctx *Context) *problemsPane { return &problemsPane{ctx: ctx, gen: -1} }

func (p *problemsPane) SetSize(w, h int) { p.w, p.h = w, h }
func (p *problemsPane) Focus()           { p.focused = true }
func (p *problemsPane) Blur()            { p.focused = false }

func (p *problemsPane) ShortHelp() []key.Binding {
	k := p.ctx.Keys
	return []key.Binding{k.Up, k.Down, withHelp(k.Enter, "jump to field"), k.Fix}
}

// Selected is the selected finding, or nil.
func (p *problemsPane) Selected() *validate.Finding {
	c := p.ctx
	if p.cursor < 0 || p.cursor >= len(c.Problems) {
		return nil
	}
	return &c.Findings[c.Problems[p.cursor]]
}

// refresh keeps the cursor in range when the findings change (after a fix the
// next finding moves up under it).
func (p *problemsPane) refresh() {
	if p.gen != p.ctx.generation {
		p.gen = p.ctx.generation
		p.cursor = max(0, min(p.cursor, len(p.ctx.Problems)-1))
	}
}

// SelectFirst puts the cursor on the first finding (errors come first).
func (p *problemsPane) SelectFirst() { p.cursor, p.offset = 0, 0 }

func (p *problemsPane) Update(msg tea.Msg) (Pane, tea.Cmd) {
	p.refresh()
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	k, n := p.ctx.Keys, len(p.ctx.Problems)
	switch {
	case key.Matches(km, k.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(km, k.Down):
		p.cursor = max(min(p.cursor+1, n-1), 0)
	case key.Matches(km, k.PageUp):
		p.cursor = max(p.cursor-max(p.h-2, 1), 0)
	case key.Matches(km, k.PageDown):
		p.cursor = max(min(p.cursor+max(p.h-2, 1), n-1), 0)
	case key.Matches(km, k.Top):
		p.cursor = 0
	case key.Matches(km, k.Bottom):
		p.cursor = max(n-1, 0)
	case key.Matches(km, k.Enter):
		if f := p.Selected(); f != nil && p.onJump != nil {
			p.onJump(f)
		}
	case key.Matches(km, k.Fix):
		p.ctx.applyFix(p.Selected())
	}
	return p, nil
}

func (p *problemsPane) Click(_, y int) tea.Cmd {
	p.refresh()
	// Rows above the cursor take one line; the cursor row also shows its hint.
	r := p.offset + y
	if r > p.cursor {
		r -= len(p.details(p.Selected()))
		r = max(r, p.cursor)
	}
	if r >= 0 && r < len(p.ctx.Problems) {
		p.cursor = r
	}
	return nil
}

func (p *problemsPane) Scroll(delta int) {
	p.cursor = max(0, min(p.cursor+delta, len(p.ctx.Problems)-1))
}

// Info is the summary in the pane's border.
func (p *problemsPane) Info() string {
	c := p.ctx.Counts
	if c.Errors+c.Warnings+c.Infos == 0 {
		return ""
	}
	return itoa(c.Errors) + "✖ " + itoa(c.Warnings) + "▲ " + itoa(c.Infos) + "●"
}

func (p *problemsPane) View() string {
	p.refresh()
	c, st := p.ctx, p.ctx.Styles
	if len(c.Problems) == 0 {
		if c.Doc == nil {
			return fit(nil, p.w, p.h)
		}
		return fit([]string{st.Muted.Render(" ✓ no problems")}, p.w, p.h)
	}
	det := p.details(p.Selected())
	// Keep the cursor row and its details on screen.
	p.offset = scrollTo(p.offset, p.cursor, max(p.h-len(det), 1), len(c.Problems))
	lines := make([]string, 0, p.h)
	for r := p.offset; r < len(c.Problems) && len(lines) < p.h; r++ {
		lines = append(lines, p.row(r))
		if r == p.cursor {
			lines = append(lines, det...)
		}
	}
	return fit(lines, p.w, p.h)
}

func (p *problemsPane) row(r int) string {
	c, st := p.ctx, p.ctx.Styles
	f := &c.Findings[c.Problems[r]]
	cursor := " "
	if r == p.cursor {
		cursor = "›"
	}
	node := ""
	if f.Node != "" {
		node = " " + sanitize(f.Node)
	}
	fix := ""
	if f.Fix != nil {
		fix = " ⚑"
	}
	text := " " + f.Rule + node + fix + "  " + clean(f.Message)
	mark := st.SevMark(f.Severity, true)
	if r != p.cursor {
		return cursor + mark + truncate(text, p.w-2)
	}
	sel := st.SelectedBlurred
	if p.focused {
		sel = st.Selected
	}
	return sel.Render(cursor) + mark + sel.Render(padRight(text, p.w-2))
}

// details are the lines under the selected finding: where, the hint, the fix.
func (p *problemsPane) details(f *validate.Finding) []string {
	if f == nil {
		return nil
	}
	st := p.ctx.Styles
	var out []string
	add := func(prefix, s string) {
		for _, l := range wrap(s, max(p.w-5-width(prefix), 10)) {
			out = append(out, "    "+st.Muted.Render(prefix+l))
			prefix = strings.Repeat(" ", width(prefix))
		}
	}
	add("", "line "+itoa(f.Pos.Line)+":"+itoa(f.Pos.Col)+"  "+sanitize(f.Pointer))
	if f.Hint != "" {
		add("hint: ", clean(f.Hint))
	}
	if f.Fix != nil {
		out = append(out, "    "+st.Key.Render("f")+" "+st.Muted.Render(truncate(clean(f.Fix.Title), max(p.w-7, 1))))
	}
	return out
}
