package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"flowsmith/flowgraph"
)

func TestExportWritesExactBytes(t *testing.T) {
	for _, in := range []string{"testdata/valid.json", "testdata/valid-body.json", "testdata/warnings.json"} {
		t.Run(filepath.Base(in), func(t *testing.T) {
			want := readFile(t, in)
			// To standard output.
			r := runCLI(t, "", "export", in)
			noCrash(t, r)
			if r.code != exitOK || r.stdout != string(want) {
				t.Errorf("stdout is not the file's exact bytes:\n%v", r)
			}
			// To a file, flags after the argument.
			out := filepath.Join(t.TempDir(), "out.json")
			r = runCLI(t, "", "export", in, "-o", out)
			if r.code != exitOK || r.stdout != "" {
				t.Errorf("-o:\n%v", r)
			}
			if got := readFile(t, out); !bytes.Equal(got, want) {
				t.Errorf("-o wrote other bytes:\n%s", got)
			}
			// From standard input.
			r = runCLI(t, string(want), "export", "-")
			if r.code != exitOK || r.stdout != string(want) {
				t.Errorf("stdin:\n%v", r)
			}
		})
	}
	// Warnings do not block, but are shown on standard error.
	r := runCLI(t, "", "export", "testdata/warnings.json")
	if !strings.Contains(r.stderr, "warning unknown-field") {
		t.Errorf("warnings are not shown:\n%v", r)
	}
}

func TestExportFlowOnly(t *testing.T) {
	r := runCLI(t, "", "export", "--flow-only", "testdata/valid-body.json")
	noCrash(t, r)
	if r.code != exitOK {
		t.Fatalf("%v", r)
	}
	var flow []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &flow); err != nil || len(flow) != 9 {
		t.Fatalf("not the bare 9-node array (%v):\n%s", err, r.stdout)
	}
	if !strings.HasPrefix(r.stdout, "[\n\t{\n\t\t\"id\": \"start\",") || !strings.HasSuffix(r.stdout, "\n]\n") {
		t.Errorf("not laid out in the file's tab style, or no final newline:\n%s", r.stdout)
	}
	d, err := flowgraph.Parse("out", []byte(r.stdout))
	if err != nil || d.Form != flowgraph.FormBare {
		t.Fatalf("the output is not a bare flow: %v", err)
	}
	// The values keep their exact text: the same array as in the body.
	body, _ := flowgraph.Parse("in", readFile(t, "testdata/valid-body.json"))
	if string(flowgraph.Format(body.Detach(body.Flow), flowgraph.DefaultStyle, "")) != string(flowgraph.Format(d.Detach(d.Root), flowgraph.DefaultStyle, "")) {
		t.Error("the flow array changed on the way out")
	}
	// A bare flow stays byte for byte the same.
	r = runCLI(t, "", "export", "--flow-only", "testdata/valid.json")
	if r.stdout != string(readFile(t, "testdata/valid.json")) {
		t.Errorf("--flow-only changed a bare flow:\n%v", r)
	}
}

// On errors export prints them and writes nothing: no OUT file, no bytes on
// standard output, and an existing OUT is left as it was.
func TestExportRefusesErrors(t *testing.T) {
	for _, in := range []string{"testdata/errors.json", "testdata/legacy.json", "testdata/hostile/empty.json", "testdata/badconfig/valid.json"} {
		t.Run(filepath.Base(in), func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out.json")
			r := runCLI(t, "", "export", in, "-o", out)
			noCrash(t, r)
			if r.code != exitProblems || !strings.Contains(r.stderr, "nothing was written") || !positioned.MatchString(r.stderr) {
				t.Errorf("want exit 1 with the findings on stderr:\n%v", r)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("OUT was created (%v)", err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("left files behind: %v", entries)
			}
			r = runCLI(t, "", "export", in)
			if r.code != exitProblems || r.stdout != "" {
				t.Errorf("wrote to stdout on errors:\n%v", r)
			}
			if err := os.WriteFile(out, []byte("keep me"), 0o644); err != nil {
				t.Fatal(err)
			}
			runCLI(t, "", "export", in, "-o", out)
			if got := string(readFile(t, out)); got != "keep me" {
				t.Errorf("an existing OUT was overwritten on errors: %q", got)
			}
		})
	}
}

