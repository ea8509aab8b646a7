package layout

import "slices"

// Edge labels go right of a vertical line, on a channel row that holds
// vertical lines only, so the room a label has is the distance to the next
// line on that row. It is measured here, once, so that any view of the
// drawing shows the same labels. Each label has two candidate places:
//
//	forward edge  the label row above its first arrow, or row 0 under its source
//	back edge     the label row above its source, or the arrow row just above it
//	stub          row 0 under its source (forward) or the arrow row above it (back)
//
// The first candidate wins when the label fits there or has no less room.

// channelRows lists, per channel, the columns taken by lines on row 0, on the
// label row and on the arrow row.
type channelRows struct{ row0, label, arrow []int }

func (b *builder) placeLabels(routes []Route, chans []channel, bandTop, segA, segB, stubCol []int) {
	rows := make([]channelRows, len(chans))
	all := make([]int, 0, 3*len(b.segs)+2*len(b.groups)) // backs every list
	cut := func(from int) []int { return all[from:len(all):len(all)] }
	for l := range chans {
		r := &rows[l]
		from := len(all)
		all = b.upperCols(all, l, segA, stubCol)
		r.row0, from = cut(from), len(all)
		all = b.lowerCols(all, l, segB, nil)
		r.label, from = cut(from), len(all)
		all = b.lowerCols(all, l, segB, stubCol)
		r.arrow = cut(from)
	}
	row0 := func(l int) int { return bandTop[l] + boxHeight }
	labelRow := func(l int) int { return row0(l) + 1 + chans[l].tracks }
	arrowRow := func(l int) int { return bandTop[l+1] - 1 }

	for gi := range b.groups {
		g, r := &b.groups[gi], &routes[gi]
		want := min(textWidth(g.label), maxEdgeLabel)
		if g.stub {
			want += 2 + min(textWidth(b.nodes[g.to].Label), maxBoxText)
		}
		if want == 0 {
			continue
		}
		var first, second Point
		var firstCols, secondCols []int
		switch c := stubCol[gi]; {
		case g.stub && g.back:
			l := b.layer[g.from] - 1
			first, firstCols = Point{c + 1, arrowRow(l)}, rows[l].arrow
		case g.stub:
			l := b.layer[g.from]
			first, firstCols = Point{c + 1, row0(l)}, rows[l].row0
		case g.back:
			s := g.firstSeg + g.nseg - 1
			l := b.layer[b.segs[s].u]
			first, firstCols = Point{segB[s] + 1, labelRow(l)}, rows[l].label
			second, secondCols = Point{segB[s] + 1, arrowRow(l)}, rows[l].arrow
		default:
			s := g.firstSeg
			l := b.layer[b.segs[s].u]
			first, firstCols = Point{segB[s] + 1, labelRow(l)}, rows[l].label
			second, secondCols = Point{segA[s] + 1, row0(l)}, rows[l].row0
		}
		r.LabelAt, r.labelRoom = first, room(firstCols, first.X, want)
		if secondCols != nil && r.labelRoom < want {
			if alt := room(secondCols, second.X, want); alt > r.labelRoom {
				r.LabelAt, r.labelRoom = second, alt
			}
		}
	}
}

// room is how many cells from x are free of lines (cols sorted), up to want.
func room(cols []int, x, want int) int {
	i, _ := slices.BinarySearch(cols, x)
	if i < len(cols) {
		return min(want, cols[i]-x)
	}
	return want
}
