package i18n

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	fg "flowsmith/flowgraph"
)

func loadDoc(t *testing.T, path string) *fg.Document {
	t.Helper()
	d, err := fg.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func lineIDs(lp LangPreview) []string {
	var ids []string
	for _, l := range lp.Nodes {
		ids = append(ids, l.Node)
	}
	return ids
}

func findLine(t *testing.T, lp LangPreview, id string) Line {
	t.Helper()
	for _, l := range lp.Nodes {
		if l.Node == id {
			return l
		}
	}
	t.Fatalf("%s: no line for %q", lp.Lang, id)
	return Line{}
}

func secs(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

func approx(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func factorOf(lang string) float64 { f, _ := Factor(lang); return f }

func TestSplitSay(t *testing.T) {
	cases := []struct {
		prompt string
		direct bool
		text   string
	}{
		{"Say: Hello there.", true, "Hello there."},
		{"  Say:Hello", true, "Hello"},
		{"Say:", true, ""},
		{"say: Hello", false, "say: Hello"},
		{"Say - Hello", false, "Say - Hello"},
		{"Say hello to the user.", false, "Say hello to the user."},
		{" Greet the user. ", false, "Greet the user."},
	}
	for _, c := range cases {
		direct, text := SplitSay(c.prompt)
		if direct != c.direct || text != c.text {
			t.Errorf("SplitSay(%q) = %v, %q; want %v, %q", c.prompt, direct, text, c.direct, c.text)
		}
	}
}

// The retry flow: langs en, DE (twice), ja with defaultLang de, no
// providedData, a retry loop back to the greeting, a paraphrased closing and
// an unreachable node; its sidecar has a reviewed de and ja greeting and a
// stale de goodbye.
func TestPreviewRetryFlow(t *testing.T) {
	d := loadDoc(t, "testdata/retry.json")
	sc, _ := loadSidecar(t, "testdata/retry.i18n.json")
	p := BuildPreview(d, sc, Catalog{}, nil)

	if !slices.Equal(p.Langs, []string{"en", "de", "ja"}) || p.DefaultLang != "de" {
		t.Fatalf("Langs = %v, DefaultLang = %q", p.Langs, p.DefaultLang)
	}
	var langs []string
	for _, lp := range p.Languages {
		langs = append(langs, lp.Lang)
		if lp.Default != (lp.Lang == "de") {
			t.Errorf("%s: Default = %v", lp.Lang, lp.Default)
		}
		// Breadth-first from start, each node once, only spoken nodes, the
		// unreachable one left out.
		if got := lineIDs(lp); !slices.Equal(got, []string{"greet", "ask", "bye", "done"}) {
			t.Errorf("%s: script order %v", lp.Lang, got)
		}
	}
	if !slices.Equal(langs, []string{"en", "de", "ja"}) {
		t.Fatalf("languages %v, want [en de ja] (repeat in another case dropped)", langs)
	}
	en, de, ja := p.Languages[0], p.Languages[1], p.Languages[2]
	if de.Name != "German" || de.Native != "Deutsch" {
		t.Errorf("de names %q %q", de.Name, de.Native)
	}

	type want struct {
		lang, node, mode, text string
		status                 TranslationStatus
		base                   float64 // English seconds; -1 paraphrased
	}
	cases := []want{
		{"en", "greet", ModeSay, "Hello Emma Johnson. Are you ready?", StatusSource, 3.0},
		{"en", "ask", ModeSay, "Please look at the camera.", StatusSource, 2.3},
		{"en", "bye", ModeSay, "Goodbye.", StatusSource, 0.7},
		{"en", "done", ModeParaphrased, "Thank the user and say that the check is complete.", StatusSource, -1},
		{"de", "greet", ModeSay, "Hallo Anna Schmidt. Sind Sie bereit?", StatusReviewed, 3.0},
		{"de", "ask", ModeSay, "Please look at the camera.", StatusRuntime, 2.3},
		{"de", "bye", ModeSay, "Auf Wiedersehen.", StatusStale, 0.7},
		{"de", "done", ModeParaphrased, "Thank the user and say that the check is complete.", StatusRuntime, -1},
		{"ja", "greet", ModeSay, "こんにちは、佐藤 花子さん。準備はいいですか？", StatusReviewed, 3.0},
		{"ja", "bye", ModeSay, "Goodbye.", StatusRuntime, 0.7},
	}
	for _, c := range cases {
		lp := map[string]LangPreview{"en": en, "de": de, "ja": ja}[c.lang]
		l := findLine(t, lp, c.node)
		if l.Mode != c.mode || l.Text != c.text || l.Translation != c.status {
			t.Errorf("%s/%s = {%s %q %s}, want {%s %q %s}", c.lang, c.node, l.Mode, l.Text, l.Translation, c.mode, c.text, c.status)
		}
		if c.base < 0 {
			if l.Seconds != nil {
				t.Errorf("%s/%s: paraphrased line has seconds %v", c.lang, c.node, *l.Seconds)
			}
			continue
		}
		if w := c.base * factorOf(c.lang); l.Seconds == nil || !approx(*l.Seconds, w) {
			t.Errorf("%s/%s: seconds %v, want %v", c.lang, c.node, secs(l.Seconds), w)
		}
	}
	bye := findLine(t, de, "bye")
	if bye.English != "Goodbye." || bye.Source != "Say: Bye." || bye.Prompt != "Say: Goodbye." {
		t.Errorf("stale line keeps English %q, Source %q, Prompt %q", bye.English, bye.Source, bye.Prompt)
	}
	if g := findLine(t, en, "greet"); g.Prompt != "Say: Hello {name}. Are you ready?" || g.Source != "" {
		t.Errorf("en greet Prompt %q Source %q", g.Prompt, g.Source)
	}

	if en.Coverage != (Coverage{}) || de.Coverage != (Coverage{Reviewed: 1, Stale: 1, Missing: 1}) || ja.Coverage != (Coverage{Reviewed: 1, Missing: 2}) {
		t.Errorf("coverage en %+v de %+v ja %+v", en.Coverage, de.Coverage, ja.Coverage)
	}

	for _, lp := range p.Languages {
		f := factorOf(lp.Lang)
		// greet + ask before the liveness check; the loop ask → greet does
		// not add to it.
		if lp.GreetingNode != "check" || lp.GreetingUnmeasured || !approx(secs(lp.GreetingSeconds), 5.3*f) {
			t.Errorf("%s: greeting %v before %q, want %v before check", lp.Lang, secs(lp.GreetingSeconds), lp.GreetingNode, 5.3*f)
		}
		if !approx(secs(lp.ShortestSeconds), 3.7*f) || !slices.Equal(lp.ShortestPath, []string{"start", "greet", "bye", "end"}) {
			t.Errorf("%s: shortest %v via %v", lp.Lang, secs(lp.ShortestSeconds), lp.ShortestPath)
		}
		if !approx(secs(lp.LongestSeconds), 6.0*f) || !slices.Equal(lp.LongestPath, []string{"start", "greet", "ask", "check", "bye", "end"}) {
			t.Errorf("%s: longest %v via %v", lp.Lang, secs(lp.LongestSeconds), lp.LongestPath)
		}
		if lp.Partial {
			t.Errorf("%s: partial, but no paraphrased prompt is on either route", lp.Lang)
		}
	}
}

func TestPreviewResolution(t *testing.T) {
	p := BuildPreview(loadDoc(t, "testdata/retry.json"), nil, Catalog{}, nil)
	got := map[string]string{}
	for _, r := range p.Resolution {
		got[r.Browser] = r.Lang
		if r.Fallback {
			got[r.Browser] += "*"
		}
	}
	for browser, want := range map[string]string{"en-GB": "en", "de-AT": "de", "ja-JP": "ja", "fr-FR": "de*", "zh-TW": "de*"} {
		if got[browser] != want {
			t.Errorf("%s → %q, want %q", browser, got[browser], want)
		}
	}
	if len(p.Resolution) != len(CommonBrowserTags) {
		t.Errorf("%d resolution rows", len(p.Resolution))
	}
}

// A bare flow: every catalog language, English default; a paraphrased intro
// before the face scan makes the greeting unmeasurable, and the prompts of
// permissions and enter_email are spoken lines.
func TestPreviewParaphrasedBareFlow(t *testing.T) {
	d := loadDoc(t, "testdata/paraphrased.json")
	p := BuildPreview(d, nil, Catalog{}, nil)
	if len(p.Languages) != len(DefaultCatalog().Codes()) || p.Langs != nil || p.DefaultLang != "en" {
		t.Fatalf("%d languages, Langs %v, default %q", len(p.Languages), p.Langs, p.DefaultLang)
	}
	for i, lp := range p.Languages {
		if lp.Lang != DefaultCatalog().Codes()[i] || lp.Default != (i == 0) {
			t.Errorf("language %d = %s default %v", i, lp.Lang, lp.Default)
		}
		if got := lineIDs(lp); !slices.Equal(got, []string{"perm", "intro", "email"}) {
			t.Errorf("%s: script %v", lp.Lang, got)
		}
		if lp.GreetingNode != "check" || !lp.GreetingUnmeasured || lp.GreetingSeconds != nil {
			t.Errorf("%s: greeting %v %q unmeasured %v", lp.Lang, secs(lp.GreetingSeconds), lp.GreetingNode, lp.GreetingUnmeasured)
		}
		// perm (3.1 s in English) and, on the longest route, email, whose
		// word count depends on the sample name (6.2 s in all for English).
		f := factorOf(lp.Lang)
		long := 3.1*f + Seconds(findLine(t, lp, "email").English, lp.Lang)
		if lp.Lang == "en" && !approx(long, 6.2) {
			t.Errorf("en longest %v, want 6.2", long)
		}
		if !approx(secs(lp.ShortestSeconds), 3.1*f) || !approx(secs(lp.LongestSeconds), long) || !lp.Partial {
			t.Errorf("%s: %v to %v partial %v", lp.Lang, secs(lp.ShortestSeconds), secs(lp.LongestSeconds), lp.Partial)
		}
		if !slices.Equal(lp.LongestPath, []string{"start", "perm", "intro", "email", "check", "end"}) {
			t.Errorf("%s: longest via %v", lp.Lang, lp.LongestPath)
		}
	}
	email := findLine(t, p.Languages[1], "email") // it
	if email.Type != "enter_email" || email.Text != "Please type your e-mail address, Giulia Rossi." {
		t.Errorf("it email line %+v", email)
	}
}

// The shipped multilingual example: a session body with langs, providedData
// (name only), a consent question, a retry loop and a paraphrased prompt.
func TestPreviewMultilingualExample(t *testing.T) {
	d := loadDoc(t, "../examples/multilingual-session.json")
	p := BuildPreview(d, nil, Catalog{}, nil)
	var langs []string
	for _, lp := range p.Languages {
		langs = append(langs, lp.Lang)
	}
	if !slices.Equal(langs, []string{"en", "de", "fr", "it", "es", "pt", "zh", "zh-TW"}) || !p.Languages[0].Default {
		t.Fatalf("languages %v", langs)
	}
	order := []string{"greeting", "consent", "closing_declined", "contact_preference", "closing_unverified",
		"liveness_retry_notice", "closing_success", "closing_success_no_call"}
	for _, lp := range p.Languages {
		if got := lineIDs(lp); !slices.Equal(got, order) {
			t.Errorf("%s: order %v", lp.Lang, got)
		}
		g := findLine(t, lp, "greeting")
		if !strings.HasPrefix(g.Text, "Hello Alex Morgan, and welcome!") {
			t.Errorf("%s: providedData name not used: %q", lp.Lang, g.Text)
		}
		if c := findLine(t, lp, "contact_preference"); c.Mode != ModeParaphrased || c.Seconds != nil {
			t.Errorf("%s: contact_preference %s %v", lp.Lang, c.Mode, secs(c.Seconds))
		}
		if lp.Lang != "en" && lp.Coverage != (Coverage{Missing: 7}) {
			t.Errorf("%s: coverage %+v", lp.Lang, lp.Coverage)
		}
	}
	en := p.Languages[0]
	// greeting 18.4 s + consent 9.0 s before the liveness check; the shortest
	// route declines (+ 7.0 s); the longest retries the check and fails
	// (+ 16.1 s + 11.0 s).
	if !approx(secs(en.GreetingSeconds), 27.4) || en.GreetingNode != "liveness" {
		t.Errorf("en greeting %v before %q", secs(en.GreetingSeconds), en.GreetingNode)
	}
	if !approx(secs(en.ShortestSeconds), 34.4) || !approx(secs(en.LongestSeconds), 54.5) || en.Partial {
		t.Errorf("en spoken %v to %v partial %v", secs(en.ShortestSeconds), secs(en.LongestSeconds), en.Partial)
	}
	if fr := p.Languages[2]; !approx(secs(fr.GreetingSeconds), 27.4*factorOf("fr")) {
		t.Errorf("fr greeting %v", secs(fr.GreetingSeconds))
	}
}

// An explicit language list: any valid code, in the catalog's spelling.
func TestPreviewExplicitLangs(t *testing.T) {
	d := loadDoc(t, "testdata/retry.json")
	p := BuildPreview(d, nil, Catalog{}, []string{"ZH-tw", "ko", " zh-tw", ""})
	if len(p.Languages) != 2 || p.Languages[0].Lang != "zh-TW" || p.Languages[1].Lang != "ko" {
		t.Fatalf("languages %+v", p.Languages)
	}
	if ko := p.Languages[1]; ko.Name != "ko" || ko.Default || findLine(t, ko, "greet").Text != "Hello Emma Johnson. Are you ready?" {
		t.Errorf("ko preview %+v", ko)
	}
	if !slices.Equal(p.Langs, []string{"en", "de", "ja"}) {
		t.Errorf("Langs %v: the body's, not the requested", p.Langs)
	}
}

// Loops, dead ends and flows without an end.
func TestPreviewPathsEdgeCases(t *testing.T) {
	cases := []struct {
		name              string
		flow              string
		short, long       float64 // -1: nil
		greeting          float64 // -1: nil
		shortVia, longVia string
	}{
		{"no end reachable",
			`[{"id":"s","type":"start","outcome":"a"},{"id":"a","type":"conversation","prompt":"Say: One two.","outcomes":[{"id":"x","targetNodeId":"a","condition":""}]},{"id":"e","type":"end"}]`,
			-1, -1, -1, "", ""},
		{"no start", `[{"id":"e","type":"end"}]`, -1, -1, -1, "", ""},
		{"loop through a long node",
			// s → a → b → e, b → a (loop); a is long, b short.
			`[{"id":"s","type":"start","outcome":"a"},
			  {"id":"a","type":"conversation","prompt":"Say: One two three four five.","outcomes":[{"id":"x","targetNodeId":"b","condition":""}]},
			  {"id":"b","type":"conversation","prompt":"Say: Six.","outcomes":[{"id":"y","targetNodeId":"a","condition":"again"},{"id":"z","targetNodeId":"e","condition":"done"}]},
			  {"id":"e","type":"end"}]`,
			2.3 + 0.7, 2.3 + 0.7, -1, "s a b e", "s a b e"},
		{"diamond, longest branch",
			`[{"id":"s","type":"start","outcome":"a"},
			  {"id":"a","type":"conversation","prompt":"Say: Hi.","outcomes":[{"id":"x","targetNodeId":"b","condition":"1"},{"id":"y","targetNodeId":"c","condition":"2"}]},
			  {"id":"b","type":"conversation","prompt":"Say: One two three four five.","outcomes":[{"id":"z","targetNodeId":"e","condition":""}]},
			  {"id":"c","type":"conversation","prompt":"Say: One.","outcomes":[{"id":"z","targetNodeId":"f","condition":""}]},
			  {"id":"f","type":"liveness_detection","outcomes":{"livenessDetected":"e","deepfakeDetected":"e","noFace":"e","inconclusive":"e"}},
			  {"id":"e","type":"end"}]`,
			0.7 + 0.7, 0.7 + 2.3, 1.4, "s a c f e", "s a b e"},
		{"two-factor before video is unmeasured",
			`[{"id":"s","type":"start","outcome":"o"},
			  {"id":"o","type":"two_factor_email","outcomes":{"verified":"f","delivery_failed":"e","failed_unverified":"e","cancelled":"e","error":"e"}},
			  {"id":"f","type":"recognition","outcomes":{"recognized":"e","newUser":"e","noFace":"e"}},
			  {"id":"e","type":"end"}]`,
			0, 0, -1, "s o e", "s o f e"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := fg.Parse("t.json", []byte(c.flow))
			if err != nil {
				t.Fatal(err)
			}
			lp := BuildPreview(d, nil, Catalog{}, []string{"en"}).Languages[0]
			check := func(what string, got *float64, want float64) {
				if want < 0 && got != nil || want >= 0 && (got == nil || !approx(*got, want)) {
					t.Errorf("%s = %v, want %v", what, secs(got), want)
				}
			}
			check("shortest", lp.ShortestSeconds, c.short)
			check("longest", lp.LongestSeconds, c.long)
			check("greeting", lp.GreetingSeconds, c.greeting)
			if got := strings.Join(lp.ShortestPath, " "); got != c.shortVia {
				t.Errorf("shortest via %q, want %q", got, c.shortVia)
			}
			if got := strings.Join(lp.LongestPath, " "); got != c.longVia {
				t.Errorf("longest via %q, want %q", got, c.longVia)
			}
		})
	}
}

// Longest route on a long chain with loops at every step stays linear and
// counts each node once.
func TestLongestSpeechLargeLoopyFlow(t *testing.T) {
	var b strings.Builder
	b.WriteString(`[{"id":"s","type":"start","outcome":"n0"}`)
	const n = 3000
	for i := 0; i < n; i++ {
		next := "e"
		if i+1 < n {
			next = "n" + itoa(i+1)
		}
		back := "n" + itoa(max(0, i-1))
		b.WriteString(`,{"id":"n` + itoa(i) + `","type":"conversation","prompt":"Say: Word.","outcomes":[{"id":"a","targetNodeId":"` + next +
			`","condition":"on"},{"id":"b","targetNodeId":"` + back + `","condition":"back"}]}`)
	}
	b.WriteString(`,{"id":"e","type":"end"}]`)
	d, err := fg.Parse("big.json", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	lp := BuildPreview(d, nil, Catalog{}, []string{"en"}).Languages[0]
	if want := n * 0.7; !approx(secs(lp.LongestSeconds), want) || !approx(secs(lp.ShortestSeconds), want) {
		t.Errorf("long chain: %v to %v, want %v", secs(lp.ShortestSeconds), secs(lp.LongestSeconds), want)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestPreviewMapText(t *testing.T) {
	p := BuildPreview(loadDoc(t, "testdata/retry.json"), nil, Catalog{}, []string{"de"})
	up := p.MapText(strings.ToUpper)
	if l := up.Languages[0].Nodes[0]; l.Node != "GREET" || l.Text != "HELLO ANNA SCHMIDT. ARE YOU READY?" || up.Languages[0].Lang != "DE" {
		t.Errorf("mapped line %+v", l)
	}
	if p.Languages[0].Nodes[0].Node != "greet" || p.Languages[0].ShortestPath[0] != "start" {
		t.Error("MapText changed the original")
	}
}

// An empty langs array allows every catalog language, like no langs at all.
func TestPreviewEmptyLangs(t *testing.T) {
	d, err := fg.Parse("t.json", []byte(`{"langs": [], "defaultLang": "fr", "flow": [{"id": "s", "type": "start", "outcome": "e"}, {"id": "e", "type": "end"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	p := BuildPreview(d, nil, Catalog{}, nil)
	if p.Langs != nil || len(p.Languages) != len(DefaultCatalog().Codes()) || p.DefaultLang != "fr" || !p.Languages[3].Default {
		t.Errorf("Langs %v, %d languages, default %q", p.Langs, len(p.Languages), p.DefaultLang)
	}
	if lp := p.Languages[0]; len(lp.Nodes) != 0 || secs(lp.ShortestSeconds) != 0 || lp.GreetingNode != "" {
		t.Errorf("empty flow preview %+v", lp)
	}
}
