package tui

import (
	"testing"

	"github.com/charmbracelet/x/ansi"

	"flowsmith/i18n"
)

// staleSidecar has a German translation of consent made from an earlier
// prompt, and a current one of greeting.
func staleSidecar(x *tm) *i18n.Sidecar {
	sc := i18n.NewSidecar()
	sc.Set("de", "greeting", i18n.Translation{Source: x.prompt("greeting"),
		Text: "Hallo {name}, willkommen! Ich führe Sie durch eine kurze Identitätsprüfung in Ihrer Sprache. Sagen Sie Bescheid, wenn Sie bereit sind."})
	sc.Set("de", "consent", i18n.Translation{Source: "Say: This session is recorded to confirm your identity. Do you agree?",
		Text: "Diese Sitzung wird aufgezeichnet, um Ihre Identität zu bestätigen. Sind Sie einverstanden?"})
	return sc
}

// Golden screens of the preview (go test ./tui -run GoldenPreview -update
// rewrites them).
func TestGoldenPreview(t *testing.T) {
	const w, h = 140, 45
	screens := []struct {
		name  string
		setup func(t *testing.T) *tm
	}{
		{"preview_multilingual_de", func(t *testing.T) *tm {
			return multilingual(t, w, h).press("]") // the German tab
		}},
		{"preview_stale", func(t *testing.T) *tm {
			x := multilingual(t, w, h)
			x.loadSidecar(staleSidecar(x))
			x.press("]")
			x.selectNode("consent")
			return x
		}},
		{"preview_translation_stale", func(t *testing.T) *tm {
			x := multilingual(t, w, h)
			x.loadSidecar(staleSidecar(x))
			x.press("]")
			x.selectNode("consent")
			return x.press("t")
		}},
		{"preview_session", func(t *testing.T) *tm {
			return multilingual(t, w, h).press("s", "down", "down")
		}},
	}
	for _, sc := range screens {
		t.Run(sc.name, func(t *testing.T) {
			x := sc.setup(t)
			checkGolden(t, sc.name+"_140x45", ansi.Strip(x.m.view()), w, h)
		})
	}
}
