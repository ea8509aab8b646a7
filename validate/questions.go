package validate

// Questions and the word splitter it shares with ConditionalPhrase
// (branching.go) and DetectLanguage (langdetect.go).

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// textToken is a word or a single punctuation rune of an analysed text.
type textToken struct {
	text       string // lower case; typographic apostrophes become '
	start, end int    // byte offsets into the analysed text
	word       bool   // letters and digits, with inner apostrophes and hyphens
}

// tokenizeText appends the words and punctuation of s to toks. Blanks are
// dropped except newlines, which are kept as tokens because they end
// sentences. Texts are slices of s where they can be.
func tokenizeText(toks []textToken, s string) []textToken {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && !asciiWord[c] { // ASCII punctuation and blanks
			if c == '\n' || !asciiSpace(c) {
				toks = append(toks, textToken{text: s[i : i+1], start: i, end: i + 1})
			}
			i++
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case isWordRune(r):
			j := wordEnd(s, i+n)
			text := strings.ToLower(strings.ReplaceAll(s[i:j], "’", "'")) // no copy unless needed
			toks = append(toks, textToken{text: text, start: i, end: j, word: true})
			n = j - i
		case r == utf8.RuneError && n == 1:
			toks = append(toks, textToken{text: string(utf8.RuneError), start: i, end: i + 1})
		case !unicode.IsSpace(r):
			toks = append(toks, textToken{text: s[i : i+n], start: i, end: i + n})
		}
		i += n
	}
	return toks
}

// wordEnd returns the end of the word of s whose first rune ends at j: word
// runes, joined by an apostrophe or hyphen followed by a word rune.
func wordEnd(s string, j int) int {
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf && asciiWord[c] {
			j++
			continue
		}
		r2, n2 := utf8.DecodeRuneInString(s[j:])
		if !isWordRune(r2) {
			r3, n3 := utf8.DecodeRuneInString(s[j+n2:])
			if (r2 != '\'' && r2 != '’' && r2 != '-') || !isWordRune(r3) {
				break
			}
			n2 += n3
		}
		j += n2
	}
	return j
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokenPool recycles token buffers between calls.
var tokenPool = sync.Pool{New: func() any { return new([]textToken) }}

// getTokens tokenizes s into a pooled buffer; putTokens returns it.
func getTokens(s string) (*[]textToken, []textToken) {
	p := tokenPool.Get().(*[]textToken)
	return p, tokenizeText((*p)[:0], s)
}

func putTokens(p *[]textToken, toks []textToken) {
	clear(toks) // drop the references to the texts
	*p = toks[:0]
	tokenPool.Put(p)
}

// wordAt returns the text of toks[k] if it is a word, else "".
func wordAt(toks []textToken, k int) string {
	if k < 0 || k >= len(toks) || !toks[k].word {
		return ""
	}
	return toks[k].text
}

// newWordSet builds a set from a blank-separated list of words.
func newWordSet(list string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(list) {
		set[w] = true
	}
	return set
}

// Word lists for Questions, lower case.
var (
	questionWords        = newWordSet("what which when where why how who whose whom")
	subjectQuestionWords = newWordSet("what which who whose")
	modalWords           = newWordSet(modalList)
	questionJoiners      = newWordSet(", ; — – and then also plus")
	pronounWords         = newWordSet("you i we they he she it")
	// auxSubjects maps an auxiliary verb to the subjects that make it open a
	// question; "do your best" and "have the user …" are imperatives.
	auxSubjects = func() map[string]map[string]bool {
		const nominative, neuter, determiner = "you i we they he she ", "it this that there ", "your the my our their his her "
		table := map[string]map[string]bool{}
		add := func(auxes, subjects string) {
			for _, aux := range strings.Fields(auxes) {
				table[aux] = newWordSet(subjects)
			}
		}
		add("am is are was were isn't aren't wasn't weren't", nominative+neuter+determiner)
		add("do don't did didn't have haven't", nominative)
		add("does doesn't has hasn't", "he she "+neuter)
		add(modalList, nominative+neuter)
		return table
	}()
)

const modalList = "can could would will shall should may might must can't couldn't wouldn't won't shouldn't"

// closingMarks may follow a sentence end or sit between a word and its '?'.
const closingMarks = `"'”’»)]`

