package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	json "github.com/goccy/go-json"
)

// runPreview runs `flowsmith preview ARGS` in-process.
func runPreview(t testing.TB, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	c := &cli{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}
	code := c.runCommand(previewCmd, args)
	r := result{code, out.String(), errb.String()}
	noCrash(t, r)
	return r
}

// writeFiles writes name → content into a new folder and returns its path.
func writeFiles(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// fixture reads a test file as a string.
func fixture(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const multilingual = "examples/multilingual-session.json"

func TestPreviewText(t *testing.T) {
	r := runPreview(t, "", "--lang", "de", multilingual)
	if r.code != exitOK || r.stderr != "" {
		t.Fatalf("%v", r)
	}
	for _, want := range []string{
		"Session languages: en (default), de, fr, it, es, pt, zh, zh-TW\n",
		"  ko-KR     en     (fallback to the default)\n",
		"── de · German (Deutsch) ─",
		`Greeting before "liveness": 32,6 s (the camera needs 5,0 s)`, // decimal comma
		"Reviewed translations: 0 of 7 Say: prompts, 7 translated at run time",
		"  1. greeting · say · translated at run time · 21,9 s\n     Hello Alex Morgan, and welcome!",
		"  4. contact_preference · paraphrased at run time\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "── en") {
		t.Error("--lang de printed English too")
	}
	// The flag may follow the file; all languages by default.
	r = runPreview(t, "", multilingual, "--format", "text")
	if r.code != exitOK || strings.Count(r.stdout, "\n── ") != 8 {
		t.Errorf("default --lang all: want 8 sections:\n%v", r)
	}
	if !strings.Contains(r.stdout, `Greeting before "liveness": 27.4 s`) {
		t.Errorf("English figures not in English format:\n%s", r.stdout)
	}
}

func TestPreviewJSON(t *testing.T) {
	r := runPreview(t, "", "--format", "json", "--lang", "fr,zh-tw", multilingual)
	if r.code != exitOK || r.stderr != "" {
		t.Fatalf("%v", r)
	}
	var doc struct {
		Languages []struct {
			Lang            string
			Default         bool
			Nodes           []map[string]any
			GreetingSeconds *float64
		}
		Resolution []struct {
			Browser, Lang string
			Fallback      bool
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if len(doc.Languages) != 2 || doc.Languages[0].Lang != "fr" || doc.Languages[1].Lang != "zh-TW" || doc.Languages[0].Default {
		t.Fatalf("languages %+v", doc.Languages)
	}
	n := doc.Languages[0].Nodes[0]
	if n["node"] != "greeting" || n["mode"] != "say" || n["translation"] != "runtime" || n["seconds"] == nil || len(n) != 5 {
		t.Errorf("first node %v", n)
	}
	if len(doc.Resolution) != 22 || doc.Resolution[0].Browser != "en-US" {
		t.Errorf("resolution %+v", doc.Resolution)
	}
}

func TestPreviewMarkdown(t *testing.T) {
	r := runPreview(t, "", "--format", "markdown", "--lang", "it", multilingual)
	if r.code != exitOK {
		t.Fatalf("%v", r)
	}
	for _, want := range []string{"# Language preview", "| ja-JP | en | fallback to the default |", "## it: Italian (italiano)", "1. **greeting** · say · translated at run time · "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("markdown lacks %q:\n%s", want, r.stdout)
		}
	}
}

// The sidecar next to the flow supplies reviewed translations; standard
// input has none.
func TestPreviewSidecar(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"flow.json":      fixture(t, "i18n/testdata/retry.json"),
		"flow.i18n.json": fixture(t, "i18n/testdata/retry.i18n.json"),
	})
	flow := filepath.Join(dir, "flow.json")
	r := runPreview(t, "", "--lang", "de", flow)
	if r.code != exitOK {
		t.Fatalf("%v", r)
	}
	for _, want := range []string{"greet · say · reviewed translation", "Hallo Anna Schmidt. Sind Sie bereit?", "bye · say · stale translation", "translated from: Say: Bye."} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	r = runPreview(t, fixture(t, flow), "--lang", "de", "-")
	if r.code != exitOK || strings.Contains(r.stdout, "reviewed translation") {
		t.Errorf("standard input picked up a sidecar:\n%v", r)
	}

	os.WriteFile(filepath.Join(dir, "flow.i18n.json"), []byte("{\n  \"de\": [1]\n}\n"), 0o644)
	r = runPreview(t, "", flow)
	if r.code != exitProblems || !strings.Contains(r.stderr, "flow.i18n.json:2:9: language \"de\" must be an object") || r.stdout != "" {
		t.Errorf("broken sidecar:\n%v", r)
	}
}

func TestPreviewErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{"bad.json": "[\n  {\"id\": \"start\",}\n]\n"})
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no file", nil, exitUsage, "exactly one FILE, got 0"},
		{"two files", []string{multilingual, multilingual}, exitUsage, "exactly one FILE, got 2"},
		{"unknown format", []string{"--format", "yaml", multilingual}, exitUsage, `unknown format "yaml"`},
		{"invalid language", []string{"--lang", "en_US", multilingual}, exitUsage, `"en_US" is not a valid BCP 47 language tag`},
		{"empty language list", []string{"--lang", ",", multilingual}, exitUsage, "no language code"},
		{"missing file", []string{filepath.Join(dir, "nope.json")}, exitUsage, "cannot read"},
		{"not JSON", []string{filepath.Join(dir, "bad.json")}, exitProblems, "bad.json:2:18: trailing comma"},
	}
	for _, c := range cases {
		r := runPreview(t, "", c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.stderr) {
			t.Errorf("%s: want exit %d and %q:\n%v", c.name, c.code, c.stderr, r)
		}
	}
}

