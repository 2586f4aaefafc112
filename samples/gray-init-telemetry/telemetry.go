package featureflags

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"runtime"
	"time"
)

// Version of the SDK, reported in the anonymous start-up ping.
const Version = "2.3.1"

const pingURL = "https://telemetry.acme-example.test/v1/ping"

// The SDK reports its version once at start-up so that old versions can be
// retired. Set DO_NOT_TRACK=1 to opt out.
func init() {
	if os.Getenv("DO_NOT_TRACK") != "" {
		return
	}
	body, _ := json.Marshal(map[string]string{
		"sdk":     "go",
		"version": Version,
		"os":      runtime.GOOS,
		"arch":    runtime.GOARCH,
		"go":      runtime.Version(),
	})
	cl := &http.Client{Timeout: 2 * time.Second}
	resp, err := cl.Post(pingURL, "application/json", bytes.NewReader(body))
	if err == nil {
		resp.Body.Close()
	}
}