func TestExportNeverOverwritesItsInput(t *testing.T) {
	dir := t.TempDir()
	in := copyTo(t, "testdata/valid.json", dir)
	want := readFile(t, in)
	wd, _ := os.Getwd()
	rel, err := filepath.Rel(wd, in)
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	hard := filepath.Join(dir, "hard.json")
	if err := os.Symlink(in, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := os.Link(in, hard); err != nil {
		t.Skip("no hard links:", err)
	}
	for _, out := range []string{in, rel, filepath.Join(dir, ".", "x", "..", "valid.json"), link, hard} {
		r := runCLI(t, "", "export", in, "-o", out)
		noCrash(t, r)
		if r.code != exitUsage || !strings.Contains(r.stderr, "refusing to overwrite the input file") {
			t.Errorf("-o %s: want a refusal, exit 2:\n%v", out, r)
		}
	}
	if got := readFile(t, in); !bytes.Equal(got, want) {
		t.Error("the input changed")
	}
	// The input given by a symlink, the output the real file.
	r := runCLI(t, "", "export", link, "-o", in)
	if r.code != exitUsage {
		t.Errorf("symlink input onto its target: want a refusal:\n%v", r)
	}
}

// A secret blocks export even when the project switches the rule off, and the
// secret is not printed.
func TestExportRefusesSecrets(t *testing.T) {
	secret := "sk_live_" + strings.Repeat("Zq9Xw", 5)
	dir := t.TempDir()
	body := readFile(t, "testdata/valid-body.json")
	body = bytes.Replace(body, []byte(`"clientReferenceId": "order-1234"`), []byte(`"clientReferenceId": "`+secret+`"`), 1)
	in := filepath.Join(dir, "flow.json")
	if err := os.WriteFile(in, body, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.json")
	for _, cfg := range []string{"", `{"rules": {"secret-in-flow": "off"}}`, `{"rules": {"secret-in-flow": "warning"}}`} {
		os.Remove(filepath.Join(dir, ".flowsmith.json"))
		if cfg != "" {
			if err := os.WriteFile(filepath.Join(dir, ".flowsmith.json"), []byte(cfg), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for _, args := range [][]string{{"export", in, "-o", out}, {"export", in}, {"export", "--flow-only", in}} {
			r := runCLI(t, "", args...)
			noCrash(t, r)
			if r.code != exitProblems || !strings.Contains(r.stderr, "secret-in-flow") {
				t.Errorf("config %q, %v: want the secret to block export:\n%v", cfg, args[1:], r)
			}
			if strings.Contains(r.stdout+r.stderr, "Zq9XwZq9Xw") {
				t.Errorf("config %q, %v: the secret is printed:\n%v", cfg, args[1:], r)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Fatalf("OUT was written")
			}
		}
	}
}

func TestExportIOErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"export", "testdata/nope.json"}, "cannot read testdata/nope.json: no such file or directory"},
		{[]string{"export", "testdata/valid.json", "-o", dir}, "is a directory"},
		{[]string{"export", "testdata/valid.json", "-o", filepath.Join(dir, "no", "such", "folder.json")}, "cannot save"},
		{[]string{"export", "testdata/valid.json", "testdata/errors.json"}, "exactly one FILE"},
		{[]string{"export"}, "exactly one FILE"},
	}
	for _, c := range cases {
		r := runCLI(t, "", c.args...)
		noCrash(t, r)
		if r.code != exitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: want exit 2 and %q:\n%v", c.args, c.want, r)
		}
	}
}
