// Package tui is flowsmith's terminal editor: a live, lossless authoring tool
// for FaceSign flows, built on flowgraph (documents, the node catalog, edit
// operations with undo) and validate (findings and quick fixes).
package tui

import (
	"os"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"flowsmith/examples"
	"flowsmith/validate"
)

// Options configure the editor.
type Options struct {
	// Path is the file being edited. With Src nil the file is read in a command
	// after start; a path that does not exist opens the template picker. An
	// empty Path with nil Src opens the built-in sample as an untitled document.
	Path string
	// Src is the file's content when the caller has already read it.
	Src []byte
	// Untitled marks Src as not belonging to Path (the built-in sample): saving
	// asks for a path.
	Untitled bool
	// Dark selects the palette for a dark background. Detect it once before
	// starting (see DetectTheme); the editor never queries the terminal.
	Dark bool
	// NoColor draws without any colour (NO_COLOR). Run also honours the NO_COLOR
	// environment variable.
	NoColor bool
	// Config is the project's rule configuration (nil: defaults).
	Config *validate.Config
	// Editor overrides $VISUAL / $EDITOR for ctrl+e.
	Editor string

	// background turns on the recovery journal and the watch on the file's
	// folder. Run sets it; models built with New (tests, embedding) run without
	// background work unless a test asks for it.
	background bool
}

// DetectTheme reports whether the terminal has a dark background and whether
// NO_COLOR asks for no colours. Call it once, before Run.
func DetectTheme() (dark, noColor bool) {
	noColor = os.Getenv("NO_COLOR") != ""
	return lipgloss.HasDarkBackground(os.Stdin, os.Stdout), noColor
}

// Run starts the editor full-screen and returns when the user quits.
func Run(opts Options) error {
	if os.Getenv("NO_COLOR") != "" {
		opts.NoColor = true
	}
	opts.background = true
	m := New(opts)
	defer m.stopBackground()
	_, err := tea.NewProgram(m).Run()
	return err
}

// New builds the editor's model (exported for tests and embedding).
func New(opts Options) Model {
	if opts.Path == "" && opts.Src == nil {
		opts.Src, opts.Untitled = examples.Sample(), true
	}
	a := newApp(opts)
	a.bg = background{on: opts.background, written: -1, seq: &journalSeq{}}
	return Model{a}
}

// Model is the Bubble Tea model of the editor. It is a handle: copies share
// the same state.
type Model struct{ *app }

// Init starts loading the file when it was not given as bytes.
func (m Model) Init() tea.Cmd { return tea.Batch(m.init(), m.initBackground()) }

// Update handles one message; then the recovery journal catches up with the
// document.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd, ok := m.backgroundMsg(msg)
	if !ok {
		cmd = m.update(msg)
	}
	return m, tea.Batch(cmd, m.afterUpdate())
}

// View draws the screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.view())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "flowsmith — " + sanitize(m.ctx.FileName())
	return v
}
