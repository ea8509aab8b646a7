package validate

import "testing"

// languageCases hold prompts and conditions with the language non-english
// must report, or "en" for none.
var languageCases = []struct {
	text string
	lang string
}{
	// Fire: not English.
	{"Bitten Sie den Benutzer, in die Kamera zu schauen.", "de"},
	{"Say: Hallo {name}! Bitte halten Sie Ihren Ausweis vor die Kamera.", "de"},
	{"Fragen Sie den Nutzer, ob er bereit ist.", "de"},
	{"Der Benutzer sagt ja", "de"},
	{"Bedanken Sie sich beim Nutzer und sagen Sie, dass die Überprüfung abgeschlossen ist.", "de"},
	{"Demandez à l'utilisateur s'il est prêt à commencer la vérification.", "fr"},
	{"Say: Bonjour {name} ! Merci de regarder la caméra pendant quelques secondes.", "fr"},
	{"L'utilisateur dit oui", "fr"},
	{"Remerciez l'utilisateur et dites que la session est terminée.", "fr"},
	{"Pregúntele al usuario si tiene su documento de identidad a mano.", "es"},
	{"Say: Hola {name}, por favor mire a la cámara durante unos segundos.", "es"},
	{"El usuario dice que sí", "es"},
	{"Dígale al usuario que la verificación ha terminado. Gracias.", "es"},
	{"Say: Vamos a empezar. ¿Está listo?", "es"},
	{"Chiedi all'utente se è pronto per iniziare la verifica.", "it"},
	{"Say: Ciao {name}! Per favore guarda la fotocamera per qualche secondo.", "it"},
	{"L'utente dice di sì", "it"},
	{"Ringrazia l'utente e digli che la verifica è completa.", "it"},
	{"Pergunte ao usuário se ele está pronto para começar a verificação.", "pt"},
	{"Say: Olá {name}! Por favor, olhe para a câmera por alguns segundos.", "pt"},
	{"O usuário diz que não tem o documento", "pt"},
	{"Agradeça ao utilizador e diga que a sessão está concluída.", "pt"},
	{"Diga que a verificação está completa.", "pt"}, // ties with es; ç and ã decide
	{"Vraag de gebruiker of hij klaar is om te beginnen.", "nl"},
	{"Say: Hallo {name}, kijk alstublieft even in de camera.", "nl"},
	{"Tanyakan kepada pengguna apakah mereka sudah siap untuk memulai verifikasi.", "id"},
	{"Say: Halo {name}, silakan lihat ke kamera selama beberapa detik.", "id"},
	{"Spør brukeren om de er klare til å starte verifiseringen.", "no"},
	{"Say: Hei {name}! Vennligst se inn i kameraet et øyeblikk.", "no"},
	{"Спросите пользователя, готов ли он начать проверку.", "ru"},
	{"Say: Здравствуйте, {name}! Пожалуйста, посмотрите в камеру.", "ru"},
	{"Запитайте користувача, чи він готовий почати перевірку.", "uk"},
	{"Say: こんにちは、{name}さん。カメラを見てください。", "ja"},
	{"ユーザーに準備ができているか確認してください。", "ja"},
	{"身分証明書の写真面を提示して下さい。", "ja"},
	{"请用户看着摄像头几秒钟。", "zh"},
	{"Say: 您好，{name}！请出示您的身份证件。", "zh"},
	{"Say: 欢迎使用 FaceSign，{name}！请看着摄像头。", "zh"},
	{"사용자에게 준비가 되었는지 물어보세요.", "ko"},
	{"اسأل المستخدم إذا كان مستعدًا للبدء.", "ar"},
	{"Ρωτήστε τον χρήστη αν είναι έτοιμος.", "el"},
	{"שאל את המשתמש אם הוא מוכן להתחיל.", "he"},
	{"Bitte {name} die Kamera{x}und der Ausweis", "de"}, // template variables separate words
	{"Spør brukeren om de er klare til å starte verifiseringen via https://x.no/a eller post@x.no.", "no"},

	// Quiet: English, or too little to judge.
	{"Say: Hi {name}! I'm your verification assistant. This takes about a minute and I'll guide you through each step.", "en"},
	{"Ask the user to confirm they are ready to start the verification.", "en"},
	{"Say: Welcome to Société Générale, {name}.", "en"},
	{"Say: Hi {name}, welcome to Banco de la Nación. Let's verify your identity.", "en"},
	{"Say: Thanks for choosing Deutsche Bank, {name}. Please look at the camera.", "en"},
	{"Ask the user to confirm their address in São Paulo.", "en"},
	{"Say: Welcome to Caixa Geral de Depósitos.", "en"},
	{"Say: Bonjour! Welcome to your verification, {name}.", "en"},
	{"Say: Gracias, {name}! That's everything we need.", "en"},
	{"Ask the user for their Personalausweis or Reisepass.", "en"},
	{"Say: Please say your full name, for example Jean-Pierre Dupont de la Tour.", "en"},
	{"Say: Welcome to Сбербанк Online, {name}. Please look at the camera.", "en"},
	{"Say: Welcome to 三菱UFJ銀行, {name}. Please look straight at the camera for a moment.", "en"},
	{"Say: Welcome to 东京 Bank, {name}. Please look at the camera and hold still.", "en"},
	{"{name}", "en"},
	{"Say: OK.", "en"},
	{"user_id_1234", "en"},
	{"Say: Ja, danke!", "en"},
	{"Ask the user whether they prefer English, Deutsch, Français or Español.", "en"},
	{"The user says 'oui' or 'si'", "en"},
	{"The user says yes", "en"},
	{"Say: Your reference is FS-2024-00017. Please keep it.", "en"},
	{"https://example.de/bitte/die/kamera/und/der/ausweis", "en"},
	{"Jean de la Fontaine, Anna de la Cruz, Maria de la Vega", "en"},
	{"Say: Banco de la Nación, Caja del Sur, Casa de los Andes, Deutsche Bank, Lidl Plus, Zalando, Booking, Revolut, Monzo, Vodafone.", "en"},
	{"Say: Thank you, {name}. Your check is complete and you can now return to the app.", "en"},
	{"The user declines, refuses, or does not answer after two attempts", "en"},
	{"Say: Merci, {name}! You are all set.", "en"},
	{"Say: Welcome to Lidl Plus, {name}. We'll verify your Kundenkarte in a moment.", "en"},
	{"Say: Hi José María, welcome to Banco Santander. Please look at the camera.", "en"},
	{"Say: Welcome to the Hôtel de la Paix concierge service. Let me know when you are ready.", "en"},
	{"Ask the user to spell their surname, for example Müller or Øvergård.", "en"},
	{"Say: Welcome to Café de la Mode and Hotel de la Ville.", "en"},
	{"Say: Your code is {{code}}.", "en"},
	{"42", "en"},
	{"", "en"},
	{"Thank the user and say the session is complete. Keep it to one sentence.", "en"},
	{"Say: Perfect, thank you {name}. Your identity is verified and our team will call you at the time you chose.", "en"},
	{"The user names a preferred time of day for the call", "en"},
}

