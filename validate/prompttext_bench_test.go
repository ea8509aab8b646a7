package validate

import (
	"testing"

	fg "flowsmith/flowgraph"
	"flowsmith/flowgraph/flowgen"
)

// Typical inputs: a 25-word-or-so English prompt and outcome condition.
const (
	benchPrompt    = "Say: Hi {name}, welcome! Before we continue, I need to confirm that you are really here. Please look straight at the camera and keep your face inside the frame. Are you ready to begin?"
	benchDescribe  = "Ask the user whether they want a copy of the verification receipt. Tell them it will arrive by e-mail shortly and thank them."
	benchCondition = "The user declines to continue, says they do not have their ID with them, or asks to do the check later."
)

var (
	benchSinkS  string
	benchSinkB  bool
	benchSinkSS []string
)

// The memoised analyses are measured without their memo (a different text
// each time), then through it (the same text each time).

func BenchmarkPromptTextDetectLanguage(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, text := spoken(benchPrompt)
		benchSinkS, benchSinkB = languageOf(text)
	}
}

func BenchmarkPromptTextDetectLanguageCondition(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, text := spoken(benchCondition)
		benchSinkS, benchSinkB = languageOf(text)
	}
}

func BenchmarkPromptTextDetectLanguageGerman(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, text := spoken("Say: Hallo {name}! Bitte halten Sie Ihren Ausweis vor die Kamera, damit wir die Überprüfung abschließen können.")
		benchSinkS, benchSinkB = languageOf(text)
	}
}

func BenchmarkPromptTextQuestions(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, text := spoken(benchPrompt)
		buf, toks := getTokens(text)
		benchSinkSS = questionsIn(text, toks)
		putTokens(buf, toks)
	}
}

func BenchmarkPromptTextConditionalPhrase(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		direct, text := spoken(benchDescribe)
		buf, toks := getTokens(text)
		benchSinkS, benchSinkB = conditionalPhrase(text, toks, direct)
		putTokens(buf, toks)
	}
}

func BenchmarkPromptTextAnalyseText(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		f := analyseText(benchPrompt)
		benchSinkSS, benchSinkS = f.questions, f.branch
	}
}

func BenchmarkPromptTextMemoHit(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		benchSinkS, benchSinkB = DetectLanguage(benchPrompt)
		benchSinkSS = Questions(benchPrompt)
		benchSinkS, benchSinkB = ConditionalPhrase(benchPrompt)
	}
}

// BenchmarkPromptTextValidate10kCold validates the generated 10,000-node flow
// with an empty facts memo and nothing recalled, as on the first validation
// of a file.
func BenchmarkPromptTextValidate10kCold(b *testing.B) {
	d, err := fg.Parse("gen.json", flowgen.Flow(10000))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		factsMemo.reset()
		factsRecall.Clear()
		b.StartTimer()
		Validate(d, Options{})
	}
}

func (m *textMemo[V]) reset() {
	m.mu.Lock()
	m.cur, m.prev, m.bytes = nil, nil, 0
	m.mu.Unlock()
}

func BenchmarkPromptTextLooksLikeJSCondition(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		benchSinkB = LooksLikeJSCondition(benchCondition)
	}
}

func BenchmarkPromptTextLooksLikeJSConditionJS(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		benchSinkB = LooksLikeJSCondition("typeof answer !== 'undefined' && answer.trim().length > 0")
	}
}

func BenchmarkPromptTextIsCatchAll(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		benchSinkB = IsCatchAll(benchCondition)
	}
}

func BenchmarkPromptTextOffersExit(b *testing.B) {
	conds := []string{"The user confirms that they are ready to start the check now", benchCondition}
	b.ReportAllocs()
	for b.Loop() {
		benchSinkB = OffersExit(conds)
	}
}

func BenchmarkPromptTextSayFormatProblem(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		benchSinkS = SayFormatProblem(benchPrompt)
	}
}

func BenchmarkPromptTextTemplateVars(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		benchSinkSS, benchSinkB = TemplateVars(benchPrompt)
	}
}

func BenchmarkPromptTextConditionalPhraseSay(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		direct, text := spoken(benchPrompt)
		buf, toks := getTokens(text)
		benchSinkS, benchSinkB = conditionalPhrase(text, toks, direct)
		putTokens(buf, toks)
	}
}

// benchFlowText runs the text analyses the rules run on the prompts and
// conditions of the generated 10,000-node flow, with or without a warm memo.
func benchFlowText(b *testing.B, cold bool) {
	d, err := fg.Parse("gen.json", flowgen.Flow(10000))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if cold {
			b.StopTimer()
			factsMemo.reset()
			b.StartTimer()
		}
		for i := range d.Nodes {
			n := &d.Nodes[i]
			if p := n.Fields.Get("prompt").Text(); p != "" {
				benchSinkSS = Questions(p)
				benchSinkS, benchSinkB = ConditionalPhrase(p)
				benchSinkS, benchSinkB = DetectLanguage(p)
				benchSinkS = SayFormatProblem(p)
				benchSinkSS, benchSinkB = TemplateVars(p)
			}
			var conds []string
			for j := range n.Edges {
				c := n.Edges[j].Cond
				conds = append(conds, c)
				if !LooksLikeJSCondition(c) && !IsCatchAll(c) {
					benchSinkS, benchSinkB = DetectLanguage(c)
				}
			}
			benchSinkB = OffersExit(conds)
		}
	}
}

func BenchmarkPromptTextFlow10k(b *testing.B)     { benchFlowText(b, false) }
func BenchmarkPromptTextFlow10kCold(b *testing.B) { benchFlowText(b, true) }
