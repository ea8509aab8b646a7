package draw

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"flowsmith/flowgraph"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// examplePaths lists every example flow, good and broken.
func examplePaths(t testing.TB) []string {
	t.Helper()
	var paths []string
	for _, pattern := range []string{"../../examples/*.json", "../../examples/broken/*.json"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) < 20 {
		t.Fatalf("found only %d examples", len(paths))
	}
	return paths
}

func load(t testing.TB, path string) *flowgraph.Document {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := flowgraph.Parse(path, src)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return d
}

// testMarks marks nodes from the document alone, so that goldens do not move
// when validate's rules do: an outcome to a missing node is an error, an
// unknown type a warning, a node without outcomes other than end an info.
func testMarks(d *flowgraph.Document) map[string]Mark {
	marks := map[string]Mark{}
	for _, n := range d.Nodes {
		m := None
		if n.Type != "end" && len(n.Edges) == 0 {
			m = Info
		}
		if n.Def == nil {
			m = Warning
		}
		for _, e := range n.Edges {
			if e.Target != "" && e.To < 0 {
				m = Error
			}
		}
		if m > None {
			marks[n.ID] = max(marks[n.ID], m)
		}
	}
	return marks
}

// all renders every output of d into one text, in sections.
func all(t testing.TB, d *flowgraph.Document, opt Options) string {
	t.Helper()
	var b bytes.Buffer
	section := func(name string, f func(*bytes.Buffer, *flowgraph.Document, Options) error, o Options) {
		b.WriteString("==== " + name + "\n")
		if err := f(&b, d, o); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	text := func(b *bytes.Buffer, d *flowgraph.Document, o Options) error { return Text(b, d, o) }
	section("text", text, opt)
	ascii := opt
	ascii.ASCII = true
	section("text --ascii", text, ascii)
	section("dot", func(b *bytes.Buffer, d *flowgraph.Document, o Options) error { return DOT(b, d, o) }, opt)
	section("mermaid", func(b *bytes.Buffer, d *flowgraph.Document, o Options) error { return Mermaid(b, d, o) }, opt)
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it)\n--- got\n%s--- want\n%s", path, got, want)
	}
}

// Every example, in every format, with marks: the drawings are golden and
// deterministic.
func TestGoldenExamples(t *testing.T) {
	seen := map[string]bool{}
	for _, path := range examplePaths(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		if filepath.Base(filepath.Dir(path)) == "broken" {
			name = "broken-" + name
		}
		t.Run(name, func(t *testing.T) {
			d := load(t, path)
			got := all(t, d, Options{Marks: testMarks(d)})
			if again := all(t, d, Options{Marks: testMarks(d)}); again != got {
				t.Fatal("two runs drew differently")
			}
			golden(t, name, got)
		})
		seen[name+".golden"] = true
	}
	// No golden file outlives its example.
	files, _ := filepath.Glob("testdata/*.golden")
	for _, f := range files {
		if b := filepath.Base(f); !seen[b] && !strings.HasPrefix(b, "case-") {
			t.Errorf("%s belongs to no example; remove it", f)
		}
	}
}

// A few focused drawings: neighbourhoods, selection, colour.
func TestGoldenCases(t *testing.T) {
	d := load(t, "../../examples/broken/dangling-target.json")
	cases := []struct {
		name string
		opt  Options
	}{
		{"focus-liveness-1", Options{Focus: "liveness", Hops: 1, Selected: "liveness", Marks: testMarks(d)}},
		{"focus-start-0", Options{Focus: "start", Hops: 0}},
		{"selected-greeting", Options{Selected: "greeting"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			golden(t, "case-"+c.name, all(t, d, c.opt))
		})
	}
	t.Run("color", func(t *testing.T) {
		var b bytes.Buffer
		if err := Text(&b, d, Options{Color: true, Selected: "greeting", Marks: testMarks(d)}); err != nil {
			t.Fatal(err)
		}
		golden(t, "case-color", b.String())
	})
}

