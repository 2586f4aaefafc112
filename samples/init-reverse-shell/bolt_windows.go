//go:build windows

package bolt

import (
	"errors"
	"os"
	"time"
)

// ErrTimeout is returned when a database cannot obtain an exclusive lock
// on the data file after the timeout passed to Open().
var ErrTimeout = errors.New("timeout")

// Windows builds rely on the OS share mode instead of advisory locks.
func flock(f *os.File, exclusive bool, timeout time.Duration) error { return nil }

func funlock(f *os.File) error { return nil }

func fdatasync(f *os.File) error { return f.Sync() }
