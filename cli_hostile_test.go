package main

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"flowsmith/internal/testenv"
	"flowsmith/validate"
)

// Tests of the command-line tool on hostile input: no panic, no hang, a clear message.

var positioned = regexp.MustCompile(`:\d+:\d+: `)

// Every hostile file (testenv.HostileFiles) gives a clear message with a
// position, exit 1, quickly, and never reaches the panic handler, with every
// command that reads flows; the well-formed ones, only large, exit 0.
func TestHostileInputs(t *testing.T) {
	for _, f := range testenv.HostileFiles(t, ".") {
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
				if d := time.Since(start); d > hostileLimit*testenv.Slowdown() {
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
				case testenv.HostileWellFormed(filepath.Base(f)):
					if r.code != exitOK {
						t.Errorf("%v: a well-formed flow: want exit 0:\n%v", args, r)
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
			if testenv.HostileWellFormed(filepath.Base(f)) {
				if r.code != exitOK {
					t.Errorf("stdin: a well-formed flow: want exit 0:\n%v", r)
				}
			} else if r.code != exitProblems || !strings.Contains(r.stdout, "<stdin>:") {
				t.Errorf("stdin: want exit 1 and <stdin>:line:col:\n%v", r)
			}
		})
	}
}
