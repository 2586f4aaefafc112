package main

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"
)

const (
	firstBytesMax   = 4096
	firstDataWait   = 2 * time.Second        // how long a client may stay silent before we log it
	moreDataWait    = 250 * time.Millisecond // unknown protocol: gather what follows the first segment
	httpBodyMax     = 4096
	requestDeadline = 5 * time.Second
)

// tcpSink accepts every redirected TCP connection and records one event per connection.
type tcpSink struct {
	names *NameTable
	log   *EventLog
	ca    *certAuthority // nil: no TLS termination

	mu    sync.Mutex
	conns map[net.Conn]struct{}
	wg    sync.WaitGroup
}

func newTCPSink(names *NameTable, log *EventLog, ca *certAuthority) *tcpSink {
	return &tcpSink{names: names, log: log, ca: ca, conns: map[net.Conn]struct{}{}}
}

func (s *tcpSink) serve(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		s.mu.Lock()
		s.conns[c] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go func() {
			defer s.wg.Done()
			defer func() {
				s.mu.Lock()
				delete(s.conns, c)
				s.mu.Unlock()
				_ = c.Close()
			}()
			s.handle(c.(*net.TCPConn))
		}()
	}
}

// drain cuts every pending read short so that each live connection writes its event now.
func (s *tcpSink) drain(wait time.Duration) {
	s.mu.Lock()
	for c := range s.conns {
		_ = c.SetDeadline(time.Now())
	}
	s.mu.Unlock()
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(wait):
	}
}

func endpointOf(ap netip.AddrPort) *Endpoint {
	return &Endpoint{IP: ap.Addr().Unmap().String(), Port: int(ap.Port())}
}

func (s *tcpSink) handle(c *net.TCPConn) {
	ev := Event{Kind: "tcp", TS: nowTS()}
	if dst, err := originalDst(c); err == nil {
		ev.Dst = endpointOf(dst)
		ev.Host = s.names.NameOf(dst.Addr())
	} else {
		local := c.LocalAddr().(*net.TCPAddr).AddrPort()
		ev.Dst = endpointOf(local)
	}
	if src, ok := c.RemoteAddr().(*net.TCPAddr); ok {
		ev.Src = endpointOf(src.AddrPort())
	}
	defer func() { s.log.Write(ev) }()

	br := bufio.NewReaderSize(c, firstBytesMax)
	_ = c.SetReadDeadline(time.Now().Add(firstDataWait))
	first, err := br.Peek(1)
	if err != nil || len(first) == 0 {
		return // connected, sent nothing: the event still records the destination
	}
	switch {
	case first[0] == 0x16: // TLS handshake record
		s.handleTLS(c, br, &ev)
	case looksLikeHTTP(br):
		ev.FirstBytes = peekBuffered(br)
		s.handleHTTP(c, br, &ev, false)
	default:
		_ = c.SetReadDeadline(time.Now().Add(moreDataWait))
		got, _ := br.Peek(firstBytesMax) // returns what arrived before the deadline
		ev.FirstBytes = base64.StdEncoding.EncodeToString(got)
	}
}

func peekBuffered(br *bufio.Reader) string {
	b, _ := br.Peek(br.Buffered())
	return base64.StdEncoding.EncodeToString(b)
}

var httpMethods = []string{"GET ", "POST ", "PUT ", "HEAD ", "DELETE ", "PATCH ", "OPTIONS ", "CONNECT ", "TRACE "}

func looksLikeHTTP(br *bufio.Reader) bool {
	b, _ := br.Peek(br.Buffered())
	for _, m := range httpMethods {
		if len(b) >= len(m) && string(b[:len(m)]) == m || len(b) < len(m) && strings.HasPrefix(m, string(b)) {
			return true
		}
	}
	return false
}

// handleHTTP parses one request, records it and answers 200 with a harmless body.
func (s *tcpSink) handleHTTP(c net.Conn, br *bufio.Reader, ev *Event, overTLS bool) {
	_ = c.SetReadDeadline(time.Now().Add(requestDeadline))
	req, err := http.ReadRequest(br)
	if err != nil {
		return
	}
	headers := map[string]string{}
	for k, v := range req.Header {
		headers[k] = strings.Join(v, ", ")
	}
	body, _ := io.ReadAll(io.LimitReader(req.Body, httpBodyMax))
	path := req.RequestURI
	if req.Method == http.MethodConnect {
		path = req.Host
	}
	ev.HTTP = &HTTPRequest{
		Method: req.Method, Host: req.Host, Path: path, Headers: headers,
		BodyPrefix: base64.StdEncoding.EncodeToString(body), TLS: overTLS,
	}
	respBody := fakeBody(req.URL.Path)
	fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n",
		respBody.contentType, len(respBody.data))
	if req.Method != http.MethodHead {
		_, _ = c.Write(respBody.data)
	}
}

