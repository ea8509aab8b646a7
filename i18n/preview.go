package i18n

import (
	"math"
	"strings"

	fg "flowsmith/flowgraph"
)

// SayPrefix is the exact direct-speech marker of the flow format.
const SayPrefix = "Say:"

// SplitSay splits a prompt into its mode and text. A prompt whose first
// non-blank characters are exactly "Say:" is direct speech and text is what
// follows, trimmed ("Say:Hello" is direct speech too). Any other prompt is
// descriptive and text is the whole prompt, trimmed. It is the same split as
// validate.SplitSay, which cannot be imported here: malformed prefixes
// ("say:", "Say -") are descriptive, and the say-format rule reports them.
func SplitSay(prompt string) (direct bool, text string) {
	p := strings.TrimSpace(prompt)
	if rest, ok := strings.CutPrefix(p, SayPrefix); ok {
		return true, strings.TrimSpace(rest)
	}
	return false, p
}

// spokenTypes are the node types whose `prompt` the avatar speaks: the
// conversation, and the optional prompts of enter_email and permissions,
// which the avatar says while asking for the address or the camera. Other
// texts (face_scan captureInstructions, two-factor message templates) are
// shown on screen or sent, not spoken, and are not part of the script.
var spokenTypes = map[string]bool{"conversation": true, "enter_email": true, "permissions": true}

// NodePrompt returns the prompt a node's avatar speaks, with its JSON
// pointer, when the node is of a spoken type and has a non-blank string
// prompt.
func NodePrompt(n *fg.Node) (prompt, ptr string, ok bool) {
	if !spokenTypes[n.Type] {
		return "", "", false
	}
	v := n.Fields.Get("prompt")
	if !v.IsString() || strings.TrimSpace(v.Str) == "" {
		return "", "", false
	}
	return v.Str, fg.Pointer(n.FieldsP, "prompt"), true
}

// IsEnglish reports whether a language code is English (en, en-GB, …), the
// language prompts are written in.
func IsEnglish(lang string) bool {
	base, _, _ := strings.Cut(strings.TrimSpace(lang), "-")
	return strings.EqualFold(base, "en")
}

// The modes of a preview line.
const (
	ModeSay         = "say"         // a `Say:` prompt: said nearly verbatim
	ModeParaphrased = "paraphrased" // a descriptive prompt: the model words it
)

// Preview is what each language's visitors get from a flow (languages.md).
type Preview struct {
	Languages   []LangPreview
	Resolution  []Resolution // the session language of each CommonBrowserTags entry
	Langs       []string     // the body's langs (catalog spelling), nil when it has none
	DefaultLang string       // the body's defaultLang, "en" when absent
}

// LangPreview is the script of one session language.
type LangPreview struct {
	Lang    string // code, in the catalog's spelling when it is a catalog code
	Name    string // English name ("German"), the code when unknown
	Native  string // the language's own name ("Deutsch"), the code when unknown
	Default bool   // the body's defaultLang
	Nodes   []Line // the spoken nodes, breadth-first from start

	// GreetingSeconds is the least speech before the first video-analysis
	// node, over every path from start (the short-greeting rule's figure,
	// estimated for this language); GreetingNode is that video-analysis node.
	// It is nil when no video-analysis node is reachable, and nil with
	// GreetingUnmeasured set when every path to one passes a paraphrased
	// prompt or a two-factor step, which buy enough camera time but cannot be
	// measured.
	GreetingSeconds    *float64
	GreetingNode       string
	GreetingUnmeasured bool

	// ShortestSeconds and LongestSeconds are the spoken time from start to an
	// end node along the quickest and the longest route (nil when no end is
	// reachable); the Paths list their node ids. Paraphrased prompts count 0
	// s: Partial is set when one lies on either route, and the figures are
	// then lower bounds. Longest is the longest route once loops are cut (see
	// longestSpeech): a retry loop is counted at most once.
	ShortestSeconds, LongestSeconds *float64
	ShortestPath, LongestPath       []string
	Partial                         bool

	Coverage Coverage
}

// Coverage counts the reviewed translations of the `Say:` lines of a
// non-English language: Missing lines are translated at run time.
type Coverage struct {
	Reviewed, Stale, Missing int
}

// Line is one spoken node of the script.
type Line struct {
	Node string // node id
	Type string // node type
	Mode string // ModeSay or ModeParaphrased

	// Text is what the preview shows: the reviewed translation (also when it is
	// stale) or else the English, with template variables filled.
	Text string
	// English is the spoken English: the text after "Say:", or the whole
	// descriptive prompt, with template variables filled.
	English string
	// Prompt is the node's prompt exactly as written in the flow: the source
	// to store with a new or updated translation.
	Prompt string
	// Source is the English prompt a translation was made from, when there is
	// a translation (for a stale one it differs from Prompt).
	Source string

	Translation TranslationStatus
	// Seconds is the estimated speaking time of a `Say:` line in this
	// language, nil for a paraphrased one. It is always estimated from the
	// current English (filled) scaled by Factor(lang), also when a reviewed
	// translation is shown: the sidecar never reaches the service, which
	// translates the English at run time, and word counts of other languages
	// (Japanese, Chinese) are not comparable with the English rate.
	Seconds *float64
}

