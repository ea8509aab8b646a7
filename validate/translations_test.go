package validate

import (
	"os"
	"strings"
	"testing"

	fg "flowsmith/flowgraph"
	"flowsmith/i18n"
)

// runTranslationRules runs the two checks over a flow and a sidecar. (Once
// Options carries the sidecar, Validate does the same; see translations().)
func runTranslationRules(t *testing.T, flow string, sc *i18n.Sidecar, cfg *Config) []Finding {
	t.Helper()
	d, err := fg.Parse("onboarding.json", []byte(flow))
	if err != nil {
		t.Fatal(err)
	}
	c := &Context{Doc: d, Config: cfg}
	missingTranslations(c, sc)
	staleTranslations(c, sc)
	SortByPosition(c.out)
	return c.out
}

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/translations/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestTranslationRules(t *testing.T) {
	flow := readTestdata(t, "onboarding.json")
	sidecar, err := i18n.ParseSidecar("onboarding.i18n.json", []byte(readTestdata(t, "onboarding.i18n.json")))
	if err != nil {
		t.Fatal(err)
	}
	bare := func(f string) string { // the flow array alone: no langs
		return f[strings.Index(f, `"flow": [`)+len(`"flow": `) : strings.LastIndex(f, "]")+1]
	}
	type want struct{ rule, node, pointer, msg string }
	cases := []struct {
		name string
		flow string
		sc   *i18n.Sidecar
		cfg  *Config
		want []want
	}{
		{"no sidecar: quiet", flow, nil, nil, nil},
		{"sidecar", flow, sidecar, nil, []want{
			{"stale-translation", "greeting", "/flow/1/prompt", `the reviewed fr (French) translation of "greeting" was made from an earlier prompt ("Say: Hi {name}! I am your verification assistant. This only…")`},
			{"missing-translation", "email", "/flow/2/prompt", `the Say: prompt of "email" has no reviewed fr (French) translation; the service translates it at run time`},
			{"missing-translation", "closing", "/flow/4/prompt", `has no reviewed de (German) translation`},
		}},
		{"prompt changed: stale in fr, still missing in de",
			strings.Replace(flow, "close this window now.", "close this tab now.", 1), sidecar, nil, []want{
				{"stale-translation", "greeting", "/flow/1/prompt", "fr (French) translation of"},
				{"missing-translation", "email", "/flow/2/prompt", "fr (French)"},
				{"missing-translation", "closing", "/flow/4/prompt", "no reviewed de (German) translation"},
				{"stale-translation", "closing", "/flow/4/prompt", `the reviewed fr (French) translation of "closing" was made`},
			}},
		{"two stale languages in one finding",
			strings.Replace(flow, "of your time.", "of your time!", 1), sidecar, nil, []want{
				{"stale-translation", "greeting", "/flow/1/prompt", `the reviewed de (German) and fr (French) translations of "greeting" were made`},
				{"missing-translation", "email", "/flow/2/prompt", "fr (French)"},
				{"missing-translation", "closing", "/flow/4/prompt", "de (German)"},
			}},
		{"English only: nothing to translate",
			strings.Replace(flow, `"langs": ["en", "de", "FR"]`, `"langs": ["en", "en-GB"]`, 1), sidecar, nil, []want{
				{"stale-translation", "greeting", "/flow/1/prompt", "fr (French)"},
			}},
		{"extra language in langs",
			strings.Replace(flow, `"FR"]`, `"FR", "ja"]`, 1), sidecar, nil, []want{
				{"missing-translation", "greeting", "/flow/1/prompt", `no reviewed ja (Japanese) translation`},
				{"stale-translation", "greeting", "/flow/1/prompt", "fr (French)"},
				{"missing-translation", "email", "/flow/2/prompt", "fr (French) and ja (Japanese)"},
				{"missing-translation", "closing", "/flow/4/prompt", "de (German) and ja (Japanese)"},
			}},
		{"no langs: the sidecar's languages", bare(flow), sidecar, nil, []want{
			{"stale-translation", "greeting", "/1/prompt", "fr (French)"},
			{"missing-translation", "email", "/2/prompt", "fr (French)"},
			{"missing-translation", "closing", "/4/prompt", "de (German)"},
		}},
		{"empty sidecar", flow, i18n.NewSidecar(), nil, []want{
			{"missing-translation", "greeting", "/flow/1/prompt", "de (German) and fr (French)"},
			{"missing-translation", "email", "/flow/2/prompt", "de (German) and fr (French)"},
			{"missing-translation", "closing", "/flow/4/prompt", "de (German) and fr (French)"},
		}},
		{"rules switched off", flow, sidecar,
			&Config{Rules: map[string]Severity{"missing-translation": Off, "stale-translation": Off}}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := runTranslationRules(t, tc.flow, tc.sc, tc.cfg)
			if len(got) != len(tc.want) {
				for _, f := range got {
					t.Logf("%s %s %s: %s", f.Rule, f.Node, f.Pointer, f.Message)
				}
				t.Fatalf("%d findings, want %d", len(got), len(tc.want))
			}
			for i, w := range tc.want {
				f := got[i]
				if f.Rule != w.rule || f.Node != w.node || f.Pointer != w.pointer || !strings.Contains(f.Message, w.msg) {
					t.Errorf("finding %d = %s %s %s %q; want %s %s %s containing %q", i, f.Rule, f.Node, f.Pointer, f.Message, w.rule, w.node, w.pointer, w.msg)
				}
				sev := map[string]Severity{"missing-translation": Info, "stale-translation": Warning}[w.rule]
				if f.Severity != sev || f.Pos.Line == 0 || f.Hint == "" {
					t.Errorf("finding %d: severity %s pos %v hint %q", i, f.Severity, f.Pos, f.Hint)
				}
			}
		})
	}
}

// The rule catalog runs the two checks; until the sidecar is wired into
// Options they have nothing to read and stay quiet.
func TestTranslationRulesInCatalog(t *testing.T) {
	for _, id := range []string{"missing-translation", "stale-translation"} {
		if r := LookupRule(id); r == nil || r.Check == nil {
			t.Errorf("rule %s has no check", id)
		}
	}
	_, fs := Check("onboarding.json", []byte(readTestdata(t, "onboarding.json")), Options{})
	if n := len(findRule(fs, "missing-translation")) + len(findRule(fs, "stale-translation")); n != 0 {
		t.Errorf("%d translation findings without a sidecar", n)
	}
}

func TestClipText(t *testing.T) {
	cases := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"a  b\n c", 10, "a b c"},
		{"0123456789abc", 10, "012345678…"},
		{"Grüße aus Köln", 6, "Grüße…"},
	}
	for _, c := range cases {
		if got := clipText(c.in, c.n); got != c.want {
			t.Errorf("clipText(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}
