package validate

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	fg "flowsmith/flowgraph"
)

// sessionRuleIDs are the rules of session.go and security.go.
var sessionRuleIDs = []string{"invalid-lang", "unsupported-lang", "duplicate-lang", "default-lang-not-in-langs",
	"unknown-session-field", "secret-in-flow", "pii-in-flow"}

func loadSessionDoc(t *testing.T, path string) *fg.Document {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := fg.Parse(path, src)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return d
}

// ownFindings validates d and keeps the findings of this file's rules plus the
// body field walker (which the lead wires into field-type / missing-field /
// unknown-field; run directly here so the test holds before and after).
func ownFindings(d *fg.Document, opt Options) []Finding {
	var out []Finding
	for _, f := range Validate(d, opt) {
		if slices.Contains(sessionRuleIDs, f.Rule) {
			out = append(out, f)
		}
	}
	return out
}

// bodyFieldFindings are the field-type, missing-field and unknown-field
// findings inside the body (outside the flow).
func bodyFieldFindings(d *fg.Document) []Finding {
	var out []Finding
	for _, f := range Validate(d, Options{}) {
		switch f.Rule {
		case "field-type", "missing-field", "unknown-field":
			if !strings.HasPrefix(f.Pointer, d.FlowPtr+"/") {
				out = append(out, f)
			}
		}
	}
	return out
}

// byRule maps rule id → pointers, in finding order.
func byRule(fs []Finding) map[string][]string {
	m := map[string][]string{}
	for _, f := range fs {
		m[f.Rule] = append(m[f.Rule], f.Pointer)
	}
	return m
}

func sameRulePointers(t *testing.T, name string, got []Finding, want map[string][]string) {
	t.Helper()
	g := byRule(got)
	for rule, ptrs := range want {
		if !slices.Equal(g[rule], ptrs) {
			t.Errorf("%s: %s at %q, want %q", name, rule, g[rule], ptrs)
		}
	}
	for rule, ptrs := range g {
		if _, ok := want[rule]; !ok {
			for _, f := range got {
				if f.Rule == rule {
					t.Errorf("%s: unexpected %s at %s: %s", name, rule, f.Pointer, f.Message)
				}
			}
			_ = ptrs
		}
	}
}

func TestSessionRules(t *testing.T) {
	tests := []struct {
		file string
		want map[string][]string
	}{
		{"clean-body.json", nil},
		{"invalid-lang.json", map[string][]string{"invalid-lang": {"/langs/1", "/langs/3", "/defaultLang"}}},
		{"unsupported-lang.json", map[string][]string{"unsupported-lang": {"/langs/1", "/langs/2"}}},
		{"duplicate-lang.json", map[string][]string{"duplicate-lang": {"/langs/3", "/langs/4"}}},
		{"default-lang-explicit.json", map[string][]string{"default-lang-not-in-langs": {"/defaultLang"}}},
		{"default-lang-implicit.json", map[string][]string{"default-lang-not-in-langs": {"/langs"}}},
		{"default-lang-regional.json", map[string][]string{"default-lang-not-in-langs": {"/defaultLang"}, "unsupported-lang": {"/defaultLang"}}},
		{"unknown-session-field.json", map[string][]string{"unknown-session-field": {"/clientReferenceID", "/languages", "/webhookUrl"}}},
		{"secrets.json", map[string][]string{"secret-in-flow": {"/metadata/apiKey", "/metadata/sk_test_FAKE4eC39HqLyjWDarjtT1", "/customization/webhookSecret", "/flow/1/prompt"}}},
		{"secret-lookalikes.json", nil},
		{"bare-flow-secret.json", map[string][]string{"secret-in-flow": {"/1/request/url"}}},
		{"pii.json", map[string][]string{"pii-in-flow": {"/providedData/email", "/providedData/phone", "/providedData/contact", "/providedData/mobile"}}},
		{"pii-placeholders.json", nil},
		{"field-types.json", nil}, // langs is a string: field-type only
	}
	for _, tt := range tests {
		d := loadSessionDoc(t, filepath.Join("testdata/session", tt.file))
		sameRulePointers(t, tt.file, ownFindings(d, Options{}), tt.want)
	}
}

