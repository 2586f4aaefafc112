import { dynamicReasons } from './dynamic-evidence.js';
import { fileRole } from '../static/scan.js';
export const DEFAULT_THRESHOLDS = { suspicious: 10, malicious: 100 };
const SEVERITY_WEIGHT = { info: 0, low: 3, medium: 10, high: 40, critical: 100 };
const IMPORT_TIME = new Set(['init', 'package-var', 'reachable-from-init']);
/** A finding's reason. Import-time context raises high findings to malicious grade: code that runs on import
 * with no caller's consent is the attack, the same call in an ordinary function is a capability. */
export function findingReason(f, source) {
    let weight = SEVERITY_WEIGHT[f.severity];
    let grade = f.severity === 'critical' ? 'malicious' : weight > 0 ? 'suspicious' : 'info';
    if (f.severity === 'high' && f.context && IMPORT_TIME.has(f.context)) {
        weight = 100;
        grade = 'malicious';
    }
    // Tests, testdata and `_`/`.` directories never build into a dependent: what they do cannot reach a
    // user of the module, so they weigh a tenth and are never more than suspicious on their own.
    if (source === 'static' && fileRole(f.file) !== 'source' && fileRole(f.file) !== 'vendor') {
        weight = weight / 10;
        if (grade === 'malicious')
            grade = 'suspicious';
    }
    const where = `${f.file}:${f.line}`;
    return {
        source,
        category: f.category,
        weight,
        grade,
        message: f.message,
        evidence: source === 'module' ? f.ruleId : `${f.ruleId} at ${where}${f.context ? ` (${f.context})` : ''}`,
    };
}
export function levelFor(score, reasons, t) {
    if (reasons.some((r) => r.grade === 'malicious') || score >= t.malicious)
        return 'malicious';
    // Suspicious only by score: a lone low-severity capability (a CLI running git) must not flag a module.
    if (score >= t.suspicious)
        return 'suspicious';
    return 'clean';
}
/** Marks static reasons whose recovered strings the dynamic run actually executed or contacted. */
function markConfirmed(findings, reasons, phases) {
    const seen = [];
    for (const p of phases) {
        for (const proc of p.processes)
            seen.push(proc.argv.join(' '));
        for (const c of p.network.connections)
            seen.push(`${c.dst.ip}:${c.dst.port}`, c.host ?? '', c.http?.host ?? '');
        for (const d of p.network.dns)
            seen.push(d.name);
    }
    const haystack = seen.filter(Boolean);
    findings.forEach((f, i) => {
        const reason = reasons[i];
        if (!reason)
            return;
        const hit = f.recoveredStrings.some((s) => {
            const needle = s.trim();
            return needle.length >= 3 && haystack.some((h) => h.includes(needle) || (h.length >= 6 && needle.includes(h)));
        });
        if (hit)
            reason.confirmed = true;
    });
}
export function computeVerdict(result, thresholds = DEFAULT_THRESHOLDS) {
    const staticReasons = result.static.findings.map((f) => findingReason(f, 'static'));
    if (result.dynamic)
        markConfirmed(result.static.findings, staticReasons, result.dynamic.phases);
    const reasons = [
        ...result.moduleFindings.map((f) => findingReason(f, 'module')),
        ...staticReasons,
        ...(result.dynamic ? dynamicReasons(result.dynamic.phases) : []),
    ].filter((r) => r.weight > 0 || r.grade !== 'info');
    // Repeated hits of one rule should not drown the rest: count each (source, evidence-rule) at full weight
    // once and later repeats at a tenth.
    const seenRule = new Map();
    let score = 0;
    for (const r of reasons) {
        const key = `${r.source}:${r.evidence.split(' ')[0]}`;
        const n = seenRule.get(key) ?? 0;
        seenRule.set(key, n + 1);
        score += n === 0 ? r.weight : r.weight / 10;
    }
    reasons.sort((a, b) => b.weight - a.weight || Number(b.confirmed ?? false) - Number(a.confirmed ?? false));
    score = Math.round(score * 10) / 10;
    return { level: levelFor(score, reasons, thresholds), score, reasons };
}
//# sourceMappingURL=score.js.map