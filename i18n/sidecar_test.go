package i18n

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	fg "flowsmith/flowgraph"
)

func loadSidecar(t *testing.T, path string) (*Sidecar, []byte) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := ParseSidecar(path, src)
	if err != nil {
		t.Fatal(err)
	}
	return sc, src
}

func TestSidecarPath(t *testing.T) {
	cases := []struct{ flow, want string }{
		{"kyc.json", "kyc.i18n.json"},
		{"flows/kyc.json", "flows/kyc.i18n.json"},
		{"flows/KYC.JSON", "flows/KYC.i18n.json"},
		{"flows/kyc", "flows/kyc.i18n.json"},
		{"a.b.json", "a.b.i18n.json"},
		{".json", ".json.i18n.json"},
		{"-", ""},
		{"", ""},
	}
	for _, c := range cases {
		if got := SidecarPath(c.flow); got != c.want {
			t.Errorf("SidecarPath(%q) = %q, want %q", c.flow, got, c.want)
		}
	}
}

// Loading and saving without edits gives back the same bytes, in the file's
// own layout.
func TestSidecarRoundTrip(t *testing.T) {
	_, src := loadSidecar(t, "testdata/retry.i18n.json")
	layouts := map[string]string{
		"two spaces":       string(src),
		"tabs and CRLF":    "{\r\n\t\"de\": {\r\n\t\t\"greet\": {\r\n\t\t\t\"source\": \"Say: Hi.\",\r\n\t\t\t\"text\": \"Hallo.\"\r\n\t\t}\r\n\t}\r\n}\r\n",
		"four, no space":   "{\n    \"fr\":{\n        \"a\":{\n            \"text\":\"Salut \\\"toi\\\" é\",\n            \"n\":1.50\n        }\n    }\n}\n",
		"empty":            "{}\n",
		"empty languages":  "{\n  \"de\": {}\n}\n",
		"meta and unknown": "{\n  \"$schema\": \"x\",\n  \"de\": {\n    \"$note\": [\n      1,\n      true,\n      null\n    ]\n  }\n}\n",
	}
	for name, text := range layouts {
		sc, err := ParseSidecar("t.i18n.json", []byte(text))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := string(sc.Bytes()); got != text {
			t.Errorf("%s: round trip changed the file:\n%s\nwant\n%s", name, got, text)
		}
	}
}

func TestSidecarAccessors(t *testing.T) {
	sc, _ := loadSidecar(t, "testdata/retry.i18n.json")
	if got := sc.Languages(); !slices.Equal(got, []string{"de", "ja"}) {
		t.Errorf("Languages() = %v, want [de ja] ($schema is not a language)", got)
	}
	if got := sc.Nodes("de"); !slices.Equal(got, []string{"greet", "bye", "deleted_node"}) {
		t.Errorf("Nodes(de) = %v", got)
	}
	tr, ok := sc.Get("DE", "greet")
	if !ok || tr.Source != "Say: Hello {name}. Are you ready?" || tr.Text != "Hallo {name}. Sind Sie bereit?" {
		t.Errorf("Get(DE, greet) = %+v, %v", tr, ok)
	}
	for _, miss := range [][2]string{{"de", "ask"}, {"fr", "greet"}, {"$schema", "greet"}, {"de", "$x"}} {
		if _, ok := sc.Get(miss[0], miss[1]); ok {
			t.Errorf("Get(%q, %q) found a translation", miss[0], miss[1])
		}
	}
	var none *Sidecar
	if none.Languages() != nil || none.Nodes("de") != nil || none.Status("de", "greet", "x") != StatusRuntime {
		t.Error("a nil sidecar is not empty")
	}
	if _, ok := none.Get("de", "greet"); ok || none.RenameNode("a", "b") != 0 || none.Delete("de", "a") || none.Clone() != nil {
		t.Error("a nil sidecar is not empty")
	}
}

func TestSidecarStatus(t *testing.T) {
	sc := NewSidecar()
	sc.Set("de", "greet", Translation{Source: "Say: Hi {name}!", Text: "Hallo {name}!"})
	sc.Set("de", "blank", Translation{Source: "Say: Hi.", Text: "  "})
	cases := []struct {
		lang, node, prompt string
		want               TranslationStatus
	}{
		{"de", "greet", "Say: Hi {name}!", StatusReviewed},
		{"de", "greet", "  Say: Hi {name}!\n", StatusReviewed}, // surrounding blanks do not count
		{"DE", "greet", "Say: Hi {name}!", StatusReviewed},
		{"de", "greet", "Say: Hi {name}! ", StatusReviewed},
		{"de", "greet", "Say: Hi  {name}!", StatusStale}, // inner text did change
		{"de", "greet", "Say: Hello {name}!", StatusStale},
		{"de", "greet", "Greet the user.", StatusStale},
		{"de", "blank", "Say: Hi.", StatusRuntime}, // a blank text is no translation
		{"de", "other", "Say: Hi.", StatusRuntime},
		{"fr", "greet", "Say: Hi {name}!", StatusRuntime},
	}
	for _, c := range cases {
		if got := sc.Status(c.lang, c.node, c.prompt); got != c.want {
			t.Errorf("Status(%q, %q, %q) = %s, want %s", c.lang, c.node, c.prompt, got, c.want)
		}
	}
}