// Questions returns the questions a prompt asks, in order; multiple-questions
// fires when there are two or more. For direct speech only the spoken text is
// read. A question is
//   - a sentence ending in a question mark: "Hello?" counts, but a '?' inside
//     a URL ("help?lang=en") or with no word before it (tap the "?" icon) does
//     not, and "?!" or "??" count once;
//   - a sentence without one that opens like a question ("What is your
//     name." "Do you have your ID"); polite requests ("Could you look at the
//     camera.") are instructions and do not count;
//   - a second interrogative clause joined to a question by "and", "then" or
//     a comma: "What is your name and can you confirm your email" is two.
//
// A short "or" fragment after a question only lists its options and is
// folded into it: "How should we send the code? By text or by e-mail?" is one.
// Alternatives ("Do you have a passport or an ID card?"), several items in one
// question, indirect questions ("Ask the user whether …") and instructions to
// ask ("Ask for their name and date of birth") are not counted.
func Questions(prompt string) []string {
	return slices.Clone(factsMemo.get(prompt, analyseText).questions)
}

// textFacts are the memoised analyses of a prompt or condition, computed
// together: the rules ask for each of them about every prompt.
type textFacts struct {
	questions    []string
	branch       string // ConditionalPhrase
	branches     bool
	lang         string // DetectLanguage
	english      bool
	vars         []string // TemplateVars, of the whole text
	doubleBraces bool
}

// factsMemo keeps the facts by pointer: a map slot of a pointer instead of the
// facts themselves keeps the memo of a large flow small enough to stay mostly
// in the CPU's cache.
var factsMemo textMemo[*textFacts]

// maxAnalysedText bounds the text the heuristics read. Real prompts are a few
// hundred characters; a hostile one of 60 MB is judged by its first 64 KiB,
// so that validation stays fast.
const maxAnalysedText = 64 << 10

// analysedPart is the start of a text the heuristics read: all of it, or its
// first maxAnalysedText bytes cut at a character boundary.
func analysedPart(text string) string {
	if len(text) <= maxAnalysedText {
		return text
	}
	cut := maxAnalysedText
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut]
}

func analyseText(prompt string) *textFacts {
	f := new(textFacts)
	f.vars, f.doubleBraces = TemplateVars(prompt) // a cheap scan: every variable counts
	direct, text := spoken(analysedPart(prompt))
	buf, toks := getTokens(text)
	defer putTokens(buf, toks)
	f.questions = questionsIn(text, toks)
	f.branch, f.branches = conditionalPhrase(text, toks, direct)
	f.lang, f.english = languageOf(text)
	return f
}

// questionsIn returns the questions of text, tokenized as toks.
func questionsIn(text string, toks []textToken) []string {
	var sentences [16]promptSentence
	var qs []string
	asked := false // the previous sentence asked something
	for _, s := range splitSentences(sentences[:0], text, toks) {
		n := len(qs)
		qs = s.appendQuestions(qs, text)
		if found := qs[n:]; asked && len(found) == 1 && s.offersChoices() {
			qs = qs[:n]
			qs[n-1] += " " + found[0]
			continue
		}
		asked = len(qs) > n
	}
	return qs
}

// promptSentence is a run of tokens up to and excluding its terminator.
type promptSentence struct {
	toks     []textToken
	end      int  // byte offset just after the terminator
	question bool // ended by a question mark
}

// splitSentences appends the sentences of text (tokenized as toks) that have
// a word to out.
func splitSentences(out []promptSentence, text string, toks []textToken) []promptSentence {
	hasWord := func(t textToken) bool { return t.word }
	start := 0
	for i, t := range toks {
		if end, question := sentenceEnd(text, t); end {
			if slices.ContainsFunc(toks[start:i], hasWord) {
				out = append(out, promptSentence{toks[start:i], t.end, question})
			}
			start = i + 1
		}
	}
	if slices.ContainsFunc(toks[start:], hasWord) {
		out = append(out, promptSentence{toks: toks[start:], end: len(text)})
	}
	return out
}

func sentenceEnd(text string, t textToken) (end, question bool) {
	switch t.text {
	case "\n", "。", "！":
		return true, false
	case "？":
		return true, true
	case "?":
		q := isQuestionMark(text, t.start)
		return q, q
	case ".", "!", "…":
		r, _ := utf8.DecodeRuneInString(text[t.end:])
		return t.end == len(text) || unicode.IsSpace(r) || strings.ContainsRune(closingMarks, r), false
	}
	return false, false
}

