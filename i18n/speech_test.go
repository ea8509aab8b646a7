package i18n

import (
	"math"
	"strings"
	"testing"
)

const greeting = "Hi Anna! I'm your FaceSign assistant. I just need a quick look at your face to confirm it's really you. Are you ready?"

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestCountAndEnglishSeconds(t *testing.T) {
	cases := []struct {
		text             string
		words, sentences int
		seconds          float64
	}{
		{"", 0, 0, 0},
		{" \n\t ", 0, 0, 0},
		{"Hello", 1, 1, 0.7}, // an unterminated last sentence still ends
		{"Hello.", 1, 1, 0.7},
		{"Hi! I just need a quick look.", 7, 2, 3.4},
		{"Really?!", 1, 1, 0.7},             // a run of end marks is one end
		{"Wait... what?", 2, 2, 1.4},        // an ellipsis ends a sentence
		{"Your code is 123456.", 4, 1, 1.9}, // numbers are words
		{"Version 2.5 is out", 4, 1, 1.9},   // a decimal point is not an end
		{"Dr. Smith will see you.", 5, 1, 2.3},
		{"Say it, e.g. your name.", 5, 1, 2.3},
		{`She said "yes." Then left`, 5, 2, 2.6}, // end inside closing quotes
		{"(Take your time.) Ready?", 4, 2, 2.2},
		{"— & —", 0, 0, 0},
		{"... hello", 1, 1, 0.7}, // no end before the first word
		{"Hi , there !", 2, 1, 1.1},
		{"Email anna@example.com now.", 3, 1, 1.5},
		{"It's 50% done - almost.", 4, 1, 1.9},
		{"Line one.\nLine two.", 4, 2, 2.2},
		{"日本語です。", 1, 1, 0.7},
		{greeting, 23, 4, 10.4},
	}
	for _, c := range cases {
		w, s := Count(c.text)
		if w != c.words || s != c.sentences {
			t.Errorf("Count(%q) = %d words, %d sentences; want %d, %d", c.text, w, s, c.words, c.sentences)
		}
		if got := EnglishSeconds(c.text); !near(got, c.seconds) {
			t.Errorf("EnglishSeconds(%q) = %v, want %v", c.text, got, c.seconds)
		}
	}
}

func TestFactor(t *testing.T) {
	cases := []struct {
		lang  string
		f     float64
		known bool
	}{
		{"en", 1.00, true},
		{"fr", 1.06, true},
		{"de", 1.19, true},
		{"it", 1.12, true},
		{"es", 1.14, true},
		{"ja", 1.47, true},
		{"zh", 1.16, true},
		{"zh-TW", 1.16, true},
		{"zh-HK", 1, false}, // not zh's Mandarin figure
		{"pt", 1, false},
		{"ru", 1, false},
		{"id", 1, false},
		{"no", 1, false},
		{"DE", 1.19, true},
		{"de-AT", 1.19, true},
		{"es-MX", 1.14, true},
		{"zh-CN", 1.16, true},
		{"zh-Hant", 1.16, true},
		{"zh-Hant-HK", 1, false},
		{"ja-JP", 1.47, true},
		{"nb-NO", 1, false},
		{"ko", 1, false},
		{"xx", 1, false},
		{"", 1, false},
	}
	for _, c := range cases {
		f, known := Factor(c.lang)
		if f != c.f || known != c.known {
			t.Errorf("Factor(%q) = %v, %v; want %v, %v", c.lang, f, known, c.f, c.known)
		}
	}
}

func TestFactorsTable(t *testing.T) {
	rows := Factors()
	seen := map[string]bool{}
	for _, r := range rows {
		seen[r.Lang] = true
		if r.Source == "" {
			t.Errorf("%s has no source", r.Lang)
		}
		if r.Known != strings.Contains(r.Source, "Pellegrino, Coupé & Marsico 2011") {
			t.Errorf("%s: Known %v but source %q", r.Lang, r.Known, r.Source)
		}
		if !r.Known && (r.Factor != 1 || !strings.Contains(r.Source, "no published figure")) {
			t.Errorf("%s: unknown factor must be 1.0 and say so: %+v", r.Lang, r)
		}
	}
	for _, code := range DefaultCatalog().Codes() {
		if !seen[code] {
			t.Errorf("catalog language %s has no row in the factor table", code)
		}
	}
	if len(rows) != len(DefaultCatalog().Codes()) {
		t.Errorf("%d rows for %d catalog languages", len(rows), len(DefaultCatalog().Codes()))
	}
}

func TestSeconds(t *testing.T) {
	const text = "Hi! I just need a quick look." // 3.4 s in English
	cases := []struct {
		lang string
		want float64
	}{
		{"en", 3.4},
		{"en-GB", 3.4},
		{"de", 3.4 * 1.19},
		{"ja", 3.4 * 1.47},
		{"zh-Hant", 3.4 * 1.16},
		{"pt", 3.4},
		{"ko", 3.4},
	}
	for _, c := range cases {
		if got := Seconds(text, c.lang); !near(got, c.want) {
			t.Errorf("Seconds(%q) = %v, want %v", c.lang, got, c.want)
		}
	}
	if got := Seconds(greeting, "de"); !near(got, 12.376) {
		t.Errorf("Seconds(greeting, de) = %v, want 12.376", got)
	}
}

func BenchmarkEnglishSeconds(b *testing.B) {
	for b.Loop() {
		EnglishSeconds(greeting)
	}
}
