package main

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"
)

func readEvents(t *testing.T, path string) []Event {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var evs []Event
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e Event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("bad line %q: %v", sc.Text(), err)
		}
		evs = append(evs, e)
	}
	return evs
}

func newTestLog(t *testing.T) (*EventLog, string) {
	path := filepath.Join(t.TempDir(), "events.jsonl")
	l, err := openEventLog(path)
	if err != nil {
		t.Fatal(err)
	}
	return l, path
}

func TestNameTableUniqueAndReversible(t *testing.T) {
	n := newNameTable()
	a1, b1 := n.Addrs("C2.Evil-Example.test.")
	a2, _ := n.Addrs("other.example.test")
	a1again, _ := n.Addrs("c2.evil-example.test")
	if a1 == a2 || a1 != a1again {
		t.Fatalf("addresses: %v %v %v", a1, a2, a1again)
	}
	if !netip.MustParsePrefix("198.18.0.0/15").Contains(a1) || !netip.MustParsePrefix("fd5e:a7c4:11d0::/64").Contains(b1) {
		t.Fatalf("out of range: %v %v", a1, b1)
	}
	if got := n.NameOf(a1); got != "c2.evil-example.test" {
		t.Fatalf("NameOf(%v) = %q", a1, got)
	}
	if got := n.NameOf(b1); got != "c2.evil-example.test" {
		t.Fatalf("NameOf(%v) = %q", b1, got)
	}
}

func TestPtrAddr(t *testing.T) {
	a, ok := ptrAddr("7.0.18.198.in-addr.arpa")
	if !ok || a.String() != "198.18.0.7" {
		t.Fatalf("%v %v", a, ok)
	}
	rev, _ := dns.ReverseAddr("fd5e:a7c4:11d0::1")
	a, ok = ptrAddr(canonicalName(rev))
	if !ok || a.String() != "fd5e:a7c4:11d0::1" {
		t.Fatalf("%v %v", a, ok)
	}
}

