//go:build !linux

package hugepages

// Reserve does nothing here: only Linux is advised.
func Reserve(n int) {}
