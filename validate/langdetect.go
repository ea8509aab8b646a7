package validate

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Language detection for the non-english rule. FaceSign prompts and
// conditions are written in English and translated at run time, so a prompt
// in another language is almost always a mistake. The detector is built to be
// conservative: a warning on an English prompt that greets "Société Générale"
// customers would be worse than missing a two-word foreign prompt.
//
// Two signals are used. Text mostly in a non-Latin script (Cyrillic, CJK,
// Arabic, …) is in that script's language. Latin-script text is compared
// against small profiles of function words and words typical of verification
// prompts; it is declared non-English only when one profile clearly wins.

// templateVar matches {name} and {{code}}, which carry no language.
var templateVar = regexp.MustCompile(`\{[^{}]*\}`)

// DetectLanguage guesses the language of a prompt or condition (the Say:
// prefix is skipped). It returns ("en", true) for English and for anything it
// cannot judge: short texts, names, ids, template variables, numbers. Otherwise
// it returns a language code and false:
//   - text whose letters are mostly in a non-Latin script gets that script's
//     language (ru, uk, el, ar, he, hi, th, ko; ja when kana appear, else zh
//     for Han), CJK characters counting twice as they carry a syllable each;
//   - Latin-script text gets de, fr, es, it, pt, nl, id or no when that
//     profile matches at least 3 distinct words, more than twice as many as
//     English does, and at least one distinct word in four. Accented letters
//     only break ties.
func DetectLanguage(text string) (lang string, english bool) {
	_, text = spoken(text)
	text = templateVar.ReplaceAllString(text, " ")
	fields := strings.Fields(text)
	fields = slices.DeleteFunc(fields, func(f string) bool { // URLs and e-mail addresses
		return strings.Contains(f, "://") || strings.HasPrefix(f, "www.") || strings.Contains(f, "@")
	})
	text = strings.Join(fields, " ")
	if lang, ok := scriptLanguage(text); ok {
		return lang, false
	}
	return latinLanguage(text)
}

// scripts maps non-Latin scripts to a language and the weight of one letter.
var scripts = []struct {
	table  *unicode.RangeTable
	lang   string
	weight int
}{
	{unicode.Cyrillic, "ru", 1}, {unicode.Greek, "el", 1}, {unicode.Arabic, "ar", 1},
	{unicode.Hebrew, "he", 1}, {unicode.Devanagari, "hi", 1}, {unicode.Thai, "th", 1},
	{unicode.Hangul, "ko", 2}, {unicode.Hiragana, "ja", 2}, {unicode.Katakana, "ja", 2},
	{unicode.Han, "zh", 2},
}

// scriptLanguage returns the language of the dominant non-Latin script when
// such letters outweigh Latin ones.
func scriptLanguage(text string) (string, bool) {
	weights := map[string]int{}
	latin, other := 0, 0
	for _, r := range text {
		if unicode.Is(unicode.Latin, r) {
			latin++
			continue
		}
		for _, s := range scripts {
			if unicode.Is(s.table, r) {
				weights[s.lang] += s.weight
				other += s.weight
				break
			}
		}
	}
	if other <= latin {
		return "", false
	}
	if weights["ja"] > 0 { // Japanese mixes kana with Han; Chinese has no kana.
		weights["ja"] += weights["zh"]
		weights["zh"] = 0
	}
	best := ""
	for _, s := range scripts {
		if weights[s.lang] > weights[best] {
			best = s.lang
		}
	}
	if best == "ru" && strings.ContainsAny(text, "іїєґІЇЄҐ") {
		best = "uk"
	}
	return best, true
}

// profile is a set of words typical of one language: function words and the
// vocabulary of verification prompts. Words that are common in English ("a",
// "in", "no", "me") are left out of the other profiles; a word shared in
// meaning ("camera") may be in both.
type profile struct {
	lang    string
	words   map[string]bool
	accents string // letters that favour this language in a tie
}

