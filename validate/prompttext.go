package validate

// Pure text analysis of prompts and outcome conditions. Nothing here knows the
// flow model: strings go in, facts come out, and the rules decide what to
// report. The heuristics lean towards precision: a warning that fires on an
// ordinary prompt teaches authors to ignore the linter, so each function stays
// quiet unless the evidence is clear. The choices are documented where they
// are made.

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// sayPrefix is the exact direct-speech marker of the flow format.
const sayPrefix = "Say:"

// sayLike matches a direct-speech prefix as authors actually type it: "say"
// in any case, optional blanks, then one or more of : ; - – —.
var sayLike = regexp.MustCompile(`^\s*((?i:say)\s*[:;\-–—]+)`)

// SplitSay splits a prompt into its mode and text. A prompt whose first
// non-blank characters are exactly "Say:" is direct speech and text is what
// follows, trimmed; the blank after the colon is optional ("Say:Hello" is
// direct speech). Any other prompt is descriptive and text is the whole
// prompt, trimmed. Malformed prefixes ("say:", "Say -") are not direct speech
// here: SayFormatProblem reports them.
func SplitSay(prompt string) (direct bool, text string) {
	p := strings.TrimSpace(prompt)
	if rest, ok := strings.CutPrefix(p, sayPrefix); ok {
		return true, strings.TrimSpace(rest)
	}
	return false, p
}

// spoken is the lenient form of SplitSay used by the other analyses: a
// malformed prefix still marks direct speech, so one typo yields one
// say-format finding rather than knock-on findings about the prefix.
func spoken(prompt string) (direct bool, text string) {
	if m := sayLike.FindStringIndex(prompt); m != nil {
		return true, strings.TrimSpace(prompt[m[1]:])
	}
	return false, strings.TrimSpace(prompt)
}

// SayFormatProblem describes a malformed direct-speech prefix ("say:",
// "SAY -", "Say :", "Say::", "Say-") or a "Say:" with no text after it. It
// returns "" for a well-formed "Say: text" (or "Say:text") and for prompts
// that do not start with a say-like prefix, such as "Say hello to the user".
func SayFormatProblem(prompt string) string {
	m := sayLike.FindStringSubmatchIndex(prompt)
	if m == nil {
		return ""
	}
	written := prompt[m[2]:m[3]]
	switch {
	case strings.TrimSpace(prompt[m[1]:]) == "":
		return fmt.Sprintf("direct-speech prefix %q has no text after it", written)
	case written != sayPrefix:
		return fmt.Sprintf("malformed direct-speech prefix %q: write %q before the spoken text", written, "Say: ")
	}
	return ""
}

// FixSayFormat returns the prompt with a malformed direct-speech prefix
// rewritten as "Say: ". It reports false when there is nothing to fix or no
// text to keep.
func FixSayFormat(prompt string) (fixed string, ok bool) {
	if SayFormatProblem(prompt) == "" {
		return "", false
	}
	_, text := spoken(prompt)
	if text == "" {
		return "", false
	}
	return sayPrefix + " " + text, true
}

// TemplateVars returns the distinct names of single-brace variables ("{name}"
// → "name", trimmed, in order of first use) and whether any double-brace
// variable ("{{code}}") appears. Names inside double braces are not listed.
func TemplateVars(prompt string) (vars []string, doubleBraces bool) {
	seen := map[string]bool{}
	for i := 0; i < len(prompt); i++ {
		if prompt[i] != '{' {
			continue
		}
		if strings.HasPrefix(prompt[i:], "{{") {
			if end := strings.Index(prompt[i:], "}}"); end >= 0 {
				doubleBraces = true
				i += end + 1
				continue
			}
		}
		end := strings.IndexAny(prompt[i+1:], "{}")
		if end < 0 || prompt[i+1+end] != '}' {
			continue
		}
		if name := strings.TrimSpace(prompt[i+1 : i+1+end]); name != "" && !seen[name] {
			seen[name] = true
			vars = append(vars, name)
		}
		i += end + 1
	}
	return vars, doubleBraces
}

