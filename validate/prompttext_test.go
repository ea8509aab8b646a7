package validate

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"sync"
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

// questionCases hold real-sounding FaceSign prompts and how many questions
// each asks; multiple-questions fires at two or more.
var questionCases = []struct {
	prompt string
	want   int
}{
	// Quiet: no question or one.
	{"Say: Hi {name}! I'm your verification assistant. This takes about a minute and I'll guide you through each step.", 0},
	{"Ask the user to confirm they are ready to start the verification.", 0},
	{"Say: Thanks, {name}. Please look straight into the camera for a moment.", 0},
	{"Thank the user and say the session is complete. Keep it to one sentence.", 0},
	{"Ask the user whether they have their passport or ID card at hand.", 0},
	{"Say: What is the last four digits of the card you used?", 1},
	{"Ask the user if they are ready.", 0},
	{"Say: Do you have your passport or your ID card with you?", 1},
	{"Say: Please tell me your name. What is your date of birth?", 1},
	{"Say: Visit https://help.example.com/faq?topic=id&lang=en if you need help. Are you ready?", 1},
	{"Say: Open https://example.com/verify?#start on your phone. Are you there?", 1},
	{`Say: If you get stuck, tap the "?" icon in the corner of your screen.`, 0},
	{`Ask the user: "Are you ready to begin?"`, 1},
	{"Say: Are you ready?!", 1},
	{"Say: Ready? Let's begin.", 1},
	{"Say: Is that you, {name}?", 1},
	{"Say: Could you please hold your ID a little closer to the camera.", 0},
	{"Say: Can you hold your ID up and tilt it slightly towards the light?", 1},
	{"Say: What you need now is your passport or national ID card.", 0},
	{"Ask the user for their full name and date of birth.", 0},
	{"Ask the user what their date of birth is and whether they have their ID with them.", 0},
	{"Say: Hello and welcome! To open your account, we need to verify your identity. First you will scan a government-issued photo ID, and then we will take a quick photo of your face. Do you have your ID document with you?", 1},
	{"Say: I could not find an account that matches your face. Our support team can still help you recover access with a few security questions. Would you like me to show you how to reach them?", 1},
	{"Say: Hi {name}. Before we change the security settings on your account, I need to confirm it is really you with a one-time code sent by e-mail. Shall we continue?", 1},
	{"Say: Hi {name}, welcome! Before we continue, I need to confirm that you are really here. Please look straight at the camera. Let me know when you are ready.", 0},
	{"Say: Don't worry if you make a mistake, we can try again.", 0},
	{"Say: Do not move your head while the check runs.", 0},
	{"Say: Are you ready, {name}, to start the check?", 1},
	{"Thank the user for completing the check. Then ask which time of day suits them best for a follow-up call from our team: morning, afternoon or evening.", 0},
	{"Say: Please type the code we sent to {email}. Didn't get it? Check your spam folder.", 1},
	{"Say: Have your ID ready and look at the camera.", 0},
	{"Say: What's your date of birth? For example, 12 March 1990.", 1},
	{"Say: If you have any questions, just ask.", 0},
	{"Say: Your reference is ABC?123, please keep it.", 0},
	{"Say: Are you ready and comfortable to begin?", 1},
	{"Say: Can you confirm that you are over 18 and that you agree to the terms?", 1},
	{`Ask the user: "What is your date of birth?" Wait for a full date.`, 1},
	{"Say: Hmm... are you still there?", 1},
	{"Say: Is the name on your ID the same as {name}?", 1},
	{"Say: If you're ready, can you say yes?", 1},
	{"Say: Do you have a passport, an ID card, or a driving licence?", 1},
	{`Say: Your status is "Verified." Is your e-mail still {email}.`, 1},
	{"Say: When ready, can you hold your ID up to the camera?", 1},
	{"Say: What you see on the screen, can you read it out to me?", 1},
	{"Say: How would you like to receive your code, {name}? By text or by e-mail?", 1},
	{"Say: Which time suits you best for a call? Morning, afternoon or evening?", 1},

	// Fire: two or more.
	{"Say: Hello? Can you hear me?", 2},
	{"Say: Hi {name}, welcome to your identity check. Are you ready to begin? Do you have good lighting where you are?", 2},
	{"Say: What is your name? And what is your date of birth?", 2},
	{"Say: What is your name and can you confirm your email", 2},
	{"Say: What's your full name, and what's your date of birth?", 2},
	{"Say: Is your name {name}. Is your email {email}.", 2},
	{`Ask the user: "Are you ready?" and then "Do you have your passport?"`, 2},
	{"Say: Do you have a passport? Or would you prefer to use a driving licence?", 2},
	{"Say: Can you hear me? Can you see me?", 2},
	{"Say: Hi {name}! How are you today? Ready to begin?", 2},
	{"Say: Where do you live, and how long have you lived there?", 2},
	{"Say: Do you have your ID with you and is it still valid?", 2},
	{"Say: Are you ready and do you have your passport", 2},
	{"Ask: What is your date of birth? What is your postcode? What is your phone number?", 3},
	{"Say: Ready? Do you have your ID card?", 2},
	{"Say: Is this a good time? Shall we begin?", 2},
	{"Say: Are you ready to start?? Do you need more time?", 2},
	{"Say: Did you receive the code? Could you read it out to me?", 2},
	{"Say: What is your customer number, and when did you open your account?", 2},
	{`Ask the user "Is your name {name}?" and "Is your email {email}?"`, 2},
	{"Say: Can you see the screen? Is the text readable?", 2},
	{"Say: Would you like a receipt? Should I send it to {email}?", 2},
	{"Say: What time of day suits you best, and which number should we call?", 2},
	{"Say: Sorry, I didn't catch that. Could you repeat your name? Also, how do you spell it?", 2},
	{"Say: Do you agree to the recording? Do you agree to the privacy policy?", 2},
	{"Say: Have you done this before? Do you know what to expect?", 2},
	{"Say: Welcome back, {name}. Did you bring your passport. Are you in a quiet place.", 2},
	{"Say: Which document will you use today, a passport or an ID card? And is it with you right now?", 2},
	{"Say: How old are you and where were you born?", 2},
	{"Say: How many times have you tried today, and which device do you use?", 2},
	{"Say: Do you have your ID with you and does it show your photo?", 2},
	{"Say: Would you like a receipt. Do you want it by e-mail.", 2},
	{"Say: Is your name {name}\nIs your e-mail {email}", 2},
	{"Say: Do you want the code by text? Or would you prefer e-mail?", 2},
	{"Say: Can you hear me? Maybe the sound on your device is too low or muted?", 2},
	{"Say: Is the photo page open, and can you hold it still?", 2},
	{"Say: Are you {name}? Is {email} still your e-mail address?", 2},
	{"say: Are you ready? Do you have your ID?", 2},
	{"Say: 準備はいいですか？身分証明書はお持ちですか？", 2},
	{"Say: ¿Está listo? ¿Tiene su documento?", 2},
}

