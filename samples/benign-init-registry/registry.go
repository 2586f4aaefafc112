// Package codec keeps a registry of named encoders/decoders (json, xml, gob)
// selected by media type, and fetches remote documents with a shared client.
package codec

import (
	"expvar"
	"flag"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Codec encodes and decodes values for one media type.
type Codec interface {
	Name() string
	Marshal(v interface{}) ([]byte, error)
	Unmarshal(data []byte, v interface{}) error
}

var (
	mu       sync.RWMutex
	registry = map[string]Codec{}

	// mediaTypeRE validates "type/subtype" with an optional "+suffix".
	mediaTypeRE = regexp.MustCompile(`^[a-z0-9!#$&^_.-]+/[a-z0-9!#$&^_.+-]+$`)

	registered = expvar.NewInt("codec_registered")
	lookups    = expvar.NewMap("codec_lookups")

	verbose = flag.Bool("codec.verbose", false, "log codec registrations")
)

func init() {
	if os.Getenv("CODEC_VERBOSE") == "1" {
		*verbose = true
	}
	expvar.Publish("codec_names", expvar.Func(func() interface{} { return Names() }))
}

// Register makes a codec available under mediaType. It panics on an invalid
// media type or a duplicate registration, like database/sql.Register.
func Register(mediaType string, c Codec) {
	mediaType = strings.ToLower(mediaType)
	if !mediaTypeRE.MatchString(mediaType) {
		panic(fmt.Sprintf("codec: invalid media type %q", mediaType))
	}
	mu.Lock()
	defer mu.Unlock()
	if _, dup := registry[mediaType]; dup {
		panic("codec: Register called twice for " + mediaType)
	}
	registry[mediaType] = c
	registered.Add(1)
	if *verbose {
		fmt.Fprintf(os.Stderr, "codec: registered %s (%s)\n", mediaType, c.Name())
	}
}

// Lookup returns the codec for mediaType, ignoring parameters such as charset.
func Lookup(mediaType string) (Codec, bool) {
	if i := strings.IndexByte(mediaType, ';'); i >= 0 {
		mediaType = mediaType[:i]
	}
	mediaType = strings.ToLower(strings.TrimSpace(mediaType))
	mu.RLock()
	defer mu.RUnlock()
	c, ok := registry[mediaType]
	lookups.Add(mediaType, 1)
	return c, ok
}

// Names lists the registered media types in order.
func Names() []string {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]string, 0, len(registry))
	for k := range registry {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
