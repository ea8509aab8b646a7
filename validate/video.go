package validate

import (
	"fmt"
	"math"
	"slices"
	"strings"

	fg "flowsmith/flowgraph"
	"flowsmith/i18n"
)

// GreetingSeconds is how much camera video the video-analysis nodes need before
// they run, bought with avatar speech.
const GreetingSeconds = 5.0

func checkSelfLoop(c *Context) {
	c.eachEdge(func(n *fg.Node, e *fg.Edge) {
		if n.ID != "" && e.Value.IsString() && e.Target == n.ID {
			c.Report(Finding{Rule: "self-loop", Node: n.ID, Pointer: e.Ptr,
				Message: fmt.Sprintf("%s of %q leads back to %q itself; the avatar would repeat itself forever", outcomeName(e), n.ID, n.ID),
				Hint:    "route a retry through a separate node that says something new"})
		}
	})
}

func isVideo(n *fg.Node) bool { return n.Def != nil && n.Def.Video }

func checkVideoAfterPermissions(c *Context) {
	c.eachEdge(func(n *fg.Node, e *fg.Edge) {
		if n.Type == "permissions" && e.To >= 0 && isVideo(&c.Doc.Nodes[e.To]) {
			c.Report(Finding{Rule: "video-after-permissions", Node: n.ID, Pointer: e.Ptr,
				Message: fmt.Sprintf("%s of permissions node %q goes straight to the %s node %q", outcomeName(e), n.ID, c.Doc.Nodes[e.To].Type, e.Target),
				Hint:    "put a greeting conversation between them so the camera has video to analyse"})
		}
	})
}

func isLivenessLike(n *fg.Node) bool {
	return n.Type == "liveness_detection" || n.Type == "recognition"
}

func checkLivenessToEnd(c *Context) {
	c.eachEdge(func(n *fg.Node, e *fg.Edge) {
		if isLivenessLike(n) && e.To >= 0 && c.Doc.Nodes[e.To].Type == "end" {
			c.Report(Finding{Rule: "liveness-to-end", Node: n.ID, Pointer: e.Ptr,
				Message: fmt.Sprintf("%s of %s node %q goes straight to the end node %q", outcomeName(e), n.Type, n.ID, e.Target),
				Hint:    "route it through a closing conversation so the avatar tells the user what happened"})
		}
	})
}

var failureWords = []string{"error", "fail", "reject", "denied"}

func checkLivenessToError(c *Context) {
	c.eachEdge(func(n *fg.Node, e *fg.Edge) {
		if !isLivenessLike(n) || e.To < 0 || c.Doc.Nodes[e.To].Type == "end" {
			return
		}
		lower := strings.ToLower(e.Target)
		for _, w := range failureWords {
			if strings.Contains(lower, w) {
				c.Report(Finding{Rule: "liveness-to-error", Node: n.ID, Pointer: e.Ptr,
					Message: fmt.Sprintf("%s of %s node %q goes to %q, whose id names a failure state (%q)", outcomeName(e), n.Type, n.ID, e.Target, w),
					Hint:    "the avatar tends to announce the failure; route to a neutral next step such as a retry notice or a closing"})
				return
			}
		}
	})
}

// isBuffer reports whether a node gives the camera its buffer: a conversation in
// which the avatar speaks, or a two-factor step.
func isBuffer(n *fg.Node) bool {
	if n.Def != nil && n.Def.CameraBuffer {
		return true
	}
	if n.Type != "conversation" {
		return false
	}
	_, text := SplitSay(n.Fields.Get("prompt").Text())
	return strings.TrimSpace(text) != ""
}

