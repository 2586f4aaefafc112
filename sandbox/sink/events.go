package main

import (
	"encoding/json"
	"os"
	"sync"
	"time"
)

// Endpoint is an ip:port pair as written to the event log.
type Endpoint struct {
	IP   string `json:"ip"`
	Port int    `json:"port"`
}

// HTTPRequest is what the sink records of an HTTP request (plain or inside TLS).
type HTTPRequest struct {
	Method     string            `json:"method"`
	Host       string            `json:"host"`
	Path       string            `json:"path"`
	Headers    map[string]string `json:"headers"`
	BodyPrefix string            `json:"bodyPrefix"` // base64
	TLS        bool              `json:"tls"`
}

// Event mirrors the SinkEvent union of src/dynamic/types.ts; unused fields are omitted.
type Event struct {
	TS    float64 `json:"ts"`
	Kind  string  `json:"kind"` // dns | tcp | udp | note
	Proto string  `json:"proto,omitempty"`
	// dns
	Name   string `json:"name,omitempty"`
	QType  string `json:"qtype,omitempty"`
	Answer string `json:"answer,omitempty"`
	// tcp / udp
	Dst        *Endpoint    `json:"dst,omitempty"`
	Src        *Endpoint    `json:"src,omitempty"`
	Host       string       `json:"host,omitempty"`
	FirstBytes string       `json:"firstBytes,omitempty"` // base64
	SNI        string       `json:"sni,omitempty"`
	HTTP       *HTTPRequest `json:"http,omitempty"`
	// note
	Message string `json:"message,omitempty"`
}

// EventLog appends one JSON object per line; each event is one write(2), so a reader sees whole
// lines even if the sink is killed.
type EventLog struct {
	mu sync.Mutex
	f  *os.File
}

func openEventLog(path string) (*EventLog, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	return &EventLog{f: f}, nil
}

func nowTS() float64 { return float64(time.Now().UnixNano()) / 1e9 }

func (l *EventLog) Write(e Event) {
	if e.TS == 0 {
		e.TS = nowTS()
	}
	line, err := json.Marshal(e)
	if err != nil {
		return
	}
	line = append(line, '\n')
	l.mu.Lock()
	defer l.mu.Unlock()
	_, _ = l.f.Write(line)
}

func (l *EventLog) Note(msg string) { l.Write(Event{Kind: "note", Message: msg}) }
