package i18n

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"

	json "github.com/goccy/go-json"

	fg "flowsmith/flowgraph"
)

// CameraBufferSeconds is how much camera video the video-analysis nodes need
// before they run (flow-format.md), bought with avatar speech.
const CameraBufferSeconds = 5.0

// The renderers print a Preview as built: they do not make text from the flow
// safe for a terminal. Callers printing to one pass Preview.MapText a
// sanitizer first.

// statusText describes a line's translation status in text and markdown.
func statusText(l Line) string {
	if l.Mode == ModeParaphrased {
		if l.Translation == StatusSource {
			return "paraphrased"
		}
		return "paraphrased at run time"
	}
	switch l.Translation {
	case StatusReviewed:
		return "reviewed translation"
	case StatusStale:
		return "stale translation"
	case StatusRuntime:
		return "translated at run time"
	}
	return "as written"
}

// selectLangs returns the languages of p matching lang ("" or "all": every
// one).
func selectLangs(p Preview, lang string) ([]LangPreview, error) {
	if lang == "" || strings.EqualFold(lang, "all") {
		return p.Languages, nil
	}
	var out []LangPreview
	for _, lp := range p.Languages {
		if EqualCode(lp.Lang, lang) {
			out = append(out, lp)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the preview has no language %q", lang)
	}
	return out, nil
}

func langList(p Preview) string {
	if len(p.Langs) == 0 {
		return "every catalog language (the body sets no langs), default " + p.DefaultLang
	}
	parts := make([]string, len(p.Langs))
	for i, l := range p.Langs {
		parts[i] = l
		if EqualCode(l, p.DefaultLang) {
			parts[i] += " (default)"
		}
	}
	s := strings.Join(parts, ", ")
	if !ContainsCode(p.Langs, p.DefaultLang) {
		s += "; default " + p.DefaultLang + " (not in langs)"
	}
	return s
}

// summary returns the greeting, spoken-time and coverage sentences of a
// language, numbers formatted for it.
func summary(lp LangPreview) []string {
	secs := func(f float64) string { return FormatSeconds(lp.Lang, f) }
	var out []string
	switch {
	case lp.GreetingNode == "":
		out = append(out, "Greeting: no video-analysis node is reachable")
	case lp.GreetingUnmeasured:
		out = append(out, fmt.Sprintf("Greeting before %q: not measurable (a paraphrased prompt or a two-factor step comes first; it gives the camera its %s)",
			lp.GreetingNode, secs(CameraBufferSeconds)))
	default:
		s := fmt.Sprintf("Greeting before %q: %s (the camera needs %s)", lp.GreetingNode, secs(*lp.GreetingSeconds), secs(CameraBufferSeconds))
		if *lp.GreetingSeconds < CameraBufferSeconds {
			s += ": too short"
		}
		out = append(out, s)
	}
	if lp.ShortestSeconds == nil {
		out = append(out, "Spoken time, start to end: no end node is reachable")
	} else {
		s := fmt.Sprintf("Spoken time, start to end: %s to %s", secs(*lp.ShortestSeconds), secs(*lp.LongestSeconds))
		if lp.Partial {
			s += " (paraphrased prompts not counted)"
		}
		out = append(out, s)
	}
	c := lp.Coverage
	if total := c.Reviewed + c.Stale + c.Missing; total > 0 {
		s := fmt.Sprintf("Reviewed translations: %s of %s %s", FormatCount(lp.Lang, c.Reviewed), FormatCount(lp.Lang, total), plural(total, "Say: prompt"))
		if c.Stale > 0 {
			s += fmt.Sprintf(", %s stale", FormatCount(lp.Lang, c.Stale))
		}
		if c.Missing > 0 {
			s += fmt.Sprintf(", %s translated at run time", FormatCount(lp.Lang, c.Missing))
		}
		out = append(out, s)
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

func lineHead(lp LangPreview, l Line) string {
	parts := []string{l.Node, statusText(l)}
	if l.Mode == ModeSay {
		parts = []string{l.Node, "say", statusText(l)}
	}
	if l.Type != "conversation" {
		parts[0] += " (" + l.Type + ")"
	}
	if l.Seconds != nil {
		parts = append(parts, FormatSeconds(lp.Lang, *l.Seconds))
	}
	return strings.Join(parts, " · ")
}

// WriteText writes the preview as plain text: the language-resolution table,
// then per language its summary and script. lang selects one language (""
// or "all": every language in p). Numbers are formatted for each language.
func WriteText(w io.Writer, p Preview, lang string) error {
	langs, err := selectLangs(p, lang)
	if err != nil {
		return err
	}
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "Session languages: %s\n\n", langList(p))
	fmt.Fprintln(b, "Browser language → session language")
	for _, r := range p.Resolution {
		fmt.Fprintf(b, "  %-9s %s", r.Browser, r.Lang)
		if r.Fallback {
			fmt.Fprintf(b, "%s(fallback to the default)", strings.Repeat(" ", max(1, 7-len(r.Lang))))
		}
		fmt.Fprintln(b)
	}
	for _, lp := range langs {
		title := lp.Lang
		if lp.Name != lp.Lang {
			title += " · " + lp.Name
			if lp.Native != lp.Name {
				title += " (" + lp.Native + ")"
			}
		}
		if lp.Default {
			title += " · default"
		}
		fmt.Fprintf(b, "\n── %s %s\n", title, strings.Repeat("─", max(3, 60-len([]rune(title)))))
		for _, s := range summary(lp) {
			fmt.Fprintln(b, s)
		}
		if len(lp.Nodes) == 0 {
			fmt.Fprintln(b, "\nNothing is spoken: no node reachable from start has a prompt.")
		}
		for i, l := range lp.Nodes {
			num := fmt.Sprintf("%3s. ", FormatCount(lp.Lang, i+1))
			fmt.Fprintf(b, "\n%s%s\n", num, lineHead(lp, l))
			pad := strings.Repeat(" ", len(num))
			writeIndented(b, pad, l.Text)
			if l.Translation == StatusStale {
				writeIndented(b, pad, "translated from: "+l.Source)
				writeIndented(b, pad, "current prompt:  "+l.Prompt)
			}
		}
	}
	return b.Flush()
}

func writeIndented(w io.Writer, pad, text string) {
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprintf(w, "%s%s\n", pad, line)
	}
}

// WriteMarkdown writes the whole preview as Markdown (for Glamour or a
// document): the resolution table, then a section per language.
func WriteMarkdown(w io.Writer, p Preview) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "# Language preview\n\n**Session languages:** %s\n\n", mdEscape(langList(p)))
	fmt.Fprintln(b, "## Which language a visitor gets")
	fmt.Fprintln(b)
	fmt.Fprintln(b, "| Browser language | Session language | |")
	fmt.Fprintln(b, "|---|---|---|")
	for _, r := range p.Resolution {
		note := ""
		if r.Fallback {
			note = "fallback to the default"
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", mdEscape(r.Browser), mdEscape(r.Lang), note)
	}
	for _, lp := range p.Languages {
		WriteMarkdownLang(b, lp)
	}
	return b.Flush()
}

