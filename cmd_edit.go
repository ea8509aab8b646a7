package main

import (
	"errors"
	"io/fs"

	"flowsmith/examples"
	"flowsmith/tui"
	"flowsmith/validate"
)

// editorOptions is what the editor is started with (tui.Options).
type editorOptions struct {
	Path     string // the file to edit; "" for the untitled sample
	Src      []byte // its bytes; nil for a file that does not exist yet
	Untitled bool   // the built-in sample: saving asks for a path
	Dark     bool   // dark terminal background (found out once, at start-up)
	NoColor  bool   // NO_COLOR is set
	Config   *validate.Config
}

// startEditor runs the terminal editor until the user quits (a variable so
// that tests can stand in for it).
var startEditor = func(o editorOptions) error {
	return tui.Run(tui.Options{Path: o.Path, Src: o.Src, Untitled: o.Untitled, Dark: o.Dark, NoColor: o.NoColor, Config: o.Config})
}

// openEditor is `flowsmith [FILE]`: the editor on FILE, or on the built-in
// sample flow as an untitled document.
func (c *cli) openEditor(path, configPath string) int {
	if !c.term.stdin || !c.term.stdout {
		c.errorf("the editor needs a terminal (standard input and output must be a TTY); to check a flow without one, run 'flowsmith validate FILE'")
		return exitUsage
	}
	if path == "-" {
		return c.usageError("the editor cannot edit standard input; give a FILE")
	}
	opts := editorOptions{Path: path, NoColor: c.term.noColor}
	if path == "" {
		opts.Untitled, opts.Src = true, examples.Sample()
	} else {
		src, err := c.readInput(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			// A new flow: the editor offers templates and saves to path.
		case err != nil:
			c.readError(path, err)
			return exitUsage
		default:
			opts.Src = src
		}
	}
	cfg, _, err := newConfigs(configPath).forFlow(configTarget(path))
	if err != nil {
		c.errorf("%s", err)
		return exitUsage
	}
	opts.Config = cfg
	c.resolveBackground()
	opts.Dark = c.term.dark
	if err := startEditor(opts); err != nil {
		c.errorf("%s", clean(err.Error()))
		return exitUsage
	}
	return exitOK
}

// configTarget is the path whose folder the configuration search starts from:
// the working folder for the untitled sample.
func configTarget(path string) string {
	if path == "" {
		return "-"
	}
	return path
}
