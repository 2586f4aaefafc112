const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
function isIp(s) {
    return IPV4.test(s) || s.includes(':');
}
export function connectionTarget(c) {
    return c.family === 'ipv6' ? `[${c.dst.ip}]:${c.dst.port}` : `${c.dst.ip}:${c.dst.port}`;
}
export function httpUrl(c) {
    if (!c.http)
        return undefined;
    return `${c.http.tls ? 'https' : 'http'}://${c.http.host}${c.http.path}`;
}
/** Executed command lines of a phase, without the harness (the first process). */
export function executedCommands(p) {
    return p.processes.slice(1).map((proc) => (proc.argv.length ? proc.argv.join(' ') : proc.path));
}
export function indicators(r) {
    const found = new Map();
    const add = (kind, value, seen) => {
        if (!value)
            return;
        const key = `${kind}\u0000${value}`;
        const prev = found.get(key);
        if (!prev)
            found.set(key, { kind, value, seen });
        else if (prev.seen !== seen && prev.seen !== 'module' && seen !== 'module')
            prev.seen = 'both';
    };
    const i = r.static.iocs;
    for (const d of i.domains)
        add('domain', d, 'static');
    for (const ip of i.ips)
        add('ip', ip, 'static');
    for (const u of i.urls)
        add('url', u, 'static');
    for (const c of i.commands)
        add('command', c, 'static');
    for (const p of r.dynamic?.phases ?? []) {
        for (const d of p.network.dns)
            add(isIp(d.name) ? 'ip' : 'domain', d.name, 'dynamic');
        for (const c of p.network.connections) {
            if (c.family === 'unix')
                continue;
            for (const h of [c.host, c.sni, c.http?.host])
                if (h)
                    add(isIp(h) ? 'ip' : 'domain', h.replace(/:\d+$/, ''), 'dynamic');
            // An address the fake DNS handed out is the sandbox's, not the attacker's: only raw-IP connects count.
            if (!c.host)
                add('ip', c.dst.ip, 'dynamic');
            const url = httpUrl(c);
            if (url)
                add('url', url, 'dynamic');
        }
        for (const cmd of executedCommands(p))
            add('command', cmd, 'dynamic');
        for (const f of p.files)
            if (f.bait || f.op !== 'read')
                add('file', `${f.op} ${f.path}${f.bait ? ' (bait)' : ''}`, 'dynamic');
    }
    // A static command that was executed verbatim (e.g. the argument of sh -c) is confirmed.
    const dynCommands = [...found.values()].filter((x) => x.kind === 'command' && x.seen === 'dynamic').map((x) => x.value);
    for (const x of found.values()) {
        if (x.kind === 'command' && x.seen === 'static' && dynCommands.some((d) => d.includes(x.value)))
            x.seen = 'both';
    }
    if (r.module.h1)
        add('hash', `${r.module.path}${r.module.version ? `@${r.module.version}` : ''} ${r.module.h1}`, 'module');
    if (r.module.h1Mod)
        add('hash', `${r.module.path}${r.module.version ? `@${r.module.version}` : ''}/go.mod ${r.module.h1Mod}`, 'module');
    const order = ['domain', 'ip', 'url', 'command', 'file', 'hash'];
    return [...found.values()].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}
/** DNS questions, connections and HTTP requests of one phase in time order. */
export function networkTimeline(p) {
    const events = [];
    for (const d of p.network.dns)
        events.push({ ts: d.ts, kind: 'dns', summary: `${d.type} ${d.name}`, detail: d.answer ? `answered ${d.answer}` : undefined });
    for (const c of p.network.connections) {
        const target = `${c.proto} ${connectionTarget(c)}${c.host ? ` (${c.host})` : ''}`;
        const url = httpUrl(c);
        if (c.http && url) {
            const headers = Object.entries(c.http.headers).map(([k, v]) => `${k}: ${v}`);
            const body = c.http.bodyPrefix ? [`body: ${c.http.bodyPrefix}`] : [];
            events.push({ ts: c.ts, pid: c.pid, kind: 'http', summary: `${c.http.method} ${url}`, detail: [`via ${target}`, ...headers, ...body].join('\n') });
        }
        else {
            const extra = c.sni ? `tls sni=${c.sni}` : c.firstBytesText ? `sent ${JSON.stringify(c.firstBytesText.slice(0, 200))}` : undefined;
            events.push({ ts: c.ts, pid: c.pid, kind: 'connect', summary: target, detail: extra });
        }
    }
    return events.sort((a, b) => a.ts - b.ts);
}
/** The process tree of a phase as nested nodes (children in start order); orphans become roots. */
export function processForest(p) {
    const nodes = new Map();
    for (const proc of p.processes) {
        if (nodes.has(proc.pid))
            continue;
        nodes.set(proc.pid, { pid: proc.pid, label: proc.argv.length ? proc.argv.join(' ') : proc.path, exitCode: proc.exitCode, ts: proc.ts, children: [] });
    }
    const roots = [];
    const placed = new Set();
    for (const proc of p.processes) {
        if (placed.has(proc.pid))
            continue;
        placed.add(proc.pid);
        const node = nodes.get(proc.pid);
        const parent = proc.ppid !== proc.pid ? nodes.get(proc.ppid) : undefined;
        // Guard against cycles in a hostile or garbled recording: only attach to an already-placed parent.
        if (parent && placed.has(proc.ppid))
            parent.children.push(node);
        else
            roots.push(node);
    }
    return roots;
}
export const LEVEL_LABEL = { clean: 'CLEAN', suspicious: 'SUSPICIOUS', malicious: 'MALICIOUS' };
//# sourceMappingURL=facts.js.map