// isQuestionMark reports whether the '?' at text[i] ends a question: a word
// must come right before it (closing quotes, braces and ellipses aside) and
// no word or URL character right after it.
func isQuestionMark(text string, i int) bool {
	if r, _ := utf8.DecodeRuneInString(text[i+1:]); isWordRune(r) || strings.ContainsRune("=&/#%_", r) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(text[:i], closingMarks+"}.…"))
	return isWordRune(r)
}

// appendQuestions appends the questions of the sentence to qs.
func (s promptSentence) appendQuestions(qs []string, text string) []string {
	if !s.question && !opensQuestion(s.toks, false) {
		return qs
	}
	from := 0
	for i := 1; i < len(s.toks); i++ {
		if !questionJoiners[s.toks[i].text] {
			continue
		}
		next := i + 1
		for next < len(s.toks) && questionJoiners[s.toks[next].text] {
			next++
		}
		first := s.toks[from:i]
		if (opensQuestion(first, true) || from == 0 && asksAbout(first)) && opensQuestion(s.toks[next:], true) {
			qs = append(qs, clipQuestion(text[first[0].start:first[len(first)-1].end]))
			from = next
		}
		i = next - 1
	}
	if r, _ := utf8.DecodeRuneInString(text[s.end:]); s.question && (r == '"' || r == '”') {
		for k := len(s.toks) - 2; k > from; k-- { // a quoted question starts at its quote
			if t := s.toks[k]; t.text == `"` || t.text == "“" {
				from = k + 1
				break
			}
		}
	}
	return append(qs, clipQuestion(text[s.toks[from].start:s.end]))
}

// offersChoices reports whether a sentence only lists options for the question
// before it ("By text or by e-mail?", "Or neither?"): six words at most, an
// "or", and no question of its own. A longer one usually asks something new
// ("Maybe the sound on your device is too low or muted?").
func (s promptSentence) offersChoices() bool {
	words, or := 0, false
	for _, t := range s.toks {
		if t.word {
			words++
			or = or || t.text == "or"
		}
	}
	toks := s.toks
	if wordAt(toks, 0) == "or" {
		toks = toks[1:]
	}
	return or && words <= 6 && !opensQuestion(toks, true) && !asksAbout(toks)
}

func clipQuestion(s string) string { return strings.Trim(s, ` "“”'`) }

// asksAbout reports whether a clause opens with a subject question word
// ("What time suits you best, and …"). When, where and why are left out: they
// often open a subordinate clause ("When ready, …").
func asksAbout(toks []textToken) bool {
	var buf [7]string
	w := leadingWords(&buf, toks, 2)
	return len(w) == 2 && subjectQuestionWords[w[0]] && !pronounWords[w[1]]
}

// leadingWords returns up to n (at most 6) words from the start of a clause,
// skipping leading punctuation and stopping at the next punctuation, in buf.
func leadingWords(buf *[7]string, toks []textToken, n int) []string {
	words := buf[:0]
	for _, t := range toks {
		if len(words) == n || !t.word && len(words) > 0 {
			break
		}
		if t.word {
			words = append(words, t.text)
		}
	}
	return words
}

// opensQuestion reports whether a clause opens like a direct question: an
// auxiliary and its subject ("do you", "is it"), possibly after a question
// word and up to two more words ("how long have you", "what time is it",
// "what's your"). With joined false (no '?' to go by) a modal other than
// "would you like" opens a polite request, not a question: "Could you look at
// the camera."
func opensQuestion(toks []textToken, joined bool) bool {
	var buf [7]string
	w := expandQuestionWord(leadingWords(&buf, toks, 6))
	i := 0
	if len(w) > 0 && questionWords[w[0]] {
		for i = 1; i < len(w) && i <= 3 && auxSubjects[w[i]] == nil; i++ {
			if pronounWords[w[i]] {
				return false // "what you need is …" is a statement
			}
		}
	}
	if i+1 >= len(w) || !auxSubjects[w[i]][w[i+1]] {
		return false
	}
	return joined || !modalWords[w[i]] || w[i] == "would" && i+2 < len(w) && w[i+2] == "like"
}

// expandQuestionWord splits a contracted question word in place (w has room
// for one more word): "what's your" → "what is your", "where're you" →
// "where are you".
func expandQuestionWord(w []string) []string {
	if len(w) == 0 {
		return w
	}
	for _, c := range [...]struct{ suffix, aux string }{{"'s", "is"}, {"'re", "are"}} {
		if base, ok := strings.CutSuffix(w[0], c.suffix); ok && questionWords[base] {
			w = append(w, "")
			copy(w[2:], w[1:])
			w[0], w[1] = base, c.aux
			return w
		}
	}
	return w
}
