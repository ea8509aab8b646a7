package validate

import (
	"strings"
	"testing"
)

// fakeKey builds key-shaped test strings at run time, so that no secret
// scanner mistakes this file for a leak.
func fakeKey(prefix, body string) string { return prefix + body }

func TestRedact(t *testing.T) {
	live := fakeKey("sk_live_", "4eC39HqLyjWDarjtT1zdp7dc")
	tests := []struct{ in, want string }{
		{"", ""},
		{"no secrets here", "no secrets here"},
		{live, "sk_live_…[redacted]"},
		{"key=" + live + "&x=1", "key=sk_live_…[redacted]&x=1"},
		{"Bearer " + fakeKey("sk_test_", "FAKE0000000000000000"), "Bearer sk_test_…[redacted]"},
		{fakeKey("sk_prod_", "Ab3dEf9h") + " and " + fakeKey("whsec_", "FAKE8JkLmN2pQrStUvWx3yZa4bCd5eFg"), "sk_prod_…[redacted] and whsec_…[redacted]"},
		{`"apiKey": "` + live + `",`, `"apiKey": "sk_live_…[redacted]",`},
		{"/metadata/" + live + "/x", "/metadata/sk_live_…[redacted]/x"},
		{"my_" + live, "my_sk_live_…[redacted]"},                       // underscore is not a word boundary here
		{fakeKey("sk_live_", "ab12-cd34_ef56"), "sk_live_…[redacted]"}, // dashes and underscores stay in the secret
		{"日本語 " + live + " 日本語", "日本語 sk_live_…[redacted] 日本語"},
		// Not secrets: glued to a word, too short, word-like, placeholders, wrong case.
		{"task_test_results2024", "task_test_results2024"},
		{"mask_live_ABCD1234EFGH", "mask_live_ABCD1234EFGH"},
		{"sk_prod_Ab3", "sk_prod_Ab3"},
		{"whsec_rotation", "whsec_rotation"},
		{"sk_test_environment", "sk_test_environment"},
		{fakeKey("sk_test_", "XXXXXXXXXXXXXXXXXXXXXXXX"), "sk_test_XXXXXXXXXXXXXXXXXXXXXXXX"},
		{"SK_LIVE_KEY_NAME_1234", "SK_LIVE_KEY_NAME_1234"},
		{"use an sk_live_… key", "use an sk_live_… key"},
		{"sk_live_", "sk_live_"},
		// Long lower-case bodies count: random keys need not hold digits.
		{fakeKey("sk_live_", "abcdefghijklmnopqrstuvwx"), "sk_live_…[redacted]"},
	}
	for _, tt := range tests {
		if got := Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := ContainsSecret(tt.in); got != (tt.in != tt.want) {
			t.Errorf("ContainsSecret(%q) = %v", tt.in, got)
		}
		if p := FirstSecretPrefix(tt.in); (p != "") != (tt.in != tt.want) || p != "" && !strings.Contains(tt.want, p+"…[redacted]") {
			t.Errorf("FirstSecretPrefix(%q) = %q", tt.in, p)
		}
	}
}