func TestQuestions(t *testing.T) {
	for _, tt := range questionCases {
		if got := Questions(tt.prompt); len(got) != tt.want {
			t.Errorf("Questions(%q) = %q; want %d questions", tt.prompt, got, tt.want)
		}
	}
}

func TestQuestionsText(t *testing.T) {
	tests := []struct {
		prompt string
		want   []string
	}{
		{"Say: Hello? Can you hear me?", []string{"Hello?", "Can you hear me?"}},
		{"Say: What is your name and can you confirm your email", []string{"What is your name", "can you confirm your email"}},
		{"Say: Please tell me your name. What is your date of birth?", []string{"What is your date of birth?"}},
		{`Ask the user: "Are you ready?"`, []string{"Are you ready?"}},
		{"Say: Text or e-mail? Which do you prefer? Text or e-mail?", []string{"Text or e-mail?", "Which do you prefer? Text or e-mail?"}},
		{"Say: What’s your name? Where’re you?", []string{"What’s your name?", "Where’re you?"}},
		{"Say: WHAT'S YOUR NAME? WHO'RE YOU?", []string{"WHAT'S YOUR NAME?", "WHO'RE YOU?"}},
		{"Say: Is it you, {name}?\r\nAre you ready?", []string{"Is it you, {name}?", "Are you ready?"}},
	}
	for _, tt := range tests {
		if got := Questions(tt.prompt); !slices.Equal(got, tt.want) {
			t.Errorf("Questions(%q) = %q; want %q", tt.prompt, got, tt.want)
		}
	}
}

