package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	fg "flowsmith/flowgraph"
	"flowsmith/i18n"
	"flowsmith/validate"
)

// openSession opens the session-languages dialog (s): which languages the
// session allows (`langs`) and the fallback (`defaultLang`). They live in a
// session body, so a bare flow array is first offered the conversion to one;
// the conversion and the settings are then applied as one change, undone
// with one u.
func openSession(c *Context, cat i18n.Catalog) {
	d := c.Doc
	if d == nil {
		return
	}
	switch d.Form {
	case fg.FormLegacy:
		c.Message("a legacy {nodes, edges} graph has no session body for langs and defaultLang; convert it to a flow first")
		return
	case fg.FormBare:
		body := []string{
			"This file is a bare flow array. The session languages (langs,",
			"defaultLang) are fields of a session body: {\"flow\": […], \"langs\": […]}.",
			"",
			"Convert it to a session body? Nothing changes until you apply the",
			"languages, and one u undoes both.",
		}
		c.openDialog(newConfirm(c, "Session languages", body, "convert", func() tea.Cmd {
			c.openDialog(newSessionDialog(c, cat, true))
			return nil
		}))
		return
	}
	c.openDialog(newSessionDialog(c, cat, false))
}

// sessionItem is one language of the session dialog.
type sessionItem struct {
	code      string // catalog spelling, or as written for a code outside the catalog
	name      string
	inCatalog bool
	checked   bool
}

// sessionDialog is a multi-select of the catalog languages (space toggles)
// with a default (d picks).
type sessionDialog struct {
	c       *Context
	st      *Styles
	keys    *KeyMap
	items   []sessionItem
	cursor  int
	offset  int
	rows    int
	def     string
	convert bool // a bare file: convert it to a session body first

	oldLangs []string // the body's langs as written (trimmed)
	hadLangs bool
	oldDef   string // the effective defaultLang before
	errMsg   string
}

func newSessionDialog(c *Context, cat i18n.Catalog, convert bool) *sessionDialog {
	d := &sessionDialog{c: c, st: c.Styles, keys: c.Keys, convert: convert, rows: 10}
	body := c.Doc.Body() // nil for a bare file
	d.hadLangs = body.Has("langs")
	for _, l := range body.Get("langs").Strings() {
		if l = strings.TrimSpace(l); l != "" {
			d.oldLangs = append(d.oldLangs, l)
		}
	}
	d.oldDef = i18n.DefaultFor(body.Get("defaultLang").Text(), cat)
	d.def = d.oldDef
	for _, l := range cat.Languages() {
		name := l.English
		if l.Native != l.English {
			name += " · " + l.Native
		}
		d.items = append(d.items, sessionItem{code: l.Code, name: name, inCatalog: true, checked: i18n.ContainsCode(d.oldLangs, l.Code)})
	}
	extra := append(append([]string{}, d.oldLangs...), d.oldDef)
	for i, code := range extra {
		if d.find(code) >= 0 {
			continue
		}
		d.items = append(d.items, sessionItem{code: code, name: "not in the language catalog", checked: i < len(d.oldLangs)})
	}
	return d
}

// find is the item of a code, or -1.
func (d *sessionDialog) find(code string) int {
	for i, it := range d.items {
		if i18n.EqualCode(it.code, code) {
			return i
		}
	}
	return -1
}

var (
	sessionToggle  = key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "toggle"))
	sessionDefault = key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "default"))
	sessionAll     = key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "all/none"))
)

func (d *sessionDialog) ShortHelp() []key.Binding {
	return []key.Binding{d.keys.Up, d.keys.Down, sessionToggle, sessionDefault, sessionAll,
		withHelp(d.keys.Confirm, "apply"), d.keys.Cancel}
}

func (d *sessionDialog) Update(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	k := d.keys
	switch {
	case key.Matches(msg, k.Cancel):
		return true, nil
	case key.Matches(msg, k.Confirm):
		return d.apply(), nil
	case key.Matches(msg, k.Up):
		d.cursor = max(d.cursor-1, 0)
	case key.Matches(msg, k.Down):
		d.cursor = min(d.cursor+1, len(d.items)-1)
	case key.Matches(msg, k.PageUp):
		d.cursor = max(d.cursor-d.rows, 0)
	case key.Matches(msg, k.PageDown):
		d.cursor = min(d.cursor+d.rows, len(d.items)-1)
	case key.Matches(msg, k.Top):
		d.cursor = 0
	case key.Matches(msg, k.Bottom):
		d.cursor = len(d.items) - 1
	case key.Matches(msg, sessionToggle):
		d.items[d.cursor].checked = !d.items[d.cursor].checked
	case key.Matches(msg, sessionDefault):
		it := &d.items[d.cursor]
		d.def = it.code
		if len(d.checked()) > 0 {
			it.checked = true // a default outside langs is an error
		}
	case key.Matches(msg, sessionAll):
		all := true
		for _, it := range d.items {
			all = all && (it.checked || !it.inCatalog)
		}
		for i := range d.items {
			if d.items[i].inCatalog {
				d.items[i].checked = !all
			}
		}
	default:
		return false, nil
	}
	d.errMsg = ""
	return false, nil
}

