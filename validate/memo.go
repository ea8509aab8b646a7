package validate

import (
	"strings"
	"sync"
)

// textMemo remembers the results of an analysis by the exact text, so that
// re-validating a flow after an edit only analyses the texts that changed.
// It keeps two generations of texts: a hit in the old one moves the text to
// the new one, and a full new one replaces the old one. Keys are copies, and
// results are computed from them, so that the memo never pins the document a
// text was sliced from. Safe for concurrent use.
type textMemo[V any] struct {
	mu        sync.RWMutex
	cur, prev map[string]memoEntry[V]
	bytes     int // of the texts in cur
}

type memoEntry[V any] struct {
	text string // the key
	v    V
}

// A generation holds memoTexts texts of memoBytes in all, enough for a flow
// of 100,000 nodes; longer texts than memoMaxText are not kept.
const memoTexts, memoBytes, memoMaxText = 1 << 17, 16 << 20, 4 << 10

// get returns analyse(text), computing it once per text.
func (m *textMemo[V]) get(text string, analyse func(string) V) V {
	if len(text) > memoMaxText {
		return analyse(text)
	}
	m.mu.RLock() // the usual case on a re-validation: a text of the new generation
	e, ok := m.cur[text]
	m.mu.RUnlock()
	if !ok {
		m.mu.Lock()
		if e, ok = m.cur[text]; !ok {
			if e, ok = m.prev[text]; ok {
				m.put(e)
			}
		}
		m.mu.Unlock()
	}
	if !ok {
		e.text = strings.Clone(text)
		e.v = analyse(e.text)
		m.mu.Lock()
		m.put(e)
		m.mu.Unlock()
	}
	return e.v
}

// getAll sets vs[k] = analyse(texts[k]) for each k in want, as get would,
// taking the memo's locks a few times for all of them instead of for each:
// on a first validation, workers that analyse their blocks side by side
// would otherwise queue on the lock at every text.
func (m *textMemo[V]) getAll(texts []string, want []int, vs []V, analyse func(string) V) {
	missing := make([]int, 0, len(want))
	m.mu.RLock()
	for _, k := range want {
		if e, ok := m.cur[texts[k]]; ok {
			vs[k] = e.v
		} else {
			missing = append(missing, k)
		}
	}
	m.mu.RUnlock()
	if len(missing) == 0 {
		return
	}
	want, missing = missing, missing[:0]
	m.mu.Lock()
	for _, k := range want {
		e, ok := m.cur[texts[k]]
		if !ok {
			if e, ok = m.prev[texts[k]]; ok {
				m.put(e)
			}
		}
		if ok {
			vs[k] = e.v
		} else {
			missing = append(missing, k)
		}
	}
	m.mu.Unlock()
	if len(missing) == 0 {
		return
	}
	fresh := make([]memoEntry[V], 0, len(missing))
	seen := make(map[string]V, len(missing)) // a text asked twice is analysed once
	for _, k := range missing {
		if v, ok := seen[texts[k]]; ok {
			vs[k] = v
			continue
		}
		if len(texts[k]) > memoMaxText {
			vs[k] = analyse(texts[k])
			continue
		}
		e := memoEntry[V]{text: strings.Clone(texts[k])}
		e.v = analyse(e.text)
		vs[k], seen[e.text] = e.v, e.v
		fresh = append(fresh, e)
	}
	m.mu.Lock()
	for _, e := range fresh {
		m.put(e)
	}
	m.mu.Unlock()
}

// put adds an entry to the new generation; m.mu is held.
func (m *textMemo[V]) put(e memoEntry[V]) {
	if m.cur == nil || len(m.cur) >= memoTexts || m.bytes+len(e.text) > memoBytes {
		old := m.prev
		clear(old)
		if old == nil {
			old = make(map[string]memoEntry[V])
		}
		m.prev, m.cur, m.bytes = m.cur, old, 0
	}
	m.cur[e.text] = e
	m.bytes += len(e.text)
}
