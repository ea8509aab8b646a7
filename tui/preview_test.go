package tui

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"

	"flowsmith/examples"
	fg "flowsmith/flowgraph"
	"flowsmith/flowgraph/flowgen"
	"flowsmith/i18n"
	"flowsmith/internal/testenv"
	"flowsmith/validate"
)

// multilingual opens examples/multilingual-session.json with the preview pane
// focused (its tabs: en de fr it es pt zh zh-TW).
func multilingual(t *testing.T, w, h int) *tm {
	t.Helper()
	src := mustExample(t, "multilingual-session.json")
	return goldenModel(t, "multilingual-session.json", src, w, h).press("4")
}

func (x *tm) preview() *previewPane { return x.m.panes[panePreview].(*previewPane) }

// previewView is the preview pane's content without colours.
func (x *tm) previewView() string { return ansi.Strip(x.preview().View()) }

// loadSidecar installs translations as the file on disk would be: what the
// root does when it opens a flow (openSidecar, then the loaded message).
func (x *tm) loadSidecar(sc *i18n.Sidecar) {
	x.t.Helper()
	c := x.m.ctx
	c.openSidecar(c.Path)
	c.loadSidecar()
	if c.sidecar().path == "" {
		x.t.Fatal("the flow has no sidecar path")
	}
	m := sidecarLoadedMsg{path: c.sidecar().path, hist: c.Hist, sc: sc, exists: sc != nil}
	if sc != nil {
		m.data = sc.Bytes()
	}
	c.installSidecar(m)
}

// undo and redo are what u and ctrl+r do: one timeline of document and
// translation edits.
func (x *tm) undo() { x.m.ctx.Undo() }
func (x *tm) redo() { x.m.ctx.Redo() }

func (x *tm) topDialog() Dialog {
	if n := len(x.m.ctx.dialogs); n > 0 {
		return x.m.ctx.dialogs[n-1]
	}
	return nil
}

