package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"flowsmith/flowgraph/draw"
	"flowsmith/internal/testenv"
	"flowsmith/validate"
)

// noRawControls fails when text holds an escape sequence or another raw
// control character, bidi controls and invalid UTF-8 included (controlIn),
// or a tab; newlines are fine.
func noRawControls(t *testing.T, what, text string) {
	t.Helper()
	if c := controlIn(text); c != "" {
		t.Fatalf("%s: raw %s", what, c)
	}
	if i := strings.IndexByte(text, '\t'); i >= 0 { // no tab either, here
		t.Fatalf("%s: raw tab at byte %d", what, i)
	}
}

func TestGraphFormats(t *testing.T) {
	const in = "testdata/errors.json"
	src := readFile(t, in)
	doc, findings := validate.Check(in, src, validate.Options{})
	marks := graphMarks(findings)
	if marks["liveness"] != draw.Error {
		t.Fatalf("marks %v: want liveness (an outcome to a missing node) as an error", marks)
	}
	for _, format := range []string{"text", "dot", "mermaid"} {
		t.Run(format, func(t *testing.T) {
			args := []string{"graph", in}
			if format != "text" {
				args = []string{"graph", "--format", format, in}
			}
			r := runCLI(t, "", args...)
			noCrash(t, r)
			if r.code != exitOK || r.stderr != "" {
				t.Fatalf("a flow with errors is still drawn, exit 0:\n%v", r)
			}
			// The output is draw's, with validate's marks; text is plain ASCII
			// since the output is not a terminal.
			var want bytes.Buffer
			if err := writeGraph(&want, doc, format, draw.Options{Marks: marks, ASCII: true, Sanitize: clean}); err != nil {
				t.Fatal(err)
			}
			if r.stdout != want.String() {
				t.Errorf("output differs from draw's:\n--- got\n%s--- want\n%s", r.stdout, want.String())
			}
			switch format {
			case "text":
				for _, r := range r.stdout {
					if r > 0x7e && r != '\n' || r == 0x1b {
						t.Fatalf("text off a terminal is not plain ASCII: %q", r)
					}
				}
				if !strings.Contains(r.stdout, "| liveness ") || !strings.Contains(r.stdout, "(missing)") {
					t.Errorf("text drawing:\n%s", r.stdout)
				}
			case "dot":
				if !strings.HasPrefix(r.stdout, "digraph flow {") || !strings.Contains(r.stdout, `label="liveness\nliveness_detection", shape=hexagon, style="filled", color="#c8102e"`) {
					t.Errorf("dot:\n%s", r.stdout)
				}
				if dot, err := exec.LookPath("dot"); err == nil {
					cmd := exec.Command(dot, "-Tsvg")
					cmd.Stdin = strings.NewReader(r.stdout)
					if out, err := cmd.CombinedOutput(); err != nil {
						t.Errorf("dot -Tsvg: %v\n%.500s", err, out)
					}
				}
			case "mermaid":
				if !strings.HasPrefix(r.stdout, "flowchart TD\n") || !strings.Contains(r.stdout, "class n_liveness") {
					t.Errorf("mermaid:\n%s", r.stdout)
				}
			}
		})
	}
	// Standard input works the same.
	r := runCLI(t, string(src), "graph", "--format", "mermaid", "-")
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "flowchart TD\n") {
		t.Errorf("stdin:\n%v", r)
	}
}

