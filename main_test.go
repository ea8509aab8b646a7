package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/spf13/pflag"

	"flowsmith/examples"
	"flowsmith/validate"
)

var update = flag.Bool("update", false, "rewrite the generated parts of README.md")

// result is what one in-process run of the CLI did.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs the CLI in-process, with stdin as standard input.
func runCLI(t testing.TB, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\n--- stdout\n%s--- stderr\n%s", r.code, r.stdout, r.stderr)
}

// noCrash fails the test if the run reached the panic handler.
func noCrash(t testing.TB, r result) {
	t.Helper()
	for _, s := range []string{"internal error", "panic", "goroutine "} {
		if strings.Contains(r.stderr, s) || strings.Contains(r.stdout, s) {
			t.Fatalf("the run crashed (%q in the output):\n%v", s, r)
		}
	}
}

// copyTo copies a testdata file into dir and returns the new path.
func copyTo(t testing.TB, src, dir string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, filepath.Base(src))
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// --- the command table and help ------------------------------------------------

func TestCommandTable(t *testing.T) {
	seen := map[string]bool{}
	for _, cmd := range commands {
		if cmd.name == "" || cmd.summary == "" || cmd.help == "" || cmd.setup == nil {
			t.Errorf("command %q is incomplete", cmd.name)
		}
		if seen[cmd.name] {
			t.Errorf("command %q is in the table twice", cmd.name)
		}
		seen[cmd.name] = true
		if !strings.Contains(cmd.help, "Exit codes:") {
			t.Errorf("the help of %q does not list its exit codes", cmd.name)
		}
		if !strings.Contains(cmd.help, "flowsmith "+cmd.name) {
			t.Errorf("the help of %q has no example", cmd.name)
		}
	}
	for _, want := range []string{"validate", "export", "fmt", "explain", "schema"} {
		if !seen[want] {
			t.Errorf("command %q is missing", want)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, cmd := range commands {
		for _, args := range [][]string{{cmd.name, "--help"}, {cmd.name, "-h"}, {"help", cmd.name}, {cmd.name, "x.json", "--help"}} {
			r := runCLI(t, "", args...)
			if r.code != exitOK || !strings.Contains(r.stdout, "Usage: flowsmith "+cmd.name) || !strings.Contains(r.stdout, "--help") {
				t.Errorf("%v:\n%v", args, r)
			}
		}
	}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"help", "help"}} {
		r := runCLI(t, "", args...)
		if r.code != exitOK || !strings.Contains(r.stdout, "Commands:") {
			t.Errorf("%v:\n%v", args, r)
		}
		for _, cmd := range commands {
			if !strings.Contains(r.stdout, "  "+cmd.name+" ") {
				t.Errorf("%v: root help does not list %q", args, cmd.name)
			}
		}
	}
	r := runCLI(t, "", "--version")
	if r.code != exitOK || !regexp.MustCompile(`^flowsmith \S.*\n$`).MatchString(r.stdout) {
		t.Errorf("--version:\n%v", r)
	}
}

func TestUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"help", "valdate"}, `did you mean "validate"?`},
		{[]string{"help", "a", "b"}, "help takes one command name"},
		{[]string{"valdate"}, `unknown command "valdate"; did you mean "validate"?`},
		{[]string{"frobnicate", "x.json"}, `unknown command "frobnicate"`},
		{[]string{"--nope"}, "unknown flag: --nope"},
		{[]string{"validate", "--nope", "x.json"}, "unknown flag: --nope"},
		{[]string{"validate", "--max-warnings", "many", "x.json"}, "invalid argument"},
		{[]string{"export", "--flow-only"}, "exactly one FILE"},
		{[]string{"schema", "extra"}, "takes no arguments"},
		{[]string{"explain", "a", "b"}, "at most one RULE-ID"},
	}
	for _, c := range cases {
		r := runCLI(t, "", c.args...)
		noCrash(t, r)
		if r.code != exitUsage || !strings.Contains(r.stderr, c.want) || !strings.Contains(r.stderr, "Run 'flowsmith") {
			t.Errorf("%v: want exit 2 and %q:\n%v", c.args, c.want, r)
		}
	}
}

