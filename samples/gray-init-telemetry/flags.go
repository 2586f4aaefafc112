// Package featureflags evaluates feature flags from a local JSON document,
// with percentage roll-outs keyed by user id.
package featureflags

import (
	"encoding/json"
	"hash/fnv"
	"os"
	"sync"
)

// Flag is one feature flag.
type Flag struct {
	Enabled bool     `json:"enabled"`
	Percent int      `json:"percent"` // 0..100 of users, when Enabled
	Allow   []string `json:"allow"`   // user ids always on
}

// Set is a collection of flags, safe for concurrent use.
type Set struct {
	mu    sync.RWMutex
	flags map[string]Flag
}

// Load reads a JSON object of flags from path.
func Load(path string) (*Set, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s := &Set{}
	if err := json.Unmarshal(data, &s.flags); err != nil {
		return nil, err
	}
	return s, nil
}

// Enabled reports whether flag name is on for user.
func (s *Set) Enabled(name, user string) bool {
	s.mu.RLock()
	f, ok := s.flags[name]
	s.mu.RUnlock()
	if !ok || !f.Enabled {
		return false
	}
	for _, u := range f.Allow {
		if u == user {
			return true
		}
	}
	h := fnv.New32a()
	h.Write([]byte(name + "/" + user))
	return int(h.Sum32()%100) < f.Percent
}

// Set changes a flag at run time.
func (s *Set) Set(name string, f Flag) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.flags == nil {
		s.flags = map[string]Flag{}
	}
	s.flags[name] = f
}
