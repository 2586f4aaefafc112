package main

import (
	"encoding/base64"
	"encoding/binary"
	"net"
	"net/netip"
	"syscall"
)

// UDP is not redirected: every address is local in the namespace, so a datagram to a port no one
// listens on is dropped by the kernel (ICMP port unreachable, still on loopback). A packet socket
// on lo sees each outgoing datagram with its real destination, which a REDIRECT would hide.
// Needs CAP_NET_RAW in the sink container only.

const (
	ethPAll        = 0x0003
	ethPIPv4       = 0x0800
	ethPIPv6       = 0x86DD
	packetOutgoing = 4
	udpPayloadMax  = 4096
)

func htons(v uint16) uint16 { return v<<8 | v>>8 }

// sniffUDP records outgoing UDP datagrams on lo, except DNS and the sink's own ports.
func sniffUDP(log *EventLog, names *NameTable, skipPorts map[uint16]bool) error {
	fd, err := syscall.Socket(syscall.AF_PACKET, syscall.SOCK_DGRAM, int(htons(ethPAll)))
	if err != nil {
		return err
	}
	lo, err := loIndex()
	if err != nil {
		return err
	}
	if err := syscall.Bind(fd, &syscall.SockaddrLinklayer{Protocol: htons(ethPAll), Ifindex: lo}); err != nil {
		return err
	}
	go func() {
		buf := make([]byte, 65536)
		for {
			n, from, err := syscall.Recvfrom(fd, buf, 0)
			if err != nil {
				if err == syscall.EINTR {
					continue
				}
				log.Note("udp sniffer stopped: " + err.Error())
				return
			}
			ll, ok := from.(*syscall.SockaddrLinklayer)
			if !ok || ll.Pkttype != packetOutgoing {
				continue // lo shows each packet twice: keep the outgoing copy
			}
			if ev, ok := parseUDP(htons(ll.Protocol), buf[:n], skipPorts); ok {
				if a, err := netip.ParseAddr(ev.Dst.IP); err == nil {
					ev.Host = names.NameOf(a)
				}
				log.Write(ev)
			}
		}
	}()
	return nil
}

func loIndex() (int, error) {
	lo, err := net.InterfaceByName("lo")
	if err != nil {
		return 0, err
	}
	return lo.Index, nil
}

// parseUDP decodes an IPv4/IPv6 packet carrying UDP into an event.
func parseUDP(ethProto uint16, p []byte, skipPorts map[uint16]bool) (Event, bool) {
	var src, dst netip.Addr
	var l4 []byte
	switch ethProto {
	case ethPIPv4:
		if len(p) < 20 || p[9] != syscall.IPPROTO_UDP {
			return Event{}, false
		}
		ihl := int(p[0]&0x0f) * 4
		if len(p) < ihl+8 || binary.BigEndian.Uint16(p[6:8])&0x1fff != 0 {
			return Event{}, false // not a first fragment
		}
		src = netip.AddrFrom4([4]byte(p[12:16]))
		dst = netip.AddrFrom4([4]byte(p[16:20]))
		l4 = p[ihl:]
	case ethPIPv6:
		if len(p) < 48 || p[6] != syscall.IPPROTO_UDP {
			return Event{}, false
		}
		src = netip.AddrFrom16([16]byte(p[8:24]))
		dst = netip.AddrFrom16([16]byte(p[24:40]))
		l4 = p[40:]
	default:
		return Event{}, false
	}
	sport, dport := binary.BigEndian.Uint16(l4[0:2]), binary.BigEndian.Uint16(l4[2:4])
	if sport == 53 || dport == 53 || skipPorts[sport] || skipPorts[dport] {
		return Event{}, false
	}
	payload := l4[8:]
	if len(payload) > udpPayloadMax {
		payload = payload[:udpPayloadMax]
	}
	return Event{
		Kind: "udp", TS: nowTS(),
		Dst:        &Endpoint{IP: dst.String(), Port: int(dport)},
		Src:        &Endpoint{IP: src.String(), Port: int(sport)},
		FirstBytes: base64.StdEncoding.EncodeToString(payload),
	}, true
}