func TestFakeDNSAnswersAndLogs(t *testing.T) {
	log, path := newTestLog(t)
	names := newNameTable()
	pc, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &dns.Server{PacketConn: pc, Handler: &fakeDNS{names: names, log: log}}
	go func() { _ = srv.ActivateAndServe() }()
	defer srv.Shutdown()

	c := new(dns.Client)
	ask := func(name string, qt uint16) *dns.Msg {
		m := new(dns.Msg)
		m.SetQuestion(dns.Fqdn(name), qt)
		r, _, err := c.Exchange(m, pc.LocalAddr().String())
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := ask("c2.evil-example.test", dns.TypeA)
	if len(r.Answer) != 1 || r.Rcode != dns.RcodeSuccess {
		t.Fatalf("A answer: %v", r)
	}
	a := r.Answer[0].(*dns.A).A.String()
	if !strings.HasPrefix(a, "198.1") {
		t.Fatalf("A = %s", a)
	}
	if r := ask("c2.evil-example.test", dns.TypeTXT); len(r.Answer) != 0 || r.Rcode != dns.RcodeSuccess {
		t.Fatalf("TXT must be empty NOERROR: %v", r)
	}
	if r := ask("example.test", dns.TypeMX); len(r.Answer) != 1 {
		t.Fatalf("MX: %v", r)
	}
	evs := readEvents(t, path)
	if len(evs) != 3 || evs[0].Kind != "dns" || evs[0].Name != "c2.evil-example.test" || evs[0].QType != "A" || evs[0].Answer != a || evs[1].QType != "TXT" {
		t.Fatalf("events: %+v", evs)
	}
}

// startTCPSink serves on a loopback port; without a REDIRECT there is no original destination,
// so events carry the listener's own address.
func startTCPSink(t *testing.T, ca *certAuthority) (string, *tcpSink, string) {
	log, path := newTestLog(t)
	s := newTCPSink(newNameTable(), log, ca)
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.serve(l)
	t.Cleanup(func() { l.Close() })
	return l.Addr().String(), s, path
}

func TestTCPSinkHTTP(t *testing.T) {
	addr, s, path := startTCPSink(t, nil)
	resp, err := http.Post("http://"+addr+"/upload?x=1", "text/plain", strings.NewReader("secret-data"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "#!/bin/sh\nexit 0\n" {
		t.Fatalf("%d %q", resp.StatusCode, body)
	}
	s.drain(time.Second)
	evs := readEvents(t, path)
	if len(evs) != 1 || evs[0].HTTP == nil {
		t.Fatalf("events: %+v", evs)
	}
	h := evs[0].HTTP
	if h.Method != "POST" || h.Path != "/upload?x=1" || h.Host != addr || h.TLS {
		t.Fatalf("http: %+v", h)
	}
	if b, _ := base64.StdEncoding.DecodeString(h.BodyPrefix); string(b) != "secret-data" {
		t.Fatalf("body %q", b)
	}
}

func TestTCPSinkSilentAndRaw(t *testing.T) {
	addr, s, path := startTCPSink(t, nil)
	c, err := net.Dial("tcp4", addr)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	c2, err := net.Dial("tcp4", addr)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(c2, "\x00\x01BINARY")
	time.Sleep(400 * time.Millisecond)
	c2.Close()
	s.drain(time.Second)
	evs := readEvents(t, path)
	if len(evs) != 2 {
		t.Fatalf("events: %+v", evs)
	}
	var raw, silent int
	for _, e := range evs {
		switch e.FirstBytes {
		case "":
			silent++
		case base64.StdEncoding.EncodeToString([]byte("\x00\x01BINARY")):
			raw++
		}
	}
	if raw != 1 || silent != 1 {
		t.Fatalf("events: %+v", evs)
	}
}

func TestTCPSinkTLSInterception(t *testing.T) {
	ca, err := newCertAuthority()
	if err != nil {
		t.Fatal(err)
	}
	addr, s, path := startTCPSink(t, ca)
	pool := x509.NewCertPool()
	pool.AddCert(ca.cert)
	client := &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: pool, ServerName: "c2.evil-example.test"},
	}}
	resp, err := client.Get("https://" + addr + "/stage2.sh")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	s.drain(time.Second)
	evs := readEvents(t, path)
	if len(evs) != 1 || evs[0].SNI != "c2.evil-example.test" || evs[0].HTTP == nil || !evs[0].HTTP.TLS || evs[0].HTTP.Path != "/stage2.sh" {
		t.Fatalf("events: %+v", evs)
	}
	if sni := sniFromClientHello(mustB64(t, evs[0].FirstBytes)); sni != "c2.evil-example.test" {
		t.Fatalf("sni from first bytes: %q", sni)
	}
}

func mustB64(t *testing.T, s string) []byte {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseUDP(t *testing.T) {
	// IPv4 header (20 bytes) + UDP header + "PING"
	pkt := []byte{0x45, 0, 0, 32, 0, 0, 0x40, 0, 64, 17, 0, 0, 192, 0, 2, 9, 192, 0, 2, 1,
		0xb4, 0x00, 0x27, 0x0f, 0, 12, 0, 0, 'P', 'I', 'N', 'G'}
	ev, ok := parseUDP(ethPIPv4, pkt, map[uint16]bool{})
	if !ok || ev.Dst.IP != "192.0.2.1" || ev.Dst.Port != 9999 || ev.FirstBytes != base64.StdEncoding.EncodeToString([]byte("PING")) {
		t.Fatalf("%+v %v", ev, ok)
	}
	pkt[22], pkt[23] = 0, 53 // DNS: handled by the fake DNS, not logged twice
	if _, ok := parseUDP(ethPIPv4, pkt, map[uint16]bool{}); ok {
		t.Fatal("port 53 must be skipped")
	}
}
