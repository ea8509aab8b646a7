package layout

import (
	"testing"
	"time"
)

func TestPhases(t *testing.T) {
	g := flowLike(10000, 1)
	var d [7]time.Duration
	for i := range d {
		d[i] = time.Hour
	}
	for rep := 0; rep < 10; rep++ {
		t0 := time.Now()
		b := newBuilder(g)
		t1 := time.Now()
		b.breakCycles()
		b.assignLayers()
		t2 := time.Now()
		b.buildChains()
		t3 := time.Now()
		b.order()
		t4 := time.Now()
		b.placeX()
		t5 := time.Now()
		b.route()
		t6 := time.Now()
		for i, x := range []time.Duration{t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t4.Sub(t3), t5.Sub(t4), t6.Sub(t5), t6.Sub(t0)} {
			d[i] = min(d[i], x)
		}
	}
	t.Logf("new %v layer %v chains %v order %v x %v route %v total %v", d[0], d[1], d[2], d[3], d[4], d[5], d[6])
}
