package validate

// Group is the part of the catalog a rule belongs to.
type Group string

// The rule groups, in the order of rules.md.
const (
	GroupStructure    Group = "Structure"
	GroupConversation Group = "Conversation"
	GroupSession      Group = "Session body and languages"
	GroupSecurity     Group = "Security"
	GroupConfig       Group = "Configuration"
)

// Rule is one entry of the rule catalog. Ids are public: never rename one.
type Rule struct {
	ID       string
	Severity Severity // the default severity
	Group    Group
	Summary  string         // when it fires, one line
	Check    func(*Context) // nil for rules reported outside the per-document checks
}

// Rules is the rule catalog in documentation order.
var Rules = []Rule{
	{"parse-error", Error, GroupStructure, "the file is not JSON, or not one of the three accepted forms", nil},
	{"duplicate-key", Error, GroupStructure, "an object repeats a key (JSON parsers disagree on which copy wins)", checkDuplicateKeys},
	{"legacy-shape", Error, GroupStructure, "an outdated shape of the format; the hint names the current form", checkLegacyShape},
	{"unknown-node-type", Error, GroupStructure, "`type` is not in the node catalog", checkUnknownNodeType},
	{"missing-field", Error, GroupStructure, "a required field is absent or empty", checkMissingField},
	{"field-type", Error, GroupStructure, "a field has the wrong JSON type, an enum value outside its set, or a number out of range", checkFieldType},
	{"unknown-field", Warning, GroupStructure, "a key that the node type does not define", checkUnknownField},
	{"duplicate-id", Error, GroupStructure, "two nodes share an id", checkDuplicateID},
	{"start-count", Error, GroupStructure, "zero or more than one `start` node", checkStartCount},
	{"no-end", Error, GroupStructure, "no `end` node", checkNoEnd},
	{"empty-target", Error, GroupStructure, "an outcome is left unlinked (`\"\"` or missing target)", checkEmptyTarget},
	{"dangling-target", Error, GroupStructure, "an outcome points at an id no node has", checkDanglingTarget},
	{"missing-outcome", Error, GroupStructure, "a keyed node lacks a key of its set", checkMissingOutcome},
	{"missing-inconclusive", Warning, GroupStructure, "a `liveness_detection` node lacks `inconclusive` (the service routes it like `noFace`)", checkMissingInconclusive},
	{"unknown-outcome", Error, GroupStructure, "a keyed node has a key outside its set", checkUnknownOutcome},
	{"empty-outcomes", Error, GroupStructure, "a conditional node has no outcomes", checkEmptyOutcomes},
	{"duplicate-outcome-id", Error, GroupStructure, "two conditional outcomes of one node share an `id`", checkDuplicateOutcomeID},
	{"end-has-outcomes", Error, GroupStructure, "an `end` node carries outcomes", checkEndHasOutcomes},
	{"unreachable", Warning, GroupStructure, "no path from `start` reaches the node", checkUnreachable},
	{"no-path-to-end", Error, GroupStructure, "from this node no `end` can be reached", checkNoPathToEnd},

	{"self-loop", Error, GroupConversation, "an outcome's target is its own node's id", checkSelfLoop},
	{"default-outcome", Error, GroupConversation, "a conversation with two or more outcomes has a catch-all fallback among them", checkDefaultOutcome},
	{"no-reply-not-final", Error, GroupConversation, "`doesNotRequireReply: true` on a node that is not the final closing node", checkNoReplyNotFinal},
	{"multiple-questions", Warning, GroupConversation, "a prompt asks more than one question", checkMultipleQuestions},
	{"conditional-prompt", Warning, GroupConversation, "a prompt carries branching logic in words", checkConditionalPrompt},
	{"missing-greeting", Error, GroupConversation, "a path from `start` reaches a video-analysis node with no camera buffer before it", checkMissingGreeting},
	{"short-greeting", Warning, GroupConversation, "the speech before the first video-analysis node on some path is estimated under 5 seconds", checkShortGreeting},
	{"video-after-permissions", Error, GroupConversation, "a video-analysis node is the direct target of a `permissions` outcome", checkVideoAfterPermissions},
	{"liveness-to-end", Error, GroupConversation, "an outcome of `liveness_detection` or `recognition` goes straight to an `end` node", checkLivenessToEnd},
	{"liveness-to-error", Warning, GroupConversation, "such an outcome goes to a node whose id names an error or failure state", checkLivenessToError},
	{"non-english", Warning, GroupConversation, "a prompt or a condition is not written in English", checkNonEnglish},
	{"say-format", Warning, GroupConversation, "a malformed direct-speech prefix", checkSayFormat},
	{"unknown-template-var", Warning, GroupConversation, "an unknown `{var}` in a prompt, or double braces in a conversation prompt", checkUnknownTemplateVar},
	{"goal-without-exit", Info, GroupConversation, "a descriptive prompt whose outcomes offer no exit for silence, refusal or too many attempts", checkGoalWithoutExit},
	{"missing-closing", Info, GroupConversation, "a path reaches `end` without a final closing conversation", checkMissingClosing},

	{"invalid-lang", Error, GroupSession, "a code in `langs` or `defaultLang` is not a valid BCP 47 tag", checkInvalidLang},
	{"unsupported-lang", Warning, GroupSession, "a language code is valid but not in the language catalog", checkUnsupportedLang},
	{"duplicate-lang", Warning, GroupSession, "`langs` lists a code twice", checkDuplicateLang},
	{"default-lang-not-in-langs", Error, GroupSession, "`langs` is given and `defaultLang` is not in it", checkDefaultLangNotInLangs},
	{"missing-translation", Info, GroupSession, "a `Say:` prompt has no reviewed translation for a language in `langs`", checkMissingTranslation},
	{"stale-translation", Warning, GroupSession, "a reviewed translation was made from an English prompt that has since changed", checkStaleTranslation},
	{"unknown-session-field", Warning, GroupSession, "a top-level key of the session body that the format does not define", checkUnknownSessionField},

	{"secret-in-flow", Error, GroupSecurity, "the file holds something that looks like an API key or signing secret", checkSecretInFlow},
	{"pii-in-flow", Warning, GroupSecurity, "`providedData` holds what looks like a real e-mail address or phone number", checkPIIInFlow},

	{"unknown-rule", Warning, GroupConfig, "the configuration names a rule id that does not exist", nil},
	{"config-error", Error, GroupConfig, "the configuration file is malformed or has a value of the wrong kind", nil},
}

// ruleIndex is filled in init: the checks in Rules look rules up, so a variable
// initializer would be an initialization cycle.
var ruleIndex = map[string]*Rule{}

func init() {
	for i := range Rules {
		ruleIndex[Rules[i].ID] = &Rules[i]
	}
}

// LookupRule returns a rule by id, or nil.
func LookupRule(id string) *Rule { return ruleIndex[id] }
