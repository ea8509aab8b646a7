package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"flowsmith/validate"
)

func TestValidateExitCodes(t *testing.T) {
	valid := string(readFile(t, "testdata/valid.json"))
	cases := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string // substrings, "|"-separated
		stderr string
	}{
		{"valid", "", []string{"testdata/valid.json"}, 0, "0 errors, 0 warnings, 0 infos", ""},
		{"valid body", "", []string{"testdata/valid-body.json"}, 0, "0 errors", ""},
		{"errors", "", []string{"testdata/errors.json"}, 1, "testdata/errors.json:26:7: error dangling-target:|[node liveness]|did you mean \"closing_unverified\"?", ""},
		{"legacy", "", []string{"testdata/legacy.json"}, 1, "error legacy-shape", ""},
		{"warnings only", "", []string{"testdata/warnings.json"}, 0, "warning unknown-field|0 errors, 1 warning", ""},
		{"warnings over the limit", "", []string{"--max-warnings", "0", "testdata/warnings.json"}, 1, "warning unknown-field", "1 warnings, more than --max-warnings 0"},
		{"warnings at the limit", "", []string{"--max-warnings=1", "testdata/warnings.json"}, 0, "warning unknown-field", ""},
		{"several files", "", []string{"testdata/valid.json", "testdata/errors.json", "testdata/warnings.json"}, 1, "1 error, 1 warning", ""},
		{"interspersed flags", "", []string{"testdata/errors.json", "--format", "json"}, 1, `"errors": 1`, ""},
		{"stdin", valid, []string{"-"}, 0, "0 errors", ""},
		{"stdin with errors", `[{"id": "start", "type": "start", "outcome": "nowhere"}]`, []string{"-"}, 1, "<stdin>:1:", ""},
		{"after --", "", []string{"--", "testdata/valid.json"}, 0, "0 errors", ""},
		{"config switches a rule off", "", []string{"testdata/config/warnings.json", "--max-warnings", "0"}, 0, "0 errors, 0 warnings", ""},
		{"explicit config", "", []string{"--config", "testdata/config/.flowsmith.json", "testdata/warnings.json", "--max-warnings", "0"}, 0, "0 warnings", ""},
		{"bad config is reported", "", []string{"testdata/badconfig/valid.json"}, 1, "testdata/badconfig/.flowsmith.json:4:18: error config-error|warning unknown-rule|did you mean \"unknown-field\"?", ""},
		{"missing file", "", []string{"testdata/nope.json"}, 2, "", "flowsmith: cannot read testdata/nope.json: no such file or directory"},
		{"missing file, json", "", []string{"--format", "json", "testdata/nope.json"}, 2, `"files": []`, "cannot read testdata/nope.json"},
		{"a folder", "", []string{"testdata"}, 2, "", "flowsmith: cannot read testdata: is a directory"},
		{"missing file among good ones", "", []string{"testdata/valid.json", "testdata/nope.json"}, 2, "0 errors", "cannot read testdata/nope.json"},
		{"missing config", "", []string{"--config", "testdata/none.json", "testdata/valid.json"}, 2, "", "cannot read config testdata/none.json: no such file or directory"},
		{"no file", "", nil, 2, "", "no FILE given"},
		{"bad format", "", []string{"--format", "xml", "testdata/valid.json"}, 2, "", `unknown format "xml"`},
		{"stdin twice", "", []string{"-", "-"}, 2, "", "only once"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, c.stdin, append([]string{"validate"}, c.args...)...)
			noCrash(t, r)
			if r.code != c.code {
				t.Errorf("want exit %d:\n%v", c.code, r)
			}
			for _, want := range splitWants(c.stdout) {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("stdout lacks %q:\n%v", want, r)
				}
			}
			for _, want := range splitWants(c.stderr) {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr lacks %q:\n%v", want, r)
				}
			}
		})
	}
}

