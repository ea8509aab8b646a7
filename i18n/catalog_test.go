package i18n

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestDefaultCatalogCodesAndNames(t *testing.T) {
	want := []string{"en", "it", "de", "fr", "es", "pt", "ru", "ja", "id", "no", "zh", "zh-TW", "zh-HK"}
	if got := DefaultCatalog().Codes(); !slices.Equal(got, want) {
		t.Fatalf("Codes() = %v, want %v", got, want)
	}
	if got := (Catalog{}).Codes(); !slices.Equal(got, want) {
		t.Errorf("zero Catalog Codes() = %v, want the default %v", got, want)
	}
	if got := DefaultCodes(); !slices.Equal(got, want) {
		t.Errorf("DefaultCodes() = %v", got)
	}
	names := []Language{
		{"en", "English", "English"},
		{"de", "German", "Deutsch"},
		{"fr", "French", "français"},
		{"ja", "Japanese", "日本語"},
		{"ru", "Russian", "русский"},
		{"id", "Indonesian", "Bahasa Indonesia"},
		{"no", "Norwegian", "norsk"},
		{"zh", "Chinese (Simplified)", "简体中文"},
		{"zh-TW", "Chinese (Traditional, Taiwan)", "繁體中文（台灣）"},
		{"zh-HK", "Chinese (Traditional, Hong Kong)", "繁體中文（香港）"},
	}
	for _, w := range names {
		got, ok := DefaultCatalog().Lookup(w.Code)
		if !ok || got != w {
			t.Errorf("Lookup(%q) = %+v, %v; want %+v", w.Code, got, ok, w)
		}
	}
}

func TestDefaultCodesIsACopy(t *testing.T) {
	DefaultCodes()[0] = "xx"
	if DefaultCatalog().Codes()[0] != "en" || DefaultCodes()[0] != "en" {
		t.Fatal("DefaultCodes exposes the package's list")
	}
}

func TestLookupIgnoresCaseKeepsCatalogSpelling(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"zh-TW", "zh-TW", true},
		{"ZH-tw", "zh-TW", true},
		{"zh-hk", "zh-HK", true},
		{"NO", "no", true},
		{" de ", "de", true},
		{"nb", "", false},
		{"zh-Hant", "", false},
		{"en-US", "", false},
		{"", "", false},
	}
	for _, c := range cases {
		l, ok := DefaultCatalog().Lookup(c.in)
		if ok != c.ok || l.Code != c.want {
			t.Errorf("Lookup(%q) = %q, %v; want %q, %v", c.in, l.Code, ok, c.want, c.ok)
		}
		if DefaultCatalog().Contains(c.in) != c.ok {
			t.Errorf("Contains(%q) != %v", c.in, c.ok)
		}
	}
}

func TestNewCatalog(t *testing.T) {
	c, err := NewCatalog([]string{"en", "ko", "EN", "pt-BR"})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Codes(); !slices.Equal(got, []string{"en", "ko", "pt-BR"}) {
		t.Errorf("Codes() = %v, want [en ko pt-BR] (duplicate in other case dropped)", got)
	}
	if l, _ := c.Lookup("KO"); l != (Language{"ko", "Korean", "한국어"}) {
		t.Errorf("Lookup(KO) = %+v", l)
	}
	if c.Contains("de") {
		t.Error("custom catalog contains de")
	}
	for _, bad := range [][]string{nil, {}, {"en", "xx"}, {"en_US"}, {""}, {" en"}} {
		if _, err := NewCatalog(bad); err == nil {
			t.Errorf("NewCatalog(%q) accepted", bad)
		}
	}
}

func TestLanguagesIsACopy(t *testing.T) {
	l := DefaultCatalog().Languages()
	l[0].Code = "xx"
	if DefaultCatalog().Languages()[0].Code != "en" {
		t.Fatal("Languages exposes the catalog's slice")
	}
}

