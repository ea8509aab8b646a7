// Package testenv holds what tests in several packages need to know about the
// environment they run in (Race, Slowdown), and the inputs they share: the
// hostile inputs, a planted secret key and flows full of terminal escapes
// (hostile.go). Only tests import it.
package testenv

import (
	"os"
	"runtime/debug"
	"time"
)

// Race reports whether the tests run with -race.
func Race() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

// Slowdown scales time limits: by 8 under the race detector, which slows
// parsing and validation several times, and by 3 more in CI, where every
// package's tests share two loaded cores. The limits guard against hangs and
// quadratic work, orders of magnitude slower, so the margin keeps them
// meaningful without making them flaky.
func Slowdown() time.Duration {
	f := time.Duration(1)
	if Race() {
		f = 8
	}
	if os.Getenv("CI") != "" {
		f *= 3
	}
	return f
}
