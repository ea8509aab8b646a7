package validate

// Session-body and language rules: the codes in langs / defaultLang, and the
// top-level keys and field types of a session-create body. They only look at
// files in the session-body form; a bare flow has no body.

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	fg "flowsmith/flowgraph"
	"flowsmith/i18n"
)

// sessionCatalog is the language catalog of the project: the configured one,
// else the default. A configured list that is not a valid catalog falls back
// to the default (the configuration loader is where that is reported).
func sessionCatalog(c *Context) i18n.Catalog {
	if c.Config != nil && len(c.Config.Languages) > 0 {
		if cat, err := i18n.NewCatalog(c.Config.Languages); err == nil {
			return cat
		}
	}
	return i18n.DefaultCatalog()
}

// langSite is one language code in the body: an item of langs or defaultLang.
type langSite struct {
	ptr   string
	code  string
	index int // position in langs, -1 for defaultLang
}

func (s langSite) where() string {
	if s.index < 0 {
		return "defaultLang"
	}
	return fmt.Sprintf("langs item %d", s.index+1)
}

// langSites lists the string codes of langs and defaultLang (other kinds are
// field-type findings).
func langSites(c *Context) []langSite {
	body := c.Doc.Body()
	var out []langSite
	for i, it := range body.Get("langs").Elems() {
		if it.Kind == fg.String {
			out = append(out, langSite{ptr: fg.Pointer("/langs", i), code: it.Str, index: i})
		}
	}
	if d := body.Get("defaultLang"); d.IsString() {
		out = append(out, langSite{ptr: "/defaultLang", code: d.Str, index: -1})
	}
	return out
}

// langStrings returns the string items of langs.
func langStrings(c *Context) []string { return c.Doc.Body().Get("langs").Strings() }

// langIndex returns the index in langs of a code equal to code (case-insensitive),
// skipping the item at skip; -1 when none.
func langIndex(c *Context, code string, skip int) int {
	for i, it := range c.Doc.Body().Get("langs").Elems() {
		if i != skip && it.Kind == fg.String && i18n.EqualCode(it.Str, code) {
			return i
		}
	}
	return -1
}

func checkInvalidLang(c *Context)     { reportLangErrors(c, i18n.RuleInvalidLang) }
func checkUnsupportedLang(c *Context) { reportLangErrors(c, i18n.RuleUnsupportedLang) }

// reportLangErrors reports the codes that the catalog rejects with the given rule.
func reportLangErrors(c *Context, rule string) {
	cat := sessionCatalog(c)
	for _, s := range langSites(c) {
		_, err := cat.Validate(s.code)
		var le *i18n.LangError
		if !errors.As(err, &le) || le.Rule != rule {
			continue
		}
		f := Finding{Rule: rule, Pointer: s.ptr}
		switch {
		case strings.TrimSpace(s.code) == "":
			f.Message = s.where() + " is empty"
			if s.index >= 0 {
				f.Hint = "remove the empty item"
				f.Fix = &Fix{Title: "Remove the empty item", Op: fg.Remove(s.ptr)}
			} else {
				f.Hint = fmt.Sprintf("without defaultLang the session falls back to %q", i18n.DefaultLang)
				f.Fix = &Fix{Title: "Remove defaultLang", Op: fg.Remove(s.ptr)}
			}
			c.Report(f)
			continue
		case rule == i18n.RuleInvalidLang:
			f.Message = fmt.Sprintf("%s %q is not a valid BCP 47 language tag", s.where(), s.code)
			if le.Err != nil {
				f.Message += " (" + strings.TrimPrefix(le.Err.Error(), "language: ") + ")"
			}
		default:
			f.Message = fmt.Sprintf("%s %q is not in the language catalog", s.where(), s.code)
		}
		switch sugg := le.Suggestion; {
		case sugg != "":
			f.Hint = fmt.Sprintf("a browser sending %q gets %q; use %q", strings.ReplaceAll(strings.TrimSpace(s.code), "_", "-"), sugg, sugg)
			if strings.Contains(s.code, "_") {
				f.Hint = "BCP 47 separates subtags with '-', not '_'; " + f.Hint
			}
			if s.index >= 0 && langIndex(c, sugg, s.index) >= 0 {
				f.Fix = &Fix{Title: fmt.Sprintf("Remove %q (langs already has %q)", s.code, sugg), Op: fg.Remove(s.ptr)}
			} else {
				f.Fix = &Fix{Title: fmt.Sprintf("Change %q to %q", s.code, sugg), Op: fg.SetValue(s.ptr, fg.NewString(sugg))}
			}
		case rule == i18n.RuleUnsupportedLang:
			f.Hint = fmt.Sprintf("the catalog has %s; a project can change it with \"languages\" in %s", strings.Join(cat.Codes(), ", "), ConfigName)
		}
		c.Report(f)
	}
}

