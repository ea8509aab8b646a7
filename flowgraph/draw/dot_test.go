package draw

import (
	"bytes"
	"html"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"flowsmith/flowgraph"
)

// graphviz returns the path of dot, skipping the test when it is missing
// (.ci/run installs it, so CI always runs these tests).
func graphviz(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("Graphviz dot is not installed (apt-get install graphviz)")
	}
	return p
}

// runDot runs dot -T<format> on src and fails the test unless it exits 0
// without complaining.
func runDot(t *testing.T, dot, format, name string, src []byte) []byte {
	t.Helper()
	cmd := exec.Command(dot, "-T"+format)
	cmd.Stdin = bytes.NewReader(src)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: dot -T%s: %v\n%s\n--- input (start)\n%.3000s", name, format, err, errb.String(), src)
	}
	if s := errb.String(); strings.Contains(strings.ToLower(s), "error") || strings.Contains(s, "syntax") {
		t.Fatalf("%s: dot -T%s complained:\n%s", name, format, s)
	}
	return out.Bytes()
}

func dotOf(t *testing.T, d *flowgraph.Document, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := DOT(&b, d, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Graphviz accepts the DOT of every example, with and without marks and a
// focus.
func TestDOTAcceptedByGraphviz(t *testing.T) {
	dot := graphviz(t)
	for _, path := range examplePaths(t) {
		d := load(t, path)
		src := dotOf(t, d, Options{Marks: testMarks(d)})
		runDot(t, dot, "svg", path, src)
		runDot(t, dot, "plain", path, src)
		if start := d.Start(); start >= 0 {
			runDot(t, dot, "plain", path+" (focus)", dotOf(t, d, Options{Focus: d.Nodes[start].ID, Hops: 2}))
		}
	}
}

var (
	svgNode = regexp.MustCompile(`(?s)<g id="node\d+" class="node">\s*<title>([^<]*)</title>(.*?)</g>`)
	svgText = regexp.MustCompile(`(?s)<text[^>]*>(.*?)</text>`)
	svgEdge = regexp.MustCompile(`(?s)<g id="edge\d+" class="edge">(.*?)</g>`)
)

// Hostile ids, types and outcome ids give DOT that Graphviz accepts, and every
// label shows exactly the sanitized text: no quote ends a string early, no
// backslash turns into an escape, no entity is decoded.
func TestDOTHostileRoundTrip(t *testing.T) {
	dot := graphviz(t)
	d, _ := hostileDoc(t)
	src := dotOf(t, d, Options{Marks: map[string]Mark{"end": Error}})
	runDot(t, dot, "plain", "hostile", src)
	svg := string(runDot(t, dot, "svg", "hostile", src))

	want := map[string][]string{}
	for i, n := range d.Nodes {
		want["n"+strconv.Itoa(i)] = nonEmpty(cut(Sanitize(n.ID), maxLabel), cut(typeLabel(Sanitize(n.Type)), maxLabel))
	}
	got := map[string][]string{}
	missing := 0
	for _, m := range svgNode.FindAllStringSubmatch(svg, -1) {
		var lines []string
		for _, tm := range svgText.FindAllStringSubmatch(m[2], -1) {
			lines = append(lines, html.UnescapeString(tm[1]))
		}
		name := html.UnescapeString(m[1])
		if strings.HasPrefix(name, "m") {
			missing++
			if len(lines) != 1 || !strings.HasPrefix(lines[0], "missing: missing \"") {
				t.Errorf("missing node %s shows %q", name, lines)
			}
			continue
		}
		got[name] = nonEmpty(lines...)
	}
	if len(got) != len(want) {
		t.Errorf("svg has %d nodes, want %d", len(got), len(want))
	}
	for name, w := range want {
		if !slices.Equal(got[name], w) {
			t.Errorf("node %s shows\n %q\nwant\n %q", name, got[name], w)
		}
	}
	if missing == 0 {
		t.Error("no missing: node drawn")
	}
	// Edge labels too.
	labels := map[string]bool{}
	for _, m := range svgEdge.FindAllStringSubmatch(svg, -1) {
		for _, tm := range svgText.FindAllStringSubmatch(m[1], -1) {
			labels[html.UnescapeString(tm[1])] = true
		}
	}
	for _, s := range []string{`q"uote`, `back\slash`, `new\nline`, `esc\x1b[31mred\x1b[0m`, `\N \G \n`, "&lt;amp;", `to "missing"\n\x1b[2J`} {
		if !labels[s] {
			t.Errorf("no edge label shows %q", s)
		}
	}
}

func nonEmpty(s ...string) []string {
	return slices.DeleteFunc(s, func(x string) bool { return strings.TrimSpace(x) == "" })
}

func TestDOTShapesAndMarks(t *testing.T) {
	d := load(t, "../../examples/newer-api.json")
	out := string(dotOf(t, d, Options{Marks: map[string]Mark{d.Nodes[1].ID: Error, d.Nodes[2].ID: Warning}}))
	for _, want := range []string{
		"digraph flow {\n  rankdir=TB;\n",
		`n0 [label="` + d.Nodes[0].ID + `\nstart", shape=oval`,
		`\nend", shape=oval, peripheries=2`,
		`fillcolor="#ffd9dc"`, `fillcolor="#fff1c2"`, `style="rounded,filled"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	shapes := map[string]string{
		"start": "oval", "end": "oval", "conversation": "box", "liveness_detection": "hexagon",
		"face_scan": "hexagon", "face_compare": "hexagon", "recognition": "hexagon", "two_factor_email": "component",
		"two_factor_sms": "component", "data_validation": "diamond", "field_condition": "diamond",
		"external_call": "parallelogram", "document_scan": "box3d", "enter_email": "tab", "permissions": "house",
		"mystery": "box", "": "box",
	}
	for typ, want := range shapes {
		if got, _ := dotShape(typ); got != want {
			t.Errorf("dotShape(%q) = %q, want %q", typ, got, want)
		}
	}
	for _, typ := range flowgraph.TypeNames() {
		if _, ok := shapes[typ]; !ok {
			t.Errorf("node type %q has no shape test", typ)
		}
	}
}

func TestDOTEscape(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:    `plain`,
		`a"b`:      `a\"b`,
		`a\nb`:     `a\\nb`,
		`\`:        `\\`,
		`&lt;`:     `&amp;lt;`,
		"x\ny":     `x\\ny`,
		`\"`:       `\\\"`,
		"<b>{c|d}": "<b>{c|d}",
	} {
		if got := dotEscape(in); got != want {
			t.Errorf("dotEscape(%q) = %q, want %q", in, got, want)
		}
	}
}