// BuildPreview previews a flow for the languages langs (nil: the body's
// `langs`, else every language of cat). sc may be nil (no sidecar).
//
// The script walks the flow breadth-first from start, each node once
// (flowgraph.Document.FlowOrder without the unreachable nodes), and lists
// every node whose prompt the avatar speaks (NodePrompt). Template variables
// are filled from the body's providedData, else from SampleData(lang).
func BuildPreview(d *fg.Document, sc *Sidecar, cat Catalog, langs []string) Preview {
	cat = cat.resolved()
	body := d.Body()
	bodyLangs := bodyLangs(body, cat)
	def := DefaultFor(body.Get("defaultLang").Text(), cat)
	p := Preview{
		Langs:       bodyLangs,
		DefaultLang: def,
		Resolution:  ResolutionTable(bodyLangs, def, cat),
	}
	if langs == nil {
		langs = PreviewLangs(d, cat)
	} else {
		langs = normalizeCodes(langs, cat)
	}
	provided := map[string]string{}
	for _, m := range body.Get("providedData").Entries() {
		if m.Value.IsString() {
			provided[m.Key] = m.Value.Str
		}
	}
	w := newWalk(d)
	for _, lang := range langs {
		p.Languages = append(p.Languages, w.language(lang, def, sc, cat, provided))
	}
	return p
}

// PreviewLangs are the languages a preview shows unless told otherwise: the
// session body's langs (trimmed, in the catalog's spelling, without repeats),
// else every language of the catalog.
func PreviewLangs(d *fg.Document, cat Catalog) []string {
	cat = cat.resolved()
	if langs := bodyLangs(d.Body(), cat); len(langs) > 0 {
		return langs
	}
	return cat.Codes()
}

// bodyLangs are the body's langs as PreviewLangs spells them, nil for none.
func bodyLangs(body *fg.Value, cat Catalog) []string {
	if codes := normalizeCodes(body.Get("langs").Strings(), cat); len(codes) > 0 {
		return codes
	}
	return nil
}

