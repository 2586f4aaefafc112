package main

import (
	"fmt"
	"net"
	"net/netip"
	"strings"

	"github.com/miekg/dns"
)

// fakeDNS answers every question plausibly: A/AAAA with a unique reserved address per name (so
// connections map back to names), MX/NS/CNAME/PTR with names under the asked domain, everything
// else (TXT included: an init-time TXT poll must not get a command to run) with an empty NOERROR.
type fakeDNS struct {
	names *NameTable
	log   *EventLog
}

func (f *fakeDNS) ServeDNS(w dns.ResponseWriter, req *dns.Msg) {
	resp := new(dns.Msg)
	resp.SetReply(req)
	resp.Authoritative = true
	resp.RecursionAvailable = true
	proto := "udp"
	if _, ok := w.RemoteAddr().(*net.TCPAddr); ok {
		proto = "tcp"
	}
	for _, q := range req.Question {
		name := canonicalName(q.Name)
		rrs, answer := f.answer(q)
		resp.Answer = append(resp.Answer, rrs...)
		f.log.Write(Event{Kind: "dns", Proto: proto, Name: name, QType: dns.TypeToString[q.Qtype], Answer: answer})
	}
	_ = w.WriteMsg(resp)
}

func (f *fakeDNS) answer(q dns.Question) ([]dns.RR, string) {
	if q.Qclass != dns.ClassINET {
		return nil, ""
	}
	hdr := func(t uint16) dns.RR_Header {
		return dns.RR_Header{Name: q.Name, Rrtype: t, Class: dns.ClassINET, Ttl: 60}
	}
	name := canonicalName(q.Name)
	switch q.Qtype {
	case dns.TypeA:
		if name == "localhost" {
			return []dns.RR{&dns.A{Hdr: hdr(dns.TypeA), A: net.IPv4(127, 0, 0, 1)}}, "127.0.0.1"
		}
		a4, _ := f.names.Addrs(name)
		return []dns.RR{&dns.A{Hdr: hdr(dns.TypeA), A: net.IP(a4.AsSlice())}}, a4.String()
	case dns.TypeAAAA:
		if name == "localhost" {
			return []dns.RR{&dns.AAAA{Hdr: hdr(dns.TypeAAAA), AAAA: net.IPv6loopback}}, "::1"
		}
		_, a6 := f.names.Addrs(name)
		return []dns.RR{&dns.AAAA{Hdr: hdr(dns.TypeAAAA), AAAA: net.IP(a6.AsSlice())}}, a6.String()
	case dns.TypeMX:
		mx := "mail." + dns.Fqdn(name)
		return []dns.RR{&dns.MX{Hdr: hdr(dns.TypeMX), Preference: 10, Mx: mx}}, "10 " + mx
	case dns.TypeNS:
		ns := "ns1." + dns.Fqdn(name)
		return []dns.RR{&dns.NS{Hdr: hdr(dns.TypeNS), Ns: ns}}, ns
	case dns.TypePTR:
		if a, ok := ptrAddr(name); ok {
			if n := f.names.NameOf(a); n != "" {
				return []dns.RR{&dns.PTR{Hdr: hdr(dns.TypePTR), Ptr: dns.Fqdn(n)}}, n
			}
		}
		return nil, ""
	}
	return nil, ""
}

// ptrAddr turns "7.0.18.198.in-addr.arpa" (or the ip6.arpa form) into an address.
func ptrAddr(name string) (netip.Addr, bool) {
	if rest, ok := strings.CutSuffix(name, ".in-addr.arpa"); ok {
		p := strings.Split(rest, ".")
		if len(p) != 4 {
			return netip.Addr{}, false
		}
		a, err := netip.ParseAddr(fmt.Sprintf("%s.%s.%s.%s", p[3], p[2], p[1], p[0]))
		return a, err == nil
	}
	if rest, ok := strings.CutSuffix(name, ".ip6.arpa"); ok {
		n := strings.Split(rest, ".")
		if len(n) != 32 {
			return netip.Addr{}, false
		}
		var sb strings.Builder
		for i := 31; i >= 0; i-- {
			sb.WriteString(n[i])
			if i%4 == 0 && i != 0 {
				sb.WriteByte(':')
			}
		}
		a, err := netip.ParseAddr(sb.String())
		return a, err == nil
	}
	return netip.Addr{}, false
}

// startDNS serves on udp4/udp6/tcp4/tcp6 at port; IPv6 failures are reported, not fatal.
func startDNS(port int, h dns.Handler, log *EventLog, v6 bool) ([]*dns.Server, error) {
	var servers []*dns.Server
	nets := []string{"udp4", "tcp4"}
	if v6 {
		nets = append(nets, "udp6", "tcp6")
	}
	for _, n := range nets {
		addr := fmt.Sprintf("0.0.0.0:%d", port)
		if strings.HasSuffix(n, "6") {
			addr = fmt.Sprintf("[::]:%d", port)
		}
		started := make(chan error, 1)
		srv := &dns.Server{Addr: addr, Net: n, Handler: h, NotifyStartedFunc: func() { started <- nil }}
		go func() {
			if err := srv.ListenAndServe(); err != nil {
				select {
				case started <- err:
				default:
				}
			}
		}()
		if err := <-started; err != nil {
			if strings.HasSuffix(n, "6") {
				log.Note("dns " + n + " listener failed: " + err.Error())
				continue
			}
			return servers, fmt.Errorf("dns %s: %w", n, err)
		}
		servers = append(servers, srv)
	}
	return servers, nil
}
