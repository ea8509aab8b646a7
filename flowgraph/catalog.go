package flowgraph

import "slices"

// FieldKind says what a field holds and how the editor edits it.
type FieldKind uint8

// The field kinds.
const (
	KindString     FieldKind = iota // one-line text
	KindPrompt                      // multi-line text spoken or paraphrased by the avatar
	KindBool                        // true / false
	KindInt                         // whole number, with a range
	KindNumber                      // any number, with a range
	KindEnum                        // one string of a fixed set
	KindStringList                  // array of strings
	KindObject                      // nested object with its own fields
	KindObjectList                  // array of objects with the same fields
	KindNodeRef                     // the id of another node: an edge of the graph
	KindAny                         // free-form JSON, kept as written
	KindStringMap                   // object of string → string
)

var fieldKindNames = [...]string{"string", "prompt", "boolean", "integer", "number", "enum",
	"string list", "object", "object list", "node id", "any", "string map"}

func (k FieldKind) String() string { return fieldKindNames[k] }

// JSONKind is the JSON type a field's value must have (Null for KindAny).
func (k FieldKind) JSONKind() Kind {
	switch k {
	case KindBool:
		return Bool
	case KindInt, KindNumber:
		return Number
	case KindStringList, KindObjectList:
		return Array
	case KindObject, KindStringMap:
		return Object
	case KindAny:
		return Null
	}
	return String
}

// Range bounds a number field (inclusive).
type Range struct{ Min, Max float64 }

// Field describes one key of a node (or of a nested object).
type Field struct {
	Name     string
	Kind     FieldKind
	Required bool
	NonEmpty bool              // lists: at least one item
	Range    *Range            // numbers
	Enum     []string          // KindEnum: the allowed values
	Suggest  []string          // common values for open string fields and lists
	Legacy   map[string]string // outdated values → the current value to use instead
	Default  string            // the service's default, for display
	Doc      string
	Fields   []Field // KindObject, KindObjectList
	Newer    bool    // part of the newer API
}

// Shape is how a node type links to the next nodes.
type Shape uint8

// The outcome shapes.
const (
	ShapeSingle      Shape = iota // "outcome": next node id
	ShapeNone                     // no outcomes
	ShapeConditional              // "outcomes": [{id, targetNodeId, condition}]
	ShapeKeyed                    // "outcomes": {key: node id}, fixed keys
	ShapeRules                    // "rules": [{…, outcome}], "default"
)

var shapeNames = [...]string{"single", "none", "conditional", "keyed", "rules"}

func (s Shape) String() string { return shapeNames[s] }

// NodeType is one entry of the node catalog.
type NodeType struct {
	Name    string
	Summary string
	Shape   Shape
	Keys    []string // keyed outcome keys, in display order
	// SoftKeys are keys of Keys whose absence is a warning rather than an error
	// (the service fills them in).
	SoftKeys []string
	// LegacyKeys are outcome keys of older API versions → the current key, or ""
	// when the outcome no longer exists.
	LegacyKeys   map[string]string
	Fields       []Field
	Video        bool // analyses the camera feed; needs the 5-second camera buffer
	known        []string
	CameraBuffer bool // keeps the camera live, so it counts towards the buffer
	Newer        bool
}

// Threshold and count ranges shared by several node types.
var (
	unitRange  = &Range{0, 1}
	countRange = &Range{1, 1e9}
)

var promptField = Field{Name: "prompt", Kind: KindPrompt, Doc: "What the avatar says. `Say: …` is spoken nearly verbatim; anything else is paraphrased."}

func twoFactorFields(template string) []Field {
	return []Field{
		{Name: "otpLength", Kind: KindInt, Range: &Range{4, 8}, Default: "6", Doc: "Digits in the one-time code."},
		{Name: "expirySeconds", Kind: KindInt, Range: countRange, Default: "300", Doc: "Seconds before the code expires."},
		{Name: "maxAttempts", Kind: KindInt, Range: countRange, Default: "3", Doc: "Wrong codes allowed before `failed_unverified`."},
		{Name: "resendAfterSeconds", Kind: KindInt, Range: countRange, Doc: "Seconds before the user may ask for a new code."},
		{Name: "showUI", Kind: KindBool, Doc: "Show the code-entry form on screen."},
		{Name: template, Kind: KindPrompt, Doc: "Message template; variables in double braces: {{code}}, {{userName}}, {{companyName}}."},
	}
}

