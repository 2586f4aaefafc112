// Package selfupdate lets a command-line program check a release feed for a
// newer version of itself and replace its own binary atomically.
package selfupdate

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Release describes one published version in the feed.
type Release struct {
	Version string `json:"version"`
	URL     string `json:"url"`
	SHA256  string `json:"sha256"`
}

// Updater checks FeedURL for releases newer than Current.
type Updater struct {
	Current string
	FeedURL string
	Client  *http.Client
}

// ErrNoUpdate is returned by Check when the current version is the newest.
var ErrNoUpdate = errors.New("selfupdate: already up to date")

// Check fetches the feed and returns the newest release if it is newer than
// the running version.
func (u *Updater) Check() (*Release, error) {
	cl := u.Client
	if cl == nil {
		cl = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := cl.Get(u.FeedURL)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var rels []Release
	if err := json.NewDecoder(resp.Body).Decode(&rels); err != nil {
		return nil, fmt.Errorf("selfupdate: bad feed: %w", err)
	}
	var best *Release
	for i := range rels {
		if compareVersions(rels[i].Version, u.Current) > 0 && (best == nil || compareVersions(rels[i].Version, best.Version) > 0) {
			best = &rels[i]
		}
	}
	if best == nil {
		return nil, ErrNoUpdate
	}
	return best, nil
}

// Apply replaces the executable at path with the contents of r, keeping the
// old binary as path+".old" until the rename succeeds.
func Apply(path string, r io.Reader) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".selfupdate-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, r); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o755); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(path, path+".old"); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		_ = os.Rename(path+".old", path)
		return err
	}
	return os.Remove(path + ".old")
}

// compareVersions compares dotted versions like "v1.2.10" numerically.
func compareVersions(a, b string) int {
	as := strings.Split(strings.TrimPrefix(a, "v"), ".")
	bs := strings.Split(strings.TrimPrefix(b, "v"), ".")
	for i := 0; i < len(as) || i < len(bs); i++ {
		var x, y int
		if i < len(as) {
			x, _ = strconv.Atoi(as[i])
		}
		if i < len(bs) {
			y, _ = strconv.Atoi(bs[i])
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}