func checkDuplicateLang(c *Context) {
	items := c.Doc.Body().Get("langs").Elems()
	for i, it := range items {
		if it.Kind != fg.String || strings.TrimSpace(it.Str) == "" {
			continue
		}
		j := langIndex(c, it.Str, i)
		if j < 0 || j > i {
			continue
		}
		first := items[j].Str
		msg := fmt.Sprintf("langs lists %q twice (items %d and %d)", first, j+1, i+1)
		if first != it.Str {
			msg = fmt.Sprintf("langs item %d %q repeats item %d %q (codes compare ignoring case)", i+1, it.Str, j+1, first)
		}
		c.Report(Finding{Rule: "duplicate-lang", Pointer: fg.Pointer("/langs", i), Message: msg,
			Hint: "keep one copy",
			Fix:  &Fix{Title: fmt.Sprintf("Remove the second %q", it.Str), Op: fg.Remove(fg.Pointer("/langs", i))}})
	}
}

// checkDefaultLangNotInLangs: langs is given (non-empty) and defaultLang, "en"
// when absent, is not among its codes.
//
// The quick fix keeps what the author wrote on purpose:
//   - defaultLang is a regional or alias form of a code in langs ("en-GB" with
//     langs ["en", …]): set defaultLang to that code, the language a browser
//     sending defaultLang would get anyway;
//   - defaultLang is written out: add it to langs. The author named the fallback
//     language explicitly; langs merely forgot it;
//   - defaultLang is absent: the implicit "en" was never chosen, while langs
//     was, so set defaultLang to the first code of langs rather than adding a
//     language the author left out.
func checkDefaultLangNotInLangs(c *Context) {
	body := c.Doc.Body()
	langsV := body.Get("langs")
	langs := langStrings(c)
	if len(langs) == 0 || langsV.Kind != fg.Array {
		return
	}
	dv := body.Get("defaultLang")
	if dv != nil && dv.Kind != fg.String {
		return // field-type
	}
	explicit := dv != nil
	def := i18n.DefaultLang
	if explicit {
		def = dv.Str
	}
	if strings.TrimSpace(def) == "" || langIndex(c, def, -2) >= 0 {
		return
	}
	cat := sessionCatalog(c)
	if _, err := cat.Validate(def); err != nil {
		var le *i18n.LangError
		if errors.As(err, &le) && le.Rule == i18n.RuleInvalidLang {
			return // invalid-lang reports it
		}
	}
	list := strings.Join(langs, ", ")
	f := Finding{Rule: "default-lang-not-in-langs", Pointer: "/defaultLang",
		Message: fmt.Sprintf("defaultLang %q is not in langs (%s)", def, list)}
	if !explicit {
		f.Pointer = "/langs"
		f.Message = fmt.Sprintf("langs (%s) does not include %q, the default language when defaultLang is absent", list, def)
	}
	f.Hint = fmt.Sprintf("visitors whose browser language matches nothing in langs get defaultLang, which langs does not allow; add %q to langs or set defaultLang to one of %s", def, list)
	r := i18n.Resolve(def, langs, "", cat)
	switch {
	case explicit && !r.Fallback:
		f.Hint = fmt.Sprintf("langs has %q, the language a browser sending %q gets; set defaultLang to %q", r.Lang, def, r.Lang)
		f.Fix = &Fix{Title: fmt.Sprintf("Set defaultLang to %q", r.Lang), Op: fg.SetValue("/defaultLang", fg.NewString(r.Lang))}
	case explicit:
		f.Fix = &Fix{Title: fmt.Sprintf("Add %q to langs", def), Op: fg.InsertItem("/langs", len(langsV.Items), fg.NewString(def))}
	default:
		f.Fix = &Fix{Title: fmt.Sprintf("Set defaultLang to %q", langs[0]), Op: fg.SetValue("/defaultLang", fg.NewString(langs[0]))}
	}
	c.Report(f)
}

// sessionFieldNames are the keys of a session body, in catalog order.
var sessionFieldNames = func() []string {
	out := make([]string, len(fg.SessionFields))
	for i, f := range fg.SessionFields {
		out[i] = f.Name
	}
	return out
}()

