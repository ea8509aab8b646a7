package validate

import (
	"io"
	"net/url"
	"path/filepath"
	"strings"
)

// SARIF 2.1.0 constants.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	toolName     = "flowsmith"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name    string      `json:"name"`
	Version string      `json:"version,omitempty"`
	Rules   []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	ShortDescription     sarifMessage       `json:"shortDescription"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifRuleProps struct {
	Group string `json:"group"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex *int            `json:"ruleIndex,omitempty"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation  `json:"physicalLocation"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifLogicalLocation struct {
	Name               string `json:"name,omitempty"`
	FullyQualifiedName string `json:"fullyQualifiedName,omitempty"`
}

// sarifLevel maps a severity to a SARIF level: info is "note".
func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "note"
	}
	return "none"
}

// sarifURI is a file path as a SARIF artifact URI: a relative path with
// forward slashes, percent-encoded; an absolute path as a file:// URI.
func sarifURI(p string) string {
	if p == "" {
		return ""
	}
	s := filepath.ToSlash(filepath.Clean(p))
	if filepath.IsAbs(p) || strings.HasPrefix(s, "/") {
		if !strings.HasPrefix(s, "/") {
			s = "/" + s // C:/x → /C:/x
		}
		return (&url.URL{Scheme: "file", Path: s}).String()
	}
	return (&url.URL{Path: s}).String()
}

// WriteSARIF writes the findings as a SARIF 2.1.0 log with one run. The
// driver lists every rule of the catalog (id, summary, default level); each
// result names its rule by id and index, has the message (and the hint after
// "; hint: "), the file and 1-based line and column (columns count Unicode
// code points, declared by the run's columnKind), and, when the finding has a
// node or a pointer, a logical location: the node id as name, the JSON
// pointer as fully qualified name.
func WriteSARIF(w io.Writer, results []FileResult, toolVersion string) error {
	driver := sarifDriver{Name: toolName, Version: toolVersion, Rules: make([]sarifRule, len(Rules))}
	index := make(map[string]int, len(Rules))
	for i, r := range Rules {
		index[r.ID] = i
		driver.Rules[i] = sarifRule{ID: r.ID, ShortDescription: sarifMessage{r.Summary},
			DefaultConfiguration: sarifConfiguration{sarifLevel(r.Severity)}, Properties: sarifRuleProps{string(r.Group)}}
	}
	run := sarifRun{Tool: sarifTool{driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	for _, r := range results {
		uri := sarifURI(Redact(r.Path))
		for _, f := range r.Findings {
			text := Redact(f.Message)
			if f.Hint != "" {
				text += "; hint: " + Redact(f.Hint)
			}
			res := sarifResult{RuleID: f.Rule, Level: sarifLevel(f.Severity), Message: sarifMessage{text}}
			if i, ok := index[f.Rule]; ok {
				res.RuleIndex = &i
			}
			loc := sarifLocation{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{uri}}}
			if f.Pos.Line > 0 {
				loc.PhysicalLocation.Region = &sarifRegion{StartLine: f.Pos.Line, StartColumn: f.Pos.Col}
			}
			if f.Node != "" || f.Pointer != "" {
				loc.LogicalLocations = []sarifLogicalLocation{{Name: Redact(f.Node), FullyQualifiedName: Redact(f.Pointer)}}
			}
			res.Locations = []sarifLocation{loc}
			run.Results = append(run.Results, res)
		}
	}
	return writeJSONDoc(w, sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}