func TestSessionRuleMessages(t *testing.T) {
	tests := []struct {
		file, rule, ptr     string
		message, hint, node string
		fixTitle            string
	}{
		{"invalid-lang.json", "invalid-lang", "/langs/1", `langs item 2 "de_DE" is not a valid BCP 47 language tag (tag contains '_' or spaces)`,
			`BCP 47 separates subtags with '-', not '_'; a browser sending "de-DE" gets "de"; use "de"`, "", `Change "de_DE" to "de"`},
		{"invalid-lang.json", "invalid-lang", "/langs/3", "", "", "", `Remove "en_GB" (langs already has "en")`},
		{"invalid-lang.json", "invalid-lang", "/defaultLang", `defaultLang "english" is not a valid BCP 47 language tag (tag is not well-formed)`, "", "", ""},
		{"unsupported-lang.json", "unsupported-lang", "/langs/1", `langs item 2 "de-AT" is not in the language catalog`, `a browser sending "de-AT" gets "de"; use "de"`, "", `Change "de-AT" to "de"`},
		{"unsupported-lang.json", "unsupported-lang", "/langs/2", "", "the catalog has en, it, de, fr, es, pt, ru, ja, id, no, zh, zh-TW, zh-HK; a project can change it with \"languages\" in .flowsmith.json", "", ""},
		{"duplicate-lang.json", "duplicate-lang", "/langs/3", `langs item 4 "DE" repeats item 2 "de" (codes compare ignoring case)`, "", "", `Remove the second "DE"`},
		{"duplicate-lang.json", "duplicate-lang", "/langs/4", `langs lists "en" twice (items 1 and 5)`, "", "", ""},
		{"default-lang-explicit.json", "default-lang-not-in-langs", "/defaultLang", `defaultLang "it" is not in langs (en, de)`, "", "", `Add "it" to langs`},
		{"default-lang-implicit.json", "default-lang-not-in-langs", "/langs", `langs (de, fr) does not include "en", the default language when defaultLang is absent`, "", "", `Set defaultLang to "de"`},
		{"default-lang-regional.json", "default-lang-not-in-langs", "/defaultLang", "", `langs has "en", the language a browser sending "en-GB" gets; set defaultLang to "en"`, "", `Set defaultLang to "en"`},
		{"unknown-session-field.json", "unknown-session-field", "/clientReferenceID", `the session body has a key "clientReferenceID" that the format does not define`, `did you mean "clientReferenceId"?`, "", `Rename "clientReferenceID" to "clientReferenceId"`},
		{"unknown-session-field.json", "unknown-session-field", "/languages", "", `did you mean "langs"?`, "", `Rename "languages" to "langs"`},
		{"secrets.json", "secret-in-flow", "/metadata/apiKey", "a string at /metadata/apiKey looks like a FaceSign secret key (sk_prod_…, 32 characters)", "", "", "Remove the secret's entry"},
		{"secrets.json", "secret-in-flow", "/metadata/sk_test_FAKE4eC39HqLyjWDarjtT1", "a key at /metadata/sk_test_…[redacted] looks like a FaceSign secret key (sk_test_…, 30 characters)", "", "", "Remove the member"},
		{"secrets.json", "secret-in-flow", "/customization/webhookSecret", "a string at /customization/webhookSecret looks like a webhook signing secret (whsec_…, 38 characters)", "", "", ""},
		{"secrets.json", "secret-in-flow", "/flow/1/prompt", "a string at /flow/1/prompt contains something that looks like a FaceSign secret key (sk_prod_…, 32 characters)", "", "greeting", "Cut the secret out of the text"},
		{"bare-flow-secret.json", "secret-in-flow", "/1/request/url", "", "", "lookup", ""},
		{"pii.json", "pii-in-flow", "/providedData/email", `providedData "email" holds what looks like a real e-mail address (j***@gmail.com)`, "", "", `Replace with the placeholder "user@example.com"`},
		{"pii.json", "pii-in-flow", "/providedData/phone", `providedData "phone" holds what looks like a real phone number (+49 *** *****67)`, "", "", `Replace with the placeholder "+49 000 0000000"`},
		{"pii.json", "pii-in-flow", "/providedData/contact", `providedData "contact" holds what looks like a real e-mail address (j***@posteo.de) and a real phone number (0049 ** **** **05)`, "", "", ""},
	}
	cache := map[string][]Finding{}
	for _, tt := range tests {
		fs, ok := cache[tt.file]
		if !ok {
			fs = ownFindings(loadSessionDoc(t, filepath.Join("testdata/session", tt.file)), Options{})
			cache[tt.file] = fs
		}
		i := slices.IndexFunc(fs, func(f Finding) bool { return f.Rule == tt.rule && f.Pointer == tt.ptr })
		if i < 0 {
			t.Errorf("%s: no %s at %s", tt.file, tt.rule, tt.ptr)
			continue
		}
		f := fs[i]
		check := func(what, got, want string) {
			if want != "" && got != want {
				t.Errorf("%s %s %s: %s\n got %q\nwant %q", tt.file, tt.rule, tt.ptr, what, got, want)
			}
		}
		check("message", f.Message, tt.message)
		check("hint", f.Hint, tt.hint)
		check("node", f.Node, tt.node)
		if tt.fixTitle != "" {
			if f.Fix == nil {
				t.Errorf("%s %s %s: no fix, want %q", tt.file, tt.rule, tt.ptr, tt.fixTitle)
			} else {
				check("fix", f.Fix.Title, tt.fixTitle)
			}
		}
		if f.Pos.Line == 0 {
			t.Errorf("%s %s %s: no position", tt.file, tt.rule, tt.ptr)
		}
	}
}

