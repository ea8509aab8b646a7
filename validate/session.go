package validate

// Session-body, language and security rules. (Being written.)

func checkInvalidLang(c *Context)           {}
func checkUnsupportedLang(c *Context)       {}
func checkDuplicateLang(c *Context)         {}
func checkDefaultLangNotInLangs(c *Context) {}
func checkMissingTranslation(c *Context)    {}
func checkStaleTranslation(c *Context)      {}
func checkUnknownSessionField(c *Context)   {}
func checkSecretInFlow(c *Context)          {}
func checkPIIInFlow(c *Context)             {}
