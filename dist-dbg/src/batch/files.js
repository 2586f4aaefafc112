// One JSON file per target in the batch directory, written atomically (temp file, fsync, rename, fsync
// of the directory): after a crash a file is either complete or absent.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
export const RESULTS_SUBDIR = 'results';
export const STORE_FILE = 'gosnare-batch.sqlite';
/** A file name that says which target it holds, cannot escape the directory, and is unique per key. */
export function batchFileName(key) {
    const base = key.replace(/^[./]+/, '').replace(/[^A-Za-z0-9@._+-]+/g, '_').slice(0, 120) || 'target';
    const hash = createHash('sha256').update(key).digest('hex').slice(0, 10);
    return `${base}.${hash}.json`;
}
export function writeFileAtomic(file, text) {
    const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const fd = openSync(tmp, 'w');
    try {
        writeSync(fd, text);
        fsyncSync(fd);
    }
    finally {
        closeSync(fd);
    }
    renameSync(tmp, file);
    const dirFd = openSync(join(file, '..'), 'r');
    try {
        fsyncSync(dirFd);
    }
    finally {
        closeSync(dirFd);
    }
}
/** Removes temp files a killed run left behind. */
export function removeStaleTemps(dir) {
    if (!existsSync(dir))
        return 0;
    let n = 0;
    for (const name of readdirSync(dir)) {
        if (/\.tmp-\d+-[a-z0-9]+$/.test(name)) {
            unlinkSync(join(dir, name));
            n++;
        }
    }
    return n;
}
export function ensureBatchDir(dir) {
    const results = join(dir, RESULTS_SUBDIR);
    mkdirSync(results, { recursive: true });
    return results;
}
//# sourceMappingURL=files.js.map