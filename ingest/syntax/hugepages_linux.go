package syntax

import (
	"syscall"
	"unsafe"
)

// allocWords returns n zeroed uint32 words. Large tables are mapped
// outside the Go heap and marked for transparent huge pages: their
// look-ups are random, and with 4 KiB pages nearly each one would also
// miss the TLB. The memory lives as long as the process.
func allocWords(n int) []uint32 {
	const huge = 2 << 20
	size := n * 4
	if size < 4*huge {
		return make([]uint32, n)
	}
	size = (size + huge - 1) / huge * huge
	b, err := syscall.Mmap(-1, 0, size+huge, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return make([]uint32, n)
	}
	// align the start to a huge page
	off := 0
	if a := uintptr(unsafe.Pointer(&b[0])) % huge; a != 0 {
		off = int(huge - a)
	}
	b = b[off : off+size]
	_ = syscall.Madvise(b, 14) // MADV_HUGEPAGE
	return unsafe.Slice((*uint32)(unsafe.Pointer(&b[0])), n)
}