func splitWants(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// The text format: FILE:LINE:COL: SEVERITY RULE-ID: message [node ID], then the hint.
func TestValidateTextLine(t *testing.T) {
	r := runCLI(t, "", "validate", "testdata/errors.json")
	line := regexp.MustCompile(`(?m)^testdata/errors\.json:\d+:\d+: error dangling-target: .+ \[node liveness\]$`)
	if !line.MatchString(r.stdout) {
		t.Errorf("no finding line in the text format:\n%v", r)
	}
	if strings.Contains(r.stdout, "\x1b[") {
		t.Errorf("colours when the output is not a terminal:\n%q", r.stdout)
	}
}

type jsonReport struct {
	Files []struct {
		Path        string                       `json:"path"`
		Diagnostics []map[string]json.RawMessage `json:"diagnostics"`
	} `json:"files"`
	Errors   *int `json:"errors"`
	Warnings *int `json:"warnings"`
	Infos    *int `json:"infos"`
}

func TestValidateJSON(t *testing.T) {
	r := runCLI(t, "", "validate", "--format", "json", "testdata/valid.json", "testdata/errors.json", "testdata/warnings.json", "testdata/badconfig/valid.json")
	if r.code != exitProblems {
		t.Fatalf("want exit 1:\n%v", r)
	}
	var rep jsonReport
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil {
		t.Fatalf("not the documented JSON shape: %v\n%s", err, r.stdout)
	}
	if rep.Errors == nil || rep.Warnings == nil || rep.Infos == nil {
		t.Fatalf("counts missing: %s", r.stdout)
	}
	if *rep.Errors != 2 || *rep.Warnings != 2 || *rep.Infos != 0 {
		t.Errorf("counts = %d/%d/%d, want 2 errors (dangling-target, config-error), 2 warnings (unknown-field, unknown-rule)", *rep.Errors, *rep.Warnings, *rep.Infos)
	}
	var paths []string
	for _, f := range rep.Files {
		paths = append(paths, f.Path)
		if f.Diagnostics == nil {
			t.Errorf("%s: diagnostics must be an array, even when empty", f.Path)
		}
		for _, d := range f.Diagnostics {
			for _, k := range []string{"rule", "severity", "node", "pointer", "line", "column", "message", "hint"} {
				if _, ok := d[k]; !ok {
					t.Errorf("%s: diagnostic without %q: %v", f.Path, k, d)
				}
			}
			var sev string
			json.Unmarshal(d["severity"], &sev)
			if sev != "error" && sev != "warning" && sev != "info" {
				t.Errorf("severity %q", sev)
			}
		}
	}
	want := []string{"testdata/valid.json", "testdata/errors.json", "testdata/warnings.json", "testdata/badconfig/.flowsmith.json", "testdata/badconfig/valid.json"}
	if strings.Join(paths, " ") != strings.Join(want, " ") {
		t.Errorf("files = %v, want %v", paths, want)
	}
	// A config finding has no node: null, not "".
	cfg := rep.Files[3].Diagnostics[0]
	if string(cfg["node"]) != "null" {
		t.Errorf("node of a config finding = %s, want null", cfg["node"])
	}
}

func TestValidateSARIF(t *testing.T) {
	r := runCLI(t, "", "validate", "--format", "sarif", "testdata/errors.json", "testdata/warnings.json")
	if r.code != exitProblems {
		t.Fatalf("want exit 1:\n%v", r)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatalf("SARIF does not parse: %v", err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "flowsmith" {
		t.Fatalf("not a SARIF 2.1.0 log from flowsmith: %+v", log)
	}
	if len(log.Runs[0].Tool.Driver.Rules) != len(validate.Rules) {
		t.Errorf("driver lists %d rules, the catalog has %d", len(log.Runs[0].Tool.Driver.Rules), len(validate.Rules))
	}
	res := log.Runs[0].Results
	if len(res) != 2 || res[0].RuleID != "dangling-target" || res[0].Level != "error" || res[1].Level != "warning" {
		t.Fatalf("results = %+v", res)
	}
	loc := res[0].Locations[0].PhysicalLocation
	if !strings.HasSuffix(loc.ArtifactLocation.URI, "testdata/errors.json") || loc.Region.StartLine != 26 || loc.Region.StartColumn != 7 {
		t.Errorf("location = %+v", loc)
	}
}

// A flow whose strings carry terminal escapes must not reach the terminal raw,
// and a secret is never printed, in any format.
func TestValidateNeverEchoesSecretsOrEscapes(t *testing.T) {
	secret := "sk_live_" + strings.Repeat("Ab3dE", 5)
	dir := t.TempDir()
	p := filepath.Join(dir, "leak.json")
	src := `{"metadata": {"apiKey": "` + secret + `"}, "flow": [{"id": "start\u001b]0;title\u0007", "type": "start", "outcome": "` + secret + `"}]}`
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range reportFormats {
		r := runCLI(t, "", "validate", "--format", format, p)
		noCrash(t, r)
		if r.code != exitProblems || !strings.Contains(r.stdout, "secret-in-flow") {
			t.Errorf("%s: want exit 1 and secret-in-flow:\n%v", format, r)
		}
		if strings.Contains(r.stdout+r.stderr, secret) || strings.Contains(r.stdout+r.stderr, "Ab3dEAb3dE") {
			t.Errorf("%s: the secret is printed:\n%v", format, r)
		}
		if strings.ContainsRune(r.stdout+r.stderr, 0x1b) || strings.ContainsRune(r.stdout+r.stderr, 0x07) {
			t.Errorf("%s: raw escape characters in the output:\n%q", format, r.stdout)
		}
	}
}

// The generated benchmark flow is valid and passes every rule: a benchmark on a
// flow with findings would measure the wrong thing.
func TestGeneratedFlowIsClean(t *testing.T) {
	src, n := genFlow(1000)
	if n < 990 || n > 1000 {
		t.Errorf("genFlow(1000) made %d nodes", n)
	}
	_, findings := validate.Check("gen.json", src, validate.Options{})
	for _, f := range findings {
		t.Errorf("%d:%d %s %s: %s", f.Pos.Line, f.Pos.Col, f.Severity, f.Rule, f.Message)
	}
}

// --- benchmarks ----------------------------------------------------------------

func benchmarkCheck(b *testing.B, n int) {
	src, nodes := genFlow(n)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, f := validate.Check("gen.json", src, validate.Options{}); len(f) != 0 {
			b.Fatalf("%d findings", len(f))
		}
	}
	b.ReportMetric(float64(nodes), "nodes")
}

// BenchmarkCheck10k: target under 20 ms.
func BenchmarkCheck10k(b *testing.B) { benchmarkCheck(b, 10000) }

// BenchmarkCheck100k: target under 12× the 10k figure (linear).
func BenchmarkCheck100k(b *testing.B) { benchmarkCheck(b, 100000) }

// BenchmarkValidateProcess10k runs `flowsmith validate` on a 10,000-node file as
// a whole process, start-up included: target under 100 ms.
func BenchmarkValidateProcess10k(b *testing.B) {
	bin := buildBinary(b)
	src, _ := genFlow(10000)
	p := filepath.Join(b.TempDir(), "gen.json")
	if err := os.WriteFile(p, src, 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if out, err := exec.Command(bin, "validate", p).CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, out)
		}
	}
}

// TestValidateReadsTheSidecar: the reviewed translations next to a flow take
// part in validation, and a broken sidecar is reported as a file of its own.
func TestValidateReadsTheSidecar(t *testing.T) {
	r := runCLI(t, "", "validate", "testdata/sidecar/flow.json")
	if !strings.Contains(r.stdout, "warning stale-translation") || !strings.Contains(r.stdout, "[node greeting]") {
		t.Errorf("a stale translation in the sidecar was not reported:\n%v", r)
	}
	r = runCLI(t, "", "validate", "testdata/badsidecar/flow.json")
	noCrash(t, r)
	if r.code != exitProblems || !strings.Contains(r.stdout, "flow.i18n.json:4:1: error parse-error") {
		t.Errorf("a broken sidecar should be a parse-error of its own file:\n%v", r)
	}
}
