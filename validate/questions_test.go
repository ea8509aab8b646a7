package validate

// Tests of the question and branching heuristics (Questions,
// ConditionalPhrase) on tables of real-sounding prompts.

import (
	"slices"
	"testing"
)

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
