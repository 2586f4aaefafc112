// Runs against the real Docker engine (CI starts one with scripts/setup-docker.sh).
// Skipped only when GOSNARE_SKIP_DOCKER=1 is set explicitly.
import { dockerTestsSkipped } from './helpers/docker-gate.js';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runSandboxed, sandboxImages } from '../src/dynamic/sandbox-run.js';
import { engine } from '../src/dynamic/engine.js';
const execFileP = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const skip = dockerTestsSkipped();
let binDir = '';
before(async () => {
    if (skip)
        return;
    binDir = await mkdtemp(join(tmpdir(), 'gosnare-test-bin-'));
    await execFileP('go', ['build', '-o', join(binDir, 'netprobe'), '.'], {
        cwd: join(repoRoot, 'test/fixtures/sandbox/netprobe'),
        env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' },
    });
    // Cold image builds (debootstrap) take a minute or two; warm checks take milliseconds.
    await sandboxImages();
});
after(async () => {
    if (binDir)
        await rm(binDir, { recursive: true, force: true });
});
const b64 = (s) => Buffer.from(s).toString('base64');
const conns = (r, kind) => r.sinkEvents.filter((e) => e.kind === kind);
async function ourContainers() {
    const list = await engine().listContainers({
        all: true,
        filters: JSON.stringify({ label: [`gosnare.pid=${process.pid}`] }),
    });
    return list.map((c) => c.Id);
}
/** Captures, on every host interface, packets to the destinations the sample tries to reach. */
class HostCapture {
    proc;
    stderr = '';
    lines = 0;
    static filter = 'dst net 203.0.113.0/24 or dst host 198.51.100.9 or (udp and dst host 192.0.2.1 and dst port 9999) ' +
        'or dst net 198.18.0.0/15 or (ip6 and (dst host 2001:db8::1 or dst net fd5e:a7c4:11d0::/64))';
    async start() {
        this.proc = spawn('tcpdump', ['-i', 'any', '-n', '-l', '-p', HostCapture.filter], { stdio: ['ignore', 'pipe', 'pipe'] });
        this.proc.stdout.on('data', (d) => (this.lines += d.toString().split('\n').filter(Boolean).length));
        await new Promise((resolve, reject) => {
            const t = setTimeout(() => reject(new Error('tcpdump did not start: ' + this.stderr)), 10_000);
            this.proc.stderr.on('data', (d) => {
                this.stderr += d.toString();
                if (/listening on/.test(this.stderr)) {
                    clearTimeout(t);
                    resolve();
                }
            });
            this.proc.on('exit', () => reject(new Error('tcpdump exited: ' + this.stderr)));
        });
    }
    /** Stops the capture; returns the number of matching packets seen. */
    async stop() {
        const exited = new Promise((resolve) => this.proc.on('exit', resolve));
        this.proc.kill('SIGINT');
        await exited;
        const m = /(\d+) packets? captured/.exec(this.stderr);
        assert.ok(m, 'tcpdump summary missing: ' + this.stderr);
        return Math.max(Number(m[1]), this.lines);
    }
}
async function hasTcpdump() {
    try {
        await execFileP('tcpdump', ['--version']);
        return true;
    }
    catch {
        return false;
    }
}
test('a sample reaches only the sink: DNS, TCP, HTTP, HTTPS, UDP, IPv6 and exec are recorded, nothing leaves the host', { skip, timeout: 120_000 }, async (t) => {
    const capture = (await hasTcpdump()) ? new HostCapture() : undefined;
    if (!capture && process.env.CI)
        assert.fail('tcpdump is required in CI (scripts/setup-docker.sh installs it)');
    await capture?.start();
    const r = await runSandboxed({ hostDir: binDir, argv: ['/opt/harness/netprobe'], timeoutMs: 20_000, label: 'netprobe' });
    const leaked = await capture?.stop();
    assert.equal(r.status, 'completed', `${r.error ?? ''} ${r.stderr}`);
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    // The sample's own view: every step got an answer.
    for (const step of ['dns', 'tcp', 'http 200', 'https 200', 'udp', 'tcp6']) {
        assert.match(r.stdout, new RegExp(`^${step}.*: ok$`, 'm'), `step ${step}:\n${r.stdout}`);
    }
    assert.match(r.stdout, /uid=1000\(dev\)/);
    assert.doesNotMatch(r.stdout, /hostname .*sandbox/);
    const dns = r.sinkEvents.filter((e) => e.kind === 'dns');
    assert.ok(dns.some((e) => e.kind === 'dns' && e.name === 'c2.evil-example.test' && e.qtype === 'A'), JSON.stringify(dns));
    assert.ok(dns.some((e) => e.kind === 'dns' && e.name === 'c2.evil-example.test' && e.qtype === 'AAAA'));
    const tcp = conns(r, 'tcp');
    const hello = tcp.find((e) => e.dst.ip === '203.0.113.7' && e.dst.port === 8080);
    assert.ok(hello, JSON.stringify(tcp));
    assert.equal(hello.firstBytes, b64('HELLO'));
    const http = tcp.find((e) => e.dst.ip === '198.51.100.9' && e.dst.port === 8081);
    assert.ok(http?.http, JSON.stringify(tcp));
    assert.equal(http.http.method, 'GET');
    assert.equal(http.http.path, '/x');
    assert.equal(http.http.host, '198.51.100.9:8081');
    assert.equal(http.http.tls, false);
    // HTTPS to the name: address maps back to the name, TLS terminated with the per-run CA.
    const https = tcp.find((e) => e.dst.port === 443 && e.host === 'c2.evil-example.test');
    assert.ok(https, JSON.stringify(tcp));
    assert.equal(https.sni, 'c2.evil-example.test');
    assert.equal(https.http?.tls, true);
    assert.equal(https.http?.path, '/stage2.sh');
    const v6 = tcp.find((e) => e.dst.ip === '2001:db8::1' && e.dst.port === 443);
    assert.ok(v6, JSON.stringify(tcp));
    assert.equal(v6.firstBytes, b64('V6'));
    const udp = conns(r, 'udp').find((e) => e.dst.ip === '192.0.2.1' && e.dst.port === 9999);
    assert.ok(udp, JSON.stringify(r.sinkEvents));
    assert.equal(udp.firstBytes, b64('PING-UDP'));
    // strace saw the process chain and the connects.
    assert.match(r.straceLog, /execve\("\/opt\/harness\/netprobe"/);
    assert.match(r.straceLog, /execve\("\/bin\/sh", \["\/bin\/sh", "-c", "id; uname -a"\]/);
    assert.match(r.straceLog, /execve\("\/usr\/bin\/id", \["id"\]/);
    assert.match(r.straceLog, /connect\(\d+, \{sa_family=AF_INET, sin_port=htons\(8080\), sin_addr=inet_addr\("203\.0\.113\.7"\)/);
    assert.match(r.straceLog, /connect\(\d+, \{sa_family=AF_INET6, sin6_port=htons\(443\).*"2001:db8::1"/);
    assert.ok(r.startedAtMs > Date.now() - 120_000 && r.durationMs > 0);
    if (capture)
        assert.equal(leaked, 0, 'packets to the sample\'s destinations left through a host interface');
    else
        t.diagnostic('tcpdump not installed: host capture skipped (the netns check below still runs)');
    assert.deepEqual(await ourContainers(), []);
});
test('the sample namespace has no interface but loopback', { skip, timeout: 60_000 }, async () => {
    const r = await runSandboxed({ hostDir: binDir, argv: ['/bin/cat', '/proc/net/dev'], timeoutMs: 10_000, label: 'netdev' });
    assert.equal(r.status, 'completed', r.error ?? r.stderr);
    const ifaces = r.stdout
        .split('\n')
        .slice(2)
        .map((l) => l.split(':')[0].trim())
        .filter(Boolean);
    assert.deepEqual(ifaces, ['lo']);
});
test('the sample runs as dev with bait files, cannot write the trace, the root fs or the sink log', { skip, timeout: 60_000 }, async () => {
    const script = [
        'cat ~/.aws/credentials',
        'test -f ~/.ssh/id_rsa && echo has-ssh-key',
        'echo tamper >> /var/log/trace/t/strace.log && echo TRACE-WRITABLE',
        'mv /var/log/trace/t /var/log/trace/u && echo TRACE-MOVABLE',
        'touch /usr/bin/evil && echo ROOTFS-WRITABLE',
        'echo hi > ~/note && echo home-writable',
        'kill -9 1 && echo KILLED-STRACE',
        'true',
    ].join('; ');
    const r = await runSandboxed({ hostDir: binDir, argv: ['/bin/sh', '-c', script], timeoutMs: 10_000, label: 'perms' });
    assert.equal(r.status, 'completed', r.error ?? r.stderr);
    assert.match(r.stdout, /aws_access_key_id = AKIA/);
    assert.match(r.stdout, /has-ssh-key/);
    assert.match(r.stdout, /home-writable/);
    for (const bad of ['TRACE-WRITABLE', 'TRACE-MOVABLE', 'ROOTFS-WRITABLE', 'KILLED-STRACE']) {
        assert.doesNotMatch(r.stdout, new RegExp(bad));
    }
    // Intact: the trace starts with the sample's execve and no line was appended by the sample.
    assert.match(r.straceLog, /^\d+ +[\d:.]+ execve\("\/bin\/sh"/);
    assert.ok(!r.straceLog.split('\n').includes('tamper'));
    assert.match(r.straceLog, /openat\(AT_FDCWD, "\/home\/dev\/\.aws\/credentials"/);
});
test('a run past its deadline ends as timeout within the deadline plus teardown, leaving no container', { skip, timeout: 60_000 }, async () => {
    const started = Date.now();
    const r = await runSandboxed({ hostDir: binDir, argv: ['/bin/sleep', '1000'], timeoutMs: 1500, label: 'sleeper' });
    const wall = Date.now() - started;
    assert.equal(r.status, 'timeout');
    assert.ok(r.durationMs >= 1500 && r.durationMs < 5000, `durationMs ${r.durationMs}`);
    assert.ok(wall < 10_000, `wall ${wall}`);
    assert.match(r.straceLog, /execve\("\/bin\/sleep"/);
    assert.deepEqual(await ourContainers(), []);
    const left = (await readdir(tmpdir())).filter((n) => n.startsWith('gosnare-run-sleeper-'));
    assert.deepEqual(left, []);
});
test('output is capped and flagged; exit codes and signals map to completed/crashed', { skip, timeout: 60_000 }, async () => {
    const flood = await runSandboxed({
        hostDir: binDir,
        argv: ['/bin/sh', '-c', 'head -c 3000000 /dev/zero | tr "\\0" x; echo done >&2'],
        timeoutMs: 20_000,
        limits: { outputBytes: 10_000 },
        label: 'flood',
    });
    assert.equal(flood.status, 'completed', flood.error);
    assert.equal(flood.outputTruncated, true);
    assert.ok(flood.stdout.length + flood.stderr.length <= 10_000);
    assert.ok(flood.stdout.length > 0);
    const exit3 = await runSandboxed({ hostDir: binDir, argv: ['/bin/sh', '-c', 'exit 3'], timeoutMs: 10_000, label: 'exit3' });
    assert.equal(exit3.status, 'completed');
    assert.equal(exit3.exitCode, 3);
    assert.equal(exit3.outputTruncated, false);
    const segv = await runSandboxed({ hostDir: binDir, argv: ['/bin/sh', '-c', 'kill -SEGV $$'], timeoutMs: 10_000, label: 'segv' });
    assert.equal(segv.status, 'crashed');
    assert.ok((segv.exitCode ?? 0) >= 128);
});
test('the sink writes an event for a connection that sends nothing', { skip, timeout: 60_000 }, async () => {
    // bash's /dev/tcp opens a TCP connection; the sample closes it without writing.
    const r = await runSandboxed({
        hostDir: binDir,
        argv: ['/bin/bash', '-c', 'exec 3<>/dev/tcp/203.0.113.50/22; sleep 0.2; exec 3>&-'],
        timeoutMs: 10_000,
        label: 'silent',
    });
    assert.equal(r.status, 'completed', r.error ?? r.stderr);
    const ev = conns(r, 'tcp').find((e) => e.dst.ip === '203.0.113.50' && e.dst.port === 22);
    assert.ok(ev, JSON.stringify(r.sinkEvents));
    assert.equal(ev.firstBytes, undefined);
});
//# sourceMappingURL=sandbox-run.test.js.map