// conditionalCases hold real-sounding FaceSign prompts and the branching
// phrase conditional-prompt must report, or "" for none.
var conditionalCases = []struct {
	prompt string
	phrase string
}{
	// Fire.
	{"Ask the user whether they want a copy of the verification receipt. If the user says yes, tell them it will arrive by e-mail shortly; otherwise just thank them.", "If the user"},
	{"If the user says no, ask again.", "If the user"},
	{"Ask the user if they are ready. If not, wait a moment and ask again.", "If not"},
	{"Ask for their date of birth; if they refuse, thank them and end politely.", "if they refuse"},
	{"Ask the user to confirm their name, otherwise move on to the next step.", "otherwise"},
	{"Do not continue unless the user clearly agrees to the recording.", "unless the user"},
	{"Depending on the user's answer, either explain the process or skip ahead.", "Depending on"},
	{"In case the user asks about pricing, tell them the check is free.", "In case the user"},
	{"Ask the user for their postcode. If they cannot remember it, ask for their street instead.", "If they cannot"},
	{"Repeat the question if the user does not respond.", "if the user"},
	{"Ask again if they don't answer.", "if they don't"},
	{"Ask whether they are ready to continue. If yes, say great; if no, say goodbye.", "If yes"},
	{"Confirm the user's name. If they give a different name, ask them to spell it.", "If they give"},
	{"Greet the user. If you cannot see their face, ask them to move closer.", "If you cannot"},
	{"Ask the user which document they have. If it is a passport, ask for the photo page.", "If it is"},
	{"Ask for the e-mail address and, if it looks wrong, ask them to repeat it.", "if it looks"},
	{"Explain the recording policy, and if the user objects, end the session.", "if the user"},
	{"Ask if they have their ID with them. If so, continue; otherwise explain how to get one.", "If so"},
	{"Ask the user to hold still. If the face is not visible, ask them to adjust the lighting.", "If the face"},
	{"Say: Hello! If the user does not respond, repeat the greeting.", "If the user"},
	{"Say: Please look at the camera. Unless the user is ready, wait.", "Unless the user"},
	{"Ask for the customer number or else end the call.", "or else"},
	{"Thank the user. Only ask for a receipt address if they say they want one.", "if they say"},
	{"Ask the user for their date of birth, and end the session in case they refuse.", "in case"},
	{"Ask which day suits them, then book it, otherwise offer to call back.", "otherwise"},
	{"When the user confirms, say thank you. If they hesitate, reassure them.", "If they hesitate"},
	{"Ask the user to read out the code. If the answer is wrong, ask once more.", "If the answer"},
	{"Tell the user we need their ID. If they do not have it, offer to reschedule.", "If they do"},
	{"Ask for their name. Depending on whether they are a new customer, welcome them or welcome them back.", "Depending on"},
	{"Ask the user to show their ID, unless they already did so.", "unless"},
	{"Ask the user to say yes or no, and treat it as a no if they stay quiet.", "if they stay"},
	{"Offer help if the user seems confused.", "if the user"},
	{"say: Hello! If the user is silent, repeat this.", "If the user"},
	{`Ask "Are you ready?" If not, wait.`, "If not"},
	{"Ask for the postcode and repeat the question if user gives no answer.", "if user"},
	{"Thank the user and end the call if they do not respond.", "if they do not"},
	{"Ask for the code once more if they still refuse.", "if they still refuse"},
	{"Say “Welcome!” to the user. If they do not answer, repeat it.", "If they do"},
	{"Tell the user that the check is done. If they want a receipt, send it by e-mail.", "If they want"},
	{"Ask whether they have their ID with them and continue if so.", "if so"},
	{"Ask for the postcode and if it is wrong, ask again.", "if it is"},
	{"IF THE USER REFUSES, STOP.", "IF THE USER"},

	// Quiet.
	{"Ask the user if they are ready.", ""},
	{"Ask the user if they agree to the terms of service.", ""},
	{"Check if the user is ready to begin the verification.", ""},
	{"Find out if the user has their passport with them.", ""},
	{"Ask the user if the name on the screen is correct.", ""},
	{"Ask the user to say if they want a copy of the receipt.", ""},
	{"Say: If you wear glasses, please take them off for a moment.", ""},
	{"Say: Please hold your phone steady in case of glare.", ""},
	{"Ask the user to tilt their ID slightly in case of glare.", ""},
	{"Say: Please keep your face in the frame, otherwise the check may fail.", ""},
	{"Ask the user to keep their face in the frame, otherwise the check may fail.", ""},
	{"Ask the user to remove their glasses if they wear any.", ""},
	{"Say: If you have any questions, just ask.", ""},
	{"Ask the user, if possible, to move to a brighter room.", ""},
	{"Repeat the instructions if needed.", ""},
	{"Ask the user to enable their camera if not already enabled.", ""},
	{"Tell the user that if they need a break, they can say so at any time.", ""},
	{"Explain that, depending on their connection, the upload may take a minute.", ""},
	{"Say: Depending on your connection, this may take a minute.", ""},
	{"Say: Just in case, please keep this window open until we are done.", ""},
	{"Let the user know they can ask for help if they get stuck.", ""},
	{"Ask the user whether they want to continue.", ""},
	{"Say: Unless you tell me otherwise, I'll use the name on your account.", ""},
	{"Say: If you're not ready yet, no problem. Just let me know when you are.", ""},
	{"When the user is ready, thank them and say the scan will start.", ""},
	{"Ask the user to look at the camera as if they were taking a passport photo.", ""},
	{"Say: Please type your e-mail address into the field on your screen.", ""},
	{"Say: In case you were wondering, your data is encrypted.", ""},
	{"Say: I could not see your face clearly just now. Please move to a brighter spot, take off a hat or sunglasses, and look straight into the camera. Let me know when you are ready to try again.", ""},
	{"Thank the user for completing the check. Then ask which time of day suits them best for a follow-up call from our team: morning, afternoon or evening.", ""},
	{"Ask the user, politely, whether they would like a copy of the receipt.", ""},
	{"Remind the user that unless they confirm within five minutes, the code expires.", ""},
	{"Tell the user: if you need help, just say help.", ""},
	{"Ask the user to sign or otherwise confirm the consent.", ""},
	{"Explain to the user that the session is recorded in case of disputes.", ""},
	{`Ask the user to say "If I may" before they start.`, ""},
	{"Say: Thank you, {name}. Your identity is confirmed and your change is saved.", ""},
	{"Ask the user to hold up their ID card (front side) if they have one.", ""},
	{"Tell the user “If you need a moment, just say wait.”", ""},
	{"Ask the user to nod slowly as if they agree, to test the camera.", ""},
	{`Ask the user to repeat after you: "Unless you object, we record this call."`, ""},
}

