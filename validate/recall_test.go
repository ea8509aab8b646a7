package validate

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	fg "flowsmith/flowgraph"
	"flowsmith/flowgraph/flowgen"
)

// TestRecallAfterEdits: findings of a flow validated right after another
// version of it, with the prompt facts of the last run recalled, are the
// findings of a run that recalls nothing. The edits change a prompt in place,
// shift the prompts after an added or a deleted node, and parse the same text
// again; each is validated whole and in blocks of 3 nodes.
func TestRecallAfterEdits(t *testing.T) {
	src, err := os.ReadFile("../examples/kyc-document.json")
	if err != nil {
		t.Fatal(err)
	}
	// Two questions in place of the greeting's one, as long as it, so that
	// only the text itself tells the two apart.
	twoQuestions := func(d *fg.Document) *fg.Value {
		q := "Say: What is your name? And where do you live?"
		old := d.Nodes[1].Fields.Get("prompt").Str
		return fg.NewString(q + strings.Repeat(" ", len(old)-len(q)))
	}
	newNode, err := fg.ParseValue(`{"id": "aside", "type": "conversation",
		"prompt": "Say: Which city were you born in? And in which year?",
		"outcomes": [{"id": "next", "targetNodeId": "document_scan", "condition": ""}]}`)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		edit func(*fg.Document) (*fg.Document, error)
	}{
		{"prompt rewritten", func(d *fg.Document) (*fg.Document, error) {
			nd, _, err := d.Do(fg.SetValue("/1/prompt", twoQuestions(d)))
			return nd, err
		}},
		{"node added before the prompts", func(d *fg.Document) (*fg.Document, error) {
			nd, _, err := d.Do(fg.AddNode(newNode, 1))
			return nd, err
		}},
		{"prompt node deleted", func(d *fg.Document) (*fg.Document, error) {
			nd, _, err := d.Do(fg.DeleteNode("greeting"))
			return nd, err
		}},
		{"same text parsed again", func(d *fg.Document) (*fg.Document, error) {
			return fg.Parse(d.Path, bytes.Clone(d.Src))
		}},
	} {
		for _, block := range []int{0, 3} { // 0: one serial run over the whole flow
			run := func(d *fg.Document) []plainFinding {
				if block == 0 {
					return plain(d, runRules(d, Options{}, 1, blockNodes))
				}
				return plain(d, runRules(d, Options{}, 2, block))
			}
			d, err := fg.Parse("kyc-document.json", src)
			if err != nil {
				t.Fatal(err)
			}
			factsRecall.Clear()
			run(d)
			nd, err := tc.edit(d)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			got := run(nd)
			factsRecall.Clear()
			if want := run(nd); !reflect.DeepEqual(got, want) {
				t.Errorf("%s (blocks of %d): findings after a recall differ from a fresh run\nrecalled: %v\nfresh:    %v", tc.name, block, got, want)
			}
		}
	}
}

// TestRecallKeepsTheLatestText: once a flow's text is parsed again, the
// recall holds the new document's strings, so the old document can be freed.
func TestRecallKeepsTheLatestText(t *testing.T) {
	src, err := os.ReadFile("../examples/kyc-document.json")
	if err != nil {
		t.Fatal(err)
	}
	factsRecall.Clear()
	old, _ := fg.Parse("kyc-document.json", src)
	runRules(old, Options{}, 1, blockNodes)
	d, _ := fg.Parse("kyc-document.json", bytes.Clone(src)) // the same text in other memory
	runRules(d, Options{}, 1, blockNodes)
	v, ok := factsRecall.Load(spanKey{0, len(d.Nodes)})
	if !ok {
		t.Fatal("nothing recalled for the whole flow")
	}
	r := v.(*recalled)
	c := &Context{Doc: d}
	prompts := c.prompts()
	if len(prompts) == 0 || len(r.texts) != len(prompts) {
		t.Fatalf("recalled %d texts for %d prompts", len(r.texts), len(prompts))
	}
	for k, p := range prompts {
		if unsafe.StringData(r.texts[k]) != unsafe.StringData(p.text) {
			t.Errorf("recalled text %d is not the latest document's string", k)
		}
	}
}

// TestRecallKeepsOnlyTheLastRun: after a large flow and then a small one, the
// recall holds the small one's spans only, so the large one can be freed.
func TestRecallKeepsOnlyTheLastRun(t *testing.T) {
	factsRecall.Clear()
	big, _ := fg.Parse("big.json", flowgen.Flow(2000))
	runRules(big, Options{}, 2, 100)
	small, _ := fg.Parse("small.json", flowgen.Flow(250))
	runRules(small, Options{}, 2, 100)
	want := map[spanKey]bool{{0, 100}: true, {100, 200}: true, {200, len(small.Nodes)}: true, {0, len(small.Nodes)}: true}
	blocks := 0
	factsRecall.Range(func(k, _ any) bool {
		if !want[k.(spanKey)] {
			t.Errorf("span %v of an earlier run is still recalled", k)
		} else if k.(spanKey).hi-k.(spanKey).lo <= 100 {
			blocks++
		}
		return true
	})
	if blocks != 3 {
		t.Errorf("%d of the small flow's 3 blocks are recalled", blocks)
	}
}
