// Line layer: splits strace output into records (complete syscalls, signals, exits), joining
// `<unfinished ...>` / `<... resumed>` halves. Each regex has a sample line above it.
// `8710  02:28:03.738188 rest`, `[pid  8805] 02:28:16.915187 rest`, `100   1764037200.000100 rest`, `rest`
const HEAD = /^(?:\[pid\s+(\d+)\]\s+|(\d+)\s+)?(?:(\d{2}):(\d{2}):(\d{2})\.(\d+)\s+|(\d{9,})\.(\d+)\s+)?(.*)$/;
// `--- SIGURG {si_signo=SIGURG, si_code=SI_TKILL, si_pid=8710, si_uid=0} ---`
const SIGNAL = /^--- (SIG[A-Z0-9+]+|\S+) (.*?)\s*---$/;
// `+++ exited with 3 +++`
const EXITED = /^\+\+\+ exited with (-?\d+) \+\+\+$/;
// `+++ killed by SIGKILL +++`, `+++ killed by SIGSEGV (core dumped) +++`
const KILLED = /^\+\+\+ killed by (SIG[A-Z0-9+]+|\S+)( \(core dumped\))? \+\+\+$/;
// `+++ superseded by execve in pid 9249 +++`
const SUPERSEDED = /^\+\+\+ superseded by execve in pid (\d+) \+\+\+$/;
// `<... execve resumed>) = 0`, `<... clone resumed>, parent_tid=[12]) = 8714`
const RESUMED = /^<\.\.\. ([A-Za-z0-9_?]+) resumed>(.*)$/;
// `clone(child_stack=NULL, flags=CLONE_VM|CLONE_VFORK <unfinished ...>`
const UNFINISHED = /^([A-Za-z0-9_?]+)\((.*?)\s*<unfinished \.\.\.>$/;
// `openat(AT_FDCWD, "/x", O_RDONLY) = 3`
const CALL_START = /^([A-Za-z0-9_?]+)\(/;
// `= -1 ENOENT (No such file or directory)`, `= 0`, `= ?`, `= 3</dev/null>`, `= 0 (Timeout)`
const RESULT = /^=\s*(\?|-?\d+|0x[0-9a-fA-F]+)(?:<[^>]*>)?(?:\s+(E[A-Z0-9_]+))?(?:\s+\(.*\))?(?:\s+<\d+\.\d+>)?\s*$/;
/** Index of the `)` closing the argument list that starts at `open` (the index after `(`). */
function closingParen(text, open) {
    let depth = 0;
    for (let i = open; i < text.length; i++) {
        const ch = text[i];
        if (ch === '"') {
            i++;
            while (i < text.length && text[i] !== '"')
                i += text[i] === '\\' ? 2 : 1;
            continue;
        }
        if (ch === '(' || ch === '[' || ch === '{')
            depth++;
        else if (ch === ']' || ch === '}')
            depth--;
        else if (ch === ')') {
            if (depth === 0)
                return i;
            depth--;
        }
    }
    return -1;
}
function parseComplete(head, body) {
    const start = CALL_START.exec(body);
    if (!start)
        return 'not a syscall line';
    const open = start[0].length;
    const close = closingParen(body, open);
    if (close < 0)
        return 'no closing parenthesis';
    const tail = body.slice(close + 1).trim();
    const result = RESULT.exec(tail);
    if (!result)
        return `unrecognised result ${JSON.stringify(tail.slice(0, 60))}`;
    const retText = result[1];
    let ret = null;
    if (retText !== '?') {
        const n = retText.startsWith('0x') ? parseInt(retText, 16) : parseInt(retText, 10);
        ret = Number.isSafeInteger(n) ? n : null;
    }
    const rec = { ...head, type: 'syscall', name: start[1], argsText: body.slice(open, close), ret, retText };
    if (result[2])
        rec.errno = result[2];
    return rec;
}
/** Drops strace's own progress messages that can land in the middle of a line when it writes to stderr. */
function stripAttachMessages(text, messages) {
    return text.replace(/strace: Process \d+ (?:attached|detached)\n?/g, (m) => {
        messages.push(m.trim());
        return '';
    });
}
export function parseLines(text) {
    const messages = [];
    const rawLines = stripAttachMessages(text, messages).split('\n');
    const records = [];
    const unparsed = [];
    // Pending `<unfinished ...>` halves by tid (-1 for lines without a pid).
    const pending = new Map();
    let timeFormat = 'none';
    let lineCount = 0;
    let unprefixedTid;
    for (let i = 0; i < rawLines.length; i++) {
        let line = rawLines[i].replace(/\r$/, '');
        if (line.trim() === '')
            continue;
        lineCount++;
        // A line broken by an attach message continues on the next line (` <unfinished ...>`).
        while (i + 1 < rawLines.length && /^\s+<unfinished \.\.\.>\s*$/.test(rawLines[i + 1])) {
            line = `${line.trimEnd()} <unfinished ...>`;
            i++;
        }
        const lineNo = i + 1;
        if (line.startsWith('strace: ')) {
            messages.push(line);
            continue;
        }
        const m = HEAD.exec(line);
        const tidText = m[1] ?? m[2];
        const tid = tidText === undefined ? null : Number(tidText);
        let ts = null;
        if (m[3] !== undefined) {
            ts = Number(m[3]) * 3600 + Number(m[4]) * 60 + Number(m[5]) + Number(`0.${m[6]}`);
            timeFormat = 'clock';
        }
        else if (m[7] !== undefined) {
            ts = Number(`${m[7]}.${m[8]}`);
            timeFormat = 'epoch';
        }
        const body = m[9].trimEnd();
        const head = { lineNo, tid, ts };
        const key = tid ?? -1;
        let sm;
        if ((sm = SIGNAL.exec(body))) {
            records.push({ ...head, type: 'signal', signal: sm[1], info: sm[2] });
        }
        else if ((sm = EXITED.exec(body))) {
            records.push({ ...head, type: 'exit', code: Number(sm[1]) });
        }
        else if ((sm = KILLED.exec(body))) {
            records.push({ ...head, type: 'exit', signal: sm[1], coreDumped: sm[2] !== undefined });
        }
        else if ((sm = SUPERSEDED.exec(body))) {
            const byTid = Number(sm[1]);
            records.push({ ...head, type: 'superseded', byTid });
            // The exec'ing thread's pending execve now resumes under this tid.
            const moved = pending.get(byTid);
            if (moved) {
                pending.delete(byTid);
                pending.set(key, moved);
            }
        }
        else if ((sm = UNFINISHED.exec(body))) {
            const prev = pending.get(key);
            if (prev)
                unparsed.push({ lineNo: prev.head.lineNo, text: `${prev.name}(${prev.argsText}`, reason: 'unfinished call never resumed' });
            pending.set(key, { name: sm[1], argsText: sm[2], head });
        }
        else if ((sm = RESUMED.exec(body))) {
            let half = pending.get(key);
            if (!half && tid !== null && pending.get(-1)?.name === sm[1]) {
                // strace writing to stderr prints the first process without a prefix until it has a child;
                // the prefixed resume reveals that process's pid.
                half = pending.get(-1);
                pending.delete(-1);
                unprefixedTid = tid;
            }
            if (!half || half.name !== sm[1]) {
                unparsed.push({ lineNo, text: line, reason: 'resumed call without its unfinished half' });
                continue;
            }
            pending.delete(key);
            const rest = sm[2];
            // Resumed and unfinished again (rare): keep waiting with the longer argument text.
            const again = /^(.*?)\s*<unfinished \.\.\.>$/.exec(rest);
            if (again) {
                pending.set(key, { name: half.name, argsText: half.argsText + again[1], head: half.head });
                continue;
            }
            // Time the call at its start, where the process initiated it.
            const rec = parseComplete(half.head, `${half.name}(${half.argsText}${rest}`);
            if (typeof rec === 'string')
                unparsed.push({ lineNo, text: line, reason: rec });
            else
                records.push(rec);
        }
        else {
            const rec = parseComplete(head, body);
            if (typeof rec === 'string')
                unparsed.push({ lineNo, text: line, reason: rec });
            else
                records.push(rec);
        }
    }
    for (const half of pending.values()) {
        // A call still running when the trace ended (e.g. the process was killed mid-syscall): keep it.
        records.push({ ...half.head, type: 'syscall', name: half.name, argsText: half.argsText, ret: null, retText: '?' });
    }
    if (unprefixedTid !== undefined)
        for (const rec of records)
            if (rec.tid === null)
                rec.tid = unprefixedTid;
    // Joined calls carry the line number of their start: restore start order.
    records.sort((a, b) => a.lineNo - b.lineNo);
    return { records, unparsed, messages, lineCount, timeFormat };
}
//# sourceMappingURL=lines.js.map