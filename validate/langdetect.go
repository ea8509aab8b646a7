package validate

import (
	"bytes"
	"math/bits"
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
	r := langMemo.get(text, func(text string) detected {
		_, spokenText := spoken(analysedPart(text))
		lang, english := languageOf(spokenText)
		return detected{lang, english}
	})
	return r.lang, r.english
}

// langMemo keeps DetectLanguage's verdicts on the texts that are not prompts
// (conditions), which need only the language, apart from the prompts' facts.
var langMemo textMemo[detected]

type detected struct {
	lang    string
	english bool
}

// languageOf is DetectLanguage on text without its Say: prefix.
func languageOf(text string) (lang string, english bool) {
	var sc langScan
	eachLangField(text, sc.add)
	if lang, ok := sc.scriptLanguage(); ok {
		return lang, false
	}
	return sc.latinLanguage(text)
}

// eachLangField calls fn for each blank-separated field of text that carries
// language. Template variables ({name}, {{code}}: the regular expression
// \{[^{}]*\}) separate fields like blanks, and URLs and e-mail addresses are
// left out.
func eachLangField(text string, fn func(field string)) {
	start, mark := -1, false // mark: the field has a ':' or '@'
	for i := 0; i <= len(text); {
		for start >= 0 && i < len(text) && langPlain[text[i]] {
			i++
		}
		sep, n := true, 1 // the end of text ends the last field
		if i < len(text) {
			switch c := text[i]; {
			case c == '{':
				k := strings.IndexAny(text[i+1:], "{}")
				if sep = k >= 0 && text[i+1+k] == '}'; sep {
					n = k + 2
				}
			case c < utf8.RuneSelf:
				sep = asciiSpace(c)
				mark = mark || c == ':' || c == '@'
			default:
				var r rune
				r, n = utf8.DecodeRuneInString(text[i:])
				sep = unicode.IsSpace(r)
			}
		}
		if !sep && start < 0 {
			start = i
		} else if sep && start >= 0 {
			f := text[start:i]
			if !strings.HasPrefix(f, "www.") && !(mark && (strings.Contains(f, "://") || strings.Contains(f, "@"))) {
				fn(f)
			}
			start, mark = -1, false
		}
		i += n
	}
}

// langPlain marks the ASCII bytes that continue a field without more ado.
var langPlain = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = !asciiSpace(byte(c)) && !strings.ContainsRune("{:@", rune(c))
	}
	return t
}()

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

// langScan gathers the evidence of the fields of a text: letters per script,
// and the distinct profile words.
type langScan struct {
	latin, other int
	weights      [10]int                // per script
	ukrainian    bool                   // a letter only Ukrainian has in Cyrillic
	seen         [langSlots / 64]uint64 // of the langWords slots
	hits         [maxProfiles]int
	accents      [maxProfiles]int // accented letters per profile
	distinct     map[string]bool  // when set, words are only gathered here
}

