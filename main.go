// Command flowsmith authors FaceSign identity-verification flows: an editor in
// the terminal, and a command-line tool that validates, formats, exports and
// explains flows.
//
// Every command lives in its own file, cmd_NAME.go, as a *command value; adding
// one is that file plus one line in the commands table below.
package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/pflag"

	"flowsmith/flowgraph"
	"flowsmith/internal/hugepages"
	"flowsmith/validate"
)

// Exit codes, the same for every command.
const (
	exitOK       = 0 // no problems
	exitProblems = 1 // the flows have errors (or too many warnings), a file would change under --check, …
	exitUsage    = 2 // bad usage, a file that cannot be read or written, an internal error
)

// commands is the command table, in the order `flowsmith --help` lists them.
var commands = []*command{
	validateCmd,
	exportCmd,
	fmtCmd,
	explainCmd,
	schemaCmd,
	previewCmd,
	graphCmd,
}

// command is one subcommand.
type command struct {
	name    string
	args    string // what follows the name on the usage line, e.g. "[flags] FILE..."
	summary string // one line for the command list
	help    string // the rest of `flowsmith help NAME`: what it does, examples, exit codes
	// needsTerm makes run resolve the terminal's background colour once, before
	// the command runs, when the output is a colour terminal (see terminal.dark).
	needsTerm bool
	// setup declares the command's flags on fs and returns the function that runs
	// it with the positional arguments, once the flags are parsed.
	setup func(fs *pflag.FlagSet) func(c *cli, args []string) int
}

// cli is one invocation: its streams and what they are connected to.
type cli struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	cmd    *command // nil at the top level
	term   terminal
}

// terminal is what the program knows about its terminal, found out once at
// start-up; nothing below run queries the terminal again.
type terminal struct {
	stdin, stdout, stderr bool // which streams are terminals
	noColor               bool // NO_COLOR is set to a non-empty value
	dark                  bool // dark background (resolved only for commands that need it; true otherwise)
	width                 int  // columns of the output terminal, 0 when unknown
}

func main() {
	if len(os.Args) > 1 && lookupCommand(os.Args[1]) != nil && os.Getenv("GOGC") == "" {
		// A command runs once and exits: most of what it allocates is the
		// document it keeps to the end, so collecting less often only saves
		// work (10,000 nodes: 5 collections -> 2, about 8 ms). The editor keeps
		// the default.
		debug.SetGCPercent(400)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole program: it parses args, runs a command and returns the exit
// code. Tests call it in-process with their own streams.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		// A panic is a bug in flowsmith, never the user's fault: say so in one
		// line, without a trace, and exit like any other failure. Set
		// FLOWSMITH_DEBUG=1 to get the trace.
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "flowsmith: internal error: %s\n", clean(fmt.Sprint(r)))
			if os.Getenv("FLOWSMITH_DEBUG") != "" {
				stderr.Write(debug.Stack())
			}
			code = exitUsage
		}
	}()
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr, term: detectTerminal(stdin, stdout, stderr)}
	if len(args) > 0 {
		if args[0] == "help" {
			return c.helpCommand(args[1:])
		}
		if cmd := lookupCommand(args[0]); cmd != nil {
			return c.runCommand(cmd, args[1:])
		}
	}
	return c.runRoot(args)
}

func lookupCommand(name string) *command {
	for _, cmd := range commands {
		if cmd.name == name {
			return cmd
		}
	}
	return nil
}

func commandNames() []string {
	names := make([]string, len(commands))
	for i, cmd := range commands {
		names[i] = cmd.name
	}
	return names
}

func newFlagSet(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported by runCommand, in our words
	fs.SortFlags = false
	return fs
}

// runCommand parses a command's flags (interspersed with its arguments; "--"
// ends the flags, "-" is standard input) and runs it.
func (c *cli) runCommand(cmd *command, args []string) int {
	c.cmd = cmd
	fs := newFlagSet(cmd.name)
	runFn := cmd.setup(fs)
	help := fs.BoolP("help", "h", false, "show this help")
	if err := fs.Parse(args); err != nil {
		return c.usageError("%v", err)
	}
	if *help {
		c.printCommandHelp(c.stdout, cmd)
		return exitOK
	}
	if cmd.needsTerm {
		c.resolveBackground()
	}
	return runFn(c, fs.Args())
}

