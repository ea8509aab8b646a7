package tui

import (
	"image/color"

	"charm.land/lipgloss/v2"

	"flowsmith/validate"
)

// Styles holds every lipgloss style the editor draws with. It is built once from
// the palette (dark or light background) and NO_COLOR; nothing else in the
// package picks colours.
type Styles struct {
	NoColor bool

	Title, Muted, Faint, Bold, Accent lipgloss.Style
	BorderFocused, BorderBlurred      lipgloss.Style
	TitleFocused, TitleBlurred        lipgloss.Style
	Selected                          lipgloss.Style // the cursor row of a list
	SelectedBlurred                   lipgloss.Style // the cursor row of an unfocused list
	Divider                           lipgloss.Style
	Label, LabelRequired, Value       lipgloss.Style
	Unset                             lipgloss.Style
	InputError                        lipgloss.Style
	Key, KeyDesc                      lipgloss.Style // help: the key and what it does
	StatusBar, StatusFile, StatusMsg  lipgloss.Style
	StatusErrMsg                      lipgloss.Style
	Modified                          lipgloss.Style
	Dialog, DialogTitle               lipgloss.Style
	Button, ButtonKey                 lipgloss.Style
	Match                             lipgloss.Style // fuzzy-matched characters
	ErrorLine, ErrorCaret, LineNo     lipgloss.Style
	TabActive, TabInactive            lipgloss.Style
	Cursor                            lipgloss.Style

	sev   [4]lipgloss.Style // by validate.Severity
	badge map[string]lipgloss.Style
	other lipgloss.Style // badge of an unknown node type
}

// palette is a pair of colours for light and dark backgrounds.
type palette struct{ light, dark string }

var typeColours = map[string]palette{
	"start":              {"#1E7B34", "#5AD17A"},
	"end":                {"#5E5E6B", "#A0A0AE"},
	"conversation":       {"#1F5FBF", "#6CA8FF"},
	"liveness_detection": {"#8E2AA0", "#E07CF0"},
	"recognition":        {"#B0305A", "#FF8FB1"},
	"face_scan":          {"#B35A00", "#FFA24C"},
	"document_scan":      {"#0F7B72", "#4FD1C5"},
	"enter_email":        {"#0B6F8C", "#5ED4F5"},
	"two_factor_email":   {"#8A6D00", "#F3D35B"},
	"two_factor_sms":     {"#7A6A1E", "#D7C26A"},
	"data_validation":    {"#4F7A12", "#B5E06A"},
	"face_compare":       {"#B2472A", "#FF9F80"},
	"permissions":        {"#5B45C2", "#B9A6FF"},
	"external_call":      {"#2A6F9E", "#8FD3FF"},
	"field_condition":    {"#1F7F55", "#8EF0C0"},
}

// typeBadges are the fixed-width labels of the node types.
var typeBadges = map[string]string{
	"start": "START", "end": "END", "conversation": "CONV", "liveness_detection": "LIVE",
	"recognition": "RECOG", "face_scan": "FACE", "document_scan": "DOC", "enter_email": "EMAIL",
	"two_factor_email": "OTP@", "two_factor_sms": "OTP#", "data_validation": "DATA",
	"face_compare": "CMP", "permissions": "PERM", "external_call": "CALL", "field_condition": "RULES",
}

const badgeWidth = 5

