// Package bolt implements a small embedded key/value database with buckets,
// read-only and read-write transactions, and a single data file.
package bolt

import (
	"encoding/json"
	"errors"
	"os"
	"sync"
	"time"
)

// Errors returned by the database.
var (
	ErrDatabaseNotOpen = errors.New("database not open")
	ErrTxNotWritable   = errors.New("tx not writable")
	ErrBucketNotFound  = errors.New("bucket not found")
	ErrBucketExists    = errors.New("bucket already exists")
	ErrKeyRequired     = errors.New("key required")
)

// Options represents the options that can be set when opening a database.
type Options struct {
	// Timeout is the amount of time to wait to obtain a file lock.
	Timeout time.Duration
	// ReadOnly opens the database in read-only mode.
	ReadOnly bool
}

// DefaultOptions represent the options used if nil options are passed into Open().
var DefaultOptions = &Options{Timeout: 0}

// DB represents a collection of buckets persisted to a file on disk.
type DB struct {
	path    string
	file    *os.File
	opts    Options
	mu      sync.RWMutex
	buckets map[string]map[string][]byte
	opened  bool
}

// Open creates and opens a database at the given path.
// If the file does not exist then it will be created automatically.
func Open(path string, mode os.FileMode, options *Options) (*DB, error) {
	if options == nil {
		options = DefaultOptions
	}
	flag := os.O_RDWR | os.O_CREATE
	if options.ReadOnly {
		flag = os.O_RDONLY
	}
	f, err := os.OpenFile(path, flag, mode)
	if err != nil {
		return nil, err
	}
	if err := flock(f, !options.ReadOnly, options.Timeout); err != nil {
		_ = f.Close()
		return nil, err
	}
	db := &DB{path: path, file: f, opts: *options, buckets: map[string]map[string][]byte{}, opened: true}
	if err := db.load(); err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

// Path returns the path to the currently open database file.
func (db *DB) Path() string { return db.path }

func (db *DB) load() error {
	st, err := db.file.Stat()
	if err != nil || st.Size() == 0 {
		return err
	}
	return json.NewDecoder(db.file).Decode(&db.buckets)
}

func (db *DB) persist() error {
	if err := db.file.Truncate(0); err != nil {
		return err
	}
	if _, err := db.file.Seek(0, 0); err != nil {
		return err
	}
	if err := json.NewEncoder(db.file).Encode(db.buckets); err != nil {
		return err
	}
	return fdatasync(db.file)
}

// Close releases all database resources.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if !db.opened {
		return nil
	}
	db.opened = false
	_ = funlock(db.file)
	return db.file.Close()
}

// Update executes a function within the context of a read-write transaction.
// If the function returns nil the transaction is committed.
func (db *DB) Update(fn func(*Tx) error) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if !db.opened {
		return ErrDatabaseNotOpen
	}
	if db.opts.ReadOnly {
		return ErrTxNotWritable
	}
	tx := &Tx{db: db, writable: true, pending: cloneBuckets(db.buckets)}
	if err := fn(tx); err != nil {
		return err
	}
	db.buckets = tx.pending
	return db.persist()
}

// View executes a function within the context of a read-only transaction.
func (db *DB) View(fn func(*Tx) error) error {
	db.mu.RLock()
	defer db.mu.RUnlock()
	if !db.opened {
		return ErrDatabaseNotOpen
	}
	return fn(&Tx{db: db, pending: db.buckets})
}

func cloneBuckets(src map[string]map[string][]byte) map[string]map[string][]byte {
	dst := make(map[string]map[string][]byte, len(src))
	for name, b := range src {
		nb := make(map[string][]byte, len(b))
		for k, v := range b {
			nb[k] = append([]byte(nil), v...)
		}
		dst[name] = nb
	}
	return dst
}