func (x *tm) findings(rule string) []validate.Finding {
	var out []validate.Finding
	for _, f := range x.m.ctx.Findings {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

func (x *tm) prompt(id string) string {
	x.t.Helper()
	c := x.m.ctx
	i := c.Doc.NodeByID(id)
	if i < 0 {
		x.t.Fatalf("no node %q", id)
	}
	p, _, _ := i18n.NodePrompt(&c.Doc.Nodes[i])
	return p
}

func TestPreviewLanguageTabs(t *testing.T) {
	x := multilingual(t, 140, 45)
	p := x.preview()
	want := []string{"en", "de", "fr", "it", "es", "pt", "zh", "zh-TW"}
	if p.Lang() == "" || strings.Join(p.tabs, " ") != strings.Join(want, " ") {
		t.Fatalf("tabs %v, want %v", p.tabs, want)
	}
	if p.Lang() != "en" {
		t.Fatalf("first tab %q", p.Lang())
	}
	x.press("]")
	if p.Lang() != "de" {
		t.Fatalf("] → %q, want de", p.Lang())
	}
	v := x.previewView()
	for _, s := range []string{"en [de] fr", "Deutsch · German (de)", "translated at run time", "21,9 s"} {
		if !strings.Contains(v, s) {
			t.Errorf("German preview lacks %q:\n%s", s, v)
		}
	}
	x.press("[", "[")
	if p.Lang() != "zh-TW" {
		t.Errorf("[ [ from de → %q, want zh-TW (wraps around)", p.Lang())
	}
	x.press("]", "]", "]")
	if p.Lang() != "fr" {
		t.Errorf("] ] ] from zh-TW → %q, want fr", p.Lang())
	}
	// [ and ] belong to the preview: in the nodes pane they change nothing.
	x.press("1", "]")
	if p.Lang() != "fr" {
		t.Errorf("] in the nodes pane switched the preview to %q", p.Lang())
	}
}

func TestPreviewTabsFromCatalog(t *testing.T) {
	x, _ := sample(t, 140, 45) // a bare array: no langs
	x.press("4")
	p := x.preview()
	if p.Lang() == "" || strings.Join(p.tabs, " ") != strings.Join(i18n.DefaultCodes(), " ") {
		t.Errorf("tabs %v, want the catalog %v", p.tabs, i18n.DefaultCodes())
	}
	// A narrow pane scrolls the tabs to keep the current one visible.
	x.press("[") // zh-HK, the last
	v := x.previewView()
	first := strings.Split(v, "\n")[0]
	if !strings.Contains(first, "[zh-HK]") || !strings.HasPrefix(first, "‹") {
		t.Errorf("tab bar %q: want the last tab shown and ‹ for the hidden ones", first)
	}
	// The configured catalog replaces the default one.
	cfg := &validate.Config{Languages: []string{"en", "de", "pl"}}
	y := newTM(t, Options{Path: "s.json", Src: examples.Sample(), Config: cfg}, 140, 45).press("4")
	if q := y.preview(); q.Lang() != "en" || strings.Join(q.tabs, " ") != "en de pl" {
		t.Errorf("configured catalog: tabs %v", q.tabs)
	}
}

// The selected node's block is marked (▌) and scrolled into view; ↑/↓ in the
// preview move the selection through the spoken nodes.
func TestPreviewFollowsSelection(t *testing.T) {
	x := multilingual(t, 140, 45)
	marked := func() []string {
		var out []string
		for _, l := range strings.Split(x.previewView(), "\n") {
			if strings.HasPrefix(l, "▌") {
				out = append(out, l)
			}
		}
		return out
	}
	x.selectNode("closing_success_no_call") // far down the script
	m := marked()
	if len(m) == 0 || !strings.Contains(m[0], "closing_success_no_call") {
		t.Fatalf("selected block not marked and on screen:\n%s", x.previewView())
	}
	x.press("k")
	if got := x.selectedID(); got != "closing_success" {
		t.Errorf("k selected %q, want the spoken node before (closing_success)", got)
	}
	if m := marked(); len(m) == 0 || !strings.Contains(m[0], "closing_success ") {
		t.Errorf("the mark did not follow: %q", m)
	}
	x.press("j", "j")
	if got := x.selectedID(); got != "closing_success_no_call" {
		t.Errorf("j j selected %q (the last spoken node stays)", got)
	}
	// A node that says nothing has no block: nothing is marked; j goes on to
	// the next spoken node in flow order.
	x.selectNode("liveness")
	if m := marked(); len(m) != 0 {
		t.Errorf("liveness says nothing but %q is marked", m)
	}
	live := x.m.ctx.SelectedIndex()
	x.press("j")
	c := x.m.ctx
	if _, spoken := x.preview().page.byNode[c.SelectedIndex()]; !spoken || c.Rank[c.SelectedIndex()] < c.Rank[live] {
		t.Errorf("j from liveness selected %q, want the next spoken node in flow order", x.selectedID())
	}
	// The mark follows a selection made in the nodes pane as well.
	x.press("1", "g", "j")
	if m := marked(); len(m) == 0 || !strings.Contains(m[0], "greeting") {
		t.Errorf("after selecting greeting in the nodes pane, marked %q", m)
	}
}

func TestPreviewClickSelectsTabAndNode(t *testing.T) {
	x := multilingual(t, 140, 45)
	p := x.preview()
	p.View()
	hit := p.tabHits[2] // fr
	p.Click(hit.x0+1, 0)
	if p.Lang() != "fr" {
		t.Errorf("click on the third tab: %q", p.Lang())
	}
	p.View()
	b := p.page.blocks[1]
	p.vp.SetYOffset(b.start)
	p.Click(3, 2)
	if got := x.selectedID(); got != "consent" {
		t.Errorf("click on the second block selected %q", got)
	}
}

// Laying out and rendering happen only when something shown changed; a frame
// with nothing changed is the same string, and an edit re-renders only the
// block whose text changed.
func TestPreviewRendersOnlyOnChange(t *testing.T) {
	x := multilingual(t, 140, 45)
	p := x.preview()
	v1 := p.View()
	layouts, renders := p.layouts, p.md.renders
	if renders == 0 {
		t.Fatal("nothing rendered")
	}
	for range 3 {
		if p.View() != v1 {
			t.Fatal("the frame changed with nothing changed")
		}
		x.m.View()
	}
	x.press("3", "4") // focus elsewhere and back
	if p.layouts != layouts || p.md.renders != renders {
		t.Errorf("layouts %d→%d, renders %d→%d with nothing changed", layouts, p.layouts, renders, p.md.renders)
	}
	x.press("]")
	p.View()
	if p.layouts != layouts+1 {
		t.Errorf("a language switch laid out %d times", p.layouts-layouts)
	}
	layouts, renders = p.layouts, p.md.renders
	ptr := fg.Pointer(x.m.ctx.Doc.Nodes[x.m.ctx.Doc.NodeByID("consent")].FieldsP, "prompt")
	if err := x.m.ctx.Apply(fg.SetValue(ptr, fg.NewString("Say: Do you agree to a recorded session?"))); err != nil {
		t.Fatal(err)
	}
	x.previewView()
	if p.layouts != layouts+1 || p.md.renders != renders+1 {
		t.Errorf("one prompt edited: layouts +%d, Glamour renders +%d; want +1, +1", p.layouts-layouts, p.md.renders-renders)
	}
	if page := ansi.Strip(strings.Join(p.page.lines, "\n")); !strings.Contains(page, "agree to a recorded") {
		t.Errorf("the edit is not shown:\n%s", page)
	}
	renders = p.md.renders
	x.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	p.View()
	if got := p.md.renders - renders; got == 0 || got != len(p.page.blocks)-p.page.pending {
		t.Errorf("a new width rendered %d blocks, want every block on or near the screen (%d)", got, len(p.page.blocks)-p.page.pending)
	}
}

// Glamour runs only for the blocks on screen (and a screen either side):
// a long script is rendered as it is scrolled.
func TestPreviewRendersLazily(t *testing.T) {
	x := goldenModel(t, "gen.json", flowgen.Flow(200), 140, 45).press("4", "]")
	p := x.preview()
	p.View()
	n := len(p.page.blocks)
	if done := n - p.page.pending; done == 0 || done >= n/2 || len(p.md.cache) != done {
		t.Fatalf("%d blocks: %d rendered, %d cached", n, done, len(p.md.cache))
	}
	last := p.page.blocks[n-1]
	if !last.pending {
		t.Fatal("the last block is rendered before it is near the screen")
	}
	x.press("G")
	if last := p.page.blocks[n-1]; last.pending {
		t.Error("the last block is still a stand-in at the bottom")
	}
	v := x.previewView()
	if !strings.Contains(v, "│ Hi Emma") && !strings.Contains(v, "│ Thank you") {
		t.Errorf("the bottom of the script:\n%s", v)
	}
	// Selecting a node far away renders its block before it is drawn.
	x.selectNode("greeting_40")
	p.View()
	b := p.page.blocks[p.page.byNode[x.m.ctx.SelectedIndex()]]
	if b.pending {
		t.Error("the selected block is drawn as a stand-in")
	}
	for _, l := range p.page.lines[b.body:b.end] {
		if strings.HasPrefix(l, "│ ") && !strings.Contains(l, "\x1b[") {
			t.Errorf("an unstyled stand-in line on screen: %q", l)
			break
		}
	}
}

// Text from the flow reaches Glamour sanitized and escaped: no link, image,
// HTML, emphasis, heading or list can be made by a prompt, and no escape
// sequence reaches the screen.
func TestPreviewEscapesMarkdown(t *testing.T) {
	prompt := "Say: Visit https://evil.example/x or www.evil.com, mail a@b.com, [click](http://x) " +
		"![img](http://i) <b>bold</b> **strong** _em_ ~~gone~~ &amp; `code` \x1b]8;;http://x\x07link\x1b]8;;\x07 \u202eevil\n" +
		"# heading\n1. item\n- dash\n    indented\n===\n| a | b |"
	src := `{"langs": ["en", "de"], "flow": [
  {"id": "start", "type": "start", "outcome": "talk"},
  {"id": "talk", "type": "conversation", "prompt": ` + jsonString(prompt) + `,
   "outcomes": [{"id": "o", "targetNodeId": "end", "condition": ""}]},
  {"id": "end", "type": "end"}]}`
	x := goldenModel(t, "evil.json", []byte(src), 200, 60).press("4")
	raw := x.preview().View()
	assertSafeScreen(t, raw)
	if strings.Contains(raw, "\x1b]") {
		t.Errorf("an OSC sequence (hyperlink) reaches the screen: %q", raw)
	}
	var text strings.Builder
	for _, l := range strings.Split(ansi.Strip(raw), "\n") {
		l = strings.TrimSpace(l)
		if rest, ok := strings.CutPrefix(l, "│ "); ok {
			text.WriteString(rest + "\n")
		}
	}
	got := text.String()
	for _, want := range []string{"https://evil.example/x", "www.evil.com", "a@b.com", "[click](http://x)",
		"![img](http://i)", "<b>bold</b>", "**strong**", "_em_", "~~gone~~", "&amp;", "`code`", `\x1b]8;;http://x\x07link`, `\u202eevil`,
		"# heading", "1. item", "- dash", "indented", "===", "| a | b |"} {
		if !strings.Contains(got, want) {
			t.Errorf("the spoken text lacks %q literally:\n%s", want, got)
		}
	}
}

func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\u00` + "0123456789abcdef"[r>>4:r>>4+1] + "0123456789abcdef"[r&15:r&15+1])
		default:
			b.WriteRune(r)
		}
	}
	return b.String() + `"`
}

// mdLiteral keeps any text literal through Glamour: random strings of
// markdown's special characters come out as they went in.
func TestMDLiteralRoundTrip(t *testing.T) {
	_, cfg := glamourConfig(false, true)
	r, err := glamour.NewTermRenderer(glamour.WithStyles(cfg), glamour.WithWordWrap(400), glamour.WithPreservedNewLines())
	if err != nil {
		t.Fatal(err)
	}
	alphabet := []rune("abc 01.:/@#*_`~[]()<>!|&;=+-\\{}$^\"'x&amp;&#58;")
	rng := rand.New(rand.NewSource(4))
	space := regexp.MustCompile(`\s+`)
	for i := range 300 {
		n := 1 + rng.Intn(40)
		rs := make([]rune, n)
		for k := range rs {
			rs[k] = alphabet[rng.Intn(len(alphabet))]
		}
		in := strings.TrimSpace(string(rs))
		if i%7 == 0 {
			in = "https://x.example/" + in + " www.a.com a@b.co"
		}
		if in == "" {
			continue
		}
		var b strings.Builder
		mdQuote(&b, in, 400, nil)
		out, err := r.Render(b.String())
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(out, "\x1b]") {
			t.Errorf("%q rendered a hyperlink", in)
		}
		ls := strings.Split(ansi.Strip(out), "\n")
		for k, l := range ls {
			ls[k] = strings.TrimPrefix(strings.TrimSpace(l), "| ")
		}
		out = strings.Join(ls, "\n")
		norm := func(s string) string { return strings.TrimSpace(space.ReplaceAllString(s, " ")) }
		if norm(out) != norm(in) {
			t.Errorf("%q came out as %q", in, norm(out))
		}
	}
}

// The preview never hands Glamour a pathological text whole.
func TestPreviewCutsHugeText(t *testing.T) {
	huge := strings.Repeat("word ", 200000) // 1 MB
	src := `[{"id": "start", "type": "start", "outcome": "talk"},
  {"id": "talk", "type": "conversation", "prompt": "Say: ` + huge + `", "outcomes": [{"id": "o", "targetNodeId": "end", "condition": ""}]},
  {"id": "end", "type": "end"}]`
	x := goldenModel(t, "huge.json", []byte(src), 140, 45).press("4")
	v := x.previewView()
	if !strings.Contains(v, "word word") {
		t.Fatalf("the text is not shown:\n%s", v)
	}
	x.press("G")
	if v := x.previewView(); !strings.Contains(v, "more bytes)") {
		t.Errorf("the cut is not said:\n%s", v)
	}
}

// A flow's escape sequences, C1 controls and bidi overrides never reach the
// screen through the preview (ids, prompts, tabs).
func TestPreviewInjection(t *testing.T) {
	x := goldenModel(t, "inject.json", []byte(testenv.InjectionFlow), 140, 45).press("4")
	assertSafeScreen(t, x.m.view())
	x.press("]")
	assertSafeScreen(t, x.m.view())
}

func TestPreviewNoColorUsesNoTTY(t *testing.T) {
	x := newTM(t, Options{Path: "m.json", Src: mustExample(t, "multilingual-session.json"), NoColor: true}, 140, 45).press("4")
	x.preview().View()
	if x.preview().md.style != "notty" {
		t.Errorf("NoColor: Glamour style %q", x.preview().md.style)
	}
	if v := x.preview().View(); strings.Contains(v, "\x1b[38") {
		t.Errorf("NoColor preview has colours: %q", v[:min(len(v), 300)])
	}
	y := multilingual(t, 140, 45)
	if y.preview().View() == "" || y.preview().md.style != "dark" {
		t.Errorf("Dark: Glamour style %q", y.preview().md.style)
	}
	light := New(Options{Path: "m.json", Src: mustExample(t, "multilingual-session.json")})
	light.Update(tea.WindowSizeMsg{Width: 140, Height: 45})
	lp := light.panes[panePreview].(*previewPane)
	lp.View()
	if lp.md.style != "light" {
		t.Errorf("light background: Glamour style %q", lp.md.style)
	}
	light.ctx.Opts.Dark = true // fixed at start-up: a later change is not picked up
	lp.md.begin(10)
	if lp.md.style != "light" {
		t.Errorf("the style changed after start-up: %q", lp.md.style)
	}
}

func mustExample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := examples.Read(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestStripOSC(t *testing.T) {
	in := "a\x1b[1mb\x1b]8;id=1;https://x\x07link\x1b]8;;\x07c\x1b]0;title\x1b\\d\x1b]unterminated"
	if got, want := stripOSC(in), "a\x1b[1mblinkcd"; got != want {
		t.Errorf("stripOSC = %q, want %q", got, want)
	}
}

// The greeting is measured against the camera's 5 seconds, per language.
func TestPreviewGreetingVerdict(t *testing.T) {
	short := goldenModel(t, "short.json", brokenSrc(t, "short-greeting.json"), 140, 45).press("4")
	if v := short.previewView(); !regexp.MustCompile(`▲ greeting \d+\.\d s < 5\.0 s`).MatchString(v) || !strings.Contains(v, "too short") {
		t.Errorf("a short greeting is not flagged:\n%s", v)
	}
	ok := multilingual(t, 140, 45)
	if v := ok.previewView(); !strings.Contains(v, "✔ greeting 27.4 s ≥ 5.0 s · liveness") || !strings.Contains(v, "enough") {
		t.Errorf("English verdict:\n%s", v)
	}
	ok.press("]")
	if v := ok.previewView(); !strings.Contains(v, "✔ greeting 32,6 s ≥ 5,0 s · liveness") {
		t.Errorf("German verdict (German number format, German speech factor):\n%s", v)
	}
}
