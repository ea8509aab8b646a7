package validate

import (
	"bytes"
	"io"

	json "github.com/goccy/go-json"

	"flowsmith/flowgraph"
)

// jsonReport is the JSON format:
//
//	{"files":[{"path":P,"diagnostics":[{"rule","severity","node","pointer","line","column","message","hint"}]}],
//	 "errors":N,"warnings":N,"infos":N}
//
// node and hint are null when empty; severity is error, warning or info.
type jsonReport struct {
	Files    []jsonFile `json:"files"`
	Errors   int        `json:"errors"`
	Warnings int        `json:"warnings"`
	Infos    int        `json:"infos"`
}

type jsonFile struct {
	Path        string           `json:"path"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
}

type jsonDiagnostic struct {
	Rule     string  `json:"rule"`
	Severity string  `json:"severity"`
	Node     *string `json:"node"`
	Pointer  string  `json:"pointer"`
	Line     int     `json:"line"`
	Column   int     `json:"column"`
	Message  string  `json:"message"`
	Hint     *string `json:"hint"`
}

// optional is nil for "", else a pointer to the redacted string.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	r := Redact(s)
	return &r
}

// WriteJSON writes the findings of every file as one JSON document (indented
// by two spaces, ending in a newline). Text from the files is redacted;
// control, bidi and invisible characters are written as \u escapes.
func WriteJSON(w io.Writer, results []FileResult) error {
	rep := jsonReport{Files: make([]jsonFile, 0, len(results))}
	for _, r := range results {
		f := jsonFile{Path: Redact(r.Path), Diagnostics: make([]jsonDiagnostic, 0, len(r.Findings))}
		for _, x := range r.Findings {
			f.Diagnostics = append(f.Diagnostics, jsonDiagnostic{
				Rule: x.Rule, Severity: severityLevel(x.Severity), Node: optional(x.Node), Pointer: Redact(x.Pointer),
				Line: x.Pos.Line, Column: x.Pos.Col, Message: Redact(x.Message), Hint: optional(x.Hint),
			})
		}
		rep.Files = append(rep.Files, f)
	}
	c := countAll(results)
	rep.Errors, rep.Warnings, rep.Infos = c.Errors, c.Warnings, c.Infos
	return writeJSONDoc(w, rep)
}

// writeJSONDoc encodes v indented, with HTML escaping off (messages quote
// <, > and & as they are) and unsafe characters escaped.
func writeJSONDoc(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(flowgraph.EscapeJSONUnsafe(buf.Bytes()))
	return err
}