// normalizeCodes trims codes, spells catalog codes as the catalog does, and
// drops blanks and repeats (in any case).
func normalizeCodes(codes []string, cat Catalog) []string {
	out := []string{}
	for _, c := range codes {
		c = strings.TrimSpace(c)
		if l, ok := cat.Lookup(c); ok {
			c = l.Code
		}
		if c != "" && !ContainsCode(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// walk holds what every language shares: the spoken nodes in flow order.
type walk struct {
	d      *fg.Document
	order  []int // reachable nodes, breadth-first from start
	prompt []string
	spoken []bool
}

func newWalk(d *fg.Document) *walk {
	w := &walk{d: d, prompt: make([]string, len(d.Nodes)), spoken: make([]bool, len(d.Nodes))}
	order, unreachable := d.FlowOrder()
	w.order = order[:unreachable]
	for i := range d.Nodes {
		w.prompt[i], _, w.spoken[i] = NodePrompt(&d.Nodes[i])
	}
	return w
}

func (w *walk) language(lang, def string, sc *Sidecar, cat Catalog, provided map[string]string) LangPreview {
	lp := LangPreview{Lang: lang, Name: lang, Native: lang, Default: EqualCode(lang, def)}
	if l, ok := cat.Lookup(lang); ok {
		lp.Name, lp.Native = l.English, l.Native
	}
	data := SampleData(lang)
	for k, v := range provided {
		data[k] = v
	}
	d := w.d
	// Per-node weights for the path figures: speech for the totals, and for
	// the greeting the short-greeting rule's weights (+Inf for what buys
	// unmeasured but sufficient camera time).
	speech := make([]float64, len(d.Nodes))
	greet := make([]float64, len(d.Nodes))
	paraphrased := make([]bool, len(d.Nodes))
	for i := range d.Nodes {
		if n := &d.Nodes[i]; n.Def != nil && n.Def.CameraBuffer {
			greet[i] = math.Inf(1)
		}
	}
	for _, i := range w.order {
		if !w.spoken[i] {
			continue
		}
		n := &d.Nodes[i]
		line := w.line(n, w.prompt[i], lang, sc, data)
		if line.Seconds != nil {
			speech[i] = *line.Seconds
		} else {
			paraphrased[i] = true
		}
		if n.Type == "conversation" {
			greet[i] = speech[i]
			if paraphrased[i] {
				greet[i] = math.Inf(1)
			}
		}
		if line.Mode == ModeSay {
			switch line.Translation {
			case StatusReviewed:
				lp.Coverage.Reviewed++
			case StatusStale:
				lp.Coverage.Stale++
			case StatusRuntime:
				lp.Coverage.Missing++
			}
		}
		lp.Nodes = append(lp.Nodes, line)
	}
	w.greeting(&lp, greet)
	w.totals(&lp, speech, paraphrased)
	return lp
}

func (w *walk) line(n *fg.Node, prompt, lang string, sc *Sidecar, data map[string]string) Line {
	direct, text := SplitSay(prompt)
	l := Line{Node: n.ID, Type: n.Type, Mode: ModeParaphrased, Prompt: prompt, English: FillTemplate(text, data)}
	l.Text = l.English
	l.Translation = StatusRuntime
	if IsEnglish(lang) {
		l.Translation = StatusSource
	}
	if !direct {
		return l // descriptive prompts are worded at run time: no reviewed translation
	}
	l.Mode = ModeSay
	secs := Seconds(l.English, lang)
	l.Seconds = &secs
	if t, ok := sc.Get(lang, n.ID); ok && strings.TrimSpace(t.Text) != "" {
		l.Translation = sc.Status(lang, n.ID, prompt)
		l.Text = FillTemplate(strings.TrimSpace(t.Text), data)
		l.Source = t.Source
	}
	return l
}

// greeting fills the greeting figure: Dijkstra from start with node weights
// that does not go past a video-analysis node, as the short-greeting rule
// does; the least distance over the video-analysis nodes reached.
func (w *walk) greeting(lp *LangPreview, weight []float64) {
	d := w.d
	s := d.Start()
	if s < 0 {
		return
	}
	paths := LeastPath(d, s, func(i int) float64 { return weight[i] }, isVideo)
	best, node := math.Inf(1), -1
	for _, i := range w.order { // breadth-first: ties go to the nearest node
		if isVideo(&d.Nodes[i]) && (node < 0 || paths.Dist(i) < best) {
			best, node = paths.Dist(i), i
		}
	}
	if node < 0 {
		return
	}
	lp.GreetingNode = d.Nodes[node].ID
	if math.IsInf(best, 1) {
		lp.GreetingUnmeasured = true
		return
	}
	lp.GreetingSeconds = &best
}

func isVideo(n *fg.Node) bool { return n.Def != nil && n.Def.Video }

// totals fills the shortest and longest spoken time from start to an end.
func (w *walk) totals(lp *LangPreview, weight []float64, paraphrased []bool) {
	d := w.d
	s := d.Start()
	if s < 0 {
		return
	}
	paths := LeastPath(d, s, func(i int) float64 { return weight[i] }, nil)
	end := -1
	for _, i := range w.order {
		if d.Nodes[i].Type == "end" && !math.IsInf(paths.Dist(i), 1) && (end < 0 || paths.Dist(i) < paths.Dist(end)) {
			end = i
		}
	}
	if end < 0 {
		return
	}
	short := paths.Dist(end) + weight[end]
	lp.ShortestSeconds = &short
	shortPath := paths.To(end, -1)
	// Never below the shortest: the search tree's own route to that end is
	// in the DAG.
	long, longPath := longestSpeech(d, s, weight)
	lp.LongestSeconds = &long
	for _, i := range shortPath {
		lp.ShortestPath = append(lp.ShortestPath, d.Nodes[i].ID)
		lp.Partial = lp.Partial || paraphrased[i]
	}
	for _, i := range longPath {
		lp.LongestPath = append(lp.LongestPath, d.Nodes[i].ID)
		lp.Partial = lp.Partial || paraphrased[i]
	}
}

// longestSpeech returns the longest spoken time from start to an end node and
// its route. The longest simple path in a graph with cycles is NP-hard, so
// loops are cut first: a depth-first search from start drops every back edge
// (an edge to a node still on the search stack, such as a retry going back to
// an earlier question), which leaves a DAG holding every node and every
// forward route; the longest route in it is found in one pass in reverse
// topological order. Linear in nodes and edges.
func longestSpeech(d *fg.Document, start int, weight []float64) (float64, []int) {
	const (
		white = iota
		grey
		black
	)
	n := len(d.Nodes)
	color := make([]uint8, n)
	best := make([]float64, n) // longest speech from i to an end, -Inf when none
	next := make([]int, n)
	type frame struct {
		node, k int
		succ    []int
	}
	stack := []frame{{start, 0, d.Successors(start)}}
	color[start] = grey
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		succ := f.succ
		if f.k < len(succ) {
			j := succ[f.k]
			f.k++
			if color[j] == white {
				color[j] = grey
				stack = append(stack, frame{j, 0, d.Successors(j)})
			}
			continue
		}
		// Every successor is done (black) or on the stack (grey: a back edge).
		i := f.node
		stack = stack[:len(stack)-1]
		best[i], next[i] = math.Inf(-1), -1
		if d.Nodes[i].Type == "end" {
			best[i] = weight[i]
		}
		for _, j := range succ {
			if color[j] == black && best[j]+weight[i] > best[i] {
				best[i], next[i] = best[j]+weight[i], j
			}
		}
		color[i] = black // after the loop above: a self-loop is a back edge
	}
	if math.IsInf(best[start], -1) {
		return 0, nil
	}
	var path []int
	for k := start; k >= 0; k = next[k] {
		path = append(path, k)
	}
	return best[start], path
}
