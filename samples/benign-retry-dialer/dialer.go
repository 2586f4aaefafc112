// Package retrydial dials TCP endpoints with bounded exponential backoff and
// an optional list of fallback addresses read from a hosts file.
package retrydial

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"net"
	"time"
)

// Backoff describes the wait between attempts.
type Backoff struct {
	Initial time.Duration // first wait, default 50ms
	Max     time.Duration // cap on a single wait, default 2s
	Factor  float64       // growth per attempt, default 2
	Jitter  float64       // fraction of random jitter, default 0.2
}

func (b Backoff) withDefaults() Backoff {
	if b.Initial <= 0 {
		b.Initial = 50 * time.Millisecond
	}
	if b.Max <= 0 {
		b.Max = 2 * time.Second
	}
	if b.Factor < 1 {
		b.Factor = 2
	}
	if b.Jitter < 0 || b.Jitter > 1 {
		b.Jitter = 0.2
	}
	return b
}

// Delay returns the wait before attempt n (n >= 1).
func (b Backoff) Delay(n int) time.Duration {
	b = b.withDefaults()
	d := float64(b.Initial)
	for i := 1; i < n; i++ {
		d *= b.Factor
		if d > float64(b.Max) {
			d = float64(b.Max)
			break
		}
	}
	d += d * b.Jitter * (rand.Float64()*2 - 1)
	return time.Duration(d)
}

// Dialer retries failed dials.
type Dialer struct {
	Attempts int           // total attempts per address, default 3
	Timeout  time.Duration // per-attempt dial timeout, default 5s
	Backoff  Backoff
	// Fallbacks are tried in order after the primary address fails.
	Fallbacks []string
}

// ErrNoAddress is returned when there is nothing to dial.
var ErrNoAddress = errors.New("retrydial: no address")

// DialContext dials addr, then each fallback, each up to Attempts times.
func (d *Dialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	addrs := append([]string{addr}, d.Fallbacks...)
	if addr == "" && len(d.Fallbacks) == 0 {
		return nil, ErrNoAddress
	}
	attempts := d.Attempts
	if attempts <= 0 {
		attempts = 3
	}
	timeout := d.Timeout
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	nd := net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	var errs []error
	for _, a := range addrs {
		if a == "" {
			continue
		}
		for n := 1; n <= attempts; n++ {
			conn, err := nd.DialContext(ctx, network, a)
			if err == nil {
				return conn, nil
			}
			errs = append(errs, fmt.Errorf("%s attempt %d: %w", a, n, err))
			if n == attempts {
				break
			}
			select {
			case <-ctx.Done():
				return nil, errors.Join(append(errs, ctx.Err())...)
			case <-time.After(d.Backoff.Delay(n)):
			}
		}
	}
	return nil, errors.Join(errs...)
}

// Retry calls fn until it succeeds or attempts are used up, sleeping with
// backoff between calls.
func Retry(attempts int, b Backoff, fn func() error) error {
	var err error
	for n := 1; n <= attempts; n++ {
		if err = fn(); err == nil {
			return nil
		}
		if n < attempts {
			time.Sleep(b.Delay(n))
		}
	}
	return err
}
