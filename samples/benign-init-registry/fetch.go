package codec

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// defaultClient is shared by Fetch; callers needing proxies use FetchWith.
var defaultClient = &http.Client{Timeout: 30 * time.Second}

var (
	userAgentOnce sync.Once
	userAgent     string
)

func agent() string {
	userAgentOnce.Do(func() {
		userAgent = fmt.Sprintf("codec-fetch/1.2 (%d codecs)", len(Names()))
	})
	return userAgent
}

// Fetch downloads url and decodes it into v with the codec matching the
// answer's Content-Type.
func Fetch(ctx context.Context, url string, v interface{}) error {
	return FetchWith(ctx, defaultClient, url, v)
}

// FetchWith is Fetch with a caller-supplied client.
func FetchWith(ctx context.Context, client *http.Client, url string, v interface{}) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("User-Agent", agent())
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("codec: GET %s: %s", url, resp.Status)
	}
	c, ok := Lookup(resp.Header.Get("Content-Type"))
	if !ok {
		return fmt.Errorf("codec: no codec for %q", resp.Header.Get("Content-Type"))
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return err
	}
	return c.Unmarshal(data, v)
}