// A bug that panics must end in one line and exit 2, never a trace.
func TestInternalErrorIsRecovered(t *testing.T) {
	boom := &command{name: "boom", summary: "panics", setup: func(*pflag.FlagSet) func(*cli, []string) int {
		return func(*cli, []string) int { panic("boom \x1b[2J") }
	}}
	commands = append(commands, boom)
	defer func() { commands = commands[:len(commands)-1] }()
	r := runCLI(t, "", "boom")
	if r.code != exitUsage || r.stderr != "flowsmith: internal error: boom \\x1b[2J\n" {
		t.Errorf("want one sanitized line and exit 2:\n%v", r)
	}
}

// --- the editor entry ----------------------------------------------------------

func TestEditorEntry(t *testing.T) {
	saved := startEditor
	defer func() { startEditor = saved }()
	// Tests never run on a terminal: the editor must refuse cleanly.
	for _, args := range [][]string{nil, {"testdata/valid.json"}, {"--config", "testdata/config/.flowsmith.json", "testdata/valid.json"}, {"new-flow.json"}} {
		called := false
		startEditor = func(editorOptions) error { called = true; return nil }
		r := runCLI(t, "", args...)
		if called || r.code != exitUsage || !strings.Contains(r.stderr, "needs a terminal") {
			t.Errorf("%v: want a clear refusal without a terminal:\n%v", args, r)
		}
	}
}

// On a terminal, the editor gets the right options.
func TestEditorOptions(t *testing.T) {
	saved := startEditor
	defer func() { startEditor = saved }()
	var got editorOptions
	startEditor = func(o editorOptions) error { got = o; return nil }
	tty := &cli{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, term: terminal{stdin: true, stdout: true, dark: true}}

	if code := tty.openEditor("", ""); code != exitOK || !got.Untitled || !bytes.Equal(got.Src, examples.Sample()) || got.Path != "" {
		t.Errorf("no FILE: want the untitled sample, got exit %d, %+v", code, got)
	}
	if code := tty.openEditor("testdata/config/warnings.json", ""); code != exitOK || got.Untitled ||
		!bytes.Equal(got.Src, readFile(t, "testdata/config/warnings.json")) || got.Config == nil || got.Config.Rules["unknown-field"] != validate.Off {
		t.Errorf("FILE: want its bytes and its folder's config, got exit %d, %+v", code, got)
	}
	missing := filepath.Join(t.TempDir(), "new.json")
	if code := tty.openEditor(missing, ""); code != exitOK || got.Src != nil || got.Path != missing {
		t.Errorf("a new FILE: want Src nil (template picker), got exit %d, %+v", code, got)
	}
	var errb bytes.Buffer
	tty.stderr = &errb
	if code := tty.openEditor("testdata", ""); code != exitUsage || !strings.Contains(errb.String(), "cannot read testdata: is a directory") {
		t.Errorf("a folder: want exit 2, got %d: %s", code, errb.String())
	}
	startEditor = func(editorOptions) error { return errors.New("terminal went away") }
	errb.Reset()
	if code := tty.openEditor("", ""); code != exitUsage || !strings.Contains(errb.String(), "flowsmith: terminal went away") {
		t.Errorf("an editor error: want exit 2 and the message, got %d: %s", code, errb.String())
	}
}

// --- the real binary -------------------------------------------------------------

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