var twoFactorKeys = []string{"verified", "delivery_failed", "failed_unverified", "cancelled", "error"}

var faceSource = []Field{
	{Name: "source", Kind: KindEnum, Required: true, Enum: []string{"sessionVideo", "faceScan", "providedData", "documentPhoto"}, Doc: "Where the face image comes from."},
	{Name: "providedDataKey", Kind: KindString, Doc: "Key of the session's providedData holding the image; required exactly when source is providedData."},
}

// Operators of field_condition rules; the last two take no right-hand side.
var Operators = []string{"equals", "notEquals", "gt", "lt", "gte", "lte", "exists", "notExists"}

// Catalog lists every node type FaceSign knows. It is the single source of truth
// for the validator, the editor's forms, `schema` and `explain`.
var Catalog = []NodeType{
	{Name: "start", Summary: "Where every session begins; exactly one per flow.", Shape: ShapeSingle},
	{Name: "end", Summary: "Ends the session as complete; at least one per flow.", Shape: ShapeNone},
	{Name: "conversation", Summary: "The avatar speaks and, usually, listens; outcomes are matched against the reply.", Shape: ShapeConditional,
		Fields: []Field{
			{Name: "prompt", Kind: KindPrompt, Required: true, Doc: promptField.Doc},
			{Name: "doesNotRequireReply", Kind: KindBool, Doc: "Speak without waiting for a reply; only for the final closing node."},
			{Name: "awaitExternal", Kind: KindObject, Newer: true, Doc: "Wait for data from an external system while the conversation runs.", Fields: []Field{
				{Name: "request", Kind: KindAny, Doc: "The request to send."},
				{Name: "poll", Kind: KindObject, Fields: []Field{
					{Name: "intervalMs", Kind: KindInt, Range: countRange},
					{Name: "timeoutMs", Kind: KindInt, Range: countRange},
				}},
				{Name: "exits", Kind: KindObject, Fields: []Field{
					{Name: "onDataReady", Kind: KindNodeRef, Required: true},
					{Name: "onTimeout", Kind: KindNodeRef, Required: true},
					{Name: "onError", Kind: KindNodeRef, Required: true},
				}},
			}},
		}},
	{Name: "liveness_detection", Summary: "Checks that a live person, not a recording or deepfake, is on camera.", Shape: ShapeKeyed,
		Keys: []string{"livenessDetected", "deepfakeDetected", "noFace", "inconclusive"}, SoftKeys: []string{"inconclusive"}, Video: true},
	{Name: "recognition", Summary: "Matches the face 1:N against enrolled faces.", Shape: ShapeKeyed,
		Keys: []string{"recognized", "newUser", "noFace"}, Video: true},
	{Name: "face_scan", Summary: "Guided face capture, optionally matched against a reference image.", Shape: ShapeKeyed,
		Keys:       []string{"passed", "notPassed", "cancelled", "error"},
		LegacyKeys: map[string]string{"match": "passed", "matched": "passed", "matchConfirmed": "passed", "noMatch": "notPassed", "notMatched": "notPassed", "scanFailed": "error"},
		Video:      true,
		Fields: []Field{
			{Name: "captureInstructions", Kind: KindPrompt, Doc: "Instructions shown while capturing."},
			{Name: "requireLivenessChallenge", Kind: KindBool},
			{Name: "requireAILivenessCheck", Kind: KindBool},
			{Name: "referenceImageKey", Kind: KindString, Doc: "providedData key of the reference image."},
			{Name: "similarityThreshold", Kind: KindNumber, Range: unitRange},
			{Name: "enableSound", Kind: KindBool},
			{Name: "enableHaptics", Kind: KindBool},
		}},
	{Name: "document_scan", Summary: "Scans an identity document.", Shape: ShapeKeyed,
		Keys:       []string{"scanSuccess", "userCancelled", "scanTimeout"},
		LegacyKeys: map[string]string{"verified": "scanSuccess", "fraudDetected": ""},
		Fields: []Field{
			{Name: "scanningMode", Kind: KindEnum, Required: true, Enum: []string{"single", "automatic"}, Legacy: map[string]string{"SINGLE_SIDE": "single"}},
			{Name: "allowedDocumentTypes", Kind: KindStringList, Required: true, NonEmpty: true, Suggest: []string{"passport", "id", "dl", "residence-permit", "visa"}},
			{Name: "showTorchButton", Kind: KindBool},
			{Name: "showCameraSwitch", Kind: KindBool},
			{Name: "showMirrorCameraButton", Kind: KindBool},
		}},
	{Name: "enter_email", Summary: "Asks the user to type an e-mail address.", Shape: ShapeKeyed,
		Keys: []string{"emailEntered", "canceled"}, Fields: []Field{promptField}},
	{Name: "two_factor_email", Summary: "Sends a one-time code by e-mail and checks it.", Shape: ShapeKeyed,
		Keys: twoFactorKeys, CameraBuffer: true, Fields: twoFactorFields("emailTemplate")},
	{Name: "two_factor_sms", Summary: "Sends a one-time code by SMS and checks it.", Shape: ShapeKeyed,
		Keys: twoFactorKeys, CameraBuffer: true, Fields: twoFactorFields("smsTemplate")},
	{Name: "data_validation", Summary: "Checks a field of the session's data; outcomes by condition.", Shape: ShapeConditional,
		Fields: []Field{{Name: "validation", Kind: KindObject, Required: true, Fields: []Field{
			{Name: "field", Kind: KindString, Required: true},
			{Name: "action", Kind: KindString, Required: true, Suggest: []string{"contains"}},
			{Name: "value", Kind: KindAny},
		}}}},
	{Name: "face_compare", Summary: "Compares two face images.", Shape: ShapeKeyed,
		Keys: []string{"match", "noMatch", "imageUnavailable"}, Video: true,
		Fields: []Field{
			{Name: "sourceA", Kind: KindObject, Required: true, Fields: faceSource},
			{Name: "sourceB", Kind: KindObject, Required: true, Fields: faceSource},
			{Name: "similarityThreshold", Kind: KindNumber, Range: unitRange},
		}},
	{Name: "permissions", Summary: "Asks for camera and microphone access.", Shape: ShapeKeyed,
		Keys: []string{"permissionsGranted", "permissionsDenied"},
		Fields: []Field{
			{Name: "permissions", Kind: KindObject, Required: true, Fields: []Field{
				{Name: "camera", Kind: KindBool}, {Name: "microphone", Kind: KindBool}}},
			promptField,
		}},
	{Name: "external_call", Summary: "Calls an external HTTP endpoint, then moves on.", Shape: ShapeSingle, Newer: true,
		Fields: []Field{{Name: "request", Kind: KindObject, Required: true, Fields: []Field{
			{Name: "url", Kind: KindString, Required: true},
			{Name: "method", Kind: KindEnum, Enum: []string{"GET", "POST"}},
			{Name: "vars", Kind: KindObjectList, Fields: []Field{
				{Name: "name", Kind: KindString, Required: true},
				{Name: "value", Kind: KindAny, Doc: "{\"type\": \"literal\", \"value\": …} or {\"type\": \"ref\", \"source\": \"providedData\", \"field\": …}"}}},
		}}}},
	{Name: "field_condition", Summary: "Branches on session data by rules; the first matching rule wins.", Shape: ShapeRules, Newer: true,
		Fields: []Field{
			{Name: "rules", Kind: KindObjectList, Required: true, NonEmpty: true, Fields: []Field{
				{Name: "left", Kind: KindObject, Required: true, Fields: []Field{
					{Name: "source", Kind: KindString, Required: true}, {Name: "field", Kind: KindString, Required: true}}},
				{Name: "operator", Kind: KindEnum, Required: true, Enum: Operators},
				{Name: "right", Kind: KindAny},
				{Name: "outcome", Kind: KindNodeRef, Required: true},
			}},
			{Name: "default", Kind: KindNodeRef, Required: true, Doc: "Where to go when no rule matches."},
		}},
}