// catchAll lists normalised conditions that mean "whatever the user says".
var catchAll = func() map[string]bool {
	set := map[string]bool{}
	for _, c := range strings.Split(`default|true|always|otherwise|else|any|anything|anything else|*|
		any response|any other response|any answer|any other answer|any reply|any other reply|
		any input|any other input|any other case|any case|all other cases|every other case|
		everything else|all else|something else|whatever|fallback|fall back|catch-all|catch all|
		other|others|none of the above|no match|no other match|anything at all`, "|") {
		set[strings.TrimSpace(c)] = true
	}
	return set
}()

// catchAllLeads are openings stripped before the lookup, so that "The user
// says anything else" and "In any other case" are recognised too.
var catchAllLeads = []string{"the user says ", "user says ", "the user answers ",
	"the user replies ", "the user responds with ", "in ", "for "}

// IsCatchAll reports whether an outcome condition is a catch-all fallback:
// empty, or one of a closed set of phrases meaning "anything" (default, true,
// otherwise, else, any, anything else, *, any other answer, everything else,
// fallback, …), compared case-insensitively after trimming blanks, quotes and
// trailing punctuation. Only whole phrases match: "The user says anything
// about cancelling" is a real condition.
func IsCatchAll(condition string) bool {
	c := strings.ToLower(strings.Join(strings.Fields(condition), " "))
	c = strings.Trim(c, " \"'`“”‘’()[].!?,;:")
	for _, lead := range catchAllLeads {
		c = strings.TrimPrefix(c, lead)
	}
	return c == "" || catchAll[c]
}

var (
	// jsSyntax matches operators and member access that English conditions
	// do not use: ===, &&, a > b, response.length, includes(…), !flag.
	jsSyntax = regexp.MustCompile(`[=!]==?|&&|\|\||[\w)\]'"]\s*[<>]=?\s*[\w('"-]|` +
		`[A-Za-z_$][\w$]*\.[A-Za-z_$][\w$]+|[A-Za-z_$][\w$]*\(|^\s*!\s*[A-Za-z_$]`)
	jsQuoted = regexp.MustCompile(`'[^']*'|"[^"]*"`)
	jsToken  = regexp.MustCompile(`[\w$.]+`)
	jsWords  = newWordSet("true false null undefined typeof")
)

// LooksLikeJSCondition reports whether a condition is a legacy JavaScript-like
// expression ("true", "false", "response.length > 0", "answer === 'yes'",
// "x && y") rather than English. A condition with operators but three or more
// plain words outside quotes ("The user is > 18 years old") counts as English.
func LooksLikeJSCondition(condition string) bool {
	c := strings.TrimSpace(condition)
	if l := strings.ToLower(c); l == "true" || l == "false" {
		return true
	}
	if !jsSyntax.MatchString(c) {
		return false
	}
	plain := 0
	for _, t := range jsToken.FindAllString(jsQuoted.ReplaceAllString(c, ""), -1) {
		if !strings.ContainsAny(t, "._$0123456789") && !jsWords[t] {
			plain++
		}
	}
	return plain < 3
}

// exitPattern matches conditions that let a goal-driven conversation end
// without reaching its goal: silence, refusal, inability or repeated failure.
// A request for help or support is not an exit: it still needs an answer. It
// runs on text normalised by conditionText.
var exitPattern = regexp.MustCompile(`\b(` + strings.Join([]string{
	`silen(t|ce)`, `no (answer|response|reply|input)`, `says? nothing`, `unresponsive`,
	`not (respond|answer|reply|speak|say anything|react)`, `never (respond|answer|reply)`,
	`times? ?out`, `timed ?out`,
	`refus`, `declin`, `unwilling`, `reluctant`, `reject`, `objects\b`, `objection`,
	`not (want|wish|consent|agree|ready|willing|comfortable|continue|proceed)`,
	`wants? to (leave|end|exit|skip|finish later)`, `stop(s|ped|ping)?\b`, `quits?\b`, `cancel`,
	`gives? up`, `opts? out`, `(says?|answers?|repl(y|ies)|responds?)( with)? no\b`,
	`can not`, `unable`, `not (have|know|remember|find|provide|share|see|hear)`,
	`not sure`, `unsure`, `forg[oe]t`,
	`attempts?`, `tries`, `tried`, `retries`, `too many`, `repeatedly`, `twice`,
	`(two|three|four|five|[2-9]) times`, `fail`,
}, "|") + `)`)

