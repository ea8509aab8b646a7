// Package layout draws flow graphs as layered (Sugiyama-style) diagrams in
// terminal cells.
//
// Compute takes plain nodes and edges and returns a Layout: a box per node, an
// orthogonal polyline per edge, everything in cells with (0,0) at the top left.
// Edges point downwards; edges that close a cycle (retry loops) are drawn
// upwards and flagged Back. Render and RenderRect turn a Layout into lines of
// text with box-drawing characters (or plain ASCII); Neighbourhood cuts a big
// graph down to the nodes around one node.
//
// The pipeline, one step per file:
//
//	layering.go   parallel edges merged, cycles broken by DFS, longest-path layers
//	virtual.go    dummy points on long edges (capped: longest edges become stubs)
//	ordering.go   order within layers: DFS start, barycenter sweeps, crossing count
//	coords.go     x positions: median sweeps, isotonic regression per layer
//	ports.go      where edges meet boxes
//	tracks.go     channels between layers: a track per horizontal edge part
//	routing.go    y positions and polylines
//	labels.go     where edge labels go, and how much room they have
//	render.go     text output (canvas.go holds the cells)
//
// Every step is linear or near-linear in nodes + edges + dummy points, the
// number of sweeps is capped, and so is the number of dummy points.
package layout

// Graph is the input: nodes, directed edges and the start node.
type Graph struct {
	Nodes []Node // index = node number
	Edges []Edge // edges whose ends are out of range are ignored
	Root  int    // start node, or -1; nodes unreachable from it are placed below
}

// Node is what a box shows: Label on the first line (the node id), Sub on the
// second (the node type). Both are cut to a few dozen cells.
type Node struct {
	Label string
	Sub   string
}

// Edge is a link between nodes; Label is the outcome key or condition id.
type Edge struct {
	From, To int
	Label    string
}

// Rect is a rectangle of cells.
type Rect struct{ X, Y, W, H int }

// Contains reports whether cell (x, y) is inside r.
func (r Rect) Contains(x, y int) bool {
	return x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H
}

// Intersects reports whether r and o share a cell.
func (r Rect) Intersects(o Rect) bool {
	return r.W > 0 && r.H > 0 && o.W > 0 && o.H > 0 &&
		r.X < o.X+o.W && o.X < r.X+r.W && r.Y < o.Y+o.H && o.Y < r.Y+r.H
}

// Point is a cell.
type Point struct{ X, Y int }

// Route is how one edge (or several parallel edges) is drawn.
type Route struct {
	From, To int    // node numbers, in the direction of the edge
	Edges    []int  // indices into Graph.Edges drawn by this route
	Label    string // their distinct labels, comma separated (cut to 64 bytes)
	// Points is an orthogonal polyline. The first point is on the border of
	// the From box; the last is the arrow cell next to the To box, or the end
	// of a stub.
	Points  []Point
	LabelAt Point // first cell of the label (when Label != "" or Stub)
	Back    bool  // drawn upwards: it closes a cycle or leaves the unreachable part
	Self    bool  // a loop on one node, drawn as a small hook on its right side
	// Stub: the edge spans too many layers to be drawn in full; only a short
	// stub leaves the From box, and its label names the target.
	Stub bool

	labelRoom int // cells free for the label at LabelAt
}

// Layout is the result of Compute. Fields are read-only for callers.
type Layout struct {
	Width, Height int
	Boxes         []Rect  // per node
	Layer         []int   // per node; 0 is the top layer
	Layers        int     // number of layers
	Routes        []Route // forward and back edges, then self-loops
	nodes         []Node  // cleaned labels
	routeOf       []int   // per input edge: index into Routes, -1 if ignored
	routeBox      []Rect  // per route: cells it may draw on, label included
	crossings     int     // edge crossings between layers after ordering
}

// Compute lays out g. It never panics: out-of-range edges are ignored,
// parallel edges share one route, self-loops become hooks, labels are cut.
func Compute(g Graph) *Layout {
	b := newBuilder(g)
	b.breakCycles()
	b.assignLayers()
	b.buildChains()
	b.order()
	b.placeX()
	return b.route()
}

// Box returns the box of node i (the zero Rect if i is out of range).
func (l *Layout) Box(i int) Rect {
	if i < 0 || i >= len(l.Boxes) {
		return Rect{}
	}
	return l.Boxes[i]
}

// RouteOf returns the index in Routes of the route drawing edge e, or -1 when
// the edge was ignored (an end out of range).
func (l *Layout) RouteOf(e int) int {
	if e < 0 || e >= len(l.routeOf) {
		return -1
	}
	return l.routeOf[e]
}

// NodeAt returns the node whose box covers cell (x, y), or -1.
func (l *Layout) NodeAt(x, y int) int {
	for i, r := range l.Boxes {
		if r.Contains(x, y) {
			return i
		}
	}
	return -1
}

// Crossings is the number of edge crossings between adjacent layers left
// after crossing reduction (a quality measure).
func (l *Layout) Crossings() int { return l.crossings }
