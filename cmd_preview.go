package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"flowsmith/flowgraph"
	"flowsmith/i18n"
	"flowsmith/validate"
)

var previewCmd = &command{
	name:    "preview",
	args:    "[flags] FILE",
	summary: "show what the avatar says in each session language, with time estimates",
	help: `Walks FILE ("-" reads standard input) breadth-first from start and prints, for
each session language, the spoken script: each node's text (the reviewed
translation from FILE's sidecar NAME.i18n.json where there is a current one,
else the English with {name} and {email} filled from providedData or sample
data), whether it is said as written or paraphrased, who translates it, and
estimated speaking times: per node, the greeting before the first
video-analysis node (the camera needs 5 s), and the shortest and longest
spoken time from start to an end. First comes which language visitors with
common browser languages get.

The languages are the body's "langs", or every catalog language when it has
none; --lang picks one or a comma-separated few (any valid code). Numbers in
text and markdown are formatted for each language.

Formats:
  text      for reading in a terminal
  markdown  the same as a Markdown document
  json      {"languages":[{"lang","default","nodes":[{"node","mode","text",
            "translation","seconds"}],"greetingSeconds","shortestSeconds",
            "longestSeconds"}],"resolution":[{"browser","lang","fallback"}]}

Examples:
  flowsmith preview onboarding.json
  flowsmith preview --lang de onboarding.json
  flowsmith preview --format json --lang all onboarding.json

Exit codes: 0 shown, 1 FILE or its sidecar is not valid JSON of the right
shape, 2 usage error or a file that cannot be read.`,
	setup: func(fs *pflag.FlagSet) func(*cli, []string) int {
		lang := fs.String("lang", "all", "language `CODE` to preview, a comma-separated list, or all")
		format := fs.String("format", "text", "output `FORMAT`: text, markdown or json")
		config := fs.String("config", "", "configuration `FILE` for the language catalog (default: the nearest .flowsmith.json)")
		return func(c *cli, args []string) int {
			return c.preview(args, *lang, *format, *config)
		}
	},
}

var previewFormats = []string{"text", "markdown", "json"}

func (c *cli) preview(args []string, lang, format, configPath string) int {
	if !slices.Contains(previewFormats, format) {
		return c.usageError("unknown format %q (want text, markdown or json)", validate.Sanitize(format))
	}
	if len(args) != 1 {
		return c.usageError("preview takes exactly one FILE, got %d", len(args))
	}
	path := args[0]
	cfgs := newConfigs(configPath)
	cfg, _, err := cfgs.forFlow(path)
	if err != nil {
		c.errorf("%s", err)
		return exitUsage
	}
	cat := i18n.DefaultCatalog()
	if cfg != nil && len(cfg.Languages) > 0 {
		if cat, err = i18n.NewCatalog(cfg.Languages); err != nil {
			c.errorf("%s: %s; using the default catalog", validate.Sanitize(cfg.Path), validate.Sanitize(err.Error()))
			cat = i18n.DefaultCatalog()
		}
	}
	langs, err := previewLangs(lang, cat)
	if err != nil {
		return c.usageError("%s", validate.Sanitize(err.Error()))
	}
	src, err := c.readInput(path)
	if err != nil {
		c.readError(path, err)
		return exitUsage
	}
	d, err := flowgraph.Parse(displayName(path), src)
	if err != nil {
		c.errorf("%s", validate.Sanitize(err.Error()))
		return exitProblems
	}
	sc, err := i18n.LoadSidecar(i18n.SidecarPath(path))
	if err != nil {
		var le *flowgraph.LoadError
		if errors.As(err, &le) {
			c.errorf("%s", validate.Sanitize(err.Error()))
			return exitProblems
		}
		c.errorf("cannot read %s: %s", validate.Sanitize(i18n.SidecarPath(path)), validate.Sanitize(ioReason(err)))
		return exitUsage
	}
	p := i18n.BuildPreview(d, sc, cat, langs)
	for _, code := range langs {
		if note := outsideLangs(code, p, cat); note != "" {
			fmt.Fprintf(c.stderr, "flowsmith preview: note: %s\n", validate.Sanitize(note))
		}
	}
	switch format {
	case "json":
		err = i18n.WriteJSON(c.stdout, p.MapText(validate.Redact)) // secrets redacted, as in validate's JSON
	case "markdown":
		err = i18n.WriteMarkdown(c.stdout, p.MapText(sanitizeLines))
	default:
		err = i18n.WriteText(c.stdout, p.MapText(sanitizeLines), "")
	}
	if err != nil {
		c.errorf("cannot write the preview: %s", validate.Sanitize(err.Error()))
		return exitUsage
	}
	return exitOK
}

// previewLangs reads --lang: nil for "all" (the flow's languages), else the
// codes of a comma-separated list, each a valid BCP 47 tag.
func previewLangs(flag string, cat i18n.Catalog) ([]string, error) {
	if f := strings.TrimSpace(flag); f == "" || strings.EqualFold(f, "all") {
		return nil, nil
	}
	var langs []string
	for _, code := range strings.Split(flag, ",") {
		code = strings.TrimSpace(code)
		if code == "" {
			continue
		}
		var le *i18n.LangError
		if _, err := cat.Validate(code); errors.As(err, &le) && le.Rule == i18n.RuleInvalidLang {
			return nil, fmt.Errorf("--lang: %w", err)
		}
		langs = append(langs, code)
	}
	if len(langs) == 0 {
		return nil, errors.New("--lang: no language code given")
	}
	return langs, nil
}

// outsideLangs explains a requested language the flow does not offer: no
// visitor gets it, whatever the preview shows.
func outsideLangs(code string, p i18n.Preview, cat i18n.Catalog) string {
	allowed, where := p.Langs, "the flow's langs"
	if allowed == nil {
		allowed, where = cat.Codes(), "the language catalog"
	}
	for _, l := range allowed {
		if i18n.EqualCode(l, code) {
			return ""
		}
	}
	r := i18n.Resolve(code, p.Langs, p.DefaultLang, cat)
	return fmt.Sprintf("%s is not in %s; a visitor whose browser asks for %s gets %s", code, where, code, r.Lang)
}

// sanitizeLines makes text from a flow safe to print (validate.Redact and
// validate.Sanitize) line by line, so that a multi-line prompt keeps its lines.
func sanitizeLines(s string) string {
	s = validate.Redact(s)
	if !strings.Contains(s, "\n") {
		return validate.Sanitize(s)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = validate.Sanitize(l)
	}
	return strings.Join(lines, "\n")
}
