// Package i18n is flowsmith's language engine: the catalog of FaceSign session
// languages, session-language resolution, the speech-time estimator, locale-aware
// formatting and per-language sample data. It knows nothing about flows; the
// flow-aware preview is built on top of it.
package i18n

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Rule ids reported by Validate (see rules.md, "Session body and languages").
const (
	RuleInvalidLang     = "invalid-lang"
	RuleUnsupportedLang = "unsupported-lang"
)

// defaultCodes is the default catalog, spelled as FaceSign spells it.
var defaultCodes = []string{"en", "it", "de", "fr", "es", "pt", "ru", "ja", "id", "no", "zh", "zh-TW", "zh-HK"}

// DefaultCodes returns the codes of the default catalog, in catalog order.
func DefaultCodes() []string { return append([]string(nil), defaultCodes...) }

// Language is one catalog entry.
type Language struct {
	Code    string // as the catalog spells it, e.g. "zh-TW"
	English string // English display name, e.g. "German"
	Native  string // the language's own name for itself, e.g. "Deutsch"
}

// nameOverrides replaces x/text display names that would mislead here: x/text
// treats "no" as Norwegian Bokmål, gives zh-TW and zh-HK the same native name,
// and calls Indonesian just "Indonesia".
var nameOverrides = map[string][2]string{
	"id":    {"Indonesian", "Bahasa Indonesia"},
	"no":    {"Norwegian", "norsk"},
	"zh":    {"Chinese (Simplified)", "简体中文"},
	"zh-tw": {"Chinese (Traditional, Taiwan)", "繁體中文（台灣）"},
	"zh-hk": {"Chinese (Traditional, Hong Kong)", "繁體中文（香港）"},
}

// Catalog is an ordered set of session languages. Codes compare
// case-insensitively; results always use the catalog's own spelling. The zero
// Catalog behaves as DefaultCatalog().
type Catalog struct {
	langs []Language
	index map[string]int // lower-case code → position in langs
}

var defaultCatalog = sync.OnceValue(func() Catalog {
	c, err := NewCatalog(defaultCodes)
	if err != nil {
		panic(err) // the built-in list is valid; covered by tests
	}
	return c
})

// DefaultCatalog returns the default catalog (flow-format.md, "Languages").
func DefaultCatalog() Catalog { return defaultCatalog() }

// NewCatalog builds a catalog from codes, keeping their spelling and order.
// Every code must be a valid BCP 47 tag (hyphens, not underscores); a code
// repeated in another case is dropped. An empty list is an error.
func NewCatalog(codes []string) (Catalog, error) {
	if len(codes) == 0 {
		return Catalog{}, errors.New("language catalog is empty")
	}
	c := Catalog{index: make(map[string]int, len(codes))}
	for _, code := range codes {
		t, err := parseStrict(code)
		if err != nil {
			return Catalog{}, fmt.Errorf("language catalog: %q: %w", code, err)
		}
		key := strings.ToLower(code)
		if _, dup := c.index[key]; dup {
			continue
		}
		c.index[key] = len(c.langs)
		c.langs = append(c.langs, newLanguage(code, t))
	}
	return c, nil
}

func newLanguage(code string, t language.Tag) Language {
	if o, ok := nameOverrides[strings.ToLower(code)]; ok {
		return Language{Code: code, English: o[0], Native: o[1]}
	}
	l := Language{Code: code, English: display.English.Tags().Name(t), Native: display.Self.Name(t)}
	if l.English == "" {
		l.English = code
	}
	if l.Native == "" {
		l.Native = l.English
	}
	return l
}

func (c Catalog) resolved() Catalog {
	if c.langs == nil {
		return DefaultCatalog()
	}
	return c
}

// Languages returns the catalog entries in order (a copy).
func (c Catalog) Languages() []Language {
	return append([]Language(nil), c.resolved().langs...)
}

// Codes returns the catalog codes in order, in the catalog's spelling.
func (c Catalog) Codes() []string {
	langs := c.resolved().langs
	out := make([]string, len(langs))
	for i, l := range langs {
		out[i] = l.Code
	}
	return out
}

// Lookup finds code case-insensitively (surrounding spaces ignored).
func (c Catalog) Lookup(code string) (Language, bool) {
	c = c.resolved()
	i, ok := c.index[strings.ToLower(strings.TrimSpace(code))]
	if !ok {
		return Language{}, false
	}
	return c.langs[i], true
}

// Contains reports whether code is in the catalog, ignoring case.
func (c Catalog) Contains(code string) bool {
	_, ok := c.Lookup(code)
	return ok
}

// EqualCode reports whether two language codes are the same code, compared
// case-insensitively as FaceSign compares them ("zh-tw" equals "zh-TW"; "nb"
// does not equal "no").
func EqualCode(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

// LangError explains why Validate rejected a code.
type LangError struct {
	Rule       string // RuleInvalidLang or RuleUnsupportedLang
	Code       string // the code as given
	Suggestion string // a catalog code the code would resolve to, if any
	Err        error  // the parse error for RuleInvalidLang
}

func (e *LangError) Error() string {
	var msg string
	switch e.Rule {
	case RuleInvalidLang:
		msg = fmt.Sprintf("%q is not a valid BCP 47 language tag", e.Code)
		if e.Err != nil {
			msg += ": " + e.Err.Error()
		}
	default:
		msg = fmt.Sprintf("%q is not in the language catalog", e.Code)
	}
	if e.Suggestion != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", e.Suggestion)
	}
	return msg
}

func (e *LangError) Unwrap() error { return e.Err }

// Validate checks a code from `langs` or `defaultLang`. A catalog code (any
// case) returns the catalog's spelling and nil. A valid BCP 47 tag outside the
// catalog returns its canonical form and a *LangError with RuleUnsupportedLang.
// Anything else returns "" and a *LangError with RuleInvalidLang. Suggestion is
// the catalog code a browser sending this tag would get (e.g. "en-US" → "en",
// "nb" → "no", "en_US" → "en"); for an invalid code it is the catalog code of
// the tag with '_' replaced by '-', or that tag itself.
func (c Catalog) Validate(code string) (string, error) {
	c = c.resolved()
	if l, ok := c.index[strings.ToLower(code)]; ok {
		return c.langs[l].Code, nil
	}
	t, err := parseStrict(code)
	if err != nil {
		e := &LangError{Rule: RuleInvalidLang, Code: code, Err: err}
		if fixed := strings.ReplaceAll(strings.TrimSpace(code), "_", "-"); fixed != code {
			if _, ferr := parseStrict(fixed); ferr == nil {
				e.Suggestion = fixed
				if r := Resolve(fixed, nil, "", c); !r.Fallback {
					e.Suggestion = r.Lang
				}
			}
		}
		return "", e
	}
	e := &LangError{Rule: RuleUnsupportedLang, Code: code}
	if r := Resolve(code, nil, "", c); !r.Fallback {
		e.Suggestion = r.Lang
	}
	return t.String(), e
}

// Validate checks code against the default catalog; see Catalog.Validate.
func Validate(code string) (string, error) { return DefaultCatalog().Validate(code) }

// parseStrict parses a BCP 47 tag, rejecting what language.Parse tolerates but
// BCP 47 does not: underscores and surrounding spaces.
func parseStrict(code string) (language.Tag, error) {
	if code == "" {
		return language.Und, errors.New("empty tag")
	}
	if strings.ContainsAny(code, "_ \t\n") {
		return language.Und, errors.New("tag contains '_' or spaces")
	}
	return language.Parse(code)
}
