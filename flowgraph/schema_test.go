package flowgraph

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// compileSchema compiles JSONSchema with a real draft 2020-12 validator, which
// also checks the schema against the draft's metaschema.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSONSchema()))
	if err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SchemaID, doc); err != nil {
		t.Fatalf("add schema: %v", err)
	}
	sch, err := c.Compile(SchemaID)
	if err != nil {
		t.Fatalf("schema does not compile: %v", err)
	}
	return sch
}

func instance(t *testing.T, src []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(src))
	if err != nil {
		t.Fatalf("instance is not JSON: %v", err)
	}
	return v
}

func TestSchemaValidatesExamples(t *testing.T) {
	sch := compileSchema(t)
	files, err := filepath.Glob("../examples/*.json")
	if err != nil || len(files) < 8 {
		t.Fatalf("want the example flows, got %d (%v)", len(files), err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(instance(t, src)); err != nil {
				t.Errorf("example does not validate against the schema:\n%v", err)
			}
		})
	}
}

// Broken examples whose mistake is structural must fail the schema too.
func TestSchemaRejectsStructurallyBrokenExamples(t *testing.T) {
	sch := compileSchema(t)
	for _, name := range []string{"legacy-graph.json", "enter-email-cancelled.json"} {
		src, err := os.ReadFile(filepath.Join("../examples/broken", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(instance(t, src)); err == nil {
			t.Errorf("%s: the schema accepts a structurally broken flow", name)
		}
	}
}

const schemaBase = `{"id": "start", "type": "start", "outcome": "x"}, {"id": "end", "type": "end"}`

func TestSchemaCases(t *testing.T) {
	sch := compileSchema(t)
	cases := []struct {
		name  string
		src   string
		valid bool
	}{
		{"bare flow", `[` + schemaBase + `]`, true},
		{"empty flow array", `[]`, true},
		{"session body", `{"flow": [` + schemaBase + `], "langs": ["en", "de"], "defaultLang": "en", "zone": "eu", "anythingElse": 1}`, true},
		{"body without flow", `{"langs": ["en"]}`, false},
		{"body with modules instead of flow", `{"modules": [` + schemaBase + `]}`, false},
		{"bad zone", `{"flow": [], "zone": "asia"}`, false},
		{"providedData not strings", `{"flow": [], "providedData": {"name": 3}}`, false},
		{"top-level scalar", `"flow"`, false},
		{"unknown node type", `[{"id": "a", "type": "two_factor"}]`, false},
		{"node without id", `[{"type": "end"}]`, false},
		{"blank id", `[{"id": "  ", "type": "end"}]`, false},
		{"node not an object", `[3]`, false},
		{"unknown key on a node is only a warning", `[{"id": "e", "type": "end", "colour": "red"}]`, true},
		{"end with outcomes", `[{"id": "e", "type": "end", "outcome": "x"}]`, false},
		{"start without outcome", `[{"id": "s", "type": "start"}]`, false},
		{"start with empty outcome", `[{"id": "s", "type": "start", "outcome": ""}]`, false},
		{"conversation ok", `[{"id": "c", "type": "conversation", "prompt": "Say: Hi.", "outcomes": [{"id": "n", "targetNodeId": "e", "condition": ""}]}]`, true},
		{"conversation blank prompt", `[{"id": "c", "type": "conversation", "prompt": " ", "outcomes": [{"id": "n", "targetNodeId": "e"}]}]`, false},
		{"conversation no outcomes", `[{"id": "c", "type": "conversation", "prompt": "Say: Hi.", "outcomes": []}]`, false},
		{"conversation outcome without target", `[{"id": "c", "type": "conversation", "prompt": "Say: Hi.", "outcomes": [{"id": "n"}]}]`, false},
		{"conversation reply flag not bool", `[{"id": "c", "type": "conversation", "prompt": "Say: Hi.", "doesNotRequireReply": "yes", "outcomes": [{"id": "n", "targetNodeId": "e"}]}]`, false},
		{"liveness without inconclusive is only a warning", `[{"id": "l", "type": "liveness_detection", "outcomes": {"livenessDetected": "a", "deepfakeDetected": "b", "noFace": "c"}}]`, true},
		{"liveness missing noFace", `[{"id": "l", "type": "liveness_detection", "outcomes": {"livenessDetected": "a", "deepfakeDetected": "b", "inconclusive": "c"}}]`, false},
		{"enter_email cancelled spelling", `[{"id": "m", "type": "enter_email", "outcomes": {"emailEntered": "a", "canceled": "b", "cancelled": "c"}}]`, false},
		{"keyed outcomes as array", `[{"id": "r", "type": "recognition", "outcomes": ["a"]}]`, false},
		{"otpLength in range", `[{"id": "o", "type": "two_factor_email", "otpLength": 8, "outcomes": {"verified": "a", "delivery_failed": "a", "failed_unverified": "a", "cancelled": "a", "error": "a"}}]`, true},
		{"otpLength out of range", `[{"id": "o", "type": "two_factor_email", "otpLength": 9, "outcomes": {"verified": "a", "delivery_failed": "a", "failed_unverified": "a", "cancelled": "a", "error": "a"}}]`, false},
		{"otpLength not whole", `[{"id": "o", "type": "two_factor_sms", "otpLength": 6.5, "outcomes": {"verified": "a", "delivery_failed": "a", "failed_unverified": "a", "cancelled": "a", "error": "a"}}]`, false},
		{"document_scan legacy mode", `[{"id": "d", "type": "document_scan", "scanningMode": "SINGLE_SIDE", "allowedDocumentTypes": ["passport"], "outcomes": {"scanSuccess": "a", "userCancelled": "a", "scanTimeout": "a"}}]`, false},
		{"document_scan no document types", `[{"id": "d", "type": "document_scan", "scanningMode": "single", "allowedDocumentTypes": [], "outcomes": {"scanSuccess": "a", "userCancelled": "a", "scanTimeout": "a"}}]`, false},
		{"face_compare providedData with key", `[{"id": "f", "type": "face_compare", "sourceA": {"source": "providedData", "providedDataKey": "photo"}, "sourceB": {"source": "sessionVideo"}, "outcomes": {"match": "a", "noMatch": "a", "imageUnavailable": "a"}}]`, true},
		{"face_compare providedData without key", `[{"id": "f", "type": "face_compare", "sourceA": {"source": "providedData"}, "sourceB": {"source": "sessionVideo"}, "outcomes": {"match": "a", "noMatch": "a", "imageUnavailable": "a"}}]`, false},
		{"face_compare threshold above 1", `[{"id": "f", "type": "face_compare", "similarityThreshold": 1.5, "sourceA": {"source": "faceScan"}, "sourceB": {"source": "sessionVideo"}, "outcomes": {"match": "a", "noMatch": "a", "imageUnavailable": "a"}}]`, false},
		{"field_condition ok", `[{"id": "f", "type": "field_condition", "rules": [{"left": {"source": "providedData", "field": "tier"}, "operator": "equals", "right": "gold", "outcome": "a"}, {"left": {"source": "providedData", "field": "email"}, "operator": "exists", "outcome": "b"}], "default": "c"}]`, true},
		{"field_condition exists with right", `[{"id": "f", "type": "field_condition", "rules": [{"left": {"source": "providedData", "field": "email"}, "operator": "exists", "right": "x", "outcome": "b"}], "default": "c"}]`, false},
		{"field_condition equals without right", `[{"id": "f", "type": "field_condition", "rules": [{"left": {"source": "providedData", "field": "email"}, "operator": "equals", "outcome": "b"}], "default": "c"}]`, false},
		{"field_condition no rules", `[{"id": "f", "type": "field_condition", "rules": [], "default": "c"}]`, false},
		{"external_call bad method", `[{"id": "x", "type": "external_call", "request": {"url": "https://example.com", "method": "PUT"}, "outcome": "a"}]`, false},
		{"permissions without permissions", `[{"id": "p", "type": "permissions", "outcomes": {"permissionsGranted": "a", "permissionsDenied": "b"}}]`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := sch.Validate(instance(t, []byte(c.src)))
			if c.valid && err != nil {
				t.Errorf("want valid, got:\n%v", err)
			}
			if !c.valid && err == nil {
				t.Errorf("want invalid, the schema accepts it")
			}
		})
	}
}

// The schema is generated from the catalog: every type, field and key is in it.
func TestSchemaStructure(t *testing.T) {
	src := JSONSchema()
	if !bytes.HasSuffix(src, []byte("\n")) {
		t.Error("schema output does not end with a newline")
	}
	if !bytes.Equal(src, JSONSchema()) {
		t.Error("schema output is not deterministic")
	}
	var root struct {
		Schema string                    `json:"$schema"`
		OneOf  []map[string]string       `json:"oneOf"`
		Defs   map[string]map[string]any `json:"$defs"`
	}
	if err := json.Unmarshal(src, &root); err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	if root.Schema != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %q", root.Schema)
	}
	if len(root.OneOf) != 2 {
		t.Errorf("top level should accept a bare flow or a session body, got %v", root.OneOf)
	}
	nodeTypes := root.Defs["node"]["properties"].(map[string]any)["type"].(map[string]any)["enum"].([]any)
	if len(nodeTypes) != len(Catalog) {
		t.Errorf("node type enum has %d entries, catalog %d", len(nodeTypes), len(Catalog))
	}
	for _, nt := range Catalog {
		def, ok := root.Defs[nodeDefName(nt.Name)]
		if !ok {
			t.Errorf("no $defs entry for %s", nt.Name)
			continue
		}
		props := def["properties"].(map[string]any)
		if props["type"].(map[string]any)["const"] != nt.Name {
			t.Errorf("%s: type is not a const discriminator", nt.Name)
		}
		required := def["required"].([]any)
		for _, f := range nt.Fields {
			if _, ok := props[f.Name]; !ok {
				t.Errorf("%s: field %s missing from the schema", nt.Name, f.Name)
			}
			if f.Required != slices.Contains(required, any(f.Name)) {
				t.Errorf("%s: field %s required=%v in the catalog but not in the schema", nt.Name, f.Name, f.Required)
			}
		}
		if nt.Shape == ShapeKeyed {
			o := props["outcomes"].(map[string]any)
			if o["additionalProperties"] != false {
				t.Errorf("%s: keyed outcomes allow unknown keys", nt.Name)
			}
			keys := o["properties"].(map[string]any)
			req := o["required"].([]any)
			for _, k := range nt.Keys {
				if _, ok := keys[k]; !ok {
					t.Errorf("%s: outcome key %s missing", nt.Name, k)
				}
				if slices.Contains(req, any(k)) == nt.IsSoftKey(k) {
					t.Errorf("%s: outcome key %s required=%v, soft=%v", nt.Name, k, slices.Contains(req, any(k)), nt.IsSoftKey(k))
				}
			}
		}
	}
	body := root.Defs["sessionBody"]["properties"].(map[string]any)
	for _, f := range SessionFields {
		if _, ok := body[f.Name]; !ok && f.Name != "modules" {
			t.Errorf("session field %s missing from the schema", f.Name)
		}
	}
	if strings.Contains(string(src), `\u003c`) {
		t.Error("schema escapes HTML characters")
	}
}