// sessionKeyAliases are keys authors write for a known field that are too far
// from its name for the edit-distance match.
var sessionKeyAliases = map[string]string{
	"language": "langs", "languages": "langs", "locales": "langs", "lang": "langs",
	"defaultlanguage": "defaultLang", "defaultlocale": "defaultLang", "default_language": "defaultLang",
	"fallbacklang": "defaultLang", "fallbacklanguage": "defaultLang",
	"region": "zone",
}

func checkUnknownSessionField(c *Context) {
	if c.Doc.Form != fg.FormBody {
		return
	}
	body := c.Doc.Root
	for _, m := range body.Members {
		if fg.SessionField(m.Key) != nil {
			continue
		}
		ptr := fg.Pointer("", m.Key)
		f := Finding{Rule: "unknown-session-field", Pointer: ptr,
			Message: fmt.Sprintf("the session body has a key %q that the format does not define", m.Key),
			Hint:    "the service may reject or ignore it; known keys: " + strings.Join(sessionFieldNames, ", ")}
		near, ok := sessionKeyAliases[strings.ToLower(m.Key)]
		if !ok {
			near, ok = nearest(m.Key, sessionFieldNames)
		}
		if ok {
			f.Hint = fmt.Sprintf("did you mean %q?", near)
			if !body.Has(near) {
				f.Fix = &Fix{Title: fmt.Sprintf("Rename %q to %q", m.Key, near), Op: fg.RenameKey(ptr, near)}
			}
		}
		c.Report(f)
	}
}

// ---- field types of the body --------------------------------------------

// objectBodyFields are documented as objects though the catalog keeps them
// as free-form JSON (their content is not checked).
var objectBodyFields = []string{"metadata", "customization"}

// sessionFieldIssues checks the body's fields against flowgraph.SessionFields.
// "flow" and "modules" are left to the node rules.
func sessionFieldIssues(d *fg.Document) []Finding {
	body := d.Body()
	var out []Finding
	add := func(rule, ptr, msg, hint string, fix *Fix) {
		out = append(out, Finding{Rule: rule, Pointer: ptr, Message: msg, Hint: hint, Fix: fix})
	}
	for _, m := range body.Entries() {
		f := fg.SessionField(m.Key)
		if f == nil || f.Name == "flow" || f.Name == "modules" {
			continue
		}
		ptr, v := fg.Pointer("", m.Key), m.Value
		if f.Kind == fg.KindAny {
			if slices.Contains(objectBodyFields, f.Name) && v.Kind != fg.Object {
				add("field-type", ptr, fmt.Sprintf("%q must be an object, not %s", f.Name, v.Kind.WithArticle()), "", nil)
			}
			continue
		}
		if want := f.Kind.JSONKind(); v.Kind != want {
			add("field-type", ptr, fmt.Sprintf("%q must be %s, not %s", f.Name, kindWord(f.Kind), v.Kind.WithArticle()), fieldHint(f), retypeFix(f, v, ptr))
			continue
		}
		switch f.Kind {
		case fg.KindEnum:
			if fix, hint, ok := enumProblem(f, v, ptr); !ok {
				add("field-type", ptr, fmt.Sprintf("%q is %q, which is not one of %s", f.Name, v.Str, strings.Join(f.Enum, ", ")), hint, fix)
			}
		case fg.KindStringList:
			for i, it := range v.Items {
				if it.Kind != fg.String {
					ip := fg.Pointer(ptr, i)
					add("field-type", ip, fmt.Sprintf("item %d of %q must be a string, not %s", i+1, f.Name, it.Kind.WithArticle()), "", scalarToString(it, ip))
				}
			}
		case fg.KindStringMap:
			for _, e := range v.Members {
				if e.Value.Kind != fg.String {
					ep := fg.Pointer(ptr, e.Key)
					add("field-type", ep, fmt.Sprintf("%s %q must be a string, not %s", f.Name, e.Key, e.Value.Kind.WithArticle()), "every value of "+f.Name+" is a string", scalarToString(e.Value, ep))
				}
			}
		case fg.KindObjectList:
			for i, it := range v.Items {
				ip := fg.Pointer(ptr, i)
				if it.Kind != fg.Object {
					add("field-type", ip, fmt.Sprintf("item %d of %q must be an object, not %s", i+1, f.Name, it.Kind.WithArticle()), "", nil)
					continue
				}
				what := fmt.Sprintf("%s item %d", f.Name, i+1)
				for j := range f.Fields {
					sub := &f.Fields[j]
					sv, sp := it.Get(sub.Name), fg.Pointer(ip, sub.Name)
					switch {
					case sv == nil:
						if sub.Required {
							add("missing-field", ip, fmt.Sprintf("%s has no %q", what, sub.Name), fieldHint(sub), nil)
						}
					case sv.Kind != sub.Kind.JSONKind():
						add("field-type", sp, fmt.Sprintf("%q of %s must be %s, not %s", sub.Name, what, kindWord(sub.Kind), sv.Kind.WithArticle()), fieldHint(sub), retypeFix(sub, sv, sp))
					case sub.Kind == fg.KindString && sub.Required && strings.TrimSpace(sv.Str) == "":
						add("missing-field", sp, fmt.Sprintf("%q of %s is empty", sub.Name, what), "", nil)
					case sub.Kind == fg.KindEnum:
						if fix, hint, ok := enumProblem(sub, sv, sp); !ok {
							add("field-type", sp, fmt.Sprintf("%q of %s is %q, which is not one of %s", sub.Name, what, sv.Str, strings.Join(sub.Enum, ", ")), hint, fix)
						}
					case sub.Kind == fg.KindStringList:
						for k, e := range sv.Items {
							if e.Kind != fg.String {
								ep := fg.Pointer(sp, k)
								add("field-type", ep, fmt.Sprintf("item %d of %q of %s must be a string, not %s", k+1, sub.Name, what, e.Kind.WithArticle()), "", scalarToString(e, ep))
							}
						}
					}
				}
				known := fieldNames(f.Fields)
				for _, e := range it.Members {
					if slices.Contains(known, e.Key) {
						continue
					}
					ep := fg.Pointer(ip, e.Key)
					hint, fix := "known keys: "+strings.Join(known, ", "), (*Fix)(nil)
					if near, ok := nearest(e.Key, known); ok {
						hint = fmt.Sprintf("did you mean %q?", near)
						if !it.Has(near) {
							fix = &Fix{Title: fmt.Sprintf("Rename %q to %q", e.Key, near), Op: fg.RenameKey(ep, near)}
						}
					}
					add("unknown-field", ep, fmt.Sprintf("%s has a key %q that the format does not define", what, e.Key), hint, fix)
				}
			}
		}
	}
	return out
}