// ConditionalOutcomeFields are the keys of one conditional outcome.
var ConditionalOutcomeFields = []Field{
	{Name: "id", Kind: KindString, Required: true},
	{Name: "targetNodeId", Kind: KindNodeRef, Required: true},
	{Name: "condition", Kind: KindString, Doc: "English text matched against the reply; \"\" moves on whatever the user says."},
}

// SessionFields are the top-level keys of a session-create body flowsmith knows.
var SessionFields = []Field{
	{Name: "flow", Kind: KindObjectList, Required: true, Doc: "The flow's nodes."},
	{Name: "clientReferenceId", Kind: KindString},
	{Name: "metadata", Kind: KindAny},
	{Name: "providedData", Kind: KindStringMap, Doc: "Data about the user: name, email, phone by convention."},
	{Name: "avatarId", Kind: KindString},
	{Name: "langs", Kind: KindStringList, Doc: "Languages the session may use (BCP 47)."},
	{Name: "defaultLang", Kind: KindString, Default: "en"},
	{Name: "zone", Kind: KindEnum, Enum: []string{"us", "eu"}},
	{Name: "customization", Kind: KindAny},
	{Name: "videoAIAnalysisEnabled", Kind: KindBool},
	{Name: "extractionSchema", Kind: KindObjectList, Fields: []Field{
		{Name: "fieldName", Kind: KindString, Required: true},
		{Name: "type", Kind: KindEnum, Required: true, Enum: []string{"string", "number", "boolean", "date"}},
		{Name: "description", Kind: KindString},
		{Name: "enum", Kind: KindStringList},
	}},
	{Name: "backgroundAssetId", Kind: KindString},
	{Name: "initialPhrase", Kind: KindString},
	{Name: "finalPhrase", Kind: KindString},
	{Name: "modules", Kind: KindAny, Doc: "Older name of flow."},
	{Name: "voiceId", Kind: KindString, Doc: "Older API."},
}

