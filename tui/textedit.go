package tui

import (
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// textEditor is the multi-line editor of prompts: the text soft-wraps at word
// boundaries to the pane's width, so the whole prompt is visible while it is
// typed. Control characters show as control pictures (␉, ␛), one cell each.
type textEditor struct {
	text   []rune
	cursor int // rune index
	w, h   int
	top    int // first visible visual line
	left   int // single-line mode: first visible rune
	st     *Styles
	// single makes a one-line input: no new lines, horizontal scrolling.
	single bool
	// noNewline keeps the soft-wrapped view but refuses new lines (conditions).
	noNewline   bool
	Prompt      string
	Placeholder string
}

// newLineInput is a one-line text input.
func newLineInput(st *Styles, prompt, placeholder string) *textEditor {
	return &textEditor{st: st, single: true, Prompt: prompt, Placeholder: placeholder, w: 40, h: 1}
}

// vline is one visual line: text[start:end]; hard is true when it ends at a
// newline (the newline itself is not part of it).
type vline struct{ start, end int }

func (e *textEditor) SetValue(s string) {
	e.text, e.cursor, e.top, e.left = []rune(s), len([]rune(s)), 0, 0
}
func (e *textEditor) Value() string    { return string(e.text) }
func (e *textEditor) SetSize(w, h int) { e.w, e.h = max(w, 4), max(h, 1) }

// SetWidth sets the width of a one-line input.
func (e *textEditor) SetWidth(w int) { e.w = max(w, 4) }

// Update edits the text for a key press or a paste.
func (e *textEditor) Update(msg tea.Msg) {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		e.insert([]rune(msg.Content))
	case tea.KeyPressMsg:
		e.key(msg)
	}
}

func (e *textEditor) key(msg tea.KeyPressMsg) {
	switch msg.String() {
	case "left", "ctrl+b":
		e.cursor = max(e.cursor-1, 0)
	case "right", "ctrl+f":
		e.cursor = min(e.cursor+1, len(e.text))
	case "up", "ctrl+p":
		e.vertical(-1)
	case "down", "ctrl+n":
		e.vertical(1)
	case "home", "ctrl+a":
		e.cursor = e.lines()[e.cursorLine()].start
	case "end":
		e.cursor = e.lines()[e.cursorLine()].end
	case "alt+left", "alt+b", "ctrl+left":
		e.cursor = e.wordLeft()
	case "alt+right", "alt+f", "ctrl+right":
		e.cursor = e.wordRight()
	case "backspace", "ctrl+h":
		if e.cursor > 0 {
			e.delete(e.cursor-1, e.cursor)
		}
	case "delete", "ctrl+d":
		if e.cursor < len(e.text) {
			e.delete(e.cursor, e.cursor+1)
		}
	case "ctrl+w", "alt+backspace":
		e.delete(e.wordLeft(), e.cursor)
	case "alt+d", "alt+delete":
		e.delete(e.cursor, e.wordRight())
	case "ctrl+u":
		e.delete(e.lineStart(), e.cursor)
	case "ctrl+k":
		e.delete(e.cursor, e.lineEnd())
	case "alt+enter", "ctrl+j", "shift+enter":
		if !e.single && !e.noNewline {
			e.insert([]rune{'\n'})
		}
	default:
		if msg.Text != "" && msg.Mod&(tea.ModCtrl|tea.ModAlt) == 0 {
			e.insert([]rune(msg.Text))
		}
	}
}

func (e *textEditor) insert(rs []rune) {
	rs = []rune(strings.ReplaceAll(string(rs), "\r\n", "\n"))
	if e.single || e.noNewline {
		rs = []rune(strings.ReplaceAll(string(rs), "\n", " "))
	}
	out := make([]rune, 0, len(e.text)+len(rs))
	out = append(append(append(out, e.text[:e.cursor]...), rs...), e.text[e.cursor:]...)
	e.text, e.cursor = out, e.cursor+len(rs)
}

func (e *textEditor) delete(from, to int) {
	if from >= to {
		return
	}
	e.text = append(e.text[:from:from], e.text[to:]...)
	e.cursor = from
}

func (e *textEditor) wordLeft() int {
	i := e.cursor
	for i > 0 && unicode.IsSpace(e.text[i-1]) {
		i--
	}
	for i > 0 && !unicode.IsSpace(e.text[i-1]) {
		i--
	}
	return i
}

func (e *textEditor) wordRight() int {
	i := e.cursor
	for i < len(e.text) && unicode.IsSpace(e.text[i]) {
		i++
	}
	for i < len(e.text) && !unicode.IsSpace(e.text[i]) {
		i++
	}
	return i
}

// lineStart and lineEnd bound the logical line (between newlines) of the cursor.
func (e *textEditor) lineStart() int {
	i := e.cursor
	for i > 0 && e.text[i-1] != '\n' {
		i--
	}
	return i
}