func TestConditionalPhrase(t *testing.T) {
	for _, tt := range conditionalCases {
		phrase, found := ConditionalPhrase(tt.prompt)
		if phrase != tt.phrase || found != (tt.phrase != "") {
			t.Errorf("ConditionalPhrase(%q) = %q, %v; want %q", tt.prompt, phrase, found, tt.phrase)
		}
	}
}

// TestCaseTables keeps the precision tables at the size the rules were tuned on.
func TestCaseTables(t *testing.T) {
	var q, c [2]int
	for _, tt := range questionCases {
		q[min(tt.want/2, 1)]++
	}
	for _, tt := range conditionalCases {
		c[min(len(tt.phrase), 1)]++
	}
	if q[0] < 30 || q[1] < 30 || c[0] < 30 || c[1] < 30 {
		t.Errorf("questions quiet/fire = %v, conditional quiet/fire = %v; want at least 30 each", q, c)
	}
}

func BenchmarkQuestions(b *testing.B) {
	const prompt = "Say: Hi {name}, welcome! Before we continue, I need to confirm that you are really here. Please look straight at the camera and keep your face inside the frame. Are you ready to begin?"
	for b.Loop() {
		Questions(prompt)
	}
}

func BenchmarkConditionalPhrase(b *testing.B) {
	const prompt = "Ask the user whether they want a copy of the verification receipt. Tell them it will arrive by e-mail shortly and thank them."
	for b.Loop() {
		ConditionalPhrase(prompt)
	}
}