// Edits keep the order of languages and node ids, and every key flowsmith
// does not know; new entries are appended.
func TestSidecarEdits(t *testing.T) {
	sc, _ := loadSidecar(t, "testdata/retry.i18n.json")
	before := sc.Clone()
	sc.Set("de", "greet", Translation{Source: "Say: Hello {name}. Ready?", Text: "Hallo {name}. Bereit?"})
	sc.Set("de", "ask", Translation{Source: "Say: Please look at the camera.", Text: "Bitte schauen Sie in die Kamera."})
	sc.Set("fr", "greet", Translation{Source: "Say: Hello {name}. Ready?", Text: "Bonjour {name}. Prêt ?"})
	if n := sc.RenameNode("greet", "hello"); n != 3 {
		t.Errorf("RenameNode changed %d languages, want 3", n)
	}
	if !sc.Delete("de", "deleted_node") || sc.Delete("de", "deleted_node") {
		t.Error("Delete reported the wrong result")
	}
	want := `{
  "$schema": "https://example.com/flowsmith/i18n.schema.json",
  "de": {
    "hello": {
      "source": "Say: Hello {name}. Ready?",
      "text": "Hallo {name}. Bereit?",
      "reviewedBy": "legal, 2024-05-02"
    },
    "bye": {
      "source": "Say: Bye.",
      "text": "Auf Wiedersehen."
    },
    "ask": {
      "source": "Say: Please look at the camera.",
      "text": "Bitte schauen Sie in die Kamera."
    }
  },
  "ja": {
    "hello": {
      "source": "Say: Hello {name}. Are you ready?",
      "text": "こんにちは、{name}さん。準備はいいですか？"
    }
  },
  "fr": {
    "hello": {
      "source": "Say: Hello {name}. Ready?",
      "text": "Bonjour {name}. Prêt ?"
    }
  }
}
`
	if got := string(sc.Bytes()); got != want {
		t.Errorf("after edits:\n%s\nwant\n%s", got, want)
	}
	// The clone taken before the edits is untouched.
	_, src := loadSidecar(t, "testdata/retry.i18n.json")
	if got := string(before.Bytes()); got != string(src) {
		t.Errorf("Clone shares state with the original:\n%s", got)
	}
}

func TestSidecarRenameNode(t *testing.T) {
	sc := NewSidecar()
	sc.Set("de", "a", Translation{"Say: A", "A-de"})
	sc.Set("de", "b", Translation{"Say: B", "B-de"})
	sc.Set("de", "c", Translation{"Say: C", "C-de"})
	sc.Set("fr", "c", Translation{"Say: C", "C-fr"})
	// b takes the id of a stale entry "c" in de; fr has no b.
	if n := sc.RenameNode("b", "c"); n != 1 {
		t.Errorf("RenameNode(b, c) = %d, want 1", n)
	}
	if got := sc.Nodes("de"); !slices.Equal(got, []string{"a", "c"}) {
		t.Errorf("de nodes = %v, want [a c]", got)
	}
	if tr, _ := sc.Get("de", "c"); tr.Text != "B-de" {
		t.Errorf("de c = %+v, want the renamed B entry", tr)
	}
	if tr, _ := sc.Get("fr", "c"); tr.Text != "C-fr" {
		t.Errorf("fr c = %+v, want untouched", tr)
	}
	if n := sc.RenameNode("zzz", "y"); n != 0 {
		t.Errorf("renaming an unknown id changed %d languages", n)
	}
	if n := sc.RenameNode("a", "a"); n != 0 {
		t.Errorf("renaming to the same id changed %d languages", n)
	}
}

