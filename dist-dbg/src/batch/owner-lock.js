// One batch process per directory: `batch.pid` holds the owner's pid. A file whose process is gone
// (killed, crashed) is taken over, which is what makes a SIGKILLed batch restartable.
import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
export class BatchBusyError extends Error {
    name = 'UsageError';
}
function alive(pid) {
    if (!Number.isInteger(pid) || pid <= 0)
        return false;
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM';
    }
}
export function acquireOwnerLock(dir) {
    const file = join(dir, 'batch.pid');
    for (let attempt = 0; attempt < 3; attempt++) {
        try {
            const fd = openSync(file, 'wx');
            writeSync(fd, `${process.pid}\n`);
            closeSync(fd);
            return () => {
                try {
                    if (readFileSync(file, 'utf8').trim() === String(process.pid))
                        unlinkSync(file);
                }
                catch {
                    // already gone
                }
            };
        }
        catch (err) {
            if (err.code !== 'EEXIST')
                throw err;
            let pid = NaN;
            try {
                pid = Number(readFileSync(file, 'utf8').trim());
            }
            catch {
                // vanished in between: try again
            }
            if (pid !== process.pid && alive(pid))
                throw new BatchBusyError(`another batch (pid ${pid}) is writing to ${dir}; if it is not running, delete ${file}`);
            try {
                unlinkSync(file);
            }
            catch {
                // someone else took it over first; the next attempt tells
            }
        }
    }
    throw new BatchBusyError(`cannot take the batch lock ${file}`);
}
//# sourceMappingURL=owner-lock.js.map