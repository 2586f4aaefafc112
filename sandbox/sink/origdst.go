package main

import (
	"encoding/binary"
	"errors"
	"net"
	"net/netip"
	"syscall"
	"unsafe"
)

// SO_ORIGINAL_DST (IPv4, level SOL_IP) and IP6T_SO_ORIGINAL_DST (IPv6, level SOL_IPV6) share the
// value 80: netfilter's conntrack answers with the destination before the REDIRECT.
const soOriginalDst = 80

// originalDst returns the pre-REDIRECT destination of an accepted TCP connection.
func originalDst(c *net.TCPConn) (netip.AddrPort, error) {
	raw, err := c.SyscallConn()
	if err != nil {
		return netip.AddrPort{}, err
	}
	local, _ := c.LocalAddr().(*net.TCPAddr)
	isV6 := local != nil && local.IP.To4() == nil
	var result netip.AddrPort
	var opErr error
	ctlErr := raw.Control(func(fd uintptr) {
		var buf [28]byte // sockaddr_in6 is the larger of the two
		size := uint32(len(buf))
		level := syscall.SOL_IP
		if isV6 {
			level = syscall.SOL_IPV6
		}
		_, _, e := syscall.Syscall6(syscall.SYS_GETSOCKOPT, fd, uintptr(level), soOriginalDst,
			uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&size)), 0)
		if e != 0 {
			opErr = e
			return
		}
		port := binary.BigEndian.Uint16(buf[2:4])
		if isV6 {
			var a [16]byte
			copy(a[:], buf[8:24])
			result = netip.AddrPortFrom(netip.AddrFrom16(a), port)
		} else {
			var a [4]byte
			copy(a[:], buf[4:8])
			result = netip.AddrPortFrom(netip.AddrFrom4(a), port)
		}
	})
	if ctlErr != nil {
		return netip.AddrPort{}, ctlErr
	}
	if opErr != nil {
		return netip.AddrPort{}, opErr
	}
	if !result.IsValid() {
		return netip.AddrPort{}, errors.New("no original destination")
	}
	return result, nil
}
