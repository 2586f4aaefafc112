// Where results go: stdout in the chosen format, and optionally one file per target under --out.
import { mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { renderReport } from '../report/index.js';
/** `rules` supplies SARIF rule metadata (the pack the analysis ran with). */
export function render(result, format, color, rules) {
    return renderReport(result, format, { color, rules });
}
/** A file name that says which target it holds and cannot escape the directory. */
export function resultFileName(target) {
    const base = target.replace(/^[./]+/, '').replace(/[^A-Za-z0-9@._+-]+/g, '_').slice(0, 180) || 'target';
    return `${base}.json`;
}
/** Writes atomically (temp + rename) so a killed run never leaves half a result behind. */
export function writeResult(dir, result) {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, resultFileName(result.target));
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(result, null, 2) + '\n');
    renameSync(tmp, file);
    return file;
}
//# sourceMappingURL=output.js.map