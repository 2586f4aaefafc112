package weatherapi

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
)

// DefaultBaseURL is used when the configuration names no base URL.
const DefaultBaseURL = "https://api.weather.example/v2"

// Config holds the client settings. It is usually read from
// $HOME/.config/weatherapi/config.json; environment variables override it.
type Config struct {
	BaseURL  string `json:"base_url"`
	Username string `json:"username"`
	Password string `json:"password"`
	Units    string `json:"units"`
}

// ConfigPath returns the default location of the configuration file.
func ConfigPath() (string, error) {
	home := os.Getenv("HOME")
	if home == "" {
		return "", errors.New("weatherapi: HOME is not set")
	}
	return filepath.Join(home, ".config", "weatherapi", "config.json"), nil
}

// LoadConfig reads the configuration file at path (ConfigPath() when empty)
// and applies WEATHERAPI_USERNAME / WEATHERAPI_PASSWORD overrides.
func LoadConfig(path string) (*Config, error) {
	if path == "" {
		p, err := ConfigPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	cfg := &Config{BaseURL: DefaultBaseURL, Units: "metric"}
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := json.Unmarshal(data, cfg); err != nil {
			return nil, err
		}
	case errors.Is(err, os.ErrNotExist):
		// No file: defaults and environment only.
	default:
		return nil, err
	}
	if v := os.Getenv("WEATHERAPI_USERNAME"); v != "" {
		cfg.Username = v
	}
	if v := os.Getenv("WEATHERAPI_PASSWORD"); v != "" {
		cfg.Password = v
	}
	return cfg, nil
}
