//go:build linux

package hugepages

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// startSize is how much of the heap is marked at start-up: enough for the
// program's own start and a flow of some thousands of nodes. On the fresh
// heap of start-up it costs address space only; memory is still taken when it
// is first written.
const startSize = 64 << 20

var (
	mu       sync.Mutex
	reserved int  // the largest block marked so far
	enabled  bool // huge pages are wanted and the kernel takes the advice
)

func init() {
	enabled = strconv.IntSize == 64 && !disabled(os.Getenv("GODEBUG"))
	Reserve(startSize)
}

// Reserve marks n bytes of free heap for huge pages, for a run about to build
// a large document: the block is allocated, marked and freed, so the
// allocations that follow are carved from it. A size no larger than an earlier
// one does nothing, so calling it for every input costs nothing.
func Reserve(n int) {
	mu.Lock()
	defer mu.Unlock()
	if !enabled || n <= reserved {
		return
	}
	// At start-up the block is fresh memory from the OS, which the
	// allocation neither zeroes nor touches. Later it may lie partly over
	// freed heap, and the runtime then zeroes all of it: the memory is taken
	// at once, which the document about to be built would do anyway.
	block := make([]byte, n)
	err := syscall.Madvise(block, syscall.MADV_HUGEPAGE)
	block = nil
	runtime.GC() // free the block, so the next allocations reuse it
	if err != nil {
		enabled = false // no transparent huge pages in this kernel
		return
	}
	reserved = n
}

// disabled reports whether a GODEBUG value asks for no huge pages.
func disabled(godebug string) bool {
	for kv := range strings.SplitSeq(godebug, ",") {
		if strings.TrimSpace(kv) == "disablethp=1" {
			return true
		}
	}
	return false
}
