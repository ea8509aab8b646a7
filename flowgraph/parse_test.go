package flowgraph

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseErrorsHavePositions(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"empty", "", 1, 1, "empty"},
		{"whitespace", " \n\t \n", 1, 1, "empty"},
		{"bom", "\xEF\xBB\xBF[]", 1, 1, "byte order mark"},
		{"utf16", "\xFF\xFE[\x00]\x00", 1, 1, "UTF-16"},
		{"nul", "[\x00]", 1, 2, "NUL byte"},
		{"invalid utf8 in string", "[\"a\xff\"]", 1, 4, "invalid UTF-8"},
		{"truncated escape", `["\u12`, 1, 7, "four hex digits"},
		{"bad escape", `["\q"]`, 1, 4, "invalid escape"},
		{"unterminated string", "[\n  \"abc", 2, 3, "never closed"},
		{"raw newline in string", "[\"a\nb\"]", 1, 4, "unescaped"},
		{"nan", "[NaN]", 1, 2, "NaN"},
		{"neg infinity", "[-Infinity]", 1, 3, "NaN and Infinity"},
		{"leading zero", "[01]", 1, 3, "leading zeros"},
		{"trailing comma", "[1,\n]", 2, 1, "trailing comma"},
		{"missing colon", `{"a" 1}`, 1, 6, "expected ':'"},
		{"unquoted key", `{a: 1}`, 1, 2, "double quotes"},
		{"garbage after", "[] x", 1, 4, "after the end"},
		{"scalar root", "42", 1, 1, "JSON number"},
		{"null root", "null", 1, 1, "JSON null"},
		{"string root", `"flow"`, 1, 1, "JSON string"},
		{"object without flow", `{"x": 1}`, 1, 1, "no \"flow\""},
		{"flow not array", "{\n  \"flow\": {}\n}", 2, 11, "must be an array"},
		{"deep nesting", strings.Repeat("[", 200000), 1, MaxDepth + 1, "nesting deeper"},
		{"column counts runes", "[\"é\" x]", 1, 6, "expected ',' or ']'"},
		{"true typo", "[tru]", 1, 2, "did you mean true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("f.json", []byte(tt.src))
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("got %v, want a LoadError", err)
			}
			if le.Pos.Line != tt.line || le.Pos.Col != tt.col || !strings.Contains(le.Msg, tt.msg) {
				t.Errorf("got %d:%d %q, want %d:%d containing %q", le.Pos.Line, le.Pos.Col, le.Msg, tt.line, tt.col, tt.msg)
			}
			if !strings.HasPrefix(le.Error(), "f.json:") {
				t.Errorf("error %q does not name the file", le.Error())
			}
		})
	}
}

func TestParseHugeInputsQuickly(t *testing.T) {
	big := append(append([]byte(`[{"id": "start", "type": "start", "outcome": "`), bytes.Repeat([]byte("a"), 60<<20)...), []byte(`"}]`)...)
	d, err := Parse("big.json", big)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(d.Nodes[0].Edges[0].Target); got != 60<<20 {
		t.Errorf("target length %d", got)
	}
	if _, err := Parse("n.json", []byte(`[1e999, -1e999, 123456789012345678901234567890]`)); err != nil {
		t.Errorf("overflowing numbers are valid JSON text: %v", err)
	}
}

func TestFormsAndNodes(t *testing.T) {
	tests := []struct {
		file    string
		form    Form
		flowPtr string
		ids     string
		indent  string
	}{
		{"recovery.json", FormBare, "", "start greeting recognize closing end", "  "},
		{"body-tabs.json", FormBody, "/flow", "start end", "\t"},
		{"legacy.json", FormLegacy, "/nodes", "start greeting otp end", "    "},
		{"compact.json", FormBare, "", "start end", "  "},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			d := mustLoad(t, tt.file)
			if d.Form != tt.form || d.FlowPtr != tt.flowPtr {
				t.Errorf("form %v %q, want %v %q", d.Form, d.FlowPtr, tt.form, tt.flowPtr)
			}
			if got := strings.Join(d.IDs(), " "); got != tt.ids {
				t.Errorf("ids %q, want %q", got, tt.ids)
			}
			if d.Style.Indent != tt.indent {
				t.Errorf("indent %q, want %q", d.Style.Indent, tt.indent)
			}
		})
	}
}

func TestEdgesAndPositions(t *testing.T) {
	d := mustLoad(t, "recovery.json")
	rec := d.Nodes[d.NodeByID("recognize")]
	if len(rec.Edges) != 3 || rec.Edges[2].Key != "noFace" || rec.Edges[2].To != 1 {
		t.Fatalf("recognition edges: %+v", rec.Edges)
	}
	if got, want := rec.Edges[2].Ptr, "/2/outcomes/noFace"; got != want {
		t.Errorf("ptr %q, want %q", got, want)
	}
	if got := d.PointerPos("/2/outcomes/noFace"); got != (Pos{26, 7}) {
		t.Errorf("pos of noFace %v", got)
	}
	if got := d.PointerPos("/2/outcomes/inconclusive"); got != (Pos{23, 5}) {
		t.Errorf("missing member should fall back to its parent's key, got %v", got)
	}
	closing := d.Nodes[3]
	if e := closing.Edges[0]; e.Kind != EdgeConditional || e.Key != "done" || e.Target != "end" || e.Ptr != "/3/outcomes/0/targetNodeId" {
		t.Errorf("conditional edge %+v", e)
	}
	off := d.Offset(Pos{26, 9})
	if ptr, _ := PointerAt(d.Root, off); ptr != "/2/outcomes/noFace" {
		t.Errorf("PointerAt = %q", ptr)
	}
}

func TestDuplicateKeysRecorded(t *testing.T) {
	d, err := Parse("d.json", []byte("[{\"id\": \"a\", \"type\": \"end\",\n \"id\": \"b\"}]"))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Duplicates) != 1 || d.Duplicates[0].Key != "id" || d.Pos(d.Duplicates[0].Second) != (Pos{2, 2}) {
		t.Fatalf("duplicates %+v", d.Duplicates)
	}
	if d.Nodes[0].ID != "a" {
		t.Errorf("the first copy is the one read, got %q", d.Nodes[0].ID)
	}
}

func TestGraphQueries(t *testing.T) {
	d := mustLoad(t, "recovery.json")
	order, unreach := d.FlowOrder()
	if unreach != 5 || len(order) != 5 {
		t.Errorf("order %v unreachable from %d", order, unreach)
	}
	if got := d.Predecessors(d.NodeByID("greeting")); len(got) != 2 {
		t.Errorf("greeting preds %v", got)
	}
	reach, end := d.Reachable(), d.CanReachEnd()
	for i := range d.Nodes {
		if !reach[i] || !end[i] {
			t.Errorf("node %s reach=%v end=%v", d.Nodes[i].ID, reach[i], end[i])
		}
	}
	nd, _, err := d.Do(DeleteNode("closing"))
	if err != nil {
		t.Fatal(err)
	}
	if nd.CanReachEnd()[nd.NodeByID("greeting")] {
		t.Error("after deleting closing, greeting cannot reach an end")
	}
}

func mustLoad(t testing.TB, name string) *Document {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(name, src)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
