package flowgraph

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// SchemaID is the $id of the schema JSONSchema produces.
const SchemaID = "urn:flowsmith:facesign-flow"

// JSONSchema returns a JSON Schema (draft 2020-12) of the flow format, generated
// from the node catalog, for editors' autocompletion and for other tools.
//
// The schema rejects what the validator reports as a structural error: unknown
// node types, missing required fields, wrong JSON types, enum values outside
// their set, numbers out of range, missing or unknown keyed outcomes, empty
// conditional outcome lists, outcomes on an end node. What the validator only
// warns about (unknown keys on a node, a missing soft outcome key such as
// liveness_detection's inconclusive) stays valid here, and what needs the whole
// graph (dangling targets, duplicate ids, reachability) cannot be said in a
// schema at all: run `flowsmith validate` for those.
func JSONSchema() []byte {
	defs := map[string]any{
		"nodeId": map[string]any{
			"type":        "string",
			"minLength":   1,
			"description": "The id of another node of the flow.",
		},
		"conditionalOutcome": conditionalOutcomeSchema(),
		"node":               nodeSchema(),
		"flow": map[string]any{
			"type":        "array",
			"description": "A FaceSign flow: the nodes of the graph. Links live inside each node.",
			"items":       ref("node"),
		},
		"sessionBody": sessionBodySchema(),
	}
	for i := range Catalog {
		t := &Catalog[i]
		defs[nodeDefName(t.Name)] = nodeTypeSchema(t)
	}
	root := map[string]any{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"$id":         SchemaID,
		"title":       "FaceSign flow",
		"description": "A FaceSign identity-verification flow: either a bare array of nodes, or a session-create body whose \"flow\" is that array. Generated from flowsmith's node catalog.",
		"oneOf":       []any{ref("flow"), ref("sessionBody")},
		"$defs":       defs,
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		panic("flowgraph: JSONSchema: " + err.Error()) // only maps, slices, strings and numbers: cannot fail
	}
	return buf.Bytes()
}

func nodeDefName(typ string) string { return "node." + typ }

func ref(name string) map[string]any { return map[string]any{"$ref": "#/$defs/" + name} }

// nonBlank matches a string with at least one character that is not white
// space: the validator reports a required string that is blank as missing.
const nonBlank = `\S`

// nodeSchema is the schema of any node: id and type, then, by type, the schema
// of that type (an if/then per catalog entry, which editors follow for
// completion better than a oneOf).
func nodeSchema() map[string]any {
	names := make([]any, len(Catalog))
	branches := make([]any, len(Catalog))
	for i, t := range Catalog {
		names[i] = t.Name
		branches[i] = map[string]any{
			"if": map[string]any{
				"properties": map[string]any{"type": map[string]any{"const": t.Name}},
				"required":   []any{"type"},
			},
			"then": ref(nodeDefName(t.Name)),
		}
	}
	return map[string]any{
		"type":        "object",
		"description": "One node of the flow. Its \"type\" decides its fields and outcomes.",
		"required":    []any{"id", "type"},
		"properties": map[string]any{
			"id":   map[string]any{"type": "string", "pattern": nonBlank, "description": "Unique in the flow; chosen by the author."},
			"type": map[string]any{"enum": names, "description": "The node type."},
		},
		"allOf": branches,
	}
}

// nodeTypeSchema is the schema of one catalog entry.
func nodeTypeSchema(t *NodeType) map[string]any {
	props := map[string]any{
		"id":   map[string]any{"type": "string", "pattern": nonBlank},
		"type": map[string]any{"const": t.Name},
	}
	required := []any{"id", "type"}
	for i := range t.Fields {
		f := &t.Fields[i]
		props[f.Name] = fieldSchema(f)
		if f.Required {
			required = append(required, f.Name)
		}
	}
	switch t.Shape {
	case ShapeSingle:
		props["outcome"] = describe(ref("nodeId"), "The next node.")
		required = append(required, "outcome")
	case ShapeNone:
		props["outcome"] = false
		props["outcomes"] = false
	case ShapeConditional:
		props["outcomes"] = map[string]any{
			"type":        "array",
			"minItems":    1,
			"items":       ref("conditionalOutcome"),
			"description": "Tried in order against the reply; the first whose condition matches is followed.",
		}
		required = append(required, "outcomes")
	case ShapeKeyed:
		keys := map[string]any{}
		var req []any
		for _, k := range t.Keys {
			keys[k] = ref("nodeId")
			if !t.IsSoftKey(k) {
				req = append(req, k)
			}
		}
		outcomes := map[string]any{
			"type":                 "object",
			"properties":           keys,
			"additionalProperties": false,
			"description":          "Where each result leads; every key of the set must be linked.",
		}
		if len(req) > 0 {
			outcomes["required"] = req
		}
		props["outcomes"] = outcomes
		required = append(required, "outcomes")
	}
	s := map[string]any{
		"type":        "object",
		"title":       t.Name,
		"description": newerNote(t.Summary, t.Newer),
		"properties":  props,
		"required":    required,
	}
	return s
}

