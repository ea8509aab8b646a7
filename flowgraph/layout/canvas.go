package layout

import "unicode/utf8"

// canvas is a rectangle of cells being drawn: runes, line directions (turned
// into box-drawing characters once all lines are in) and the node owning each
// box cell (for RenderOptions.Style).

const wideTail = -1 // cell covered by the right half of a wide rune

type canvas struct {
	r    Rect
	cell []rune  // 0: blank
	bits []uint8 // line directions, 1<<dirUp | ...
	own  []int32 // node+1 whose box covers the cell
}

func newCanvas(r Rect) *canvas {
	n := r.W * r.H
	return &canvas{r: r, cell: make([]rune, n), bits: make([]uint8, n), own: make([]int32, n)}
}

func (c *canvas) at(x, y int) int {
	if !c.r.Contains(x, y) {
		return -1
	}
	return (y-c.r.Y)*c.r.W + x - c.r.X
}

func (c *canvas) set(x, y int, r rune, owner int) {
	if i := c.at(x, y); i >= 0 {
		c.cell[i], c.own[i] = r, int32(owner+1)
	}
}

// polyline adds the line directions of an orthogonal polyline, clipped.
func (c *canvas) polyline(pts []Point) {
	for k := 1; k < len(pts); k++ {
		p, q := pts[k-1], pts[k]
		switch {
		case p.X == q.X && p.X >= c.r.X && p.X < c.r.X+c.r.W:
			lo, hi := min(p.Y, q.Y), max(p.Y, q.Y)
			for y := max(lo, c.r.Y); y <= min(hi, c.r.Y+c.r.H-1); y++ {
				c.bits[c.at(p.X, y)] |= bit(y > lo, dirUp) | bit(y < hi, dirDown)
			}
		case p.Y == q.Y && p.Y >= c.r.Y && p.Y < c.r.Y+c.r.H:
			lo, hi := min(p.X, q.X), max(p.X, q.X)
			for x := max(lo, c.r.X); x <= min(hi, c.r.X+c.r.W-1); x++ {
				c.bits[c.at(x, p.Y)] |= bit(x > lo, dirLeft) | bit(x < hi, dirRight)
			}
		}
	}
}

func bit(ok bool, dir int) uint8 {
	if ok {
		return 1 << dir
	}
	return 0
}

func (c *canvas) lineGlyphs(gl *glyphs) {
	for i, b := range c.bits {
		if b != 0 {
			c.cell[i] = gl.lines[b&15]
		}
	}
}

// box draws node i's border and text.
func (c *canvas) box(i int, b Rect, nd Node, gl *glyphs) {
	right, bottom := b.X+b.W-1, b.Y+b.H-1
	for y := b.Y; y <= bottom; y++ {
		for x := b.X; x <= right; x++ {
			r := ' '
			switch {
			case y == b.Y && x == b.X:
				r = gl.tl
			case y == b.Y && x == right:
				r = gl.tr
			case y == bottom && x == b.X:
				r = gl.bl
			case y == bottom && x == right:
				r = gl.br
			case y == b.Y || y == bottom:
				r = gl.hz
			case x == b.X || x == right:
				r = gl.vt
			}
			c.set(x, y, r, i)
		}
	}
	for k, text := range []string{nd.Label, nd.Sub} {
		c.text(b.X+2, b.Y+1+k, fit(text, b.W-4, gl.ell), i)
	}
}

// text writes s from (x, y) without any check.
func (c *canvas) text(x, y int, s string, owner int) {
	for _, r := range s {
		c.set(x, y, r, owner)
		if runeWidth(r) == 2 {
			x++
			c.set(x, y, wideTail, owner)
		}
		x++
	}
}

// ends draws where a route leaves its box (a stem on the border) and where it
// arrives (an arrow, or the dotted end of a stub).
func (c *canvas) ends(r *Route, gl *glyphs) {
	n := len(r.Points)
	if n < 2 {
		return
	}
	if i := c.at(r.Points[0].X, r.Points[0].Y); i >= 0 {
		c.cell[i] = gl.stem[direction(r.Points[0], r.Points[1])]
	}
	end := gl.arrow[direction(r.Points[n-2], r.Points[n-1])]
	if r.Stub {
		end = gl.stub
	}
	if i := c.at(r.Points[n-1].X, r.Points[n-1].Y); i >= 0 {
		c.cell[i] = end
	}
}

func direction(p, q Point) int {
	switch {
	case q.Y < p.Y:
		return dirUp
	case q.Y > p.Y:
		return dirDown
	case q.X < p.X:
		return dirLeft
	}
	return dirRight
}

// label writes text from p into the cells that are still blank. Its room was
// measured against lines when the layout was computed, so only another label
// at the same place can be in the way.
func (c *canvas) label(p Point, text string) {
	x := p.X
	for _, r := range text {
		if i := c.at(x, p.Y); i >= 0 && c.cell[i] == 0 {
			c.set(x, p.Y, r, -1)
			if runeWidth(r) == 2 {
				c.set(x+1, p.Y, wideTail, -1)
			}
		}
		x += runeWidth(r)
	}
}

// lines returns the cells of view (relative to the canvas) as text, applying
// style to runs of box cells.
func (c *canvas) lines(view Rect, style func(int, string) string) []string {
	out := make([]string, view.H)
	var line, run []byte
	for y := 0; y < view.H; y++ {
		line = line[:0]
		owner := int32(0)
		flush := func() {
			if len(run) > 0 {
				line = append(line, style(int(owner-1), string(run))...)
				run = run[:0]
			}
		}
		row := (view.Y + y) * c.r.W
		for x := view.X; x < view.X+view.W; x++ {
			i := row + x
			r := c.cell[i]
			switch {
			case r == 0:
				r = ' '
			case r == wideTail:
				if x > view.X {
					continue // drawn with its rune
				}
				r = ' '
			case r >= 0x1100 && x == view.X+view.W-1 && runeWidth(r) == 2:
				r = ' ' // its right half is outside the view
			}
			if style != nil {
				if o := c.own[i]; o != owner {
					flush()
					owner = o
				}
				if owner != 0 {
					run = utf8.AppendRune(run, r)
					continue
				}
			}
			if r < utf8.RuneSelf {
				line = append(line, byte(r))
			} else {
				line = utf8.AppendRune(line, r)
			}
		}
		if style != nil {
			flush()
		}
		out[y] = string(line)
	}
	return out
}
