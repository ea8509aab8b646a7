package validate

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"flowsmith/flowgraph"
)

// FuzzValidate: any bytes → Check never panics; its findings are well formed
// (a rule, a severity, a position from 1:1); every quick fix applies to a
// document that still parses; and the three reporters write output that
// holds no secret, no raw control character in text, and valid JSON.
func FuzzValidate(f *testing.F) {
	var seeds []string
	for _, glob := range []string{"../examples/*.json", "../examples/broken/*.json", "../testdata/*.json", "../testdata/hostile/*",
		"testdata/*/*.json"} {
		files, _ := filepath.Glob(glob)
		seeds = append(seeds, files...)
	}
	for _, file := range seeds {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		if len(src) < 1<<16 {
			f.Add(src)
		}
	}
	for _, s := range []string{"", "[]", "{}", "null", `{"flow": []}`, `[{"id":"a","id":"b"}]`, "[1e999]", "\xef\xbb\xbf[]",
		`[{"id": "start", "type": "start", "outcome": "x\u001b]0;t\u0007"}]`,
		`[{"id": "s", "type": "start", "outcome": "c"}, {"id": "c", "type": "conversation", "prompt": "whsec_` + strings.Repeat("Ab1", 8) + `", "outcomes": []}]`,
		`{"langs": ["en", "xx"], "defaultLang": "de", "metadata": {"k": 1}, "flow": [{"id": "start", "type": "start", "outcome": "e"}, {"id": "e", "type": "end"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d, fs := Check("fuzz.json", src, Options{})
		if d == nil && (len(fs) != 1 || fs[0].Rule != "parse-error") {
			t.Fatalf("an unparsable file has one parse-error finding: %v", fs)
		}
		for i := range fs {
			f := &fs[i]
			if f.Rule == "" || f.Severity < Info || f.Severity > Error || f.Pos.Line < 1 || f.Pos.Col < 1 || f.Message == "" {
				t.Fatalf("malformed finding: %+v", *f)
			}
			if f.Fix == nil || d == nil {
				continue
			}
			nd, err := (&flowgraph.History{}).Do(d, f.Fix.Op)
			if err != nil {
				continue // a fix may not apply once others are wanted first
			}
			if _, err := flowgraph.Parse("fixed.json", nd.Src); err != nil {
				t.Fatalf("the quick fix %q of %s leaves a file that does not parse: %v\n%s", f.Fix.Title, f.Rule, err, nd.Src)
			}
		}
		res := []FileResult{{Path: "fuzz.json", Findings: fs, Src: src}}
		var text, js, sarif bytes.Buffer
		if err := WriteText(&text, res, TextOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := WriteJSON(&js, res); err != nil {
			t.Fatal(err)
		}
		if err := WriteSARIF(&sarif, res, "fuzz"); err != nil {
			t.Fatal(err)
		}
		for name, out := range map[string][]byte{"text": text.Bytes(), "json": js.Bytes(), "sarif": sarif.Bytes()} {
			if ContainsSecret(string(out)) {
				t.Fatalf("the %s report shows a secret:\n%s", name, out)
			}
			if name != "text" && !json.Valid(out) {
				t.Fatalf("the %s report is not valid JSON:\n%s", name, out)
			}
			for _, r := range string(out) {
				if (r < 0x20 && r != '\n' && (name == "text" || r != '\t')) || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == '\u202e' {
					t.Fatalf("the %s report holds %U:\n%q", name, r, out)
				}
			}
		}
	})
}
