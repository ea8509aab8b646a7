package tui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"flowsmith/flowgraph"
)

// readonlyView shows a file that cannot be opened as a flow: its text with the
// parse error's line highlighted and a caret under the column. ctrl+e opens the
// file in $EDITOR and reloads it afterwards.
type readonlyView struct {
	ctx    *Context
	path   string
	lines  []string
	line   int // 1-based line of the fault
	col    int
	msg    string
	offset int
	height int
}

// fileEditedMsg is sent when $EDITOR, run on the unparsable file, exits.
type fileEditedMsg struct {
	path string
	err  error
}

func newReadonlyView(c *Context, path string, src []byte, err error) *readonlyView {
	v := &readonlyView{ctx: c, path: path, lines: strings.Split(string(src), "\n"), line: 1, col: 1, msg: err.Error()}
	var le *flowgraph.LoadError
	if errors.As(err, &le) {
		v.line, v.col, v.msg = le.Pos.Line, le.Pos.Col, le.Msg
	}
	v.offset = -1 // centre on the fault at the first draw
	return v
}

func (v *readonlyView) ShortHelp() []key.Binding {
	k := v.ctx.Keys
	h := []key.Binding{withHelp(k.Up, "scroll"), withHelp(k.Down, "scroll")}
	if v.path != "" {
		h = append(h, withHelp(k.ExtEditor, "fix in $EDITOR, then reload"))
	}
	return append(h, k.Help, k.Quit)
}

func (v *readonlyView) Update(msg tea.KeyPressMsg, a *app) tea.Cmd {
	k := v.ctx.Keys
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Help):
		a.showHelp = true
	case key.Matches(msg, k.Up):
		v.scroll(-1)
	case key.Matches(msg, k.Down):
		v.scroll(1)
	case key.Matches(msg, k.PageUp):
		v.scroll(-v.height)
	case key.Matches(msg, k.PageDown):
		v.scroll(v.height)
	case key.Matches(msg, k.ExtEditor) && v.path != "":
		return fileEditorCmd(v.path, v.ctx.Opts.Editor)
	}
	return nil
}

func (v *readonlyView) scroll(n int) {
	v.offset = max(0, min(v.offset+n, len(v.lines)-1))
}

func (v *readonlyView) View(w, h int) string {
	st := v.ctx.Styles
	name := v.path
	if name == "" {
		name = "the input"
	}
	head := []string{
		st.Severity(3).Render(truncate(" ✖ "+sanitize(name)+" cannot be opened as a flow", w)),
		truncate("   line "+itoa(v.line)+", column "+itoa(v.col)+": "+clean(v.msg), w),
		st.Muted.Render(truncate("   Read-only. Fix the file (ctrl+e opens it in $EDITOR and reloads), or q to quit.", w)),
		"",
	}
	body := h - len(head) - 2
	v.height = max(body, 1)
	if v.offset < 0 {
		v.offset = max(v.line-1-body/2, 0)
	}
	numW := len(itoa(len(v.lines)))
	textW := max(w-2-numW-3, 1) // inside the border, after "NN │ "
	out := head
	for i := v.offset; i < len(v.lines) && len(out) < h-2; i++ {
		num := st.LineNo.Render(padLeft(itoa(i+1), numW) + " │ ")
		text := sanitizeLine(v.lines[i])
		if i+1 == v.line {
			out = append(out, num+st.ErrorLine.Render(padRight(text, textW)))
			caret := strings.Repeat(" ", max(width(sanitizeLine(prefixRunes(v.lines[i], v.col-1))), 0))
			out = append(out, strings.Repeat(" ", numW)+st.LineNo.Render(" │ ")+st.ErrorCaret.Render(truncate(caret+"^ "+clean(v.msg), textW)))
			continue
		}
		out = append(out, num+truncate(text, textW))
	}
	return box(st, "flowsmith · read-only", "", strings.Join(out, "\n"), w, h, true)
}

// sanitizeLine escapes a line of the file but keeps tabs as spaces.
func sanitizeLine(s string) string {
	return sanitize(strings.ReplaceAll(strings.TrimSuffix(s, "\r"), "\t", "    "))
}

func prefixRunes(s string, n int) string {
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	return s
}

func padLeft(s string, w int) string {
	if n := w - len(s); n > 0 {
		return strings.Repeat(" ", n) + s
	}
	return s
}
