package retrydial

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestDialFallsBack(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		if c, err := ln.Accept(); err == nil {
			c.Close()
		}
	}()
	dir := t.TempDir()
	hosts := filepath.Join(dir, "hosts")
	if err := os.WriteFile(hosts, []byte("# fallbacks\n"+ln.Addr().String()+"\nnot-an-address\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fb, err := LoadFallbacks(hosts)
	if err != nil || len(fb) != 1 {
		t.Fatalf("fallbacks %v %v", fb, err)
	}
	d := &Dialer{Attempts: 2, Timeout: 200 * time.Millisecond, Backoff: Backoff{Initial: time.Millisecond}, Fallbacks: fb}
	conn, err := d.DialContext(context.Background(), "tcp", "127.0.0.1:1")
	if err != nil {
		t.Fatal(err)
	}
	conn.Close()
}
