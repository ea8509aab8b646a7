package draw

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"flowsmith/flowgraph"
)

// docWithIDs is a flow of conversation nodes with these ids, each linking to
// the next.
func docWithIDs(t testing.TB, ids ...string) *flowgraph.Document {
	t.Helper()
	flow := []map[string]any{}
	for i, id := range ids {
		n := map[string]any{"id": id, "type": "conversation", "prompt": "Say: hi"}
		if i+1 < len(ids) {
			n["outcomes"] = []map[string]any{{"id": "next", "targetNodeId": ids[i+1], "condition": ""}}
		}
		flow = append(flow, n)
	}
	src, err := json.Marshal(flow)
	if err != nil {
		t.Fatal(err)
	}
	d, err := flowgraph.Parse("ids.json", src)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// mermaidKeywords are words of the flowchart grammar; an id equal to one of
// them (in any case, for safety) breaks or changes the chart.
var mermaidKeywords = []string{
	"end", "graph", "flowchart", "flowchart-elk", "subgraph", "style", "classdef", "class", "click", "call",
	"href", "linkstyle", "direction", "default", "interpolate", "acctitle", "accdescr", "td", "tb", "bt", "rl", "lr",
}

var safeID = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

func TestMermaidIDSafety(t *testing.T) {
	cases := []struct{ id, want string }{
		{"end", "n_end"},
		{"End", "n_End"},
		{"END", "n_END"},
		{"graph", "n_graph"},
		{"subgraph", "n_subgraph"},
		{"flowchart", "n_flowchart"},
		{"style", "n_style"},
		{"class", "n_class"},
		{"click", "n_click"},
		{"direction", "n_direction"},
		{"o", "n_o"},
		{"x", "n_x"},
		{"oops", "n_oops"},
		{"xray", "n_xray"},
		{"with space", "n_with_space"},
		{`q"uote`, "n_q_uote"},
		{"a-b", "n_a_b"},
		{"a.b", "n_a_b_2"}, // same after sanitizing: numbered
		{"a_b", "n_a_b_3"},
		{"a_b_2", "n_a_b_2_2"}, // its own name is taken already
		{"a--b..c", "n_a_b_c"}, // runs become one _
		{"приветствие", "n__"},
		{"шаг-2", "n__2"},
		{"", "n_"},
		{"", "n__3"},       // n__2 is taken by шаг-2
		{"end", "n_end_2"}, // a duplicate id is still its own node
		{"--o", "n__o"},
		{"1st", "n_1st"},
		{strings.Repeat("a", 100), "n_" + strings.Repeat("a", 40)},
	}
	ids := make([]string, len(cases))
	for i, c := range cases {
		ids[i] = c.id
	}
	got := MermaidIDs(docWithIDs(t, ids...))
	if len(got) != len(cases) {
		t.Fatalf("got %d ids for %d nodes", len(got), len(cases))
	}
	seen := map[string]int{}
	for i, c := range cases {
		g := got[i]
		if g != c.want {
			t.Errorf("%q → %q, want %q", c.id, g, c.want)
		}
		if !safeID.MatchString(g) {
			t.Errorf("%q → %q: not [A-Za-z0-9_]+", c.id, g)
		}
		for _, kw := range mermaidKeywords {
			if strings.EqualFold(g, kw) {
				t.Errorf("%q → %q: a Mermaid keyword", c.id, g)
			}
		}
		if g[0] == 'o' || g[0] == 'x' || g[0] == 'O' || g[0] == 'X' {
			t.Errorf("%q → %q: starts with o/x (read as a circle/cross edge after --)", c.id, g)
		}
		if j, dup := seen[g]; dup {
			t.Errorf("%q and %q both → %q", cases[j].id, c.id, g)
		}
		seen[g] = i
	}
}

// Every node line is `ID<open>"LABEL"<close>` and every edge line
// `ID --> ID` or `ID -->|"LABEL"| ID` (dotted for dangling outcomes), with
// labels holding no character that could end or change them.
func TestMermaidLabelsEscaped(t *testing.T) {
	d, _ := hostileDoc(t)
	var b bytes.Buffer
	if err := Mermaid(&b, d, Options{Marks: map[string]Mark{"end": Error, "o": Warning}, Focus: "x", Hops: 100}); err != nil {
		t.Fatal(err)
	}
	nodeLine := regexp.MustCompile(`^  ([A-Za-z0-9_]+)(\(\[|\(\(\(|\(|\{\{|\{|\[/|\[\[|\[\\|>|\[)"([^"]*)"(\]\)|\)\)\)|\)|\}\}|\}|/\]|\\\]|\]\]|\])$`)
	edgeLine := regexp.MustCompile(`^  ([A-Za-z0-9_]+) (-->|-\.->)(\|"([^"]*)"\|)? ([A-Za-z0-9_]+)$`)
	entity := regexp.MustCompile(`#(\d+|quot|lt|gt|amp);`)
	clean := func(label string) string {
		label = strings.TrimPrefix(label, "missing: ") // the one colon the package writes itself
		return entity.ReplaceAllString(strings.ReplaceAll(label, "<br/>", " "), "")
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if lines[0] != "flowchart TD" {
		t.Fatalf("first line %q", lines[0])
	}
	nodes, edges := 0, 0
	for _, l := range lines[1:] {
		var label string
		switch {
		case nodeLine.MatchString(l):
			label = nodeLine.FindStringSubmatch(l)[3]
			nodes++
		case edgeLine.MatchString(l):
			label = edgeLine.FindStringSubmatch(l)[4]
			edges++
		case strings.HasPrefix(l, "  classDef ") || strings.HasPrefix(l, "  class "):
			continue
		default:
			t.Errorf("unexpected line %q", l)
			continue
		}
		if c := clean(label); strings.ContainsAny(c, "\"<>&`|;#:%[]{}()\\\n\r") {
			t.Errorf("label not escaped: %q in %q", c, l)
		}
	}
	if nodes < len(d.Nodes) || edges < len(d.Nodes) {
		t.Errorf("only %d nodes and %d edges", nodes, edges)
	}
}

func TestMermaidEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain":       "plain",
		`a"b`:         "a#quot;b",
		"#quot;":      "#35;quot#59;",
		"<b>&":        "#lt;b#gt;#amp;",
		"`md`":        "#96;md#96;",
		"a|b":         "a#124;b",
		"style:x#1;":  "style#58;x#35;1#59;",
		"%%c":         "#37;#37;c",
		`[x](y){z}\`:  "#91;x#93;#40;y#41;#123;z#125;#92;",
		"приветствие": "приветствие",
	} {
		if got := mermaidEscape(in); got != want {
			t.Errorf("mermaidEscape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMermaidParses runs Mermaid's own parser (mermaid 11 under Node with
// jsdom) over the output of every example and of the hostile flow, and checks
// that every label decodes to exactly the sanitized id and type. It needs a
// folder where `npm install mermaid jsdom` was run, named by
// FLOWSMITH_MERMAID_DIR; without it the test is skipped.
func TestMermaidParses(t *testing.T) {
	dir := os.Getenv("FLOWSMITH_MERMAID_DIR")
	if dir == "" {
		t.Skip("set FLOWSMITH_MERMAID_DIR to a folder with `npm install mermaid jsdom` to run Mermaid's parser")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	script, err := os.ReadFile("testdata/mermaid-check.mjs")
	if err != nil {
		t.Fatal(err)
	}
	scriptPath := filepath.Join(dir, "flowsmith-mermaid-check.mjs")
	if err := os.WriteFile(scriptPath, script, 0o644); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(scriptPath)

	type input struct {
		name string
		d    *flowgraph.Document
	}
	var inputs []input
	for _, p := range examplePaths(t) {
		inputs = append(inputs, input{p, load(t, p)})
	}
	hd, _ := hostileDoc(t)
	inputs = append(inputs, input{"hostile", hd}, input{"ids", docWithIDs(t, "end", "o", "x", "graph", "a-b", "a.b", "", "style:x#1;")})
	tmp := t.TempDir()
	var files []string
	for i, in := range inputs {
		var b bytes.Buffer
		if err := Mermaid(&b, in.d, Options{Marks: testMarks(in.d)}); err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(tmp, fmt.Sprintf("%03d.mmd", i))
		if err := os.WriteFile(f, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	cmd := exec.Command(node, append([]string{scriptPath}, files...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("mermaid parser: %v\n%s", err, out)
	}
	var results []struct {
		File  string     `json:"file"`
		Error string     `json:"error"`
		Nodes [][]string `json:"nodes"` // id, text
	}
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(results) != len(inputs) {
		t.Fatalf("the parser answered for %d files of %d", len(results), len(inputs))
	}
	decode := strings.NewReplacer("ﬂ°°", "&#", "ﬂ°", "&", "¶ß", ";")
	for i, r := range results {
		in := inputs[i]
		if r.Error != "" {
			t.Errorf("%s: Mermaid cannot parse it: %s", in.name, r.Error)
			continue
		}
		m, _ := buildModel(in.d, Options{})
		ids := mermaidIDs(m)
		want := map[string]string{}
		for k := range m.nodes {
			n := &m.nodes[k]
			if n.missing() {
				want[ids[k]] = "missing: " + cut(n.id, maxLabel)
			} else {
				want[ids[k]] = cut(n.id, maxLabel) + "\n" + cut(typeLabel(n.typ), maxLabel)
			}
		}
		if len(r.Nodes) != len(want) {
			t.Errorf("%s: Mermaid sees %d nodes, want %d", in.name, len(r.Nodes), len(want))
		}
		for _, n := range r.Nodes {
			text := html.UnescapeString(decode.Replace(strings.ReplaceAll(n[1], "<br>", "\n")))
			if w, ok := want[n[0]]; !ok || text != w {
				t.Errorf("%s: node %s reads %q, want %q", in.name, n[0], text, w)
			}
		}
	}
}
