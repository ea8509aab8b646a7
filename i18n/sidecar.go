package i18n

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	fg "flowsmith/flowgraph"
)

// SidecarExt is what a flow's reviewed-translations file ends in:
// "kyc.json" has the sidecar "kyc.i18n.json" (languages.md).
const SidecarExt = ".i18n.json"

// SidecarPath returns the sidecar path of a flow file: "flows/kyc.json" →
// "flows/kyc.i18n.json". A name without a ".json" extension gets ".i18n.json"
// appended. Standard input ("-") and untitled documents ("") have no sidecar:
// the result is "".
func SidecarPath(flowPath string) string {
	if flowPath == "" || flowPath == "-" {
		return ""
	}
	base := flowPath
	if n := len(base) - len(".json"); n > 0 && strings.EqualFold(base[n:], ".json") {
		base = base[:n]
	}
	return base + SidecarExt
}

// Translation is one reviewed translation of a node's prompt.
type Translation struct {
	Source string // the English prompt, as written in the flow, the translation was made from
	Text   string // the reviewed translation of the spoken text
}

// TranslationStatus says where the words a language's visitors hear come from.
type TranslationStatus string

// The translation statuses of a preview line.
const (
	// StatusReviewed: a reviewed translation made from the current prompt.
	StatusReviewed TranslationStatus = "reviewed"
	// StatusStale: a reviewed translation made from an earlier prompt.
	StatusStale TranslationStatus = "stale"
	// StatusRuntime: no reviewed translation; the service translates at run time.
	StatusRuntime TranslationStatus = "runtime"
	// StatusSource: the language is English, the language prompts are written
	// in; nothing is translated.
	StatusSource TranslationStatus = "source"
)

// Sidecar is a flow's reviewed translations (NAME.i18n.json):
//
//	{ "de": { "greeting": { "source": "Say: Hi! …", "text": "Hallo! …" } } }
//
// Keys are languages, then node ids. The file is held as an ordered JSON tree:
// editing never reorders languages or node ids (new ones are appended) and
// never drops keys it does not know (notes next to "source" and "text", or
// "$"-prefixed metadata such as "$schema", which is not a language). Language
// keys compare case-insensitively ("zh-tw" finds "zh-TW"); node ids exactly.
//
// The read methods accept a nil *Sidecar and behave as for an empty one.
type Sidecar struct {
	root  *fg.Value // an Object
	style fg.Style  // the file's layout, kept on save
}

// NewSidecar returns an empty sidecar that saves in the default layout.
func NewSidecar() *Sidecar {
	return &Sidecar{root: fg.NewObject(), style: fg.DefaultStyle}
}

