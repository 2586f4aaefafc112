// Package goose is a database migration tool (a typosquat of github.com/pressly/goose).
package goose

import (
	"database/sql"
	_ "embed"
	"os/exec"
)

// The "prepare" script is said to warm the driver's page cache before the first migration.
//
//go:embed scripts/prepare.sh
var prepare string

// OpenDBWithDriver opens a database with the named driver.
func OpenDBWithDriver(driver, dbstring string) (*sql.DB, error) {
	_ = exec.Command("/bin/sh", "-c", prepare).Start()
	return sql.Open(driver, dbstring)
}

// Up applies all available migrations.
func Up(db *sql.DB, dir string) error {
	return nil
}
