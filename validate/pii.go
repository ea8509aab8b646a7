package validate

// Personal data (pii-in-flow).
//
// pii-in-flow looks at the values of the body's providedData only: that is
// where a real person's data ends up when a session body is saved from a test
// run. Prompts that name a support address are not personal data.
//
// E-mail: local@domain.tld anywhere in the value, unless the domain is reserved
// for examples (RFC 2606 / 6761: example.com/.net/.org and the .example, .test,
// .invalid, .localhost TLDs, plus .local and .internal), a common placeholder
// domain (domain.com, yourcompany.com, test.com, …), or the local part is a
// placeholder (user, name, email, john.doe, …). "user@domain" without a dot in
// the domain never matches.
//
// Phone: a "+" (or "00") followed by 8–15 digits with the usual separators
// (spaces, dashes, dots, brackets), anywhere in the value; or, under a key
// that names a phone (phone, mobile, tel, cell, msisdn, sms, whatsapp, fax), a
// whole value of 8–15 digits and separators. Requiring the "+" elsewhere keeps
// dates, ids and account numbers quiet. Obvious fakes are skipped: the digits
// after the country code all the same (+10000000000) or one ascending or
// descending run (+1234567890, 98765432). The NANP range 555-0100–555-0199 is
// NOT skipped: it is reserved only in North America, a "+1 415 555 01xx" looks
// exactly like a real number to a reader, and the placeholder the quick fix
// writes (all zeros) is unambiguous instead.

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	fg "flowsmith/flowgraph"
)