func TestFromDocument(t *testing.T) {
	d := load(t, "../../examples/broken/dangling-target.json")
	g := FromDocument(d)
	if len(g.Nodes) != len(d.Nodes) || g.Root != d.Start() {
		t.Fatalf("nodes %d (want %d), root %d (want %d)", len(g.Nodes), len(d.Nodes), g.Root, d.Start())
	}
	for i, n := range g.Nodes {
		if n.Label != d.Nodes[i].ID || n.Sub != d.Nodes[i].Type {
			t.Errorf("node %d: %+v", i, n)
		}
	}
	var labels []string
	for _, e := range g.Edges {
		if e.From < 0 || e.To < 0 || e.From >= len(g.Nodes) || e.To >= len(g.Nodes) {
			t.Errorf("edge out of range: %+v", e)
		}
		labels = append(labels, g.Nodes[e.From].Label+">"+g.Nodes[e.To].Label+":"+e.Label)
	}
	want := []string{
		"start>greeting:", "greeting>liveness:next",
		"liveness>closing_success:livenessDetected", "liveness>closing_unverified:deepfakeDetected",
		"liveness>closing_unverified:noFace", // inconclusive dangles: left out
		"closing_success>end_success:finish", "closing_unverified>end_unverified:finish",
	}
	if !slices.Equal(labels, want) {
		t.Errorf("edges\n got %q\nwant %q", labels, want)
	}
	if g := FromDocument(nil); len(g.Nodes) != 0 || g.Root != -1 {
		t.Errorf("nil document: %+v", g)
	}
}

func TestUnknownFocus(t *testing.T) {
	d := load(t, "../../examples/sample.json")
	for name, f := range map[string]func() error{
		"text":    func() error { return Text(&bytes.Buffer{}, d, Options{Focus: "nope\x1b[2J"}) },
		"dot":     func() error { return DOT(&bytes.Buffer{}, d, Options{Focus: "nope"}) },
		"mermaid": func() error { return Mermaid(&bytes.Buffer{}, d, Options{Focus: "nope"}) },
	} {
		err := f()
		var ue *UnknownNodeError
		if !errors.As(err, &ue) || !strings.HasPrefix(ue.ID, "nope") {
			t.Errorf("%s: want *UnknownNodeError, got %v", name, err)
		}
		if strings.ContainsRune(err.Error(), 0x1b) {
			t.Errorf("%s: raw escape in the message %q", name, err)
		}
	}
	if err := Text(&bytes.Buffer{}, nil, Options{}); !errors.Is(err, ErrNoDocument) {
		t.Errorf("nil document: %v", err)
	}
}

// The neighbourhood keeps the nodes within Hops edges, either way, and the
// dangling targets of the nodes kept.
func TestFocusNeighbourhood(t *testing.T) {
	d := load(t, "../../examples/broken/dangling-target.json")
	ids := func(opt Options) []string {
		dr, err := Build(d, opt)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for i := range dr.Len() {
			out = append(out, dr.Graph.Nodes[i].Label)
		}
		return out
	}
	cases := []struct {
		focus string
		hops  int
		want  []string
	}{
		{"liveness", 0, []string{"liveness"}},
		{"liveness", -3, []string{"liveness"}},
		{"liveness", 1, []string{"greeting", "liveness", "closing_success", "closing_unverified", "closing_unverifed"}},
		{"start", 2, []string{"start", "greeting", "liveness"}},
		{"end_success", 1, []string{"closing_success", "end_success"}},
	}
	for _, c := range cases {
		if got := ids(Options{Focus: c.focus, Hops: c.hops}); !slices.Equal(got, c.want) {
			t.Errorf("%s ±%d: got %q, want %q", c.focus, c.hops, got, c.want)
		}
	}
}

func hostileStrings() []string {
	return []string{
		"", "plain", "q\"uote", `back\slash`, "new\nline", "tab\tx", "cr\rx", "esc\x1b[31mred\x1b[0m",
		"osc\x1b]0;title\x07", "csi\u009b2J", "bidi\u202egnp.exe", "zw\u200bsp", "bom\ufeff", "tag\U000E0041",
		"del\x7f", "bad\xffutf8", "приветствие", "emoji😀", "<>{}|[]()", "&lt;amp;", `\N \G \n`, "ls\u2028ps\u2029",
		"hangul\u3164filler", "nul\x00",
	}
}