// profiles lists English first: the other languages are scored against it.
var profiles = []profile{
	{"en", newWordSet(`the an and or but to of in on at for with from by about into is are was be
		been it its it's this that these those you your you're yours we we'll we're our us i i'm i'll
		me my they them their he she his her will can could would should may must do does don't
		did not no yes have has if then so just please thank thanks now what when where which who
		how why all any some one ask say tell let let's user users name look camera hold confirm
		ready sure check verification verify session welcome hi hello minute moment step start
		continue again before after still here there that's what's can't won't answer question
		help need want see make keep sentence short complete guide document card passport date
		birth email e-mail phone face photo screen up straight while only also very great okay
		back next last first time says agrees declines refuses wants asks`), ""},
	{"de", newWordSet(`der die das und ist sie ich nicht mit zu den dem des ein eine einen einem
		bitte auf für sich auch wir ihr ihre ihren ihrem ihnen haben hat wird werden sind kann
		können noch nur dass wie wenn oder aber kamera benutzer nutzer fragen fragen sie sagen
		sagt danke jetzt hallo willkommen zur zum vom im um vor schauen halten ausweis
		geburtsdatum ja nein bereit bestätigen bestätigt überprüfung gesicht möchte moment
		kurz einen satz dich du dein deine ob`), "äöüß"},
	{"fr", newWordSet(`le la les un une des et est vous votre vos je nous de du au aux pour dans
		sur avec pas ne que qui ce cette il elle sont être avoir merci bonjour s' plaît demandez
		dites utilisateur caméra regarder regardez l' d' qu' n' j' c' m' à où très prêt prête
		vérification pièce identité date naissance confirmer confirme si veuillez répond
		refuse dit souhaite`), "àâçèéêëîïôùûœ"},
	{"es", newWordSet(`el la los las un una y es está están usted su sus de del al por para con
		que se lo le muy gracias hola pregunte pregúntele diga dígale usuario cámara mire favor
		bienvenido bienvenida ahora este esta esto sí también mi tu pero como cómo cuál fecha
		nacimiento nombre listo lista tiene documento identidad verificación dice quiere
		responde confirme vamos empezar comenzar`), "ñáíóú¿¡"},
	{"it", newWordSet(`il lo la gli le un una uno e è di del della dei delle al alla con che non
		si sono suo sua grazie ciao chiedi chieda dica dici utente fotocamera guardi guarda
		favore benvenuto benvenuta ora questo questa anche mi ti ci ma nel nella sul sulla data
		nascita nome pronto pronta documento identità verifica l' dell' all' un' c' dice vuole
		risponde conferma chiedere all'utente`), "àèéìòù"},
	{"pt", newWordSet(`o os um uma e é de da dos das em na nas ao à para por com que não se você
		seu sua obrigado obrigada olá pergunte diga usuário utilizador câmera câmara olhe favor
		bem-vindo bem-vinda agora este esta isso também mas como data nascimento nome pronto
		pronta documento identidade verificação diz quer responde confirme pelo pela`), "ãõâêôç"},
	{"nl", newWordSet(`de het een en van op te dat die niet met voor zijn je u uw jij wij ik naar
		om ook maar als bij aan er dit deze alstublieft bedankt dank hallo vraag zeg gebruiker
		kijk camera welkom nu klaar geboortedatum naam legitimatie bevestig zegt wil antwoordt of`), ""},
	{"id", newWordSet(`yang dan di ke dari ini itu untuk dengan tidak anda kami saya akan ada
		adalah pada juga atau bisa dapat tolong silakan terima kasih halo selamat datang
		tanyakan minta pengguna kamera lihat sekarang nama tanggal lahir sudah belum apakah
		mohon wajah siap verifikasi identitas kartu mengatakan ingin menjawab`), ""},
	{"no", newWordSet(`og er det en et ei som på til av med ikke du deg din ditt dine vi jeg meg
		har kan vil skal om eller så takk hei velkommen spør si bruker brukeren kameraet se nå
		vennligst navn fødselsdato klar bekreft sier ønsker svarer legitimasjon inn mot`), "åæø"},
}

// latinLanguage scores Latin-script text against the profiles. Words count
// once however often they occur, so the particles of a list of names ("Jean de
// la Fontaine, Anna de la Cruz") are not read as Spanish text. Needing three
// hits also means a text of one or two words (a name, a greeting) is English.
func latinLanguage(text string) (string, bool) {
	words := map[string]bool{}
	for _, t := range tokenizeText(text) {
		if t.word {
			for _, w := range splitElision(t.text) {
				words[w] = true
			}
		}
	}
	hits := make([]int, len(profiles))
	for w := range words {
		for i, p := range profiles {
			if p.words[w] {
				hits[i]++
			}
		}
	}
	lower := strings.ToLower(text)
	best := 1
	for i := 2; i < len(profiles); i++ {
		if hits[i] > hits[best] || hits[i] == hits[best] && hits[i] > 0 &&
			countRunes(lower, profiles[i].accents) > countRunes(lower, profiles[best].accents) {
			best = i
		}
	}
	if h := hits[best]; h >= 3 && h > 2*hits[0] && 4*h >= len(words) {
		return profiles[best].lang, false
	}
	return "en", true
}

// countRunes counts the runes of s that are in set.
func countRunes(s, set string) int {
	n := 0
	for _, r := range s {
		if strings.ContainsRune(set, r) {
			n++
		}
	}
	return n
}

// splitElision splits French and Italian elisions ("l'utilisateur" → "l'",
// "utilisateur"; "dell'identità" → "dell'", "identità"). English
// contractions ("don't", "you're", "I've", "user's") are kept whole: their
// second part starts with a consonant.
func splitElision(w string) []string {
	head, tail, _ := strings.Cut(w, "'")
	if r, _ := utf8.DecodeRuneInString(tail); !strings.ContainsRune("aeiouhàâéèêîôùûì", r) {
		return []string{w}
	}
	return []string{head + "'", tail}
}
