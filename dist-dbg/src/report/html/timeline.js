import { executedCommands, networkTimeline } from '../facts.js';
import { esc, token } from './escape.js';
export function phaseEvents(p) {
    const events = [];
    const commands = executedCommands(p);
    p.processes.slice(1).forEach((proc, i) => events.push({ ts: proc.ts, kind: 'exec', pid: proc.pid, summary: commands[i] ?? proc.path }));
    events.push(...networkTimeline(p));
    for (const f of p.files)
        if (f.bait || f.op !== 'read')
            events.push({ ts: f.ts, kind: 'file', pid: f.pid, summary: `${f.op} ${f.path}${f.bait ? ' (planted credential file)' : ''}` });
    for (const t of p.timeline)
        if (t.kind === 'exit' || t.kind === 'signal' || t.kind === 'note')
            events.push({ ts: t.ts, kind: t.kind, pid: t.pid, summary: t.summary });
    return events.sort((a, b) => a.ts - b.ts);
}
const LANES = [['exec'], ['dns'], ['connect', 'http'], ['file'], ['exit', 'signal', 'note']];
const LANE_NAMES = ['process', 'dns', 'network', 'file', 'other'];
export function timelineSvg(events, rowId) {
    if (events.length === 0)
        return '';
    const width = 900;
    const left = 70;
    const right = 20;
    const laneH = 26;
    const top = 10;
    const maxTs = Math.max(0.001, ...events.map((e) => e.ts));
    const x = (ts) => left + ((width - left - right) * Math.max(0, ts)) / maxTs;
    const height = top + LANES.length * laneH + 24;
    const parts = [];
    parts.push(`<svg class="timeline" viewBox="0 0 ${width} ${height}" role="img" aria-label="event timeline">`);
    LANES.forEach((_, li) => {
        const y = top + li * laneH + laneH / 2;
        parts.push(`<text x="4" y="${y + 4}">${LANE_NAMES[li]}</text><line class="axis" x1="${left}" y1="${y}" x2="${width - right}" y2="${y}" stroke-dasharray="2 4"/>`);
    });
    const axisY = top + LANES.length * laneH + 4;
    parts.push(`<line class="axis" x1="${left}" y1="${axisY}" x2="${width - right}" y2="${axisY}"/>`);
    for (let k = 0; k <= 4; k++) {
        const ts = (maxTs * k) / 4;
        parts.push(`<text x="${x(ts) - 10}" y="${axisY + 16}">${ts.toFixed(2)} s</text>`);
    }
    events.forEach((e, i) => {
        const lane = LANES.findIndex((l) => l.includes(e.kind));
        const y = top + lane * laneH + laneH / 2;
        parts.push(`<circle class="ev ev-${token(e.kind)}" cx="${x(e.ts).toFixed(1)}" cy="${y}" r="6" data-row="${esc(rowId(i))}"><title>${esc(`${e.ts.toFixed(2)} s ${e.kind}: ${e.summary}`)}</title></circle>`);
    });
    parts.push('</svg>');
    return parts.join('');
}
//# sourceMappingURL=timeline.js.map