// WriteMarkdownLang writes one language's section of WriteMarkdown.
func WriteMarkdownLang(w io.Writer, lp LangPreview) {
	title := mdEscape(lp.Lang)
	if lp.Name != lp.Lang {
		title += ": " + mdEscape(lp.Name)
		if lp.Native != lp.Name {
			title += " (" + mdEscape(lp.Native) + ")"
		}
	}
	if lp.Default {
		title += ", default"
	}
	fmt.Fprintf(w, "\n## %s\n\n", title)
	for _, s := range summary(lp) {
		fmt.Fprintf(w, "- %s\n", mdEscape(s))
	}
	if len(lp.Nodes) == 0 {
		fmt.Fprintln(w, "\nNothing is spoken: no node reachable from start has a prompt.")
	}
	for i, l := range lp.Nodes {
		head := "**" + mdEscape(l.Node) + "**" + mdEscape(strings.TrimPrefix(lineHead(lp, l), l.Node))
		fmt.Fprintf(w, "\n%d. %s\n\n", i+1, head)
		mdQuote(w, l.Text)
		if l.Translation == StatusStale {
			fmt.Fprintf(w, "\n   Translated from:\n\n")
			mdQuote(w, l.Source)
			fmt.Fprintf(w, "\n   Current prompt:\n\n")
			mdQuote(w, l.Prompt)
		}
	}
}