func TestSessionFieldTypes(t *testing.T) {
	d := loadSessionDoc(t, "testdata/session/field-types.json")
	sameRulePointers(t, "field-types.json", bodyFieldFindings(d), map[string][]string{
		"field-type": {"/zone", "/langs", "/videoAIAnalysisEnabled", "/metadata", "/providedData/customerNumber",
			"/extractionSchema/0/type", "/extractionSchema/2"},
		"missing-field": {"/extractionSchema/1"},
		"unknown-field": {"/extractionSchema/1/descripton"},
	})
	for _, f := range bodyFieldFindings(d) {
		if f.Pointer == "/langs" && f.Message != `"langs" must be an array of strings, not a string` {
			t.Errorf("langs message %q", f.Message)
		}
	}
	for _, name := range []string{"clean-body.json", "pii-placeholders.json", "secrets.json", "bare-flow-secret.json"} {
		d := loadSessionDoc(t, filepath.Join("testdata/session", name))
		sameRulePointers(t, name, bodyFieldFindings(d), nil)
	}
}

// TestSessionQuickFixes applies every quick fix of every finding and checks
// that re-validation has one finding fewer of that rule and no more of any
// other rule of this file.
func TestSessionQuickFixes(t *testing.T) {
	files, _ := filepath.Glob("testdata/session/*.json")
	fixes := 0
	for _, path := range files {
		d := loadSessionDoc(t, path)
		all := func(d *fg.Document) []Finding { return append(ownFindings(d, Options{}), bodyFieldFindings(d)...) }
		before := all(d)
		for _, f := range before {
			if f.Fix == nil {
				continue
			}
			fixes++
			nd, _, err := d.Do(f.Fix.Op)
			if err != nil {
				t.Errorf("%s: fix %q of %s at %s: %v", path, f.Fix.Title, f.Rule, f.Pointer, err)
				continue
			}
			after := all(nd)
			b, a := byRule(before), byRule(after)
			if len(a[f.Rule]) >= len(b[f.Rule]) {
				t.Errorf("%s: fix %q of %s at %s leaves %d %s findings (was %d)\n%s", path, f.Fix.Title, f.Rule, f.Pointer, len(a[f.Rule]), f.Rule, len(b[f.Rule]), nd.Src)
			}
			for rule := range a {
				if len(a[rule]) > len(b[rule]) {
					t.Errorf("%s: fix %q of %s at %s adds a %s finding: %v", path, f.Fix.Title, f.Rule, f.Pointer, rule, a[rule])
				}
			}
		}
	}
	if fixes < 20 {
		t.Errorf("only %d quick fixes exercised", fixes)
	}
}

func TestSessionConfiguredCatalog(t *testing.T) {
	d := loadSessionDoc(t, "testdata/session/unsupported-lang.json")
	cfg := &Config{Languages: []string{"en", "de", "de-AT", "ko"}}
	if got := byRule(ownFindings(d, Options{Config: cfg}))["unsupported-lang"]; len(got) != 0 {
		t.Errorf("configured catalog: unsupported-lang at %v, want none", got)
	}
	// A configured catalog that is not valid falls back to the default.
	bad := &Config{Languages: []string{"en_US"}}
	if got := byRule(ownFindings(d, Options{Config: bad}))["unsupported-lang"]; len(got) != 2 {
		t.Errorf("invalid configured catalog: unsupported-lang at %v, want 2", got)
	}
	// Severity overrides and "off" apply.
	off := &Config{Rules: map[string]Severity{"unsupported-lang": Off}}
	if got := byRule(ownFindings(d, Options{Config: off}))["unsupported-lang"]; len(got) != 0 {
		t.Errorf("rule off: unsupported-lang at %v", got)
	}
}

func examplePaths(t *testing.T, pattern string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "examples", pattern))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no examples match %s", pattern)
	}
	return paths
}

func TestSessionExamplesQuiet(t *testing.T) {
	for _, path := range examplePaths(t, "*.json") {
		d := loadSessionDoc(t, path)
		for _, f := range append(ownFindings(d, Options{}), bodyFieldFindings(d)...) {
			t.Errorf("%s: %s at %s: %s", path, f.Rule, f.Pointer, f.Message)
		}
	}
}

func TestSessionBrokenExamples(t *testing.T) {
	want := map[string]string{
		"secret-in-metadata.json":        "secret-in-flow",
		"pii-in-provided-data.json":      "pii-in-flow",
		"default-lang-not-in-langs.json": "default-lang-not-in-langs",
	}
	for _, path := range examplePaths(t, "broken/*.json") {
		src, _ := os.ReadFile(path)
		d, err := fg.Parse(path, src)
		if err != nil {
			continue // legacy or unparsable examples are other rules' business
		}
		got := byRule(ownFindings(d, Options{}))
		rule, mine := want[filepath.Base(path)]
		for r, ptrs := range got {
			if r != rule {
				t.Errorf("%s: unexpected %s at %v", path, r, ptrs)
			}
		}
		if mine && len(got[rule]) != 1 {
			t.Errorf("%s: %s at %v, want one", path, rule, got[rule])
		}
	}
	d := loadSessionDoc(t, "../examples/broken/secret-in-metadata.json")
	for _, f := range ownFindings(d, Options{}) {
		if strings.Contains(f.Message, "FAKE0000") || strings.Contains(f.Hint, "FAKE0000") {
			t.Errorf("message prints the secret: %q", f.Message)
		}
	}
}