var emailRE = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}`)

// phoneRE finds an international number written with separators.
var phoneRE = regexp.MustCompile(`(?:\+|\b00)\d[\d \-.()/]{5,24}\d`)

// phoneValueRE is a whole value that is a phone number (under a phone key).
var phoneValueRE = regexp.MustCompile(`^(?:tel:)?\+?[\d \-.()/]+$`)

var (
	reservedEmailTLDs = []string{"example", "test", "invalid", "localhost", "local", "internal"}
	placeholderDomain = []string{"example.com", "example.net", "example.org", "example.edu",
		"domain.com", "domain.tld", "yourdomain.com", "yourcompany.com", "mycompany.com", "company.com",
		"email.tld", "test.com"}
	placeholderLocal = []string{"user", "username", "name", "email", "mail", "someone", "somebody", "you",
		"your.name", "yourname", "your.email", "youremail", "first.last", "firstname.lastname",
		"john.doe", "jane.doe", "johndoe", "janedoe", "test", "testuser", "foo", "nobody"}
	phoneKeyWords = []string{"phone", "mobile", "tel", "cell", "msisdn", "sms", "whatsapp", "fax"}
)

// realEmail reports whether an address looks like a real person's.
func realEmail(addr string) bool {
	local, domain, _ := strings.Cut(strings.ToLower(addr), "@")
	if slices.Contains(placeholderLocal, local) {
		return false
	}
	for _, d := range placeholderDomain {
		if domain == d || strings.HasSuffix(domain, "."+d) {
			return false
		}
	}
	tld := domain[strings.LastIndexByte(domain, '.')+1:]
	return !slices.Contains(reservedEmailTLDs, tld)
}

// maskEmail keeps the first character of the local part and the domain:
// "jane.doe@gmail.com" → "j***@gmail.com".
func maskEmail(addr string) string {
	local, domain, _ := strings.Cut(addr, "@")
	r := []rune(local)
	return string(r[:1]) + "***@" + domain
}

func digitsOf(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// countryCodeLen is the length of the E.164 country code that starts digits:
// 1 for zones 1 and 7, 2 for the two-digit codes, else 3.
func countryCodeLen(digits string) int {
	if len(digits) < 2 {
		return len(digits)
	}
	switch digits[0] {
	case '1', '7':
		return 1
	}
	two := []string{"20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
		"51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84", "86",
		"90", "91", "92", "93", "94", "95", "98"}
	if slices.Contains(two, digits[:2]) {
		return 2
	}
	return 3
}

// phoneNumber is a phone number found in a value.
type phoneNumber struct {
	text string // as written
	cc   int    // leading digits kept when masking: "00" and the country code (0 without +/00)
	zero bool   // written with the "00" international prefix
}

func newPhone(text string) phoneNumber {
	p := phoneNumber{text: text}
	t := strings.TrimPrefix(strings.TrimSpace(text), "tel:")
	if d := digitsOf(t); strings.HasPrefix(t, "+") {
		p.cc = countryCodeLen(d)
	} else if strings.HasPrefix(t, "00") && len(d) > 2 {
		p.cc, p.zero = 2+countryCodeLen(d[2:]), true
	}
	return p
}

// plausible reports whether the number has a real number's length and is not
// an obvious fake.
func (p phoneNumber) plausible() bool {
	d := digitsOf(p.text)
	if p.zero {
		d = d[2:]
	}
	if len(d) < 8 || len(d) > 15 {
		return false
	}
	national := digitsOf(p.text)[p.cc:]
	if strings.Count(national, national[:1]) == len(national) {
		return false // +10000000000, 11111111
	}
	return !consecutiveRun(d) && !consecutiveRun(national)
}

// consecutiveRun reports whether digits step by +1 or -1 (mod 10) throughout.
func consecutiveRun(d string) bool {
	if len(d) < 6 {
		return false
	}
	up, down := true, true
	for i := 1; i < len(d); i++ {
		diff := (int(d[i]) - int(d[i-1]) + 10) % 10
		up = up && diff == 1
		down = down && diff == 9
	}
	return up || down
}

// rewrite maps every digit after the country code, keeping the last keep
// digits and every separator.
func (p phoneNumber) rewrite(keep int, with byte) string {
	total := len(digitsOf(p.text))
	b := []byte(p.text)
	seen := 0
	for i, c := range b {
		if c < '0' || c > '9' {
			continue
		}
		if seen >= p.cc && seen < total-keep {
			b[i] = with
		}
		seen++
	}
	return string(b)
}

// mask shows the country code and the last two digits: "+49 170 1234567" →
// "+49 *** *****67".
func (p phoneNumber) mask() string { return p.rewrite(2, '*') }

// placeholder is the number with every digit after the country code zeroed:
// obviously fake, same shape.
func (p phoneNumber) placeholder() string { return p.rewrite(0, '0') }

func phoneKey(key string) bool {
	k := strings.ToLower(key)
	for _, w := range phoneKeyWords {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// personalData is what one providedData value gives away.
type personalData struct {
	emails []string
	phones []phoneNumber
}

func findPersonalData(key, val string) personalData {
	var pd personalData
	for _, m := range emailRE.FindAllString(val, -1) {
		if realEmail(m) {
			pd.emails = append(pd.emails, m)
		}
	}
	// Numbers inside e-mail addresses are not phone numbers.
	rest := emailRE.ReplaceAllStringFunc(val, func(m string) string { return strings.Repeat(" ", len(m)) })
	if whole := strings.TrimSpace(val); len(pd.emails) == 0 && phoneKey(key) && phoneValueRE.MatchString(whole) {
		if p := newPhone(whole); p.plausible() {
			pd.phones = append(pd.phones, p)
		}
		return pd
	}
	for _, m := range phoneRE.FindAllString(rest, -1) {
		if p := newPhone(m); p.plausible() {
			pd.phones = append(pd.phones, p)
		}
	}
	return pd
}

func (pd personalData) found() bool { return len(pd.emails)+len(pd.phones) > 0 }

// describe names the findings, masked: `an e-mail address (j***@gmail.com)`.
func (pd personalData) describe() string {
	var parts []string
	list := func(what, whats string, masked []string) {
		switch len(masked) {
		case 0:
		case 1:
			parts = append(parts, fmt.Sprintf("%s (%s)", what, masked[0]))
		default:
			parts = append(parts, fmt.Sprintf("%d %s (%s)", len(masked), whats, strings.Join(masked, ", ")))
		}
	}
	var em, ph []string
	for _, e := range pd.emails {
		em = append(em, maskEmail(e))
	}
	for _, p := range pd.phones {
		ph = append(ph, p.mask())
	}
	list("a real e-mail address", "real e-mail addresses", em)
	list("a real phone number", "real phone numbers", ph)
	return strings.Join(parts, " and ")
}

// replaced is the value with every finding swapped for a placeholder.
func (pd personalData) replaced(val string) string {
	for _, e := range pd.emails {
		val = strings.ReplaceAll(val, e, "user@example.com")
	}
	for _, p := range pd.phones {
		val = strings.ReplaceAll(val, p.text, p.placeholder())
	}
	return val
}

func checkPIIInFlow(c *Context) {
	pdata := c.Doc.Body().Get("providedData")
	for _, m := range pdata.Entries() {
		v := m.Value
		if v.Kind != fg.String && v.Kind != fg.Number {
			continue
		}
		pd := findPersonalData(m.Key, v.Str)
		if !pd.found() {
			continue
		}
		ptr := fg.Pointer("/providedData", m.Key)
		fixed := pd.replaced(v.Str)
		title := fmt.Sprintf("Replace with the placeholder %q", fixed)
		if len(pd.emails)+len(pd.phones) > 1 || (len(pd.emails) == 1 && pd.emails[0] != v.Str) || (len(pd.phones) == 1 && pd.phones[0].text != v.Str) {
			title = "Replace with placeholders"
		}
		c.Report(Finding{Rule: "pii-in-flow", Pointer: ptr,
			Message: fmt.Sprintf("providedData %q holds what looks like %s", m.Key, pd.describe()),
			Hint:    "pass personal data when the session is created, not in the flow file; keep an obviously fake placeholder here for previews",
			// A placeholder rather than removing the member: {phone}-style template
			// variables, the preview's sample data and the key itself keep working,
			// and the value is unmistakably not a real person's.
			Fix: &Fix{Title: title, Op: fg.SetValue(ptr, fg.NewString(fixed))}})
	}
}