// mdQuote writes text as a block quote inside a list item.
func mdQuote(w io.Writer, text string) {
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprintf(w, "   > %s\n", mdEscape(line))
	}
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`, "~", `\~`)

// mdEscape makes text literal in Markdown: inline markup characters are
// backslash-escaped, and so is a line start that would open a heading, list
// or quote.
func mdEscape(s string) string {
	s = mdEscaper.Replace(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		t := strings.TrimLeft(l, " ")
		lead := l[:len(l)-len(t)]
		switch {
		case t == "":
		case strings.ContainsRune("#-+=", rune(t[0])): // heading, list, setext underline
			lines[i] = lead + `\` + t
		default:
			if j := strings.IndexFunc(t, func(r rune) bool { return r < '0' || r > '9' }); j > 0 && (t[j] == '.' || t[j] == ')') && (j+1 == len(t) || t[j+1] == ' ' || t[j+1] == '\t') {
				lines[i] = lead + t[:j] + `\` + t[j:]
			}
		}
	}
	return strings.Join(lines, "\n")
}

// The JSON shape of WriteJSON (issue 4):
// {"languages":[{"lang","default","nodes":[{"node","mode","text","translation","seconds"}],
// "greetingSeconds","shortestSeconds","longestSeconds"}],"resolution":[{"browser","lang","fallback"}]}
type (
	jsonPreview struct {
		Languages  []jsonLang `json:"languages"`
		Resolution []jsonRes  `json:"resolution"`
	}
	jsonLang struct {
		Lang            string     `json:"lang"`
		Default         bool       `json:"default"`
		Nodes           []jsonLine `json:"nodes"`
		GreetingSeconds *float64   `json:"greetingSeconds"`
		ShortestSeconds *float64   `json:"shortestSeconds"`
		LongestSeconds  *float64   `json:"longestSeconds"`
	}
	jsonLine struct {
		Node        string   `json:"node"`
		Mode        string   `json:"mode"`
		Text        string   `json:"text"`
		Translation string   `json:"translation"`
		Seconds     *float64 `json:"seconds"`
	}
	jsonRes struct {
		Browser  string `json:"browser"`
		Lang     string `json:"lang"`
		Fallback bool   `json:"fallback"`
	}
)

// round2 rounds an estimate to hundredths of a second for JSON (nil stays
// nil).
func round2(f *float64) *float64 {
	if f == nil {
		return nil
	}
	r := math.Round(*f*100) / 100
	return &r
}

// WriteJSON writes the preview in the JSON shape above, indented by two
// spaces; seconds are rounded to hundredths and null where unknown. C1
// controls and bidirectional overrides in strings are escaped
// (flowgraph.EscapeJSONUnsafe), as JSON escapes C0 controls itself.
func WriteJSON(w io.Writer, p Preview) error {
	out := jsonPreview{Languages: []jsonLang{}, Resolution: []jsonRes{}}
	for _, lp := range p.Languages {
		jl := jsonLang{Lang: lp.Lang, Default: lp.Default, Nodes: []jsonLine{},
			GreetingSeconds: round2(lp.GreetingSeconds), ShortestSeconds: round2(lp.ShortestSeconds), LongestSeconds: round2(lp.LongestSeconds)}
		for _, l := range lp.Nodes {
			jl.Nodes = append(jl.Nodes, jsonLine{Node: l.Node, Mode: l.Mode, Text: l.Text, Translation: string(l.Translation), Seconds: round2(l.Seconds)})
		}
		out.Languages = append(out.Languages, jl)
	}
	for _, r := range p.Resolution {
		out.Resolution = append(out.Resolution, jsonRes{Browser: r.Browser, Lang: r.Lang, Fallback: r.Fallback})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := w.Write(fg.EscapeJSONUnsafe(buf.Bytes()))
	return err
}

// MapText returns a copy of p with f applied to every string that comes from
// the flow or its sidecar (node ids and types, texts, language codes), for
// making them safe to print.
func (p Preview) MapText(f func(string) string) Preview {
	out := Preview{DefaultLang: f(p.DefaultLang)}
	for _, l := range p.Langs {
		out.Langs = append(out.Langs, f(l))
	}
	for _, r := range p.Resolution {
		r.Browser, r.Lang, r.Reason = f(r.Browser), f(r.Lang), f(r.Reason)
		out.Resolution = append(out.Resolution, r)
	}
	for _, lp := range p.Languages {
		lp.Lang, lp.Name, lp.Native, lp.GreetingNode = f(lp.Lang), f(lp.Name), f(lp.Native), f(lp.GreetingNode)
		lp.ShortestPath, lp.LongestPath = mapAll(lp.ShortestPath, f), mapAll(lp.LongestPath, f)
		nodes := make([]Line, len(lp.Nodes))
		for i, l := range lp.Nodes {
			l.Node, l.Type, l.Text, l.English, l.Prompt, l.Source = f(l.Node), f(l.Type), f(l.Text), f(l.English), f(l.Prompt), f(l.Source)
			nodes[i] = l
		}
		lp.Nodes = nodes
		out.Languages = append(out.Languages, lp)
	}
	return out
}

func mapAll(list []string, f func(string) string) []string {
	if list == nil {
		return nil
	}
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = f(s)
	}
	return out
}