func (e *textEditor) lineEnd() int {
	i := e.cursor
	for i < len(e.text) && e.text[i] != '\n' {
		i++
	}
	return i
}

// lines soft-wraps the text into visual lines of at most w-1 cells (the last
// cell is kept for the cursor).
func (e *textEditor) lines() []vline {
	limit := max(e.w-1, 2)
	var out []vline
	start := 0
	for start <= len(e.text) {
		end := start
		for end < len(e.text) && e.text[end] != '\n' {
			end++
		}
		// Wrap [start, end) greedily at spaces.
		pos := start
		for {
			cells, brk, lastSpace := 0, -1, -1
			for i := pos; i < end; i++ {
				cells += runeCells(e.text[i])
				if cells > limit {
					brk = i
					break
				}
				if e.text[i] == ' ' {
					lastSpace = i
				}
			}
			if brk < 0 {
				out = append(out, vline{pos, end})
				break
			}
			if lastSpace >= pos {
				brk = lastSpace + 1
			}
			if brk == pos {
				brk = pos + 1
			}
			out = append(out, vline{pos, brk})
			pos = brk
		}
		start = end + 1
	}
	return out
}

func runeCells(r rune) int {
	if r < 0x20 || r == 0x7f {
		return 1
	}
	return max(ansi.StringWidth(string(r)), 1)
}

// display is how a rune is drawn: control characters as control pictures.
func display(r rune) string {
	switch {
	case r < 0x20:
		return string(rune(0x2400 + r))
	case r == 0x7f:
		return "␡"
	case (r >= 0x80 && r < 0xa0) || isBidi(r):
		return "¤"
	}
	return string(r)
}

func (e *textEditor) cursorLine() int {
	ls := e.lines()
	for i, l := range ls {
		if e.cursor < l.start || e.cursor > l.end {
			continue
		}
		if i+1 < len(ls) && ls[i+1].start == e.cursor {
			continue // a soft-wrap boundary belongs to the next line
		}
		return i
	}
	return len(ls) - 1
}

// vertical moves the cursor to the same cell column on the line above/below.
func (e *textEditor) vertical(dir int) {
	ls := e.lines()
	i := e.cursorLine()
	j := i + dir
	if j < 0 || j >= len(ls) {
		return
	}
	col := 0
	for k := ls[i].start; k < e.cursor; k++ {
		col += runeCells(e.text[k])
	}
	pos, cells := ls[j].start, 0
	for pos < ls[j].end && cells+runeCells(e.text[pos]) <= col {
		cells += runeCells(e.text[pos])
		pos++
	}
	if pos == ls[j].end && j+1 < len(ls) && ls[j+1].start == pos && pos > ls[j].start {
		pos-- // soft-wrapped: stay on this visual line
	}
	e.cursor = pos
}

// View draws the visible lines with the cursor as a reversed cell.
func (e *textEditor) View() string {
	if e.single {
		return e.lineView()
	}
	ls := e.lines()
	cur := e.cursorLine()
	e.top = scrollTo(e.top, cur, e.h, len(ls))
	var b strings.Builder
	for i := e.top; i < len(ls) && i < e.top+e.h; i++ {
		if i > e.top {
			b.WriteByte('\n')
		}
		l := ls[i]
		for k := l.start; k < l.end; k++ {
			s := display(e.text[k])
			if k == e.cursor && i == cur {
				s = e.st.Cursor.Render(s)
			}
			b.WriteString(s)
		}
		if i == cur && e.cursor == l.end {
			b.WriteString(e.st.Cursor.Render(" "))
		}
	}
	return b.String()
}

// lineView draws the one-line input, scrolled so that the cursor is visible.
func (e *textEditor) lineView() string {
	avail := max(e.w-width(e.Prompt)-1, 1)
	if len(e.text) == 0 && e.Placeholder != "" {
		return e.Prompt + e.st.Cursor.Render(" ") + e.st.Muted.Render(truncate(e.Placeholder, avail-1))
	}
	e.left = min(e.left, e.cursor)
	for cells(e.text[e.left:e.cursor]) >= avail {
		e.left++
	}
	var b strings.Builder
	b.WriteString(e.Prompt)
	used := 0
	for k := e.left; k < len(e.text); k++ {
		c := runeCells(e.text[k])
		if used+c > avail {
			break
		}
		s := display(e.text[k])
		if k == e.cursor {
			s = e.st.Cursor.Render(s)
		}
		b.WriteString(s)
		used += c
	}
	if e.cursor == len(e.text) {
		b.WriteString(e.st.Cursor.Render(" "))
	}
	return b.String()
}

func cells(rs []rune) int {
	n := 0
	for _, r := range rs {
		n += runeCells(r)
	}
	return n
}
