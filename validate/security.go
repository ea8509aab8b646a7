package validate

// Security rules: secret keys anywhere in a file (secret-in-flow) and Redact,
// the last line of defence every output path runs text through. Personal data
// (pii-in-flow) is in pii.go.
//
// Secrets. A secret is one of the prefixes sk_test_, sk_prod_, sk_live_ or
// whsec_ (case-sensitive: real keys are lower case, and an upper-case SK_LIVE_
// is a variable name), not glued to a preceding letter or digit ("task_test_…"
// is a word), followed by a run of [A-Za-z0-9_-]. The run is the secret's body
// and must look random:
//
//   - at least 8 characters: long enough to skip "sk_live_" written in prose,
//     short enough to catch a truncated paste (real keys have 24 or more);
//   - under 20 characters it must hold a digit or an upper-case letter, so a
//     word-like identifier ("whsec_rotation", "sk_test_environment") is not a
//     key, while a random 24-character key of lower-case letters only still is;
//   - not one character repeated ("sk_live_XXXXXXXXXXXX" is a placeholder).
//
// A fake key in the real format ("sk_test_FAKE0000000000000000") is reported:
// the rule cannot tell, and a format-valid fake teaches copy-paste of real ones.
// The matcher is the same for the rule and for Redact, so what the rule calls a
// secret is exactly what output hides.

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	fg "flowsmith/flowgraph"
)

// secretPrefixes are the key formats flowsmith recognises.
var secretPrefixes = []string{"sk_test_", "sk_prod_", "sk_live_", "whsec_"}

// Thresholds of the secret matcher (see the file comment).
const (
	secretMinBody   = 8  // shortest random part
	secretPlainBody = 20 // from this length on, any mix of characters counts
)

// secretSpan is one secret found in a string: s[Start:End], starting with Prefix.
type secretSpan struct {
	Start, End int
	Prefix     string
}

func isASCIIAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

func isSecretBodyByte(b byte) bool { return isASCIIAlnum(b) || b == '_' || b == '-' }

// findSecrets lists the secrets in s in order of position.
func findSecrets(s string) []secretSpan {
	if !strings.Contains(s, "sk_") && !strings.Contains(s, "whsec_") {
		return nil
	}
	var out []secretSpan
	for i := 0; i < len(s); {
		sp, ok := secretAt(s, i)
		if !ok {
			i++
			continue
		}
		out = append(out, sp)
		i = sp.End
	}
	return out
}

// secretAt reports whether a secret starts at byte i of s.
func secretAt(s string, i int) (secretSpan, bool) {
	if i > 0 && isASCIIAlnum(s[i-1]) {
		return secretSpan{}, false
	}
	for _, p := range secretPrefixes {
		if !strings.HasPrefix(s[i:], p) {
			continue
		}
		j := i + len(p)
		for j < len(s) && isSecretBodyByte(s[j]) {
			j++
		}
		if looksRandom(s[i+len(p) : j]) {
			return secretSpan{Start: i, End: j, Prefix: p}, true
		}
	}
	return secretSpan{}, false
}

// looksRandom decides whether the part after a prefix is a key body.
func looksRandom(body string) bool {
	alnum, mixed, same := 0, false, true
	for i := 0; i < len(body); i++ {
		b := body[i]
		if isASCIIAlnum(b) {
			alnum++
		}
		if b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' {
			mixed = true
		}
		if b != body[0] {
			same = false
		}
	}
	switch {
	case alnum < secretMinBody || same:
		return false
	case len(body) >= secretPlainBody:
		return true
	}
	return mixed
}

// Redact replaces every secret in s with its prefix and "…[redacted]", e.g.
// "key sk_live_4eC39HqLyjWDarjtT1zdp7dc" → "key sk_live_…[redacted]". It uses
// the matcher of the secret-in-flow rule. Every output path (CLI, TUI,
// reporters) runs text through it as a last line of defence.
func Redact(s string) string {
	spans := findSecrets(s)
	if len(spans) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		b.WriteString(s[last:sp.Start])
		b.WriteString(sp.Prefix)
		b.WriteString("…[redacted]")
		last = sp.End
	}
	b.WriteString(s[last:])
	return b.String()
}

// ContainsSecret reports whether s holds something that looks like a secret.
func ContainsSecret(s string) bool { return len(findSecrets(s)) > 0 }

// cutSecrets removes every secret from s, and the blank before it when a
// blank or punctuation follows ("is sk_live_… ." → "is.").
func cutSecrets(s string) string {
	spans := findSecrets(s)
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		before := s[last:sp.Start]
		if sp.End == len(s) || strings.IndexByte(" .,;:!?)", s[sp.End]) >= 0 {
			before = strings.TrimSuffix(before, " ")
		}
		b.WriteString(before)
		last = sp.End
	}
	b.WriteString(s[last:])
	return b.String()
}

func secretKind(prefix string) string {
	if prefix == "whsec_" {
		return "a webhook signing secret"
	}
	return "a FaceSign secret key"
}

