import { mdCell, mdText } from '../report/markdown.js';
export const SUMMARY_FORMATS = ['text', 'md', 'csv'];
export const SUMMARY_SORTS = ['severity', 'duration', 'target'];
const RANK = { malicious: 0, suspicious: 1, failed: 2, clean: 3 };
export function outcomeOf(r) {
    return r.status === 'failed' ? 'failed' : (r.verdict ?? 'unknown');
}
export function sortRows(rows, by) {
    const copy = [...rows];
    const byTarget = (a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0);
    if (by === 'target')
        return copy.sort(byTarget);
    if (by === 'duration')
        return copy.sort((a, b) => b.durationMs - a.durationMs || byTarget(a, b));
    return copy.sort((a, b) => (RANK[outcomeOf(a)] ?? 9) - (RANK[outcomeOf(b)] ?? 9) || (b.score ?? 0) - (a.score ?? 0) || byTarget(a, b));
}
function reasonsOf(r) {
    return r.status === 'failed' ? `${r.errorKind ?? 'error'}: ${r.error ?? ''}` : r.topReasons.join('; ');
}
function csvField(s) {
    // Also defuses spreadsheet formulas: a cell from the module must never start with = + - @.
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
/** One line, no control characters (module strings must not drive the terminal), at most n chars. */
function short(s, n) {
    const one = s.replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
    return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}
export function formatSummary(rows, format) {
    const counts = new Map();
    for (const r of rows)
        counts.set(outcomeOf(r), (counts.get(outcomeOf(r)) ?? 0) + 1);
    const tally = ['malicious', 'suspicious', 'failed', 'clean'].map((k) => `${counts.get(k) ?? 0} ${k}`).join(', ');
    if (format === 'csv') {
        const lines = ['target,verdict,score,module,version,duration_ms,top_reasons,result_file'];
        for (const r of rows) {
            lines.push([r.target, outcomeOf(r), r.score === null ? '' : String(r.score), r.modulePath ?? '', r.moduleVersion ?? '', String(r.durationMs), reasonsOf(r), r.file].map(csvField).join(','));
        }
        return lines.join('\n') + '\n';
    }
    if (format === 'md') {
        const lines = [`${rows.length} targets: ${tally}.`, '', '| target | verdict | score | duration (s) | top reasons |', '| --- | --- | ---: | ---: | --- |'];
        for (const r of rows) {
            lines.push(`| ${mdCell(r.target)} | ${r.status === 'failed' ? '**failed**' : mdText(outcomeOf(r))} | ${r.score ?? ''} | ${(r.durationMs / 1000).toFixed(1)} | ${mdText(short(reasonsOf(r), 300))} |`);
        }
        return lines.join('\n') + '\n';
    }
    const width = Math.min(60, Math.max(6, ...rows.map((r) => r.target.length)));
    const lines = [`${'target'.padEnd(width)}  ${'verdict'.padEnd(10)} ${'score'.padStart(6)} ${'time'.padStart(7)}  top reasons`];
    for (const r of rows) {
        lines.push(`${short(r.target, width).padEnd(width)}  ${outcomeOf(r).padEnd(10)} ${(r.score ?? '').toString().padStart(6)} ${`${(r.durationMs / 1000).toFixed(1)}s`.padStart(7)}  ${short(reasonsOf(r), 140)}`);
    }
    lines.push('', `${rows.length} targets: ${tally}.`);
    return lines.join('\n') + '\n';
}
//# sourceMappingURL=summary.js.map