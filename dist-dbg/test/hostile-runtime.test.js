// Hostile module inits in the real sandbox (GitHub issue 6, item 1): every misbehaviour ends within
// the phase timeout with a fitting status, what happened before it is kept, output is capped, and
// no container or process outlives the run. Fixtures: test/fixtures/hostile/ (each init first runs
// `/bin/sh -c "echo marker-<name>"`).
import { dockerTestsSkipped } from './helpers/docker-gate.js';
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runDynamic } from '../src/dynamic/run-dynamic.js';
import { engine } from '../src/dynamic/engine.js';
import { DEFAULT_LIMITS } from '../src/dynamic/sandbox-run.js';
const execFileP = promisify(execFile);
const skip = dockerTestsSkipped();
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Per-phase timeout of these runs, and what stopping may add (SIGTERM grace 1.5 s, then SIGKILL). */
const PHASE_TIMEOUT_MS = 10_000;
const STOP_SLACK_MS = 4_000;
async function importPhase(name) {
    const started = Date.now();
    const result = await runDynamic({ dir: join(repoRoot, 'test/fixtures/hostile', name), path: `example.test/hostile/${name}` }, { phases: ['import'], timeoutMs: PHASE_TIMEOUT_MS });
    const phase = result.phases.find((p) => p.name === 'import');
    assert.ok(phase, 'an import phase');
    assert.notEqual(phase.status, 'build-failed', phase.stderrTail);
    assert.notEqual(phase.status, 'error', phase.error);
    return { phase, wallMs: Date.now() - started };
}
function bounded(phase) {
    assert.ok(phase.durationMs <= PHASE_TIMEOUT_MS + STOP_SLACK_MS, `durationMs ${phase.durationMs}`);
}
/** The event before the misbehaviour: the marker shell ran, as a child of the harness. */
function markerKept(phase, name) {
    const harness = phase.processes.find((p) => p.ppid === 0);
    assert.deepEqual(harness?.argv, ['/opt/harness/harness']);
    const marker = phase.processes.find((p) => p.argv.join(' ') === `/bin/sh -c echo marker-${name}`);
    assert.ok(marker, `marker of ${name} in ${JSON.stringify(phase.processes.map((p) => p.argv))}`);
    assert.equal(marker.ppid, harness.pid);
}
function timelineText(phase) {
    return phase.timeline.map((e) => `${e.kind} ${e.summary}`).join('\n');
}
async function ourContainers() {
    const list = await engine().listContainers({ all: true, filters: JSON.stringify({ label: [`gosnare.pid=${process.pid}`] }) });
    return list.map((c) => `${c.Names.join(',')} ${c.State}`);
}
afterEach(async () => {
    if (skip)
        return;
    assert.deepEqual(await ourContainers(), [], 'containers left after the run');
});
test('fork bomb: bounded by the pids limit, refused forks and the killed survivors are recorded', { skip, timeout: 120_000 }, async () => {
    const { phase } = await importPhase('forkbomb');
    assert.ok(phase.status === 'timeout' || phase.status === 'crashed', phase.status);
    bounded(phase);
    markerKept(phase, 'forkbomb');
    const text = timelineText(phase);
    assert.match(text, /\d+ forks refused \(EAGAIN: process limit reached\)/);
    const running = /(\d+) processes still running when the run ended/.exec(text);
    assert.ok(running, text.slice(0, 2000));
    assert.ok(Number(running[1]) <= DEFAULT_LIMITS.pids, `more processes than the pids limit: ${running[1]}`);
    assert.match(text, /processes forked without exec/);
});
test('memory hog: killed at the memory limit, phase crashed', { skip, timeout: 120_000 }, async () => {
    const { phase } = await importPhase('memhog');
    assert.equal(phase.status, 'crashed');
    assert.ok((phase.exitCode ?? 0) >= 128, `exit ${phase.exitCode}`);
    bounded(phase);
    markerKept(phase, 'memhog');
    assert.match(timelineText(phase), /exit \/opt\/harness\/harness killed by SIGKILL/);
});
test('CPU spin in init: stopped at the timeout', { skip, timeout: 120_000 }, async () => {
    const { phase } = await importPhase('cpuspin');
    assert.equal(phase.status, 'timeout');
    assert.ok(phase.durationMs >= PHASE_TIMEOUT_MS, `durationMs ${phase.durationMs}`);
    bounded(phase);
    markerKept(phase, 'cpuspin');
    assert.match(timelineText(phase), /1 processes still running when the run ended \(killed with the sandbox\): pid \d+ \/opt\/harness\/harness/);
});
test('output flood: gigabytes to stdout are capped and marked truncated', { skip, timeout: 120_000 }, async () => {
    const { phase } = await importPhase('flood');
    assert.ok(phase.status === 'timeout' || phase.status === 'completed', phase.status);
    bounded(phase);
    markerKept(phase, 'flood');
    assert.equal(phase.outputTruncated, true);
    assert.ok(Buffer.byteLength(phase.stdoutTail) <= 4096, `stdoutTail ${phase.stdoutTail.length}`);
    assert.match(phase.stdoutTail, /flood flood/);
});
test('disk filler: every writable path is a size-limited tmpfs, the trace mount is closed', { skip, timeout: 120_000 }, async () => {
    const { phase } = await importPhase('diskfill');
    assert.equal(phase.status, 'completed', phase.stderrTail);
    markerKept(phase, 'diskfill');
    const written = new Map();
    for (const m of phase.stdoutTail.matchAll(/^fill (\S+) written=(\d+)(?: full=(true|false))?/gm))
        written.set(m[1], { bytes: Number(m[2]), full: m[3] === 'true' });
    for (const dir of ['/tmp', '/var/tmp', '/home/dev', '/dev/shm']) {
        const w = written.get(dir);
        assert.ok(w, `${dir} in ${phase.stdoutTail}`);
        assert.equal(w.full, true, `${dir} has no limit: ${w.bytes} bytes written`);
        assert.ok(w.bytes <= DEFAULT_LIMITS.tmpfsBytes, `${dir}: ${w.bytes} bytes`);
    }
    // The trace directory is host disk: the sample must not write there at all.
    for (const dir of ['/var/log/trace', '/var/log/trace/t', '/opt/harness', '/', '/etc', '/run', '/dev']) {
        assert.equal(written.get(dir)?.bytes, 0, `${dir}: ${phase.stdoutTail}`);
    }
    const writes = phase.files.filter((f) => f.op === 'write').map((f) => f.path);
    for (const p of ['/tmp/gosnare-fill', '/var/tmp/gosnare-fill', '/home/dev/gosnare-fill', '/var/log/trace/gosnare-fill'])
        assert.ok(writes.includes(p), `${p} in ${JSON.stringify(writes)}`);
    assert.match(timelineText(phase), /write \/var\/log\/trace\/gosnare-fill \(failed: EACCES\)/);
});
test('sleep forever in init: timeout, the sleeping harness is listed as killed', { skip, timeout: 120_000 }, async () => {
    const { phase } = await importPhase('sleeper');
    assert.equal(phase.status, 'timeout');
    bounded(phase);
    markerKept(phase, 'sleeper');
    assert.match(timelineText(phase), /processes still running when the run ended \(killed with the sandbox\): pid \d+ \/opt\/harness\/harness/);
});
test('daemon (double fork + setsid) outliving the harness: in the process tree, killed at the end', { skip, timeout: 120_000 }, async () => {
    const { phase } = await importPhase('daemon');
    // The harness exits after its linger; the daemon keeps the traced tree alive until the deadline.
    assert.equal(phase.status, 'timeout');
    bounded(phase);
    markerKept(phase, 'daemon');
    const harness = phase.processes.find((p) => p.ppid === 0);
    assert.equal(harness.exitCode, 0, 'the harness itself finished');
    const daemon = phase.processes.find((p) => p.argv[0] === 'gosnare-hostile-daemon');
    assert.ok(daemon, JSON.stringify(phase.processes.map((p) => p.argv)));
    assert.equal(daemon.exitCode, undefined, 'the daemon did not exit on its own');
    // Its ancestry leads back to the harness (setsid does not hide it from the tracer).
    const byPid = new Map(phase.processes.map((p) => [p.pid, p]));
    let cur = daemon.ppid;
    const chain = [];
    for (let i = 0; i < 10 && cur !== 0 && cur !== harness.pid; i++) {
        chain.push(cur);
        cur = byPid.get(cur)?.ppid ?? 0;
    }
    assert.equal(cur, harness.pid, `ancestry ${chain.join(' <- ')}`);
    assert.match(timelineText(phase), /processes still running when the run ended \(killed with the sandbox\): .*gosnare-hostile-daemon 3600/);
    // Nothing of it survives on the host.
    const { stdout } = await execFileP('ps', ['-eo', 'args']);
    assert.doesNotMatch(stdout, /gosnare-hostile-daemon/);
});
test('attacks on the tracer (kill -9 1, ptrace attach): recorded, refused, the trace goes on', { skip, timeout: 120_000 }, async () => {
    const { phase } = await importPhase('tracer');
    assert.equal(phase.status, 'completed', phase.stderrTail);
    markerKept(phase, 'tracer');
    assert.match(phase.stdoutTail, /^kill: operation not permitted$/m);
    assert.match(phase.stdoutTail, /^ptrace: operation not permitted$/m);
    const text = timelineText(phase);
    // Once from the shell's kill builtin, once from the Go code.
    assert.equal(text.match(/^signal kill\(1, SIGKILL\) \(pid 1 is the tracer\) \(failed: EPERM\)$/gm)?.length, 2, text);
    assert.match(text, /^note ptrace\(PTRACE_ATTACH, 1\) \(pid 1 is the tracer\) \(failed: EPERM\)$/m);
    // Recording continued after the attack.
    assert.ok(phase.processes.some((p) => p.argv.join(' ') === '/bin/sh -c echo still-alive'));
});
test('sandbox fingerprinting: the reads and the /.dockerenv check are recorded', { skip, timeout: 120_000 }, async () => {
    const { phase } = await importPhase('fingerprint');
    assert.equal(phase.status, 'completed', phase.stderrTail);
    markerKept(phase, 'fingerprint');
    const reads = phase.files.filter((f) => f.op === 'read').map((f) => f.path);
    for (const p of ['/proc/1/cgroup', '/proc/1/sched', '/proc/self/status', '/etc/hostname', '/proc/cpuinfo'])
        assert.ok(reads.includes(p), `${p} in ${JSON.stringify(reads)}`);
    const text = timelineText(phase);
    assert.match(text, /^file stat \/\.dockerenv \[sandbox check\]$/m);
    assert.match(text, /^file read \/proc\/1\/cgroup \[sandbox check\]$/m);
    // What it saw: a plausible developer machine name, not "sandbox".
    assert.match(phase.stdoutTail, /^host=(dev-laptop|thinkpad-x1|build-[0-9a-f]+|ws-[0-9a-f]+) /m);
});
test('after all of that, an ordinary module is analysed normally', { skip, timeout: 120_000 }, async () => {
    const { phase, wallMs } = await importPhase('calm');
    assert.equal(phase.status, 'completed', phase.stderrTail);
    assert.equal(phase.exitCode, 0);
    markerKept(phase, 'calm');
    assert.equal(phase.processes.length, 2);
    assert.doesNotMatch(timelineText(phase), /still running|forks refused|forked without exec/);
    assert.ok(wallMs < 60_000, `wall ${wallMs}`);
});
// Without Docker: the assembly of the records these samples produce, from a synthetic trace.
test('assembly: refused forks, kill/ptrace of the tracer, fingerprint stat, listen and survivors', async () => {
    const { assemblePhase } = await import('../src/dynamic/assemble-phase.js');
    const log = [
        '10 1700000000.100000 execve("/opt/harness/harness", ["/opt/harness/harness"], []) = 0',
        '10 1700000000.110000 newfstatat(AT_FDCWD, "/.dockerenv", {st_mode=S_IFREG|0755, st_size=0, ...}, 0) = 0',
        '10 1700000000.111000 newfstatat(3, "", {st_mode=S_IFREG|0644, st_size=7495, ...}, AT_EMPTY_PATH) = 0',
        '10 1700000000.112000 access("/etc/ld.so.preload", R_OK) = -1 ENOENT (No such file or directory)',
        '10 1700000000.113000 openat(AT_FDCWD, "/proc/1/cgroup", O_RDONLY|O_CLOEXEC) = 3',
        '10 1700000000.120000 kill(1, SIGKILL) = -1 EPERM (Operation not permitted)',
        '10 1700000000.121000 ptrace(PTRACE_ATTACH, 1) = -1 EPERM (Operation not permitted)',
        '10 1700000000.130000 socket(AF_INET6, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 5',
        '10 1700000000.131000 bind(5, {sa_family=AF_INET6, sin6_port=htons(4444), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::", &sin6_addr), sin6_scope_id=0}, 28) = 0',
        '10 1700000000.132000 listen(5, 4096) = 0',
        '10 1700000000.140000 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0) = 11',
        '11 1700000000.150000 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0) = -1 EAGAIN (Resource temporarily unavailable)',
        '11 1700000000.151000 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0) = -1 EAGAIN (Resource temporarily unavailable)',
        '10 1700000000.160000 exit_group(0) = ?',
        '10 1700000000.160100 +++ exited with 0 +++',
    ].join('\n');
    const phase = assemblePhase('import', { status: 'timeout', startedAtMs: 1700000000_000, durationMs: 10_000, stdout: '', stderr: '', outputTruncated: false, straceLog: log, sinkEvents: [] });
    const text = phase.timeline.map((e) => `${e.kind} ${e.summary}`).join('\n');
    assert.match(text, /^file stat \/\.dockerenv \[sandbox check\]$/m);
    assert.doesNotMatch(text, /ld\.so\.preload/, 'probes of ordinary paths are not listed');
    assert.match(text, /^file read \/proc\/1\/cgroup \[sandbox check\]$/m);
    assert.deepEqual(phase.files.map((f) => `${f.op} ${f.path}`), ['read /proc/1/cgroup']);
    assert.match(text, /^signal kill\(1, SIGKILL\) \(pid 1 is the tracer\) \(failed: EPERM\)$/m);
    assert.match(text, /^note ptrace\(PTRACE_ATTACH, 1\) \(pid 1 is the tracer\) \(failed: EPERM\)$/m);
    assert.match(text, /^note bind \[::\]:4444$/m);
    assert.match(text, /^note listen on \[::\]:4444$/m);
    assert.match(text, /^note 2 forks refused \(EAGAIN: process limit reached\)$/m);
    assert.match(text, /^note 1 processes forked without exec \(not listed\)$/m);
    assert.match(text, /^note 1 processes still running when the run ended \(killed with the sandbox\): pid 11 \(forked by 10\)$/m);
    assert.equal(phase.timeline.at(-1)?.ts, 10, 'the survivors note sits at the end of the run');
});
//# sourceMappingURL=hostile-runtime.test.js.map