package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"flowsmith/flowgraph"
	"flowsmith/i18n"
	"flowsmith/validate"
)

// openTranslation opens the reviewed translation of a node's `Say:` prompt
// into lang (t). Only direct speech has one: a descriptive prompt is worded
// by the model at run time in every language.
func openTranslation(c *Context, n *flowgraph.Node, lang string, cat i18n.Catalog) {
	s := c.sidecar()
	switch {
	case c.Doc == nil:
		return
	case n == nil:
		c.Message("select a spoken node to translate")
		return
	case s.loading:
		c.Message("the translations are still loading")
		return
	case s.loadErr != "":
		c.Error("the translations file could not be read (" + s.loadErr + "); fix it before editing translations")
		return
	case i18n.IsEnglish(lang):
		c.Message("prompts are written in English: switch the preview (4) to another language with [ or ]")
		return
	}
	prompt, _, ok := i18n.NodePrompt(n)
	if !ok {
		c.Message(sanitize(n.ID) + " says nothing: only the prompts of conversation, enter_email and permissions are spoken")
		return
	}
	direct, english := i18n.SplitSay(prompt)
	if !direct {
		c.Message(sanitize(n.ID) + " has a descriptive prompt: the avatar words it at run time in each language, so there is no fixed text to translate (start it with Say: for fixed wording)")
		return
	}
	name := lang
	if l, ok := cat.Lookup(lang); ok {
		name = l.English
	}
	d := &translationDialog{st: c.Styles, keys: c.Keys, lang: lang, langName: name, node: n.ID,
		prompt: prompt, english: english, area: &textEditor{st: c.Styles}}
	text := english
	switch {
	case len(text) > translationPrefillLimit:
		text = "" // a pathological prompt: not copied into the text area
	case validate.ContainsSecret(english):
		// The text area shows its text as it is: a key copied into it would
		// be on screen, and saved into the translations.
		text, d.secret = "", true
	}
	if t, ok := s.cur.Get(lang, n.ID); ok && strings.TrimSpace(t.Text) != "" {
		d.had, d.old, d.secret = true, t, false
		d.stale = s.cur.Status(lang, n.ID, prompt) == i18n.StatusStale
		text = t.Text
	}
	d.area.SetValue(text)
	d.prepare()
	id := n.ID
	d.save = func(text string) { c.setTranslation(lang, id, prompt, text) }
	c.openDialog(d)
}

// translationPrefillLimit is the longest English copied into the text area
// as the start of a new translation.
const translationPrefillLimit = 10000

// translationDialog edits one reviewed translation: the English to
// translate (for a stale translation, the English it was made from and the
// current prompt, side by side or stacked when narrow, changed words
// marked), and a multi-line text area. enter saves it made from the current
// prompt; emptied, it removes the translation.
type translationDialog struct {
	st             *Styles
	keys           *KeyMap
	lang, langName string
	node           string
	prompt         string // the node's prompt as written: the source to store
	english        string // the English to translate (after Say:)
	had            bool
	old            i18n.Translation
	stale          bool
	area           *textEditor
	save           func(text string)
	// secret: the English holds what looks like a secret key, so the text
	// area does not start with it.
	secret bool

	// What View draws of the English, prepared once when the dialog opens
	// (prepare): sanitizing the prompts and diffing their words (a table of
	// up to 200,000 cells) on every frame would slow typing down.
	englishText string       // the English, ready for the screen
	oldText     string       // stale: the prompt it was translated from, ready for the screen
	curText     string       // stale: the current prompt, ready for the screen
	oldMarks    map[int]bool // stale: the words of oldText not in curText
	curMarks    map[int]bool // stale: the words of curText not in oldText
}

// prepare makes the English ready for the screen: for a stale translation,
// the prompt it was made from and the current one with their changed words.
func (d *translationDialog) prepare() {
	if d.stale {
		d.oldText, d.curText = previewText(promptText(d.old.Source)), previewText(promptText(d.prompt))
		d.oldMarks, d.curMarks = wordDiff(d.oldText, d.curText)
		return
	}
	d.englishText = previewText(d.english)
}

func (d *translationDialog) ShortHelp() []key.Binding {
	return []key.Binding{withHelp(d.keys.Confirm, "save"), withHelp(d.keys.Newline, "new line"), d.keys.Cancel}
}

func (d *translationDialog) Update(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	switch msg.String() {
	case "enter":
		d.save(d.area.Value())
		return true, nil
	case "esc":
		return true, nil
	}
	d.area.Update(msg)
	return false, nil
}

// Paste inserts pasted text (the root routes tea.PasteMsg to the dialog on
// top when it has this method).
func (d *translationDialog) Paste(text string) { d.area.Update(tea.PasteMsg{Content: text}) }

// Value is the text being edited.
func (d *translationDialog) Value() string { return d.area.Value() }

