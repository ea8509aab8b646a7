package i18n

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	json "github.com/goccy/go-json"
)

func retryPreview(t *testing.T, langs []string) Preview {
	t.Helper()
	sc, _ := loadSidecar(t, "testdata/retry.i18n.json")
	return BuildPreview(loadDoc(t, "testdata/retry.json"), sc, Catalog{}, langs)
}

func TestWriteJSONShape(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, retryPreview(t, nil)); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Languages []struct {
			Lang            string
			Default         bool
			Nodes           []map[string]any
			GreetingSeconds *float64
			ShortestSeconds *float64
			LongestSeconds  *float64
		}
		Resolution []map[string]any
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	var top map[string]json.RawMessage
	json.Unmarshal(buf.Bytes(), &top)
	if len(top) != 2 || top["languages"] == nil || top["resolution"] == nil {
		t.Errorf("top-level keys: %v", top)
	}
	var langs []map[string]json.RawMessage
	json.Unmarshal(top["languages"], &langs)
	for _, l := range langs {
		var keys []string
		for k := range l {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if want := []string{"default", "greetingSeconds", "lang", "longestSeconds", "nodes", "shortestSeconds"}; !slices.Equal(keys, want) {
			t.Errorf("language keys %v, want %v", keys, want)
		}
	}
	de := doc.Languages[1]
	if de.Lang != "de" || !de.Default || doc.Languages[0].Default {
		t.Errorf("languages %+v", doc.Languages)
	}
	if secs(de.GreetingSeconds) != 6.31 || secs(de.ShortestSeconds) != 4.4 || secs(de.LongestSeconds) != 7.14 {
		t.Errorf("de figures %v %v %v (rounded to hundredths)", secs(de.GreetingSeconds), secs(de.ShortestSeconds), secs(de.LongestSeconds))
	}
	wantNodes := []map[string]any{
		{"node": "greet", "mode": "say", "text": "Hallo Anna Schmidt. Sind Sie bereit?", "translation": "reviewed", "seconds": 3.57},
		{"node": "ask", "mode": "say", "text": "Please look at the camera.", "translation": "runtime", "seconds": 2.74},
		{"node": "bye", "mode": "say", "text": "Auf Wiedersehen.", "translation": "stale", "seconds": 0.83},
		{"node": "done", "mode": "paraphrased", "text": "Thank the user and say that the check is complete.", "translation": "runtime", "seconds": nil},
	}
	if len(de.Nodes) != len(wantNodes) {
		t.Fatalf("de nodes %v", de.Nodes)
	}
	for i, w := range wantNodes {
		got := de.Nodes[i]
		if len(got) != len(w) {
			t.Errorf("node %d keys %v, want exactly %v", i, got, w)
		}
		for k, v := range w {
			if gv, ok := got[k]; !ok || gv != v {
				t.Errorf("node %d %s = %#v, want %#v", i, k, got[k], v)
			}
		}
	}
	if len(doc.Resolution) != len(CommonBrowserTags) {
		t.Fatalf("%d resolution rows", len(doc.Resolution))
	}
	if r := doc.Resolution[2]; len(r) != 3 || r["browser"] != "fr-FR" || r["lang"] != "de" || r["fallback"] != true {
		t.Errorf("resolution row %v", r)
	}
	if r := doc.Resolution[0]; r["browser"] != "en-US" || r["lang"] != "en" || r["fallback"] != false {
		t.Errorf("resolution row %v", r)
	}
}

func TestWriteJSONNullsAndEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, Preview{Languages: []LangPreview{{Lang: "en"}}}); err != nil {
		t.Fatal(err)
	}
	want := `{
  "languages": [
    {
      "lang": "en",
      "default": false,
      "nodes": [],
      "greetingSeconds": null,
      "shortestSeconds": null,
      "longestSeconds": null
    }
  ],
  "resolution": []
}
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	buf.Reset()
	WriteJSON(&buf, Preview{Languages: []LangPreview{{Lang: "en", Nodes: []Line{{Node: "a", Text: "Terms & <Conditions>"}}}}})
	if !strings.Contains(buf.String(), `"Terms & <Conditions>"`) {
		t.Errorf("HTML characters escaped: %s", buf.String())
	}
}

// Numbers in text output follow the previewed language: a decimal comma in
// German, a point in English.
func TestWriteTextLocaleFormatting(t *testing.T) {
	p := retryPreview(t, nil)
	var de, en bytes.Buffer
	if err := WriteText(&de, p, "DE"); err != nil {
		t.Fatal(err)
	}
	if err := WriteText(&en, p, "en"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"── de · German (Deutsch) · default",
		`Greeting before "check": 6,3 s (the camera needs 5,0 s)`,
		"Spoken time, start to end: 4,4 s to 7,1 s\n",
		"Reviewed translations: 1 of 3 Say: prompts, 1 stale, 1 translated at run time",
		"  1. greet · say · reviewed translation · 3,6 s\n     Hallo Anna Schmidt. Sind Sie bereit?\n",
		"  3. bye · say · stale translation · 0,8 s\n     Auf Wiedersehen.\n     translated from: Say: Bye.\n     current prompt:  Say: Goodbye.\n",
		"  4. done · paraphrased at run time\n",
		"  fr-FR     de     (fallback to the default)\n",
		"Session languages: en, de (default), ja\n",
	} {
		if !strings.Contains(de.String(), want) {
			t.Errorf("de text lacks %q:\n%s", want, de.String())
		}
	}
	if strings.Contains(de.String(), "── en") || strings.Contains(de.String(), "── ja") {
		t.Error("--lang de printed other languages")
	}
	for _, want := range []string{
		`Greeting before "check": 5.3 s (the camera needs 5.0 s)`,
		"Spoken time, start to end: 3.7 s to 6.0 s",
		"  1. greet · say · as written · 3.0 s\n     Hello Emma Johnson. Are you ready?\n",
	} {
		if !strings.Contains(en.String(), want) {
			t.Errorf("en text lacks %q:\n%s", want, en.String())
		}
	}
	if strings.Contains(en.String(), "Reviewed translations") {
		t.Error("English shows translation coverage")
	}
	if err := WriteText(&en, p, "fr"); err == nil {
		t.Error("a language outside the preview printed nothing and no error")
	}
	var all bytes.Buffer
	WriteText(&all, p, "all")
	if strings.Count(all.String(), "\n── ") != 3 {
		t.Errorf("all: want three language sections:\n%s", all.String())
	}
}

func TestWriteTextGreetingStates(t *testing.T) {
	p := BuildPreview(loadDoc(t, "testdata/paraphrased.json"), nil, Catalog{}, []string{"fr"})
	var b bytes.Buffer
	WriteText(&b, p, "")
	for _, want := range []string{
		`Greeting before "check": not measurable`,
		"(paraphrased prompts not counted)",
		"  1. perm (permissions) · say · translated at run time · ",
		"Session languages: every catalog language (the body sets no langs), default en",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, b.String())
		}
	}
	short := 2.0
	b.Reset()
	WriteText(&b, Preview{Languages: []LangPreview{{Lang: "de", Name: "de", Native: "de", GreetingNode: "x", GreetingSeconds: &short}}}, "")
	for _, want := range []string{`Greeting before "x": 2,0 s (the camera needs 5,0 s): too short`, "no end node is reachable", "Nothing is spoken"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, b.String())
		}
	}
}

func TestWriteMarkdown(t *testing.T) {
	p := retryPreview(t, []string{"de"})
	p.Languages[0].Nodes[0].Text = "# *Hi* [link](x) <b> | pipe_\n1. not a list"
	var b bytes.Buffer
	if err := WriteMarkdown(&b, p); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"| fr-FR | de | fallback to the default |\n",
		"## de: German (Deutsch), default\n",
		"- Greeting before \"check\": 6,3 s (the camera needs 5,0 s)\n",
		"1. **greet** · say · reviewed translation · 3,6 s\n",
		"   > \\# \\*Hi\\* \\[link\\](x) \\<b\\> \\| pipe\\_\n   > 1\\. not a list\n",
		"3. **bye** · say · stale translation · 0,8 s\n\n   > Auf Wiedersehen.\n\n   Translated from:\n\n   > Say: Bye.\n\n   Current prompt:\n\n   > Say: Goodbye.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
}

func TestMdEscape(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain text.", "plain text."},
		{"a_b*c", `a\_b\*c`},
		{"- item", `\- item`},
		{"  + item", `  \+ item`},
		{"12. x", `12\. x`},
		{"3) x", `3\) x`},
		{"1.5 s", "1.5 s"},
		{"`code` ~x~", "\\`code\\` \\~x\\~"},
		{`back\slash`, `back\\slash`},
	}
	for _, c := range cases {
		if got := mdEscape(c.in); got != c.want {
			t.Errorf("mdEscape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