// NewStyles builds the styles for a dark or light background; noColor drops
// every colour (bold, faint and reverse remain, so the screen stays legible).
func NewStyles(dark, noColor bool) *Styles {
	ld := lipgloss.LightDark(dark)
	c := func(light, darkc string) color.Color {
		if noColor {
			return lipgloss.NoColor{}
		}
		return ld(lipgloss.Color(light), lipgloss.Color(darkc))
	}
	fg := func(light, darkc string) lipgloss.Style { return lipgloss.NewStyle().Foreground(c(light, darkc)) }

	accent := c("#5B4BD6", "#A394FF")
	s := &Styles{NoColor: noColor}
	s.Title = lipgloss.NewStyle().Bold(true)
	s.Bold = lipgloss.NewStyle().Bold(true)
	s.Muted = fg("#6B6B78", "#8E8E9E")
	s.Faint = fg("#9A9AA6", "#5E5E6E")
	s.Accent = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.BorderFocused = lipgloss.NewStyle().Foreground(accent)
	s.BorderBlurred = fg("#C4C4CC", "#44444F")
	s.TitleFocused = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.TitleBlurred = fg("#6B6B78", "#8E8E9E")
	s.Selected = lipgloss.NewStyle().Background(c("#E4E0FF", "#35305A")).Bold(true)
	s.SelectedBlurred = lipgloss.NewStyle().Background(c("#EEEEF2", "#26262F"))
	if noColor {
		s.Selected = lipgloss.NewStyle().Reverse(true)
		s.SelectedBlurred = lipgloss.NewStyle().Underline(true)
	}
	s.Divider = fg("#9A9AA6", "#5E5E6E")
	s.Label = fg("#4A4A55", "#B4B4C2")
	s.LabelRequired = fg("#4A4A55", "#B4B4C2").Bold(true)
	s.Value = lipgloss.NewStyle()
	s.Unset = fg("#9A9AA6", "#5E5E6E").Italic(true)
	s.InputError = fg("#C8102E", "#FF5F6D")
	s.Key = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.KeyDesc = fg("#6B6B78", "#8E8E9E")
	s.StatusBar = lipgloss.NewStyle().Background(c("#E9E7F5", "#24222F")).Foreground(c("#2B2B33", "#D6D6E0"))
	s.StatusFile = s.StatusBar.Bold(true)
	s.StatusMsg = s.StatusBar.Foreground(c("#5B4BD6", "#A394FF"))
	s.StatusErrMsg = s.StatusBar.Foreground(c("#C8102E", "#FF5F6D")).Bold(true)
	s.Modified = s.StatusBar.Foreground(c("#B35A00", "#FFA24C")).Bold(true)
	s.Dialog = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1)
	s.DialogTitle = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.Button = lipgloss.NewStyle().Padding(0, 1).Background(c("#E4E0FF", "#35305A"))
	s.ButtonKey = lipgloss.NewStyle().Foreground(accent).Bold(true).Underline(true)
	if noColor {
		s.Button = lipgloss.NewStyle().Padding(0, 1)
	}
	s.Match = lipgloss.NewStyle().Foreground(accent).Bold(true).Underline(true)
	s.ErrorLine = lipgloss.NewStyle().Background(c("#FFE1E4", "#4A1D24"))
	if noColor {
		s.ErrorLine = lipgloss.NewStyle().Reverse(true)
	}
	s.ErrorCaret = fg("#C8102E", "#FF5F6D").Bold(true)
	s.LineNo = fg("#9A9AA6", "#5E5E6E")
	s.TabActive = lipgloss.NewStyle().Foreground(accent).Bold(true).Underline(true)
	s.TabInactive = fg("#6B6B78", "#8E8E9E")
	s.Cursor = lipgloss.NewStyle().Reverse(true)

	s.sev[validate.Error] = fg("#C8102E", "#FF5F6D").Bold(true)
	s.sev[validate.Warning] = fg("#9A6700", "#F5C344").Bold(true)
	s.sev[validate.Info] = fg("#0B63C5", "#5FB3F9")
	s.sev[validate.Off] = s.Muted

	s.badge = make(map[string]lipgloss.Style, len(typeColours))
	for typ, p := range typeColours {
		s.badge[typ] = badgeStyle(noColor, dark, p)
	}
	s.other = badgeStyle(noColor, dark, palette{"#C8102E", "#FF5F6D"})
	return s
}

func badgeStyle(noColor, dark bool, p palette) lipgloss.Style {
	st := lipgloss.NewStyle().Bold(true)
	if noColor {
		return st
	}
	if dark {
		return st.Background(lipgloss.Color(p.dark)).Foreground(lipgloss.Color("#121216"))
	}
	return st.Background(lipgloss.Color(p.light)).Foreground(lipgloss.Color("#FFFFFF"))
}

// Severity is the style of a severity.
func (s *Styles) Severity(sev validate.Severity) lipgloss.Style { return s.sev[sev] }

// SevMark is the one-cell mark of a severity, styled; " " for none.
func (s *Styles) SevMark(sev validate.Severity, any bool) string {
	if !any {
		return " "
	}
	return s.sev[sev].Render(sevGlyph(sev))
}

func sevGlyph(sev validate.Severity) string {
	switch sev {
	case validate.Error:
		return "✖"
	case validate.Warning:
		return "▲"
	case validate.Info:
		return "●"
	}
	return " "
}

// Badge renders a node type as a fixed-width coloured badge.
func (s *Styles) Badge(typ string) string {
	label, ok := typeBadges[typ]
	st, known := s.badge[typ]
	if !ok || !known {
		label, st = "?", s.other
	}
	return st.Render(padRight(label, badgeWidth))
}
