package validate

import (
	"fmt"
	"slices"
	"strings"
	"sync"
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

// TestTextMemo runs the memoised analyses from several goroutines against
// the analyses themselves.
func TestTextMemo(t *testing.T) {
	texts := make([]string, 0, 3000)
	for i := 0; len(texts) < cap(texts); i++ {
		q := questionCases[i%len(questionCases)].prompt
		texts = append(texts, fmt.Sprintf("%s (%d)", q, i), conditionalCases[i%len(conditionalCases)].prompt,
			languageCases[i%len(languageCases)].text)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for k := range texts {
				s := texts[(k*7+g*len(texts)/4)%len(texts)]
				want := analyseText(s)
				if got := Questions(s); !slices.Equal(got, want.questions) {
					t.Errorf("Questions(%q) = %q; want %q", s, got, want.questions)
				}
				if p, ok := ConditionalPhrase(s); p != want.branch || ok != want.branches {
					t.Errorf("ConditionalPhrase(%q) = %q, %v; want %q", s, p, ok, want.branch)
				}
				if lang, english := DetectLanguage(s); lang != want.lang || english != want.english {
					t.Errorf("DetectLanguage(%q) = %q; want %q", s, lang, want.lang)
				}
			}
		})
	}
	wg.Wait()
	const prompt = "Say: Hello? Can you hear me?"
	if qs := Questions(prompt); len(qs) == 2 {
		qs[0] = "changed" // the caller owns the result
	}
	if qs := Questions(prompt); !slices.Equal(qs, []string{"Hello?", "Can you hear me?"}) {
		t.Errorf("Questions(%q) = %q after the caller changed an earlier result", prompt, qs)
	}
}

// TestTextMemoGenerations fills a memo past two generations (by size) and
// checks what it still remembers.
func TestTextMemoGenerations(t *testing.T) {
	var m textMemo[int]
	calls := 0
	analyse := func(s string) int { calls++; return len(s) }
	text := func(i int) string { return fmt.Sprintf("%0*d", memoMaxText, i) }
	perGeneration := memoBytes / memoMaxText
	n := 5 * perGeneration / 2
	for i := range n {
		if got := m.get(text(i), analyse); got != memoMaxText || calls != i+1 {
			t.Fatalf("get #%d = %d after %d analyses", i, got, calls)
		}
	}
	if len(m.cur)+len(m.prev) > 2*perGeneration || m.bytes > memoBytes {
		t.Errorf("the memo holds %d+%d texts, %d bytes in the new generation", len(m.cur), len(m.prev), m.bytes)
	}
	calls = 0
	for i := n - perGeneration; i < n; i++ { // the last generation's worth is remembered
		m.get(text(i), analyse)
	}
	if m.get(text(0), analyse); calls != 1 {
		t.Errorf("%d analyses; want 1 (of the forgotten first text)", calls)
	}
	if m.get(strings.Repeat("x", memoMaxText+1), analyse); m.get(strings.Repeat("x", memoMaxText+1), analyse) != memoMaxText+1 || calls != 3 {
		t.Errorf("%d analyses; want a long text analysed each time", calls)
	}
}
