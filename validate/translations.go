package validate

// Reviewed-translation rules (languages.md, "Reviewed translations"). They read
// the flow's translations sidecar (NAME.i18n.json), which the caller loads with
// i18n.LoadSidecar(i18n.SidecarPath(path)) and passes in Options; without a
// sidecar neither rule fires.
//
// Which prompts: every node whose prompt the avatar speaks (i18n.NodePrompt:
// conversation, enter_email, permissions), in file order, unreachable ones
// included. Sidecar entries for ids no node has (a node deleted or renamed
// outside flowsmith) are not reported: there is nothing in the flow to point
// at.

import (
	"fmt"
	"strings"
	"unicode/utf8"

	fg "flowsmith/flowgraph"
	"flowsmith/i18n"
)

// translations is the sidecar of this run, nil when the flow has none.
func (c *Context) translations() *i18n.Sidecar { return c.Translations }

func checkMissingTranslation(c *Context) { missingTranslations(c, c.translations()) }
func checkStaleTranslation(c *Context)   { staleTranslations(c, c.translations()) }

// translationCatalog is the project's language catalog, for language names.
func translationCatalog(c *Context) i18n.Catalog {
	if c.Config != nil && len(c.Config.Languages) > 0 {
		if cat, err := i18n.NewCatalog(c.Config.Languages); err == nil {
			return cat
		}
	}
	return i18n.DefaultCatalog()
}

// translationLangs are the languages a `Say:` prompt should have a reviewed
// translation for: the body's `langs`, or, when it sets none (every catalog
// language is then allowed), the languages the sidecar itself holds. English
// is left out: prompts are written in English.
func translationLangs(c *Context, sc *i18n.Sidecar, cat i18n.Catalog) []string {
	langs := c.Doc.Body().Get("langs").Strings()
	if len(langs) == 0 {
		langs = sc.Languages()
	}
	var out []string
	for _, l := range langs {
		l = strings.TrimSpace(l)
		if cl, ok := cat.Lookup(l); ok {
			l = cl.Code
		}
		if l == "" || i18n.IsEnglish(l) || containsFold(out, l) {
			continue
		}
		out = append(out, l)
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, l := range list {
		if i18n.EqualCode(l, s) {
			return true
		}
	}
	return false
}

// langNames lists codes with their English names: "de (German) and fr (French)".
func langNames(codes []string, cat i18n.Catalog) string {
	parts := make([]string, len(codes))
	for i, code := range codes {
		parts[i] = code
		if l, ok := cat.Lookup(code); ok {
			parts[i] += " (" + l.English + ")"
		}
	}
	switch len(parts) {
	case 1:
		return parts[0]
	case 2:
		return parts[0] + " and " + parts[1]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// spokenPrompts calls fn for every node with an id and a spoken prompt.
func spokenPrompts(c *Context, fn func(n *fg.Node, prompt, ptr string)) {
	for i := range c.Doc.Nodes {
		n := &c.Doc.Nodes[i]
		if prompt, ptr, ok := i18n.NodePrompt(n); ok && n.ID != "" {
			fn(n, prompt, ptr)
		}
	}
}

// missingTranslations reports each `Say:` prompt that lacks a reviewed
// translation for some language of translationLangs: one finding per node,
// naming the languages.
func missingTranslations(c *Context, sc *i18n.Sidecar) {
	if sc == nil {
		return
	}
	cat := translationCatalog(c)
	langs := translationLangs(c, sc, cat)
	if len(langs) == 0 {
		return
	}
	spokenPrompts(c, func(n *fg.Node, prompt, ptr string) {
		if direct, _ := i18n.SplitSay(prompt); !direct {
			return // descriptive prompts are worded at run time in any language
		}
		var missing []string
		for _, l := range langs {
			if sc.Status(l, n.ID, prompt) == i18n.StatusRuntime {
				missing = append(missing, l)
			}
		}
		if len(missing) == 0 {
			return
		}
		c.Report(Finding{Rule: "missing-translation", Node: n.ID, Pointer: ptr,
			Message: fmt.Sprintf("the Say: prompt of %q has no reviewed %s translation; the service translates it at run time",
				n.ID, langNames(missing, cat)),
			Hint: "add a reviewed translation in the preview pane (t) if this text is legal or brand copy"})
	})
}

// staleTranslations reports each spoken prompt whose reviewed translations
// (in any sidecar language) were made from a different English prompt: one
// finding per node, naming the languages and the old source.
func staleTranslations(c *Context, sc *i18n.Sidecar) {
	if sc == nil {
		return
	}
	cat := translationCatalog(c)
	langs := sc.Languages()
	spokenPrompts(c, func(n *fg.Node, prompt, ptr string) {
		var stale []string
		source := ""
		for _, l := range langs {
			if sc.Status(l, n.ID, prompt) == i18n.StatusStale {
				stale = append(stale, l)
				if source == "" {
					t, _ := sc.Get(l, n.ID)
					source = t.Source
				}
			}
		}
		if len(stale) == 0 {
			return
		}
		noun, verb := "translation", "was"
		if len(stale) > 1 {
			noun, verb = "translations", "were"
		}
		c.Report(Finding{Rule: "stale-translation", Node: n.ID, Pointer: ptr,
			Message: fmt.Sprintf("the reviewed %s %s of %q %s made from an earlier prompt (%q)",
				langNames(stale, cat), noun, n.ID, verb, clipText(source, 60)),
			Hint: "review the translation against the current prompt and save it again (t in the preview pane), or delete it to translate at run time"})
	})
}

// clipText shortens s to at most n characters, marking a cut with "…".
func clipText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