// FirstSecretPrefix returns the prefix of the first secret in s (one of
// "sk_live_", "sk_prod_", "sk_test_", "whsec_"), or "" when s holds none: what
// a message may say of a secret without showing it.
func FirstSecretPrefix(s string) string {
	if spans := findSecrets(s); len(spans) > 0 {
		return spans[0].Prefix
	}
	return ""
}

// describeSecrets says what was found without the secret itself:
// "a FaceSign secret key (sk_live_…, 32 characters)".
func describeSecrets(spans []secretSpan) string {
	first := spans[0]
	d := fmt.Sprintf("%s (%s…, %d characters)", secretKind(first.Prefix), first.Prefix, first.End-first.Start)
	if n := len(spans) - 1; n == 1 {
		d += " and 1 more"
	} else if n > 1 {
		d += fmt.Sprintf(" and %d more", n)
	}
	return d
}

const secretHint = "keep keys out of flow files: anyone who can read the flow can use the key. Remove it and rotate the key, since it may already be in version control"

// freeFormBodyFields are body fields whose content is the author's own data:
// a member there that is nothing but a secret can be removed outright.
var freeFormBodyFields = []string{"metadata", "customization"}

func checkSecretInFlow(c *Context) {
	if !mayHoldSecret(c.Doc.Src) {
		return
	}
	walkValues(c.Doc.Root, "", func(ptr string, key *fg.Member, v *fg.Value) {
		if key != nil {
			spans := findSecrets(key.Key)
			if len(spans) == 0 {
				return
			}
			f := Finding{Rule: "secret-in-flow", Node: c.nodeAt(ptr), Pointer: ptr, Pos: c.Doc.Pos(key.KeyStart), Hint: secretHint,
				Message: fmt.Sprintf("a key at %s looks like %s", Redact(ptr), describeSecrets(spans))}
			parent, _ := fg.ParentPointer(ptr)
			obj := c.Doc.Lookup(parent)
			if nk := strings.TrimSpace(cutSecrets(key.Key)); nk != "" && !obj.Has(nk) {
				f.Fix = &Fix{Title: fmt.Sprintf("Rename the key to %q", nk), Op: fg.RenameKey(ptr, nk)}
			} else {
				f.Fix = &Fix{Title: "Remove the member", Op: fg.Remove(ptr)}
			}
			c.Report(f)
			return
		}
		if v.Kind != fg.String {
			return
		}
		spans := findSecrets(v.Str)
		if len(spans) == 0 {
			return
		}
		whole := len(spans) == 1 && strings.TrimSpace(v.Str) == v.Str[spans[0].Start:spans[0].End]
		what := "a string at %s contains something that looks like %s"
		if whole {
			what = "a string at %s looks like %s"
		}
		f := Finding{Rule: "secret-in-flow", Node: c.nodeAt(ptr), Pointer: ptr, Hint: secretHint,
			Message: fmt.Sprintf(what, Redact(ptr), describeSecrets(spans))}
		toks := fg.SplitPointer(ptr)
		switch {
		case whole && c.Doc.Form == fg.FormBody && len(toks) > 1 && slices.Contains(freeFormBodyFields, toks[0]):
			f.Fix = &Fix{Title: "Remove the secret's entry", Op: fg.Remove(ptr)}
		case whole:
			f.Fix = &Fix{Title: "Clear the value", Op: fg.SetValue(ptr, fg.NewString(""))}
		default:
			f.Fix = &Fix{Title: "Cut the secret out of the text", Op: fg.SetValue(ptr, fg.NewString(cutSecrets(v.Str)))}
		}
		c.Report(f)
	})
}

// walkValues calls fn for every value under v (v included, key nil) and for
// every object member (key set, v its value), depth first in file order.
func walkValues(v *fg.Value, ptr string, fn func(ptr string, key *fg.Member, v *fg.Value)) {
	if v == nil {
		return
	}
	fn(ptr, nil, v)
	switch v.Kind {
	case fg.Object:
		for i := range v.Members {
			m := &v.Members[i]
			mp := fg.Pointer(ptr, m.Key)
			fn(mp, m, m.Value)
			walkValues(m.Value, mp, fn)
		}
	case fg.Array:
		for i, it := range v.Items {
			walkValues(it, fg.Pointer(ptr, i), fn)
		}
	}
}

// mayHoldSecret is a fast, exact pre-check: a decoded key or string can only
// hold a secret prefix when the raw text has the prefix itself or a \u escape
// (the prefixes are letters and "_", which no other escape produces). Both
// prefixes end in "_", so it looks at what stands before each "_" instead of
// searching for each prefix: an "s" is in every other word (3 MB: 1.1 -> 0.4
// ms).
func mayHoldSecret(src []byte) bool {
	if bytes.Contains(src, []byte(`\u`)) {
		return true
	}
	for i := 0; ; i++ {
		k := bytes.IndexByte(src[i:], '_')
		if k < 0 {
			return false
		}
		i += k
		if before := src[:i]; bytes.HasSuffix(before, []byte("sk")) || bytes.HasSuffix(before, []byte("whsec")) {
			return true
		}
	}
}