func TestDetectLanguage(t *testing.T) {
	fire, quiet := 0, 0
	for _, tt := range languageCases {
		lang, english := DetectLanguage(tt.text)
		if lang != tt.lang || english != (tt.lang == "en") {
			t.Errorf("DetectLanguage(%q) = %q, %v; want %q", tt.text, lang, english, tt.lang)
		}
		if f := analyseText(tt.text); f.lang != lang || f.english != english { // a prompt's facts say the same
			t.Errorf("analyseText(%q) language = %q, %v; DetectLanguage says %q, %v", tt.text, f.lang, f.english, lang, english)
		}
		if tt.lang == "en" {
			quiet++
		} else {
			fire++
		}
	}
	if fire < 30 || quiet < 30 {
		t.Errorf("non-english cases fire/quiet = %d/%d; want at least 30 each", fire, quiet)
	}
}

func TestSplitElision(t *testing.T) {
	tests := map[string][]string{
		"l'utilisateur": {"l'", "utilisateur"},
		"dell'identità": {"dell'", "identità"},
		"s'il":          {"s'", "il"},
		"don't":         {"don't"},
		"you're":        {"you're"},
		"i've":          {"i've"},
		"o'clock":       {"o'clock"},
		"user's":        {"user's"},
		"quest'anno":    {"quest'", "anno"},
		"camera":        {"camera"},
	}
	for w, want := range tests {
		if got := splitElision(w); len(got) != len(want) || got[0] != want[0] || got[len(got)-1] != want[len(want)-1] {
			t.Errorf("splitElision(%q) = %q; want %q", w, got, want)
		}
	}
}

func BenchmarkDetectLanguage(b *testing.B) {
	const prompt = "Say: Hi {name}, welcome! Before we continue, I need to confirm that you are really here. Please look straight at the camera and keep your face inside the frame. Are you ready to begin?"
	for b.Loop() {
		DetectLanguage(prompt)
	}
}

// splitElision splits a word at its elision ("l'utilisateur" → "l'",
// "utilisateur"), the way the language scan counts it.
func splitElision(w string) []string {
	if k := elided([]byte(w)); k > 0 {
		return []string{w[:k], w[k:]}
	}
	return []string{w}
}
