package validate

import (
	"strings"
	"testing"
)

// TestTextMemoGetAll: getAll answers like get for texts in the new
// generation, in the old one, new texts and texts too long to keep, analyses
// each text it does not remember once (a text asked twice too), and
// remembers what get would.
func TestTextMemoGetAll(t *testing.T) {
	var m textMemo[int]
	calls := map[string]int{}
	analyse := func(s string) int { calls[s]++; return len(s) }
	long := strings.Repeat("x", memoMaxText+1)
	m.get("old", analyse)
	m.prev, m.cur = m.cur, map[string]memoEntry[int]{} // "old" is now of the old generation
	m.get("kept", analyse)
	texts := []string{"kept", "old", "new", long, "unasked", "new"}
	want := []int{0, 1, 2, 3, 5}
	vs := make([]int, len(texts))
	vs[4] = -1
	m.getAll(texts, want, vs, analyse)
	for k, text := range texts {
		wantV := len(text)
		if k == 4 {
			wantV = -1 // not asked for: left alone
		}
		if vs[k] != wantV {
			t.Errorf("vs[%d] (%.10q) = %d, want %d", k, text, vs[k], wantV)
		}
	}
	if calls["kept"] != 1 || calls["old"] != 1 || calls["new"] != 1 || calls[long] != 1 || calls["unasked"] != 0 {
		t.Errorf("analyses: kept %d, old %d, new %d, long %d, unasked %d; want 1, 1, 1, 1, 0",
			calls["kept"], calls["old"], calls["new"], calls[long], calls["unasked"])
	}
	for _, text := range []string{"kept", "old", "new"} {
		if _, ok := m.cur[text]; !ok {
			t.Errorf("%q is not in the new generation", text)
		}
	}
	if _, ok := m.cur[long]; ok {
		t.Error("a text too long to keep was kept")
	}
	calls = map[string]int{}
	m.getAll(texts, want, make([]int, len(texts)), analyse)
	if calls[long] != 1 || len(calls) != 1 {
		t.Errorf("a second getAll analysed %d texts; want the long text only", len(calls))
	}
}
