function isImportPhase(p) {
    return p.name === 'import';
}
export function dynamicReasons(phases) {
    const reasons = [];
    for (const p of phases) {
        const importTime = isImportPhase(p);
        const grade = importTime ? 'malicious' : 'suspicious';
        const weight = importTime ? 100 : 20;
        // The first process is the harness itself.
        for (const proc of p.processes.slice(1)) {
            reasons.push({
                source: 'dynamic',
                category: 'exec',
                weight,
                grade,
                message: `${importTime ? 'Importing the module' : `Running ${p.name}`} spawned a process`,
                evidence: `process[${p.name}] pid ${proc.pid}: ${proc.argv.join(' ')}`,
            });
        }
        for (const c of p.network.connections) {
            if (c.family === 'unix')
                continue;
            reasons.push({
                source: 'dynamic',
                category: 'network',
                weight,
                grade,
                message: `${importTime ? 'Importing the module' : `Running ${p.name}`} opened a ${c.proto} connection`,
                evidence: `connection[${p.name}] ${c.proto} ${c.dst.ip}:${c.dst.port}${c.host ? ` (${c.host})` : ''}${c.http ? ` ${c.http.method} ${c.http.host}${c.http.path}` : ''}`,
            });
        }
        for (const d of p.network.dns) {
            reasons.push({
                source: 'dynamic',
                category: 'network',
                weight: importTime ? 40 : 10,
                grade: 'suspicious',
                message: `${importTime ? 'Importing the module' : `Running ${p.name}`} resolved a host name`,
                evidence: `dns[${p.name}] ${d.name} ${d.type}`,
            });
        }
        for (const f of p.files) {
            if (f.bait && f.op === 'read') {
                reasons.push({
                    source: 'dynamic',
                    category: 'credential-access',
                    weight: 100,
                    grade: 'malicious',
                    message: 'Read a planted credential file',
                    evidence: `file[${p.name}] read ${f.path} (pid ${f.pid})`,
                });
            }
            else if (importTime && (f.op === 'write' || f.op === 'delete' || f.op === 'chmod' || f.op === 'rename')) {
                reasons.push({
                    source: 'dynamic',
                    category: 'persistence',
                    weight: 20,
                    grade: 'suspicious',
                    message: `Importing the module changed a file (${f.op})`,
                    evidence: `file[${p.name}] ${f.op} ${f.path} (pid ${f.pid})`,
                });
            }
        }
        // Looking for a sandbox is what evasive payloads do first; attacking the tracer has no benign reading.
        const checks = p.timeline.filter((e) => e.tags?.includes('sandbox-check'));
        if (checks.length) {
            reasons.push({
                source: 'dynamic',
                category: 'evasion',
                weight: 10,
                grade: 'suspicious',
                message: 'Looked for signs of a sandbox, VM or container',
                evidence: `timeline[${p.name}] ${checks.slice(0, 3).map((e) => e.summary).join('; ')}${checks.length > 3 ? ` (+${checks.length - 3} more)` : ''}`,
            });
        }
        for (const e of p.timeline.filter((x) => x.tags?.includes('tracer-attack')).slice(0, 3)) {
            reasons.push({
                source: 'dynamic',
                category: 'evasion',
                weight: 100,
                grade: 'malicious',
                message: 'Tried to kill or ptrace the process tracing it',
                evidence: `timeline[${p.name}] pid ${e.pid ?? '?'}: ${e.summary}`,
            });
        }
        if (p.status === 'timeout' && importTime) {
            reasons.push({
                source: 'dynamic',
                category: 'evasion',
                weight: 10,
                grade: 'suspicious',
                message: 'Importing the module did not finish within the time limit',
                evidence: `phase ${p.name} timeout after ${Math.round(p.durationMs)} ms`,
            });
        }
    }
    return reasons;
}
//# sourceMappingURL=dynamic-evidence.js.map