func (d *translationDialog) View(maxW, maxH int) string {
	st := d.st
	w := dialogWidth(maxW, 84)
	var body []string
	body = append(body, st.Muted.Render(truncate(sanitize(d.node)+" · "+sanitize(d.langName)+" ("+sanitize(d.lang)+")", w)))
	// Room for the text: what is left after the English and the chrome.
	avail := max(maxH-10, 6)
	if d.stale {
		body = append(body, st.Severity(validate.Warning).Render("▲ stale: the prompt changed since this was translated."),
			st.Muted.Render("Check the translation, then enter saves it for the current prompt."), "")
		oldP, curP, oldM, curM := d.oldText, d.curText, d.oldMarks, d.curMarks
		maxLines := max(avail/3, 3)
		if w >= 60 {
			cw := (w - 3) / 2
			left := append([]string{st.Bold.Render("Translated from")}, clip(markWords(st, oldP, oldM, cw), maxLines)...)
			right := append([]string{st.Bold.Render("Current prompt")}, clip(markWords(st, curP, curM, cw), maxLines)...)
			for i := 0; i < max(len(left), len(right)); i++ {
				l, r := "", ""
				if i < len(left) {
					l = left[i]
				}
				if i < len(right) {
					r = right[i]
				}
				body = append(body, padRight(l, cw)+st.Faint.Render(" │ ")+r)
			}
		} else {
			body = append(body, st.Bold.Render("Translated from"))
			body = append(body, clip(markWords(st, oldP, oldM, w), maxLines)...)
			body = append(body, st.Bold.Render("Current prompt"))
			body = append(body, clip(markWords(st, curP, curM, w), maxLines)...)
		}
		avail -= 4 + 2*maxLines
	} else {
		body = append(body, st.Bold.Render("English"))
		eng := clip(markWords(st, d.englishText, nil, w), max(avail/3, 3))
		body = append(body, eng...)
		avail -= 1 + len(eng)
		if d.secret {
			body = append(body, st.Severity(validate.Warning).Render(truncate("▲ The prompt holds what looks like a secret key: it is not copied below.", w)))
			avail--
		}
	}
	body = append(body, "", st.Bold.Render("Reviewed "+sanitize(d.langName)+" translation"))
	ah := clamp(avail-3, 3, 10)
	d.area.SetSize(w-2, ah)
	text := strings.Split(d.area.View(), "\n")
	for len(text) < ah {
		text = append(text, "")
	}
	area := lipgloss.NewStyle().Border(lipgloss.NormalBorder(), false, false, false, true).
		BorderForeground(st.BorderFocused.GetForeground()).PaddingLeft(1).Render(strings.Join(text, "\n"))
	body = append(body, strings.Split(area, "\n")...)
	hint := "enter save · alt+enter new line · esc cancel"
	if d.had {
		hint = "enter save · empty removes it · alt+enter new line · esc cancel"
	}
	body = append(body, "", st.Muted.Render(truncate(hint, w)))
	return dialogFrame(st, "Translation", body, w)
}

// promptText is a prompt without its "Say:" marker.
func promptText(prompt string) string {
	_, text := i18n.SplitSay(prompt)
	return text
}

// clip keeps at most n lines, the last one saying how many were left out.
func clip(ls []string, n int) []string {
	if len(ls) <= n {
		return ls
	}
	out := append([]string{}, ls[:n-1]...)
	return append(out, "… "+plural(len(ls)-n+1, "more line"))
}

// markWords wraps text to w cells, drawing the words whose index is in
// marked with the match style (a changed word of a stale translation).
func markWords(st *Styles, text string, marked map[int]bool, w int) []string {
	var out []string
	word := 0
	for _, para := range strings.Split(text, "\n") {
		var cur []string
		curW := 0
		flush := func() {
			out = append(out, strings.Join(cur, " "))
			cur, curW = nil, 0
		}
		for _, f := range strings.Fields(para) {
			s := f
			if width(s) > w {
				s = truncate(s, w)
			}
			if marked[word] {
				s = st.Match.Render(s)
			}
			word++
			fw := width(s)
			if curW > 0 && curW+1+fw > w {
				flush()
			}
			if curW > 0 {
				curW++
			}
			cur = append(cur, s)
			curW += fw
		}
		flush()
	}
	return out
}

// wordDiff marks the words of a that are not in b and the words of b that
// are not in a, along a longest common subsequence of words (word indexes
// as markWords counts them). Long texts are compared without marks.
func wordDiff(a, b string) (inA, inB map[int]bool) {
	wa, wb := strings.Fields(a), strings.Fields(b)
	inA, inB = map[int]bool{}, map[int]bool{}
	if len(wa)*len(wb) > 200000 {
		return nil, nil
	}
	// lcs[i][j]: the LCS length of wa[i:] and wb[j:].
	lcs := make([][]int32, len(wa)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(wb)+1)
	}
	for i := len(wa) - 1; i >= 0; i-- {
		for j := len(wb) - 1; j >= 0; j-- {
			if wa[i] == wb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(wa) && j < len(wb) {
		switch {
		case wa[i] == wb[j]:
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			inA[i] = true
			i++
		default:
			inB[j] = true
			j++
		}
	}
	for ; i < len(wa); i++ {
		inA[i] = true
	}
	for ; j < len(wb); j++ {
		inB[j] = true
	}
	return inA, inB
}
