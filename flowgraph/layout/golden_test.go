package layout

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// flow builds a Graph from "id:type" node specs and "from>to:label" edge specs.
func flow(root int, nodes []string, edges ...string) Graph {
	g := Graph{Root: root}
	index := map[string]int{}
	for i, spec := range nodes {
		id, typ, _ := strings.Cut(spec, ":")
		index[id] = i
		g.Nodes = append(g.Nodes, Node{Label: id, Sub: typ})
	}
	for _, spec := range edges {
		ends, label, _ := strings.Cut(spec, ":")
		from, to, _ := strings.Cut(ends, ">")
		f, ok1 := index[from]
		t, ok2 := index[to]
		if !ok1 || !ok2 {
			panic("bad edge spec " + spec)
		}
		g.Edges = append(g.Edges, Edge{From: f, To: t, Label: label})
	}
	return g
}

var goldenCases = []struct {
	name  string
	g     Graph
	ascii bool
}{
	{"chain", flow(0, []string{"start:start", "greeting:conversation", "consent:conversation", "done:end"},
		"start>greeting", "greeting>consent:c1", "consent>done:c2"), false},
	{"diamond", flow(0, []string{"start:start", "ask:conversation", "yes:conversation", "no:conversation", "done:end"},
		"start>ask", "ask>yes:agrees", "ask>no:refuses", "yes>done:c1", "no>done:c2"), false},
	{"retry", flow(0, []string{"start:start", "greeting:conversation", "liveness:liveness_detection",
		"retry:conversation", "ok:end", "fail:end"},
		"start>greeting", "greeting>liveness:c1", "liveness>ok:livenessDetected",
		"liveness>retry:noFace", "liveness>fail:deepfakeDetected", "liveness>retry:inconclusive",
		"retry>liveness:again"), false},
	{"retry_ascii", flow(0, []string{"start:start", "liveness:liveness_detection", "retry:conversation", "ok:end"},
		"start>liveness", "liveness>ok:livenessDetected", "liveness>retry:noFace", "retry>liveness:again"), true},
	{"self_loop", flow(0, []string{"start:start", "ask:conversation", "done:end"},
		"start>ask", "ask>ask:unclear", "ask>done:answered"), false},
	{"unreachable", flow(0, []string{"start:start", "greeting:conversation", "done:end", "orphan:conversation", "lost:face_scan"},
		"start>greeting", "greeting>done:c1", "lost>done:passed"), false},
	{"fan_out", flow(0, []string{"start:start", "scan:face_scan", "a:conversation", "b:conversation",
		"c:conversation", "d:conversation", "end:end"},
		"start>scan", "scan>a:passed", "scan>b:notPassed", "scan>c:cancelled", "scan>d:error",
		"a>end", "b>end", "c>end", "d>end"), false},
	{"long_edge", flow(0, []string{"start:start", "a:conversation", "b:conversation", "c:conversation", "end:end"},
		"start>a", "a>b:next", "b>c:next", "c>end:next", "a>end:skip"), false},
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			l := Compute(tc.g)
			got := strings.Join(l.Render(RenderOptions{ASCII: tc.ascii}), "\n") + "\n"
			path := filepath.Join("testdata", tc.name+".golden")
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
				t.Errorf("drawing differs from %s\n--- got\n%s--- want\n%s", path, got, want)
			}
		})
	}
}
