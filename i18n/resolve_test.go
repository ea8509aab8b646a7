package i18n

import (
	"slices"
	"strings"
	"testing"
)

type resolveCase struct {
	browser, want string
	fallback      bool
}

func checkResolve(t *testing.T, langs []string, def string, cat Catalog, cases []resolveCase) {
	t.Helper()
	for _, c := range cases {
		r := Resolve(c.browser, langs, def, cat)
		if r.Lang != c.want || r.Fallback != c.fallback || r.Browser != c.browser {
			t.Errorf("Resolve(%q, %q, %q) = %+v; want Lang %q Fallback %v", c.browser, langs, def, r, c.want, c.fallback)
		}
		if r.Reason == "" {
			t.Errorf("Resolve(%q) has no reason", c.browser)
		}
	}
}

// No langs: every catalog language is allowed; no defaultLang means "en".
func TestResolveNoLangs(t *testing.T) {
	checkResolve(t, nil, "", Catalog{}, []resolveCase{
		{"en", "en", false},
		{"en-US", "en", false},
		{"en-GB", "en", false},
		{"EN-us", "en", false},
		{"fr-FR", "fr", false},
		{"fr-CA", "fr", false},
		{"de-DE", "de", false},
		{"de-AT", "de", false},
		{"de-DE-u-co-phonebk", "de", false},
		{"es-ES", "es", false},
		{"es-MX", "es", false},
		{"it", "it", false},
		{"it-IT", "it", false},
		{"pt-BR", "pt", false},
		{"pt-PT", "pt", false},
		{"ru-RU", "ru", false},
		{"ja-JP", "ja", false},
		{"id-ID", "id", false},
		{"in-ID", "id", false}, // deprecated code, canonicalised by BCP 47 parsing
		{"no", "no", false},
		{"no-NO", "no", false},
		{"nb", "no", false},
		{"nb-NO", "no", false},
		{"nn-NO", "no", false},
		{"zh", "zh", false},
		{"zh-CN", "zh", false},
		{"zh-SG", "zh", false},
		{"zh-Hans", "zh", false},
		{"zh-hans-cn", "zh", false},
		{"zh-Hant", "zh-TW", false},
		{"zh-hant-tw", "zh-TW", false},
		{"zh-Hant-HK", "zh-HK", false},
		{"zh-Hant-MO", "zh-TW", false}, // zh-MO is not allowed: zh-Hant → zh-TW
		{"zh-TW", "zh-TW", false},
		{"zh-tw", "zh-TW", false},
		{"ZH-HK", "zh-HK", false},
		{"zh-MO", "zh", false}, // no script subtag: base language, as the spec says
		{"en_US", "en", false}, // lenient: x/text reads '_' as '-'
		{"ko-KR", "en", true},
		{"ar-SA", "en", true},
		{"he", "en", true},
		{"iw-IL", "en", true},
		{"und", "en", true},
		{"x-private", "en", true},
		{"", "en", true},
		{"   ", "en", true},
		{"xx", "en", true},
		{"not a tag", "en", true},
		{"fr-CA,fr;q=0.9", "en", true}, // an Accept-Language header is not a tag
		{"en--US", "en", true},
	})
}

func TestResolveWithLangs(t *testing.T) {
	checkResolve(t, []string{"en", "fr", "zh-TW"}, "fr", Catalog{}, []resolveCase{
		{"fr-CA", "fr", false},
		{"en-GB", "en", false},
		{"de-DE", "fr", true},
		{"zh-Hant", "zh-TW", false},
		{"zh-Hant-HK", "zh-TW", false}, // zh-HK not allowed → zh-TW
		{"zh-HK", "fr", true},          // base zh not allowed: spec-literal
		{"zh-CN", "fr", true},
		{"zh-Hans", "fr", true},
		{"nb-NO", "fr", true},
		{"", "fr", true},
	})
}

