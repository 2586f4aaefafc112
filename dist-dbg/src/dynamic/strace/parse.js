import { parseLines } from './lines.js';
import { decodeSockAddr } from './sockaddr.js';
import { asFlags, asNumber, asText, parseArgs } from './values.js';
const SPAWN_CALLS = new Set(['clone', 'clone3', 'fork', 'vfork']);
function cloneFlags(rec, args) {
    if (rec.name === 'clone')
        return asFlags(args.find((a) => a.name === 'flags')?.value);
    if (rec.name === 'clone3') {
        const s = args[0]?.value;
        return s?.kind === 'struct' ? asFlags(s.fields.flags) : [];
    }
    return [];
}
function splitFlagNames(flags) {
    return flags.flatMap((f) => f.split('|'));
}
/** Pass 1: clone/fork returns -> spawn map (child tid -> info). */
function collectSpawns(records, tidOf) {
    const spawns = new Map();
    for (const rec of records) {
        if (rec.type !== 'syscall' || !SPAWN_CALLS.has(rec.name) || rec.ret === null || rec.ret <= 0)
            continue;
        const flags = splitFlagNames(cloneFlags(rec, parseArgs(rec.argsText)));
        spawns.set(rec.ret, {
            parentTid: tidOf(rec.tid),
            thread: flags.includes('CLONE_THREAD'),
            sibling: flags.includes('CLONE_PARENT'),
        });
    }
    return spawns;
}
/**
 * Without clone/fork in the trace (or when a clone line was lost), parentage is inferred from the
 * order of appearance: a tid whose first record is an execve is a new process started by whoever
 * made the record just before it; any other new tid is taken as a thread of that process.
 */