func (sc *langScan) add(field string) {
	var buf [64]byte
	for i := 0; i < len(field); {
		r, n := rune(field[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(field[i:])
		}
		if !isWordRune(r) {
			if r >= utf8.RuneSelf {
				sc.script(r)
			}
			i += n
			continue
		}
		// A word, as tokenizeText splits words: lower case with typographic
		// apostrophes as ', and elisions split.
		j := wordEnd(field, i+n)
		w, apostrophe := buf[:0], false
		for _, r := range field[i:j] {
			switch {
			case r < utf8.RuneSelf:
				c := lowerASCII(byte(r))
				if 'a' <= c && c <= 'z' {
					sc.latin++
				}
				apostrophe = apostrophe || c == '\''
				w = append(w, c)
			case r == '’':
				apostrophe = true
				w = append(w, '\'')
			default:
				sc.script(r)
				w = utf8.AppendRune(w, unicode.ToLower(r))
			}
		}
		k := 0
		if apostrophe {
			if k = elided(w); k > 0 {
				sc.hit(w[:k])
			}
		}
		sc.hit(w[k:])
		i = j
	}
}

// script counts a non-ASCII rune for its script and the accents.
func (sc *langScan) script(r rune) {
	for i, l := 0, unicode.ToLower(r); i < len(profiles); i++ {
		if strings.ContainsRune(profiles[i].accents, l) {
			sc.accents[i]++
		}
	}
	if unicode.Is(unicode.Latin, r) {
		sc.latin++
		return
	}
	sc.ukrainian = sc.ukrainian || strings.ContainsRune("іїєґІЇЄҐ", r)
	for k, s := range scripts {
		if unicode.Is(s.table, r) {
			sc.weights[k] += s.weight
			sc.other += s.weight
			break
		}
	}
}

// hit counts a word for the profiles it is in, once.
func (sc *langScan) hit(w []byte) {
	if sc.distinct != nil {
		sc.distinct[string(w)] = true
		return
	}
	i, ok := langWords.lookup(w)
	if !ok || sc.seen[i/64]&(1<<(i%64)) != 0 {
		return
	}
	sc.seen[i/64] |= 1 << (i % 64)
	for m := langWords[i].profiles; m != 0; m &= m - 1 {
		sc.hits[bits.TrailingZeros16(m)]++
	}
}

// scriptLanguage returns the language of the dominant non-Latin script when
// such letters outweigh Latin ones.
func (sc *langScan) scriptLanguage() (string, bool) {
	if sc.other <= sc.latin {
		return "", false
	}
	weights := map[string]int{}
	for k, s := range scripts {
		weights[s.lang] += sc.weights[k]
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
	if best == "ru" && sc.ukrainian {
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

// maxProfiles bounds the number of profiles.
const maxProfiles = 16

// langWords is an open-addressing hash table of the words of all profiles,
// cheaper than a map for the lookup of every word.
var langWords = func() *langTable {
	if len(profiles) > maxProfiles {
		panic("validate: too many language profiles")
	}
	t, n := new(langTable), 0
	for i, p := range profiles {
		for w := range p.words {
			k, ok := t.lookup([]byte(w))
			if !ok {
				if n++; 2*n > len(t) {
					panic("validate: too many language profile words")
				}
				t[k].word = w
			}
			t[k].profiles |= 1 << i
		}
	}
	return t
}()

// langTable slots hold a word and the profiles it is in (bit i for
// profiles[i]). It is at most half full.
type langTable [langSlots]struct {
	word     string
	profiles uint16
}

const langSlots = 2048 // a power of 2

// lookup returns the slot of w: where it is, or the free slot where it
// belongs.
func (t *langTable) lookup(w []byte) (slot uint32, found bool) {
	h := uint32(2166136261) // FNV-1a
	for _, c := range w {
		h = (h ^ uint32(c)) * 16777619
	}
	for i := h & (langSlots - 1); ; i = (i + 1) & (langSlots - 1) {
		if t[i].word == string(w) {
			return i, true
		}
		if t[i].word == "" {
			return i, false
		}
	}
}

// latinLanguage scores Latin-script text against the profiles. Words count
// once however often they occur, so the particles of a list of names ("Jean de
// la Fontaine, Anna de la Cruz") are not read as Spanish text. Needing three
// hits also means a text of one or two words (a name, a greeting) is English.
// The number of distinct words is only counted when needed.
func (sc *langScan) latinLanguage(text string) (string, bool) {
	hits, accents := sc.hits, sc.accents
	best := 1
	for i := 2; i < len(profiles); i++ {
		if hits[i] > hits[best] || hits[i] == hits[best] && hits[i] > 0 && accents[i] > accents[best] {
			best = i
		}
	}
	if h := hits[best]; h >= 3 && h > 2*hits[0] && 4*h >= distinctWords(text) {
		return profiles[best].lang, false
	}
	return "en", true
}

// distinctWords counts the distinct words of the fields of text, elisions
// split.
func distinctWords(text string) int {
	sc := langScan{distinct: map[string]bool{}}
	eachLangField(text, sc.add)
	return len(sc.distinct)
}

// elided returns the length of the elided article of w ("l'" in
// "l'utilisateur", "dell'" in "dell'identità"), or 0. English contractions
// ("don't", "you're", "I've", "user's") are not elisions: their second part
// starts with a consonant.
func elided(w []byte) int {
	k := bytes.IndexByte(w, '\'')
	if k < 0 {
		return 0
	}
	if r, _ := utf8.DecodeRune(w[k+1:]); !strings.ContainsRune("aeiouhàâéèêîôùûì", r) {
		return 0
	}
	return k + 1
}
