// Output of a container, read through the attach stream (the containers use the "none" log
// driver, so a flood of output never reaches the engine's disk), kept up to a byte budget.
import { Writable } from 'node:stream';
/** Shared byte budget for stdout + stderr; what goes over is counted and dropped. */
export class OutputBudget {
    limitBytes;
    used = 0;
    truncated = false;
    constructor(limitBytes) {
        this.limitBytes = limitBytes;
    }
    /** Returns the part of `chunk` that still fits. */
    take(chunk) {
        const room = this.limitBytes - this.used;
        if (room <= 0) {
            if (chunk.length > 0)
                this.truncated = true;
            return Buffer.alloc(0);
        }
        const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
        if (kept.length < chunk.length)
            this.truncated = true;
        this.used += kept.length;
        return kept;
    }
}
export class CappedSink extends Writable {
    budget;
    onText;
    parts = [];
    constructor(budget, onText) {
        super();
        this.budget = budget;
        this.onText = onText;
    }
    _write(chunk, _enc, done) {
        const kept = this.budget.take(chunk);
        if (kept.length) {
            this.parts.push(kept);
            this.onText?.(kept.toString('utf8'));
        }
        done();
    }
    text() {
        return Buffer.concat(this.parts).toString('utf8');
    }
}
/** Attaches to a created (not yet started) container's stdout/stderr. */
export async function attachOutput(docker, container, limitBytes, onStdout) {
    const budget = new OutputBudget(limitBytes);
    const stdout = new CappedSink(budget, onStdout);
    const stderr = new CappedSink(budget);
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    docker.modem.demuxStream(stream, stdout, stderr);
    const ended = new Promise((resolve) => {
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.on('error', () => resolve());
    });
    return { stdout, stderr, budget, ended };
}
/** Resolves after `ms` or never blocks longer than that when racing. */
export function delay(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
//# sourceMappingURL=container-io.js.map