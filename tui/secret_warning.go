package tui

import (
	tea "charm.land/bubbletea/v2"

	"flowsmith/validate"
)

// secretWarning asks before saving bytes that hold what looks like a secret
// key — in the document, or in the translations a save writes next to it
// (the sidecar) —; then runs the save. Without a secret it saves at once.
func (a *app) secretWarning(save func() tea.Cmd) tea.Cmd {
	c := a.ctx
	what, inSidecar := secretIn(c)
	if what == "" {
		return save()
	}
	title, where, fix := "Secret key in the file", "This file contains", "remove the key (the problems pane shows where), then save"
	if inSidecar {
		title, where, fix = "Secret key in the translations", "Its translations contain",
			"remove the key from the translation (t in the preview), then save"
	}
	c.openDialog(&choiceDialog{st: c.Styles, keys: c.Keys, title: title, cancel: 1, focus: 1,
		body: []string{
			where + " what looks like " + what + ".",
			"Anyone who can read the file can use the key, and it may end up in version control.",
			"",
			"Save anyway?",
		},
		choices: []choice{
			{key: "y", label: "save anyway", action: save},
			{key: "n", label: "cancel", action: func() tea.Cmd {
				a.pendingQuit = false
				c.Message("not saved: " + fix)
				return nil
			}},
		}})
	return nil
}

// secretIn describes the secret in what a save writes ("a secret key
// (sk_live_…)"), or "" when there is none: the document first, then its
// translations (inSidecar), which the save writes too. It never shows the
// secret itself: only the prefix that Redact keeps.
func secretIn(c *Context) (what string, inSidecar bool) {
	found := validate.ContainsSecret(string(c.Doc.Src))
	for i := range c.Findings {
		found = found || c.Findings[i].Rule == "secret-in-flow"
	}
	if found {
		return secretKind(string(c.Doc.Src)), false
	}
	if sc := c.sidecar().cur; sc != nil {
		if side := string(sc.Bytes()); validate.ContainsSecret(side) {
			return secretKind(side), true
		}
	}
	return "", false
}

// secretKind names the kind of the first secret in src by its prefix, the
// part Redact keeps.
func secretKind(src string) string {
	switch p := validate.FirstSecretPrefix(src); {
	case p == "whsec_":
		return "a webhook signing secret (whsec_…)"
	case p != "":
		return "a secret key (" + p + "…)"
	}
	return "a secret key" // written with JSON escapes: found only once decoded
}
