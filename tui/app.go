package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"flowsmith/flowgraph"
	"flowsmith/validate"
)

// app is the root model: it owns the shared Context, the panes, the dialog
// stack and the layout, routes keys and mouse events, and runs file commands.
type app struct {
	ctx      *Context
	panes    [paneCount]Pane
	nodes    *nodesPane
	editor   *editorPane
	problems *problemsPane
	focus    paneID
	side     paneID // the tab of the side panel / bottom strip: problems, preview or graph
	lay      layout
	showHelp bool
	ro       *readonlyView // the file could not be parsed
	loading  bool
	initCmd  tea.Cmd // background validation of a large file given as bytes
	fatal    string  // the file could not be read at all
	// pendingQuit quits once the save in flight succeeds.
	pendingQuit bool
	templates   bool       // the template picker is open for a new file
	bg          background // recovery journal and folder watch (journal.go, watch.go)
}

func newApp(opts Options) *app {
	c := newContext(opts)
	c.Path = opts.Path
	if opts.Untitled {
		c.Path = ""
	}
	a := &app{ctx: c, side: paneProblems}
	a.nodes = newNodesPane(c)
	a.editor = newEditorPane(c)
	a.problems = newProblemsPane(c)
	a.panes = [paneCount]Pane{a.nodes, a.editor, a.problems, newPreviewPane(c), newGraphPane(c)}
	a.problems.onJump = a.jumpTo
	a.panes[paneNodes].Focus()
	if opts.Src != nil {
		a.initCmd = a.open(opts.Path, opts.Src)
		if opts.Untitled {
			c.markSaved(opts.Src, fingerprint{})
		}
	} else {
		a.loading = true
	}
	c.Width, c.Height = 80, 24
	a.relayout()
	return a
}

func (a *app) init() tea.Cmd {
	c := a.ctx
	switch {
	case a.loading:
		return loadCmd(c.Opts.Path, false)
	case c.Path != "" && !c.Opts.Untitled:
		return tea.Batch(a.initCmd, diskCmd(c.Path, c.Opts.Src), c.loadSidecar())
	}
	return a.initCmd
}

// open installs a freshly read file: a document, or the read-only view of a
// file that cannot be parsed. The command validates a large file.
func (a *app) open(path string, src []byte) tea.Cmd {
	c := a.ctx
	c.Hist = &flowgraph.History{}
	c.openSidecar(path)
	c.saved = src
	d, err := flowgraph.Parse(path, src)
	if err != nil {
		a.ro = newReadonlyView(c, path, src, err)
		c.setDocument(nil)
		c.Counts.Errors = 1
		return nil
	}
	a.ro = nil
	c.sel, c.selID = -1, ""
	cmd := c.openDocument(d)
	if len(c.Order) > 0 {
		c.Select(c.Order[0])
	}
	a.problems.SelectFirst()
	return cmd
}

func (a *app) update(msg tea.Msg) tea.Cmd {
	c := a.ctx
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		c.Width, c.Height = msg.Width, msg.Height
		a.relayout()
		return nil
	case tea.KeyPressMsg:
		return a.key(msg)
	case tea.MouseClickMsg:
		return a.click(msg.Mouse())
	case findingsMsg:
		c.receiveFindings(msg)
		return c.afterFindings()
	case tea.MouseWheelMsg:
		m := msg.Mouse()
		delta := 1
		if m.Button == tea.MouseWheelUp {
			delta = -1
		}
		a.wheel(m.X, m.Y, delta)
		return nil
	}
	if cmd, ok := a.sidecarMsg(msg); ok {
		return cmd
	}
	if cmd, ok := a.fileMsg(msg); ok {
		return cmd
	}
	return nil
}

// focusPane gives the keyboard to a pane; in the side panel it also switches tab.
func (a *app) focusPane(id paneID) {
	if a.ctx.Doc == nil && a.ro == nil {
		return
	}
	focus, side := a.focus, a.side
	if a.focus != id {
		a.panes[a.focus].Blur()
		a.focus = id
		a.panes[id].Focus()
	}
	if id >= paneProblems {
		a.side = id
	}
	if a.focus != focus || a.side != side {
		a.relayout() // the graph takes the editor's room while it is shown
	}
}

// cycle moves focus to the next (or previous) pane on screen.
func (a *app) cycle(dir int) {
	order := []paneID{paneNodes, paneEditor, a.side}
	if a.lay.mode == layoutSmall {
		order = []paneID{paneNodes, paneEditor, paneProblems, panePreview, paneGraph}
	}
	at := 0
	for i, id := range order {
		if id == a.focus {
			at = i
		}
	}
	a.focusPane(order[(at+dir+len(order))%len(order)])
}

// jumpTo shows the node and field a finding concerns.
func (a *app) jumpTo(f *validate.Finding) {
	c := a.ctx
	i := c.findingNode(f)
	if i < 0 {
		c.Message("this problem concerns the file, line " + itoa(f.Pos.Line) + ", not one node")
		return
	}
	c.Select(i)
	a.nodes.refresh()
	a.focusPane(paneEditor)
	a.editor.FocusPointer(f.Pointer)
}

func (a *app) view() string {
	c := a.ctx
	w, h := c.Width, c.Height
	if w <= 0 || h <= 0 {
		return ""
	}
	var base string
	switch {
	case a.fatal != "":
		base = fit([]string{"", " " + c.Styles.Severity(validate.Error).Render("✖ "+a.fatal), "", c.Styles.Muted.Render(" press q to quit")}, w, h-2)
	case a.loading:
		base = fit([]string{"", c.Styles.Muted.Render(" opening " + sanitize(c.Opts.Path) + "…")}, w, h-2)
	case a.ro != nil:
		base = a.ro.View(w, h-2)
	default:
		base = a.panesView()
	}
	screen := base + "\n" + statusBar(c, w) + "\n" + helpLine(c, a.helpKeys(), w)
	switch {
	case len(c.dialogs) > 0:
		d := c.dialogs[len(c.dialogs)-1]
		screen = overlay(screen, d.View(w, h), w, h)
	case a.showHelp:
		screen = overlay(screen, helpView(c, w, h), w, h)
	}
	return screen
}

// helpKeys are the keys of whatever has the keyboard.
func (a *app) helpKeys() []key.Binding {
	c := a.ctx
	switch {
	case len(c.dialogs) > 0:
		return c.dialogs[len(c.dialogs)-1].ShortHelp()
	case a.showHelp:
		return []key.Binding{withHelp(c.Keys.Back, "close help")}
	case a.ro != nil:
		return a.ro.ShortHelp()
	case c.Doc == nil:
		return nil
	}
	return append(a.panes[a.focus].ShortHelp(), globalHelp(c.Keys)...)
}

// lines splits a block into its lines.
func lines(s string) []string { return strings.Split(s, "\n") }
