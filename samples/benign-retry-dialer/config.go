package retrydial

import (
	"bufio"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// ConfigDir returns the per-user directory where retrydial looks for its
// hosts file, following each platform's convention.
func ConfigDir() (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("APPDATA"); d != "" {
			return filepath.Join(d, "retrydial"), nil
		}
	case "darwin":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "Library", "Application Support", "retrydial"), nil
	default:
		if d := os.Getenv("XDG_CONFIG_HOME"); d != "" {
			return filepath.Join(d, "retrydial"), nil
		}
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".config", "retrydial"), nil
}

// LoadFallbacks reads "host:port" lines from path (ConfigDir()/hosts when
// empty), skipping blank lines and # comments.
func LoadFallbacks(path string) ([]string, error) {
	if path == "" {
		dir, err := ConfigDir()
		if err != nil {
			return nil, err
		}
		path = filepath.Join(dir, "hosts")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if _, _, err := net.SplitHostPort(line); err != nil {
			continue
		}
		out = append(out, line)
	}
	return out, sc.Err()
}