// buildBinary builds flowsmith once per test run.
func buildBinary(tb testing.TB) string {
	tb.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "flowsmith-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "flowsmith")
		if runtime.GOOS == "windows" {
			binPath += ".exe"
		}
		goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
		if _, err := os.Stat(goTool); err != nil {
			goTool = "go"
		}
		out, err := exec.Command(goTool, "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		tb.Fatal(binErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	out := filepath.Join(t.TempDir(), "out.json")
	cases := []struct {
		args   []string
		stdin  string
		code   int
		stdout string // a substring
		stderr string
	}{
		{[]string{"--version"}, "", 0, "flowsmith ", ""},
		{[]string{"validate", "testdata/valid.json"}, "", 0, "0 errors, 0 warnings, 0 infos", ""},
		{[]string{"validate", "testdata/errors.json", "--format", "json"}, "", 1, `"errors": 1`, ""},
		{[]string{"validate", "-"}, string(readFile(t, "testdata/valid.json")), 0, "0 errors", ""},
		{[]string{"validate", "testdata/nope.json"}, "", 2, "", "flowsmith: cannot read testdata/nope.json: no such file or directory"},
		{[]string{"validate", "testdata/hostile/deep.json"}, "", 1, "testdata/hostile/deep.json:1:", ""},
		{[]string{"export", "testdata/valid.json", "-o", out}, "", 0, "", ""},
		{[]string{"explain", "self-loop"}, "", 0, "self-loop", ""},
		{[]string{"schema"}, "", 0, `"$schema": "https://json-schema.org/draft/2020-12/schema"`, ""},
		{[]string{"fmt", "--check", "testdata/valid.json"}, "", 0, "", ""},
	}
	for _, c := range cases {
		cmd := exec.Command(bin, c.args...)
		cmd.Stdin = strings.NewReader(c.stdin)
		var so, se bytes.Buffer
		cmd.Stdout, cmd.Stderr = &so, &se
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		r := result{code, so.String(), se.String()}
		noCrash(t, r)
		if code != c.code || !strings.Contains(r.stdout, c.stdout) || !strings.Contains(r.stderr, c.stderr) {
			t.Errorf("%v: want exit %d, %q on stdout, %q on stderr:\n%v", c.args, c.code, c.stdout, c.stderr, r)
		}
	}
	if !bytes.Equal(readFile(t, out), readFile(t, "testdata/valid.json")) {
		t.Error("the binary's export is not byte-identical to its input")
	}
}

// --- a generated flow for benchmarks ------------------------------------------------

// genFlow writes a valid, realistic bare flow of about n nodes that passes
// every rule with zero findings: start, then a chain of verification steps,
// each a greeting conversation, a liveness check with one retry through a
// notice, and a closing conversation (doesNotRequireReply) before its own end
// for the unverified outcome; the last step's success leads to the success
// closing and end. It returns the bytes and the exact node count.
func genFlow(n int) ([]byte, int) {
	const perStep, fixed = 6, 3
	steps := max(1, (n-fixed)/perStep)
	var b strings.Builder
	b.Grow(steps * 2600)
	b.WriteString("[\n")
	count := 0
	node := func(s string) {
		if count > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(s)
		count++
	}
	conversation := func(id, prompt, target string, final bool) {
		reply := ""
		if final {
			reply = "\n    \"doesNotRequireReply\": true,"
		}
		node(fmt.Sprintf(`  {
    "id": %q,
    "type": "conversation",
    "prompt": %q,%s
    "outcomes": [
      {
        "id": "next",
        "targetNodeId": %q,
        "condition": ""
      }
    ]
  }`, id, prompt, reply, target))
	}
	liveness := func(id, ok, deepfake, retry string) {
		node(fmt.Sprintf(`  {
    "id": %q,
    "type": "liveness_detection",
    "outcomes": {
      "livenessDetected": %q,
      "deepfakeDetected": %q,
      "noFace": %q,
      "inconclusive": %q
    }
  }`, id, ok, deepfake, retry, retry))
	}
	node(`  {
    "id": "start",
    "type": "start",
    "outcome": "greeting_1"
  }`)
	for i := 1; i <= steps; i++ {
		next := fmt.Sprintf("greeting_%d", i+1)
		if i == steps {
			next = "closing_success"
		}
		unverified := fmt.Sprintf("closing_unverified_%d", i)
		conversation(fmt.Sprintf("greeting_%d", i),
			fmt.Sprintf("Say: Hi {name}, this is check number %d of your verification. Please look straight at the camera and keep your face inside the frame for a few seconds. Let me know when you are ready.", i),
			fmt.Sprintf("liveness_%d", i), false)
		liveness(fmt.Sprintf("liveness_%d", i), next, unverified, fmt.Sprintf("liveness_retry_notice_%d", i))
		conversation(fmt.Sprintf("liveness_retry_notice_%d", i),
			"Say: I could not get a clear view of your face. Please move somewhere with good light, hold your device at eye level, and look directly at the camera. Let me know when you are ready to try again.",
			fmt.Sprintf("liveness_retry_%d", i), false)
		liveness(fmt.Sprintf("liveness_retry_%d", i), next, unverified, unverified)
		conversation(unverified,
			"Say: Thank you for your time. We could not complete the check in this session, so please try again later or contact our support team for help.",
			fmt.Sprintf("end_unverified_%d", i), true)
		node(fmt.Sprintf("  {\n    \"id\": \"end_unverified_%d\",\n    \"type\": \"end\"\n  }", i))
	}
	conversation("closing_success", "Say: Thank you, {name}. Your check is complete and you can now return to the app.", "end_success", true)
	node("  {\n    \"id\": \"end_success\",\n    \"type\": \"end\"\n  }")
	b.WriteString("\n]\n")
	return []byte(b.String()), count
}
