package tui

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// pickItem is one entry of a picker.
type pickItem struct {
	title  string // what is matched and shown (sanitized by the caller)
	detail string // shown muted after the title
	value  string
	pinned bool // always listed first, whatever the filter ("new node…")
	badge  string
}

// pickerDialog is a fuzzy list: node ids for a target, node types for a new node,
// templates for a new file, enum values.
type pickerDialog struct {
	st      *Styles
	keys    *KeyMap
	title   string
	items   []pickItem
	shown   []int // indexes of items matching the filter, best first
	matches map[int][]int
	input   *textEditor
	cursor  int
	offset  int
	pick    func(pickItem) tea.Cmd
	cancel  func() tea.Cmd
	rows    int
}

func newPicker(c *Context, title string, items []pickItem, selected string, pick func(pickItem) tea.Cmd) *pickerDialog {
	ti := newLineInput(c.Styles, "› ", "type to filter")
	d := &pickerDialog{st: c.Styles, keys: c.Keys, title: title, items: items, input: ti, pick: pick, rows: 10}
	d.filter()
	for k, i := range d.shown {
		if items[i].value == selected && !items[i].pinned {
			d.cursor = k
		}
	}
	return d
}

func (d *pickerDialog) ShortHelp() []key.Binding {
	return []key.Binding{withHelp(d.keys.Up, "up"), withHelp(d.keys.Down, "down"), withHelp(d.keys.Confirm, "pick"), d.keys.Cancel}
}

func (d *pickerDialog) Update(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	switch msg.String() {
	case "up", "ctrl+p":
		d.cursor = max(d.cursor-1, 0)
		return false, nil
	case "down", "ctrl+n":
		d.cursor = max(min(d.cursor+1, len(d.shown)-1), 0)
		return false, nil
	case "pgup":
		d.cursor = max(d.cursor-d.rows, 0)
		return false, nil
	case "pgdown":
		d.cursor = max(min(d.cursor+d.rows, len(d.shown)-1), 0)
		return false, nil
	case "enter":
		if len(d.shown) == 0 {
			return false, nil
		}
		return true, d.pick(d.items[d.shown[d.cursor]])
	case "esc":
		if d.cancel != nil {
			return true, d.cancel()
		}
		return true, nil
	}
	before := d.input.Value()
	d.input.Update(msg)
	if d.input.Value() != before {
		d.filter()
		d.cursor, d.offset = 0, 0
		if d.input.Value() != "" {
			for d.cursor < len(d.shown)-1 && d.items[d.shown[d.cursor]].pinned {
				d.cursor++ // typing looks for a match, not the pinned action
			}
		}
	}
	return false, nil
}

// filter ranks the items against the typed text: subsequence matches, scored
// for consecutive runs and word starts.
func (d *pickerDialog) filter() {
	q := strings.ToLower(d.input.Value())
	d.shown = d.shown[:0]
	d.matches = map[int][]int{}
	type scored struct{ i, score int }
	var hits []scored
	for i, it := range d.items {
		if it.pinned {
			d.shown = append(d.shown, i)
			continue
		}
		if q == "" {
			hits = append(hits, scored{i, 0})
			continue
		}
		if pos, score, ok := fuzzy(q, it.title); ok {
			hits = append(hits, scored{i, score})
			d.matches[i] = pos
		}
	}
	slices.SortStableFunc(hits, func(a, b scored) int { return b.score - a.score })
	for _, h := range hits {
		d.shown = append(d.shown, h.i)
	}
}

// fuzzy matches q (lower case) as a subsequence of s; it returns the matched
// byte offsets and a score (higher is better).
func fuzzy(q, s string) (pos []int, score int, ok bool) {
	ls := strings.ToLower(s)
	if i := strings.Index(ls, q); i >= 0 { // a substring beats any scattered match
		for k := 0; k < len(q); k++ {
			pos = append(pos, i+k)
		}
		score = 1000 - i - len(ls)/8
		if i == 0 {
			score += 200
		}
		return pos, score, true
	}
	qi, prev := 0, -2
	for i, r := range ls {
		if qi >= len(q) {
			break
		}
		qr, size := utf8.DecodeRuneInString(q[qi:])
		if r != qr {
			continue
		}
		pos = append(pos, i)
		if i == prev+1 {
			score += 5
		}
		if i == 0 || !unicode.IsLetter(rune(ls[i-1])) {
			score += 3
		}
		prev = i
		qi += size
	}
	if qi < len(q) {
		return nil, 0, false
	}
	return pos, score - len(ls)/8, true
}

func (d *pickerDialog) View(maxW, maxH int) string {
	st := d.st
	w := dialogWidth(maxW, 60)
	d.input.SetWidth(w - 3)
	d.rows = max(min(10, maxH-9), 3)
	d.offset = scrollTo(d.offset, d.cursor, d.rows, len(d.shown))
	body := []string{d.input.View(), ""}
	if len(d.shown) == 0 {
		body = append(body, st.Muted.Render("  nothing matches"))
	}
	for k := d.offset; k < len(d.shown) && k < d.offset+d.rows; k++ {
		i := d.shown[k]
		it := d.items[i]
		title := highlight(st, it.title, d.matches[i])
		line := title
		if it.badge != "" {
			line = st.Badge(it.badge) + " " + title
		}
		if it.detail != "" {
			line += "  " + st.Muted.Render(it.detail)
		}
		if k == d.cursor {
			line = st.Selected.Render("›") + " " + truncate(line, w-2)
		} else {
			line = "  " + truncate(line, w-2)
		}
		body = append(body, line)
	}
	body = append(body, "", st.Muted.Render(itoa(len(d.shown))+" of "+itoa(len(d.items))+" · ↑↓ move · enter pick · esc cancel"))
	return dialogFrame(st, d.title, body, w)
}

// highlight styles the matched bytes of s.
func highlight(st *Styles, s string, pos []int) string {
	if len(pos) == 0 {
		return s
	}
	var b strings.Builder
	k := 0
	for i, r := range s {
		if k < len(pos) && pos[k] == i {
			b.WriteString(st.Match.Render(string(r)))
			k++
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