// checked lists the checked codes: those the body had first, in its order
// and spelling, then the new ones in catalog order.
func (d *sessionDialog) checked() []string {
	var out []string
	for _, old := range d.oldLangs {
		if i := d.find(old); i >= 0 && d.items[i].checked && !i18n.ContainsCode(out, old) {
			out = append(out, old)
		}
	}
	for _, it := range d.items {
		if it.checked && !i18n.ContainsCode(out, it.code) {
			out = append(out, it.code)
		}
	}
	return out
}

// change is the operation the dialog's choices make, nil when they change
// nothing; problem says why they cannot be applied.
func (d *sessionDialog) change() (op fg.Op, label, problem string) {
	langs := d.checked()
	if len(langs) > 0 && !i18n.ContainsCode(langs, d.def) {
		return nil, "", "defaultLang " + sanitize(d.def) + " is not one of the checked languages: check it, or make another one the default (d)"
	}
	var ops []fg.Op
	var what []string
	if d.convert {
		ops = append(ops, fg.ToSessionBody())
		what = append(what, "convert to session body")
	}
	if !slices.Equal(langs, d.oldLangs) || (len(langs) == 0 && d.hadLangs) {
		switch {
		case len(langs) == 0:
			ops = append(ops, fg.Remove("/langs"))
			what = append(what, "remove langs (every catalog language)")
		default:
			items := make([]*fg.Value, len(langs))
			for i, l := range langs {
				items[i] = fg.NewString(l)
			}
			ops = append(ops, fg.SetValue("/langs", fg.NewArray(items...)))
			what = append(what, "langs "+strings.Join(langs, " "))
		}
	}
	if !i18n.EqualCode(d.def, d.oldDef) {
		ops = append(ops, fg.SetValue("/defaultLang", fg.NewString(d.def)))
		what = append(what, "defaultLang "+d.def)
	}
	if len(ops) == 0 {
		return nil, "", ""
	}
	label = "session languages: " + strings.Join(what, ", ")
	return fg.Seq(label, ops...), label, ""
}

// apply carries out the change through the root's History (one undoable
// change); false keeps the dialog open.
func (d *sessionDialog) apply() bool {
	op, _, problem := d.change()
	switch {
	case problem != "":
		d.errMsg = problem
		return false
	case op == nil:
		d.c.Message("session languages: nothing to change")
		return true
	}
	d.c.Apply(op)
	return true
}

func (d *sessionDialog) View(maxW, maxH int) string {
	st := d.st
	w := dialogWidth(maxW, 64)
	body := []string{st.Muted.Render("The languages a visitor may get (langs) and the fallback for")}
	body = append(body, st.Muted.Render("every other browser language (defaultLang)."))
	if d.convert {
		body = append(body, st.Severity(validate.Warning).Render("Applying converts the bare array to a session body first."))
	}
	body = append(body, "")
	d.rows = max(min(len(d.items), maxH-14), 3)
	d.offset = scrollTo(d.offset, d.cursor, d.rows, len(d.items))
	cw := 0
	for _, it := range d.items {
		cw = max(cw, width(sanitize(it.code)))
	}
	for i := d.offset; i < len(d.items) && i < d.offset+d.rows; i++ {
		it := d.items[i]
		box := "[ ]"
		if it.checked {
			box = "[x]"
		}
		line := box + " " + padRight(sanitize(it.code), cw) + "  " + st.Muted.Render(sanitize(it.name))
		if i18n.EqualCode(it.code, d.def) {
			line += "  " + st.Accent.Render("default")
		}
		if i == d.cursor {
			line = st.Selected.Render("›") + " " + line
		} else {
			line = "  " + line
		}
		body = append(body, truncate(line, w))
	}
	if n := len(d.items); n > d.rows {
		body = append(body, st.Muted.Render("  "+itoa(d.offset+1)+"–"+itoa(min(d.offset+d.rows, n))+" of "+itoa(n)))
	}
	body = append(body, "")
	langs := d.checked()
	if len(langs) == 0 {
		body = append(body, "langs: none, so every catalog language is allowed")
	} else {
		body = append(body, "langs: "+sanitize(strings.Join(langs, " ")))
	}
	body = append(body, "defaultLang: "+sanitize(d.def))
	if d.errMsg != "" {
		body = append(body, st.InputError.Render("✖ "+d.errMsg))
	}
	body = append(body, "", st.Muted.Render(truncate("space toggle · d default · a all/none · enter apply · esc cancel", w)))
	return dialogFrame(st, "Session languages", body, w)
}
