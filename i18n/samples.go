package i18n

import (
	"strings"
	"sync"
)

// Template variable names FaceSign fills from the session's providedData.
const (
	VarName  = "name"
	VarEmail = "email"
)

// samples holds an invented, common-sounding person per catalog language, in
// that language's usual name order (family name first for ja and zh), with an
// ASCII address at the reserved domain example.com.
var samples = map[string][2]string{
	"en":    {"Emma Johnson", "emma.johnson@example.com"},
	"it":    {"Giulia Rossi", "giulia.rossi@example.com"},
	"de":    {"Anna Schmidt", "anna.schmidt@example.com"},
	"fr":    {"Camille Martin", "camille.martin@example.com"},
	"es":    {"Lucía García", "lucia.garcia@example.com"},
	"pt":    {"Ana Souza", "ana.souza@example.com"},
	"ru":    {"Анна Иванова", "anna.ivanova@example.com"},
	"ja":    {"佐藤 花子", "hanako.sato@example.com"},
	"id":    {"Siti Rahmawati", "siti.rahmawati@example.com"},
	"no":    {"Nora Hansen", "nora.hansen@example.com"},
	"zh":    {"王芳", "wang.fang@example.com"},
	"zh-TW": {"陳怡君", "chen.yijun@example.com"},
	"zh-HK": {"陳嘉欣", "chan.kayan@example.com"},
}

var sampleCatalog = sync.OnceValue(func() Catalog {
	codes := make([]string, 0, len(samples))
	for code := range samples {
		codes = append(codes, code)
	}
	c, err := NewCatalog(codes)
	if err != nil {
		panic(err) // the table's codes are valid; covered by tests
	}
	return c
})

// SampleData returns sample values for {name} and {email} for a preview in
// lang, for bodies without providedData. lang is matched like a browser
// language (any case, aliases, base language: de-AT → de); anything else gets
// the English sample. The map is new on every call.
func SampleData(lang string) map[string]string {
	code := Resolve(lang, nil, DefaultLang, sampleCatalog()).Lang
	s := samples[code]
	return map[string]string{VarName: s[0], VarEmail: s[1]}
}

// FillTemplate replaces each {key} in text whose key is in data with its value.
// Unknown keys, empty braces, keys with spaces or braces, and double-brace
// two-factor variables such as {{code}} are left as they are. Values are not
// scanned again, so a value containing "{email}" stays literal.
func FillTemplate(text string, data map[string]string) string {
	var b strings.Builder
	done := 0 // text[:done] is written to b
	for i := 0; i < len(text); i++ {
		if text[i] != '{' {
			continue
		}
		j := i + 1
		for j < len(text) && !strings.ContainsRune("{} \t\r\n", rune(text[j])) {
			j++
		}
		if j == len(text) || text[j] != '}' || j == i+1 {
			i = j - 1 // look at text[j] again: it may open a variable
			continue
		}
		double := i > 0 && text[i-1] == '{' || j+1 < len(text) && text[j+1] == '}'
		if val, ok := data[text[i+1:j]]; ok && !double {
			b.WriteString(text[done:i])
			b.WriteString(val)
			done = j + 1
		}
		i = j
	}
	b.WriteString(text[done:])
	return b.String()
}