// TestTextMemo runs the memoised analyses from several goroutines against
// the analyses themselves.
func TestTextMemo(t *testing.T) {
	texts := make([]string, 0, 3000)
	for i := 0; len(texts) < cap(texts); i++ {
		q := questionCases[i%len(questionCases)].prompt
		texts = append(texts, fmt.Sprintf("%s (%d)", q, i), conditionalCases[i%len(conditionalCases)].prompt,
			languageCases[i%len(languageCases)].text)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for k := range texts {
				s := texts[(k*7+g*len(texts)/4)%len(texts)]
				want := analyseText(s)
				if got := Questions(s); !slices.Equal(got, want.questions) {
					t.Errorf("Questions(%q) = %q; want %q", s, got, want.questions)
				}
				if p, ok := ConditionalPhrase(s); p != want.branch || ok != want.branches {
					t.Errorf("ConditionalPhrase(%q) = %q, %v; want %q", s, p, ok, want.branch)
				}
				if lang, english := DetectLanguage(s); lang != want.lang || english != want.english {
					t.Errorf("DetectLanguage(%q) = %q; want %q", s, lang, want.lang)
				}
			}
		})
	}
	wg.Wait()
	const prompt = "Say: Hello? Can you hear me?"
	if qs := Questions(prompt); len(qs) == 2 {
		qs[0] = "changed" // the caller owns the result
	}
	if qs := Questions(prompt); !slices.Equal(qs, []string{"Hello?", "Can you hear me?"}) {
		t.Errorf("Questions(%q) = %q after the caller changed an earlier result", prompt, qs)
	}
}

// TestTextMemoGenerations fills a memo past two generations (by size) and
// checks what it still remembers.
func TestTextMemoGenerations(t *testing.T) {
	var m textMemo[int]
	calls := 0
	analyse := func(s string) int { calls++; return len(s) }
	text := func(i int) string { return fmt.Sprintf("%0*d", memoMaxText, i) }
	perGeneration := memoBytes / memoMaxText
	n := 5 * perGeneration / 2
	for i := range n {
		if got := m.get(text(i), analyse); got != memoMaxText || calls != i+1 {
			t.Fatalf("get #%d = %d after %d analyses", i, got, calls)
		}
	}
	if len(m.cur)+len(m.prev) > 2*perGeneration || m.bytes > memoBytes {
		t.Errorf("the memo holds %d+%d texts, %d bytes in the new generation", len(m.cur), len(m.prev), m.bytes)
	}
	calls = 0
	for i := n - perGeneration; i < n; i++ { // the last generation's worth is remembered
		m.get(text(i), analyse)
	}
	if m.get(text(0), analyse); calls != 1 {
		t.Errorf("%d analyses; want 1 (of the forgotten first text)", calls)
	}
	if m.get(strings.Repeat("x", memoMaxText+1), analyse); m.get(strings.Repeat("x", memoMaxText+1), analyse) != memoMaxText+1 || calls != 3 {
		t.Errorf("%d analyses; want a long text analysed each time", calls)
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