// On a terminal, text is drawn with box-drawing characters and colours,
// unless NO_COLOR is set.
func TestGraphTerminal(t *testing.T) {
	for _, noColor := range []bool{false, true} {
		var out, errb bytes.Buffer
		c := &cli{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, cmd: graphCmd,
			term: terminal{stdout: true, noColor: noColor, dark: true}}
		if code := c.graph([]string{"testdata/errors.json"}, "text", "liveness", 1, ""); code != exitOK {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		s := out.String()
		hasBox, hasSGR := strings.Contains(s, "┌"), strings.Contains(s, "\x1b[")
		if noColor && (hasBox || hasSGR || !strings.Contains(s, "# liveness")) {
			t.Errorf("NO_COLOR: want plain ASCII with the focus node's border doubled:\n%s", s)
		}
		if !noColor && (!hasBox || !hasSGR || !strings.Contains(s, "\x1b[1;31;7m╔")) {
			t.Errorf("terminal: want box drawing and colours, the focus node bold red reversed:\n%q", s)
		}
	}
}

func TestGraphFocus(t *testing.T) {
	r := runCLI(t, "", "graph", "--focus", "liveness", "--hops", "1", "testdata/errors.json")
	noCrash(t, r)
	if r.code != exitOK {
		t.Fatalf("%v", r)
	}
	for _, id := range []string{"greeting", "# liveness", "closing_success", "closing_unverified", "closing_unverifed"} {
		if !strings.Contains(r.stdout, id) {
			t.Errorf("neighbourhood misses %q:\n%s", id, r.stdout)
		}
	}
	for _, id := range []string{"| start", "end_success"} {
		if strings.Contains(r.stdout, id) {
			t.Errorf("neighbourhood of one hop holds %q:\n%s", id, r.stdout)
		}
	}
	// The default is two hops; every format follows the focus.
	r = runCLI(t, "", "graph", "--format", "dot", "--focus", "liveness", "testdata/errors.json")
	if r.code != exitOK || !strings.Contains(r.stdout, `label="start\nstart"`) || strings.Contains(r.stdout, "end_success") == false ||
		!strings.Contains(r.stdout, "penwidth=3") {
		t.Errorf("--focus with 2 hops in dot:\n%v", r)
	}
	r = runCLI(t, "", "graph", "--format", "mermaid", "--focus", "start", "--hops", "0", "testdata/errors.json")
	if r.code != exitOK || strings.Count(r.stdout, "\n") != 4 || !strings.Contains(r.stdout, `n_start(["start<br/>start"])`) {
		t.Errorf("--hops 0 is the node alone:\n%v", r)
	}
}

func TestGraphExitCodes(t *testing.T) {
	cases := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"graph"}, exitUsage, "exactly one FILE, got 0"},
		{[]string{"graph", "a.json", "b.json"}, exitUsage, "exactly one FILE, got 2"},
		{[]string{"graph", "--format", "svg", "testdata/valid.json"}, exitUsage, `unknown format "svg"`},
		{[]string{"graph", "--hops", "3", "testdata/valid.json"}, exitUsage, "--hops needs --focus"},
		{[]string{"graph", "--focus", "start", "--hops", "-1", "testdata/valid.json"}, exitUsage, "--hops must be 0 or more"},
		{[]string{"graph", "--focus", "livenes", "testdata/valid.json"}, exitUsage, `no node has the id "livenes"; did you mean "liveness"?`},
		{[]string{"graph", "--focus", "zzzzzzzz", "testdata/valid.json"}, exitUsage, `no node has the id "zzzzzzzz"`},
		{[]string{"graph", "--focus", "\x1b[2Jx", "testdata/valid.json"}, exitUsage, `no node has the id "\\x1b[2Jx"`},
		{[]string{"graph", "testdata/no-such-file.json"}, exitUsage, "cannot read testdata/no-such-file.json"},
		{[]string{"graph", "testdata/hostile/unclosed.json"}, exitProblems, "testdata/hostile/unclosed.json:"},
		{[]string{"graph", "testdata/hostile/scalar.json"}, exitProblems, "testdata/hostile/scalar.json:1:"},
		{[]string{"graph", "testdata/valid.json"}, exitOK, ""},
		{[]string{"graph", "testdata/errors.json"}, exitOK, ""},
		{[]string{"graph", "testdata/legacy.json"}, exitOK, ""},
		{[]string{"graph", "--format", "dot", "testdata/valid-body.json"}, exitOK, ""},
	}
	for _, c := range cases {
		r := runCLI(t, "", c.args...)
		noCrash(t, r)
		if r.code != c.code || !strings.Contains(r.stderr, c.stderr) || c.stderr == "" && r.stderr != "" {
			t.Errorf("%q: want exit %d and %q on stderr:\n%v", c.args, c.code, c.stderr, r)
		}
		if c.code == exitProblems && !positioned.MatchString(r.stderr) {
			t.Errorf("%q: no file:line:col:\n%v", c.args, r)
		}
		noRawControls(t, strings.Join(c.args, " "), r.stdout+r.stderr)
	}
}

