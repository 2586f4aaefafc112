import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, parseValue, splitTopLevel } from '../src/dynamic/strace/values.js';
import { decodeSockAddr } from '../src/dynamic/strace/sockaddr.js';
import { parseLines } from '../src/dynamic/strace/lines.js';
test('strings: C escapes, octal, hex, truncation marker', () => {
    const v = parseValue('"quote\\"d\\n\\t\\\\\\0\\1\\377\\x41"');
    assert.equal(v.kind, 'string');
    if (v.kind !== 'string')
        return;
    assert.deepEqual([...v.bytes], [...Buffer.from('quote"d\n\t\\'), 0, 1, 0xff, 0x41]);
    assert.equal(v.truncated, false);
    const t = parseValue('"AAAA"...');
    assert.equal(t.kind === 'string' && t.truncated, true);
});
test('arrays with elision, structs with positional calls, in/out structs', () => {
    const arr = parseValue('["a", "b", ...]');
    assert.equal(arr.kind, 'array');
    if (arr.kind === 'array') {
        assert.equal(arr.items.length, 2);
        assert.equal(arr.elided, true);
    }
    const s = parseValue('{flags=CLONE_VM|CLONE_VFORK, exit_signal=SIGCHLD} => {parent_tid=[9197]}');
    assert.equal(s.kind, 'struct');
    if (s.kind === 'struct') {
        assert.deepEqual(s.fields.flags, { kind: 'flags', names: ['CLONE_VM', 'CLONE_VFORK'] });
        assert.equal(s.after?.kind, 'struct');
    }
});
test('top-level split keeps commas inside strings and brackets', () => {
    assert.deepEqual(splitTopLevel('3, "a,b", {x=1, y=[1, 2]}, f(1, 2)'), ['3', ' "a,b"', ' {x=1, y=[1, 2]}', ' f(1, 2)']);
});
test('arguments: named, comments skipped, numbers (octal mode), unparseable kept raw', () => {
    const args = parseArgs('child_stack=NULL, flags=CLONE_VM|SIGCHLD, 0x5600 /* 12 vars */, 0644, %%weird%%');
    assert.equal(args[0].name, 'child_stack');
    assert.deepEqual(args[1].value, { kind: 'flags', names: ['CLONE_VM', 'SIGCHLD'] });
    assert.equal(args[2].value.kind, 'number');
    assert.deepEqual(args[3].value, { kind: 'number', value: 0o644, text: '0644' });
    assert.deepEqual(args[4].value, { kind: 'raw', text: '%%weird%%' });
});
test('sockaddr forms: inet, inet6 with inet_pton, v4-mapped, unix, abstract unix', () => {
    assert.deepEqual(decodeSockAddr(parseValue('{sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("203.0.113.7")}')), {
        family: 'ipv4',
        ip: '203.0.113.7',
        port: 8080,
    });
    assert.deepEqual(decodeSockAddr(parseValue('{sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:db8::1", &sin6_addr), sin6_scope_id=0}')), { family: 'ipv6', ip: '2001:db8::1', port: 443 });
    assert.deepEqual(decodeSockAddr(parseValue('{sa_family=AF_INET6, sin6_port=htons(53), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::ffff:203.0.113.8", &sin6_addr), sin6_scope_id=0}')), { family: 'ipv4', ip: '203.0.113.8', port: 53 });
    assert.deepEqual(decodeSockAddr(parseValue('{sa_family=AF_UNIX, sun_path="/var/run/docker.sock"}')), { family: 'unix', path: '/var/run/docker.sock' });
    assert.deepEqual(decodeSockAddr(parseValue('{sa_family=AF_UNIX, sun_path=@"/tmp/.X11-unix/X0"}')), { family: 'unix', path: '@/tmp/.X11-unix/X0' });
    assert.deepEqual(decodeSockAddr(parseValue('{sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}')), { family: 'other', raw: 'AF_NETLINK' });
});
test('lines: prefixes, results with errno, unfinished/resumed pairing, signals, exits', () => {
    const log = [
        '10  02:00:00.000001 connect(4, {sa_family=AF_INET, sin_port=htons(1), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 ECONNREFUSED (Connection refused)',
        '[pid    11] 02:00:00.000002 clone(child_stack=NULL, flags=CLONE_VM|CLONE_VFORK|SIGCHLD <unfinished ...>',
        '12  02:00:00.000003 execve("/bin/sh", ["sh"], [] <unfinished ...>',
        '11  02:00:00.000004 <... clone resumed>) = 12',
        '12  02:00:00.000005 <... execve resumed>) = 0',
        '10  02:00:00.000006 --- SIGURG {si_signo=SIGURG, si_code=SI_TKILL, si_pid=10, si_uid=0} ---',
        '12  02:00:00.000007 +++ killed by SIGSEGV (core dumped) +++',
        '13  02:00:00.000008 <... read resumed>) = 0',
        '10  02:00:00.000009 listen(3, 4096) = 0 <0.000012>',
    ].join('\n');
    const r = parseLines(log);
    assert.equal(r.timeFormat, 'clock');
    assert.equal(r.lineCount, 9);
    const kinds = r.records.map((x) => (x.type === 'syscall' ? `${x.tid}:${x.name}=${x.retText}${x.errno ? ' ' + x.errno : ''}` : `${x.tid}:${x.type}`));
    assert.deepEqual(kinds, ['10:connect=-1 ECONNREFUSED', '11:clone=12', '12:execve=0', '10:signal', '12:exit', '10:listen=0']);
    const exit = r.records.find((x) => x.type === 'exit');
    assert.deepEqual(exit && exit.type === 'exit' ? [exit.signal, exit.coreDumped] : [], ['SIGSEGV', true]);
    // The orphan resume is reported, not dropped.
    assert.equal(r.unparsed.length, 1);
    assert.equal(r.unparsed[0].lineNo, 8);
    // Joined call is timed at its start.
    const clone = r.records.find((x) => x.type === 'syscall' && x.name === 'clone');
    assert.equal(clone?.ts, 2 * 3600 + 0.000002);
});
//# sourceMappingURL=strace-values.test.js.map