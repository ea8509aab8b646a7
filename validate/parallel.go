package validate

// Running the rules on all CPUs. Every rule only reads the document and the
// shared facts (each computed once under a sync.Once, see facts) and reports
// into its own Context, so rules may run in any order on any goroutine. Each
// rule's findings are kept apart and joined in catalog order, which is
// exactly the order a serial run reports them in; the same stable sort then
// gives a byte-identical result.

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

// ruleCost is a static hint of what each rule costs, in microseconds on a
// generated flow of 10,000 nodes once the shared facts are computed (measured
// with a CPU profile and per-rule timing). The work queue starts the heavy
// rules first, so that no worker is left with a long rule at the end while
// the others idle. Rules not listed are cheap; a wrong figure costs speed,
// never correctness.
var ruleCost = map[string]int{
	"default-outcome":      1200,
	"secret-in-flow":       1100,
	"non-english":          970,
	"liveness-to-error":    870,
	"short-greeting":       860,
	"unknown-template-var": 790,
	"legacy-shape":         660,
	"duplicate-outcome-id": 270,
	"multiple-questions":   240,
	"missing-outcome":      240,
	"conditional-prompt":   240,
	"empty-target":         220,
	"self-loop":            220,
	"unknown-outcome":      170,
	"missing-closing":      140,
	"duplicate-id":         140,
	"liveness-to-end":      130,
	"goal-without-exit":    130,
	"missing-inconclusive": 100,
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
	{[]string{"missing-field", "field-type", "unknown-field"}, func(c *Context) { c.fieldIssues() }},
	{[]string{"unreachable", "no-path-to-end", "missing-closing"}, func(c *Context) { c.Reachable() }},
	{[]string{"no-path-to-end"}, func(c *Context) { c.CanReachEnd() }},
	{[]string{"multiple-questions", "conditional-prompt", "non-english", "say-format", "unknown-template-var"}, func(c *Context) { c.prompts() }},
}

// validate runs the rules that are on with up to workers goroutines and
// sorts their findings.
func validate(d *flowgraph.Document, opt Options, workers int) []Finding {
	fs := runRules(d, opt, workers)
	SortByPosition(fs)
	return fs
}

// runRules runs the rules and returns their findings in the order of a
// serial run: rule by rule in catalog order, each in its own report order.
func runRules(d *flowgraph.Document, opt Options, workers int) []Finding {
	rules := make([]int, 0, len(Rules)) // indices into Rules
	for i := range Rules {
		if r := &Rules[i]; r.Check != nil && opt.Config.severity(r.ID) != Off {
			rules = append(rules, i)
		}
	}
	newContext := func(f *facts) *Context {
		return &Context{Doc: d, Config: opt.Config, Translations: opt.Translations, shared: f}
	}
	if workers = min(workers, len(rules)); workers <= 1 {
		c := newContext(new(facts))
		for _, i := range rules {
			Rules[i].Check(c)
		}
		return c.out
	}

	var tasks []func(*Context) // facts first, then the rules heaviest first
	for _, w := range warmers {
		if slices.ContainsFunc(w.rules, func(id string) bool { return opt.Config.severity(id) != Off }) {
			tasks = append(tasks, w.warm)
		}
	}
	slices.SortStableFunc(rules, func(a, b int) int { return cmp.Compare(ruleCost[Rules[b].ID], ruleCost[Rules[a].ID]) })
	found := make([][]Finding, len(Rules)) // by catalog index; each written by one worker
	for _, i := range rules {
		tasks = append(tasks, func(c *Context) {
			c.out = nil
			Rules[i].Check(c)
			found[i] = c.out
		})
	}

	shared := new(facts)
	var next atomic.Int64
	work := func() {
		c := newContext(shared)
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
	for _, p := range panics {
		if p != nil {
			panic(p) // on the caller's goroutine, where a serial run's panic would be
		}
	}

	var out []Finding // nil when there are none, like a serial run's
	for _, fs := range found {
		out = append(out, fs...)
	}
	return out
}
