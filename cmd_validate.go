package main

import (
	"errors"
	"io"
	"slices"

	"github.com/spf13/pflag"

	"flowsmith/flowgraph"
	"flowsmith/i18n"
	"flowsmith/validate"
)

var validateCmd = &command{
	name:    "validate",
	args:    "[flags] FILE...",
	summary: "check flows against every rule",
	help: `Reports every finding of each FILE ("-" reads standard input) with its
position, rule id, message and, where there is one, a hint. The project's
.flowsmith.json is found by walking up from each file (or given with --config);
problems in it are reported as findings of the configuration file.

Formats:
  text   FILE:LINE:COL: SEVERITY RULE-ID: message [node ID], then the hint
  json   {"files":[{"path","diagnostics":[{"rule","severity","node","pointer",
         "line","column","message","hint"}]}],"errors","warnings","infos"}
  sarif  SARIF 2.1.0, for code-scanning services

Examples:
  flowsmith validate flows/*.json
  flowsmith validate --format json onboarding.json
  cat flow.json | flowsmith validate -

Exit codes: 0 no errors (and no more warnings than --max-warnings), 1 errors or
too many warnings, 2 usage error or a file that cannot be read.`,
	setup: func(fs *pflag.FlagSet) func(*cli, []string) int {
		format := fs.String("format", "text", "output `FORMAT`: text, json or sarif")
		maxWarnings := fs.Int("max-warnings", -1, "exit 1 when there are more than `N` warnings (-1: no limit)")
		config := fs.String("config", "", "configuration `FILE` (default: the nearest .flowsmith.json above each flow)")
		return func(c *cli, args []string) int {
			return c.validate(args, *format, *maxWarnings, *config)
		}
	},
}

// reportFormats are validate's --format values.
var reportFormats = []string{"text", "json", "sarif"}

func (c *cli) validate(files []string, format string, maxWarnings int, configPath string) int {
	if !slices.Contains(reportFormats, format) {
		return c.usageError("unknown format %q (want text, json or sarif)", clean(format))
	}
	if len(files) == 0 {
		return c.usageError("no FILE given (use - for standard input)")
	}
	if stdinCount(files) > 1 {
		return c.usageError("standard input (-) can be read only once")
	}
	results, failed := c.check(files, configPath)
	if len(results) == 0 && format == "text" {
		return exitUsage // nothing could be read; the messages are printed
	}
	if err := c.report(c.stdout, results, format, c.term.stdout); err != nil {
		c.errorf("cannot write the report: %s", clean(err.Error()))
		return exitUsage
	}
	if failed {
		return exitUsage
	}
	total := countResults(results)
	if total.Errors > 0 {
		return exitProblems
	}
	if maxWarnings >= 0 && total.Warnings > maxWarnings {
		c.errorf("%d warnings, more than --max-warnings %d", total.Warnings, maxWarnings)
		return exitProblems
	}
	return exitOK
}

// check reads and validates files; each configuration used that has findings of
// its own comes first as an entry of its own. failed is true when a file or a
// configuration could not be read (the message is already printed).
func (c *cli) check(files []string, configPath string) (results []validate.FileResult, failed bool) {
	cfgs := newConfigs(configPath)
	for _, path := range files {
		src, err := c.readInput(path)
		if err != nil {
			c.readError(path, err)
			failed = true
			continue
		}
		cfg, entry, err := cfgs.forFlow(path)
		if err != nil {
			c.errorf("%s", err)
			failed = true
			continue
		}
		if entry != nil {
			results = append(results, *entry)
		}
		sc, scResult := loadSidecar(path)
		if scResult != nil {
			results = append(results, *scResult)
		}
		name := displayName(path)
		_, findings := validate.Check(name, src, validate.Options{Config: cfg, Translations: sc})
		results = append(results, validate.FileResult{Path: name, Findings: findings, Src: src})
	}
	return results, failed
}

// report writes results in a format; color is for the text format on a
// terminal (and never with NO_COLOR).
func (c *cli) report(w io.Writer, results []validate.FileResult, format string, tty bool) error {
	switch format {
	case "json":
		return validate.WriteJSON(w, results)
	case "sarif":
		return validate.WriteSARIF(w, results, version())
	}
	return validate.WriteText(w, results, validate.TextOptions{Color: tty && !c.term.noColor})
}

func countResults(results []validate.FileResult) validate.Counts {
	var total validate.Counts
	for _, r := range results {
		n := validate.Count(r.Findings)
		total.Errors += n.Errors
		total.Warnings += n.Warnings
		total.Infos += n.Infos
	}
	return total
}

func stdinCount(files []string) int {
	n := 0
	for _, f := range files {
		if f == "-" {
			n++
		}
	}
	return n
}

// loadSidecar reads the reviewed translations next to a flow file (none for
// standard input). A sidecar that cannot be read or parsed is reported as a
// file of its own, and validation goes on without it.
func loadSidecar(path string) (*i18n.Sidecar, *validate.FileResult) {
	if path == "-" {
		return nil, nil
	}
	scPath := i18n.SidecarPath(path)
	sc, err := i18n.LoadSidecar(scPath)
	if err == nil {
		return sc, nil
	}
	f := validate.Finding{Rule: "parse-error", Severity: validate.Error, Pos: flowgraph.Pos{Line: 1, Col: 1},
		Message: "cannot read the translations sidecar: " + ioReason(err)}
	var le *flowgraph.LoadError
	if errors.As(err, &le) {
		f.Pos, f.Message = le.Pos, le.Msg
	}
	return nil, &validate.FileResult{Path: displayName(scPath), Findings: []validate.Finding{f}}
}
