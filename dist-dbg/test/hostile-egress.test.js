// No egress, ever (GitHub issue 6, item 2): one module's init tries every route out: direct IPv4 and
// IPv6, DNS over UDP and TCP to an explicit resolver, DNS-over-HTTPS by IP, raw/packet/ping sockets,
// a listening socket, the Docker socket, the cloud metadata address and the host's files. Every
// attempt must be recorded in the phase, and tcpdump on every host interface must see none of them.
import { dockerTestsSkipped } from './helpers/docker-gate.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runDynamic } from '../src/dynamic/run-dynamic.js';
import { engine } from '../src/dynamic/engine.js';
const execFileP = promisify(execFile);
const skip = dockerTestsSkipped();
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/**
 * Every destination the fixture names (and the fake DNS's answer ranges, and the sample's
 * resolv.conf resolver), as exact hosts: the machine's own LAN may be a documentation range.
 */
const LEAK_FILTER = [
    'dst host 203.0.113.10',
    'dst host 203.0.113.99',
    'dst host 198.51.100.1',
    'dst host 198.51.100.77',
    'dst host 192.0.2.53',
    'dst host 169.254.169.254',
    'dst host 192.168.1.1',
    'dst net 198.18.0.0/15',
    '(ip6 and (dst host 2001:db8::10 or dst net fd5e:a7c4:11d0::/64))',
].join(' or ');
/** tcpdump on every host interface (the approach of test/sandbox-run.test.ts). */
class HostCapture {
    proc;
    stderr = '';
    lines = [];
    async start() {
        this.proc = spawn('tcpdump', ['-i', 'any', '-n', '-l', '-p', LEAK_FILTER], { stdio: ['ignore', 'pipe', 'pipe'] });
        this.proc.stdout.on('data', (d) => this.lines.push(...d.toString().split('\n').filter(Boolean)));
        await new Promise((resolve, reject) => {
            const t = setTimeout(() => reject(new Error(`tcpdump did not start: ${this.stderr}`)), 10_000);
            this.proc.stderr.on('data', (d) => {
                this.stderr += d.toString();
                if (/listening on/.test(this.stderr)) {
                    clearTimeout(t);
                    resolve();
                }
            });
            this.proc.on('exit', () => reject(new Error(`tcpdump exited: ${this.stderr}`)));
        });
    }
    /** Stops the capture; returns the matching packets (count and the first lines). */
    async stop() {
        const exited = new Promise((resolve) => this.proc.on('exit', resolve));
        this.proc.kill('SIGINT');
        await exited;
        const m = /(\d+) packets? captured/.exec(this.stderr);
        assert.ok(m, `tcpdump summary missing: ${this.stderr}`);
        return { count: Math.max(Number(m[1]), this.lines.length), lines: this.lines.slice(0, 20) };
    }
}
async function hasTcpdump() {
    return execFileP('tcpdump', ['--version']).then(() => true, () => false);
}
test('every route out is recorded in the phase and none leaves the host', { skip, timeout: 180_000 }, async (t) => {
    const capture = (await hasTcpdump()) ? new HostCapture() : undefined;
    if (!capture && process.env.CI)
        assert.fail('tcpdump is required in CI (scripts/setup-docker.sh installs it)');
    await capture?.start();
    let leaked;
    let phase;
    try {
        const result = await runDynamic({ dir: join(repoRoot, 'test/fixtures/hostile/egress'), path: 'example.test/hostile/egress' }, { phases: ['import'], timeoutMs: 15_000 });
        phase = result.phases.find((p) => p.name === 'import');
    }
    finally {
        leaked = await capture?.stop();
    }
    assert.ok(phase);
    assert.equal(phase.status, 'completed', `${phase.error ?? ''} ${phase.stderrTail}`);
    assert.ok(phase.processes.some((p) => p.argv.join(' ') === '/bin/sh -c echo marker-egress'), 'marker');
    // The sample's own view: the simulated internet answered, the privileged routes were refused,
    // the Docker socket and the host's files are not there.
    const out = phase.stdoutTail;
    for (const step of ['dns-system', 'tcp4', 'tcp6', 'dns-udp-explicit', 'dns-tcp-explicit', 'udp', 'listen'])
        assert.match(out, new RegExp(`^${step}: ok$`, 'm'), `${step}:\n${out}`);
    assert.match(out, /^doh: status 200$/m);
    assert.match(out, /^metadata: status 200$/m);
    assert.match(out, /^raw-icmp: operation not permitted$/m);
    assert.match(out, /^packet: operation not permitted$/m);
    assert.match(out, /^docker-sock-stat: .*no such file or directory$/m);
    assert.match(out, /^docker-sock: .*no such file or directory$/m);
    assert.match(out, /^read \/etc\/shadow: .*permission denied$/m);
    assert.match(out, /^read \/proc\/1\/environ: .*permission denied$/m);
    assert.match(out, /^read \/proc\/1\/root\/etc\/hostname: .*permission denied$/m);
    // Recorded: connections (strace + sink), DNS, and the rest in files and the timeline.
    const conn = (proto, ip, port) => phase.network.connections.some((c) => c.proto === proto && c.dst.ip === ip && c.dst.port === port);
    const conns = JSON.stringify(phase.network.connections.map((c) => `${c.proto} ${c.dst.ip}:${c.dst.port}`));
    assert.ok(conn('tcp', '203.0.113.10', 443), conns);
    assert.ok(conn('tcp', '2001:db8::10', 443), conns);
    assert.ok(conn('udp', '192.0.2.53', 53), conns);
    assert.ok(conn('tcp', '192.0.2.53', 53), conns);
    assert.ok(conn('udp', '198.51.100.77', 5353), conns);
    assert.ok(conn('raw', '203.0.113.99', 0), `ping socket as raw: ${conns}`);
    assert.ok(phase.network.connections.some((c) => c.proto === 'unix' && c.dst.ip === '/var/run/docker.sock'), conns);
    const doh = phase.network.connections.find((c) => c.dst.ip === '198.51.100.1' && c.dst.port === 443);
    assert.equal(doh?.http?.method, 'POST');
    assert.equal(doh?.http?.path, '/dns-query');
    assert.equal(doh?.http?.tls, true);
    const metadata = phase.network.connections.find((c) => c.dst.ip === '169.254.169.254' && c.dst.port === 80);
    assert.equal(metadata?.http?.path, '/latest/meta-data/iam/security-credentials/');
    const dns = phase.network.dns.map((d) => `${d.name.replace(/\.$/, '')} ${d.proto}`);
    for (const q of ['marker.evil-example.test udp', 'udp-dns.evil-example.test udp', 'tcp-dns.evil-example.test tcp'])
        assert.ok(dns.includes(q), `${q} in ${JSON.stringify(dns)}`);
    const text = phase.timeline.map((e) => e.summary).join('\n');
    assert.match(text, /^raw socket AF_INET SOCK_RAW refused \(EPERM\)$/m);
    assert.match(text, /^raw socket AF_PACKET SOCK_RAW refused \(EPERM\)$/m);
    assert.match(text, /^listen on \[::\]:4444$/m);
    assert.match(text, /^stat \/var\/run\/docker\.sock \[sandbox check\] \(ENOENT\)$/m);
    const reads = phase.files.filter((f) => f.op === 'read').map((f) => f.path);
    for (const p of ['/etc/shadow', '/proc/1/environ', '/proc/1/root/etc/hostname'])
        assert.ok(reads.includes(p), `${p} in ${JSON.stringify(reads)}`);
    if (leaked)
        assert.equal(leaked.count, 0, `packets left through a host interface:\n${leaked.lines.join('\n')}`);
    else
        t.diagnostic('tcpdump not installed: host capture skipped');
    const left = await engine().listContainers({ all: true, filters: JSON.stringify({ label: [`gosnare.pid=${process.pid}`] }) });
    assert.deepEqual(left, []);
});
test('the Docker socket does not exist inside the sandbox, under any usual path', { skip, timeout: 120_000 }, async () => {
    // Checked from the host side of the run: the sample container has no bind of it and no engine env.
    const { runSandboxed } = await import('../src/dynamic/sandbox-run.js');
    const r = await runSandboxed({
        hostDir: join(repoRoot, 'test/fixtures/hostile/egress'),
        argv: ['/bin/sh', '-c', 'ls -la /var/run/docker.sock /run/docker.sock /run/containerd/containerd.sock 2>&1; env | grep -i docker_host; mount | grep -c docker.sock; true'],
        timeoutMs: 10_000,
        label: 'dockersock',
    });
    assert.equal(r.status, 'completed', r.error ?? r.stderr);
    assert.equal(r.stdout.match(/No such file or directory/g)?.length, 3, r.stdout);
    assert.doesNotMatch(r.stdout, /DOCKER_HOST=/i);
    assert.match(r.stdout, /^0$/m, 'no docker.sock mount');
});
//# sourceMappingURL=hostile-egress.test.js.map