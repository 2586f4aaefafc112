import { isBaitPath, isLocalOrPrivate, isNoiseWritePath, isNscdSocket, isSandboxFingerprint, isSensitiveRead, NOISE_SIGNALS } from './strace/noise.js';
import { parseStrace } from './strace/parse.js';
import { normaliseIp } from './strace/sockaddr.js';
export const TAIL_BYTES = 4096;
const MAX_FILE_EVENTS = 2000;
const MAX_UNPARSED_NOTES = 10;
const MAX_CONNECTIONS = 1000;
/** Timeline entries per kind of process-control / probe event (a loop must not flood the timeline). */
const MAX_CONTROL_NOTES = 100;
const MAX_RUNNING_LISTED = 10;
export function tail(text, bytes = TAIL_BYTES) {
    if (Buffer.byteLength(text) <= bytes)
        return text;
    return Buffer.from(text).subarray(-bytes).toString('utf8').replace(/^\uFFFD+/, '');
}
/** Microseconds: strace's resolution, enough to keep the timeline in event order. */
function round6(n) {
    return Math.round(n * 1e6) / 1e6;
}
/** Converts strace times to seconds since the phase start. */
function straceClock(trace, startedAtMs) {
    const start = startedAtMs / 1000;
    if (trace.timeFormat === 'epoch')
        return (ts) => (ts === null ? 0 : Math.max(0, round6(ts - start)));
    if (trace.timeFormat === 'clock') {
        // -tt prints the container's local time of day: find its offset from UTC from the first line.
        const startOfDay = ((start % 86400) + 86400) % 86400;
        const wrap = (d) => ((((d + 43200) % 86400) + 86400) % 86400) - 43200;
        const first = trace.firstTs ?? startOfDay;
        const d0 = wrap(first - startOfDay);
        const tzOffset = Math.abs(d0) < 3600 ? 0 : Math.round(d0 / 900) * 900;
        return (ts) => (ts === null ? 0 : Math.max(0, round6(wrap(ts - startOfDay - tzOffset))));
    }
    return () => 0;
}
function printable(buf, max = 200) {
    let s = '';
    for (const b of buf.subarray(0, max))
        s += b === 10 ? '\\n' : b === 13 ? '\\r' : b >= 32 && b < 127 ? String.fromCharCode(b) : '.';
    return buf.length > max ? `${s}...` : s;
}
function argvText(argv, max = 200) {
    const s = argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
    return s.length > max ? `${s.slice(0, max)}...` : s;
}
/** Per process, the execs worth listing: failed PATH-search attempts before a success collapse into it. */
function listedExecs(proc) {
    const out = [];
    let failedRun;
    for (const e of proc.execs) {
        if (e.ok) {
            out.push(e);
            failedRun = undefined;
        }
        else {
            failedRun = e;
        }
    }
    if (failedRun)
        out.push(failedRun);
    return out;
}
function dstKey(proto, ip, port) {
    return `${proto} ${normaliseIp(ip)} ${port}`;
}
export function assemblePhase(name, raw, opts = {}) {
    const trace = parseStrace(raw.straceLog);
    const rel = straceClock(trace, raw.startedAtMs);
    const sinkRel = (ts) => Math.max(0, round6(ts - raw.startedAtMs / 1000));
    const timeline = [];
    const note = (ts, summary, pid) => {
        timeline.push({ ts, kind: 'note', ...(pid !== undefined ? { pid } : {}), summary });
    };
    for (const n of opts.notes ?? [])
        note(0, n);
    // Processes: everything that exec'd; parent = nearest listed ancestor.
    const byPid = new Map(trace.processes.map((p) => [p.pid, p]));
    const listedPids = new Set(trace.processes.filter((p) => p.execs.length > 0).map((p) => p.pid));
    const listedParent = (p) => {
        let cur = p.ppid;
        for (let guard = 0; cur !== 0 && guard < 10000; guard++) {
            if (listedPids.has(cur))
                return cur;
            cur = byPid.get(cur)?.ppid ?? 0;
        }
        return 0;
    };
    const processes = [];
    for (const p of trace.processes) {
        if (!listedPids.has(p.pid))
            continue;
        const execs = listedExecs(p);
        execs.forEach((e, i) => {
            const last = i === execs.length - 1;
            const ev = { pid: p.pid, ppid: listedParent(p), argv: e.argv, path: e.path, ts: rel(e.ts) };
            if (last && p.exitCode !== undefined)
                ev.exitCode = p.exitCode;
            processes.push(ev);
            const failed = e.ok ? '' : ` (failed: ${e.errno ?? 'error'})`;
            timeline.push({ ts: ev.ts, kind: 'exec', pid: p.pid, summary: `exec ${argvText(e.argv.length > 0 ? e.argv : [e.path])}${e.argvTruncated ? ' [truncated]' : ''}${failed}` });
        });
        if (p.exitTs !== undefined) {
            const how = p.exitSignal ? `killed by ${p.exitSignal}` : `exited ${p.exitCode ?? '?'}`;
            timeline.push({ ts: rel(p.exitTs), kind: 'exit', pid: p.pid, summary: `${p.execs.at(-1)?.path ?? p.pid} ${how}` });
        }
    }
    // DNS, and which address the fake DNS handed out for which name.
    const dns = [];
    const nameForIp = new Map();
    for (const ev of raw.sinkEvents) {
        if (ev.kind !== 'dns')
            continue;
        const q = { name: ev.name, type: ev.qtype, proto: ev.proto, ts: sinkRel(ev.ts) };
        if (ev.answer !== undefined) {
            q.answer = ev.answer;
            for (const ip of ev.answer.split(/[,\s]+/).filter(Boolean))
                if (!nameForIp.has(normaliseIp(ip)))
                    nameForIp.set(normaliseIp(ip), ev.name.replace(/\.$/, ''));
        }
        dns.push(q);
        timeline.push({ ts: q.ts, kind: 'dns', summary: `DNS ${q.type} ${q.name}${q.answer ? ` -> ${q.answer}` : ''}` });
    }
    // Connections seen by strace.
    const isResolver = (ip) => (opts.resolverIps ? opts.resolverIps.map(normaliseIp).includes(normaliseIp(ip)) : isLocalOrPrivate(ip));
    const tcpNamesByPid = new Map();
    for (const ev of trace.events) {
        if (ev.kind !== 'connect' || ev.proto !== 'tcp' || ev.addr.ip === undefined)
            continue;
        const name = nameForIp.get(normaliseIp(ev.addr.ip));
        if (name === undefined)
            continue;
        if (!tcpNamesByPid.has(ev.pid))
            tcpNamesByPid.set(ev.pid, new Set());
        tcpNamesByPid.get(ev.pid).add(name);
    }
    const isSortingProbe = (pid, ip, port) => {
        if (port === 9)
            return true;
        const name = nameForIp.get(normaliseIp(ip));
        if (name === undefined)
            return false;
        return port === 53 || tcpNamesByPid.get(pid)?.has(name) === true;
    };
    const connections = [];
    const seenSend = new Set();
    let droppedConnections = 0;
    for (const ev of trace.events) {
        // Raw IP or packet sockets (AF_NETLINK raw sockets are libc's interface queries, not traffic).
        if (ev.kind === 'socket' && (ev.domain === 'AF_PACKET' || ((ev.domain === 'AF_INET' || ev.domain === 'AF_INET6') && ev.type === 'SOCK_RAW'))) {
            note(rel(ev.ts), `raw socket ${ev.domain} ${ev.type}${ev.ok ? '' : ` refused (${ev.errno ?? 'error'})`}`, ev.pid);
            continue;
        }
        if (ev.kind !== 'connect' && !(ev.kind === 'send' && ev.addr))
            continue;
        const c = ev;
        const addr = c.addr;
        if (addr.family === 'unix') {
            if (isNscdSocket(addr.path))
                continue;
            if (connections.length >= MAX_CONNECTIONS) {
                droppedConnections++;
                continue;
            }
            connections.push({ proto: 'unix', family: 'unix', dst: { ip: addr.path ?? '', port: 0 }, pid: c.pid, ts: rel(c.ts), ...(c.ok ? {} : { failed: c.errno }) });
            continue;
        }
        if (addr.family === 'other' || addr.ip === undefined || addr.port === undefined)
            continue;
        const proto = c.proto === 'udp' ? 'udp' : c.proto === 'raw' ? 'raw' : 'tcp';
        if (addr.port === 53 && isResolver(addr.ip))
            continue; // resolver traffic: recorded as DNS by the sink
        // RFC 6724 address sorting (Go's resolver, glibc getaddrinfo): a UDP connect without data to
        // each address a lookup returned, before the real (TCP) connection to one of them.
        if (proto === 'udp' && ev.kind === 'connect' && isSortingProbe(c.pid, addr.ip, addr.port))
            continue;
        if (ev.kind === 'connect' && addr.port === 0)
            continue; // UDP disconnect (AF_UNSPEC-like resets)
        if (ev.kind === 'send') {
            const key = `${c.pid} ${dstKey(proto, addr.ip, addr.port)}`;
            if (seenSend.has(key))
                continue;
            seenSend.add(key);
        }
        const conn = {
            proto,
            family: addr.family === 'ipv6' ? 'ipv6' : 'ipv4',
            dst: { ip: normaliseIp(addr.ip), port: addr.port },
            pid: c.pid,
            ts: rel(c.ts),
        };
        if (ev.kind === 'send' && ev.data.length > 0) {
            conn.firstBytes = ev.data.subarray(0, 4096).toString('base64');
            conn.firstBytesText = printable(ev.data);
        }
        if (!c.ok)
            conn.failed = c.errno ?? 'error';
        if (connections.length >= MAX_CONNECTIONS) {
            droppedConnections++;
            continue;
        }
        connections.push(conn);
    }
    if (droppedConnections > 0)
        note(0, `${droppedConnections} further connection attempts not listed`);
    // Merge the sink's view: original destination, payload, HTTP/TLS details.
    const unmatched = new Set(connections.filter((c) => c.proto !== 'unix'));
    for (const ev of raw.sinkEvents) {
        if (ev.kind !== 'tcp' && ev.kind !== 'udp')
            continue;
        const s = ev;
        const key = dstKey(s.kind, s.dst.ip, s.dst.port);
        let conn = [...unmatched].find((c) => dstKey(c.proto, c.dst.ip, c.dst.port) === key);
        if (conn)
            unmatched.delete(conn);
        else {
            // No strace record left for it (e.g. a repeated connect): keep it, with the pid of a sibling.
            const sibling = connections.find((c) => dstKey(c.proto, c.dst.ip, c.dst.port) === key);
            conn = { proto: s.kind, family: s.dst.ip.includes(':') && !/^::ffff:/i.test(s.dst.ip) ? 'ipv6' : 'ipv4', dst: { ip: normaliseIp(s.dst.ip), port: s.dst.port }, ts: sinkRel(s.ts) };
            if (sibling?.pid !== undefined)
                conn.pid = sibling.pid;
            connections.push(conn);
        }
        delete conn.failed; // the sink accepted it
        if (s.host)
            conn.host = s.host;
        if (s.sni)
            conn.sni = s.sni;
        if (s.http)
            conn.http = s.http;
        if (s.firstBytes) {
            conn.firstBytes = s.firstBytes;
            conn.firstBytesText = printable(Buffer.from(s.firstBytes, 'base64'));
        }
    }
    for (const ev of raw.sinkEvents)
        if (ev.kind === 'note')
            note(sinkRel(ev.ts), `sink: ${ev.message}`);
    for (const c of connections) {
        if (!c.host) {
            const named = nameForIp.get(c.dst.ip) ?? c.sni ?? c.http?.host;
            if (named)
                c.host = named;
        }
        const where = c.proto === 'unix' ? `unix:${c.dst.ip}` : `${c.proto} ${c.dst.ip.includes(':') ? `[${c.dst.ip}]` : c.dst.ip}:${c.dst.port}`;
        const failed = c.failed ? ` (failed: ${c.failed})` : '';
        timeline.push({ ts: c.ts, kind: 'connect', ...(c.pid !== undefined ? { pid: c.pid } : {}), summary: `connect ${where}${c.host ? ` (${c.host})` : ''}${failed}` });
        if (c.http) {
            timeline.push({ ts: c.ts, kind: 'http', ...(c.pid !== undefined ? { pid: c.pid } : {}), summary: `${c.http.method} ${c.http.tls ? 'https' : 'http'}://${c.http.host}${c.http.path}` });
        }
    }
    // Files.
    const files = [];
    const seenFile = new Set();
    let droppedFiles = 0;
    for (const ev of trace.events) {
        if (ev.kind !== 'file')
            continue;
        const bait = isBaitPath(ev.path) || (ev.to !== undefined && isBaitPath(ev.to));
        const fingerprint = ev.op === 'read' && isSandboxFingerprint(ev.path);
        if (ev.op === 'read') {
            if (!bait && !fingerprint && !isSensitiveRead(ev.path))
                continue;
        }
        else if (isNoiseWritePath(ev.path) || /^\/(?:proc|sys)\//.test(ev.path))
            continue;
        const key = `${ev.pid} ${ev.op} ${ev.path}`;
        if (seenFile.has(key))
            continue;
        seenFile.add(key);
        if (files.length >= MAX_FILE_EVENTS) {
            droppedFiles++;
            continue;
        }
        const f = { path: ev.path, op: ev.op, pid: ev.pid, ts: rel(ev.ts) };
        if (bait)
            f.bait = true;
        files.push(f);
        const target = ev.op === 'rename' ? `${ev.path} -> ${ev.to}` : ev.op === 'chmod' ? `${ev.path} ${ev.flags?.join('|') ?? ''}`.trim() : ev.path;
        const tags = [...(bait ? ['bait'] : []), ...(fingerprint ? ['sandbox-check'] : [])];
        timeline.push({
            ts: f.ts,
            kind: 'file',
            pid: ev.pid,
            summary: `${ev.op} ${target}${bait ? ' [bait]' : ''}${fingerprint ? ' [sandbox check]' : ''}${ev.ok ? '' : ` (failed: ${ev.errno ?? 'error'})`}`,
            ...(tags.length ? { tags } : {}),
        });
    }
    if (droppedFiles > 0)
        note(0, `${droppedFiles} further file events not listed`);
    addProbesAndControl(trace, rel, timeline, note);
    addSocketServers(trace, rel, note);
    addProcessSummary(trace, listedPids, round6(raw.durationMs / 1000), note);
    // Signals that mean something (crashes, kills), not runtime preemption.
    for (const ev of trace.events) {
        if (ev.kind === 'signal' && !NOISE_SIGNALS.has(ev.signal) && listedPids.has(ev.pid)) {
            timeline.push({ ts: rel(ev.ts), kind: 'signal', pid: ev.pid, summary: `${ev.signal} delivered` });
        }
    }
    if (trace.unparsed.length > 0) {
        note(0, `strace: ${trace.unparsed.length} of ${trace.lineCount} lines not parsed`);
        for (const u of trace.unparsed.slice(0, MAX_UNPARSED_NOTES))
            note(0, `strace line ${u.lineNo} not parsed (${u.reason}): ${u.text.slice(0, 300)}`);
    }
    timeline.sort((a, b) => a.ts - b.ts);
    const phase = {
        name,
        status: raw.status,
        durationMs: raw.durationMs,
        stdoutTail: tail(raw.stdout),
        stderrTail: tail(raw.stderr),
        outputTruncated: raw.outputTruncated,
        processes,
        network: { dns, connections: connections.map(({ failed: _failed, ...c }) => c) },
        files,
        timeline,
    };
    if (raw.exitCode !== undefined)
        phase.exitCode = raw.exitCode;
    if (raw.error !== undefined)
        phase.error = raw.error;
    return phase;
}
/**
 * Existence checks of sandbox-fingerprint and bait paths (stat/access: no open, so not a file
 * event), and kill/ptrace aimed at other processes: pid 1 is the tracer, so these are attempts to
 * stop or blind the recording.
 */
function addProbesAndControl(trace, rel, timeline, note) {
    const seen = new Set();
    let probes = 0;
    let controls = 0;
    for (const ev of trace.events) {
        if (ev.kind === 'probe') {
            const fingerprint = isSandboxFingerprint(ev.path);
            if (!fingerprint && !isBaitPath(ev.path))
                continue;
            const key = `${ev.pid} ${ev.path}`;
            if (seen.has(key) || probes++ >= MAX_CONTROL_NOTES)
                continue;
            seen.add(key);
            const verb = ev.syscall.includes('access') ? 'access' : 'stat';
            const outcome = ev.ok ? '' : ` (${ev.errno ?? 'failed'})`;
            timeline.push({
                ts: rel(ev.ts),
                kind: 'file',
                pid: ev.pid,
                summary: `${verb} ${ev.path} ${fingerprint ? '[sandbox check]' : '[bait]'}${outcome}`,
                tags: [fingerprint ? 'sandbox-check' : 'bait'],
            });
        }
        else if (ev.kind === 'proc-control') {
            if (controls++ >= MAX_CONTROL_NOTES)
                continue;
            const tracer = ev.target === 1 ? ' (pid 1 is the tracer)' : '';
            const failed = ev.ok ? '' : ` (failed: ${ev.errno ?? 'error'})`;
            const summary = `${ev.syscall}(${ev.syscall === 'kill' ? `${ev.target}, ${ev.what}` : `${ev.what}, ${ev.target}`})${tracer}${failed}`;
            timeline.push({ ts: rel(ev.ts), kind: ev.syscall === 'kill' ? 'signal' : 'note', pid: ev.pid, summary, ...(ev.target === 1 ? { tags: ['tracer-attack'] } : {}) });
        }
    }
    if (controls > MAX_CONTROL_NOTES)
        note(0, `${controls - MAX_CONTROL_NOTES} further kill/ptrace calls not listed`);
}
function sockAddrText(a) {
    if (a.family === 'unix')
        return `unix:${a.path ?? ''}`;
    if (a.ip === undefined)
        return a.raw ?? a.family;
    return `${a.ip.includes(':') ? `[${a.ip}]` : a.ip}:${a.port ?? 0}`;
}
/** bind + listen: the sample tried to offer a service (a bind shell, a local relay). */
function addSocketServers(trace, rel, note) {
    const bound = new Map();
    let listed = 0;
    for (const ev of trace.events) {
        if (ev.kind === 'bind' && ev.fd !== null) {
            // Binds of the resolver's and the runtime's own sockets (port 0, netlink) are plumbing.
            if (ev.addr.family === 'other' || (ev.addr.family !== 'unix' && !ev.addr.port))
                continue;
            bound.set(`${ev.pid} ${ev.fd}`, ev.addr);
            if (listed++ < MAX_CONTROL_NOTES)
                note(rel(ev.ts), `bind ${sockAddrText(ev.addr)}${ev.ok ? '' : ' (failed)'}`, ev.pid);
        }
        else if (ev.kind === 'listen' && ev.fd !== null) {
            const addr = bound.get(`${ev.pid} ${ev.fd}`);
            if (listed++ < MAX_CONTROL_NOTES)
                note(rel(ev.ts), `listen${addr ? ` on ${sockAddrText(addr)}` : ''}${ev.ok ? '' : ' (failed)'}`, ev.pid);
        }
    }
}
/**
 * What the process list leaves out: processes that forked without exec (a fork bomb, shell
 * subshells), forks the kernel refused (the pids limit), and processes still running when the run
 * was stopped (a daemon that outlived the program; killed with the container).
 */
function addProcessSummary(trace, listedPids, endTs, note) {
    // A child that only exited is plumbing (the Go runtime's CLONE_PIDFD probe before its first exec).
    const active = new Set(trace.events.filter((ev) => ev.kind !== 'exit').map((ev) => ev.pid));
    const unlisted = trace.processes.filter((p) => !listedPids.has(p.pid) && (active.has(p.pid) || p.exitTs === undefined)).length;
    if (unlisted > 0)
        note(0, `${unlisted} processes forked without exec (not listed)`);
    const refused = new Map();
    for (const ev of trace.events)
        if (ev.kind === 'spawn-failed')
            refused.set(ev.errno ?? 'error', (refused.get(ev.errno ?? 'error') ?? 0) + 1);
    for (const [errno, n] of refused)
        note(0, `${n} forks refused (${errno}${errno === 'EAGAIN' ? ': process limit reached' : ''})`);
    const running = trace.processes.filter((p) => p.exitTs === undefined);
    if (running.length === 0)
        return;
    const shown = running.slice(0, MAX_RUNNING_LISTED).map((p) => {
        const exec = p.execs.filter((e) => e.ok).at(-1);
        return `pid ${p.pid}${exec ? ` ${argvText(exec.argv.length > 0 ? exec.argv : [exec.path], 80)}` : ` (forked by ${p.ppid})`}`;
    });
    const more = running.length > shown.length ? ` and ${running.length - shown.length} more` : '';
    note(endTs, `${running.length} processes still running when the run ended (killed with the sandbox): ${shown.join('; ')}${more}`);
}
/** A phase that never ran because its binary did not compile. */
export function buildFailedPhase(name, output, durationMs, notes = []) {
    return {
        name,
        status: 'build-failed',
        durationMs,
        stdoutTail: '',
        stderrTail: tail(output),
        outputTruncated: Buffer.byteLength(output) > TAIL_BYTES,
        processes: [],
        network: { dns: [], connections: [] },
        files: [],
        timeline: notes.map((summary) => ({ ts: 0, kind: 'note', summary })),
    };
}
/** A phase that could not run for a reason outside the sample (engine trouble, missing toolchain). */
export function errorPhase(name, error, durationMs, status = 'error') {
    return {
        name,
        status,
        durationMs,
        stdoutTail: '',
        stderrTail: '',
        outputTruncated: false,
        processes: [],
        network: { dns: [], connections: [] },
        files: [],
        timeline: [],
        error,
    };
}
/** A phase deliberately not run; the reason goes to the timeline. */
export function skippedPhase(name, reason) {
    return { ...buildFailedPhase(name, '', 0, [reason]), status: 'skipped' };
}
//# sourceMappingURL=assemble-phase.js.map