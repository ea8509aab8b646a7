package i18n

import "testing"

const nbsp = "\u00a0"

func TestFormatSeconds(t *testing.T) {
	cases := []struct {
		lang string
		s    float64
		want string
	}{
		{"en", 5.2, "5.2 s"},
		{"en", 5, "5.0 s"},
		{"en", 4.96, "5.0 s"},
		{"en", 1234.56, "1,234.6 s"},
		{"de", 5.2, "5,2 s"},
		{"de", 1234.56, "1.234,6 s"},
		{"fr", 5.2, "5,2 s"},
		{"fr", 1234.56, "1" + nbsp + "234,6 s"},
		{"ja", 5.2, "5.2 s"},
		{"ja", 1234.56, "1,234.6 s"},
		{"no", 5.2, "5,2 s"}, // formatted as nb: x/text has no "no" data
		{"zh-TW", 12.4, "12.4 s"},
		{"es", 0.04, "0,0 s"},
		{"xx", 5.2, "5.2 s"},
		{"", 5.2, "5.2 s"},
	}
	for _, c := range cases {
		if got := FormatSeconds(c.lang, c.s); got != c.want {
			t.Errorf("FormatSeconds(%q, %v) = %q, want %q", c.lang, c.s, got, c.want)
		}
	}
}

func TestFormatCount(t *testing.T) {
	cases := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 7, "7"},
		{"en", 1234567, "1,234,567"},
		{"de", 1234567, "1.234.567"},
		{"fr", 12345, "12" + nbsp + "345"},
		{"ja", 12345, "12,345"},
		{"no", 12345, "12" + nbsp + "345"},
		{"NO-no", 12345, "12" + nbsp + "345"},
		{"de", -1234, "-1.234"},
	}
	for _, c := range cases {
		if got := FormatCount(c.lang, c.n); got != c.want {
			t.Errorf("FormatCount(%q, %d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

func TestFormatPercent(t *testing.T) {
	cases := []struct {
		lang  string
		ratio float64
		want  string
	}{
		{"en", 0.5, "50%"},
		{"en", 2.0 / 3, "67%"},
		{"en", 1, "100%"},
		{"de", 0.5, "50" + nbsp + "%"},
		{"fr", 0.25, "25" + nbsp + "%"},
		{"ja", 0.5, "50%"},
	}
	for _, c := range cases {
		if got := FormatPercent(c.lang, c.ratio); got != c.want {
			t.Errorf("FormatPercent(%q, %v) = %q, want %q", c.lang, c.ratio, got, c.want)
		}
	}
}
