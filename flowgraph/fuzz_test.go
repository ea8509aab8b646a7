package flowgraph

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// addSeeds adds every testdata flow and a few hostile snippets to a corpus.
func addSeeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range []string{"", "[", "{\"flow\":[", "[\"\\u00", "\xEF\xBB\xBF[]", "[1e999]", "[{\"id\":\"a\",\"id\":\"b\"}]",
		"{\"nodes\":[{\"id\":\"s\",\"type\":\"start\"}],\"edges\":[{\"source\":\"s\",\"target\":\"s\"}]}"} {
		f.Add([]byte(s))
	}
}

// FuzzParse: any bytes either parse or fail with a positioned LoadError; never
// a panic.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse("fuzz.json", src)
		if err != nil {
			var le *LoadError
			if !errors.As(err, &le) || le.Pos.Line < 1 || le.Pos.Col < 1 {
				t.Fatalf("error without position: %v", err)
			}
			return
		}
		for i := range d.Nodes {
			d.PointerPos(d.Nodes[i].Ptr)
			for _, e := range d.Nodes[i].Edges {
				d.PointerPos(e.Ptr)
			}
		}
		d.FlowOrder()
		d.CanReachEnd()
	})
}

// FuzzSaveRoundTrip: a parsed document laid out canonically parses back to the
// same values, and laying that out again changes nothing.
func FuzzSaveRoundTrip(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse("fuzz.json", src)
		if err != nil {
			return
		}
		if string(d.Bytes()) != string(src) {
			t.Fatal("an unedited document does not give back its bytes")
		}
		out := d.Canonical(DefaultStyle)
		d2, err := Parse("fuzz.json", out)
		if err != nil {
			t.Fatalf("canonical output does not parse: %v\n%s", err, out)
		}
		if !sameValue(d.Root, d.Src, d2.Root, d2.Src) {
			t.Fatalf("canonical output changed a value:\n%s", out)
		}
		if again := d2.Canonical(DefaultStyle); string(again) != string(out) {
			t.Fatal("canonical layout is not stable")
		}
	})
}

// sameValue compares two trees: kinds, keys in order, and scalars' exact text.
func sameValue(a *Value, asrc []byte, b *Value, bsrc []byte) bool {
	if a.Kind != b.Kind || len(a.Members) != len(b.Members) || len(a.Items) != len(b.Items) {
		return false
	}
	switch a.Kind {
	case Object:
		for i := range a.Members {
			if a.Members[i].Key != b.Members[i].Key || !sameValue(a.Members[i].Value, asrc, b.Members[i].Value, bsrc) {
				return false
			}
		}
	case Array:
		for i := range a.Items {
			if !sameValue(a.Items[i], asrc, b.Items[i], bsrc) {
				return false
			}
		}
	default:
		return scalarText(a, asrc) == scalarText(b, bsrc)
	}
	return true
}

// FuzzEditUndo: any sequence of edit operations leaves a parseable document, and
// undoing all of them gives back the original bytes exactly.
func FuzzEditUndo(f *testing.F) {
	for i, file := range []string{"recovery.json", "body-tabs.json", "compact.json", "legacy.json"} {
		f.Add(uint8(i), uint64(i*7+1), uint8(20))
		_ = file
	}
	files := []string{"recovery.json", "body-tabs.json", "compact.json", "legacy.json"}
	f.Fuzz(func(t *testing.T, which uint8, seed uint64, steps uint8) {
		orig := mustLoad(t, files[int(which)%len(files)])
		r := rand.New(rand.NewPCG(seed, uint64(which)))
		d, h := orig, &History{}
		for range int(steps % 40) {
			if len(d.Nodes) == 0 {
				break
			}
			if nd, err := h.Do(d, randomOp(r, d)); err == nil {
				full, err := Parse(nd.Path, nd.Src)
				if err != nil {
					t.Fatalf("an edit left bytes that do not parse: %v", err)
				}
				sameDocument(t, nd, full) // a single-node re-parse must equal a full one
				d = nd
			}
		}
		for h.CanUndo() {
			var err error
			if d, _, err = h.Undo(d); err != nil {
				t.Fatalf("undo: %v", err)
			}
		}
		if string(d.Src) != string(orig.Src) {
			t.Fatal("undo did not restore the original bytes")
		}
	})
}
