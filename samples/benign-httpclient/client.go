// Package weatherapi is a client for the Example Weather HTTP API.
package weatherapi

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Client talks to the weather API. Create one with NewClient.
type Client struct {
	cfg     Config
	baseURL *url.URL
	http    *http.Client
}

// NewClient returns a client for cfg. It does not contact the server.
func NewClient(cfg Config) (*Client, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	u, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil {
		return nil, fmt.Errorf("weatherapi: bad base URL: %w", err)
	}
	return &Client{cfg: cfg, baseURL: u, http: &http.Client{Timeout: 15 * time.Second}}, nil
}

// Forecast is the answer of the /forecast endpoint.
type Forecast struct {
	City  string `json:"city"`
	Units string `json:"units"`
	Days  []struct {
		Date    string  `json:"date"`
		MinC    float64 `json:"min"`
		MaxC    float64 `json:"max"`
		Summary string  `json:"summary"`
	} `json:"days"`
}

// APIError is returned for non-2xx answers.
type APIError struct {
	Status int
	Body   string
}

func (e *APIError) Error() string { return fmt.Sprintf("weatherapi: HTTP %d: %s", e.Status, e.Body) }

func (c *Client) newRequest(ctx context.Context, method, path string, q url.Values) (*http.Request, error) {
	u := *c.baseURL
	u.Path += path
	u.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, method, u.String(), nil)
	if err != nil {
		return nil, err
	}
	if c.cfg.Username != "" {
		token := base64.StdEncoding.EncodeToString([]byte(c.cfg.Username + ":" + c.cfg.Password))
		req.Header.Set("Authorization", "Basic "+token)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "weatherapi-go/1.4")
	return req, nil
}

func (c *Client) do(req *http.Request, out interface{}) error {
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return &APIError{Status: resp.StatusCode, Body: string(b)}
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// Forecast returns the forecast for city over the given number of days.
func (c *Client) Forecast(ctx context.Context, city string, days int) (*Forecast, error) {
	q := url.Values{"city": {city}, "days": {fmt.Sprint(days)}, "units": {c.cfg.Units}}
	req, err := c.newRequest(ctx, http.MethodGet, "/forecast", q)
	if err != nil {
		return nil, err
	}
	var f Forecast
	if err := c.do(req, &f); err != nil {
		return nil, err
	}
	return &f, nil
}

// Ping checks that the API answers.
func (c *Client) Ping(ctx context.Context) error {
	req, err := c.newRequest(ctx, http.MethodGet, "/ping", nil)
	if err != nil {
		return err
	}
	var v map[string]interface{}
	return c.do(req, &v)
}
