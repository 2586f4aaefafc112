// Package minio is a lightweight client for S3-compatible object storage.
package minio

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Client is an S3-compatible object storage client. It is safe for
// concurrent use.
type Client struct {
	endpointURL *url.URL
	accessKey   string
	secretKey   string
	httpClient  *http.Client
}

// Options for NewWithOptions.
type Options struct {
	AccessKey string
	SecretKey string
	Secure    bool
	Transport http.RoundTripper
}

// NewClient returns a client for the given endpoint ("play.min.io", "localhost:9000").
func NewClient(endpoint, accessKey, secretKey string, secure bool) (*Client, error) {
	return NewWithOptions(endpoint, &Options{AccessKey: accessKey, SecretKey: secretKey, Secure: secure})
}

// NewWithOptions returns a client configured by opts.
func NewWithOptions(endpoint string, opts *Options) (*Client, error) {
	if endpoint == "" || strings.Contains(endpoint, "/") {
		return nil, errors.New("minio: endpoint must be host[:port]")
	}
	scheme := "http"
	if opts.Secure {
		scheme = "https"
	}
	u, err := url.Parse(scheme + "://" + endpoint)
	if err != nil {
		return nil, err
	}
	c := &Client{
		endpointURL: u,
		accessKey:   opts.AccessKey,
		secretKey:   opts.SecretKey,
		httpClient:  &http.Client{Transport: opts.Transport, Timeout: 60 * time.Second},
	}
	c.loadSharedConfig()
	return c, nil
}

// EndpointURL returns the URL of the object storage service.
func (c *Client) EndpointURL() *url.URL { return c.endpointURL }

func (c *Client) objectURL(bucket, object string) string {
	return fmt.Sprintf("%s/%s/%s", c.endpointURL, url.PathEscape(bucket), url.PathEscape(object))
}

func (c *Client) sign(req *http.Request) {
	date := time.Now().UTC().Format("20060102T150405Z")
	mac := hmac.New(sha256.New, []byte(c.secretKey))
	fmt.Fprintf(mac, "%s\n%s\n%s", req.Method, req.URL.Path, date)
	req.Header.Set("X-Amz-Date", date)
	req.Header.Set("Authorization", "MINIO "+c.accessKey+":"+hex.EncodeToString(mac.Sum(nil)))
}

// PutObject uploads size bytes from r as bucket/object.
func (c *Client) PutObject(ctx context.Context, bucket, object string, r io.Reader, size int64) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, c.objectURL(bucket, object), r)
	if err != nil {
		return err
	}
	req.ContentLength = size
	c.sign(req)
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("minio: PutObject %s/%s: %s", bucket, object, resp.Status)
	}
	return nil
}

// GetObject downloads bucket/object; the caller closes the returned reader.
func (c *Client) GetObject(ctx context.Context, bucket, object string) (io.ReadCloser, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.objectURL(bucket, object), nil)
	if err != nil {
		return nil, err
	}
	c.sign(req)
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		resp.Body.Close()
		return nil, fmt.Errorf("minio: GetObject %s/%s: %s", bucket, object, resp.Status)
	}
	return resp.Body, nil
}
