package main

import (
	"net/netip"
	"strings"
	"sync"
)

// NameTable hands out one unique address per DNS name, from reserved ranges that are never real
// destinations (198.18.0.0/15 benchmarking space, a private ULA /64), so that a later connection
// to that address maps back to the name the sample looked up.
type NameTable struct {
	mu     sync.Mutex
	v4     map[string]netip.Addr
	v6     map[string]netip.Addr
	byAddr map[netip.Addr]string
	next   uint32
}

var (
	v4Base = netip.MustParseAddr("198.18.0.0")
	v6Base = netip.MustParseAddr("fd5e:a7c4:11d0::")
)

const v4Size = 1 << 17 // 198.18.0.0/15

func newNameTable() *NameTable {
	return &NameTable{v4: map[string]netip.Addr{}, v6: map[string]netip.Addr{}, byAddr: map[netip.Addr]string{}}
}

func canonicalName(name string) string { return strings.TrimSuffix(strings.ToLower(name), ".") }

// Addrs returns the IPv4 and IPv6 address assigned to name, assigning them on first use.
func (t *NameTable) Addrs(name string) (netip.Addr, netip.Addr) {
	name = canonicalName(name)
	t.mu.Lock()
	defer t.mu.Unlock()
	if a, ok := t.v4[name]; ok {
		return a, t.v6[name]
	}
	t.next++
	n := 1 + (t.next-1)%(v4Size-2) // skip the network address
	b4 := v4Base.As4()
	val := uint32(b4[0])<<24 | uint32(b4[1])<<16 | uint32(b4[2])<<8 | uint32(b4[3])
	val += n
	a4 := netip.AddrFrom4([4]byte{byte(val >> 24), byte(val >> 16), byte(val >> 8), byte(val)})
	b16 := v6Base.As16()
	b16[12], b16[13], b16[14], b16[15] = byte(n>>24), byte(n>>16), byte(n>>8), byte(n)
	a6 := netip.AddrFrom16(b16)
	t.v4[name], t.v6[name] = a4, a6
	t.byAddr[a4], t.byAddr[a6] = name, name
	return a4, a6
}

// NameOf returns the name an address was handed out for, or "".
func (t *NameTable) NameOf(a netip.Addr) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.byAddr[a.Unmap()]
}
