// Command sink is a tiny stand-in for the sandbox sink, used by check-samples.mjs --dynamic
// inside a network namespace whose every IPv4 address is local: it accepts TCP on a few ports
// (logging the original destination, which is the local address), answers DNS with NXDOMAIN
// (or a TXT record from $SINK_TXT) and logs the question. It never sends payload bytes.
package main

import (
	"fmt"
	"net"
	"os"
	"strings"
	"time"
)

func logf(f string, a ...interface{}) { fmt.Fprintf(os.Stdout, "SINK "+f+"\n", a...) }

func main() {
	for _, p := range []string{"80", "443", "4444", "8443"} {
		ln, err := net.Listen("tcp", "0.0.0.0:"+p)
		if err != nil {
			logf("listen %s: %v", p, err)
			continue
		}
		go func(ln net.Listener) {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				go func(c net.Conn) {
					defer c.Close()
					_ = c.SetReadDeadline(time.Now().Add(time.Second))
					b := make([]byte, 200)
					n, _ := c.Read(b)
					logf("tcp %s first=%q", c.LocalAddr(), b[:n])
				}(c)
			}
		}(ln)
	}
	pc, err := net.ListenPacket("udp", "0.0.0.0:53")
	if err != nil {
		logf("udp: %v", err)
		select {}
	}
	buf := make([]byte, 1500)
	for {
		n, addr, err := pc.ReadFrom(buf)
		if err != nil {
			return
		}
		q := buf[:n]
		if n < 12 {
			continue
		}
		i := 12
		var labels []string
		for i < n && q[i] != 0 {
			l := int(q[i])
			if i+1+l > n {
				break
			}
			labels = append(labels, string(q[i+1:i+1+l]))
			i += 1 + l
		}
		qtype := 0
		if i+3 < n {
			qtype = int(q[i+1])<<8 | int(q[i+2])
		}
		logf("dns %s type=%d", strings.Join(labels, "."), qtype)
		end := i + 5
		if end > n {
			end = n
		}
		resp := append([]byte{}, q[:end]...)
		resp[2] = 0x81 | (q[2] & 0x01)
		resp[3] = 0x83
		resp[6], resp[7], resp[8], resp[9], resp[10], resp[11] = 0, 0, 0, 0, 0, 0
		if txt := os.Getenv("SINK_TXT"); txt != "" && qtype == 16 {
			resp[3] = 0x80
			resp[7] = 1
			rr := []byte{0xc0, 0x0c, 0, 16, 0, 1, 0, 0, 0, 30, 0, byte(len(txt) + 1), byte(len(txt))}
			resp = append(append(resp, rr...), txt...)
		}
		_, _ = pc.WriteTo(resp, addr)
	}
}