// runRoot handles `flowsmith [--config F] [FILE]` and the top-level flags.
func (c *cli) runRoot(args []string) int {
	fs := newFlagSet("flowsmith")
	help := fs.BoolP("help", "h", false, "show this help")
	showVersion := fs.Bool("version", false, "print the version and exit")
	config := fs.String("config", "", "configuration `FILE` for the editor (default: the nearest .flowsmith.json)")
	if err := fs.Parse(args); err != nil {
		return c.usageError("%v", err)
	}
	switch {
	case *help:
		c.printRootHelp(c.stdout)
		return exitOK
	case *showVersion:
		fmt.Fprintf(c.stdout, "flowsmith %s\n", version())
		return exitOK
	}
	rest := fs.Args()
	switch len(rest) {
	case 0:
		return c.openEditor("", *config)
	case 1:
		if msg := c.notACommand(rest[0]); msg != "" {
			return c.usageError("%s", msg)
		}
		return c.openEditor(rest[0], *config)
	}
	return c.usageError("unknown command %q", clean(rest[0]))
}

// notACommand explains a lone argument that is neither a command nor an
// existing file but looks like a misspelt command ("valdate"), so that a typo
// does not start a new flow of that name in the editor.
func (c *cli) notACommand(arg string) string {
	if strings.ContainsAny(arg, `./\`) {
		return ""
	}
	if _, err := os.Stat(arg); err == nil {
		return ""
	}
	if near, ok := validate.Nearest(arg, append(commandNames(), "help")); ok {
		return fmt.Sprintf("unknown command %q; did you mean %q?", clean(arg), near)
	}
	return ""
}

// version is the module version the binary was built from, or "dev" with the
// commit when the build recorded one ("dev (1a2b3c4d5e6f, modified)").
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if rev == "" {
		return "dev"
	}
	return fmt.Sprintf("dev (%.12s%s)", rev, modified)
}

// --- help --------------------------------------------------------------------

const rootUsage = `flowsmith authors FaceSign identity-verification flows: a terminal editor,
and a command-line tool to validate, format, export and explain them.

Usage:
  flowsmith [--config F]          open the built-in sample flow in the editor
  flowsmith [--config F] FILE     open FILE in the editor (a new flow if it does not exist)
  flowsmith COMMAND [flags] [args]

Commands:
`

func (c *cli) printRootHelp(w io.Writer) {
	io.WriteString(w, rootUsage)
	for _, cmd := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprintf(w, "  %-10s %s\n", "help", "show the help of a command")
	io.WriteString(w, `
Flags:
      --config FILE   configuration for the editor (default: the nearest .flowsmith.json)
  -h, --help          show this help
      --version       print the version and exit

FILE may be "-" for standard input wherever a command reads flows.
Exit codes: 0 no problems, 1 problems found, 2 usage error or unreadable file.
Run 'flowsmith help COMMAND' for the details of a command.
`)
}

func (c *cli) printCommandHelp(w io.Writer, cmd *command) {
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", strings.TrimSpace("flowsmith "+cmd.name+" "+cmd.args), capitalize(cmd.summary)+".")
	if cmd.help != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimRight(cmd.help, "\n"))
	}
	fs := newFlagSet(cmd.name)
	cmd.setup(fs)
	fs.BoolP("help", "h", false, "show this help")
	fmt.Fprintf(w, "\nFlags:\n%s", fs.FlagUsages())
}

// helpCommand is `flowsmith help [COMMAND]`.
func (c *cli) helpCommand(args []string) int {
	switch {
	case len(args) == 0:
		c.printRootHelp(c.stdout)
		return exitOK
	case len(args) > 1:
		return c.usageError("help takes one command name")
	}
	if cmd := lookupCommand(args[0]); cmd != nil {
		c.printCommandHelp(c.stdout, cmd)
		return exitOK
	}
	if args[0] == "help" {
		c.printRootHelp(c.stdout)
		return exitOK
	}
	msg := fmt.Sprintf("no command %q", clean(args[0]))
	if near, ok := validate.Nearest(args[0], commandNames()); ok {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	return c.usageError("%s", msg)
}

// --- messages ----------------------------------------------------------------

// errorf prints "flowsmith: …" on standard error. Callers pass text from files
// and paths through validate.Sanitize.
func (c *cli) errorf(format string, args ...any) {
	fmt.Fprintf(c.stderr, "flowsmith: "+format+"\n", args...)
}

// usageError reports bad usage and returns exitUsage.
func (c *cli) usageError(format string, args ...any) int {
	prefix, helpCmd := "flowsmith", "flowsmith --help"
	if c.cmd != nil {
		prefix, helpCmd = "flowsmith "+c.cmd.name, "flowsmith help "+c.cmd.name
	}
	fmt.Fprintf(c.stderr, "%s: %s\nRun '%s' for usage.\n", prefix, fmt.Sprintf(format, args...), helpCmd)
	return exitUsage
}

// --- files -------------------------------------------------------------------

// displayName is how a path appears in output: "<stdin>" for "-".
func displayName(path string) string {
	if path == "-" {
		return "<stdin>"
	}
	return path
}

// readInput reads a flow file, or standard input for "-".
func (c *cli) readInput(path string) ([]byte, error) {
	var src []byte
	var err error
	if path == "-" {
		src, err = flowgraph.ReadLimited(c.stdin)
	} else {
		src, err = flowgraph.ReadInput(path)
	}
	// A parsed document and its analyses take some eight times the file's size.
	hugepages.Reserve(8 * len(src))
	return src, err
}

// readError prints why a file could not be read, e.g.
// "flowsmith: cannot read x.json: no such file or directory".
func (c *cli) readError(path string, err error) {
	c.errorf("cannot read %s: %s", clean(displayName(path)), clean(ioReason(err)))
}

// ioReason is an I/O error without the path (which the caller prints itself).
func ioReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// samePath reports whether two paths name the same file: the same file on disk
// when both exist, else the same cleaned absolute path.
func samePath(a, b string) bool {
	if ia, err := os.Stat(a); err == nil {
		if ib, err := os.Stat(b); err == nil {
			return os.SameFile(ia, ib)
		}
	}
	aa, err1 := filepath.Abs(a)
	ab, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && filepath.Clean(aa) == filepath.Clean(ab)
}

// relPath shortens an absolute path to one relative to the working folder when
// it lies inside it.
func relPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if r, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return p
}

// --- configuration -----------------------------------------------------------

// configs finds and loads each project's .flowsmith.json once per run.
type configs struct {
	explicit string // --config, "" to search next to each flow
	loaded   map[string]*loadedConfig
}

type loadedConfig struct {
	result   validate.FileResult // the config file's own findings
	cfg      *validate.Config
	reported bool
}

func newConfigs(explicit string) *configs {
	return &configs{explicit: explicit, loaded: map[string]*loadedConfig{}}
}

// forFlow returns the configuration for a flow file (nil when there is none)
// and, the first time a configuration is used, its own findings as a file
// entry to report (nil when it has none, or was reported already). err is for a
// configuration that cannot be read.
func (cs *configs) forFlow(flowPath string) (*validate.Config, *validate.FileResult, error) {
	p := cs.explicit
	if p == "" {
		p = validate.FindConfig(flowPath)
		if p == "" {
			return nil, nil, nil
		}
		p = relPath(p)
	}
	lc, ok := cs.loaded[p]
	if !ok {
		src, err := flowgraph.ReadInput(p)
		if err != nil {
			return nil, nil, fmt.Errorf("cannot read config %s: %s", clean(p), clean(ioReason(err)))
		}
		cfg, findings := validate.ParseConfig(p, src)
		lc = &loadedConfig{cfg: cfg, result: validate.FileResult{Path: p, Findings: findings, Src: src}}
		cs.loaded[p] = lc
	}
	var entry *validate.FileResult
	if !lc.reported && len(lc.result.Findings) > 0 {
		lc.reported = true
		entry = &lc.result
	}
	return lc.cfg, entry, nil
}

// --- small helpers -----------------------------------------------------------

// clean makes text that may come from a file or the command line safe to print:
// secrets redacted, control characters and escape sequences made visible.
func clean(s string) string { return validate.Sanitize(validate.Redact(s)) }

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// --- terminal ------------------------------------------------------------------

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && f != nil && term.IsTerminal(f.Fd())
}

// resolveBackground asks a colour terminal once whether its background is dark,
// so that Glamour and Lip Gloss styles can be chosen before anything renders.
func (c *cli) resolveBackground() {
	in, ok1 := c.stdin.(*os.File)
	out, ok2 := c.stdout.(*os.File)
	if ok1 && ok2 && c.term.stdin && c.term.stdout && !c.term.noColor {
		c.term.dark = lipgloss.HasDarkBackground(in, out)
	}
}

func detectTerminal(stdin io.Reader, stdout, stderr io.Writer) terminal {
	t := terminal{
		stdin:   isTerminal(stdin),
		stdout:  isTerminal(stdout),
		stderr:  isTerminal(stderr),
		noColor: os.Getenv("NO_COLOR") != "",
		dark:    true,
	}
	if t.stdout {
		if w, _, err := term.GetSize(stdout.(*os.File).Fd()); err == nil {
			t.width = w
		}
	}
	return t
}
