// Package hugepages backs the first part of the Go heap with transparent huge
// pages, so a short run that builds a large document does not pay for a page
// fault every 4 KiB.
//
// On Linux in the common "madvise" mode, only memory marked MADV_HUGEPAGE gets
// huge pages, and the Go runtime marks none of its heap. Each 4 KiB fault costs
// microseconds (about 11 µs on a virtual machine), and `flowsmith validate` on
// a 10,000-node flow touches some 20 MB: most of its run time. Importing this
// package for its side effect grows the heap once, at start-up, by a block that
// is marked for huge pages and then freed; the runtime hands that memory out
// again for later allocations, now at one fault per 2 MiB.
//
// GODEBUG=disablethp=1, the runtime's own switch against huge pages, turns
// this off too. Elsewhere than 64-bit Linux the package does nothing.
package hugepages
