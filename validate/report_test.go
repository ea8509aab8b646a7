package validate

import (
	"bytes"
	stdjson "encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	fg "flowsmith/flowgraph"
)

// updateFlag is -update: rewrite the golden files. Registered only once per
// package, whichever test file gets there first.
var updateFlag = func() flag.Value {
	if f := flag.Lookup("update"); f != nil {
		return f.Value
	}
	flag.Bool("update", false, "rewrite golden files")
	return flag.Lookup("update").Value
}()

func updating() bool { return updateFlag.String() == "true" }

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "session", name)
	if updating() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -run %s -update to accept):\n--- got\n%s\n--- want\n%s", name, t.Name(), got, want)
	}
}

// weirdSrc is a file whose text tries to attack a terminal.
const weirdSrc = "[\n\t{\"id\": \"greet\x1b]0;pwned\x07ing\", \"type\": \"conversation\", \"prom\u202ept\": \"x\u200by\"},\n" +
	"  {\"id\": \"long\", \"type\": \"conversation\", \"prompt\": \"" + "Say: This line is much longer than the excerpt window so the text format has to cut it on both sides around the column it points at, which is here: HERE and then it goes on for a while longer still." + "\"}\n]\n"

// reportResults are the inputs of the golden tests: findings of this file's
// rules on real test flows (stable whatever other rules report), a file with
// hostile names and messages, and a file with no findings.
func reportResults(t *testing.T, withSrc bool) []FileResult {
	t.Helper()
	var out []FileResult
	for _, name := range []string{"duplicate-lang.json", "secrets.json", "pii.json", "clean-body.json"} {
		path := "testdata/session/" + name
		d := loadSessionDoc(t, path)
		r := FileResult{Path: path, Findings: ownFindings(d, Options{})}
		if withSrc {
			r.Src = d.Src
		}
		out = append(out, r)
	}
	lines := strings.Split(weirdSrc, "\n")
	colOf := func(line int, sub string) int {
		return utf8.RuneCountInString(lines[line-1][:strings.Index(lines[line-1], sub)]) + 1
	}
	weird := FileResult{Path: "weird\x1b[2J/n\u00e4me\u202e.json", Findings: []Finding{
		{Rule: "parse-error", Severity: Error, Pos: fg.Pos{Line: 1, Col: 1}, Message: "line one\nline two\twith a tab"},
		{Rule: "unknown-field", Severity: Warning, Node: "greet\x1b]0;pwned\x07ing", Pointer: "/0/prom\u202ept", Pos: fg.Pos{Line: 2, Col: colOf(2, "\"prom")},
			Message: "conversation node \"greet\x1b]0;pwned\x07ing\" has a key \"prom\u202ept\" that its type does not define", Hint: "did you mean \"prompt\"?"},
		{Rule: "multiple-questions", Severity: Warning, Node: "long", Pointer: "/1/prompt", Pos: fg.Pos{Line: 3, Col: colOf(3, "HERE")},
			Message: "a message with \u009b31m C1 CSI, DEL \x7f and a tag character \U000E0041"},
		{Rule: "missing-closing", Severity: Info, Message: "a finding without a position"},
	}}
	if withSrc {
		weird.Src = []byte(weirdSrc)
	}
	return append(out, weird)
}

