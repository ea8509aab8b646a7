package validate

import (
	"sync"
	"unsafe"
)

// factsRecall keeps, for each span a run analysed (a block of a parallel
// run, or the whole flow), the prompt texts in file order and their facts.
// Validating a flow again, unedited or after an edit elsewhere, asks for the
// same texts in the same order, and an edit shares the unchanged nodes'
// strings with the document before it; comparing each text with the one at
// its place in the last run then costs a pointer comparison, where a lookup
// in the facts memo lands at a random place of a table that, on a flow of
// 100,000 nodes, does not fit in the CPU's cache (there the lookups took a
// quarter of the local rules' time). A text not found in place, after an
// edit, is looked up in the memo as before, so a recall only ever saves work.
//
// Each run keeps only its own spans (see keepRecalled), so a recall keeps
// alive the texts of the document validated last, not older ones. Runs on
// different flows at once may share a span: each only ever replaces a
// recalled span whole, and a text is compared before its facts are taken.
var factsRecall sync.Map // spanKey → *recalled

type spanKey struct{ lo, hi int }

type recalled struct {
	texts []string
	facts []*textFacts
}

// recallFacts returns the facts of every prompt of c's span, in the order of
// c.prompts().
func (c *Context) recallFacts() []*textFacts {
	prompts := c.prompts()
	lo, hi := c.span()
	key := spanKey{lo, hi}
	var last *recalled
	if v, ok := factsRecall.Load(key); ok {
		last = v.(*recalled)
	}
	how := last.compare(prompts)
	if how == sameTexts {
		return last.facts
	}
	now := &recalled{texts: make([]string, len(prompts))}
	for k, p := range prompts {
		now.texts[k] = p.text
	}
	if how == equalTexts { // a document parsed again: keep its texts, not the old one's
		now.facts = last.facts
	} else {
		now.facts = make([]*textFacts, len(prompts))
		var unknown []int // the prompts not recalled, for the memo
		shift := 0        // where the last run's texts stand against this one's, after an inserted or deleted prompt
		for k, text := range now.texts {
			if j, ok := last.find(text, k, &shift); ok {
				now.facts[k] = last.facts[j]
			} else {
				unknown = append(unknown, k)
			}
		}
		factsMemo.getAll(now.texts, unknown, now.facts, analyseText)
	}
	factsRecall.Store(key, now)
	return now.facts
}

// keepRecalled drops the recalled spans other than those of a run over n
// nodes in blocks of block (0: one span of every node): a flow that grew or
// shrank, or another flow, leaves spans behind that no run would ask for.
func keepRecalled(n, block int) {
	factsRecall.Range(func(k, _ any) bool {
		s := k.(spanKey)
		whole := s.lo == 0 && s.hi == n
		inBlocks := block > 0 && s.lo < n && s.lo%block == 0 && s.hi == min(s.lo+block, n)
		if !whole && !inBlocks {
			factsRecall.Delete(k)
		}
		return true
	})
}

// How the texts of a run compare with a recalled span's.
const (
	otherTexts = iota // some differ
	equalTexts        // the same texts, in the same order, in other memory
	sameTexts         // the very same strings
)

func (r *recalled) compare(prompts []promptSite) int {
	if r == nil || len(r.texts) != len(prompts) {
		return otherTexts
	}
	same := true
	for k, p := range prompts {
		if r.texts[k] != p.text { // a pointer comparison when the strings are shared
			return otherTexts
		}
		same = same && unsafe.StringData(r.texts[k]) == unsafe.StringData(p.text)
	}
	if same {
		return sameTexts
	}
	return equalTexts
}

// find looks for text at position k of the last run, shifted by *shift, or
// one place either side of that (which then becomes the shift).
func (r *recalled) find(text string, k int, shift *int) (int, bool) {
	if r == nil {
		return 0, false
	}
	for _, d := range [3]int{0, 1, -1} {
		j := k + *shift + d
		if j >= 0 && j < len(r.texts) && r.texts[j] == text {
			*shift += d
			return j, true
		}
	}
	return 0, false
}
