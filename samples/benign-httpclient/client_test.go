package weatherapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestForecastSendsBasicAuth(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != "ann" || p != "pw" {
			t.Errorf("basic auth = %q %q %v", u, p, ok)
		}
		_, _ = w.Write([]byte(`{"city":"Oslo","units":"metric","days":[{"date":"2025-01-01","min":-3,"max":1,"summary":"snow"}]}`))
	}))
	defer srv.Close()
	c, err := NewClient(Config{BaseURL: srv.URL, Username: "ann", Password: "pw", Units: "metric"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := c.Forecast(context.Background(), "Oslo", 1)
	if err != nil {
		t.Fatal(err)
	}
	if f.City != "Oslo" || len(f.Days) != 1 || f.Days[0].Summary != "snow" {
		t.Fatalf("unexpected forecast %+v", f)
	}
}