func TestValidate(t *testing.T) {
	cases := []struct {
		code, canon, rule, suggest string
	}{
		{"de", "de", "", ""},
		{"DE", "de", "", ""},
		{"zh-tw", "zh-TW", "", ""},
		{"ZH-HK", "zh-HK", "", ""},
		{"No", "no", "", ""},
		{"en-US", "en-US", RuleUnsupportedLang, "en"},
		{"EN-us", "en-US", RuleUnsupportedLang, "en"},
		{"nb", "nb", RuleUnsupportedLang, "no"},
		{"zh-Hant", "zh-Hant", RuleUnsupportedLang, "zh-TW"},
		{"zh-hans-cn", "zh-Hans-CN", RuleUnsupportedLang, "zh"},
		{"zh-Hant-HK", "zh-Hant-HK", RuleUnsupportedLang, "zh-HK"},
		{"in", "id", RuleUnsupportedLang, "id"}, // deprecated code: FaceSign compares strings
		{"ko", "ko", RuleUnsupportedLang, ""},
		{"und", "und", RuleUnsupportedLang, ""},
		{"xx", "", RuleInvalidLang, ""},
		{"english", "", RuleInvalidLang, ""},
		{"", "", RuleInvalidLang, ""},
		{"en--US", "", RuleInvalidLang, ""},
		{"en_US", "", RuleInvalidLang, "en"},
		{"pt_BR", "", RuleInvalidLang, "pt"},
		{"ko_KR", "", RuleInvalidLang, "ko-KR"},
		{" de", "", RuleInvalidLang, "de"},
	}
	for _, c := range cases {
		canon, err := Validate(c.code)
		if canon != c.canon {
			t.Errorf("Validate(%q) canonical = %q, want %q", c.code, canon, c.canon)
		}
		if c.rule == "" {
			if err != nil {
				t.Errorf("Validate(%q) = %v, want nil", c.code, err)
			}
			continue
		}
		var le *LangError
		if !errors.As(err, &le) {
			t.Errorf("Validate(%q) error = %v, want *LangError", c.code, err)
			continue
		}
		if le.Rule != c.rule || le.Suggestion != c.suggest || le.Code != c.code {
			t.Errorf("Validate(%q) = {%s %q %q}, want {%s %q %q}", c.code, le.Rule, le.Code, le.Suggestion, c.rule, c.code, c.suggest)
		}
		if c.suggest != "" && !strings.Contains(err.Error(), `did you mean "`+c.suggest+`"`) {
			t.Errorf("Validate(%q) message %q lacks the suggestion", c.code, err)
		}
	}
}

func TestValidateErrorText(t *testing.T) {
	_, err := Validate("xx")
	if got := err.Error(); !strings.HasPrefix(got, `"xx" is not a valid BCP 47 language tag`) {
		t.Errorf("invalid message = %q", got)
	}
	_, err = Validate("ko")
	if got := err.Error(); got != `"ko" is not in the language catalog` {
		t.Errorf("unsupported message = %q", got)
	}
}

func TestValidateCustomCatalog(t *testing.T) {
	c, err := NewCatalog([]string{"en", "ko"})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := c.Validate("KO"); got != "ko" || err != nil {
		t.Errorf("Validate(KO) = %q, %v", got, err)
	}
	var le *LangError
	if _, err := c.Validate("de"); !errors.As(err, &le) || le.Rule != RuleUnsupportedLang {
		t.Errorf("Validate(de) = %v, want unsupported", err)
	}
	if _, err := c.Validate("ko-KR"); !errors.As(err, &le) || le.Suggestion != "ko" {
		t.Errorf("Validate(ko-KR) = %v, want suggestion ko", err)
	}
}

func TestEqualCode(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"zh-TW", "zh-tw", true},
		{"EN", "en", true},
		{" de", "de", true},
		{"nb", "no", false},
		{"en", "en-US", false},
		{"zh-Hant", "zh-TW", false},
	}
	for _, c := range cases {
		if got := EqualCode(c.a, c.b); got != c.want {
			t.Errorf("EqualCode(%q, %q) = %v", c.a, c.b, got)
		}
	}
}
