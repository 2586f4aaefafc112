// A fixed set of analysis threads. run() hands a target to an idle thread and settles with its result
// or a failure; a target past its time limit, or a thread that dies, costs that thread (it is replaced),
// never the batch.
import { Worker } from 'node:worker_threads';
import type { AnalysisResult } from '../result/schema.js';
import type { FailureRecord } from './store.js';
import type { WorkerInit, WorkerJob, WorkerReply } from './analyze-worker.js';

export type JobOutcome = { ok: true; result: AnalysisResult } | { ok: false; error: string; errorKind: FailureRecord['errorKind'] };

const WORKER_URL = new URL('./analyze-worker.js', import.meta.url);

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: boolean;
  /** Set when the thread has exited (e.g. crashed while idle): the slot gets a fresh thread before use. */
  dead: boolean;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<(slot: Slot) => void> = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly init: Omit<WorkerInit, 'gosnareBatchWorker'>,
    private readonly targetTimeoutMs: number,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL, { workerData: { gosnareBatchWorker: true, ...this.init } satisfies WorkerInit });
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: WorkerReply) => {
        if ('ready' in m) {
          worker.off('message', onMessage);
          worker.off('error', reject);
          resolve();
        } else if ('fatal' in m) reject(new Error(m.fatal));
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    ready.catch(() => undefined);
    const slot: Slot = { worker, ready, busy: false, dead: false };
    // An error of an idle thread must not take the orchestrator down; its exit marks the slot.
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      slot.dead = true;
    });
    return slot;
  }

  private acquire(): Promise<Slot> {
    const idle = this.slots.find((s) => !s.busy);
    if (idle) {
      idle.busy = true;
      return Promise.resolve(idle);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  private replace(slot: Slot): Slot {
    void slot.worker.terminate().catch(() => undefined);
    const fresh = this.spawn();
    fresh.busy = true;
    this.slots[this.slots.indexOf(slot)] = fresh;
    return fresh;
  }

  async run(job: Omit<WorkerJob, 'id'>): Promise<JobOutcome> {
    if (this.closed) throw new Error('worker pool is closed');
    let slot = await this.acquire();
    if (slot.dead) slot = this.replace(slot);
    try {
      await slot.ready;
    } catch (err) {
      // A thread that cannot start (bad rule pack) will not start next time either: that is fatal.
      this.release(slot);
      throw err;
    }
    const id = this.nextId++;
    const w = slot.worker;
    const outcome = await new Promise<JobOutcome & { lost?: boolean }>((resolve) => {
      const timer = setTimeout(() => finish({ ok: false, error: `timed out after ${Math.round(this.targetTimeoutMs / 1000)} s`, errorKind: 'timeout', lost: true }), this.targetTimeoutMs);
      const onMessage = (m: WorkerReply) => {
        if ('id' in m && m.id === id) finish(m.ok ? { ok: true, result: m.result } : { ok: false, error: m.error, errorKind: m.errorKind });
      };
      const onError = (e: Error) => finish({ ok: false, error: `analysis thread crashed: ${e.message.split('\n')[0]}`, errorKind: 'crashed', lost: true });
      const onExit = (code: number) => finish({ ok: false, error: `analysis thread exited (${code})`, errorKind: 'crashed', lost: true });
      const finish = (o: JobOutcome & { lost?: boolean }) => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        resolve(o);
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage({ id, ...job } satisfies WorkerJob);
    });
    if (outcome.lost && !this.closed) slot = this.replace(slot);
    this.release(slot);
    const { lost: _lost, ...rest } = outcome;
    return rest as JobOutcome;
  }

  /** Tells every analysis thread to create no more containers (the batch was interrupted). */
  stop(): void {
    for (const s of this.slots) s.worker.postMessage({ stop: true });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }
}
