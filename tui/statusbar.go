package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"

	"flowsmith/validate"
)

// statusBar draws the status line: file name, modified mark, form, finding
// counts, undo depth and the message of the last action.
func statusBar(c *Context, w int) string {
	st := c.Styles
	bar := st.StatusBar
	name := sanitize(c.FileName())
	left := st.StatusFile.Render(" " + name)
	if c.unsaved() {
		left += st.Modified.Render(" [+]")
	}
	if c.Doc != nil {
		left += bar.Render("  " + c.Doc.Form.String())
	} else if c.Opts.Path != "" {
		left += bar.Render("  read-only")
	}
	n := c.Counts
	counts := sevCount(c, validate.Error, n.Errors) + bar.Render(" ") + sevCount(c, validate.Warning, n.Warnings) + bar.Render(" ") + sevCount(c, validate.Info, n.Infos)
	if c.Validating {
		counts = st.StatusMsg.Render("checking…")
	}
	right := bar.Render("  ") + counts + bar.Render("  undo "+itoa(c.undoDepth())+" ")
	msgW := w - width(left) - width(right) - 2
	msg := ""
	if c.lastMessage != "" && msgW > 3 {
		ms := st.StatusMsg
		if c.lastIsError {
			ms = st.StatusErrMsg
		}
		msg = ms.Render("  " + truncate(clean(c.lastMessage), msgW))
	}
	fill := w - width(left) - width(msg) - width(right)
	if fill < 0 {
		return truncate(left+msg+right, w)
	}
	return left + msg + bar.Render(strings.Repeat(" ", fill)) + right
}

func sevCount(c *Context, sev validate.Severity, n int) string {
	st := c.Styles
	s := st.StatusBar
	if n > 0 {
		s = st.Severity(sev).Background(st.StatusBar.GetBackground())
	}
	return s.Render(sevGlyph(sev) + " " + itoa(n))
}

// globalHelp are the keys the help line shows after a pane's own.
func globalHelp(k *KeyMap) []key.Binding {
	return []key.Binding{k.NextPane, withHelp(k.Undo, "undo"), k.Save, k.Help, k.Quit}
}

// helpLine draws the one-line key help, cut to the width.
func helpLine(c *Context, keys []key.Binding, w int) string {
	st := c.Styles
	sep := st.Faint.Render(" · ")
	var b strings.Builder
	b.WriteString(" ")
	used := 1
	for i, kb := range keys {
		if !kb.Enabled() {
			continue
		}
		h := kb.Help()
		item := st.Key.Render(h.Key) + " " + st.KeyDesc.Render(h.Desc)
		iw := width(item)
		if i > 0 {
			iw += 3
		}
		if used+iw > w {
			break
		}
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(item)
		used += iw
	}
	return padRight(b.String(), w)
}
