package layout

import (
	"syscall"
	"testing"
	"time"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestCPU(t *testing.T) {
	for _, n := range []int{1000, 10000} {
		g := flowLike(n, 1)
		Compute(g)
		best, bestWall := time.Hour, time.Hour
		for i := 0; i < 10; i++ {
			c0, w0 := cpuTime(), time.Now()
			Compute(g)
			best = min(best, cpuTime()-c0)
			bestWall = min(bestWall, time.Since(w0))
		}
		t.Logf("n=%d min cpu/op=%v min wall/op=%v", n, best, bestWall)
	}
}