// A language the flow does not offer is previewed, with a note saying what
// such a visitor really gets.
func TestPreviewLanguageOutsideLangs(t *testing.T) {
	r := runPreview(t, "", "--lang", "ja", multilingual)
	if r.code != exitOK || !strings.Contains(r.stdout, "── ja · Japanese (日本語)") {
		t.Fatalf("%v", r)
	}
	if !strings.Contains(r.stderr, "note: ja is not in the flow's langs; a visitor whose browser asks for ja gets en") {
		t.Errorf("no note:\n%s", r.stderr)
	}
	if r := runPreview(t, "", "--lang", "de", multilingual); r.stderr != "" {
		t.Errorf("note for a language in langs: %s", r.stderr)
	}
}

// The project's catalog decides the languages of a flow without langs.
func TestPreviewConfigCatalog(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"flow.json":       fixture(t, "i18n/testdata/paraphrased.json"),
		".flowsmith.json": `{"languages": ["en", "ko"]}`,
	})
	r := runPreview(t, "", "--format", "json", filepath.Join(dir, "flow.json"))
	if r.code != exitOK {
		t.Fatalf("%v", r)
	}
	var doc struct{ Languages []struct{ Lang string } }
	json.Unmarshal([]byte(r.stdout), &doc)
	if len(doc.Languages) != 2 || doc.Languages[0].Lang != "en" || doc.Languages[1].Lang != "ko" {
		t.Errorf("languages %+v, want the configured en, ko", doc.Languages)
	}
}

// Text from the flow cannot drive the terminal: escapes and bidi overrides are
// printed visibly, line structure kept. JSON keeps the text as it is.
func TestPreviewSanitizesFlowText(t *testing.T) {
	flow := `[
  {"id": "start", "type": "start", "outcome": "greet\u001b[2J"},
  {"id": "greet\u001b[2J", "type": "conversation",
   "prompt": "Say: Hello \u001b[31mred\u001b[0m and \u202eevil.\nSecond line.",
   "outcomes": [{"id": "n", "targetNodeId": "end", "condition": ""}]},
  {"id": "end", "type": "end"}
]`
	dir := writeFiles(t, map[string]string{"flow.json": flow})
	for _, format := range []string{"text", "markdown"} {
		r := runPreview(t, "", "--lang", "en", "--format", format, filepath.Join(dir, "flow.json"))
		if r.code != exitOK {
			t.Fatalf("%s: %v", format, r)
		}
		if strings.ContainsAny(r.stdout, "\x1b\u202e") {
			t.Errorf("%s: raw escape or bidi override in the output:\n%q", format, r.stdout)
		}
		for _, want := range []string{`\x1b[31mred`, `\u202eevil.`, "Second line.", `\x1b[2J`} {
			if !strings.Contains(strings.ReplaceAll(r.stdout, `\\`, `\`), want) && !strings.Contains(strings.ReplaceAll(r.stdout, `\[`, `[`), want) {
				t.Errorf("%s: output lacks %q:\n%s", format, want, r.stdout)
			}
		}
	}
	r := runPreview(t, "", "--lang", "en", "--format", "text", filepath.Join(dir, "flow.json"))
	if !strings.Contains(r.stdout, "red\\x1b[0m and \\u202eevil.\n     Second line.\n") {
		t.Errorf("a multi-line prompt lost its lines:\n%s", r.stdout)
	}
	r = runPreview(t, "", "--lang", "en", "--format", "json", filepath.Join(dir, "flow.json"))
	var doc struct {
		Languages []struct{ Nodes []struct{ Text string } }
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if got := doc.Languages[0].Nodes[0].Text; got != "Hello \x1b[31mred\x1b[0m and \u202eevil.\nSecond line." {
		t.Errorf("JSON text %q, want it unchanged", got)
	}
}