// langs and defaultLang in another case come back in the catalog's spelling.
func TestResolveSpelling(t *testing.T) {
	checkResolve(t, []string{"EN", "zh-tw", "ZH", " de "}, "EN", Catalog{}, []resolveCase{
		{"en-US", "en", false},
		{"ko", "en", true},
		{"zh-HK", "zh", false},
		{"zh-Hant", "zh-TW", false},
		{"de-CH", "de", false},
	})
}

// langs may name codes outside the catalog; they resolve as written.
func TestResolveNonCatalogLangs(t *testing.T) {
	checkResolve(t, []string{"fr-CA", "ko", "nb"}, "ko", Catalog{}, []resolveCase{
		{"fr-CA", "fr-CA", false},
		{"FR-ca", "fr-CA", false},
		{"fr-FR", "ko", true},
		{"ko-KR", "ko", false},
		{"nb-NO", "ko", true}, // nb → no, and no is not in langs
	})
}

func TestResolveDefaultOutsideCatalog(t *testing.T) {
	r := Resolve("ar", []string{"en"}, " Pt-br ", Catalog{})
	if r.Lang != "Pt-br" || !r.Fallback {
		t.Errorf("Resolve = %+v, want the default as written", r)
	}
}

func TestResolveCustomCatalog(t *testing.T) {
	cat, err := NewCatalog([]string{"en", "zh-HK"})
	if err != nil {
		t.Fatal(err)
	}
	checkResolve(t, nil, "", cat, []resolveCase{
		{"zh-Hant-HK", "zh-HK", false},
		{"zh-Hant", "en", true}, // → zh-TW → zh: neither allowed
		{"de-DE", "en", true},
	})
}

func TestResolveReasons(t *testing.T) {
	cases := []struct {
		browser string
		langs   []string
		reason  string
	}{
		{"fr", nil, "exact match"},
		{"fr-CA", nil, "base language fr"},
		{"zh-Hant", nil, "alias zh-Hant → zh-TW"},
		{"nb-NO", nil, "alias nb-NO → no-NO, base language no"},
		{"ko-KR", nil, "not in catalog"},
		{"ko-KR", []string{"en"}, "not in langs"},
		{"zh-Hans", []string{"en"}, "alias zh-Hans → zh, not in langs"},
		{"xx", nil, "invalid BCP 47 tag"},
		{"", nil, "no browser language"},
	}
	for _, c := range cases {
		if got := Resolve(c.browser, c.langs, "", Catalog{}).Reason; got != c.reason {
			t.Errorf("Resolve(%q, %q).Reason = %q, want %q", c.browser, c.langs, got, c.reason)
		}
	}
}

func TestResolutionTable(t *testing.T) {
	rows := ResolutionTable(nil, "", Catalog{})
	if len(rows) != len(CommonBrowserTags) || len(rows) != 22 {
		t.Fatalf("%d rows for %d tags", len(rows), len(CommonBrowserTags))
	}
	var got []string
	for i, r := range rows {
		if r.Browser != CommonBrowserTags[i] {
			t.Errorf("row %d is %q, want %q", i, r.Browser, CommonBrowserTags[i])
		}
		got = append(got, r.Lang)
		if r.Fallback {
			got[i] += "*"
		}
	}
	want := "en en fr fr de de es es it pt pt ru ja zh zh zh-TW zh-TW zh-HK id no en* en*"
	if strings.Join(got, " ") != want {
		t.Errorf("table = %s\nwant    %s", strings.Join(got, " "), want)
	}

	rows = ResolutionTable([]string{"en", "de"}, "de", Catalog{})
	var fellBack []string
	for _, r := range rows {
		if r.Fallback {
			fellBack = append(fellBack, r.Browser)
			if r.Lang != "de" {
				t.Errorf("%s fell back to %q, want de", r.Browser, r.Lang)
			}
		}
	}
	if n := len(CommonBrowserTags) - 4; len(fellBack) != n || slices.Contains(fellBack, "de-AT") {
		t.Errorf("fallbacks = %v, want all but en-US en-GB de-DE de-AT", fellBack)
	}
}