// A node renamed in the flow keeps its reviewed translations when the rename
// is carried into the sidecar, as the editor does.
func TestRenameCarriedIntoPreview(t *testing.T) {
	d := loadDoc(t, "testdata/retry.json")
	sc, _ := loadSidecar(t, "testdata/retry.i18n.json")
	nd, _, err := d.Do(fg.RenameNode("greet", "welcome"))
	if err != nil {
		t.Fatal(err)
	}
	status := func(d *fg.Document, sc *Sidecar, id string) TranslationStatus {
		for _, l := range BuildPreview(d, sc, Catalog{}, []string{"de"}).Languages[0].Nodes {
			if l.Node == id {
				return l.Translation
			}
		}
		t.Fatalf("no line for %q", id)
		return ""
	}
	if got := status(nd, sc, "welcome"); got != StatusRuntime {
		t.Errorf("before the sidecar rename: %s, want runtime", got)
	}
	sc.RenameNode("greet", "welcome")
	if got := status(nd, sc, "welcome"); got != StatusReviewed {
		t.Errorf("after the sidecar rename: %s, want reviewed", got)
	}
}

func TestSidecarDelete(t *testing.T) {
	sc := NewSidecar()
	sc.Set("de", "a", Translation{"Say: A", "A"})
	sc.Set("fr", "a", Translation{"Say: A", "A"})
	sc.Set("fr", "b", Translation{"Say: B", "B"})
	if n := sc.DeleteNode("a"); n != 2 {
		t.Errorf("DeleteNode(a) = %d, want 2", n)
	}
	if got := sc.Languages(); !slices.Equal(got, []string{"fr"}) {
		t.Errorf("Languages() = %v: an emptied language must go", got)
	}
	if got := string(sc.Bytes()); got != "{\n  \"fr\": {\n    \"b\": {\n      \"source\": \"Say: B\",\n      \"text\": \"B\"\n    }\n  }\n}\n" {
		t.Errorf("Bytes() = %q", got)
	}
	if string(NewSidecar().Bytes()) != "{}\n" {
		t.Errorf("empty sidecar = %q", NewSidecar().Bytes())
	}
}

func TestLoadAndSaveSidecar(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "flow.i18n.json")
	sc, err := LoadSidecar(path)
	if sc != nil || err != nil {
		t.Fatalf("missing file: %v, %v; want nil, nil", sc, err)
	}
	if sc, err := LoadSidecar(""); sc != nil || err != nil {
		t.Fatalf("no path: %v, %v", sc, err)
	}
	sc = NewSidecar()
	sc.Set("de", "greet", Translation{"Say: Hi.", "Hallo."})
	if err := sc.Save(path); err != nil {
		t.Fatal(err)
	}
	back, err := LoadSidecar(path)
	if err != nil {
		t.Fatal(err)
	}
	if tr, ok := back.Get("de", "greet"); !ok || tr.Text != "Hallo." {
		t.Errorf("reloaded = %+v, %v", tr, ok)
	}
	if err := os.WriteFile(path, []byte("{\"de\": 1}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadSidecar(path); err == nil || !strings.HasPrefix(err.Error(), path+":1:8: ") {
		t.Errorf("bad file error = %v, want it at %s:1:8", err, path)
	}
	if _, err := LoadSidecar(dir); err == nil {
		t.Error("reading a folder succeeded")
	}
}

func TestParseSidecarErrors(t *testing.T) {
	cases := []struct {
		name, src, pos, msg string
	}{
		{"not an object", "[]", "1:1", "must be a JSON object"},
		{"language not an object", "{\n  \"de\": \"Hallo\"\n}", "2:9", `language "de" must be an object`},
		{"entry not an object", "{\"de\": {\n  \"greet\": [\"Hallo\"]}}", "2:12", `the de translation of "greet" must be an object`},
		{"text not a string", "{\"de\": {\"greet\": {\n\"source\": \"Say: Hi\",\n\"text\": 5}}}", "3:9", `"text" of the de translation of "greet" must be a string`},
		{"source not a string", "{\"de\": {\"greet\": {\"source\": null}}}", "1:29", `"source" of the de translation`},
		{"syntax", "{\"de\": {\n  \"greet\": {,}\n}}", "2:13", "expected a key"},
		{"trailing comma", "{\"de\": {},}", "1:11", "trailing comma"},
		{"empty file", "", "1:1", "empty"},
		{"BOM", "\xEF\xBB\xBF{}", "1:1", "byte order mark"},
	}
	for _, c := range cases {
		_, err := ParseSidecar("x.i18n.json", []byte(c.src))
		var le *fg.LoadError
		if !errors.As(err, &le) {
			t.Errorf("%s: error %v, want a *flowgraph.LoadError", c.name, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), "x.i18n.json:"+c.pos+": ") || !strings.Contains(le.Msg, c.msg) {
			t.Errorf("%s: %v; want it at %s containing %q", c.name, err, c.pos, c.msg)
		}
	}
	// "$" keys are metadata of any shape.
	if _, err := ParseSidecar("x", []byte(`{"$schema": 1, "de": {"$n": 2}}`)); err != nil {
		t.Errorf("metadata rejected: %v", err)
	}
}
