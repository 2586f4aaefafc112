package tinyaes

import "unsafe"

const wordSize = int(unsafe.Sizeof(uintptr(0)))

// xorBytes sets dst[i] = a[i] ^ b[i] for the common length and returns it.
// Whole machine words are processed at a time when the slices are long enough.
func xorBytes(dst, a, b []byte) int {
	n := len(a)
	if len(b) < n {
		n = len(b)
	}
	if n == 0 {
		return 0
	}
	_ = dst[n-1]
	w := n / wordSize
	if w > 0 {
		dw := unsafe.Slice((*uintptr)(unsafe.Pointer(&dst[0])), w)
		aw := unsafe.Slice((*uintptr)(unsafe.Pointer(&a[0])), w)
		bw := unsafe.Slice((*uintptr)(unsafe.Pointer(&b[0])), w)
		for i := 0; i < w; i++ {
			dw[i] = aw[i] ^ bw[i]
		}
	}
	for i := w * wordSize; i < n; i++ {
		dst[i] = a[i] ^ b[i]
	}
	return n
}
