package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"flowsmith/flowgraph"
	"flowsmith/validate"
)

var exportCmd = &command{
	name:    "export",
	args:    "[flags] FILE",
	summary: "validate a flow and write it out exactly as it would be sent",
	help: `Validates FILE ("-" reads standard input). When it has errors, prints them on
standard error and writes nothing at all. Otherwise writes the document's exact
bytes (a session body stays a session body) to OUT, or to standard output
without -o. --flow-only writes just the node array, laid out in the file's own
style. A file is written atomically, and never over FILE itself.

A flow that holds an API key or signing secret (secret-in-flow) is always
refused, whatever the configuration says; the secret is never printed.

Examples:
  flowsmith export onboarding.json -o dist/onboarding.json
  flowsmith export session.json --flow-only > flow.json

Exit codes: 0 written, 1 the flow has errors (nothing written), 2 usage error,
or a file that cannot be read or written.`,
	setup: func(fs *pflag.FlagSet) func(*cli, []string) int {
		out := fs.StringP("output", "o", "", "write to `OUT` instead of standard output")
		flowOnly := fs.Bool("flow-only", false, "write only the bare flow array")
		config := fs.String("config", "", "configuration `FILE` (default: the nearest .flowsmith.json above the flow)")
		return func(c *cli, args []string) int {
			return c.export(args, *out, *flowOnly, *config)
		}
	},
}

func (c *cli) export(args []string, out string, flowOnly bool, configPath string) int {
	if len(args) != 1 {
		return c.usageError("export takes exactly one FILE, got %d", len(args))
	}
	in := args[0]
	toStdout := out == "" || out == "-"
	if !toStdout && in != "-" && samePath(in, out) {
		c.errorf("refusing to overwrite the input file %s; choose another -o", clean(out))
		return exitUsage
	}
	src, err := c.readInput(in)
	if err != nil {
		c.readError(in, err)
		return exitUsage
	}
	cfgs := newConfigs(configPath)
	cfg, cfgEntry, err := cfgs.forFlow(in)
	if err != nil {
		c.errorf("%s", err)
		return exitUsage
	}
	name := displayName(in)
	doc, findings := validate.Check(name, src, validate.Options{Config: exportConfig(cfg)})
	var results []validate.FileResult
	if cfgEntry != nil {
		results = append(results, *cfgEntry)
	}
	results = append(results, validate.FileResult{Path: name, Findings: findings, Src: src})
	total := countResults(results)
	if total.Errors > 0 {
		c.report(c.stderr, results, "text", c.term.stderr)
		c.errorf("%s not exported: fix the %s above first; nothing was written", clean(name), plural(total.Errors, "error"))
		return exitProblems
	}
	if total.Warnings > 0 {
		c.report(c.stderr, onlyAtLeast(results, validate.Warning), "text", c.term.stderr)
	}
	data := src
	if flowOnly {
		data, err = flowArray(doc)
		if err != nil {
			c.errorf("%s: %s", clean(name), clean(err.Error()))
			return exitProblems
		}
	}
	if toStdout {
		if _, err := c.stdout.Write(data); err != nil {
			c.errorf("cannot write the flow: %s", clean(err.Error()))
			return exitUsage
		}
		return exitOK
	}
	if err := flowgraph.WriteFileAtomic(out, data); err != nil {
		c.errorf("%s", clean(err.Error()))
		return exitUsage
	}
	return exitOK
}

// exportConfig is the configuration export validates with: the project's, but
// a secret in the flow always blocks the export, whatever the configuration
// says about secret-in-flow.
func exportConfig(cfg *validate.Config) *validate.Config {
	if cfg == nil {
		return nil
	}
	if sev, ok := cfg.Rules["secret-in-flow"]; !ok || sev == validate.Error {
		return cfg
	}
	cp := *cfg
	cp.Rules = make(map[string]validate.Severity, len(cfg.Rules))
	for id, sev := range cfg.Rules {
		if id != "secret-in-flow" {
			cp.Rules[id] = sev
		}
	}
	return &cp
}

// flowArray is the bare node array of a document, laid out in the document's
// style (each value's exact text kept) and ending with a newline.
func flowArray(d *flowgraph.Document) ([]byte, error) {
	if d.Form == flowgraph.FormBare {
		return d.Src, nil
	}
	f := d.Flow
	sub, err := flowgraph.Parse(d.Path, d.Src[f.Start:f.End])
	if err != nil {
		return nil, fmt.Errorf("cannot lay out the flow array: %w", err)
	}
	return sub.Canonical(d.Style), nil
}

// onlyAtLeast keeps the findings of at least a severity.
func onlyAtLeast(results []validate.FileResult, min validate.Severity) []validate.FileResult {
	var out []validate.FileResult
	for _, r := range results {
		var keep []validate.Finding
		for _, f := range r.Findings {
			if f.Severity >= min {
				keep = append(keep, f)
			}
		}
		if len(keep) > 0 {
			r.Findings = keep
			out = append(out, r)
		}
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
