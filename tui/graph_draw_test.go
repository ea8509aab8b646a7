package tui

// Drawing checks of the graph pane: severity marks, escaped and redacted
// ids, the frame's size, and the golden screens.

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"flowsmith/examples"
	"flowsmith/flowgraph/flowgen"
	"flowsmith/validate"
)

func TestGraphMarks(t *testing.T) {
	for _, noColor := range []bool{false, true} {
		m, p := graphOf(t, Options{Path: "d.json", NoColor: noColor}, brokenSrc(t, "dangling-target.json"), 100, 30)
		c := m.ctx
		i := selectID(t, c, "liveness")
		if c.NodeSev[i] != validate.Error {
			t.Fatalf("liveness severity %v", c.NodeSev[i])
		}
		raw := p.View()
		v := ansi.Strip(raw)
		x, y, _, _ := boxInView(t, p, i)
		for row := 1; row <= 2; row++ {
			if l := []rune(lines(v)[y+row]); l[x] != '✖' {
				t.Errorf("noColor=%v: line %d of the box starts with %q, want ✖:\n%s", noColor, row, l[x], v)
			}
		}
		clean := c.Doc.NodeByID("closing_success")
		cx, cy, _, _ := boxInView(t, p, clean)
		if l := []rune(lines(v)[cy+1]); l[cx] != '│' {
			t.Errorf("a node without problems is marked %q", l[cx])
		}
		errWrap := wrapOf(c.Styles.Severity(validate.Error))
		if !noColor && !strings.Contains(raw, errWrap[0]+"╔") {
			t.Errorf("the selected erroneous box is not in the error colour %q:\n%q", errWrap[0], raw)
		}
		if noColor && strings.Contains(raw, "\x1b[3") {
			t.Errorf("NO_COLOR frame has a colour: %q", raw)
		}
	}
}

func TestGraphWarningAndInfoMarks(t *testing.T) {
	for _, tc := range []struct {
		file, id string
		sev      validate.Severity
		glyph    rune
	}{
		{"conditional-prompt.json", "receipt_offer", validate.Warning, '▲'},
		{"missing-closing.json", "closing_success", validate.Info, '●'},
	} {
		m, p := graphOf(t, Options{NoColor: true}, brokenSrc(t, tc.file), 138, 43)
		c := m.ctx
		i := c.Doc.NodeByID(tc.id)
		if i < 0 || c.NodeSev[i] != tc.sev {
			t.Fatalf("%s: no node with a %v", tc.file, tc.sev)
		}
		c.Select(i)
		v := p.plain()
		x, y, _, _ := boxInView(t, p, i)
		if l := []rune(lines(v)[y+1]); l[x] != tc.glyph {
			t.Errorf("%s: %v node %s marked %q, want %q:\n%s", tc.file, tc.sev, c.Doc.Nodes[i].ID, l[x], tc.glyph, v)
		}
	}
}

func TestGraphSanitizesIDs(t *testing.T) {
	src := []byte(`[
  {"id": "start", "type": "start", "outcome": "evil\u001b[2J\u202eid"},
  {"id": "evil\u001b[2J\u202eid", "type": "end\u0007"}
]`)
	m, p := graphOf(t, Options{}, src, 80, 20)
	selectID(t, m.ctx, "evil\x1b[2J\u202eid")
	raw := p.View() + p.Info()
	if strings.Contains(raw, "\x1b[2J") || strings.Contains(raw, "\u202e") || strings.Contains(raw, "\a") {
		t.Fatalf("raw control sequence in the graph: %q", raw)
	}
	if v := ansi.Strip(raw); !strings.Contains(v, `evil\x1b[2J\u202eid`) || !strings.Contains(v, `end\x07`) {
		t.Errorf("ids not shown escaped:\n%s", v)
	}
}

// Ids go through the editor's sanitize: secrets are redacted as in the other
// panes.
func TestGraphRedactsIDs(t *testing.T) {
	secret := "sk_live_4eC39HqLyjWDarjtT1zdp7dc"
	src := []byte(`[{"id": "start", "type": "start", "outcome": "` + secret + `"}, {"id": "` + secret + `", "type": "end"}]`)
	m, p := graphOf(t, Options{}, src, 80, 20)
	selectID(t, m.ctx, secret)
	v := p.plain() + p.Info()
	if strings.Contains(v, secret) || !strings.Contains(v, "sk_live_…") {
		t.Errorf("secret id shown:\n%s", v)
	}
}

// Whatever the size and the keys, a frame is exactly the pane's size.
func TestGraphFrameSize(t *testing.T) {
	keys := []string{"l", "j", "L", "J", "-", "h", "k", "+", "pgdown", "enter", "-", "-", "shift+right", "g", "+", "+", "+"}
	for _, sz := range [][2]int{{1, 1}, {5, 3}, {12, 4}, {37, 41}, {138, 43}} {
		for _, src := range [][]byte{examples.Sample(), flowgen.Flow(50), brokenSrc(t, "dangling-target.json")} {
			m, p := graphOf(t, Options{}, src, sz[0], sz[1])
			for k, key := range keys {
				p.press(key)
				p.Click(k%sz[0], k%sz[1])
				p.Scroll(k%3 - 1)
				if k%5 == 0 {
					m.ctx.Select((k * 7) % len(m.ctx.Doc.Nodes))
				}
				v := p.View()
				ls := lines(v)
				if len(ls) != sz[1] {
					t.Fatalf("%dx%d after %s: %d lines", sz[0], sz[1], key, len(ls))
				}
				for i, l := range ls {
					if w := ansi.StringWidth(l); w != sz[0] {
						t.Fatalf("%dx%d after %s: line %d is %d cells: %q", sz[0], sz[1], key, i, w, l)
					}
				}
			}
		}
	}
}

func TestGraphGolden(t *testing.T) {
	cases := []struct {
		name  string
		src   func(t *testing.T) []byte
		setup func(t *testing.T, c *Context, p *graphPane)
	}{
		{"graph_sample", func(*testing.T) []byte { return examples.Sample() }, func(t *testing.T, c *Context, p *graphPane) {
			selectID(t, c, "greeting")
		}},
		{"graph_sample_hops", func(*testing.T) []byte { return examples.Sample() }, func(t *testing.T, c *Context, p *graphPane) {
			selectID(t, c, "liveness")
			p.press("-", "-") // 1 hop around liveness
		}},
		{"graph_flow50", func(*testing.T) []byte { return flowgen.Flow(50) }, func(t *testing.T, c *Context, p *graphPane) {
			selectID(t, c, "liveness_10")
		}},
		{"graph_flow50_hops", func(*testing.T) []byte { return flowgen.Flow(50) }, func(t *testing.T, c *Context, p *graphPane) {
			selectID(t, c, "liveness_10")
			p.press("-")
		}},
		{"graph_errors", func(t *testing.T) []byte { return brokenSrc(t, "dangling-target.json") }, func(t *testing.T, c *Context, p *graphPane) {
			selectID(t, c, "liveness")
		}},
		{"graph_flow50_panned", func(*testing.T) []byte { return flowgen.Flow(50) }, func(t *testing.T, c *Context, p *graphPane) {
			selectID(t, c, "greeting_5")
			p.press("J", "l", "l") // the title names the node enter selects
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, p := graphOf(t, Options{Path: tc.name + ".json"}, tc.src(t), 138, 43)
			tc.setup(t, m.ctx, p)
			checkGolden(t, tc.name+"_140x45", p.screen(140, 45), 140, 45)
		})
	}
}
