//go:build linux

package hugepages

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

func TestDisabled(t *testing.T) {
	for _, tc := range []struct {
		godebug string
		want    bool
	}{
		{"", false},
		{"disablethp=1", true},
		{"gctrace=1, disablethp=1", true},
		{"disablethp=0", false},
		{"madvdontneed=1,xdisablethp=1", false},
	} {
		if got := disabled(tc.godebug); got != tc.want {
			t.Errorf("disabled(%q) = %v, want %v", tc.godebug, got, tc.want)
		}
	}
}

// TestHeapIsMarked: memory the program allocates after start-up lies in a
// mapping the kernel may back with huge pages, and Reserve extends that. Only
// in the "madvise" mode can the test tell the package's work from the
// kernel's.
func TestHeapIsMarked(t *testing.T) {
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || !bytes.Contains(mode, []byte("[madvise]")) {
		t.Skipf("transparent huge pages are not in madvise mode here (%q)", bytes.TrimSpace(mode))
	}
	if strconv.IntSize != 64 || disabled(os.Getenv("GODEBUG")) {
		t.Skip("huge pages are off for this run")
	}
	block := make([]byte, 1<<20)
	if !eligible(t, uintptr(unsafe.Pointer(&block[0]))) {
		t.Errorf("a fresh 1 MiB allocation is not in a mapping marked for huge pages")
	}
	before := markedBytes(t)
	// Twice the start-up block cannot fit in what is left of it.
	Reserve(2 * startSize)
	if grown := markedBytes(t) - before; grown < startSize {
		t.Errorf("Reserve marked %d more bytes, want at least %d", grown, startSize)
	}
}

// mappings calls f with the start, end and THPeligible value of each mapping
// in /proc/self/smaps.
func mappings(t *testing.T, f func(start, end uintptr, eligible bool)) {
	t.Helper()
	data, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	var start, end uintptr
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "THPeligible:"); ok {
			f(start, end, strings.TrimSpace(v) == "1")
			continue
		}
		lo, hi, ok := strings.Cut(strings.Fields(line + " x")[0], "-")
		if !ok {
			continue
		}
		a, err1 := strconv.ParseUint(lo, 16, 64)
		b, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 == nil && err2 == nil {
			start, end = uintptr(a), uintptr(b)
		}
	}
}

func eligible(t *testing.T, addr uintptr) (ok bool) {
	mappings(t, func(start, end uintptr, e bool) {
		if start <= addr && addr < end {
			ok = e
		}
	})
	return ok
}

func markedBytes(t *testing.T) (n int) {
	mappings(t, func(start, end uintptr, e bool) {
		if e {
			n += int(end - start)
		}
	})
	return n
}
