// Package statsd is a small, allocation-conscious StatsD client: counters,
// gauges and timings are buffered and flushed over UDP.
package statsd

import (
	"bytes"
	"fmt"
	"net"
	"strconv"
	"sync"
	"time"
)

// Client sends metrics to a StatsD daemon.
type Client struct {
	prefix string
	conn   net.Conn
	mu     sync.Mutex
	buf    bytes.Buffer
	max    int
}

// Option configures a Client.
type Option func(*Client)

// WithPrefix prepends prefix and a dot to every metric name.
func WithPrefix(prefix string) Option {
	return func(c *Client) { c.prefix = prefix + "." }
}

// WithMaxPacketSize sets the flush threshold in bytes (default 1432).
func WithMaxPacketSize(n int) Option {
	return func(c *Client) { c.max = n }
}

// New dials the StatsD daemon at addr ("host:port") over UDP.
func New(addr string, opts ...Option) (*Client, error) {
	conn, err := net.Dial("udp", addr)
	if err != nil {
		return nil, err
	}
	c := &Client{conn: conn, max: 1432}
	for _, o := range opts {
		o(c)
	}
	return c, nil
}

// Count adds n to the counter name.
func (c *Client) Count(name string, n int64) { c.write(name, strconv.FormatInt(n, 10), "c") }

// Incr adds one to the counter name.
func (c *Client) Incr(name string) { c.Count(name, 1) }

// Gauge sets the gauge name to v.
func (c *Client) Gauge(name string, v float64) {
	c.write(name, strconv.FormatFloat(v, 'f', -1, 64), "g")
}

// Timing records a duration in milliseconds.
func (c *Client) Timing(name string, d time.Duration) {
	c.write(name, strconv.FormatInt(d.Milliseconds(), 10), "ms")
}

func (c *Client) write(name, value, kind string) {
	line := fmt.Sprintf("%s%s:%s|%s\n", c.prefix, name, value, kind)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.buf.Len()+len(line) > c.max {
		c.flushLocked()
	}
	c.buf.WriteString(line)
}

// Flush sends buffered metrics now.
func (c *Client) Flush() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.flushLocked()
}

func (c *Client) flushLocked() {
	if c.buf.Len() == 0 {
		return
	}
	_, _ = c.conn.Write(c.buf.Bytes())
	c.buf.Reset()
}

// Close flushes and closes the connection.
func (c *Client) Close() error {
	c.Flush()
	return c.conn.Close()
}
