package validate

// Running the rules on all CPUs. Every rule only reads the document and the
// shared facts (each computed once under a sync.Once, see facts) and reports
// into its own Context, so rules may run in any order on any goroutine. The
// rules that look at one node at a time run block by block (see localRules).
// Each rule's findings are kept apart and joined in catalog order, a local
// rule's blocks in file order, which is exactly the order a serial run reports
// them in; the same stable sort then gives a byte-identical result.

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"

	"flowsmith/flowgraph"
)

// parallelMinNodes is the flow size from which Validate uses more than one
// goroutine: below it the whole run takes well under a millisecond, less than
// starting the workers would save.
const parallelMinNodes = 200

// localRules look at one node at a time: each reports, in file order, only
// about the nodes of its Context's span (and, for the document as a whole,
// with the first or the last of them; see Context.first), reading the rest of
// the document and the shared facts as it likes. A parallel run cuts the
// nodes into blocks of blockNodes and runs every local rule on one block
// before the next, while the block's part of the document is in the CPU's
// cache: on a flow of 100,000 nodes, a rule each walking all of it would
// fetch the whole document from memory once per rule.
var localRules = map[string]bool{
	"legacy-shape": true, "unknown-node-type": true, "missing-field": true, "field-type": true,
	"unknown-field": true, "empty-target": true, "dangling-target": true, "missing-outcome": true,
	"missing-inconclusive": true, "unknown-outcome": true, "empty-outcomes": true,
	"duplicate-outcome-id": true, "end-has-outcomes": true, "unreachable": true,
	"self-loop": true, "default-outcome": true, "no-reply-not-final": true,
	"multiple-questions": true, "conditional-prompt": true, "video-after-permissions": true,
	"liveness-to-end": true, "liveness-to-error": true, "non-english": true, "say-format": true,
	"unknown-template-var": true, "goal-without-exit": true, "missing-closing": true,
}

// blockNodes is how many nodes a block holds: about a megabyte of document.
const blockNodes = 512

// ruleCost is a static hint of what each rule that is not local costs, in
// microseconds on a generated flow of 10,000 nodes once the shared facts are
// computed (measured with per-rule timing). The work queue starts the heavy
// rules first, so that no worker is left with a long rule at the end while
// the others idle. Rules not listed are cheap; a wrong figure costs speed,
// never correctness.
var ruleCost = map[string]int{
	"secret-in-flow": 1090,
	"short-greeting": 490,
	"duplicate-id":   130,
	"no-path-to-end": 35,
}

// warmers compute the shared facts as tasks of their own, ahead of every
// rule, so that workers compute different facts side by side instead of one
// waiting on a sync.Once that another is inside. Each lists the rules that
// read it and runs only when one of them is on; a rule missing from a list
// still gets the fact, computed on its first use.
var warmers = []struct {
	rules []string
	warm  func(*Context)
}{
	{[]string{"unreachable", "no-path-to-end", "missing-closing"}, func(c *Context) { c.Reachable() }},
	{[]string{"no-path-to-end"}, func(c *Context) { c.CanReachEnd() }},
}

// validate runs the rules that are on with up to workers goroutines and
// sorts their findings.
func validate(d *flowgraph.Document, opt Options, workers int) []Finding {
	fs := runRules(d, opt, workers, blockNodes)
	SortByPosition(fs)
	return fs
}

// runRules runs the rules and returns their findings in the order of a
// serial run: rule by rule in catalog order, each in its own report order (a
// local rule's blocks in file order). block is the number of nodes in a block.
func runRules(d *flowgraph.Document, opt Options, workers, block int) []Finding {
	rules := make([]int, 0, len(Rules)) // indices into Rules, in catalog order
	for i := range Rules {
		if r := &Rules[i]; r.Check != nil && opt.Config.severity(r.ID) != Off {
			rules = append(rules, i)
		}
	}
	shared := new(facts)
	newContext := func() *Context {
		return &Context{Doc: d, Config: opt.Config, Translations: opt.Translations, shared: shared}
	}
	if workers <= 1 {
		c := newContext()
		for _, i := range rules {
			Rules[i].Check(c)
		}
		keepRecalled(len(d.Nodes), 0)
		return c.out
	}

	var global, local []int
	for _, i := range rules {
		if localRules[Rules[i].ID] {
			local = append(local, i)
		} else {
			global = append(global, i)
		}
	}
	var tasks []func(*Context) // facts first, then the rules heaviest first, then the blocks
	for _, w := range warmers {
		if slices.ContainsFunc(w.rules, func(id string) bool { return opt.Config.severity(id) != Off }) {
			tasks = append(tasks, w.warm)
		}
	}
	slices.SortStableFunc(global, func(a, b int) int { return cmp.Compare(ruleCost[Rules[b].ID], ruleCost[Rules[a].ID]) })
	found := make([][]Finding, len(Rules)) // by catalog index; each written by one worker
	for _, i := range global {
		tasks = append(tasks, func(c *Context) {
			c.out = nil
			Rules[i].Check(c)
			found[i] = c.out
		})
	}
	blocks := 0
	if len(local) > 0 {
		blocks = max(1, (len(d.Nodes)+block-1)/block) // no nodes: one block, for document-wide findings
	}
	inBlock := make([][][]Finding, blocks) // block → local rule → findings
	for b := range blocks {
		tasks = append(tasks, func(w *Context) {
			c := newContext() // one Context per block: its span facts are the block's
			c.lo, c.hi = b*block, min((b+1)*block, len(d.Nodes))
			c.spanFacts.prompts = w.sparePrompts // the worker's, for listPrompts to fill
			inBlock[b] = make([][]Finding, len(local))
			for k, i := range local {
				c.out = nil
				Rules[i].Check(c)
				inBlock[b][k] = c.out
			}
			w.sparePrompts = c.spanFacts.prompts[:0]
		})
	}

	workers = min(workers, len(tasks))
	var next atomic.Int64
	work := func() {
		c := newContext()
		for k := int(next.Add(1)) - 1; k < len(tasks); k = int(next.Add(1)) - 1 {
			tasks[k](c)
		}
	}
	panics := make([]any, workers)
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Go(func() {
			defer func() { panics[w] = recover() }()
			work()
		})
	}
	func() {
		defer func() { panics[0] = recover() }()
		work() // the caller is worker 0
	}()
	wg.Wait()
	keepRecalled(len(d.Nodes), block)
	for _, p := range panics {
		if p != nil {
			panic(p) // on the caller's goroutine, where a serial run's panic would be
		}
	}

	for k, i := range local {
		for b := range blocks {
			found[i] = append(found[i], inBlock[b][k]...)
		}
	}
	var out []Finding // nil when there are none, like a serial run's
	for _, fs := range found {
		out = append(out, fs...)
	}
	return out
}