// unbufferedVideo lists the video-analysis nodes that some path from start reaches
// without passing a buffer node: one breadth-first pass that does not go past
// buffer or video nodes.
func (c *Context) unbufferedVideo() []int {
	d := c.Doc
	s := d.Start()
	if s < 0 {
		return nil
	}
	seen := map[int]bool{s: true} // the search stops at the first video or buffer nodes: a few
	queue, found := []int{s}, []int(nil)
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		n := &d.Nodes[i]
		if isVideo(n) {
			found = append(found, i)
			continue
		}
		if isBuffer(n) {
			continue
		}
		for _, j := range d.Successors(i) {
			if !seen[j] {
				seen[j] = true
				queue = append(queue, j)
			}
		}
	}
	return found
}

func checkMissingGreeting(c *Context) {
	for _, i := range c.unbufferedVideo() {
		n := &c.Doc.Nodes[i]
		c.Report(Finding{Rule: "missing-greeting", Node: n.ID, Pointer: n.Ptr,
			Message: fmt.Sprintf("%s node %q can be reached from start with no greeting before it; it needs %g s of camera video", n.Type, n.ID, GreetingSeconds),
			Hint:    "put a greeting conversation with real avatar speech before it"})
	}
}

// speechSeconds is the estimated speaking time of a node on the greeting path:
// a `Say:` prompt's estimate, +Inf for nodes that buy unmeasured but sufficient
// time (paraphrased prompts, two-factor steps), 0 for everything else.
func (c *Context) speechSeconds(n *fg.Node) float64 {
	if n.Def != nil && n.Def.CameraBuffer {
		return math.Inf(1)
	}
	if n.Type != "conversation" {
		return 0
	}
	direct, text := SplitSay(n.Fields.Get("prompt").Text())
	if !direct {
		if strings.TrimSpace(text) == "" {
			return 0
		}
		return math.Inf(1)
	}
	// Only the few prompts before the first video nodes are weighed (see
	// LeastPath), so the estimate is not memoised.
	return i18n.EnglishSeconds(i18n.FillTemplate(text, c.sampleData()))
}

// sampleData is the body's providedData, else English sample data (built once
// per run); shared, so read only.
func (c *Context) sampleData() map[string]string {
	return c.facts().sample.get(func() map[string]string {
		data := i18n.SampleData("en")
		if body := c.Doc.Body(); body != nil {
			for _, m := range body.Get("providedData").Entries() {
				if m.Value.IsString() {
					data[m.Key] = m.Value.Str
				}
			}
		}
		return data
	})
}

func checkShortGreeting(c *Context) {
	d := c.Doc
	s := d.Start()
	if s < 0 {
		return
	}
	unbuffered := map[int]bool{}
	for _, i := range c.unbufferedVideo() {
		unbuffered[i] = true
	}
	paths := c.leastSpeech(s)
	reached := slices.Sorted(slices.Values(paths.Reached)) // in file order
	for _, i := range reached {
		n := &d.Nodes[i]
		if !isVideo(n) || unbuffered[i] || paths.Dist(i) >= GreetingSeconds {
			continue
		}
		c.Report(Finding{Rule: "short-greeting", Node: n.ID, Pointer: n.Ptr,
			Message: fmt.Sprintf("the speech before %s node %q takes about %.1f s on the path %s; the camera needs %g s",
				n.Type, n.ID, paths.Dist(i), pathText(d, paths, i), GreetingSeconds),
			Hint: "lengthen the greeting: at 2.5 words a second, 5 s is about 12 words"})
	}
}

// leastSpeech finds, for every node, the least speech time on any path from
// start that does not pass through a video-analysis node: the same
// node-weighted shortest-path pass as the preview's greeting figure.
func (c *Context) leastSpeech(start int) *i18n.Paths {
	return i18n.LeastPath(c.Doc, start, func(i int) float64 { return c.speechSeconds(&c.Doc.Nodes[i]) }, isVideo)
}

func pathText(d *fg.Document, paths *i18n.Paths, i int) string {
	var ids []string
	for _, k := range paths.To(i, 12) {
		ids = append(ids, d.Nodes[k].ID)
	}
	return strings.Join(ids, " → ")
}
