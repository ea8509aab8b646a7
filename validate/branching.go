package validate

// Branching: phrases that branch inside a prompt (ConditionalPhrase), and
// outcome conditions that let a conversation end without reaching its goal
// (OffersExit).

import (
	"strings"
	"unicode/utf8"
)

// Word lists for ConditionalPhrase, lower case.
var (
	replySubjects = newWordSet("they he she you")
	askVerbs      = newWordSet(`ask asks asking asked check checks checking confirm confirms verify verifies
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
	f := factsMemo.get(prompt, analyseText)
	return f.branch, f.branches
}

// conditionalPhrase is ConditionalPhrase on the text of a prompt, tokenized
// as toks.
func conditionalPhrase(text string, toks []textToken, direct bool) (phrase string, found bool) {
	speech := speechState{direct: direct}
	for i, t := range toks {
		if n := branchAt(toks, i, speech.at(toks, i)); n > 0 {
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

// speechState tells the tokens that are speech for the user from
// instructions to the model: all of a Say: prompt; in a descriptive prompt,
// quoted text and reported speech from "tell … that" / "tell …:" to the end
// of the sentence.
type speechState struct{ direct, quoted, reported bool }

// at reports whether toks[i] is speech. It reads the tokens in order: call it
// for i = 0, 1, 2, ….
func (s *speechState) at(toks []textToken, i int) bool {
	if s.direct {
		return true
	}
	switch t := toks[i]; {
	case t.text == `"`:
		s.quoted = !s.quoted
	case t.text == "“":
		s.quoted = true
	case t.text == "”":
		s.quoted = false
	case !t.word && strings.Contains(".!?\n", t.text):
		s.reported = false
	case (t.text == "that" || t.text == ":") && reportsSpeech(toks, i):
		s.reported = true
	}
	return s.quoted || s.reported
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

// exitPhrases are the phrases of conditions that let a goal-driven
// conversation end without reaching its goal: silence, refusal, inability or
// repeated failure. A request for help or support is not an exit: it still
// needs an answer. They are matched at the start of a word of the text
// normalised by conditionText, as a prefix ("refus" matches "refuses"), or
// as whole words when they end in "$". As a regular expression:
//
//	\b(silen(t|ce)|no (answer|response|reply|input)|says? nothing|unresponsive|
//	not (respond|answer|reply|speak|say anything|react)|never (respond|answer|reply)|
//	times? ?out|timed ?out|refus|declin|unwilling|reluctant|reject|objects\b|objection|
//	not (want|wish|consent|agree|ready|willing|comfortable|continue|proceed)|
//	wants? to (leave|end|exit|skip|finish later)|stop(s|ped|ping)?\b|quits?\b|cancel|
//	gives? up|opts? out|(says?|answers?|repl(y|ies)|responds?)( with)? no\b|
//	can not|unable|not (have|know|remember|find|provide|share|see|hear)|not sure|unsure|forg[oe]t|
//	attempts?|tries|tried|retries|too many|repeatedly|twice|(two|three|four|five|[2-9]) times|fail)
var exitPhrases = func() [][]string {
	var list []string
	expand := func(heads, tails string) {
		for _, h := range strings.Split(heads, "|") {
			for _, t := range strings.Split(tails, "|") {
				list = append(list, h+t)
			}
		}
	}
	expand("silen", "t|ce")
	expand("no ", "answer|response|reply|input")
	expand("say|says", " nothing")
	expand("not ", "respond|answer|reply|speak|say anything|react|want|wish|consent|agree|ready|"+
		"willing|comfortable|continue|proceed|have|know|remember|find|provide|share|see|hear|sure")
	expand("never ", "respond|answer|reply")
	expand("time|times|timed", "out| out")
	expand("want|wants", " to leave| to end| to exit| to skip| to finish later")
	expand("stop", "$|s$|ped$|ping$")
	expand("quit", "$|s$")
	expand("give|gives", " up")
	expand("opt|opts", " out")
	expand("say|says|answer|answers|reply|replies|respond|responds", " no$| with no$")
	expand("forg", "ot|et")
	expand("two|three|four|five|2|3|4|5|6|7|8|9", " times")
	list = append(list, strings.Fields(`unresponsive refus declin unwilling reluctant reject objects$
		objection cancel unable unsure attempt tries tried retries repeatedly twice fail`)...)
	list = append(list, "can not", "too many")
	byFirst := make([][]string, utf8.RuneSelf)
	for _, p := range list {
		byFirst[p[0]] = append(byFirst[p[0]], p)
	}
	return byFirst
}()

// conditionText spells out negative contractions in a lower-case condition
// ("cannot", "can't", "doesn't" → "can not", "can not", "does not").
var conditionText = strings.NewReplacer("cannot", "can not", "can't", "can not", "n't", " not")

// OffersExit reports whether any of the conditions gives a goal-driven
// conversation a way out for silence, refusal or too many attempts ("The user
// refuses", "does not answer", "after two attempts", "wants to stop", "cannot
// provide", "doesn't know", …). A catch-all condition counts
// as an exit, since the conversation moves on whatever the user says.
func OffersExit(conditions []string) bool {
	var buf [256]byte
	for _, c := range conditions {
		if IsCatchAll(c) || hasExitPhrase(exitText(buf[:0], c)) {
			return true
		}
	}
	return false
}

// exitText appends conditionText.Replace(strings.ToLower(c)) to dst, in one
// pass for ASCII text (with typographic apostrophes).
func exitText(dst []byte, c string) []byte {
	if strings.Contains(c, "’") { // typographic apostrophes, as pasted from documents
		c = strings.ReplaceAll(c, "’", "'")
	}
	for i := 0; i < len(c); i++ {
		if c[i] >= utf8.RuneSelf {
			return append(dst, conditionText.Replace(strings.ToLower(c))...)
		}
	}
	for i := 0; i < len(c); {
		switch b := lowerASCII(c[i]); {
		case b == 'c' && hasFoldPrefix(c[i:], "cannot"):
			dst = append(dst, "can not"...)
			i += len("cannot")
		case b == 'c' && hasFoldPrefix(c[i:], "can't"):
			dst = append(dst, "can not"...)
			i += len("can't")
		case b == 'n' && hasFoldPrefix(c[i:], "n't"):
			dst = append(dst, " not"...)
			i += len("n't")
		default:
			dst = append(dst, b)
			i++
		}
	}
	return dst
}

// hasFoldPrefix reports whether s starts with the lower-case ASCII prefix in
// any case.
func hasFoldPrefix(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if lowerASCII(s[i]) != prefix[i] {
			return false
		}
	}
	return true
}

// hasExitPhrase reports whether an exit phrase starts at a word start of t.
func hasExitPhrase(t []byte) bool {
	for i := 0; i < len(t); i++ {
		if t[i] >= utf8.RuneSelf || i > 0 && isWordByte(t[i-1]) {
			continue
		}
		for _, p := range exitPhrases[t[i]] {
			whole := p[len(p)-1] == '$'
			if whole {
				p = p[:len(p)-1]
			}
			if len(t)-i >= len(p) && string(t[i:i+len(p)]) == p &&
				(!whole || i+len(p) == len(t) || !isWordByte(t[i+len(p)])) {
				return true
			}
		}
	}
	return false
}
