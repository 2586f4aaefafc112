package bolt

import "sort"

// Tx represents a read-only or read/write transaction on the database.
type Tx struct {
	db       *DB
	writable bool
	pending  map[string]map[string][]byte
}

// Writable returns whether the transaction can perform write operations.
func (tx *Tx) Writable() bool { return tx.writable }

// Bucket retrieves a bucket by name. Returns nil if the bucket does not exist.
func (tx *Tx) Bucket(name []byte) *Bucket {
	if _, ok := tx.pending[string(name)]; !ok {
		return nil
	}
	return &Bucket{tx: tx, name: string(name)}
}

// CreateBucketIfNotExists creates a new bucket if it doesn't already exist.
func (tx *Tx) CreateBucketIfNotExists(name []byte) (*Bucket, error) {
	if !tx.writable {
		return nil, ErrTxNotWritable
	}
	if _, ok := tx.pending[string(name)]; !ok {
		tx.pending[string(name)] = map[string][]byte{}
	}
	return &Bucket{tx: tx, name: string(name)}, nil
}

// DeleteBucket deletes a bucket.
func (tx *Tx) DeleteBucket(name []byte) error {
	if !tx.writable {
		return ErrTxNotWritable
	}
	if _, ok := tx.pending[string(name)]; !ok {
		return ErrBucketNotFound
	}
	delete(tx.pending, string(name))
	return nil
}

// Bucket represents a collection of key/value pairs inside the database.
type Bucket struct {
	tx   *Tx
	name string
}

// Get retrieves the value for a key in the bucket, or nil if it doesn't exist.
func (b *Bucket) Get(key []byte) []byte {
	return b.tx.pending[b.name][string(key)]
}

// Put sets the value for a key in the bucket.
func (b *Bucket) Put(key, value []byte) error {
	if !b.tx.writable {
		return ErrTxNotWritable
	}
	if len(key) == 0 {
		return ErrKeyRequired
	}
	b.tx.pending[b.name][string(key)] = append([]byte(nil), value...)
	return nil
}

// Delete removes a key from the bucket.
func (b *Bucket) Delete(key []byte) error {
	if !b.tx.writable {
		return ErrTxNotWritable
	}
	delete(b.tx.pending[b.name], string(key))
	return nil
}

// ForEach executes a function for each key/value pair in a bucket, in key order.
func (b *Bucket) ForEach(fn func(k, v []byte) error) error {
	m := b.tx.pending[b.name]
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := fn([]byte(k), m[k]); err != nil {
			return err
		}
	}
	return nil
}
