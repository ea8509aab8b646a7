package i18n

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Speech-time estimator (languages.md). All figures are estimates for a
// preview, not measurements of FaceSign's avatar.
const (
	// WordsPerSecond is 150 words a minute, a common rate for synthesized
	// conversational speech (estimate).
	WordsPerSecond = 2.5
	// SentencePause is the pause added per sentence end, in seconds (estimate).
	SentencePause = 0.3
)

// EnglishSeconds estimates how long the avatar takes to say an English text:
// words / WordsPerSecond + sentence ends × SentencePause. Pass the spoken text
// only (after "Say:") with template variables already filled. See Count.
func EnglishSeconds(text string) float64 {
	words, sentences := Count(text)
	return float64(words)/WordsPerSecond + float64(sentences)*SentencePause
}

// Seconds estimates the speaking time of an English prompt said in lang:
// EnglishSeconds(text) × Factor(lang).
func Seconds(text, lang string) float64 {
	f, _ := Factor(lang)
	return EnglishSeconds(text) * f
}

// Count returns the spoken words and sentence ends of text.
//
// A word is a whitespace-separated token with at least one letter or digit, so
// "5", "50%", "e-mail", "it's" and "anna@example.com" are one word each, and
// "—" or "&" are none (numbers and addresses are said in more words: the
// estimate is low there). A sentence ends at a token ending in . ! ? … 。！？
// (after closing quotes and brackets), counted once per run ("Really?!") and
// only after a word; the titles and abbreviations in notSentenceEnds do not end
// a sentence. A text whose last sentence has no end mark still gets one end.
func Count(text string) (words, sentences int) {
	open := false // a word was seen since the last sentence end
	for tok := range strings.FieldsSeq(text) {
		if hasWordRune(tok) {
			words++
			open = true
		}
		if open && endsSentence(tok) {
			sentences++
			open = false
		}
	}
	if open {
		sentences++
	}
	return words, sentences
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// hasWordRune reports whether tok has a letter or digit; most tokens are words
// that start with one.
func hasWordRune(tok string) bool {
	if c := tok[0]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
		return true
	}
	return strings.IndexFunc(tok, isWordRune) >= 0
}

// notSentenceEnds are lower-case tokens whose final '.' is not a sentence end.
var notSentenceEnds = map[string]bool{
	"mr.": true, "mrs.": true, "ms.": true, "dr.": true, "prof.": true,
	"e.g.": true, "i.e.": true, "vs.": true,
}

func endsSentence(tok string) bool {
	if c := tok[len(tok)-1]; c < utf8.RuneSelf && !strings.ContainsRune(".!?\"')]}", rune(c)) {
		return false // the usual case: a word that ends in a letter, digit or comma
	}
	tok = strings.TrimRight(tok, "\"')]}»”’")
	r, _ := utf8.DecodeLastRuneInString(tok)
	if r == '.' && len(tok) <= 5 && notSentenceEnds[strings.ToLower(tok)] {
		return false
	}
	return strings.ContainsRune(".!?…。！？", r)
}

// SpeechFactor is one row of the per-language factor table.
type SpeechFactor struct {
	Lang   string  // catalog code
	Factor float64 // speaking time of the same content relative to English
	Known  bool    // false: no published figure, Factor is 1.0
	Source string  // where the figure comes from
}

// Pellegrino, F., Coupé, C. & Marsico, E. (2011). A cross-language perspective on
// speech information rate. Language 87(3), 539–558. For 8 languages, 59 speakers
// read the same 20 texts in translation; per language it reports the mean
// syllabic rate SR (syllables per second) and the information density ID (the
// information per syllable relative to Vietnamese = 1). The same content takes
// 1/ID times as many syllables, said at SR per second, so its duration is
// proportional to 1/(SR×ID); the factor against English is
// (SR_en×ID_en)/(SR_L×ID_L), rounded to two decimals.
const pellegrino2011 = "Pellegrino, Coupé & Marsico 2011, Language 87(3)"

// speechRates is the factor table. sr and id are the paper's figures; a zero
// sr means no published figure is known to us and the factor is 1.0.
var speechRates = []struct {
	lang   string
	sr, id float64
	source string
}{
	{"en", 6.19, 0.91, pellegrino2011 + ": SR 6.19, ID 0.91 (the baseline)"},
	{"fr", 7.18, 0.74, pellegrino2011 + ": SR 7.18, ID 0.74"},
	{"de", 5.97, 0.79, pellegrino2011 + ": SR 5.97, ID 0.79"},
	{"it", 6.99, 0.72, pellegrino2011 + ": SR 6.99, ID 0.72"},
	{"es", 7.82, 0.63, pellegrino2011 + ": SR 7.82, ID 0.63"},
	{"ja", 7.84, 0.49, pellegrino2011 + ": SR 7.84, ID 0.49"},
	{"zh", 5.18, 0.94, pellegrino2011 + ": Mandarin SR 5.18, ID 0.94"},
	{"zh-TW", 5.18, 0.94, pellegrino2011 + ": the Mandarin figures (Taiwan Mandarin not measured separately)"},
	{"zh-HK", 0, 0, "no published figure known (Cantonese is not in Pellegrino et al. 2011): 1.0"},
	{"pt", 0, 0, "no published figure known: 1.0"},
	{"ru", 0, 0, "no published figure known: 1.0"},
	{"id", 0, 0, "no published figure known: 1.0"},
	{"no", 0, 0, "no published figure known: 1.0"},
}

var factorIndex = func() map[string]SpeechFactor {
	en := speechRates[0].sr * speechRates[0].id
	m := make(map[string]SpeechFactor, len(speechRates))
	for _, r := range speechRates {
		f := SpeechFactor{Lang: r.lang, Factor: 1, Source: r.source}
		if r.sr > 0 {
			f.Factor, f.Known = math.Round(en/(r.sr*r.id)*100)/100, true
		}
		m[strings.ToLower(r.lang)] = f
	}
	return m
}()

// Factors returns the factor table in table order.
func Factors() []SpeechFactor {
	out := make([]SpeechFactor, len(speechRates))
	for i, r := range speechRates {
		out[i] = factorIndex[strings.ToLower(r.lang)]
	}
	return out
}

// Factor returns the speaking-time factor for lang relative to English. The
// code is matched like a browser language against the table (any case; aliases
// such as zh-Hant → zh-TW; else the base language: de-AT → de). known is false
// when no published figure is behind it; f is then 1.0.
func Factor(lang string) (f float64, known bool) {
	sf, ok := lookupFactor(lang)
	if !ok {
		return 1, false
	}
	return sf.Factor, sf.Known
}

func lookupFactor(lang string) (SpeechFactor, bool) {
	if sf, ok := factorIndex[strings.ToLower(strings.TrimSpace(lang))]; ok {
		return sf, true
	}
	r := Resolve(lang, nil, "", factorCatalog())
	if r.Fallback {
		return SpeechFactor{}, false
	}
	sf, ok := factorIndex[strings.ToLower(r.Lang)]
	return sf, ok
}

// factorCatalog is a catalog of the table's codes, for resolving lang.
var factorCatalog = sync.OnceValue(func() Catalog {
	codes := make([]string, len(speechRates))
	for i, r := range speechRates {
		codes[i] = r.lang
	}
	c, err := NewCatalog(codes)
	if err != nil {
		panic(err) // the table's codes are valid; covered by tests
	}
	return c
})
