package validate

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	fg "flowsmith/flowgraph"
	"flowsmith/flowgraph/flowgen"
	"flowsmith/i18n"
)

// tiedFlow has several findings of one rule at one position (two unknown
// variables in one prompt), which only the report order tells apart, so the
// sorted comparison too fails when that order is not kept.
const tiedFlow = `[{"id": "start", "type": "start", "outcome": "greet"},
 {"id": "greet", "type": "conversation", "prompt": "Say: Hello {foo}, {bar} and {{baz}}. Who are you? Where are you?",
  "outcomes": [{"id": "a", "targetNodeId": "end", "condition": ""}, {"id": "default", "targetNodeId": "end", "condition": ""}]},
 {"id": "end", "type": "end", "outcomes": [], "extra": 1}]`

// corpusFlows returns every flow the tests know: validate/testdata (fuzz
// corpus entries included), the examples (broken ones too), the repository's
// testdata, a generated flow and tiedFlow.
func corpusFlows(t *testing.T) map[string][]byte {
	t.Helper()
	flows := map[string][]byte{"tied.json": []byte(tiedFlow), "gen.json": flowgen.Flow(300)}
	for _, root := range []string{"testdata", "../examples", "../testdata"} {
		err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if rest, ok := bytes.CutPrefix(src, []byte("go test fuzz v1\n[]byte(")); ok {
				s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimSpace(string(rest)), ")"))
				if err != nil {
					return nil // not a single []byte entry
				}
				src = []byte(s)
			}
			flows[path] = src
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	return flows
}

// TestParallelMatchesSerial checks that the parallel path returns exactly the
// serial path's findings, in the same order, for every flow of the corpus,
// with and without a configuration that switches rules off. Run it with -race.
func TestParallelMatchesSerial(t *testing.T) {
	sidecar, err := i18n.ParseSidecar("onboarding.i18n.json", []byte(readTestdata(t, "onboarding.i18n.json")))
	if err != nil {
		t.Fatal(err)
	}
	configs := []*Config{nil, {Rules: map[string]Severity{"missing-field": Off, "field-type": Off, "unknown-field": Off,
		"unreachable": Off, "default-outcome": Info, "multiple-questions": Error}}}
	flows, checked, tied := corpusFlows(t), 0, false
	for path, src := range flows {
		for ci, cfg := range configs {
			opt := Options{Config: cfg, Translations: sidecar}
			d, err := fg.Parse(path, src)
			if err != nil {
				continue
			}
			// Before the sort, so that any change of order shows, even
			// one the sort would happen to undo.
			serial := runRules(d, opt, 1, blockNodes)
			want := plain(d, serial)
			for run, block := range []int{blockNodes, 1, 3} { // small blocks: every node's edge is a block's
				pd, _ := fg.Parse(path, src) // fresh, so that its lazy parts are built concurrently
				if par := runRules(pd, opt, 4, block); !reflect.DeepEqual(want, plain(d, par)) {
					t.Fatalf("%s (config %d, run %d, blocks of %d): the parallel findings differ from the serial ones\nserial:   %s\nparallel: %s",
						path, ci, run, block, findingList(serial), findingList(par))
				}
			}
			SortByPosition(serial)
			if par := validate(d, opt, 4); !reflect.DeepEqual(plain(d, serial), plain(d, par)) {
				t.Fatalf("%s (config %d): the sorted findings differ\nserial:   %s\nparallel: %s", path, ci, findingList(serial), findingList(par))
			}
			checked++
			tied = tied || hasTie(serial)
		}
	}
	if checked < 100 {
		t.Fatalf("only %d flows checked; is the corpus missing?", checked)
	}
	t.Logf("%d flow and configuration pairs checked", checked)
	if !tied {
		t.Fatal("no flow has two findings of one rule at one position; the test would not notice a wrong order")
	}
}

// plainFinding is a Finding that reflect.DeepEqual can compare: a quick
// fix's operation (which holds a func) is replaced by the edit it plans on d.
type plainFinding struct {
	Finding
	FixTitle, FixLabel string
	FixEdit            []fg.Splice
	FixErr             string
}

func plain(d *fg.Document, fs []Finding) []plainFinding {
	if fs == nil {
		return nil // a serial run's nil must stay nil
	}
	out := make([]plainFinding, len(fs))
	for i, f := range fs {
		out[i].Finding = f
		if f.Fix != nil {
			out[i].Fix = nil
			out[i].FixTitle, out[i].FixLabel = f.Fix.Title, f.Fix.Op.Label()
			edit, err := f.Fix.Op.Plan(d)
			out[i].FixEdit = edit
			if err != nil {
				out[i].FixErr = err.Error()
			}
		}
	}
	return out
}

// hasTie reports whether two different findings share rule and position, so
// that only the report order tells them apart.
func hasTie(fs []Finding) bool {
	for i := 1; i < len(fs); i++ {
		a, b := fs[i-1], fs[i]
		if a.Pos == b.Pos && a.Rule == b.Rule && a.Message != b.Message {
			return true
		}
	}
	return false
}

func findingList(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("\n  " + strconv.Itoa(f.Pos.Line) + ":" + strconv.Itoa(f.Pos.Col) + " " + f.Rule + " " + f.Message)
	}
	return b.String()
}

// TestConcurrentValidate validates one document from several goroutines at
// once, as an editor may: the shared caches (the document's lazy parts, the
// text memos) must stand it. Run it with -race.
func TestConcurrentValidate(t *testing.T) {
	d, err := fg.Parse("tied.json", []byte(tiedFlow))
	if err != nil {
		t.Fatal(err)
	}
	want := plain(d, validate(d, Options{}, 1))
	d, _ = fg.Parse("tied.json", []byte(tiedFlow))
	var wg sync.WaitGroup
	got := make([][]Finding, 4)
	for g := range got {
		wg.Go(func() { got[g] = validate(d, Options{}, 2) })
	}
	wg.Wait()
	for g := range got {
		if !reflect.DeepEqual(want, plain(d, got[g])) {
			t.Fatalf("goroutine %d: %s", g, findingList(got[g]))
		}
	}
}

// TestScheduleNamesRules: the scheduling tables name real rules. A misspelt
// id in localRules would run that rule once over the whole flow instead of
// block by block: still right, only slower, so no other test would fail.
func TestScheduleNamesRules(t *testing.T) {
	for id := range localRules {
		if r := LookupRule(id); r == nil || r.Check == nil {
			t.Errorf("localRules names %q, which is not a checked rule", id)
		}
	}
	for id := range ruleCost {
		if r := LookupRule(id); r == nil || localRules[id] {
			t.Errorf("ruleCost names %q, which is not a rule scheduled on its own", id)
		}
	}
}
