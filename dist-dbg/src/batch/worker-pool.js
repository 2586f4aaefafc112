// A fixed set of analysis threads. run() hands a target to an idle thread and settles with its result
// or a failure; a target past its time limit, or a thread that dies, costs that thread (it is replaced),
// never the batch.
import { Worker } from 'node:worker_threads';
const WORKER_URL = new URL('./analyze-worker.js', import.meta.url);
export class WorkerPool {
    size;
    init;
    targetTimeoutMs;
    slots = [];
    waiting = [];
    nextId = 1;
    closed = false;
    constructor(size, init, targetTimeoutMs) {
        this.size = size;
        this.init = init;
        this.targetTimeoutMs = targetTimeoutMs;
        for (let i = 0; i < size; i++)
            this.slots.push(this.spawn());
    }
    spawn() {
        const worker = new Worker(WORKER_URL, { workerData: { gosnareBatchWorker: true, ...this.init } });
        const ready = new Promise((resolve, reject) => {
            const onMessage = (m) => {
                if ('ready' in m) {
                    worker.off('message', onMessage);
                    worker.off('error', reject);
                    resolve();
                }
                else if ('fatal' in m)
                    reject(new Error(m.fatal));
            };
            worker.on('message', onMessage);
            worker.once('error', reject);
        });
        ready.catch(() => undefined);
        const slot = { worker, ready, busy: false, dead: false };
        // An error of an idle thread must not take the orchestrator down; its exit marks the slot.
        worker.on('error', () => undefined);
        worker.on('exit', () => {
            slot.dead = true;
        });
        return slot;
    }
    acquire() {
        const idle = this.slots.find((s) => !s.busy);
        if (idle) {
            idle.busy = true;
            return Promise.resolve(idle);
        }
        return new Promise((resolve) => this.waiting.push(resolve));
    }
    release(slot) {
        const next = this.waiting.shift();
        if (next)
            next(slot);
        else
            slot.busy = false;
    }
    replace(slot) {
        void slot.worker.terminate().catch(() => undefined);
        const fresh = this.spawn();
        fresh.busy = true;
        this.slots[this.slots.indexOf(slot)] = fresh;
        return fresh;
    }
    async run(job) {
        if (this.closed)
            throw new Error('worker pool is closed');
        let slot = await this.acquire();
        if (slot.dead)
            slot = this.replace(slot);
        try {
            await slot.ready;
        }
        catch (err) {
            // A thread that cannot start (bad rule pack) will not start next time either: that is fatal.
            this.release(slot);
            throw err;
        }
        const id = this.nextId++;
        const w = slot.worker;
        const outcome = await new Promise((resolve) => {
            const timer = setTimeout(() => finish({ ok: false, error: `timed out after ${Math.round(this.targetTimeoutMs / 1000)} s`, errorKind: 'timeout', lost: true }), this.targetTimeoutMs);
            const onMessage = (m) => {
                if ('id' in m && m.id === id)
                    finish(m.ok ? { ok: true, result: m.result } : { ok: false, error: m.error, errorKind: m.errorKind });
            };
            const onError = (e) => finish({ ok: false, error: `analysis thread crashed: ${e.message.split('\n')[0]}`, errorKind: 'crashed', lost: true });
            const onExit = (code) => finish({ ok: false, error: `analysis thread exited (${code})`, errorKind: 'crashed', lost: true });
            const finish = (o) => {
                clearTimeout(timer);
                w.off('message', onMessage);
                w.off('error', onError);
                w.off('exit', onExit);
                resolve(o);
            };
            w.on('message', onMessage);
            w.on('error', onError);
            w.on('exit', onExit);
            w.postMessage({ id, ...job });
        });
        if (outcome.lost && !this.closed)
            slot = this.replace(slot);
        this.release(slot);
        const { lost: _lost, ...rest } = outcome;
        return rest;
    }
    async close() {
        this.closed = true;
        await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => undefined)));
    }
}
//# sourceMappingURL=worker-pool.js.map