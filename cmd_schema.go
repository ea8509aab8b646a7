package main

import (
	"github.com/spf13/pflag"

	"flowsmith/flowgraph"
)

var schemaCmd = &command{
	name:    "schema",
	args:    "",
	summary: "print a JSON Schema of the flow format",
	help: `Prints a JSON Schema (draft 2020-12) of the flow format, generated from the
node catalog: every node type with its fields, types, enums, ranges, required
fields and outcome keys; the session-create body; and a top level that accepts
a bare flow array or a session body. Point your editor at it for completion and
inline checks; 'flowsmith validate' still checks what a schema cannot say
(links between nodes, reachability, the conversation rules).

Examples:
  flowsmith schema > flow.schema.json

Exit codes: 0 printed, 2 usage error.`,
	setup: func(fs *pflag.FlagSet) func(*cli, []string) int {
		return func(c *cli, args []string) int {
			if len(args) > 0 {
				return c.usageError("schema takes no arguments")
			}
			if _, err := c.stdout.Write(flowgraph.JSONSchema()); err != nil {
				c.errorf("cannot write the schema: %s", clean(err.Error()))
				return exitUsage
			}
			return exitOK
		}
	},
}
