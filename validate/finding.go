// Package validate checks flow documents against the rule catalog and reports
// findings with positions, hints and quick fixes.
package validate

import (
	"cmp"
	"fmt"
	"slices"

	"flowsmith/flowgraph"
)

// Severity of a finding. Off switches a rule off in configuration.
type Severity uint8

// The severities, from least to most serious.
const (
	Off Severity = iota
	Info
	Warning
	Error
)

var severityNames = [...]string{"off", "info", "warning", "error"}

func (s Severity) String() string { return severityNames[s] }

// ParseSeverity reads "off", "info", "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if n == s {
			return Severity(i), nil
		}
	}
	return Off, fmt.Errorf("unknown severity %q (want off, info, warning or error)", s)
}

// Finding is one problem in a file.
type Finding struct {
	Rule     string
	Severity Severity
	Node     string // node id, "" when the finding concerns no node
	Pointer  string // JSON pointer of the spot
	Pos      flowgraph.Pos
	Message  string // one line naming the concrete values
	Hint     string // "did you mean …", how to fix; may be ""
	Fix      *Fix   // a machine-applicable fix, or nil
}

// Fix is a quick fix: an edit operation with a title for menus.
type Fix struct {
	Title string
	Op    flowgraph.Op
}

// Counts tallies findings by severity.
type Counts struct{ Errors, Warnings, Infos int }

// Count tallies findings.
func Count(fs []Finding) Counts {
	var c Counts
	for _, f := range fs {
		switch f.Severity {
		case Error:
			c.Errors++
		case Warning:
			c.Warnings++
		case Info:
			c.Infos++
		}
	}
	return c
}

// SortByPosition orders findings by line, column, then rule id.
func SortByPosition(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col), cmp.Compare(a.Rule, b.Rule))
	})
}

// HasErrors reports whether any finding is an error.
func HasErrors(fs []Finding) bool { return Count(fs).Errors > 0 }