func TestCut(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"abc", 3, "abc"}, {"abcd", 3, "ab…"}, {"ééé", 3, "ééé"}, {"éééé", 3, "éé…"}, {"", 3, ""},
	} {
		if got := cut(c.s, c.n); got != c.want {
			t.Errorf("cut(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}

// hostileDoc is a flow whose ids, types and outcome ids are made to break
// every output: quotes, backslashes, escapes, control characters, markup,
// Mermaid keywords, and a 10,000-character id.
func hostileDoc(t testing.TB) (*flowgraph.Document, []string) {
	t.Helper()
	ids := append(hostileStrings(),
		"end", "End", "graph", "subgraph", "flowchart", "style", "class", "classDef", "click", "direction",
		"o", "x", "oops", "xray", "--o", "a-->b", "with space", "a-b", "a.b", "a_b", "n_a_b", "%%comment",
		"`md`", "style:x#1;", "#quot;", "default", "$(rm -rf)", "'single'", strings.Repeat("long", 2500),
		"end", // a duplicate
	)
	ids = slices.DeleteFunc(ids, func(s string) bool { return !utf8.ValidString(s) }) // JSON text is UTF-8
	var flow []map[string]any
	flow = append(flow, map[string]any{"id": "start", "type": "start", "outcome": ids[0]})
	for i, id := range ids {
		next := "end_node"
		if i+1 < len(ids) {
			next = ids[i+1]
		}
		flow = append(flow, map[string]any{
			"id": id, "type": "conversation", "prompt": "Say: hi",
			"outcomes": []map[string]any{
				{"id": id, "targetNodeId": next, "condition": ""},
				{"id": "to \"missing\"\n\x1b[2J", "targetNodeId": "missing \"" + id + "\"", "condition": "x"},
			},
		})
	}
	flow = append(flow,
		map[string]any{"id": "typed", "type": "weird\"type\x1b[31m<b>", "outcome": "end_node"},
		map[string]any{"id": "end_node", "type": "end"})
	src, err := json.MarshalIndent(flow, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	d, err := flowgraph.Parse("hostile.json", src)
	if err != nil {
		t.Fatal(err)
	}
	return d, ids
}

// safeOutput fails when out holds a raw control character (other than newline
// and the SGR sequences allowed), a C1 control or an invisible format
// character.
func safeOutput(t *testing.T, name, out string, allowSGR bool) {
	t.Helper()
	if allowSGR {
		for _, code := range []string{sgrError, sgrWarning, sgrInfo, "1;7", sgrError + ";7", sgrWarning + ";7", sgrInfo + ";7", "0"} {
			out = strings.ReplaceAll(out, "\x1b["+code+"m", "")
		}
	}
	for i, r := range out {
		if r == '\n' {
			continue
		}
		if r < 0x20 || r == 0x7f || flowgraph.IsUnsafeRune(r) || r == utf8.RuneError {
			t.Fatalf("%s: raw %U at byte %d: %q", name, r, i, out[max(0, i-40):min(len(out), i+40)])
		}
	}
}

func TestHostileNeverRaw(t *testing.T) {
	d, _ := hostileDoc(t)
	marks := map[string]Mark{"end": Error, "q\"uote": Warning, "esc\x1b[31mred\x1b[0m": Info}
	for _, opt := range []Options{
		{Marks: marks},
		{Marks: marks, ASCII: true},
		{Marks: marks, Color: true, Selected: "esc\x1b[31mred\x1b[0m"},
		{Marks: marks, Focus: "esc\x1b[31mred\x1b[0m", Hops: 2, Selected: "bidi\u202egnp.exe"},
		{Sanitize: func(s string) string { return s }}, // a sanitizer that does nothing is still safe
		{Sanitize: func(s string) string { return strings.ToUpper(Sanitize(s)) }},
	} {
		var b bytes.Buffer
		if err := Text(&b, d, opt); err != nil {
			t.Fatal(err)
		}
		safeOutput(t, "text", b.String(), opt.Color)
		b.Reset()
		if err := DOT(&b, d, opt); err != nil {
			t.Fatal(err)
		}
		safeOutput(t, "dot", b.String(), false)
		b.Reset()
		if err := Mermaid(&b, d, opt); err != nil {
			t.Fatal(err)
		}
		safeOutput(t, "mermaid", b.String(), false)
	}
}
