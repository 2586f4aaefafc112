// Package healthcheck provides liveness and readiness probes for services:
// register checks, then serve them from /live and /ready.
package healthcheck

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// Check returns nil when the dependency is healthy.
type Check func(ctx context.Context) error

// Handler is an http.Handler that runs the registered checks.
type Handler struct {
	mu        sync.RWMutex
	liveness  map[string]Check
	readiness map[string]Check
	timeout   time.Duration
}

// NewHandler returns a Handler whose checks each get timeout to finish.
func NewHandler(timeout time.Duration) *Handler {
	return &Handler{liveness: map[string]Check{}, readiness: map[string]Check{}, timeout: timeout}
}

// AddLivenessCheck registers a check run by /live.
func (h *Handler) AddLivenessCheck(name string, c Check) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.liveness[name] = c
}

// AddReadinessCheck registers a check run by /ready.
func (h *Handler) AddReadinessCheck(name string, c Check) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.readiness[name] = c
}

func (h *Handler) run(ctx context.Context, checks map[string]Check) (map[string]string, bool) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	out := make(map[string]string, len(checks))
	ok := true
	for name, c := range checks {
		cctx, cancel := context.WithTimeout(ctx, h.timeout)
		err := c(cctx)
		cancel()
		if err != nil {
			out[name] = err.Error()
			ok = false
		} else {
			out[name] = "OK"
		}
	}
	return out, ok
}

// ServeHTTP serves /live and /ready.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	checks := h.liveness
	if r.URL.Path == "/ready" {
		checks = h.readiness
	}
	res, ok := h.run(r.Context(), checks)
	w.Header().Set("Content-Type", "application/json")
	if !ok {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	_ = json.NewEncoder(w).Encode(res)
}

// TCPDialCheck returns a check that dials addr over TCP.
func TCPDialCheck(addr string) Check {
	return func(ctx context.Context) error {
		var d net.Dialer
		conn, err := d.DialContext(ctx, "tcp", addr)
		if err != nil {
			return err
		}
		return conn.Close()
	}
}

// DNSResolveCheck returns a check that resolves host.
func DNSResolveCheck(host string) Check {
	return func(ctx context.Context) error {
		addrs, err := net.DefaultResolver.LookupHost(ctx, host)
		if err != nil {
			return err
		}
		if len(addrs) == 0 {
			return fmt.Errorf("no addresses for %s", host)
		}
		return nil
	}
}

// HTTPGetCheck returns a check that expects a 2xx answer from url.
func HTTPGetCheck(url string) Check {
	return func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode/100 != 2 {
			return fmt.Errorf("%s: %s", url, resp.Status)
		}
		return nil
	}
}
