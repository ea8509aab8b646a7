package main

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"flowsmith/flowgraph"
)

var fmtCmd = &command{
	name:    "fmt",
	args:    "[flags] FILE...",
	summary: "lay flows out in the canonical style, in place",
	help: `Rewrites each FILE in the canonical layout: one value per line, indented by two
spaces (or --indent), "key": value. Every value keeps its exact text (string
escapes, number spelling), every key its place, and the file its line endings.
A file is rewritten atomically, and only when its layout changes. "-" reads
standard input and writes the result to standard output.

--check writes nothing: it lists the files that would change and exits 1 if
there are any. --migrate first converts a legacy {nodes, edges} graph into the
current form (the same conversion as the legacy-shape quick fix).

Examples:
  flowsmith fmt flows/*.json
  flowsmith fmt --check flows/*.json
  flowsmith fmt --migrate --indent tab old-graph.json

Exit codes: 0 done (or, with --check, nothing would change), 1 a file would
change under --check or is not a flow (its line:col is printed; nothing is
written), 2 usage error or a file that cannot be read or written.`,
	setup: func(fs *pflag.FlagSet) func(*cli, []string) int {
		check := fs.Bool("check", false, "write nothing; list the files that would change and exit 1 if any")
		migrate := fs.Bool("migrate", false, "convert a legacy {nodes, edges} graph into the current form")
		indent := fs.String("indent", "2", "indentation: `N` spaces (1-8) or \"tab\"")
		return func(c *cli, args []string) int {
			return c.format(args, *check, *migrate, *indent)
		}
	},
}

// parseIndent reads --indent: "tab" or a number of spaces from 1 to 8.
func parseIndent(s string) (string, error) {
	if strings.EqualFold(s, "tab") || s == `\t` {
		return "\t", nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 8 {
		return "", errors.New(`--indent wants a number of spaces from 1 to 8, or "tab"`)
	}
	return strings.Repeat(" ", n), nil
}

func (c *cli) format(files []string, check, migrate bool, indentFlag string) int {
	indent, err := parseIndent(indentFlag)
	if err != nil {
		return c.usageError("%s, not %q", err, clean(indentFlag))
	}
	if len(files) == 0 {
		return c.usageError("no FILE given (use - for standard input)")
	}
	if stdinCount(files) > 1 {
		return c.usageError("standard input (-) can be read only once")
	}
	code := exitOK
	worse := func(n int) {
		if n > code {
			code = n
		}
	}
	for _, path := range files {
		src, err := c.readInput(path)
		if err != nil {
			c.readError(path, err)
			worse(exitUsage)
			continue
		}
		name := displayName(path)
		out, legacy, err := formatFlow(name, src, indent, migrate)
		if err != nil {
			// A *flowgraph.LoadError prints as path:line:col: message, the
			// form editors and CI annotate.
			fmt.Fprintln(c.stderr, clean((err.Error())))
			worse(exitProblems)
			continue
		}
		if legacy {
			c.errorf("note: %s is a legacy {nodes, edges} graph; 'flowsmith fmt --migrate' converts it to the current form", clean(name))
		}
		changed := !bytes.Equal(out, src)
		switch {
		case check:
			if changed {
				c.println(clean(name))
				worse(exitProblems)
			}
		case path == "-":
			if _, err := c.stdout.Write(out); err != nil {
				c.errorf("cannot write the result: %s", clean(err.Error()))
				worse(exitUsage)
			}
		case changed:
			if err := flowgraph.WriteFileAtomic(path, out); err != nil {
				c.errorf("%s", clean(err.Error()))
				worse(exitUsage)
			}
		}
	}
	return code
}

// formatFlow returns the canonical layout of a flow file's bytes; legacy
// reports a legacy graph left as it is (no --migrate).
func formatFlow(name string, src []byte, indent string, migrate bool) (out []byte, legacy bool, err error) {
	d, err := flowgraph.Parse(name, src)
	if err != nil {
		return nil, false, err
	}
	if d.Form == flowgraph.FormLegacy {
		if !migrate {
			legacy = true
		} else {
			nd, _, err := d.Do(flowgraph.ConvertLegacy())
			if err != nil {
				return nil, false, err
			}
			d = nd
		}
	}
	st := flowgraph.DefaultStyle
	st.Indent = indent
	st.Newline = d.Style.Newline // keep the file's line endings
	return d.Canonical(st), legacy, nil
}

func (c *cli) println(s string) {
	c.stdout.Write([]byte(s + "\n"))
}