func TestCutSecrets(t *testing.T) {
	live := fakeKey("sk_live_", "4eC39HqLyjWDarjtT1zdp7dc")
	tests := []struct{ in, want string }{
		{live, ""},
		{"Your reference is " + live + ". Thanks", "Your reference is. Thanks"},
		{"https://x.example/?key=" + live + "&a=1", "https://x.example/?key=&a=1"},
		{"a " + live + " b", "a b"},
	}
	for _, tt := range tests {
		if got := cutSecrets(tt.in); got != tt.want {
			t.Errorf("cutSecrets(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFindPersonalData(t *testing.T) {
	tests := []struct {
		key, val string
		want     string // describe(), "" when nothing is found
		fixed    string // the placeholder value ("" to skip)
	}{
		{"email", "jane.schmidt84@gmail.com", "a real e-mail address (j***@gmail.com)", "user@example.com"},
		{"email", "Jürgen.Groß@web.de", "a real e-mail address (J***@web.de)", ""},
		{"phone", "+14155550134", "a real phone number (+1********34)", "+10000000000"},
		{"phone", "+1 (415) 555-0134", "a real phone number (+1 (***) ***-**34)", "+1 (000) 000-0000"},
		{"mobile", "0170 1234567", "a real phone number (**** *****67)", "0000 0000000"},
		{"whatsapp", "tel:+447911123456", "a real phone number (tel:+44********56)", ""},
		{"note", "reach me on +33 6 12 34 56 78 after 5", "a real phone number (+33 * ** ** ** 78)", "reach me on +33 0 00 00 00 00 after 5"},
		{"contacts", "a.b@posteo.de, c.d@mailbox.org", "2 real e-mail addresses (a***@posteo.de, c***@mailbox.org)", "user@example.com, user@example.com"},
		// Quiet: reserved and placeholder addresses, fakes, dates, ids, numbers without + under other keys.
		{"email", "user@example.com", "", ""},
		{"email", "alex@sub.example.org", "", ""},
		{"email", "alex@acme.test", "", ""},
		{"email", "john.doe@gmail.com", "", ""},
		{"email", "user@domain", "", ""},
		{"email", "{email}", "", ""},
		{"phone", "+1 000 000 0000", "", ""},
		{"phone", "+1234567890", "", ""},
		{"tel", "12345678", "", ""},
		{"phone", "98765432", "", ""},
		{"phone", "1234", "", ""},
		{"phone", "+49 170 12345678901234", "", ""}, // too long for E.164
		{"dateOfBirth", "1990-05-12", "", ""},
		{"customerId", "100200300400", "", ""},
		{"orderRef", "2024 0115 8812", "", ""},
		{"hotelPhoneNumber", "n/a", "", ""},
	}
	for _, tt := range tests {
		pd := findPersonalData(tt.key, tt.val)
		if got := pd.describe(); got != tt.want {
			t.Errorf("findPersonalData(%q, %q) = %q, want %q", tt.key, tt.val, got, tt.want)
		}
		if tt.fixed != "" {
			if got := pd.replaced(tt.val); got != tt.fixed {
				t.Errorf("placeholder for %q = %q, want %q", tt.val, got, tt.fixed)
			}
			if again := findPersonalData(tt.key, tt.fixed); again.found() {
				t.Errorf("placeholder %q is itself reported: %s", tt.fixed, again.describe())
			}
		}
		if strings.Contains(pd.describe(), tt.val) && tt.val != "" && pd.found() {
			t.Errorf("description of %q prints the value", tt.val)
		}
	}
}

func TestCountryCodeLen(t *testing.T) {
	for digits, want := range map[string]int{"14155550134": 1, "79161234567": 1, "4917012345": 2, "33612345678": 2,
		"353871234567": 3, "97150123456": 3, "8613812345678": 2, "2348012345678": 3} {
		if got := countryCodeLen(digits); got != want {
			t.Errorf("countryCodeLen(%s) = %d, want %d", digits, got, want)
		}
	}
}

// TestMayHoldSecret: the pre-check finds each pattern at the start, in the
// middle and at the end of a text, and nothing in a text with none.
func TestMayHoldSecret(t *testing.T) {
	filler := strings.Repeat("a_b sk-x whsec-y \\n s_k ", 40)
	for _, pattern := range []string{"sk_", "whsec_", `\u`} {
		for _, src := range []string{pattern + filler, filler + pattern + filler, filler + pattern} {
			if !mayHoldSecret([]byte(src)) {
				t.Errorf("%q not found at %d of %d bytes", pattern, strings.Index(src, pattern), len(src))
			}
		}
	}
	for _, src := range []string{"", "_", "k_", "sec_", filler} {
		if mayHoldSecret([]byte(src)) {
			t.Errorf("a pattern found in %q", src)
		}
	}
}
