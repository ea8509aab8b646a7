package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// promptDialog asks for one line of text (a node id, a path). check runs on
// every keystroke and its message blocks enter until the text is acceptable.
type promptDialog struct {
	st     *Styles
	keys   *KeyMap
	title  string
	body   []string
	input  *textEditor
	check  func(string) string
	submit func(string) tea.Cmd
	errMsg string
}

func newPrompt(c *Context, title string, body []string, value string, check func(string) string, submit func(string) tea.Cmd) *promptDialog {
	ti := newLineInput(c.Styles, "› ", "")
	ti.SetValue(value)
	d := &promptDialog{st: c.Styles, keys: c.Keys, title: title, body: body, input: ti, check: check, submit: submit}
	d.validate()
	return d
}

func (d *promptDialog) validate() {
	d.errMsg = ""
	if d.check != nil {
		d.errMsg = d.check(d.input.Value())
	}
}

func (d *promptDialog) ShortHelp() []key.Binding {
	return []key.Binding{withHelp(d.keys.Confirm, "ok"), d.keys.Cancel}
}

func (d *promptDialog) Update(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	switch msg.String() {
	case "enter":
		d.validate()
		if d.errMsg != "" {
			return false, nil
		}
		return true, d.submit(d.input.Value())
	case "esc":
		return true, nil
	}
	d.input.Update(msg)
	d.validate()
	return false, nil
}

func (d *promptDialog) View(maxW, _ int) string {
	w := dialogWidth(maxW, 56)
	d.input.SetWidth(w - 3)
	body := append([]string{}, d.body...)
	if len(body) > 0 {
		body = append(body, "")
	}
	body = append(body, d.input.View())
	if d.errMsg != "" {
		body = append(body, d.st.InputError.Render(truncate("✖ "+d.errMsg, w)))
	} else {
		body = append(body, d.st.Muted.Render("enter ok · esc cancel"))
	}
	return dialogFrame(d.st, d.title, body, w)
}
