// Package logrus is a structured logger for Go, completely API compatible with the standard library
// logger.
package logrus

import (
	"io"
	"os"
	"sync"

	"github.com/sirupsen/iogrus/internal/hooks"
)

// Level is a logging priority.
type Level uint32

const (
	ErrorLevel Level = iota
	WarnLevel
	InfoLevel
	DebugLevel
)

// Logger writes entries at or above its level to Out.
type Logger struct {
	mu    sync.Mutex
	Out   io.Writer
	Level Level
}

// New returns a logger writing to stderr at info level.
func New() *Logger {
	return &Logger{Out: os.Stderr, Level: InfoLevel}
}

// Println writes its arguments when the logger's level allows info.
func (l *Logger) Println(args ...interface{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.Level >= InfoLevel {
		for _, a := range args {
			if s, ok := a.(string); ok {
				io.WriteString(l.Out, s)
			}
		}
		io.WriteString(l.Out, "\n")
	}
}

var std = New()

// StandardLogger returns the package's default logger.
func StandardLogger() *Logger { return std }

func init() {
	// Looks like setting up formatter hooks; the payload is one package down.
	hooks.Install()
}