// conditionText spells out negative contractions in a lower-case condition
// ("cannot", "can't", "doesn't" → "can not", "can not", "does not").
var conditionText = strings.NewReplacer("’", "'", "cannot", "can not", "can't", "can not", "n't", " not")

// OffersExit reports whether any of the conditions gives a goal-driven
// conversation a way out for silence, refusal or too many attempts ("The user
// refuses", "does not answer", "after two attempts", "wants to stop", "cannot
// provide", "doesn't know", …). A catch-all condition counts
// as an exit, since the conversation moves on whatever the user says.
func OffersExit(conditions []string) bool {
	for _, c := range conditions {
		if IsCatchAll(c) || exitPattern.MatchString(conditionText.Replace(strings.ToLower(c))) {
			return true
		}
	}
	return false
}

// textToken is a word or a single punctuation rune of an analysed text.
type textToken struct {
	text       string // lower case; typographic apostrophes become '
	start, end int    // byte offsets into the analysed text
	word       bool   // letters and digits, with inner apostrophes and hyphens
}

// tokenizeText splits s into words and punctuation. Blanks are dropped except
// newlines, which are kept as tokens because they end sentences.
func tokenizeText(s string) []textToken {
	var toks []textToken
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWordRune(r):
			j := i + n
			for j < len(s) {
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
			text := strings.ToLower(strings.ReplaceAll(s[i:j], "’", "'"))
			toks = append(toks, textToken{text: text, start: i, end: j, word: true})
			n = j - i
		case r == '\n' || !unicode.IsSpace(r):
			toks = append(toks, textToken{text: string(r), start: i, end: i + n})
		}
		i += n
	}
	return toks
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
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

// Word lists for Questions and ConditionalPhrase, lower case.
var (
	questionWords        = newWordSet("what which when where why how who whose whom")
	subjectQuestionWords = newWordSet("what which who whose")
	modalWords           = newWordSet(modalList)
	questionJoiners      = newWordSet(", ; — – and then also plus")
	pronounWords         = newWordSet("you i we they he she it")
	replySubjects        = newWordSet("they he she you")
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

	askVerbs = newWordSet(`ask asks asking asked check checks checking confirm confirms verify verifies
		see know knows wonder wondering determine out tell say decide establish ascertain clarify
		inquire enquire unsure sure note`)
	askObjects = newWordSet(`the user users person visitor customer caller client applicant them him her
		me us you politely gently kindly briefly also first now just please`)
	speechVerbs = newWordSet(`tell tells explain explains say says mention mentions remind reminds
		inform informs reassure assure warn know add note state announce clarify`)
	userNouns = newWordSet(`user user's users person person's customer customer's visitor caller client
		applicant participant answer response reply`)
	replyAdverbs = newWordSet("still again clearly explicitly only just then also ever repeatedly")
	replyVerbs   = newWordSet(`say says said answer answers answered respond responds responded reply
		replies replied refuse refuses refused decline declines declined agree agrees disagree
		disagrees confirm confirms deny denies hesitate hesitates fail fails failed give gives
		provide provides want wants ask asks mention mentions choose chooses prefer prefers stay
		stays remain remains object objects don't doesn't didn't can't cannot won't isn't aren't
		wasn't weren't haven't hasn't never`)
	ifAdverbials = newWordSet(`possible needed necessary applicable any present available appropriate
		required relevant desired asked requested prompted unsure unclear`)
	consequenceSubjects = newWordSet("the it its we they you your this that there i he she their our my nothing")
	clauseJoiners       = newWordSet("and but or then so also")
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
	_, text := spoken(prompt)
	var qs []string
	asked := false // the previous sentence asked something
	for _, s := range splitSentences(text) {
		found := s.questions(text)
		if asked && len(found) == 1 && s.offersChoices() {
			qs[len(qs)-1] += " " + found[0]
			continue
		}
		qs = append(qs, found...)
		asked = len(found) > 0
	}
	return qs
}

