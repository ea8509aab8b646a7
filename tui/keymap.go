package tui

import "charm.land/bubbles/v2/key"

// KeyMap is every key binding of the editor, with its help text. Panes report
// the subset that applies to them through ShortHelp; the `?` overlay lists all.
//
// Reserved for the preview and graph panes (do not bind elsewhere):
// `4`, `5`, `[`, `]`, `t`, `s`, `+`, `-`, `h`, `j`/`k` beyond list movement, `l`.
type KeyMap struct {
	// Global.
	Pane1, Pane2, Pane3, Pane4, Pane5 key.Binding
	NextPane, PrevPane                key.Binding
	Undo, Redo                        key.Binding
	Save, Export                      key.Binding
	Help, Quit                        key.Binding
	AddNode, DeleteNode, RenameNode   key.Binding
	Filter, Fix, Follow               key.Binding

	// Lists and forms.
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Enter, Back                             key.Binding

	// Editor.
	Toggle, AddItem, RemoveItem, MoveUp, MoveDown, ExtEditor key.Binding
	Newline                                                  key.Binding

	// Preview.
	PrevLang, NextLang, Translate, Session key.Binding

	// Dialogs.
	Confirm, Cancel key.Binding
}

// DefaultKeyMap is the key map of the issue: these exact keys are required.
func DefaultKeyMap() *KeyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return &KeyMap{
		Pane1:    b([]string{"1"}, "1", "nodes"),
		Pane2:    b([]string{"2"}, "2", "editor"),
		Pane3:    b([]string{"3"}, "3", "problems"),
		Pane4:    b([]string{"4"}, "4", "preview"),
		Pane5:    b([]string{"5"}, "5", "graph"),
		NextPane: b([]string{"tab"}, "tab", "next pane"),
		PrevPane: b([]string{"shift+tab"}, "shift+tab", "previous pane"),
		Undo:     b([]string{"u", "ctrl+z"}, "u", "undo"),
		Redo:     b([]string{"ctrl+r", "ctrl+y"}, "ctrl+r", "redo"),
		Save:     b([]string{"ctrl+s"}, "ctrl+s", "save"),
		Export:   b([]string{"e"}, "e", "export"),
		Help:     b([]string{"?"}, "?", "help"),
		Quit:     b([]string{"q", "ctrl+c"}, "q", "quit"),

		AddNode:    b([]string{"a"}, "a", "add node"),
		DeleteNode: b([]string{"d"}, "d", "delete node"),
		RenameNode: b([]string{"r"}, "r", "rename"),
		Filter:     b([]string{"/"}, "/", "filter"),
		Fix:        b([]string{"f"}, "f", "quick fix"),
		Follow:     b([]string{"o"}, "o", "follow outcome"),

		Up:       b([]string{"up", "k"}, "↑/k", "up"),
		Down:     b([]string{"down", "j"}, "↓/j", "down"),
		PageUp:   b([]string{"pgup", "ctrl+u"}, "pgup", "page up"),
		PageDown: b([]string{"pgdown", "ctrl+d"}, "pgdn", "page down"),
		Top:      b([]string{"home", "g"}, "g", "top"),
		Bottom:   b([]string{"end", "G"}, "G", "bottom"),
		Enter:    b([]string{"enter"}, "enter", "open"),
		Back:     b([]string{"esc"}, "esc", "back"),

		Toggle:     b([]string{"space"}, "space", "toggle/cycle"),
		AddItem:    b([]string{"n"}, "n", "new outcome/item"),
		RemoveItem: b([]string{"x"}, "x", "remove outcome/item"),
		MoveUp:     b([]string{"K", "alt+up"}, "K", "move up"),
		MoveDown:   b([]string{"J", "alt+down"}, "J", "move down"),
		ExtEditor:  b([]string{"ctrl+e"}, "ctrl+e", "$EDITOR"),
		Newline:    b([]string{"alt+enter", "ctrl+j"}, "alt+enter", "new line"),

		PrevLang:  b([]string{"["}, "[", "previous language"),
		NextLang:  b([]string{"]"}, "]", "next language"),
		Translate: b([]string{"t"}, "t", "edit translation"),
		Session:   b([]string{"s"}, "s", "session languages"),

		Confirm: b([]string{"enter"}, "enter", "confirm"),
		Cancel:  b([]string{"esc"}, "esc", "cancel"),
	}
}

// withHelp is a copy of a binding with other help text (the same key does
// different things in different panes).
func withHelp(b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}

// helpGroups lists the bindings for the `?` overlay.
func (k *KeyMap) helpGroups() []helpGroup {
	return []helpGroup{
		{"Panes", []key.Binding{k.Pane1, k.Pane2, k.Pane3, k.Pane4, k.Pane5, k.NextPane, k.PrevPane}},
		{"Everywhere", []key.Binding{
			withHelp(k.Up, "move up"), withHelp(k.Down, "move down"), k.PageUp, k.PageDown, k.Top, k.Bottom,
			withHelp(k.Enter, "open · edit · jump"), withHelp(k.Back, "back · cancel · leave field"),
		}},
		{"Flow", []key.Binding{
			k.Filter, k.AddNode, withHelp(k.DeleteNode, "delete node (confirm)"),
			withHelp(k.RenameNode, "rename node id"), withHelp(k.Follow, "follow outcome to target"),
			withHelp(k.Fix, "apply quick fix"),
		}},
		{"History & files", []key.Binding{
			withHelp(k.Undo, "undo (also ctrl+z)"), withHelp(k.Redo, "redo (also ctrl+y)"),
			withHelp(k.Save, "save (atomic)"), withHelp(k.Export, "export (validates first)"),
			k.Help, withHelp(k.Quit, "quit (also ctrl+c)"),
		}},
		{"Editor", []key.Binding{
			k.Toggle, k.AddItem, k.RemoveItem, withHelp(k.MoveUp, "move up (also alt+↑)"),
			withHelp(k.MoveDown, "move down (also alt+↓)"), withHelp(k.ExtEditor, "edit prompt in $EDITOR"),
			withHelp(k.Newline, "new line in a prompt"),
		}},
		{"Graph", graphHelp(k)},
		{"Preview", previewHelp(k)},
	}
}

type helpGroup struct {
	title    string
	bindings []key.Binding
}