type fakeResponse struct {
	contentType string
	data        []byte
}

// fakeBody: a script that does nothing, so "curl | sh" stage-1 payloads proceed harmlessly.
func fakeBody(path string) fakeResponse {
	switch {
	case strings.HasSuffix(path, ".json"):
		return fakeResponse{"application/json", []byte("{}\n")}
	case strings.HasSuffix(path, ".html") || path == "/":
		return fakeResponse{"text/html", []byte("<html><body>ok</body></html>\n")}
	}
	return fakeResponse{"text/plain", []byte("#!/bin/sh\nexit 0\n")}
}

// prefixConn replays bytes already read by the bufio.Reader before reading from the socket.
type prefixConn struct {
	net.Conn
	r io.Reader
}

func (p *prefixConn) Read(b []byte) (int, error) { return p.r.Read(b) }

func (s *tcpSink) handleTLS(c net.Conn, br *bufio.Reader, ev *Event) {
	// Keep a copy of the ClientHello as the first bytes, whatever happens next.
	_ = c.SetReadDeadline(time.Now().Add(moreDataWait))
	hello, _ := br.Peek(5)
	if len(hello) == 5 {
		want := 5 + int(hello[3])<<8 | int(hello[4])
		if want > firstBytesMax {
			want = firstBytesMax
		}
		hello, _ = br.Peek(want)
	}
	ev.FirstBytes = base64.StdEncoding.EncodeToString(hello)
	if sni := sniFromClientHello(hello); sni != "" {
		ev.SNI = sni
	}
	if s.ca == nil {
		return
	}
	dstIP := ev.Dst.IP
	cfg := &tls.Config{
		GetCertificate: func(h *tls.ClientHelloInfo) (*tls.Certificate, error) {
			if h.ServerName != "" {
				ev.SNI = h.ServerName
			}
			return s.ca.leafFor(h.ServerName, dstIP)
		},
		NextProtos: []string{"http/1.1"},
	}
	_ = c.SetDeadline(time.Now().Add(requestDeadline))
	tc := tls.Server(&prefixConn{Conn: c, r: io.MultiReader(bytes.NewReader(mustRead(br, br.Buffered())), c)}, cfg)
	if err := tc.Handshake(); err != nil {
		return // client refused our certificate: SNI and ClientHello are still recorded
	}
	inner := bufio.NewReaderSize(tc, firstBytesMax)
	if _, err := inner.Peek(1); err != nil {
		return
	}
	if looksLikeHTTP(inner) {
		s.handleHTTP(tc, inner, ev, true)
	}
	_ = tc.Close()
}

func mustRead(br *bufio.Reader, n int) []byte {
	b := make([]byte, n)
	_, _ = io.ReadFull(br, b)
	return b
}

// sniFromClientHello extracts server_name from a raw TLS ClientHello record, or "".
func sniFromClientHello(b []byte) string {
	if len(b) < 5+4 || b[0] != 0x16 || b[5] != 0x01 {
		return ""
	}
	p := b[5+4:] // skip record header and handshake header
	skip := func(n int) bool {
		if len(p) < n {
			return false
		}
		p = p[n:]
		return true
	}
	vec := func(lenBytes int) bool {
		if len(p) < lenBytes {
			return false
		}
		n := 0
		for i := 0; i < lenBytes; i++ {
			n = n<<8 | int(p[i])
		}
		return skip(lenBytes + n)
	}
	if !skip(2+32) || !vec(1) || !vec(2) || !vec(1) || len(p) < 2 {
		return ""
	}
	p = p[2:]
	for len(p) >= 4 {
		typ, n := int(p[0])<<8|int(p[1]), int(p[2])<<8|int(p[3])
		p = p[4:]
		if len(p) < n {
			return ""
		}
		if typ == 0 && n >= 5 { // server_name: list len(2), type(1), name len(2), name
			l := int(p[3])<<8 | int(p[4])
			if 5+l <= n {
				return string(p[5 : 5+l])
			}
			return ""
		}
		p = p[n:]
	}
	return ""
}