// Hostile files and hostile ids: never a crash, never a raw escape sequence in
// any format, and quickly.
func TestGraphHostile(t *testing.T) {
	files := testenv.HostileFiles(t, ".")
	ids := []string{"\x1b]0;pwned\x07\x1b[2J", "q\"uote", `back\slash`, "new\nline", "bidi\u202eexe", "csi\u009b2J",
		"end", "o", "x", "<b>&amp;", strings.Repeat("long", 3000)}
	var flow []map[string]any
	for i, id := range ids {
		n := map[string]any{"id": id, "type": "conversation\x1b[31m", "prompt": "Say: hi"}
		next := "gone\x1b[5m"
		if i+1 < len(ids) {
			next = ids[i+1]
		}
		n["outcomes"] = []map[string]any{{"id": "o\x1b[1m" + id, "targetNodeId": next, "condition": ""}}
		flow = append(flow, n)
	}
	src, _ := json.Marshal(flow)
	p := filepath.Join(t.TempDir(), "hostile-ids.json")
	if err := os.WriteFile(p, src, 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, p)
	for _, f := range files {
		for _, format := range []string{"text", "dot", "mermaid"} {
			args := []string{"graph", "--format", format, f}
			if f == p {
				args = append(args, "--focus", ids[0], "--hops", "20")
			}
			start := time.Now()
			r := runCLI(t, "", args...)
			if d := time.Since(start); d > hostileLimit*testenv.Slowdown() {
				t.Errorf("%v took %v", args, d)
			}
			noCrash(t, r)
			if r.code != exitOK && r.code != exitProblems {
				t.Errorf("%v: want exit 0 or 1:\n%v", args, r)
			}
			noRawControls(t, strings.Join(args, " "), r.stdout+r.stderr)
		}
	}
	// The hostile ids are drawn, visibly escaped.
	r := runCLI(t, "", "graph", "--format", "dot", p)
	if !strings.Contains(r.stdout, `\\x1b]0;pwned\\x07\\x1b[2J`) || !strings.Contains(r.stdout, `q\"uote`) {
		t.Errorf("escaped ids not found:\n%.2000s", r.stdout)
	}
}

func TestGraphMarks(t *testing.T) {
	fs := []validate.Finding{
		{Node: "a", Severity: validate.Warning}, {Node: "a", Severity: validate.Error}, {Node: "a", Severity: validate.Info},
		{Node: "b", Severity: validate.Info}, {Node: "", Severity: validate.Error}, {Node: "c", Severity: validate.Off},
	}
	got := graphMarks(fs)
	want := map[string]draw.Mark{"a": draw.Error, "b": draw.Info}
	if len(got) != len(want) || got["a"] != want["a"] || got["b"] != want["b"] {
		t.Errorf("graphMarks = %v, want %v", got, want)
	}
}

// draw.Sanitize (draw may not import validate) is validate.Sanitize.
func TestDrawSanitizeIsValidateSanitize(t *testing.T) {
	for _, s := range []string{
		"", "plain", "q\"uote", `back\slash`, "new\nline", "tab\tx", "cr\rx", "esc\x1b[31mred\x1b[0m",
		"osc\x1b]0;title\x07", "csi\u009b2J", "bidi\u202egnp.exe", "zw\u200bsp", "bom\ufeff", "tag\U000E0041",
		"del\x7f", "bad\xffutf8", "приветствие", "emoji😀", "<>{}|[]()", "ls\u2028ps\u2029", "hangul\u3164filler",
		"nul\x00", "\u115f\u1160\uffa0", "\x80\xc0",
	} {
		if got, want := draw.Sanitize(s), validate.Sanitize(s); got != want {
			t.Errorf("draw.Sanitize(%q) = %q, validate.Sanitize = %q", s, got, want)
		}
	}
}