function inferMissingSpawns(records, spawns, tidOf, rootTid) {
    const seen = new Set([rootTid]);
    let prevTid;
    for (const rec of records) {
        const tid = tidOf(rec.tid);
        if (!seen.has(tid)) {
            seen.add(tid);
            if (!spawns.has(tid) && prevTid !== undefined) {
                const execs = rec.type === 'syscall' && (rec.name === 'execve' || rec.name === 'execveat');
                spawns.set(tid, { parentTid: prevTid, thread: !execs, sibling: false });
            }
        }
        prevTid = tid;
    }
}
function socketProto(domain, type, addr) {
    if (domain === 'AF_UNIX' || domain === 'AF_LOCAL' || addr?.family === 'unix')
        return 'unix';
    if (type === 'SOCK_STREAM')
        return 'tcp';
    if (type === 'SOCK_DGRAM')
        return 'udp';
    if (type === 'SOCK_RAW' || type === 'SOCK_PACKET')
        return 'raw';
    return 'unknown';
}
function argvOf(v) {
    if (v?.kind !== 'array')
        return { argv: [], truncated: v !== undefined && v.kind !== 'flags' };
    let truncated = v.elided;
    const argv = v.items.map((item) => {
        if (item.kind === 'string') {
            if (item.truncated)
                truncated = true;
            return item.bytes.toString('utf8');
        }
        truncated = true;
        return item.kind === 'raw' ? item.text : '';
    });
    return { argv, truncated };
}
function stringsOf(v) {
    if (v?.kind !== 'array')
        return undefined;
    return v.items.map((i) => (i.kind === 'string' ? i.bytes.toString('utf8') : ''));
}
function bytesOf(v) {
    if (v?.kind === 'string')
        return { data: v.bytes, truncated: v.truncated };
    return { data: Buffer.alloc(0), truncated: v !== undefined };
}
/** Joins the iov_base strings of a msghdr's msg_iov. */
function iovBytes(msg) {
    const iov = msg?.kind === 'struct' ? msg.fields.msg_iov : undefined;
    if (iov?.kind !== 'array')
        return { data: Buffer.alloc(0), truncated: false };
    const parts = [];
    let truncated = iov.elided;
    for (const item of iov.items) {
        const b = bytesOf(item.kind === 'struct' ? item.fields.iov_base : undefined);
        parts.push(b.data);
        truncated ||= b.truncated;
    }
    return { data: Buffer.concat(parts), truncated };
}
const WRITE_FLAGS = new Set(['O_WRONLY', 'O_RDWR', 'O_CREAT', 'O_TRUNC', 'O_APPEND']);
export function parseStrace(text, opts = {}) {
    const lines = parseLines(text);
    const records = lines.records;
    // The root is the first tid that no clone returned; lines without a pid belong to it.
    const clonedTids = new Set();
    for (const rec of records)
        if (rec.type === 'syscall' && SPAWN_CALLS.has(rec.name) && rec.ret !== null && rec.ret > 0)
            clonedTids.add(rec.ret);
    let rootTid;
    for (const rec of records) {
        if (rec.tid !== null && !clonedTids.has(rec.tid)) {
            rootTid = rec.tid;
            break;
        }
    }
    const fallbackTid = rootTid ?? opts.defaultPid ?? 0;
    const tidOf = (t) => t ?? fallbackTid;
    const spawns = collectSpawns(records, tidOf);
    inferMissingSpawns(records, spawns, tidOf, rootTid ?? fallbackTid);
    const pidOfTid = (tid) => {
        let cur = tid;
        for (let guard = 0; guard < 10000; guard++) {
            const s = spawns.get(cur);
            if (!s || !s.thread)
                return cur;
            cur = s.parentTid;
        }
        return cur;
    };
    const processes = new Map();
    const ensureProcess = (pid, ts) => {
        let p = processes.get(pid);
        if (!p) {
            const s = spawns.get(pid);
            let ppid = 0;
            if (s) {
                const parent = pidOfTid(s.parentTid);
                ppid = s.sibling ? (processes.get(parent)?.ppid ?? 0) : parent;
            }
            p = { pid, ppid, firstTs: ts, execs: [], tids: [] };
            processes.set(pid, p);
        }
        return p;
    };
    const events = [];
    const skipped = [];
    // Per process: fd -> socket domain/type.
    const sockets = new Map();
    const socketTable = (pid) => {
        let t = sockets.get(pid);
        if (!t) {
            t = new Map();
            sockets.set(pid, t);
        }
        return t;
    };
    const exitGroupCode = new Map();
    let firstTs = null;
    for (const rec of records) {
        const tid = tidOf(rec.tid);
        const pid = pidOfTid(tid);
        const proc = ensureProcess(pid, rec.ts);
        if (!proc.tids.includes(tid))
            proc.tids.push(tid);
        if (firstTs === null && rec.ts !== null)
            firstTs = rec.ts;
        const base = { ts: rec.ts, pid, tid, lineNo: rec.lineNo };
        if (rec.type === 'signal') {
            events.push({ ...base, kind: 'signal', signal: rec.signal });
            continue;
        }
        if (rec.type === 'superseded')
            continue;
        if (rec.type === 'exit') {
            // Only the leader's exit ends the process; Go prints one line per thread.
            if (tid !== pid)
                continue;
            const code = rec.code ?? (rec.signal === undefined ? exitGroupCode.get(pid) : undefined);
            proc.exitCode = code;
            proc.exitSignal = rec.signal;
            proc.exitTs = rec.ts;
            events.push({ ...base, kind: 'exit', ...(code !== undefined ? { code } : {}), ...(rec.signal ? { signal: rec.signal } : {}) });
            continue;
        }
        const args = parseArgs(rec.argsText);
        const arg = (i) => args[i]?.value;
        const ok = rec.ret !== null && rec.ret >= 0;
        const errno = rec.errno ? { errno: rec.errno } : {};
        const skip = (reason) => {
            skipped.push({ lineNo: rec.lineNo, name: rec.name, reason });
        };
        switch (rec.name) {
            case 'execve':
            case 'execveat': {
                const off = rec.name === 'execveat' ? 1 : 0;
                const path = asText(arg(off));
                if (path === undefined) {
                    skip('execve path is not a string');
                    break;
                }
                const { argv, truncated } = argvOf(arg(off + 1));
                const env = stringsOf(arg(off + 2));
                const ev = {
                    ...base,
                    kind: 'exec',
                    path,
                    argv,
                    argvTruncated: truncated,
                    ...(env ? { env } : {}),
                    ok: rec.ret === 0,
                    ...errno,
                };
                proc.execs.push(ev);
                events.push(ev);
                break;
            }
            case 'clone':
            case 'clone3':
            case 'fork':
            case 'vfork': {
                if (rec.ret !== null && rec.ret < 0) {
                    if (!splitFlagNames(cloneFlags(rec, args)).includes('CLONE_THREAD'))
                        events.push({ ...base, kind: 'spawn-failed', via: rec.name, ...errno });
                    break;
                }
                if (rec.ret === null || rec.ret <= 0)
                    break;
                const s = spawns.get(rec.ret);
                if (s?.thread)
                    break;
                const child = ensureProcess(rec.ret, rec.ts);
                // Fork copies the fd table.
                const parentTable = sockets.get(pid);
                if (parentTable)
                    sockets.set(child.pid, new Map(parentTable));
                events.push({ ...base, kind: 'spawn', childPid: rec.ret, via: rec.name });
                break;
            }
            case 'exit_group': {
                const code = asNumber(arg(0));
                if (code !== undefined)
                    exitGroupCode.set(pid, code);
                break;
            }
            case 'socket': {
                const domain = asFlags(arg(0))[0] ?? 'unknown';
                const type = splitFlagNames(asFlags(arg(1))).find((f) => f.startsWith('SOCK_') && f !== 'SOCK_CLOEXEC' && f !== 'SOCK_NONBLOCK') ?? 'unknown';
                const fd = ok ? rec.ret : null;
                // An unprivileged ping socket (SOCK_DGRAM + IPPROTO_ICMP) sends ICMP, not UDP.
                const icmp = asFlags(arg(2)).some((f) => /^IPPROTO_ICMP(?:V6)?$/.test(f));
                if (fd !== null)
                    socketTable(pid).set(fd, { domain, type: icmp ? 'SOCK_RAW' : type });
                events.push({ ...base, kind: 'socket', domain, type, fd, ok, ...errno });
                break;
            }
            case 'connect':
            case 'bind': {
                const fd = asNumber(arg(0)) ?? null;
                const addr = decodeSockAddr(arg(1));
                if (!addr) {
                    skip('sockaddr not decoded');
                    break;
                }
                if (rec.name === 'bind') {
                    events.push({ ...base, kind: 'bind', fd, addr, ok });
                    break;
                }
                const sock = fd !== null ? sockets.get(pid)?.get(fd) : undefined;
                events.push({
                    ...base,
                    kind: 'connect',
                    fd,
                    addr,
                    proto: socketProto(sock?.domain, sock?.type, addr),
                    ok: ok || rec.errno === 'EINPROGRESS',
                    ...errno,
                });
                break;
            }
            case 'listen':
                events.push({ ...base, kind: 'listen', fd: asNumber(arg(0)) ?? null, ok });
                break;
            case 'sendto':
            case 'sendmsg':
            case 'sendmmsg': {
                const fd = asNumber(arg(0)) ?? null;
                let addr;
                let payload;
                if (rec.name === 'sendto') {
                    addr = decodeSockAddr(arg(4));
                    payload = bytesOf(arg(1));
                }
                else {
                    let msg = arg(1);
                    if (rec.name === 'sendmmsg') {
                        const first = msg?.kind === 'array' ? msg.items[0] : undefined;
                        msg = first?.kind === 'struct' ? first.fields.msg_hdr : undefined;
                    }
                    addr = decodeSockAddr(msg?.kind === 'struct' ? msg.fields.msg_name : undefined);
                    payload = iovBytes(msg);
                }
                const sock = fd !== null ? sockets.get(pid)?.get(fd) : undefined;
                events.push({
                    ...base,
                    kind: 'send',
                    syscall: rec.name,
                    fd,
                    ...(addr ? { addr } : {}),
                    proto: socketProto(sock?.domain, sock?.type, addr),
                    data: payload.data,
                    dataTruncated: payload.truncated,
                    ok,
                    ...errno,
                });
                break;
            }
            case 'open':
            case 'openat':
            case 'creat': {
                const off = rec.name === 'openat' ? 1 : 0;
                const path = asText(arg(off));
                if (path === undefined) {
                    skip('path is not a string');
                    break;
                }
                const flags = rec.name === 'creat' ? ['O_CREAT', 'O_WRONLY', 'O_TRUNC'] : splitFlagNames(asFlags(arg(off + 1)));
                const write = flags.some((f) => WRITE_FLAGS.has(f));
                events.push({ ...base, kind: 'file', op: write ? 'write' : 'read', path, flags, ok, ...errno, syscall: rec.name });
                break;
            }
            case 'unlink':
            case 'unlinkat': {
                const path = asText(arg(rec.name === 'unlinkat' ? 1 : 0));
                if (path === undefined) {
                    skip('path is not a string');
                    break;
                }
                events.push({ ...base, kind: 'file', op: 'delete', path, ok, ...errno, syscall: rec.name });
                break;
            }
            case 'rename':
            case 'renameat':
            case 'renameat2': {
                const at = rec.name !== 'rename';
                const from = asText(arg(at ? 1 : 0));
                const to = asText(arg(at ? 3 : 1));
                if (from === undefined || to === undefined) {
                    skip('paths are not strings');
                    break;
                }
                events.push({ ...base, kind: 'file', op: 'rename', path: from, to, ok, ...errno, syscall: rec.name });
                break;
            }
            case 'chmod':
            case 'fchmodat': {
                const off = rec.name === 'fchmodat' ? 1 : 0;
                const path = asText(arg(off));
                if (path === undefined) {
                    skip('path is not a string');
                    break;
                }
                const mode = arg(off + 1);
                events.push({ ...base, kind: 'file', op: 'chmod', path, flags: mode?.kind === 'number' ? [mode.text] : asFlags(mode), ok, ...errno, syscall: rec.name });
                break;
            }
            case 'kill':
            case 'ptrace': {
                const request = rec.name === 'kill' ? arg(1) : arg(0);
                const target = asNumber(rec.name === 'kill' ? arg(0) : arg(1));
                if (target === undefined) {
                    skip('target pid is not a number');
                    break;
                }
                const what = request?.kind === 'number' ? request.text : (asFlags(request)[0] ?? '?');
                events.push({ ...base, kind: 'proc-control', syscall: rec.name, target, what, ok, ...errno });
                break;
            }
            case 'access':
            case 'stat':
            case 'lstat':
            case 'faccessat':
            case 'faccessat2':
            case 'newfstatat':
            case 'statx': {
                const path = asText(arg(rec.name === 'access' || rec.name === 'stat' || rec.name === 'lstat' ? 0 : 1));
                // fstat-like calls on a descriptor (AT_EMPTY_PATH with "") name no path.
                if (path === undefined || path === '')
                    break;
                events.push({ ...base, kind: 'probe', path, syscall: rec.name, ok, ...errno });
                break;
            }
            default:
                skip('syscall not interpreted');
        }
    }
    return {
        events,
        processes: [...processes.values()],
        unparsed: lines.unparsed,
        skipped,
        lineCount: lines.lineCount,
        timeFormat: lines.timeFormat,
        firstTs,
    };
}
/** Merges `strace -ff -o prefix` output (one file per pid, no pid prefixes) into one log. */
export function mergePerPidLogs(logs) {
    const tagged = [];
    let order = 0;
    for (const { pid, text } of logs) {
        let lastTs = 0;
        for (const line of text.split('\n')) {
            if (line.trim() === '')
                continue;
            const t = /^(?:(\d{2}):(\d{2}):(\d{2})\.(\d+)|(\d{9,})\.(\d+))\s/.exec(line);
            if (t)
                lastTs = t[1] !== undefined ? Number(t[1]) * 3600 + Number(t[2]) * 60 + Number(`${t[3]}.${t[4]}`) : Number(`${t[5]}.${t[6]}`);
            tagged.push({ ts: lastTs, order: order++, line: `${pid}  ${line}` });
        }
    }
    tagged.sort((a, b) => a.ts - b.ts || a.order - b.order);
    return tagged.map((t) => t.line).join('\n') + '\n';
}
//# sourceMappingURL=parse.js.map