var catalogIndex = func() map[string]*NodeType {
	m := make(map[string]*NodeType, len(Catalog))
	for i := range Catalog {
		m[Catalog[i].Name] = &Catalog[i]
		Catalog[i].known = Catalog[i].knownKeys() // computed once, before any concurrent use
	}
	return m
}()

// Lookup returns the catalog entry of a node type, or nil.
func Lookup(typ string) *NodeType { return catalogIndex[typ] }

// TypeNames lists the catalog's node types in catalog order.
func TypeNames() []string {
	out := make([]string, len(Catalog))
	for i, t := range Catalog {
		out[i] = t.Name
	}
	return out
}

// OutcomeKey is the member that holds a node's links ("outcome", "outcomes",
// "rules"), or "" for ShapeNone.
func (t *NodeType) OutcomeKey() string {
	switch t.Shape {
	case ShapeSingle:
		return "outcome"
	case ShapeConditional, ShapeKeyed:
		return "outcomes"
	case ShapeRules:
		return "rules"
	}
	return ""
}

// Field returns the field named name, or nil.
func (t *NodeType) Field(name string) *Field { return findField(t.Fields, name) }

// KnownKeys are every key a node of this type may carry. The slice is shared:
// do not modify it.
func (t *NodeType) KnownKeys() []string {
	if t.known == nil {
		t.known = t.knownKeys()
	}
	return t.known
}

func (t *NodeType) knownKeys() []string {
	keys := []string{"id", "type"}
	if k := t.OutcomeKey(); k != "" && k != "rules" {
		keys = append(keys, k)
	}
	for _, f := range t.Fields {
		keys = append(keys, f.Name)
	}
	return keys
}

// HasKey reports whether key is one of a keyed type's outcome keys.
func (t *NodeType) HasKey(key string) bool { return slices.Contains(t.Keys, key) }

// IsSoftKey reports whether a missing key is only a warning.
func (t *NodeType) IsSoftKey(key string) bool { return slices.Contains(t.SoftKeys, key) }

func findField(fields []Field, name string) *Field {
	for i := range fields {
		if fields[i].Name == name {
			return &fields[i]
		}
	}
	return nil
}

// SubField returns a nested field of an object field, or nil.
func (f *Field) SubField(name string) *Field { return findField(f.Fields, name) }

// SessionField returns the session-body field named name, or nil.
func SessionField(name string) *Field { return findField(SessionFields, name) }
