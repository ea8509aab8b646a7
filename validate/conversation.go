package validate

// Conversation rules driven by prompt and condition text. (Being written.)

func checkDefaultOutcome(c *Context)     {}
func checkNoReplyNotFinal(c *Context)    {}
func checkMultipleQuestions(c *Context)  {}
func checkConditionalPrompt(c *Context)  {}
func checkNonEnglish(c *Context)         {}
func checkSayFormat(c *Context)          {}
func checkUnknownTemplateVar(c *Context) {}
func checkGoalWithoutExit(c *Context)    {}
func checkMissingClosing(c *Context)     {}
