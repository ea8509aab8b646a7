package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"flowsmith/validate"
)

// Tests of the command-line tool on hostile input: no panic, no hang, a clear message.

// hostileFiles are the files under testdata/hostile plus ones made at run time
// that are too large, or too like a real secret, to commit.
func hostileFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/hostile/*")
	if err != nil || len(files) < 10 {
		t.Fatalf("testdata/hostile: %d files (%v)", len(files), err)
	}
	dir := t.TempDir()
	gen := map[string][]byte{
		"deep-200k.json":         append(bytes.Repeat([]byte("["), 200000), bytes.Repeat([]byte("]"), 200000)...),
		"deep-objects.json":      []byte(strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("}", 100000)),
		"long-id.json":           []byte(`[{"id": "` + strings.Repeat("x", 100000) + `", "type": "start", "outcome": "nowhere"}]`),
		"big-number.json":        []byte(`[{"id": "o", "type": "two_factor_email", "otpLength": 1e999999}]`),
		"wrong-field-types.json": []byte(`[{"id": 1, "type": ["end"], "outcomes": 7, "prompt": {}}, "node", null, 3.5]`),
		"dup-keys.json":          []byte(`[{"id": "a", "id": "b", "type": "end"}]`),
	}
	// 60 MB strings, in an id, a prompt and a string left open. The race
	// detector makes reading them ten times slower, which says nothing about
	// the time limit: .ci/run runs these without it.
	if !raceDetector() {
		gen["string-60mb-id.json"] = []byte(`[{"id": "start", "type": "start", "outcome": "` + strings.Repeat("x", 60<<20) + `"}]`)
		gen["string-60mb-prompt.json"] = []byte(`[{"id": "start", "type": "start", "outcome": "talk"}, {"id": "talk", "type": "conversation", "prompt": "` +
			strings.Repeat("Hello there ", 5<<20) + `", "outcomes": [{"id": "o", "targetNodeId": "nowhere", "condition": ""}]}]`)
		gen["string-60mb-unclosed.json"] = []byte(`[{"id": "` + strings.Repeat("x", 60<<20))
	}
	for name, b := range gen {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	return files
}

var positioned = regexp.MustCompile(`:\d+:\d+: `)

// Every hostile file gives a clear message with a position, exit 1, quickly,
// and never reaches the panic handler, with every command that reads flows.
func TestHostileInputs(t *testing.T) {
	for _, f := range hostileFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc, _ := validate.Check(f, readFile(t, f), validate.Options{})
			parses := doc != nil
			for _, args := range [][]string{
				{"validate", f},
				{"validate", "--format", "json", f},
				{"validate", "--format", "sarif", f},
				{"export", f, "-o", filepath.Join(t.TempDir(), "out.json")},
				{"fmt", "--check", f},
			} {
				before := readFile(t, f)
				start := time.Now()
				r := runCLI(t, "", args...)
				if d := time.Since(start); d > hostileLimit*raceSlowdown() {
					t.Errorf("%v took %v", args, d)
				}
				noCrash(t, r)
				out := r.stdout + r.stderr
				if len(out) > 1<<20 {
					t.Errorf("%v printed %d bytes: a value from the file floods the output", args, len(out))
				}
				switch {
				case args[0] == "fmt" && parses:
					// fmt only lays out; a well-formed but wrong flow is its business
					// only as far as the layout goes.
					if r.code != exitOK && r.code != exitProblems {
						t.Errorf("%v: want exit 0 or 1:\n%v", args, r)
					}
				case r.code != exitProblems:
					t.Errorf("%v: want exit 1:\n%v", args, r)
				case args[1] != "--format" && !positioned.MatchString(out):
					t.Errorf("%v: no file:line:col in the output:\n%v", args, r)
				}
				if strings.Contains(out, "\x1b") || strings.Contains(out, "\u009b") {
					t.Errorf("%v: a control sequence from the file reached the output:\n%q", args, out)
				}
				if !bytes.Equal(before, readFile(t, f)) {
					t.Errorf("%v changed the file", args)
				}
			}
			// Hostile bytes on standard input behave the same.
			r := runCLI(t, string(readFile(t, f)), "validate", "-")
			noCrash(t, r)
			if r.code != exitProblems || !strings.Contains(r.stdout, "<stdin>:") {
				t.Errorf("stdin: want exit 1 and <stdin>:line:col:\n%v", r)
			}
		})
	}
}