func TestReportGoldens(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteText(&buf, reportResults(t, false), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.txt.golden", buf.Bytes())

	buf.Reset()
	if err := WriteText(&buf, reportResults(t, true), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "report-excerpt.txt.golden", buf.Bytes())

	buf.Reset()
	if err := WriteText(&buf, reportResults(t, true)[:2], TextOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	golden(t, "report-color.txt.golden", buf.Bytes())

	buf.Reset()
	if err := WriteJSON(&buf, reportResults(t, true)); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.json.golden", buf.Bytes())

	// The driver lists the whole catalog; the golden file holds only the rules
	// the results use, so that adding a rule elsewhere does not change it.
	results := reportResults(t, true)
	defer func(all []Rule) { Rules = all }(Rules)
	Rules = slices.DeleteFunc(slices.Clone(Rules), func(r Rule) bool {
		return !slices.ContainsFunc(results, func(fr FileResult) bool {
			return slices.ContainsFunc(fr.Findings, func(f Finding) bool { return f.Rule == r.ID })
		})
	})
	buf.Reset()
	if err := WriteSARIF(&buf, results, "1.2.3"); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.sarif.golden", buf.Bytes())
}

func TestWriteTextFormat(t *testing.T) {
	var buf bytes.Buffer
	res := []FileResult{{Path: "a.json", Findings: []Finding{
		{Rule: "self-loop", Severity: Error, Node: "greeting", Pos: fg.Pos{Line: 4, Col: 7}, Message: "m1", Hint: "h1"},
		{Rule: "unreachable", Severity: Warning, Pos: fg.Pos{Line: 9, Col: 1}, Message: "m2"},
	}}}
	if err := WriteText(&buf, res, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "a.json:4:7: error self-loop: m1 [node greeting]\n    hint: h1\na.json:9:1: warning unreachable: m2\n1 error, 1 warning, 0 infos\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	for _, tt := range []struct {
		c    Counts
		want string
	}{
		{Counts{}, "0 errors, 0 warnings, 0 infos"},
		{Counts{1, 1, 1}, "1 error, 1 warning, 1 info"},
		{Counts{2, 3, 4}, "2 errors, 3 warnings, 4 infos"},
	} {
		if got := Summary(tt.c); got != tt.want {
			t.Errorf("Summary(%v) = %q, want %q", tt.c, got, tt.want)
		}
	}
	// Every line of plain output is free of control characters.
	buf.Reset()
	if err := WriteText(&buf, reportResults(t, true), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		if Sanitize(line) != line {
			t.Errorf("line %d holds unsafe characters: %q", i+1, line)
		}
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"", ""},
		{"clear \x1b[2J screen", `clear \x1b[2J screen`},
		{"\x1b]0;owned title\x07", `\x1b]0;owned title\x07`},
		{"\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\", `\x1b]8;;https://evil.example\x1b\link\x1b]8;;\x1b\`},
		{"c1 \u009b31m csi", `c1 \u009b31m csi`},
		{"\u0085next line", `\u0085next line`},
		{"abc\u202edcba", `abc\u202edcba`},
		{"\u2066isolate\u2069 \u202a\u202b\u202c\u202d", `\u2066isolate\u2069 \u202a\u202b\u202c\u202d`},
		{"nul\x00byte", `nul\x00byte`},
		{"del\x7f", `del\x7f`},
		{"tab\there", `tab\there`},
		{"one\ntwo\r\n", `one\ntwo\r\n`},
		{"bad \xff\x9b utf-8", `bad \xff\x9b utf-8`},
		{"zero\u200bwidth \u200d\u200c\u200e\u200f", `zero\u200bwidth \u200d\u200c\u200e\u200f`},
		{"\ufeffbom", `\ufeffbom`},
		{"soft\u00adhyphen", `soft\u00adhyphen`},
		{"tag \U000E0041\U000E007F", `tag \U000e0041\U000e007f`},
		{"sep\u2028\u2029", `sep\u2028\u2029`},
		{"blank \u3164 letter", `blank \u3164 letter`},
		{"héllo 日本語 Ελληνικά 👋🏽 עברית", "héllo 日本語 Ελληνικά 👋🏽 עברית"},
		{`back\slash and \x1b literal`, `back\slash and \x1b literal`},
		{"→ … “quotes”", "→ … “quotes”"},
	}
	for _, tt := range tests {
		got := Sanitize(tt.in)
		if got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("Sanitize(%q) is not valid UTF-8", tt.in)
		}
		if Sanitize(got) != got {
			t.Errorf("Sanitize is not idempotent on %q", tt.in)
		}
	}
}

func TestWriteJSONStructure(t *testing.T) {
	var buf bytes.Buffer
	results := reportResults(t, true)
	if err := WriteJSON(&buf, results); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	for _, bad := range []string{"\u202e", "\u200b", "\u009b", "\x7f", "\x1b", "\x07", "\U000E0041"} {
		if bytes.Contains(out, []byte(bad)) {
			t.Errorf("JSON output holds the raw character %q", bad)
		}
	}
	var doc map[string]any
	if err := stdjson.Unmarshal(out, &doc); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, out)
	}
	if got := sortedKeys(doc); !slices.Equal(got, []string{"errors", "files", "infos", "warnings"}) {
		t.Errorf("top-level keys %v", got)
	}
	c := countAll(results)
	if doc["errors"] != float64(c.Errors) || doc["warnings"] != float64(c.Warnings) || doc["infos"] != float64(c.Infos) {
		t.Errorf("counts %v/%v/%v, want %+v", doc["errors"], doc["warnings"], doc["infos"], c)
	}
	files := doc["files"].([]any)
	if len(files) != len(results) {
		t.Fatalf("%d files, want %d", len(files), len(results))
	}
	for i, f := range files {
		file := f.(map[string]any)
		if got := sortedKeys(file); !slices.Equal(got, []string{"diagnostics", "path"}) {
			t.Errorf("file keys %v", got)
		}
		diags, ok := file["diagnostics"].([]any)
		if !ok {
			t.Fatalf("file %d: diagnostics is %T, want an array", i, file["diagnostics"])
		}
		if len(diags) != len(results[i].Findings) {
			t.Errorf("file %d: %d diagnostics, want %d", i, len(diags), len(results[i].Findings))
		}
		for j, d := range diags {
			diag := d.(map[string]any)
			if got := sortedKeys(diag); !slices.Equal(got, []string{"column", "hint", "line", "message", "node", "pointer", "rule", "severity"}) {
				t.Errorf("diagnostic keys %v", got)
			}
			want := results[i].Findings[j]
			if !slices.Contains([]string{"error", "warning", "info"}, diag["severity"].(string)) {
				t.Errorf("severity %v", diag["severity"])
			}
			if (want.Node == "") != (diag["node"] == nil) || (want.Hint == "") != (diag["hint"] == nil) {
				t.Errorf("node/hint null-ness: %v %v for %+v", diag["node"], diag["hint"], want)
			}
			if diag["message"] != Redact(want.Message) || diag["pointer"] != Redact(want.Pointer) {
				t.Errorf("message/pointer %q %q, want %q %q", diag["message"], diag["pointer"], Redact(want.Message), Redact(want.Pointer))
			}
			if diag["line"] != float64(want.Pos.Line) || diag["column"] != float64(want.Pos.Col) {
				t.Errorf("position %v:%v, want %v", diag["line"], diag["column"], want.Pos)
			}
		}
	}
	// No results at all is still the full shape.
	buf.Reset()
	if err := WriteJSON(&buf, nil); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(strings.Fields(buf.String()), ""); got != `{"files":[],"errors":0,"warnings":0,"infos":0}` {
		t.Errorf("empty report %s", got)
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// sarifDoc is the part of SARIF 2.1.0 the test checks, with the properties
// the schema requires.
type sarifDoc struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		ColumnKind string `json:"columnKind"`
		Tool       struct {
			Driver struct {
				Name    string `json:"name"`
				Version string `json:"version"`
				Rules   []struct {
					ID               string `json:"id"`
					ShortDescription *struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   *struct {
				Text *string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation *struct {
					ArtifactLocation *struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region *struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
				LogicalLocations []struct {
					Name               string `json:"name"`
					FullyQualifiedName string `json:"fullyQualifiedName"`
				} `json:"logicalLocations"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

func TestWriteSARIFStructure(t *testing.T) {
	var buf bytes.Buffer
	results := reportResults(t, true)
	if err := WriteSARIF(&buf, results, "0.9.0"); err != nil {
		t.Fatal(err)
	}
	var doc sarifDoc
	dec := stdjson.NewDecoder(bytes.NewReader(buf.Bytes()))
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("invalid JSON: %v", err)
	}
	if doc.Schema != "https://json.schemastore.org/sarif-2.1.0.json" || doc.Version != "2.1.0" || len(doc.Runs) != 1 {
		t.Fatalf("header: %q %q, %d runs", doc.Schema, doc.Version, len(doc.Runs))
	}
	run := doc.Runs[0]
	if run.Tool.Driver.Name != "flowsmith" || run.Tool.Driver.Version != "0.9.0" || run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("driver %q %q, columnKind %q", run.Tool.Driver.Name, run.Tool.Driver.Version, run.ColumnKind)
	}
	rules := run.Tool.Driver.Rules
	if len(rules) != len(Rules) {
		t.Errorf("%d rules, want %d", len(rules), len(Rules))
	}
	levels := []string{"error", "warning", "note"}
	for i, r := range rules {
		if r.ID != Rules[i].ID || r.ShortDescription == nil || r.ShortDescription.Text != Rules[i].Summary || !slices.Contains(levels, r.DefaultConfiguration.Level) {
			t.Errorf("rule %d: %+v", i, r)
		}
	}
	want := 0
	for _, r := range results {
		want += len(r.Findings)
	}
	if len(run.Results) != want {
		t.Fatalf("%d results, want %d", len(run.Results), want)
	}
	for _, res := range run.Results {
		if res.RuleIndex == nil || *res.RuleIndex < 0 || *res.RuleIndex >= len(rules) || rules[*res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s: ruleIndex %v does not name it", res.RuleID, res.RuleIndex)
		}
		if !slices.Contains(levels, res.Level) {
			t.Errorf("result %s: level %q", res.RuleID, res.Level)
		}
		if res.Message == nil || res.Message.Text == nil || *res.Message.Text == "" {
			t.Errorf("result %s: no message.text", res.RuleID)
		}
		if len(res.Locations) != 1 || res.Locations[0].PhysicalLocation == nil || res.Locations[0].PhysicalLocation.ArtifactLocation == nil {
			t.Errorf("result %s: no physical location", res.RuleID)
			continue
		}
		loc := res.Locations[0]
		uri := loc.PhysicalLocation.ArtifactLocation.URI
		if uri == "" || strings.Contains(uri, `\`) || strings.ContainsAny(uri, " \x1b\u202e") {
			t.Errorf("result %s: uri %q", res.RuleID, uri)
		}
		if reg := loc.PhysicalLocation.Region; reg != nil && (reg.StartLine < 1 || reg.StartColumn < 1) {
			t.Errorf("result %s: region %+v", res.RuleID, reg)
		}
	}
	// info → note; node and pointer as the logical location.
	last := run.Results[len(run.Results)-1]
	if last.Level != "note" || last.Locations[0].PhysicalLocation.Region != nil {
		t.Errorf("positionless info finding: level %q region %+v", last.Level, last.Locations[0].PhysicalLocation.Region)
	}
	secondWeird := run.Results[len(run.Results)-3]
	if ll := secondWeird.Locations[0].LogicalLocations; len(ll) != 1 || ll[0].Name != "greet\x1b]0;pwned\x07ing" || ll[0].FullyQualifiedName != "/0/prom\u202ept" {
		t.Errorf("logical location %+v", ll)
	}
}

func TestSARIFURI(t *testing.T) {
	tests := []struct{ in, want string }{
		{"flows/a.json", "flows/a.json"},
		{"./flows/../a.json", "a.json"},
		{"my flows/a b.json", "my%20flows/a%20b.json"},
		{"/home/x/a.json", "file:///home/x/a.json"},
		{"-", "-"},
	}
	if filepath.Separator == '\\' {
		tests = append(tests, struct{ in, want string }{`flows\a.json`, "flows/a.json"})
	}
	for _, tt := range tests {
		if got := sarifURI(tt.in); got != tt.want {
			t.Errorf("sarifURI(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestReportsNeverLeakSecrets plants live keys all over a flow (metadata, a
// prompt, a node id, an unknown key, a JSON-escaped copy, the file name) and
// checks the raw bytes of every reporter's output.
func TestReportsNeverLeakSecrets(t *testing.T) {
	body := "Tq8ZmW3vLp9XcR2nYb6KdF4s" // 24 characters
	key := fakeKey("sk_live_", body)
	escaped := `sk\u005flive_` + body
	src := `{
  "metadata": {"apiKey": "` + key + `", "note": "` + escaped + `"},
  "` + key + `": true,
  "flow": [
    {"id": "start", "type": "start", "outcome": "greeting"},
    {"id": "greeting", "type": "conversation", "prompt": "Say: Your key is ` + key + `. Do you agree? Are you ready?",
     "outcomes": [{"id": "next", "targetNodeId": "` + key + `", "condition": ""}], "` + key + `x": 1},
    {"id": "` + key + `", "type": "end"},
    {"id": "end", "type": "end", "outcomes": {"` + key + `": "start"}}
  ]
}
`
	path := "flows/" + key + ".json"
	d, findings := Check(path, []byte(src), Options{})
	if d == nil {
		t.Fatalf("test flow does not parse: %v", findings)
	}
	if len(byRule(findings)["secret-in-flow"]) < 5 {
		t.Errorf("secret-in-flow found %v", byRule(findings)["secret-in-flow"])
	}
	results := []FileResult{{Path: path, Findings: findings, Src: []byte(src)}}
	// A file that does not parse is reported with its bytes too.
	broken := "{\"metadata\": {\"k\": \"" + key + "\"}, \"flow\": [\n  " + key + "\n]}\n"
	_, bf := Check("broken.json", []byte(broken), Options{})
	results = append(results, FileResult{Path: "broken.json", Findings: bf, Src: []byte(broken)})

	outputs := map[string]func(w *bytes.Buffer) error{
		"text":       func(w *bytes.Buffer) error { return WriteText(w, results, TextOptions{}) },
		"text color": func(w *bytes.Buffer) error { return WriteText(w, results, TextOptions{Color: true}) },
		"json":       func(w *bytes.Buffer) error { return WriteJSON(w, results) },
		"sarif":      func(w *bytes.Buffer) error { return WriteSARIF(w, results, "dev") },
	}
	for name, write := range outputs {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, s := range []string{body, body[:12], body[12:]} {
			if bytes.Contains(buf.Bytes(), []byte(s)) {
				t.Errorf("%s output holds %q:\n%s", name, s, buf.Bytes())
			}
		}
		if !bytes.Contains(buf.Bytes(), []byte("sk_live_…[redacted]")) {
			t.Errorf("%s output never shows a redacted key", name)
		}
	}
}
