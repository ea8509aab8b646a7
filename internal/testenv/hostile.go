package testenv

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Hostile inputs shared by the tests of the command-line tool (the root
// package) and of the editor (tui): files that must give a clear message, never
// a panic, a hang or a control sequence on the terminal.

// HostileInputs returns every hostile input by file name: the files committed
// under root/testdata/hostile and the ones too large, or too like a real
// secret, to commit, made here (see generatedHostile). root is the module's
// root as seen from the test's package: "." or "..".
func HostileInputs(t testing.TB, root string) map[string][]byte {
	t.Helper()
	in := map[string][]byte{}
	for _, f := range committedHostile(t, root) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		in[filepath.Base(f)] = b
	}
	for name, b := range generatedHostile() {
		in[name] = b
	}
	return in
}

// HostileFiles returns the paths of the same inputs as HostileInputs: the
// committed files where they are (root/testdata/hostile/…), the generated ones
// written to a temporary folder.
func HostileFiles(t testing.TB, root string) []string {
	t.Helper()
	files := committedHostile(t, root)
	dir := t.TempDir()
	for name, b := range generatedHostile() {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	return files
}

// committedHostile lists the files under root/testdata/hostile; it fails the
// test when the folder is missing or half empty.
func committedHostile(t testing.TB, root string) []string {
	t.Helper()
	dir := filepath.Join(root, "testdata", "hostile")
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(files) < 10 {
		t.Fatalf("%s: %d files (%v)", dir, len(files), err)
	}
	return files
}

// generatedHostile makes the hostile inputs too large to commit: deep nesting,
// long ids, numbers out of range, fields of the wrong type, duplicate keys,
// scalars at the top and, except under the race detector, 60 MB strings.
func generatedHostile() map[string][]byte {
	in := map[string][]byte{
		"deep-200k.json":               append(bytes.Repeat([]byte("["), 200000), bytes.Repeat([]byte("]"), 200000)...),
		"deep-objects.json":            []byte(strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("}", 100000)),
		"long-id.json":                 []byte(`[{"id": "` + strings.Repeat("x", 100000) + `", "type": "start", "outcome": "nowhere"}]`),
		"long-ids-valid.json":          []byte(`[{"id": "start", "type": "start", "outcome": "` + strings.Repeat("y", 100000) + `"}, {"id": "` + strings.Repeat("y", 100000) + `", "type": "end"}]`),
		"big-number.json":              []byte(`[{"id": "o", "type": "two_factor_email", "otpLength": 1e999999}]`),
		"overflow-int.json":            []byte(`[{"id": "start", "type": "start", "outcome": "o"}, {"id": "o", "type": "two_factor_email", "otpLength": 99999999999999999999999999999, "expirySeconds": -1e308, "outcomes": {}}]`),
		"wrong-field-types.json":       []byte(`[{"id": 1, "type": ["end"], "outcomes": 7, "prompt": {}}, "node", null, 3.5]`),
		"wrong-types-every-field.json": []byte(`[{"id": "start", "type": "start", "outcome": 5}, {"id": "c", "type": "conversation", "prompt": [], "outcomes": "x"}, {"id": "l", "type": "liveness_detection", "outcomes": [1]}, {"id": "e", "type": "two_factor_email", "otpLength": "six", "expirySeconds": true}, {"id": "end", "type": "end", "extra": {"a": null}}]`),
		"dup-keys.json":                []byte(`[{"id": "a", "id": "b", "type": "end"}]`),
		"top-level-true.json":          []byte(`true`),
		"top-level-string.json":        []byte(`"flow"`),
		"nul-in-key.json":              []byte("[{\"id\x00\": \"a\"}]"),
	}
	// 60 MB strings: in an id, in prompts, and strings left open. The race
	// detector makes handling them ten times slower, which says nothing about
	// the time limits: .ci/run runs the hostile tests without it too.
	if !Race() {
		big := strings.Repeat("x", 60<<20)
		in["string-60mb.json"] = []byte(`[{"id": "start", "type": "start", "outcome": "talk"}, {"id": "talk", "type": "conversation", "prompt": "` + big + `", "outcomes": [{"id": "o", "targetNodeId": "end", "condition": ""}]}, {"id": "end", "type": "end"}]`)
		in["string-60mb-id.json"] = []byte(`[{"id": "start", "type": "start", "outcome": "` + big + `"}]`)
		in["string-60mb-prompt.json"] = []byte(`[{"id": "start", "type": "start", "outcome": "talk"}, {"id": "talk", "type": "conversation", "prompt": "` +
			strings.Repeat("Hello there ", 5<<20) + `", "outcomes": [{"id": "o", "targetNodeId": "nowhere", "condition": ""}]}]`)
		in["string-60mb-unclosed.json"] = []byte(`[{"id": "` + big)
		in["string-60mb-unclosed-outcome.json"] = []byte(`[{"id": "start", "type": "start", "outcome": "` + big)
	}
	return in
}

// HostileWellFormed reports whether the hostile input called name is a
// well-formed flow without errors or warnings (its hostility is size: ids of
// 100,000 characters, a 60 MB prompt): the editor opens it, and the
// command-line tool accepts it.
func HostileWellFormed(name string) bool {
	return name == "long-ids-valid.json" || name == "string-60mb.json"
}

// PlantedKey returns a secret key in the live format, made at run time so that
// the repository holds no real-looking key. Its body is long and mixes
// letters and digits, so the secret rule reports it and redaction hides it.
func PlantedKey() string {
	return "sk_" + "live_" + "Zr8" + strings.Repeat("mQ4", 4) + fmt.Sprint(time.Now().UnixNano()%1e9)
}

// InjectionFlow is a flow with OSC title sets, CSI clear-screen, C1 controls
// and bidi overrides in ids, prompts, conditions and outcome targets, all
// written as JSON escapes. The editor's golden files show it: do not change it.
const InjectionFlow = `[
  {"id": "start", "type": "start", "outcome": "\u001b]0;PWNED\u0007greet"},
  {"id": "\u001b]0;PWNED\u0007greet", "type": "conversation",
   "prompt": "Say: Hello \u001b[2J\u001b[H cleared \u009b31m red \u202eevil\u202c {name}. Ready?\u001b]0;PWNED\u0007",
   "outcomes": [
     {"id": "ok\u009b", "targetNodeId": "live\u202e", "condition": "The user agrees \u001b]0;PWNED\u0007 \u001b[2J\u202e"},
     {"id": "no", "targetNodeId": "bye", "condition": "\u0085anything else\u001b[31m"}
   ]},
  {"id": "live\u202e", "type": "liveness_detection",
   "outcomes": {"livenessDetected": "bye", "deepfakeDetected": "bye", "noFace": "bye", "inconclusive": "bye"}},
  {"id": "bye", "type": "conversation", "prompt": "Say: Goodbye\u0007\u0008\u007f", "outcomes": [{"id": "x", "targetNodeId": "end", "condition": ""}]},
  {"id": "end", "type": "end"}
]`

// InjectionFlowRaw is a flow like InjectionFlow whose C1 controls and bidi
// overrides are also raw characters (JSON allows them unescaped in strings),
// with a dangling target that holds an escape. Its greeting node has the same
// id as InjectionFlow's: "\x1b]0;PWNED\x07greet".
const InjectionFlowRaw = "[\n" +
	`  {"id": "start", "type": "start", "outcome": "\u001b]0;PWNED\u0007greet"},` + "\n" +
	`  {"id": "\u001b]0;PWNED\u0007greet", "type": "conversation",` + "\n" +
	`   "prompt": "Say: Hello \u001b[2J\u001b[H cleared \u009b31m red \u202eevil` + "\u202e \u0085 \u009b1m" + ` {name}. Ready?\u0007",` + "\n" +
	`   "outcomes": [` + "\n" +
	`     {"id": "ok\u009b", "targetNodeId": "live\u202e", "condition": "The user agrees \u001b]0;PWNED\u0007 \u001b[2J"},` + "\n" +
	`     {"id": "no", "targetNodeId": "bye` + "\u202e" + `", "condition": "\u0085anything else\u001b[31m"}` + "\n" +
	`   ]},` + "\n" +
	`  {"id": "live\u202e", "type": "liveness_detection", "outcomes": {"livenessDetected": "end", "deepfakeDetected": "end", "noFace": "end", "inconclusive": "end"}},` + "\n" +
	`  {"id": "bye` + "\u202e" + `", "type": "conversation", "prompt": "Say: Goodbye\u0008\u007f", "outcomes": [{"id": "x", "targetNodeId": "end\u001b[8m", "condition": ""}]},` + "\n" +
	`  {"id": "end", "type": "end"}` + "\n" +
	"]\n"
