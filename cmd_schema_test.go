package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"flowsmith/flowgraph"
)

func TestSchemaCommand(t *testing.T) {
	r := runCLI(t, "", "schema")
	noCrash(t, r)
	if r.code != exitOK || r.stdout != string(flowgraph.JSONSchema()) {
		t.Fatalf("%v", r)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if v["$schema"] != "https://json-schema.org/draft/2020-12/schema" || v["$defs"] == nil {
		t.Errorf("not a 2020-12 schema with $defs")
	}
	if !bytes.HasSuffix([]byte(r.stdout), []byte("}\n")) {
		t.Error("no final newline")
	}
}
