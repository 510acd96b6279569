//go:build !linux

package syntax

func allocWords(n int) []uint32 { return make([]uint32, n) }
