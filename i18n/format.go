package i18n

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Printer returns an x/text message printer for a language code. "no" is
// printed as "nb": x/text keeps Norwegian number formats under Bokmål only and
// would otherwise format "no" like English. An unknown or invalid code formats
// like English (CLDR root).
func Printer(lang string) *message.Printer {
	lang = strings.TrimSpace(lang)
	if base, rest, _ := strings.Cut(lang, "-"); strings.EqualFold(base, "no") {
		lang = "nb"
		if rest != "" {
			lang += "-" + rest
		}
	}
	return message.NewPrinter(language.Make(lang))
}

// FormatSeconds formats a duration in seconds with one decimal and the SI
// symbol "s": "5.2 s" (en), "5,2 s" (de, fr), "1,234.5 s" (en).
func FormatSeconds(lang string, s float64) string {
	return Printer(lang).Sprintf("%v s", number.Decimal(s, number.Scale(1)))
}

// FormatCount formats a whole number with the language's digit grouping:
// "12,345" (en), "12.345" (de), "12 345" with a no-break space (fr).
func FormatCount(lang string, n int) string {
	return Printer(lang).Sprintf("%d", n)
}

// FormatPercent formats a ratio (0.5 = 50 %) as a whole percentage: "50%" (en),
// "50 %" with a no-break space (de, fr).
func FormatPercent(lang string, ratio float64) string {
	return Printer(lang).Sprintf("%v", number.Percent(ratio, number.MaxFractionDigits(0)))
}