func newerNote(doc string, newer bool) string {
	if newer {
		if doc != "" {
			doc += " "
		}
		doc += "(Newer API.)"
	}
	return doc
}

func describe(s map[string]any, doc string) map[string]any {
	if doc != "" {
		s["description"] = doc
	}
	return s
}

func conditionalOutcomeSchema() map[string]any {
	props := map[string]any{}
	var required []any
	for i := range ConditionalOutcomeFields {
		f := &ConditionalOutcomeFields[i]
		props[f.Name] = fieldSchema(f)
		if f.Required {
			required = append(required, f.Name)
		}
	}
	return map[string]any{
		"type":        "object",
		"description": "One outcome of a conversation or data_validation node.",
		"properties":  props,
		"required":    required,
	}
}

func sessionBodySchema() map[string]any {
	props := map[string]any{}
	for i := range SessionFields {
		f := &SessionFields[i]
		switch f.Name {
		case "flow":
			props[f.Name] = describe(ref("flow"), f.Doc)
		case "modules":
			// The outdated name of "flow": the validator reports it as an error.
			continue
		default:
			props[f.Name] = fieldSchema(f)
		}
	}
	return map[string]any{
		"type":        "object",
		"description": "A FaceSign session-create body (POST /sessions). Keys flowsmith does not know are kept but reported as warnings.",
		"properties":  props,
		"required":    []any{"flow"},
	}
}

// fieldSchema is the schema of one catalog field.
func fieldSchema(f *Field) map[string]any {
	var s map[string]any
	switch f.Kind {
	case KindString, KindPrompt:
		s = map[string]any{"type": "string"}
		if f.Required {
			s["pattern"] = nonBlank
		}
		if len(f.Suggest) > 0 {
			s["examples"] = anyList(f.Suggest)
		}
	case KindBool:
		s = map[string]any{"type": "boolean"}
	case KindInt, KindNumber:
		typ := "number"
		if f.Kind == KindInt {
			typ = "integer"
		}
		s = map[string]any{"type": typ}
		if f.Range != nil {
			s["minimum"] = f.Range.Min
			s["maximum"] = f.Range.Max
		}
		if f.Default != "" {
			if v, err := strconv.ParseFloat(f.Default, 64); err == nil {
				s["default"] = v
			}
		}
	case KindEnum:
		s = map[string]any{"type": "string", "enum": anyList(f.Enum)}
	case KindStringList:
		items := map[string]any{"type": "string"}
		if len(f.Suggest) > 0 {
			items["examples"] = anyList(f.Suggest)
		}
		s = map[string]any{"type": "array", "items": items}
		if f.NonEmpty {
			s["minItems"] = 1
		}
	case KindObject:
		s = objectSchema(f.Fields)
	case KindObjectList:
		s = map[string]any{"type": "array", "items": objectSchema(f.Fields)}
		if f.NonEmpty {
			s["minItems"] = 1
		}
	case KindNodeRef:
		s = ref("nodeId")
	case KindStringMap:
		s = map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"}}
	default: // KindAny: free-form JSON
		s = map[string]any{}
	}
	if f.Default != "" && s["default"] == nil && f.Kind != KindInt && f.Kind != KindNumber {
		s["default"] = f.Default
	}
	return describe(s, newerNote(f.Doc, f.Newer))
}

// objectSchema is the schema of a nested object, with the checks that depend
// on a sibling's value.
func objectSchema(fields []Field) map[string]any {
	props := map[string]any{}
	var required []any
	for i := range fields {
		f := &fields[i]
		props[f.Name] = fieldSchema(f)
		if f.Required {
			required = append(required, f.Name)
		}
	}
	s := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		s["required"] = required
	}
	switch {
	case findField(fields, "providedDataKey") != nil && findField(fields, "source") != nil:
		// face_compare sources: providedDataKey names the image exactly when the
		// source is providedData.
		s["if"] = map[string]any{
			"properties": map[string]any{"source": map[string]any{"const": "providedData"}},
			"required":   []any{"source"},
		}
		s["then"] = map[string]any{
			"properties": map[string]any{"providedDataKey": map[string]any{"type": "string", "pattern": nonBlank}},
			"required":   []any{"providedDataKey"},
		}
	case findField(fields, "operator") != nil && findField(fields, "right") != nil:
		// field_condition rules: exists and notExists take no right-hand side,
		// every other operator needs one.
		var unary []any
		for _, op := range Operators {
			if op == "exists" || op == "notExists" {
				unary = append(unary, op)
			}
		}
		s["if"] = map[string]any{
			"properties": map[string]any{"operator": map[string]any{"enum": unary}},
			"required":   []any{"operator"},
		}
		s["then"] = map[string]any{"properties": map[string]any{"right": false}}
		s["else"] = map[string]any{"required": []any{"right"}}
	}
	return s
}

func anyList(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}
