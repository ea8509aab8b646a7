package layout

// RenderOptions controls Render and RenderRect.
type RenderOptions struct {
	ASCII bool // + - | v ^ < > instead of box-drawing characters and arrows
	// Style, when set, wraps every run of cells of node's box within one line
	// (border and text), e.g. to colour it with ANSI escapes. It must not
	// change the width of what it wraps.
	Style          func(node int, s string) string
	HideEdgeLabels bool
}

// Render draws the whole layout: Height lines of Width cells each.
func (l *Layout) Render(opt RenderOptions) []string {
	return l.RenderRect(Rect{0, 0, l.Width, l.Height}, opt)
}

// RenderRect draws the cells of view only (view may reach outside the layout;
// those cells are blank): view.H lines of view.W cells. Cropping does not
// change what is drawn inside the view. Work and memory grow with the view
// and the routes that cross it, so a small viewport of a huge layout is cheap.
func (l *Layout) RenderRect(view Rect, opt RenderOptions) []string {
	if view.W <= 0 || view.H <= 0 {
		return nil
	}
	out := make([]string, 0, view.H)
	for y := view.Y; y < view.Y+view.H; y += stripRows {
		strip := Rect{view.X, y, view.W, min(stripRows, view.Y+view.H-y)}
		out = append(out, l.renderStrip(strip, opt)...)
	}
	return out
}

// stripRows bounds the rows drawn at once, and so the memory used.
const stripRows = 256

func (l *Layout) renderStrip(view Rect, opt RenderOptions) []string {
	gl := &unicodeGlyphs
	if opt.ASCII {
		gl = &asciiGlyphs
	}
	// Every cell is drawn from what covers it alone (labels were measured by
	// Compute), so a view is exactly the matching part of the full drawing.
	c := newCanvas(view)
	var routes []int
	for i, bb := range l.routeBox {
		if bb.Intersects(c.r) {
			routes = append(routes, i)
			c.polyline(l.Routes[i].Points)
		}
	}
	c.lineGlyphs(gl)
	for i, b := range l.Boxes {
		if b.Intersects(c.r) {
			c.box(i, b, l.nodes[i], gl)
		}
	}
	for _, i := range routes {
		c.ends(&l.Routes[i], gl)
	}
	if !opt.HideEdgeLabels {
		for _, i := range routes {
			r := &l.Routes[i]
			text := fit(r.Label, maxEdgeLabel, gl.ell)
			if r.Stub {
				text += gl.to + fit(l.nodes[r.To].Label, maxBoxText, gl.ell)
			}
			c.label(r.LabelAt, fit(text, r.labelRoom, gl.ell))
		}
	}
	return c.lines(Rect{0, 0, view.W, view.H}, opt.Style)
}

type glyphs struct {
	lines                  [16]rune // by direction bits
	tl, tr, bl, br, hz, vt rune     // box
	stem                   [4]rune  // border cell where an edge leaves: by direction
	arrow                  [4]rune  // by direction
	stub, ell              rune
	to                     string
}

// Direction bits of a line cell; also indices of stem and arrow.
const (
	dirUp = iota
	dirDown
	dirLeft
	dirRight
)

var unicodeGlyphs = glyphs{
	lines: [16]rune{' ', '│', '│', '│', '─', '┘', '┐', '┤', '─', '└', '┌', '├', '─', '┴', '┬', '┼'},
	tl:    '┌', tr: '┐', bl: '└', br: '┘', hz: '─', vt: '│',
	stem:  [4]rune{'┴', '┬', '┤', '├'},
	arrow: [4]rune{'▲', '▼', '◄', '►'},
	stub:  '┆', ell: '…', to: "→",
}

var asciiGlyphs = glyphs{
	lines: [16]rune{' ', '|', '|', '|', '-', '+', '+', '+', '-', '+', '+', '+', '-', '+', '+', '+'},
	tl:    '+', tr: '+', bl: '+', br: '+', hz: '-', vt: '|',
	stem:  [4]rune{'+', '+', '+', '+'},
	arrow: [4]rune{'^', 'v', '<', '>'},
	stub:  ':', ell: '~', to: "->",
}
