package main

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/spf13/pflag"

	"flowsmith/flowgraph"
	"flowsmith/flowgraph/draw"
	"flowsmith/validate"
)

var graphCmd = &command{
	name:    "graph",
	args:    "[flags] FILE",
	summary: "draw a flow as text, Graphviz DOT or Mermaid",
	help: `Draws FILE ("-" reads standard input) as a layered graph: start at the top,
outcomes downwards, loops drawn back upwards. Boxes show each node's id and
type, edges the outcome key or conditional outcome id. The flow is validated
first (with the nearest .flowsmith.json, or --config): nodes with errors are
drawn red, with warnings yellow. An outcome to an id that no node has ends at
a "missing: ID" node.

Formats:
  text     the editor's drawing; plain ASCII characters when NO_COLOR is set
           or the output is not a terminal, box-drawing characters and
           colours on a terminal
  dot      a Graphviz digraph, node shapes by type
  mermaid  a "flowchart TD" for Markdown on code-hosting sites; ids that
           Mermaid would misread (end, o…, x…) are rewritten, labels quoted

--focus NODE draws only the nodes at most --hops edges away from NODE (either
way), for flows too big to read whole; NODE is highlighted.

Examples:
  flowsmith graph onboarding.json
  flowsmith graph --format dot onboarding.json | dot -Tsvg -o onboarding.svg
  flowsmith graph --format mermaid --focus liveness --hops 1 onboarding.json

Exit codes: 0 drawn (problems of the flow are marked, not fatal), 1 FILE is
not a flow (not JSON, or none of the accepted shapes), 2 usage error, a file
that cannot be read, or a --focus NODE that no node has.`,
	setup: func(fs *pflag.FlagSet) func(*cli, []string) int {
		format := fs.String("format", "text", "output `FORMAT`: text, dot or mermaid")
		focus := fs.String("focus", "", "draw only the nodes around `NODE` (a node id), highlighting it")
		hops := fs.Int("hops", 2, "with --focus: draw the nodes up to `N` edges away")
		config := fs.String("config", "", "configuration `FILE` (default: the nearest .flowsmith.json above the flow)")
		return func(c *cli, args []string) int {
			if fs.Changed("hops") && !fs.Changed("focus") {
				return c.usageError("--hops needs --focus NODE")
			}
			return c.graph(args, *format, *focus, *hops, *config)
		}
	},
}

// graphFormats are graph's --format values.
var graphFormats = []string{"text", "dot", "mermaid"}

func (c *cli) graph(args []string, format, focus string, hops int, configPath string) int {
	if !slices.Contains(graphFormats, format) {
		return c.usageError("unknown format %q (want text, dot or mermaid)", clean(format))
	}
	if len(args) != 1 {
		return c.usageError("graph takes exactly one FILE, got %d", len(args))
	}
	if hops < 0 {
		return c.usageError("--hops must be 0 or more, not %d", hops)
	}
	path := args[0]
	src, err := c.readInput(path)
	if err != nil {
		c.readError(path, err)
		return exitUsage
	}
	cfg, _, err := newConfigs(configPath).forFlow(path)
	if err != nil {
		c.errorf("%s", err)
		return exitUsage
	}
	name := displayName(path)
	doc, findings := validate.Check(name, src, validate.Options{Config: cfg})
	if doc == nil {
		for _, f := range findings {
			c.errorf("%s:%d:%d: %s", clean(name), f.Pos.Line, f.Pos.Col, clean(f.Message))
		}
		return exitProblems
	}
	if focus != "" && doc.NodeByID(focus) < 0 {
		msg := fmt.Sprintf("--focus: no node has the id %q", clean(focus))
		if near, ok := validate.Nearest(focus, doc.IDs()); ok {
			msg += fmt.Sprintf("; did you mean %q?", clean(near))
		}
		return c.usageError("%s", msg)
	}
	opt := draw.Options{
		Marks:    graphMarks(findings),
		Focus:    focus,
		Hops:     hops,
		Sanitize: clean,
		Selected: focus,
		ASCII:    c.term.noColor || !c.term.stdout,
		Color:    c.term.stdout && !c.term.noColor,
	}
	if err := writeGraph(c.stdout, doc, format, opt); err != nil {
		var ue *draw.UnknownNodeError
		if errors.As(err, &ue) {
			return c.usageError("--focus: %s", clean(err.Error()))
		}
		c.errorf("cannot write the graph: %s", clean(ioReason(err)))
		return exitUsage
	}
	return exitOK
}

func writeGraph(w io.Writer, d *flowgraph.Document, format string, opt draw.Options) error {
	switch format {
	case "dot":
		return draw.DOT(w, d, opt)
	case "mermaid":
		return draw.Mermaid(w, d, opt)
	}
	return draw.Text(w, d, opt)
}

// graphMarks is the worst severity of each node's findings, as draw marks.
func graphMarks(findings []validate.Finding) map[string]draw.Mark {
	marks := map[string]draw.Mark{}
	for _, f := range findings {
		if f.Node == "" {
			continue
		}
		if m := markOf(f.Severity); m > marks[f.Node] {
			marks[f.Node] = m
		}
	}
	return marks
}

func markOf(s validate.Severity) draw.Mark {
	switch s {
	case validate.Error:
		return draw.Error
	case validate.Warning:
		return draw.Warning
	case validate.Info:
		return draw.Info
	}
	return draw.None
}
