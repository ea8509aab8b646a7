package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"flowsmith/flowgraph"
	"flowsmith/validate"
)

// testdata/unformatted.json is testdata/valid.json laid out with four spaces
// and no final newline: fmt must give back valid.json byte for byte.
func TestFmtRewritesInPlace(t *testing.T) {
	dir := t.TempDir()
	p := copyTo(t, "testdata/unformatted.json", dir)
	if err := os.Chmod(p, 0o600); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, "", "fmt", p)
	noCrash(t, r)
	if r.code != exitOK || r.stdout != "" || r.stderr != "" {
		t.Fatalf("%v", r)
	}
	if got, want := readFile(t, p), readFile(t, "testdata/valid.json"); !bytes.Equal(got, want) {
		t.Errorf("fmt output differs from the canonical file:\n%s", got)
	}
	if info, _ := os.Stat(p); info.Mode().Perm() != 0o600 {
		t.Errorf("permissions not kept: %v", info.Mode())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestFmtLeavesCanonicalFilesAlone(t *testing.T) {
	dir := t.TempDir()
	p := copyTo(t, "testdata/valid.json", dir)
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(p, old, old); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(p)
	r := runCLI(t, "", "fmt", p)
	if r.code != exitOK {
		t.Fatalf("%v", r)
	}
	after, _ := os.Stat(p)
	if !after.ModTime().Equal(old) || !os.SameFile(before, after) {
		t.Error("an already canonical file was rewritten")
	}
}

func TestFmtCheck(t *testing.T) {
	dir := t.TempDir()
	messy := copyTo(t, "testdata/unformatted.json", dir)
	clean := copyTo(t, "testdata/valid.json", dir)
	before := readFile(t, messy)
	r := runCLI(t, "", "fmt", "--check", clean, messy)
	noCrash(t, r)
	if r.code != exitProblems || r.stdout != messy+"\n" {
		t.Errorf("want exit 1 listing only %s:\n%v", messy, r)
	}
	if !bytes.Equal(before, readFile(t, messy)) {
		t.Error("--check wrote the file")
	}
	r = runCLI(t, "", "fmt", clean, "--check")
	if r.code != exitOK || r.stdout != "" {
		t.Errorf("a canonical file under --check:\n%v", r)
	}
	r = runCLI(t, string(before), "fmt", "--check", "-")
	if r.code != exitProblems || r.stdout != "<stdin>\n" {
		t.Errorf("stdin under --check:\n%v", r)
	}
}

func TestFmtKeepsValuesAndStyle(t *testing.T) {
	dir := t.TempDir()
	p := copyTo(t, "testdata/valid-body.json", dir)
	src := readFile(t, p)
	r := runCLI(t, "", "fmt", "--indent", "tab", p)
	if r.code != exitOK || !bytes.Equal(readFile(t, p), src) {
		t.Errorf("a canonical tab file changed under --indent tab:\n%v", r)
	}
	r = runCLI(t, "", "fmt", p)
	got := readFile(t, p)
	if r.code != exitOK || bytes.Contains(got, []byte("\t")) || !bytes.HasPrefix(got, []byte("{\n  \"clientReferenceId\"")) {
		t.Errorf("not re-indented with two spaces:\n%s", got)
	}
	for _, exact := range []string{`"caf\u00e9 \/ r\u00e9sum\u00e9"`, `1.50E+2`} {
		if !bytes.Contains(got, []byte(exact)) {
			t.Errorf("value text %s was not kept:\n%s", exact, got)
		}
	}
	r = runCLI(t, "", "fmt", "--indent", "4", p)
	if got := readFile(t, p); r.code != exitOK || !bytes.HasPrefix(got, []byte("{\n    \"clientReferenceId\"")) {
		t.Errorf("--indent 4:\n%s", got)
	}
	// CRLF files keep their line endings.
	crlf := filepath.Join(dir, "crlf.json")
	os.WriteFile(crlf, bytes.ReplaceAll(readFile(t, "testdata/unformatted.json"), []byte("\n"), []byte("\r\n")), 0o644)
	runCLI(t, "", "fmt", crlf)
	want := bytes.ReplaceAll(readFile(t, "testdata/valid.json"), []byte("\n"), []byte("\r\n"))
	if got := readFile(t, crlf); !bytes.Equal(got, want) {
		t.Errorf("CRLF file:\n%q", got)
	}
}

func TestFmtStdin(t *testing.T) {
	r := runCLI(t, string(readFile(t, "testdata/unformatted.json")), "fmt", "-")
	if r.code != exitOK || r.stdout != string(readFile(t, "testdata/valid.json")) {
		t.Errorf("%v", r)
	}
}

func TestFmtMigrate(t *testing.T) {
	dir := t.TempDir()
	p := copyTo(t, "testdata/legacy.json", dir)
	before := readFile(t, p)
	r := runCLI(t, "", "fmt", "--check", "--migrate", p)
	if r.code != exitProblems || !bytes.Equal(before, readFile(t, p)) {
		t.Errorf("--check --migrate: want exit 1 and no write:\n%v", r)
	}
	r = runCLI(t, "", "fmt", "--migrate", p)
	noCrash(t, r)
	if r.code != exitOK {
		t.Fatalf("%v", r)
	}
	after := readFile(t, p)
	d, err := flowgraph.Parse(p, after)
	if err != nil || d.Form != flowgraph.FormBare {
		t.Fatalf("not a bare flow after --migrate (%v):\n%s", err, after)
	}
	_, findings := validate.Check(p, after, validate.Options{})
	for _, f := range findings {
		if f.Rule == "legacy-shape" || f.Severity == validate.Error {
			t.Errorf("after --migrate: %s %s", f.Rule, f.Message)
		}
	}
	// Migrated output is itself canonical.
	if r := runCLI(t, "", "fmt", "--check", p); r.code != exitOK {
		t.Errorf("migrated file is not canonical:\n%v", r)
	}
	// Without --migrate a legacy graph is only re-laid out.
	q := copyTo(t, "testdata/legacy.json", t.TempDir())
	if r := runCLI(t, "", "fmt", q); r.code != exitOK || !strings.Contains(r.stderr, "fmt --migrate") {
		t.Errorf("no hint about --migrate for a legacy graph:\n%v", r)
	}
	if d, err := flowgraph.Load(q); err != nil || d.Form != flowgraph.FormLegacy {
		t.Errorf("fmt without --migrate converted the graph (%v)", err)
	}
}

func TestFmtErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	src := []byte("[\n  {\"id\": \"a\",}\n]\n")
	os.WriteFile(bad, src, 0o644)
	good := copyTo(t, "testdata/unformatted.json", dir)
	r := runCLI(t, "", "fmt", bad, good)
	noCrash(t, r)
	if r.code != exitProblems || !strings.HasPrefix(r.stderr, bad+":2:14: trailing comma before '}'") {
		t.Errorf("want exit 1 and file:line:col:\n%v", r)
	}
	if !bytes.Equal(readFile(t, bad), src) {
		t.Error("an unparsable file was written")
	}
	if bytes.Equal(readFile(t, good), readFile(t, "testdata/unformatted.json")) {
		t.Error("the good file after the bad one was not formatted")
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"fmt", "--indent", "0", good}, "--indent wants"},
		{[]string{"fmt", "--indent", "nine", good}, "--indent wants"},
		{[]string{"fmt"}, "no FILE given"},
		{[]string{"fmt", "testdata/nope.json"}, "cannot read testdata/nope.json"},
		{[]string{"fmt", "-", "-"}, "only once"},
	}
	for _, c := range cases {
		r := runCLI(t, "", c.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: want exit 2 and %q:\n%v", c.args, c.want, r)
		}
	}
}