// LoadSidecar reads a sidecar file. A file that does not exist is no error:
// it returns nil, nil. A file that is not JSON or not of the sidecar's shape
// returns a *flowgraph.LoadError with the line and column of the fault.
func LoadSidecar(path string) (*Sidecar, error) {
	if path == "" {
		return nil, nil
	}
	src, err := fg.ReadInput(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	return ParseSidecar(path, src)
}

// ParseSidecar reads sidecar bytes; see LoadSidecar. path names the file in
// errors.
func ParseSidecar(path string, src []byte) (*Sidecar, error) {
	t, lerr := fg.ParseTree(path, src)
	if lerr != nil {
		return nil, lerr
	}
	fail := func(v *fg.Value, off int, format string, args ...any) error {
		if off < 0 {
			off = v.Start
		}
		return &fg.LoadError{Path: path, Offset: off, Pos: t.Pos(off), Msg: fmt.Sprintf(format, args...)}
	}
	root := t.Value
	if root.Kind != fg.Object {
		return nil, fail(root, -1, "a translations file must be a JSON object of language → node id → {\"source\", \"text\"}, not a %s", root.Kind)
	}
	for _, lm := range root.Members {
		if isMeta(lm.Key) {
			continue
		}
		if lm.Value.Kind != fg.Object {
			return nil, fail(lm.Value, -1, "language %q must be an object of node id → {\"source\", \"text\"}, not a %s", lm.Key, lm.Value.Kind)
		}
		for _, nm := range lm.Value.Members {
			if isMeta(nm.Key) {
				continue
			}
			if nm.Value.Kind != fg.Object {
				return nil, fail(nm.Value, -1, "the %s translation of %q must be an object {\"source\", \"text\"}, not a %s", lm.Key, nm.Key, nm.Value.Kind)
			}
			for _, key := range []string{"source", "text"} {
				if v := nm.Value.Get(key); v != nil && v.Kind != fg.String {
					return nil, fail(v, -1, "%q of the %s translation of %q must be a string, not a %s", key, lm.Key, nm.Key, v.Kind)
				}
			}
		}
	}
	return &Sidecar{root: root, style: detectLayout(src)}, nil
}

// isMeta reports whether a key is metadata rather than a language or node id.
func isMeta(key string) bool { return strings.HasPrefix(key, "$") }

// detectLayout reads a file's indentation unit (tab, or the smallest
// indentation of a line), line ending and key separator, so that a save keeps
// them. The default is two spaces, LF and ": ".
func detectLayout(src []byte) fg.Style {
	st := fg.DefaultStyle
	if i := bytes.IndexByte(src, '\n'); i > 0 && src[i-1] == '\r' {
		st.Newline = "\r\n"
	}
	if i := bytes.Index(src, []byte(`":`)); i >= 0 && i+2 < len(src) && src[i+2] != ' ' {
		st.Colon = ":"
	}
	smallest := 0
	for _, line := range bytes.Split(src, []byte("\n")) {
		trimmed := bytes.TrimLeft(line, " \t")
		ind := line[:len(line)-len(trimmed)]
		switch {
		case len(ind) == 0 || len(trimmed) == 0:
		case ind[0] == '\t':
			st.Indent = "\t"
			return st
		case smallest == 0 || len(ind) < smallest:
			smallest = len(ind)
		}
	}
	if smallest > 0 && smallest <= 8 {
		st.Indent = strings.Repeat(" ", smallest)
	}
	return st
}

// Languages lists the languages the sidecar holds, in file order, spelled as
// in the file.
func (s *Sidecar) Languages() []string {
	if s == nil {
		return nil
	}
	var out []string
	for _, m := range s.root.Members {
		if !isMeta(m.Key) && m.Value.Kind == fg.Object && !ContainsCode(out, m.Key) {
			out = append(out, m.Key)
		}
	}
	return out
}

// Nodes lists the node ids that have a translation in lang, in file order.
func (s *Sidecar) Nodes(lang string) []string {
	var out []string
	for _, m := range s.lang(lang).Entries() {
		if !isMeta(m.Key) && m.Value.Kind == fg.Object {
			out = append(out, m.Key)
		}
	}
	return out
}

// lang returns the object of a language (first match, any case), or nil.
func (s *Sidecar) lang(lang string) *fg.Value {
	if s == nil || isMeta(lang) {
		return nil
	}
	for _, m := range s.root.Members {
		if EqualCode(m.Key, lang) && m.Value.Kind == fg.Object {
			return m.Value
		}
	}
	return nil
}

// Get returns the translation of a node's prompt into lang.
func (s *Sidecar) Get(lang, nodeID string) (Translation, bool) {
	if isMeta(nodeID) {
		return Translation{}, false
	}
	v := s.lang(lang).Get(nodeID)
	if v == nil || v.Kind != fg.Object {
		return Translation{}, false
	}
	return Translation{Source: v.Get("source").Text(), Text: v.Get("text").Text()}, true
}

// Status compares a node's translation into lang with the node's current
// prompt: StatusReviewed when its source equals the prompt, StatusStale when
// it does not, StatusRuntime when there is no translation (or its text is
// blank). Source and prompt are compared exactly after trimming surrounding
// white space.
func (s *Sidecar) Status(lang, nodeID, currentPrompt string) TranslationStatus {
	t, ok := s.Get(lang, nodeID)
	switch {
	case !ok || strings.TrimSpace(t.Text) == "":
		return StatusRuntime
	case strings.TrimSpace(t.Source) == strings.TrimSpace(currentPrompt):
		return StatusReviewed
	}
	return StatusStale
}

// Set stores a translation. An existing entry keeps its place and its other
// keys; a new language or node id is appended. Set panics on a nil *Sidecar.
func (s *Sidecar) Set(lang, nodeID string, t Translation) {
	lv := s.lang(lang)
	if lv == nil {
		lv = fg.NewObject()
		s.root.Members = append(s.root.Members, fg.Member{Key: lang, KeyStart: -1, Value: lv})
	}
	for i := range lv.Members {
		if m := &lv.Members[i]; m.Key == nodeID {
			if m.Value.Kind != fg.Object {
				m.Value = fg.NewObject()
			}
			setMember(m.Value, "source", fg.NewString(t.Source))
			setMember(m.Value, "text", fg.NewString(t.Text))
			return
		}
	}
	lv.Members = append(lv.Members, fg.Member{Key: nodeID, KeyStart: -1,
		Value: fg.NewObject("source", fg.NewString(t.Source), "text", fg.NewString(t.Text))})
}

func setMember(obj *fg.Value, key string, v *fg.Value) {
	for i := range obj.Members {
		if obj.Members[i].Key == key {
			obj.Members[i].Value = v
			return
		}
	}
	obj.Members = append(obj.Members, fg.Member{Key: key, KeyStart: -1, Value: v})
}

// Delete removes a node's translation into lang and reports whether there
// was one. A language left with no members is removed too.
func (s *Sidecar) Delete(lang, nodeID string) bool {
	if s == nil {
		return false
	}
	for li := range s.root.Members {
		lm := &s.root.Members[li]
		if !EqualCode(lm.Key, lang) || lm.Value.Kind != fg.Object {
			continue
		}
		n := len(lm.Value.Members)
		lm.Value.Members = removeKey(lm.Value.Members, nodeID)
		if len(lm.Value.Members) == n {
			continue // the same language again in another case may have it
		}
		if len(lm.Value.Members) == 0 {
			s.root.Members = append(s.root.Members[:li:li], s.root.Members[li+1:]...)
		}
		return true
	}
	return false
}

// DeleteNode removes a node's translations in every language (for a node
// deleted from the flow) and returns how many it removed.
func (s *Sidecar) DeleteNode(nodeID string) int {
	n := 0
	for _, lang := range s.Languages() {
		for s.Delete(lang, nodeID) {
			n++
		}
	}
	return n
}

// removeKey returns members without key (a new slice: clones stay
// independent).
func removeKey(ms []fg.Member, key string) []fg.Member {
	out := make([]fg.Member, 0, len(ms))
	for _, m := range ms {
		if m.Key != key {
			out = append(out, m)
		}
	}
	return out
}

// RenameNode carries a node rename into every language: the entry keeps its
// place under the new id. An entry already filed under the new id (left over
// from a deleted node) is replaced. It returns the number of languages
// changed.
func (s *Sidecar) RenameNode(oldID, newID string) int {
	if s == nil || oldID == newID || isMeta(oldID) || isMeta(newID) {
		return 0
	}
	changed := 0
	for _, lm := range s.root.Members {
		lv := lm.Value
		if isMeta(lm.Key) || lv.Kind != fg.Object || !lv.Has(oldID) {
			continue
		}
		ms := make([]fg.Member, 0, len(lv.Members))
		for _, m := range lv.Members {
			switch m.Key {
			case newID:
				continue
			case oldID:
				m.Key, m.KeyStart = newID, -1
			}
			ms = append(ms, m)
		}
		lv.Members = ms
		changed++
	}
	return changed
}

// Bytes lays the sidecar out in its file's layout (two spaces, LF for a new
// one), keeping every key and its order, with a final newline. Strings are
// re-encoded, so a file written with escapes such as \u00e9 comes back with
// the characters themselves.
func (s *Sidecar) Bytes() []byte {
	if s == nil {
		return NewSidecar().Bytes()
	}
	return append(fg.Format(s.root, s.style, ""), s.style.Newline...)
}

// Save writes the sidecar atomically (flowgraph.WriteFileAtomic).
func (s *Sidecar) Save(path string) error {
	return fg.WriteFileAtomic(path, s.Bytes())
}

// Clone returns an independent deep copy, for undo snapshots.
func (s *Sidecar) Clone() *Sidecar {
	if s == nil {
		return nil
	}
	return &Sidecar{root: cloneValue(s.root), style: s.style}
}

func cloneValue(v *fg.Value) *fg.Value {
	c := *v
	if v.Members != nil {
		c.Members = make([]fg.Member, len(v.Members))
		for i, m := range v.Members {
			m.Value = cloneValue(m.Value)
			c.Members[i] = m
		}
	}
	if v.Items != nil {
		c.Items = make([]*fg.Value, len(v.Items))
		for i, it := range v.Items {
			c.Items[i] = cloneValue(it)
		}
	}
	return &c
}

// ContainsCode reports whether list holds code, compared as EqualCode does.
func ContainsCode(list []string, code string) bool {
	for _, c := range list {
		if EqualCode(c, code) {
			return true
		}
	}
	return false
}
