package i18n

import (
	"strings"

	"golang.org/x/text/language"
)

// Resolution is the session language a visitor with one browser language gets.
type Resolution struct {
	Browser  string // the browser tag as given
	Lang     string // the session language (catalog spelling where it is a catalog code)
	Fallback bool   // Lang is the default language because nothing matched
	Reason   string // how Lang was chosen, e.g. "base language fr"
}

// CommonBrowserTags are the browser languages the preview resolves (languages.md).
var CommonBrowserTags = []string{
	"en-US", "en-GB", "fr-FR", "fr-CA", "de-DE", "de-AT", "es-ES", "es-MX", "it-IT",
	"pt-BR", "pt-PT", "ru-RU", "ja-JP", "zh-CN", "zh-Hans", "zh-Hant", "zh-TW", "zh-HK",
	"id-ID", "nb-NO", "ko-KR", "ar-SA",
}

// DefaultLang is the session language when the body has no defaultLang.
const DefaultLang = "en"

// Resolve picks the session language for a browser language, following
// flow-format.md ("Languages"):
//
//  1. parse the browser tag as BCP 47, ignoring case (unparsable or empty → default);
//  2. map aliases: zh-Hans[-R] → zh, zh-Hant → zh-TW, zh-Hant-R → zh-R when
//     zh-R is allowed (else zh-TW), and nb / nn (Norwegian Bokmål / Nynorsk) → no;
//  3. if the (mapped) tag is allowed, use it;
//  4. else if its base language is allowed (fr-CA → fr), use that;
//  5. else use defaultLang ("en" when empty), with Fallback set.
//
// The allowed set is langs, compared case-insensitively; with no langs (nil or
// empty) it is every catalog language. Results use the catalog's spelling.
func Resolve(browser string, langs []string, defaultLang string, cat Catalog) Resolution {
	cat = cat.resolved()
	allowed, scope := allowedSet(langs, cat)
	has := func(code string) (string, bool) {
		s, ok := allowed[strings.ToLower(code)]
		return s, ok
	}
	r := Resolution{Browser: browser}
	fallback := func(reason string) Resolution {
		r.Lang, r.Fallback, r.Reason = DefaultFor(defaultLang, cat), true, reason
		return r
	}

	tag := strings.TrimSpace(browser)
	if tag == "" {
		return fallback("no browser language")
	}
	t, err := language.Parse(tag)
	if err != nil {
		return fallback("invalid BCP 47 tag")
	}
	canon := t.String()
	mapped := alias(t, func(c string) bool { _, ok := has(c); return ok })
	var note string
	if mapped != canon {
		note = "alias " + canon + " → " + mapped
	}
	if lang, ok := has(mapped); ok {
		r.Lang, r.Reason = lang, "exact match"
		if note != "" {
			r.Reason = note
		}
		return r
	}
	if base, _, _ := strings.Cut(mapped, "-"); base != "und" {
		if lang, ok := has(base); ok {
			r.Lang, r.Reason = lang, join(note, "base language "+base)
			return r
		}
	}
	return fallback(join(note, "not in "+scope))
}

// ResolutionTable resolves every tag of CommonBrowserTags.
func ResolutionTable(langs []string, defaultLang string, cat Catalog) []Resolution {
	out := make([]Resolution, len(CommonBrowserTags))
	for i, tag := range CommonBrowserTags {
		out[i] = Resolve(tag, langs, defaultLang, cat)
	}
	return out
}

// allowedSet maps lower-case codes to their output spelling: the catalog's
// spelling for catalog codes, else the code as written in langs.
func allowedSet(langs []string, cat Catalog) (map[string]string, string) {
	set := make(map[string]string)
	if len(langs) == 0 {
		for _, l := range cat.langs {
			set[strings.ToLower(l.Code)] = l.Code
		}
		return set, "catalog"
	}
	for _, code := range langs {
		code = strings.TrimSpace(code)
		if code == "" {
			continue
		}
		if l, ok := cat.Lookup(code); ok {
			code = l.Code
		}
		if _, dup := set[strings.ToLower(code)]; !dup {
			set[strings.ToLower(code)] = code
		}
	}
	return set, "langs"
}

// DefaultFor returns defaultLang, trimmed ("en" when empty), in the catalog's
// spelling.
func DefaultFor(defaultLang string, cat Catalog) string {
	d := strings.TrimSpace(defaultLang)
	if d == "" {
		d = DefaultLang
	}
	if l, ok := cat.Lookup(d); ok {
		return l.Code
	}
	return d
}

// alias maps script and macro-language aliases (step 2 of Resolve); other tags
// come back in canonical form unchanged.
func alias(t language.Tag, allowed func(string) bool) string {
	s := t.String()
	base, conf := t.Base()
	if conf != language.Exact {
		return s
	}
	switch b := base.String(); b {
	case "nb", "nn":
		return "no" + s[len(b):]
	case "zh":
		script, sc := t.Script()
		if sc != language.Exact {
			return s
		}
		regional := ""
		if region, rc := t.Region(); rc == language.Exact {
			regional = "zh-" + region.String()
		}
		switch script.String() {
		case "Hans":
			return "zh" // zh-Hans, zh-Hans-CN, zh-Hans-SG …
		case "Hant":
			if regional != "" && allowed(regional) {
				return regional // zh-Hant-HK → zh-HK
			}
			return "zh-TW"
		}
	}
	return s
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + ", " + b
}
