package flowgraph

import (
	"bytes"
	"errors"
	"fmt"
)

// Splice replaces the bytes Old at offset Off with New.
type Splice struct {
	Off      int
	Old, New string
}

// Change is one user-visible edit: splices applied in order, each against the
// text the previous one left. Its inverse restores the exact bytes.
type Change struct {
	Label   string
	Splices []Splice
}

// Inverse is the change that undoes c exactly.
func (c Change) Inverse() Change {
	inv := Change{Label: c.Label, Splices: make([]Splice, len(c.Splices))}
	for i, s := range c.Splices {
		inv.Splices[len(c.Splices)-1-i] = Splice{Off: s.Off, Old: s.New, New: s.Old}
	}
	return inv
}

// ErrStale means a change does not fit the text it is applied to.
var ErrStale = errors.New("the change does not match the document")

func applySplices(src []byte, splices []Splice) ([]byte, error) {
	out := src
	for _, s := range splices {
		if s.Off < 0 || s.Off+len(s.Old) > len(out) || string(out[s.Off:s.Off+len(s.Old)]) != s.Old {
			return nil, ErrStale
		}
		next := make([]byte, 0, len(out)-len(s.Old)+len(s.New))
		next = append(next, out[:s.Off]...)
		next = append(next, s.New...)
		next = append(next, out[s.Off+len(s.Old):]...)
		out = next
	}
	return out, nil
}

// Apply returns the document that results from a change.
func (d *Document) Apply(c Change) (*Document, error) {
	src, err := applySplices(d.Src, c.Splices)
	if err != nil {
		return nil, err
	}
	if nd, ok := d.reparseNode(src, c.Splices); ok {
		return nd, nil
	}
	nd, err := Parse(d.Path, src)
	if err != nil {
		return nil, fmt.Errorf("%s: the edit would break the file: %w", c.Label, err)
	}
	return nd, nil
}

// Op is an edit operation on a document: it plans the splices that carry it out
// against the document it is given.
type Op interface {
	Label() string
	Plan(d *Document) ([]Splice, error)
}

// Do carries out an operation and returns the new document and the change made.
func (d *Document) Do(op Op) (*Document, Change, error) {
	splices, err := op.Plan(d)
	if err != nil {
		return nil, Change{}, err
	}
	c := Change{Label: op.Label(), Splices: splices}
	nd, err := d.Apply(c)
	if err != nil {
		return nil, Change{}, err
	}
	return nd, c, nil
}

// History keeps changes for unlimited undo and redo.
type History struct {
	undo, redo []Change
}

// Do carries out op, records it, and clears the redo list.
func (h *History) Do(d *Document, op Op) (*Document, error) {
	nd, c, err := d.Do(op)
	if err != nil {
		return d, err
	}
	if len(c.Splices) == 0 {
		return d, nil
	}
	h.undo = append(h.undo, c)
	h.redo = h.redo[:0]
	return nd, nil
}

// Undo reverts the last change; label names it. ok is false when there is none.
func (h *History) Undo(d *Document) (nd *Document, label string, err error) {
	if len(h.undo) == 0 {
		return d, "", nil
	}
	c := h.undo[len(h.undo)-1]
	nd, err = d.Apply(c.Inverse())
	if err != nil {
		return d, c.Label, err
	}
	h.undo = h.undo[:len(h.undo)-1]
	h.redo = append(h.redo, c)
	return nd, c.Label, nil
}

// Redo carries out the last undone change again.
func (h *History) Redo(d *Document) (nd *Document, label string, err error) {
	if len(h.redo) == 0 {
		return d, "", nil
	}
	c := h.redo[len(h.redo)-1]
	nd, err = d.Apply(c)
	if err != nil {
		return d, c.Label, err
	}
	h.redo = h.redo[:len(h.redo)-1]
	h.undo = append(h.undo, c)
	return nd, c.Label, nil
}

// CanUndo and CanRedo report whether there is something to undo or redo.
func (h *History) CanUndo() bool { return len(h.undo) > 0 }

// CanRedo reports whether there is something to redo.
func (h *History) CanRedo() bool { return len(h.redo) > 0 }

// Len is the number of changes that can be undone.
func (h *History) Len() int { return len(h.undo) }

// Bytes returns the document's text.
func (d *Document) Bytes() []byte { return bytes.Clone(d.Src) }
