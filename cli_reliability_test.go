package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"flowsmith/internal/testenv"
)

// Every command, run on a flow with a planted secret key and on a flow whose
// ids, prompts and conditions hold escape sequences, controls and bidi
// overrides: the key never reaches any output, and no control byte from the
// file reaches text output.

// everyCommand is every command that reads a flow, in every output format,
// plus the ones that read none. FILE stands for the flow, OUT for a path to
// write to.
var everyCommand = [][]string{
	{"validate", "FILE"},
	{"validate", "--format", "json", "FILE"},
	{"validate", "--format", "sarif", "FILE"},
	{"validate", "-"},
	{"export", "FILE"},
	{"export", "FILE", "-o", "OUT"},
	{"export", "FILE", "--flow-only", "-o", "OUT"},
	{"fmt", "FILE"},
	{"fmt", "--check", "FILE"},
	{"fmt", "--check", "--indent", "4", "FILE"},
	{"explain"},
	{"explain", "secret-in-flow"},
	{"explain", "sk_live_nope"},
	{"schema"},
	{"preview", "FILE"},
	{"preview", "--format", "markdown", "FILE"},
	{"preview", "--format", "json", "FILE"},
	{"preview", "--lang", "de", "FILE"},
	{"graph", "FILE"},
	{"graph", "--format", "dot", "FILE"},
	{"graph", "--format", "mermaid", "FILE"},
	{"graph", "--focus", "NODE", "FILE"},
	{"FILE", "--nope"},
}

// runEvery runs every command on a fresh copy of src and hands each result
// to check.
func runEvery(t *testing.T, src, node string, check func(args []string, r result)) {
	t.Helper()
	for _, cmd := range everyCommand {
		dir := t.TempDir()
		file := filepath.Join(dir, "flow.json")
		if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		args := make([]string, len(cmd))
		for i, a := range cmd {
			switch a {
			case "FILE":
				a = file
			case "OUT":
				a = filepath.Join(dir, "out.json")
			case "NODE":
				a = node
			}
			args[i] = a
		}
		stdin := ""
		if cmd[len(cmd)-1] == "-" {
			stdin = src
		}
		r := runCLI(t, stdin, args...)
		noCrash(t, r)
		check(cmd, r)
	}
}

func TestSecretNeverPrinted(t *testing.T) {
	key := testenv.PlantedKey()
	body := key[len("sk_live_"):]
	src := `{
  "langs": ["en"],
  "metadata": {"apiKey": "` + key + `", "` + key + `": "as a key"},
  "flow": [
    {"id": "start", "type": "start", "outcome": "greeting"},
    {"id": "greeting", "type": "conversation",
     "prompt": "Say: Welcome. Your key is ` + key + `. Are you ready?",
     "outcomes": [
       {"id": "yes", "targetNodeId": "` + key + `", "condition": "The user says ` + key + `"},
       {"id": "no", "targetNodeId": "end", "condition": ""}
     ]},
    {"id": "` + key + `", "type": "conversation", "prompt": "Say: Bye ` + key + `", "outcomes": [{"id": "x", "targetNodeId": "end", "condition": ""}]},
    {"id": "end", "type": "end"}
  ]
}
`
	var exports int
	runEvery(t, src, key, func(args []string, r result) {
		out := r.stdout + r.stderr
		if strings.Contains(out, key) || strings.Contains(out, body[:12]) {
			t.Errorf("%v printed the key:\n%v", args, r)
		}
		if args[0] == "export" {
			exports++
			if r.code != exitProblems || !strings.Contains(r.stderr, "secret-in-flow") || r.stdout != "" {
				t.Errorf("%v: export of a flow with a secret is refused (exit 1, nothing written):\n%v", args, r)
			}
		}
	})
	if exports == 0 {
		t.Fatal("export was not run")
	}
}

// controlIn reports the first control character, escape, C1 control or bidi
// override in text output, or "".
func controlIn(s string) string {
	for i, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\ufffd"):
			return fmt.Sprintf("invalid UTF-8 at byte %d", i)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			lo := max(0, i-30)
			return fmt.Sprintf("%U at byte %d: %q", r, i, s[lo:min(len(s), i+30)])
		}
	}
	return ""
}

func TestInjectionNeverPrinted(t *testing.T) {
	for name, src := range map[string]string{
		"escapes": testenv.InjectionFlow,
		"raw":     testenv.InjectionFlowRaw,
		"hostile": string(readFile(t, "testdata/hostile/escape-sequences.json")),
	} {
		t.Run(name, func(t *testing.T) {
			runEvery(t, src, "\x1b]0;PWNED\x07greet", func(args []string, r result) {
				text := r.stderr
				if !(args[0] == "export" && r.code == exitOK) {
					text += r.stdout // an export's standard output is the document itself
				}
				if c := controlIn(text); c != "" {
					t.Errorf("%v: a control character from the file reached the output: %s\n%v", args, c, r)
				}
			})
		})
	}
}

// TestUnreadableInputs: devices and folders are refused with a message and exit
// 2, never read forever (the size bound itself: flowgraph's TestReadInput).
func TestUnreadableInputs(t *testing.T) {
	cases := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"device", "", []string{"validate", "/dev/zero"}, "cannot read /dev/zero: is a device, not a file"},
		{"folder", "", []string{"validate", "testdata"}, "cannot read testdata: is a directory"},
		{"device as config", "", []string{"validate", "--config", "/dev/zero", "examples/sample.json"}, "is a device"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, c.stdin, c.args...)
			noCrash(t, r)
			if r.code != exitUsage || !strings.Contains(r.stderr, c.want) {
				t.Errorf("want exit 2 and %q:\n%v", c.want, r)
			}
		})
	}
}

// hostileLimit bounds one command on a hostile file (the largest is 60 MB, about
// a second's work). It catches hangs and quadratic work, minutes long, with room
// for a machine busy with other packages' tests.
const hostileLimit = 10 * time.Second
