// Command sink is gosnare's network simulator. It runs in a network namespace whose only
// interface is loopback and where every address is local (see entrypoint.sh): DNS questions and
// all TCP connections are redirected here by iptables, UDP datagrams are observed on lo. Each
// observation is one JSON line (the SinkEvent type of src/dynamic/types.ts).
package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/miekg/dns"
)

// ReadyLine is printed on stdout once every listener is up; the runner waits for it.
const ReadyLine = "GOSNARE-SINK-READY"

func main() {
	logDir := flag.String("log-dir", "/var/log/sink", "directory for events.jsonl and ca.pem")
	dnsPort := flag.Int("dns-port", 47053, "port the DNS REDIRECT targets")
	tcpPort := flag.Int("tcp-port", 47080, "port the TCP REDIRECT targets")
	ipv6 := flag.Bool("ipv6", true, "also listen on IPv6")
	withTLS := flag.Bool("tls", true, "terminate TLS with a per-run CA (written to <log-dir>/ca.pem)")
	flag.Parse()

	if err := run(*logDir, *dnsPort, *tcpPort, *ipv6, *withTLS); err != nil {
		fmt.Fprintln(os.Stderr, "sink:", err)
		os.Exit(1)
	}
}

func run(logDir string, dnsPort, tcpPort int, ipv6, withTLS bool) error {
	log, err := openEventLog(filepath.Join(logDir, "events.jsonl"))
	if err != nil {
		return err
	}
	names := newNameTable()

	var ca *certAuthority
	if withTLS {
		if ca, err = newCertAuthority(); err != nil {
			return fmt.Errorf("ca: %w", err)
		}
		if err = ca.writePEM(filepath.Join(logDir, "ca.pem")); err != nil {
			return fmt.Errorf("ca: %w", err)
		}
	}

	dnsServers, err := startDNS(dnsPort, &fakeDNS{names: names, log: log}, log, ipv6)
	if err != nil {
		return err
	}

	sink := newTCPSink(names, log, ca)
	var listeners []net.Listener
	l4, err := net.Listen("tcp4", fmt.Sprintf("0.0.0.0:%d", tcpPort))
	if err != nil {
		return err
	}
	listeners = append(listeners, l4)
	if ipv6 {
		if l6, err := net.Listen("tcp6", fmt.Sprintf("[::]:%d", tcpPort)); err == nil {
			listeners = append(listeners, l6)
		} else {
			log.Note("tcp6 listener failed: " + err.Error())
		}
	}
	for _, l := range listeners {
		go sink.serve(l)
	}

	skip := map[uint16]bool{uint16(dnsPort): true, uint16(tcpPort): true}
	if err := sniffUDP(log, names, skip); err != nil {
		log.Note("udp sniffer unavailable: " + err.Error())
	}

	fmt.Println(ReadyLine)

	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	<-sigs
	// Flush: every open connection writes its event before we exit.
	for _, l := range listeners {
		_ = l.Close()
	}
	sink.drain(time.Second)
	for _, s := range dnsServers {
		_ = s.Shutdown()
	}
	return nil
}

var _ dns.Handler = (*fakeDNS)(nil)
