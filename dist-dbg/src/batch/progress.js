// Batch progress on stderr: on a terminal one line redrawn in place (done / failed / running, rate, ETA);
// otherwise one plain line per finished target, which logs and CI output keep readable.
function duration(ms) {
    if (!Number.isFinite(ms) || ms < 0)
        return '?';
    const s = Math.round(ms / 1000);
    if (s < 60)
        return `${s}s`;
    if (s < 3600)
        return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
    return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
/** Rate over this run (targets per minute) and the time left at that rate. */
export function rateAndEta(s, now = Date.now()) {
    const finished = s.done + s.failed;
    const elapsed = Math.max(1, now - s.startedAt);
    const perMinute = (finished * 60_000) / elapsed;
    const left = s.total - s.skipped - finished;
    return { perMinute, etaMs: finished > 0 ? (left * elapsed) / finished : NaN };
}
export function progressLine(s, width = 24, now = Date.now()) {
    const finished = s.done + s.failed + s.skipped;
    const frac = s.total ? finished / s.total : 1;
    const filled = Math.round(frac * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const { perMinute, etaMs } = rateAndEta(s, now);
    return `${bar} ${finished}/${s.total}  done ${s.done + s.skipped}  failed ${s.failed}  running ${s.running}  ${perMinute.toFixed(1)}/min  ETA ${duration(etaMs)}`;
}
export function ttyProgress(stream) {
    let last = 0;
    const draw = (s, force) => {
        const now = Date.now();
        if (!force && now - last < 150)
            return;
        last = now;
        const cols = stream.columns || 100;
        stream.write(`\r\x1b[2K${progressLine(s).slice(0, cols - 1)}`);
    };
    return {
        update: (s) => draw(s, false),
        finished: (s, line) => {
            stream.write(`\r\x1b[2K${line.slice(0, (stream.columns || 200) - 1)}\n`);
            draw(s, true);
        },
        end: (s) => {
            draw(s, true);
            stream.write('\n');
        },
    };
}
export function plainProgress(stream) {
    return {
        update: () => undefined,
        finished: (s, line) => {
            const { perMinute, etaMs } = rateAndEta(s);
            stream.write(`[${s.done + s.failed + s.skipped}/${s.total}] ${line} (${perMinute.toFixed(1)}/min, ETA ${duration(etaMs)})\n`);
        },
        end: (s) => stream.write(`batch: ${s.done} analysed, ${s.failed} failed, ${s.skipped} already recorded, of ${s.total}\n`),
    };
}
export const silentProgress = { update: () => undefined, finished: () => undefined, end: () => undefined };
//# sourceMappingURL=progress.js.map