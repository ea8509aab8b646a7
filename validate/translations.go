package validate

// Reviewed-translation rules (need the translations sidecar). (Being written.)

func checkMissingTranslation(c *Context) {}
func checkStaleTranslation(c *Context)   {}
