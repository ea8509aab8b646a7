package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	fg "flowsmith/flowgraph"
)

func checkFile(t *testing.T, path string) (*fg.Document, []Finding) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Check(path, src, Options{})
}

func findRule(fs []Finding, rule string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

// ruleCases are flows in testdata/rules, each the clean base flow with one
// mistake; the named rule must fire there, at that node and pointer.
var ruleCases = []struct {
	file, rule, node, pointer, msg string
}{
	{"duplicate-key", "duplicate-key", "liveness", "/2/type", "given twice in one object, at 21:5 and 22:5"},
	{"legacy-transitions", "legacy-shape", "greeting", "/1/transitions", "links through \"transitions\""},
	{"legacy-two-factor", "legacy-shape", "otp", "/5/type", "outdated type \"two_factor\""},
	{"legacy-js-condition", "legacy-shape", "greeting", "/1/outcomes/0/condition", "code-like condition \"true\""},
	{"legacy-scanning-mode", "legacy-shape", "document_scan", "/2/scanningMode", "outdated value \"SINGLE_SIDE\""},
	{"legacy-modules", "legacy-shape", "", "/modules", "as \"modules\""},
	{"unknown-node-type", "unknown-node-type", "liveness_retry", "/4/type", "unknown type \"liveness_detector\""},
	{"missing-field", "missing-field", "liveness_retry_notice", "/3", "has no \"prompt\""},
	{"missing-field-empty", "missing-field", "permissions", "/1/permissions", "\"permissions\" of \"permissions\" is empty"},
	{"field-type", "field-type", "liveness_retry_notice", "/3/doesNotRequireReply", "must be a boolean, not a string"},
	{"field-type-range", "field-type", "sms_code", "/2/otpLength", "is 12, outside the range 4–8"},
	{"unknown-field", "unknown-field", "liveness_retry_notice", "/3/doesNotRequireReplay", "key \"doesNotRequireReplay\""},
	{"duplicate-id", "duplicate-id", "liveness", "/4/id", "node 5 shares the id \"liveness\" with node 3 at 20:5"},
	{"start-count-none", "start-count", "", "", "no start node"},
	{"start-count-two", "start-count", "start_again", "/1/type", "second start node"},
	{"no-end", "no-end", "", "", "no end node"},
	{"empty-target", "empty-target", "liveness", "/2/outcomes/deepfakeDetected", "outcome \"deepfakeDetected\" of \"liveness\" is not linked"},
	{"dangling-target", "dangling-target", "liveness", "/2/outcomes/livenessDetected", "points at \"closing_sucess\""},
	{"missing-outcome", "missing-outcome", "liveness", "/2/outcomes", "no \"deepfakeDetected\" outcome"},
	{"missing-inconclusive", "missing-inconclusive", "liveness", "/2/outcomes", "no \"inconclusive\" outcome"},
	{"unknown-outcome", "unknown-outcome", "liveness_retry", "/4/outcomes/noface", "outcome \"noface\""},
	{"unknown-outcome-docscan", "unknown-outcome", "document_scan", "/2/outcomes/cancelled", "outcome \"cancelled\""},
	{"empty-outcomes", "empty-outcomes", "liveness_retry_notice", "/3/outcomes", "has no outcomes"},
	{"duplicate-outcome-id", "duplicate-outcome-id", "greeting", "/1/outcomes/1/id", "the id \"yes\""},
	{"end-has-outcomes", "end-has-outcomes", "end_success", "/7/outcome", "end node \"end_success\" has \"outcome\""},
	{"unreachable", "unreachable", "orphan_notice", "/3", "never reached"},
	{"no-path-to-end", "no-path-to-end", "liveness_retry", "/4", "no end node can be reached from \"liveness_retry\""},
	{"self-loop", "self-loop", "liveness_retry_notice", "/3/outcomes/0/targetNodeId", "leads back to \"liveness_retry_notice\""},
	{"missing-greeting", "missing-greeting", "liveness", "/2", "no greeting before it"},
	{"short-greeting", "short-greeting", "liveness", "/2", "about 3.4 s on the path start → greeting → liveness"},
	{"video-after-permissions", "video-after-permissions", "permissions", "/1/outcomes/permissionsGranted", "straight to the liveness_detection node \"liveness\""},
	{"liveness-to-end", "liveness-to-end", "liveness_retry", "/4/outcomes/deepfakeDetected", "straight to the end node \"end_unverified\""},
	{"liveness-to-error", "liveness-to-error", "liveness", "/2/outcomes/deepfakeDetected", "names a failure state (\"fail\")"},
}

func TestRulesFire(t *testing.T) {
	for _, tc := range ruleCases {
		t.Run(tc.file, func(t *testing.T) {
			_, fs := checkFile(t, filepath.Join("testdata", "rules", tc.file+".json"))
			got := findRule(fs, tc.rule)
			for _, f := range got {
				if f.Node == tc.node && f.Pointer == tc.pointer && strings.Contains(f.Message, tc.msg) {
					if f.Pos.Line == 0 || f.Severity == Off {
						t.Errorf("finding without position or severity: %+v", f)
					}
					return
				}
			}
			t.Errorf("no %s finding at node %q pointer %q with %q; got %+v", tc.rule, tc.node, tc.pointer, tc.msg, got)
		})
	}
}

// TestRulesQuietOnCleanFlows: the base flow and every example flow have no
// findings of any rule.
func TestRulesQuietOnCleanFlows(t *testing.T) {
	files, _ := filepath.Glob("../examples/*.json")
	files = append(files, filepath.Join("testdata", "rules", "clean.json"))
	if len(files) < 9 {
		t.Fatalf("expected the example flows, found %v", files)
	}
	for _, file := range files {
		_, fs := checkFile(t, file)
		for _, f := range fs {
			t.Errorf("%s:%d:%d: %s %s: %s", file, f.Pos.Line, f.Pos.Col, f.Severity, f.Rule, f.Message)
		}
	}
}

// TestQuickFixesClearTheirFinding applies each finding's quick fix and checks
// that the finding is gone and nothing new of that rule appeared.
func TestQuickFixesClearTheirFinding(t *testing.T) {
	fixable := map[string]bool{}
	for _, tc := range ruleCases {
		d, fs := checkFile(t, filepath.Join("testdata", "rules", tc.file+".json"))
		for _, f := range findRule(fs, tc.rule) {
			if f.Fix == nil {
				continue
			}
			fixable[tc.rule] = true
			nd, _, err := d.Do(f.Fix.Op)
			if err != nil {
				t.Errorf("%s: fix %q: %v", tc.file, f.Fix.Title, err)
				continue
			}
			for _, g := range findRule(Validate(nd, Options{}), tc.rule) {
				if g.Pointer == f.Pointer && g.Message == f.Message {
					t.Errorf("%s: after %q the finding remains: %s", tc.file, f.Fix.Title, g.Message)
				}
			}
		}
	}
	for _, rule := range []string{"legacy-shape", "unknown-node-type", "unknown-field", "start-count", "no-end",
		"dangling-target", "missing-inconclusive", "unknown-outcome", "end-has-outcomes"} {
		if !fixable[rule] {
			t.Errorf("rule %s offered no quick fix in its test flow", rule)
		}
	}
}

func TestConfigSeverities(t *testing.T) {
	cfg, fs := ParseConfig(".flowsmith.json", []byte(`{
  "rules": {"missing-inconclusive": "off", "unreachable": "error", "no-such-rule": "warning", "self-loop": "loud"},
  "languages": ["en", "de"],
  "colour": true
}`))
	wantConfig := map[string]string{"unknown-rule": "no-such-rule", "config-error": "loud"}
	for rule, word := range wantConfig {
		found := false
		for _, f := range findRule(fs, rule) {
			found = found || strings.Contains(f.Message, word)
		}
		if !found {
			t.Errorf("no %s finding naming %q: %+v", rule, word, fs)
		}
	}
	if len(fs) != 3 {
		t.Errorf("want 3 config findings (unknown rule, bad severity, unknown key), got %d: %+v", len(fs), fs)
	}
	src, _ := os.ReadFile(filepath.Join("testdata", "rules", "missing-inconclusive.json"))
	_, quiet := Check("f.json", src, Options{Config: cfg})
	if len(findRule(quiet, "missing-inconclusive")) != 0 {
		t.Error("a rule set to off still reported")
	}
	src, _ = os.ReadFile(filepath.Join("testdata", "rules", "unreachable.json"))
	_, loud := Check("f.json", src, Options{Config: cfg})
	if got := findRule(loud, "unreachable"); len(got) != 1 || got[0].Severity != Error {
		t.Errorf("unreachable raised to error: %+v", got)
	}
	if _, bad := ParseConfig("c.json", []byte("{\n  \"rules\": [}")); len(bad) != 1 || bad[0].Rule != "config-error" || bad[0].Pos.Line != 2 {
		t.Errorf("malformed config: %+v", bad)
	}
}

func TestNearest(t *testing.T) {
	tests := []struct {
		word string
		want string
		ok   bool
	}{
		{"cancelled", "canceled", true},
		{"outocme", "outcome", true},
		{"liveness_detector", "liveness_detection", true},
		{"xyz", "", false},
		{"promt", "prompt", true},
	}
	cands := []string{"canceled", "outcome", "liveness_detection", "prompt", "type"}
	for _, tt := range tests {
		if got, ok := nearest(tt.word, cands); got != tt.want || ok != tt.ok {
			t.Errorf("nearest(%q) = %q %v, want %q %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
}

// TestNearestIgnoresHugeStrings: a 100,000-character id is no typo of anything
// and must not cost quadratic time (an edit distance of 10^10 cells).
func TestNearestIgnoresHugeStrings(t *testing.T) {
	huge := strings.Repeat("a", 100000)
	if _, ok := Nearest(huge, []string{huge + "b", "greeting"}); ok {
		t.Error("a huge word matched")
	}
	if near, ok := Nearest("greting", []string{huge, "greeting"}); !ok || near != "greeting" {
		t.Errorf("huge candidates must be skipped, not stop the search: %q %v", near, ok)
	}
}

// TestGreetingFollowsProvidedData: the speech estimate of a greeting depends
// on the template data, so the same prompt must be estimated afresh when the
// body's providedData changes, and again when it changes back, with the
// estimates of earlier runs remembered in between.
func TestGreetingFollowsProvidedData(t *testing.T) {
	body := func(name string) []byte {
		return []byte(`{"providedData": {"name": "` + name + `"}, "flow": [
 {"id": "start", "type": "start", "outcome": "greeting"},
 {"id": "greeting", "type": "conversation", "prompt": "Say: Hello {name}, welcome.", "doesNotRequireReply": true,
  "outcomes": [{"id": "next", "targetNodeId": "liveness", "condition": ""}]},
 {"id": "liveness", "type": "liveness_detection", "outcomes": {"livenessDetected": "end", "deepfakeDetected": "end", "noFace": "end", "inconclusive": "end"}},
 {"id": "end", "type": "end"}]}`)
	}
	long := strings.Repeat("Maria ", 20) + "Habsburg"
	for _, tc := range []struct {
		name string
		fire bool
	}{{"Ann", true}, {long, false}, {"Ann", true}, {long, false}} {
		_, fs := Check("body.json", body(tc.name), Options{})
		if got := len(findRule(fs, "short-greeting")) > 0; got != tc.fire {
			t.Errorf("name %.20q: short-greeting fires %v, want %v", tc.name, got, tc.fire)
		}
	}
}