// enumProblem checks an enum value; ok is true when it is one of the set.
func enumProblem(f *fg.Field, v *fg.Value, ptr string) (fix *Fix, hint string, ok bool) {
	if slices.Contains(f.Enum, v.Str) {
		return nil, "", true
	}
	hint = "one of " + strings.Join(f.Enum, ", ")
	if near, found := nearest(v.Str, f.Enum); found {
		hint = fmt.Sprintf("did you mean %q?", near)
		fix = &Fix{Title: fmt.Sprintf("Set %s to %q", f.Name, near), Op: fg.SetValue(ptr, fg.NewString(near))}
	}
	return fix, hint, false
}

// retypeFix converts a value of the wrong kind when the intent is plain: a
// string "true"/"false" for a boolean, a number or boolean for a string, a
// comma-separated string for a string list.
func retypeFix(f *fg.Field, v *fg.Value, ptr string) *Fix {
	switch want := f.Kind.JSONKind(); {
	case want == fg.Bool && v.Kind == fg.String && (v.Str == "true" || v.Str == "false"):
		return &Fix{Title: fmt.Sprintf("Make %s the boolean %s", f.Name, v.Str), Op: fg.SetValue(ptr, fg.NewBool(v.Str == "true"))}
	case f.Kind == fg.KindString || f.Kind == fg.KindPrompt:
		return scalarToString(v, ptr)
	case f.Kind == fg.KindStringList && v.Kind == fg.String:
		parts := strings.FieldsFunc(v.Str, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' })
		if len(parts) == 0 {
			return nil
		}
		items := make([]*fg.Value, len(parts))
		for i, p := range parts {
			items[i] = fg.NewString(p)
		}
		return &Fix{Title: fmt.Sprintf("Make %s the list [%s]", f.Name, strings.Join(parts, ", ")), Op: fg.SetValue(ptr, fg.NewArray(items...))}
	}
	return nil
}

// scalarToString quotes a number or boolean (a phone number written as a JSON
// number, a numeric id).
func scalarToString(v *fg.Value, ptr string) *Fix {
	if v.Kind != fg.Number && v.Kind != fg.Bool {
		return nil
	}
	return &Fix{Title: fmt.Sprintf("Make it the string %q", v.Str), Op: fg.SetValue(ptr, fg.NewString(v.Str))}
}
