package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// Dialog is a modal box drawn over the panes. While one is open it receives
// every key. Update reports done when the dialog should close; the returned
// command carries out what was chosen.
type Dialog interface {
	Update(msg tea.KeyPressMsg) (done bool, cmd tea.Cmd)
	View(maxW, maxH int) string
	ShortHelp() []key.Binding
}

// overlay draws a dialog box centred over the screen.
func overlay(base, box string, w, h int) string {
	bw, bh := lipgloss.Width(box), lipgloss.Height(box)
	x, y := max((w-bw)/2, 0), max((h-bh)/3, 0)
	return lipgloss.NewCompositor(lipgloss.NewLayer(base), lipgloss.NewLayer(box).X(x).Y(y).Z(1)).Render()
}

// dialogFrame renders a dialog's title and body inside the dialog border.
func dialogFrame(st *Styles, title string, body []string, w int) string {
	lines := []string{padRight(st.DialogTitle.Render(title), w), padRight("", w)}
	for _, l := range body {
		if width(l) <= w {
			lines = append(lines, padRight(l, w))
			continue
		}
		for _, wl := range wrap(l, w) {
			lines = append(lines, padRight(wl, w))
		}
	}
	return st.Dialog.Render(strings.Join(lines, "\n"))
}

// dialogWidth is the inner width of a dialog on a screen maxW wide.
func dialogWidth(maxW, want int) int { return max(min(want, maxW-4), 10) }

// choice is one button of a choiceDialog.
type choice struct {
	key    string // the letter that picks it
	label  string
	action func() tea.Cmd
}

// choiceDialog asks a question with a few buttons: confirm, quit, external
// change, save failure. esc picks the cancel choice.
type choiceDialog struct {
	st      *Styles
	keys    *KeyMap
	title   string
	body    []string
	choices []choice
	focus   int
	cancel  int // index of the choice esc means, -1 for none
	w       int
}

func (d *choiceDialog) ShortHelp() []key.Binding {
	out := []key.Binding{}
	for _, c := range d.choices {
		out = append(out, key.NewBinding(key.WithKeys(c.key), key.WithHelp(c.key, c.label)))
	}
	return append(out, withHelp(d.keys.Confirm, "choose"), d.keys.Cancel)
}

func (d *choiceDialog) Update(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	s := msg.String()
	for _, c := range d.choices {
		if s == c.key {
			return true, c.run()
		}
	}
	switch s {
	case "left", "shift+tab", "up":
		d.focus = (d.focus + len(d.choices) - 1) % len(d.choices)
	case "right", "tab", "down":
		d.focus = (d.focus + 1) % len(d.choices)
	case "enter":
		return true, d.choices[d.focus].run()
	case "esc":
		if d.cancel >= 0 {
			return true, d.choices[d.cancel].run()
		}
		return true, nil
	}
	return false, nil
}

func (c choice) run() tea.Cmd {
	if c.action == nil {
		return nil
	}
	return c.action()
}

func (d *choiceDialog) View(maxW, _ int) string {
	st := d.st
	var btns []string
	for i, c := range d.choices {
		label := c.label
		if i := strings.Index(strings.ToLower(label), c.key); i >= 0 && len(c.key) == 1 {
			label = label[:i] + st.ButtonKey.Render(label[i:i+1]) + label[i+1:]
		} else {
			label = st.ButtonKey.Render(c.key) + " " + label
		}
		b := st.Button.Render(label)
		if i == d.focus {
			b = st.Selected.Render("›") + b
		} else {
			b = " " + b
		}
		btns = append(btns, b)
	}
	row := strings.Join(btns, "  ")
	want := max(d.w, 44, width(row))
	for _, l := range d.body {
		want = max(want, min(width(l), 72))
	}
	w := dialogWidth(maxW, want)
	body := append(append([]string{}, d.body...), "", row)
	return dialogFrame(st, d.title, body, w)
}

// newConfirm asks yes/no; yes runs action.
func newConfirm(c *Context, title string, body []string, yesLabel string, action func() tea.Cmd) *choiceDialog {
	return &choiceDialog{st: c.Styles, keys: c.Keys, title: title, body: body, cancel: 1, choices: []choice{
		{key: "y", label: yesLabel, action: action},
		{key: "n", label: "cancel"},
	}, focus: 1}
}
