package i18n

import (
	"strings"
	"testing"
)

func TestSampleDataEveryCatalogLanguage(t *testing.T) {
	names := map[string]string{}
	for _, code := range DefaultCatalog().Codes() {
		d := SampleData(code)
		name, email := d[VarName], d[VarEmail]
		if len(d) != 2 || name == "" || email == "" {
			t.Errorf("SampleData(%q) = %v", code, d)
		}
		if other, dup := names[name]; dup {
			t.Errorf("%s and %s share the sample name %q", code, other, name)
		}
		names[name] = code
		local, domain, ok := strings.Cut(email, "@")
		if !ok || domain != "example.com" || local == "" {
			t.Errorf("SampleData(%q) e-mail %q is not at example.com", code, email)
		}
		for _, r := range email {
			if r > 0x7f {
				t.Errorf("SampleData(%q) e-mail %q is not ASCII", code, email)
				break
			}
		}
	}
}

func TestSampleDataMatching(t *testing.T) {
	cases := []struct{ lang, name, email string }{
		{"de", "Anna Schmidt", "anna.schmidt@example.com"},
		{"de-AT", "Anna Schmidt", "anna.schmidt@example.com"},
		{"ja-JP", "佐藤 花子", "hanako.sato@example.com"},
		{"ru", "Анна Иванова", "anna.ivanova@example.com"},
		{"ZH-tw", "陳怡君", "chen.yijun@example.com"},
		{"zh-Hant", "陳怡君", "chen.yijun@example.com"},
		{"zh-HK", "陳嘉欣", "chan.kayan@example.com"},
		{"zh-CN", "王芳", "wang.fang@example.com"},
		{"nb-NO", "Nora Hansen", "nora.hansen@example.com"},
		{"es-MX", "Lucía García", "lucia.garcia@example.com"},
		{"ko", "Emma Johnson", "emma.johnson@example.com"},
		{"", "Emma Johnson", "emma.johnson@example.com"},
		{"not a tag", "Emma Johnson", "emma.johnson@example.com"},
	}
	for _, c := range cases {
		d := SampleData(c.lang)
		if d[VarName] != c.name || d[VarEmail] != c.email {
			t.Errorf("SampleData(%q) = %v, want %s <%s>", c.lang, d, c.name, c.email)
		}
	}
}

func TestSampleDataIsFresh(t *testing.T) {
	SampleData("de")[VarName] = "changed"
	if got := SampleData("de")[VarName]; got != "Anna Schmidt" {
		t.Fatalf("SampleData shares its map: %q", got)
	}
}

func TestFillTemplate(t *testing.T) {
	data := map[string]string{"name": "Anna", "email": "anna@example.com", "code": "123", "user_id": "u-7"}
	cases := []struct{ in, want string }{
		{"", ""},
		{"no variables", "no variables"},
		{"Hi {name}!", "Hi Anna!"},
		{"{name} <{email}>", "Anna <anna@example.com>"},
		{"{name}{email}", "Annaanna@example.com"},
		{"{name}, {name}", "Anna, Anna"},
		{"Hi {unknown}, {name}", "Hi {unknown}, Anna"},
		{"{Name}", "{Name}"}, // keys are case-sensitive
		{"{user_id}", "u-7"},
		{"Code {{code}}", "Code {{code}}"}, // two-factor variables are not ours
		{"{{name}}", "{{name}}"},
		{"{{name}", "{{name}"},
		{"{name}}", "{name}}"},
		{"{{{name}}}", "{{{name}}}"},
		{"{ name }", "{ name }"},
		{"{na me}", "{na me}"},
		{"{}", "{}"},
		{"{name", "{name"},
		{"name}", "name}"},
		{"{{}{name}", "{{}Anna"},
		{"{x{name}", "{xAnna"},
		{"こんにちは {name} さん", "こんにちは Anna さん"},
	}
	for _, c := range cases {
		if got := FillTemplate(c.in, data); got != c.want {
			t.Errorf("FillTemplate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFillTemplateNoRescan(t *testing.T) {
	got := FillTemplate("{name} / {email}", map[string]string{"name": "{email}", "email": "x@example.com"})
	if got != "{email} / x@example.com" {
		t.Errorf("got %q", got)
	}
	if got := FillTemplate("Hi {name}", nil); got != "Hi {name}" {
		t.Errorf("nil data: got %q", got)
	}
}

func TestFillTemplateWithSampleData(t *testing.T) {
	got := FillTemplate("Hallo {name}, wir senden an {email}.", SampleData("de"))
	if want := "Hallo Anna Schmidt, wir senden an anna.schmidt@example.com."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
