package validate

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestSplitSay(t *testing.T) {
	tests := []struct {
		prompt string
		direct bool
		text   string
	}{
		{"Say: Hello there", true, "Hello there"},
		{"Say:Hello", true, "Hello"},
		{"  Say:   Hello, {name}.  ", true, "Hello, {name}."},
		{"Say:", true, ""},
		{"Say: What is your date of birth?\n", true, "What is your date of birth?"},
		{"say: Hello", false, "say: Hello"},
		{"Say : Hello", false, "Say : Hello"},
		{"SAY - Hello", false, "SAY - Hello"},
		{"Say hello to the user.", false, "Say hello to the user."},
		{"Ask the user to Say: yes", false, "Ask the user to Say: yes"},
		{" Thank the user and say the session is complete. ", false, "Thank the user and say the session is complete."},
		{"", false, ""},
	}
	for _, tt := range tests {
		direct, text := SplitSay(tt.prompt)
		if direct != tt.direct || text != tt.text {
			t.Errorf("SplitSay(%q) = %v, %q; want %v, %q", tt.prompt, direct, text, tt.direct, tt.text)
		}
	}
}

func TestSayFormatProblem(t *testing.T) {
	tests := []struct {
		prompt  string
		written string // the prefix the message must quote; "" for no problem
		fixed   string // FixSayFormat result; "" when there is none
	}{
		{"say: Hello", `"say:"`, "Say: Hello"},
		{"SAY: Hello", `"SAY:"`, "Say: Hello"},
		{"SAY - Hello", `"SAY -"`, "Say: Hello"},
		{"Say : Thank you, {name}.", `"Say :"`, "Say: Thank you, {name}."},
		{"Say- Hello", `"Say-"`, "Say: Hello"},
		{"Say – Hello", `"Say –"`, "Say: Hello"},
		{"Say:: Hello", `"Say::"`, "Say: Hello"},
		{"Say; Hello", `"Say;"`, "Say: Hello"},
		{"  say:Hello", `"say:"`, "Say: Hello"},
		{"Say:", `"Say:"`, ""},
		{"Say:   ", `"Say:"`, ""},
		{"Say -", `"Say -"`, ""},
		{"ſay: Hello", `"ſay:"`, "Say: Hello"}, // (?i) folds s with ſ
		{"Say —Hello", `"Say —"`, "Say: Hello"},
		{"  SAY—– Hello", `"SAY—–"`, "Say: Hello"},
		{"Say\t:\tHello", `"Say\t:"`, "Say: Hello"},

		{"Say: Hello", "", ""},
		{"Say:Hello", "", ""}, // the blank after the colon is optional
		{"  Say: Hello", "", ""},
		{"Say hello to the user and ask if they are ready.", "", ""},
		{`Say "hello" to the user.`, "", ""},
		{"Saying goodbye is the last step: keep it short.", "", ""},
		{"Says who? Ask the user.", "", ""},
		{"Ask the user to say: yes or no.", "", ""},
		{"Thank the user and say the session is complete.", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		got := SayFormatProblem(tt.prompt)
		if (got == "") != (tt.written == "") || !strings.Contains(got, tt.written) {
			t.Errorf("SayFormatProblem(%q) = %q; want a message quoting %s", tt.prompt, got, tt.written)
		}
		fixed, ok := FixSayFormat(tt.prompt)
		if fixed != tt.fixed || ok != (tt.fixed != "") {
			t.Errorf("FixSayFormat(%q) = %q, %v; want %q", tt.prompt, fixed, ok, tt.fixed)
		}
	}
}

func TestTemplateVars(t *testing.T) {
	tests := []struct {
		prompt string
		vars   []string
		double bool
	}{
		{"Say: Hi {name}!", []string{"name"}, false},
		{"Say: Hi {name}, we sent a code to {email}. Thanks, {name}.", []string{"name", "email"}, false},
		{"Say: Thank you, {firstName}.", []string{"firstName"}, false},
		{"Say: Hi { name }", []string{"name"}, false},
		{"Your code is {{code}}.", nil, true},
		{"Hi {{userName}}, your code is {{ code }} from {companyName}.", []string{"companyName"}, true},
		{"{{{triple}}}", nil, true},
		{"Say: no variables here", nil, false},
		{"Say: an unclosed { brace", nil, false},
		{"Say: empty {} braces", nil, false},
		{"Say: a closing } first {name}", []string{"name"}, false},
	}
	// Many names, each used twice: past the first few, repeats are found in a
	// set rather than the list, and must still be dropped.
	var many strings.Builder
	var manyVars []string
	for round := range 2 {
		for i := range 30 {
			fmt.Fprintf(&many, "{v%d} ", i)
			if round == 0 {
				manyVars = append(manyVars, fmt.Sprintf("v%d", i))
			}
		}
	}
	tests = append(tests, struct {
		prompt string
		vars   []string
		double bool
	}{many.String(), manyVars, false})
	for _, tt := range tests {
		vars, double := TemplateVars(tt.prompt)
		if !slices.Equal(vars, tt.vars) || double != tt.double {
			t.Errorf("TemplateVars(%.60q) = %q, %v; want %q, %v", tt.prompt, vars, double, tt.vars, tt.double)
		}
	}
}

func TestIsCatchAll(t *testing.T) {
	catchAlls := []string{"", "   ", "default", "Default", "TRUE", "true", "otherwise", "Otherwise.",
		"else", "any", "Anything", "anything else", "Anything else!", "*", "any response",
		"Any other answer", "everything else", "fallback", `"default"`, "(anything else)",
		"The user says anything else", "the user says something else", "In any other case",
		"all other cases", "  ANY   OTHER   REPLY  ", "“Default”", "FALLBAC\u212a", // Kelvin sign
		"the user says user says anything", "'' any  other\tanswer ''"}
	for _, c := range catchAlls {
		if !IsCatchAll(c) {
			t.Errorf("IsCatchAll(%q) = false; want true", c)
		}
	}
	conditions := []string{"The user says anything about cancelling", "The user says yes", "The user agrees",
		"The user has any questions", "The user asks anything", "false", "no",
		"The user says they are ready or anything similar", "The user says nothing",
		"The user declines, wants to stop, or does not answer", "defaults to e-mail", "any e-mail address",
		"for in any other case", "The user says anything else, or says something that is not one of the options " +
			"offered above, or anything that does not match any other outcome of this node"}
	for _, c := range conditions {
		if IsCatchAll(c) {
			t.Errorf("IsCatchAll(%q) = true; want false", c)
		}
	}
}

func TestLooksLikeJSCondition(t *testing.T) {
	js := []string{"true", "false", "True", " true ", "response.length > 0", "answer === 'yes'", "x && y",
		`answer == "yes" || answer == "yeah"`, "!confirmed", "response.includes('yes')",
		"user.age >= 18", "input.trim().length > 0", "typeof answer !== 'undefined'", "count<3", "isYes(answer)",
		"'x' && 'y'", "x<-1", "a >= 'b'", "answer == 'a b c d'"}
	for _, c := range js {
		if !LooksLikeJSCondition(c) {
			t.Errorf("LooksLikeJSCondition(%q) = false; want true", c)
		}
	}
	english := []string{"", "yes", "The user says yes", "The user is older than 18",
		"The user's age > 18 years", "The user says 'true'", "The user confirms (for example says yes)",
		"The user says yes && confirms", "The user gives an e-mail address such as name@example.com",
		"Not ready", "The user says a number < 100 or refuses", "The user types e.g. yes",
		"The user's name.first is set", "fn (x)", "! 1", "The user says 'a.b' and 'c(d)' then stops"}
	for _, c := range english {
		if LooksLikeJSCondition(c) {
			t.Errorf("LooksLikeJSCondition(%q) = true; want false", c)
		}
	}
}

func TestOffersExit(t *testing.T) {
	exits := [][]string{
		{"The user says they are ready", "The user declines, wants to stop, or does not answer"},
		{"The user refuses"},
		{"No answer"},
		{"The user doesn't respond"},
		{"The user stays silent"},
		{"The user gives a valid date", "After two attempts without a valid date"},
		{"The user gives up"},
		{"The user cannot provide the number"},
		{"The user doesn't know their customer number"},
		{"The user can't find their ID"},
		{"The user can’t find their ID"},         // typographic apostrophe
		{"The user doesn’t know their number"},   // typographic apostrophe
		{"Der Nutzer can’t find it – no answer"}, // non-ASCII text takes the slow path
		{"The user says no"},
		{"The user won't share it"},
		{"The user is not ready"},
		{"The user tried three times"},
		{"The user gets the code wrong three times"},
		{"The user says they can't"},
		{"The user names a preferred time", ""}, // a catch-all always moves on
		{"The user prefers not to be called, refuses to answer, or does not answer after two attempts"},
		{"The user is UNABLE to answer"},
		{"The user CANNOT hear the avatar"},
		{"The user stopped"},
		{"Timeout"},
		{"After 3 times"},
		{"The user says no."},
	}
	for _, cs := range exits {
		if !OffersExit(cs) {
			t.Errorf("OffersExit(%q) = false; want true", cs)
		}
	}
	noExits := [][]string{
		nil,
		{"The user says they are ready"},
		{"The user provides a valid date of birth"},
		{"The user confirms their name", "The user gives a different name"},
		{"The user says an eight-digit customer number"},
		{"The user agrees to continue", "The user wants a copy of the receipt"},
		{"The user names a preferred time of day for the call"},
		{"The user says yes or asks for the support contact details"},
		{"The user is quite sure"},
		{"The user asks to hear the instructions again"},
		{"The user says nobody else is with them"},
		{"The user reads the code 13 times slower"},
	}
	for _, cs := range noExits {
		if OffersExit(cs) {
			t.Errorf("OffersExit(%q) = true; want false", cs)
		}
	}
}

// TestOptimisedMatchesReference checks the hand-written scanners against the
// regular expressions and library calls they replace (the original
// implementation), over the texts of the tables and generated variants.
func TestOptimisedMatchesReference(t *testing.T) {
	sayRE := regexp.MustCompile(`^\s*((?i:say)\s*[:;\-–—]+)`)
	jsRE := regexp.MustCompile(`[=!]==?|&&|\|\||[\w)\]'"]\s*[<>]=?\s*[\w('"-]|` +
		`[A-Za-z_$][\w$]*\.[A-Za-z_$][\w$]+|[A-Za-z_$][\w$]*\(|^\s*!\s*[A-Za-z_$]`)
	jsQuoted, jsToken := regexp.MustCompile(`'[^']*'|"[^"]*"`), regexp.MustCompile(`[\w$.]+`)
	exitRE := regexp.MustCompile(`\b(silen(t|ce)|no (answer|response|reply|input)|says? nothing|unresponsive|` +
		`not (respond|answer|reply|speak|say anything|react)|never (respond|answer|reply)|times? ?out|timed ?out|` +
		`refus|declin|unwilling|reluctant|reject|objects\b|objection|` +
		`not (want|wish|consent|agree|ready|willing|comfortable|continue|proceed)|` +
		`wants? to (leave|end|exit|skip|finish later)|stop(s|ped|ping)?\b|quits?\b|cancel|gives? up|opts? out|` +
		`(says?|answers?|repl(y|ies)|responds?)( with)? no\b|can not|unable|` +
		`not (have|know|remember|find|provide|share|see|hear)|not sure|unsure|forg[oe]t|` +
		`attempts?|tries|tried|retries|too many|repeatedly|twice|(two|three|four|five|[2-9]) times|fail)`)
	templateVar := regexp.MustCompile(`\{[^{}]*\}`)

	texts := []string{"", "ſay: Hi", "x = 'a' && \"b\" || c.d(e)", "K", "İf", "\xff\xfe", "can’t n't CANNOT"}
	for _, c := range questionCases {
		texts = append(texts, c.prompt)
	}
	for _, c := range conditionalCases {
		texts = append(texts, c.prompt)
	}
	for _, c := range languageCases {
		texts = append(texts, c.text)
	}
	pieces := strings.Fields(`Say: say - SAY— ſay; The user says anything else “default” FALLBAC` + "\u212a" +
		` isn't can’t cannot doesn't stops stopx 3 times 13 times says no. nobody a.b a.bc f( !x ==
		< > <= x>-1 'q' "dq" ' " {name} {{code}} { https://a.b/c www.x.de a@b.c l'utilisateur dell’identità
		Überprüfung Привет і こんにちは 身分 ¿Está ¡ é ñ What’s WHO'RE ? ?? . … 。 ？ \t \n`)
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var b strings.Builder
		for k := r.IntN(12); k >= 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
			b.WriteString([]string{" ", "", "  ", ", ", "\u00a0"}[r.IntN(5)])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts[:len(texts)-3000] {
		texts = append(texts, strings.ToUpper(s), strings.ReplaceAll(s, "'", "’"), strings.ReplaceAll(s, " ", "\t "))
	}

	for _, s := range texts {
		m := sayRE.FindStringSubmatchIndex(s)
		if start, end, ok := sayLike(s); ok != (m != nil) || ok && (start != m[2] || end != m[3]) {
			t.Errorf("sayLike(%q) = %d, %d, %v; want %v", s, start, end, ok, m)
		}
		if got, want := jsSyntax(s), jsRE.MatchString(s); got != want {
			t.Errorf("jsSyntax(%q) = %v; want %v", s, got, want)
		}
		c, plain := strings.TrimSpace(s), 0
		for _, tok := range jsToken.FindAllString(jsQuoted.ReplaceAllString(c, ""), -1) {
			if !strings.ContainsAny(tok, "._$0123456789") && !jsWords[tok] {
				plain++
			}
		}
		l := strings.ToLower(c)
		if got, want := LooksLikeJSCondition(s), l == "true" || l == "false" || jsRE.MatchString(c) && plain < 3; got != want {
			t.Errorf("LooksLikeJSCondition(%q) = %v; want %v", s, got, want)
		}
		c = strings.Trim(strings.ToLower(strings.Join(strings.Fields(s), " ")), " \"'`“”‘’()[].!?,;:")
		for _, lead := range catchAllLeads {
			c = strings.TrimPrefix(c, lead)
		}
		if got, want := IsCatchAll(s), c == "" || catchAll[c]; got != want {
			t.Errorf("IsCatchAll(%q) = %v; want %v", s, got, want)
		}
		norm := conditionText.Replace(strings.ToLower(strings.ReplaceAll(s, "’", "'")))
		if got := string(exitText(nil, s)); got != norm || hasExitPhrase([]byte(got)) != exitRE.MatchString(norm) {
			t.Errorf("exit text of %q = %q, %v; want %q, %v", s, got, hasExitPhrase([]byte(got)), norm, exitRE.MatchString(norm))
		}
		var fields []string
		eachLangField(s, func(f string) { fields = append(fields, f) })
		want := slices.DeleteFunc(strings.Fields(templateVar.ReplaceAllString(s, " ")), func(f string) bool {
			return strings.Contains(f, "://") || strings.HasPrefix(f, "www.") || strings.Contains(f, "@")
		})
		if !slices.Equal(fields, want) {
			t.Errorf("eachLangField(%q) = %q; want %q", s, fields, want)
		}
		for _, tok := range tokenizeText(nil, s) {
			if tok.word && tok.text != strings.ToLower(strings.ReplaceAll(s[tok.start:tok.end], "’", "'")) {
				t.Errorf("tokenizeText(%q): word %q at %d is %q", s, s[tok.start:tok.end], tok.start, tok.text)
			}
		}
	}
}