// promptSentence is a run of tokens up to and excluding its terminator.
type promptSentence struct {
	toks     []textToken
	end      int  // byte offset just after the terminator
	question bool // ended by a question mark
}

func splitSentences(text string) []promptSentence {
	var out []promptSentence
	toks := tokenizeText(text)
	start := 0
	add := func(s promptSentence) {
		if len(leadingWords(s.toks, 1)) > 0 {
			out = append(out, s)
		}
	}
	for i, t := range toks {
		if end, question := sentenceEnd(text, t); end {
			add(promptSentence{toks[start:i], t.end, question})
			start = i + 1
		}
	}
	add(promptSentence{toks: toks[start:], end: len(text)})
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

func (s promptSentence) questions(text string) []string {
	if !s.question && !opensQuestion(s.toks, false) {
		return nil
	}
	var qs []string
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
	w := leadingWords(toks, 2)
	return len(w) == 2 && subjectQuestionWords[w[0]] && !pronounWords[w[1]]
}

// leadingWords returns up to n words from the start of a clause, skipping
// leading punctuation and stopping at the next punctuation.
func leadingWords(toks []textToken, n int) []string {
	var words []string
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
	w := expandQuestionWord(leadingWords(toks, 6))
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

// expandQuestionWord splits a contracted question word: "what's your" →
// "what is your", "where're you" → "where are you".
func expandQuestionWord(w []string) []string {
	if len(w) == 0 {
		return w
	}
	for _, c := range [...]struct{ suffix, aux string }{{"'s", "is"}, {"'re", "are"}} {
		if base, ok := strings.CutSuffix(w[0], c.suffix); ok && questionWords[base] {
			return append([]string{base, c.aux}, w[1:]...)
		}
	}
	return w
}

// ConditionalPhrase finds branching logic written into a prompt and returns
// the phrase that carries it as written ("If the user", "otherwise",
// "unless", "depending on", "in case", "if not", "if they refuse", …).
//
// It tells instructions to the model from speech meant for the user. Speech
// is the text of a Say: prompt, quoted text, and reported speech after "tell
// / explain / let … know that" or "tell the user:". In speech, conditions
// addressed to the user are ordinary talk ("If you wear glasses, please take
// them off", "hold still, otherwise …", "in case of glare"), and only phrases
// about the user in the third person fire ("if the user …", "unless the
// user …", "if the answer …"). In instructions every branching phrase fires
// except
//   - indirect questions: "Ask the user if they are ready", "Check if …";
//   - "if possible / needed / necessary / any …", "as if", "if not already";
//   - "in case of …" and "just in case", which state a purpose;
//   - "or otherwise", and "otherwise" followed by a subject ("otherwise the
//     check may fail"), which states a consequence;
//   - a mid-sentence "if" whose clause is not about the user's reply ("Ask
//     the user to remove glasses if they wear any").
//
// "when/once the user …" is sequencing, not branching, and never fires.
func ConditionalPhrase(prompt string) (phrase string, found bool) {
	direct, text := spoken(prompt)
	toks := tokenizeText(text)
	speech := speechMask(toks, direct)
	for i, t := range toks {
		if n := branchAt(toks, i, speech[i]); n > 0 {
			return text[t.start:toks[i+n-1].end], true
		}
	}
	return "", false
}

// branchAt returns the length in tokens of a branching phrase starting at
// toks[i], or 0.
func branchAt(toks []textToken, i int, speech bool) int {
	next := wordAt(toks, i+1)
	switch wordAt(toks, i) {
	case "if":
		return ifBranch(toks, i, speech)
	case "unless":
		if n := userSubject(toks, i+1); n > 0 {
			return 1 + n
		}
		if !speech {
			return 1
		}
	case "in":
		if next != "case" || wordAt(toks, i+2) == "of" || wordAt(toks, i-1) == "just" {
			return 0
		}
		if n := userSubject(toks, i+2); n > 0 {
			return 2 + n
		}
		if !speech {
			return 2
		}
	case "depending":
		if !speech && (next == "on" || next == "upon") {
			return 2
		}
	case "otherwise":
		after := next
		if i+1 < len(toks) && toks[i+1].text == "," {
			after = wordAt(toks, i+2)
		}
		if !speech && wordAt(toks, i-1) != "or" && !consequenceSubjects[after] {
			return 1
		}
	case "or":
		if !speech && next == "else" {
			return 2
		}
	}
	return 0
}

func ifBranch(toks []textToken, i int, speech bool) int {
	if asksIndirectly(toks, i) || wordAt(toks, i-1) == "as" {
		return 0
	}
	if n := userSubject(toks, i+1); n > 0 {
		return 1 + n
	}
	if speech {
		return 0
	}
	next, after := wordAt(toks, i+1), wordAt(toks, i+2)
	switch {
	case next == "not":
		if after == "already" || after == "yet" {
			return 0
		}
		return 2
	case (next == "so" || next == "yes" || next == "no") && after == "":
		return 2
	case ifAdverbials[next]:
		return 0
	case startsClause(toks, i):
		n := 1
		for n < 3 && wordAt(toks, i+n) != "" {
			n++
		}
		return n
	}
	return replyClause(toks, i)
}

// userSubject returns the length of "the user" (or "the customer", "the
// answer", …) at toks[k], or 0.
func userSubject(toks []textToken, k int) int {
	switch w := wordAt(toks, k); {
	case w == "the" && userNouns[wordAt(toks, k+1)]:
		return 2
	case w == "user" || w == "user's":
		return 1
	}
	return 0
}

// replyClause returns the length of "if <user> <reply verb>" at toks[i] ("if
// they refuse", "if you still don't", "if he does not"), or 0. "You" is the
// model in instructions: "if you cannot hear them" branches too.
func replyClause(toks []textToken, i int) int {
	if !replySubjects[wordAt(toks, i+1)] {
		return 0
	}
	k := i + 2
	for replyAdverbs[wordAt(toks, k)] {
		k++
	}
	switch v := wordAt(toks, k); {
	case replyVerbs[v]:
		return k - i + 1
	case auxSubjects[v] != nil && wordAt(toks, k+1) == "not":
		return k - i + 2
	}
	return 0
}

// asksIndirectly reports whether the "if" at toks[i] introduces an indirect
// question: an asking verb and at most a short object before it ("ask the
// user if", "check if", "find out if", "let me know if").
func asksIndirectly(toks []textToken, i int) bool {
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		w := wordAt(toks, k)
		if askVerbs[w] {
			return true
		}
		if !askObjects[w] {
			return false
		}
	}
	return false
}

// startsClause reports whether toks[i] opens a sentence or clause.
func startsClause(toks []textToken, i int) bool {
	if i == 0 {
		return true
	}
	if p := toks[i-1]; p.word {
		return clauseJoiners[p.text]
	}
	return !strings.Contains(closingMarks+"}", toks[i-1].text)
}

// speechMask marks the tokens that are speech for the user rather than
// instructions to the model: all of a Say: prompt; in a descriptive prompt,
// quoted text and reported speech from "tell … that" / "tell …:" to the end
// of the sentence.
func speechMask(toks []textToken, direct bool) []bool {
	mask := make([]bool, len(toks))
	if direct {
		for i := range mask {
			mask[i] = true
		}
		return mask
	}
	quoted, reported := false, false
	for i, t := range toks {
		switch {
		case t.text == `"`:
			quoted = !quoted
		case t.text == "“":
			quoted = true
		case t.text == "”":
			quoted = false
		case !t.word && strings.Contains(".!?\n", t.text):
			reported = false
		case (t.text == "that" || t.text == ":") && reportsSpeech(toks, i):
			reported = true
		}
		mask[i] = quoted || reported
	}
	return mask
}

// reportsSpeech reports whether a speech verb shortly precedes toks[i] in the
// same clause ("tell the user that", "let them know that").
func reportsSpeech(toks []textToken, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		w := wordAt(toks, k)
		if w == "" {
			return false
		}
		if speechVerbs[w] {
			return true
		}
	}
	return false
}
