// Ctrl-C and SIGTERM: remove what this run made, then die of the same signal, so the parent sees the
// conventional status (a shell reports 130 / 143) and a shell loop stops on Ctrl-C. Dying by the signal,
// not process.exit(): exiting while worker threads are inside tree-sitter aborts the process in the
// addon's teardown ("terminate called after throwing Napi::Error"). What a run makes: temp directories (all under one per-process root, see
// useProcessTempRoot) and Docker containers (labelled with this pid, see dynamic/container-registry.ts).
// A batch needs nothing more: its store survives any kill (docs/BATCH.md) and resumes on restart.
import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pidAlive } from '../dynamic/pid-alive.js';

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
/** Cleanup may wait on dockerd; past this the process exits anyway (a later run removes leftovers). */
const CLEANUP_GRACE_MS = 15_000;

type Cleanup = () => Promise<unknown> | unknown;
const cleanups = new Set<Cleanup>();
let tempRoot: string | undefined;
let interrupted = false;

/** Runs `fn` when the process is interrupted; returns a function that unregisters it. */
export function onInterrupt(fn: Cleanup): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

function removeTempRoot(): void {
  if (!tempRoot) return;
  // Rename first: worker threads may still be writing (unpacking a zip) by path under the root; after
  // the rename their next mkdir/open fails instead of adding entries while rmSync walks the tree
  // (which then failed with ENOTEMPTY and left it all behind).
  let doomed = `${tempRoot}.removing`;
  try {
    renameSync(tempRoot, doomed);
  } catch {
    doomed = tempRoot;
  }
  try {
    rmSync(doomed, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // best effort: the OS temp cleaner gets the rest
  }
  tempRoot = undefined;
}

/**
 * Makes one temp directory for this process and points TMPDIR at it, so every temp directory made
 * later — by any module, worker thread or child process (os.tmpdir() reads TMPDIR on each call) — lies
 * inside it, and one removal at exit or interrupt leaves nothing behind, whatever was in flight.
 */
export function useProcessTempRoot(): void {
  if (tempRoot) return;
  removeRootsOfDeadRuns();
  try {
    tempRoot = mkdtempSync(join(tmpdir(), `gosnare-${process.pid}-`));
  } catch {
    return; // an unwritable temp dir will fail later with a clearer message
  }
  process.env.TMPDIR = tempRoot;
  process.on('exit', removeTempRoot);
}

/**
 * Temp roots of runs that died without cleaning up (SIGKILL, a crash) are removed by the next run, in
 * the background. A root whose pid is alive — a parallel run, or a reused pid — is left alone.
 */
function removeRootsOfDeadRuns(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^gosnare-(\d+)-[A-Za-z0-9]{6}(\.removing)?$/.exec(name);
    if (!m || Number(m[1]) === process.pid || pidAlive(Number(m[1]))) continue;
    void rm(join(tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
  }
}

async function handle(signal: keyof typeof SIGNAL_EXIT): Promise<void> {
  // Repeats (a second Ctrl-C, or container-registry re-raising the signal) wait for the same cleanup.
  if (interrupted) return;
  interrupted = true;
  const code = SIGNAL_EXIT[signal];
  process.stderr.write(`gosnare: interrupted (${signal}), cleaning up\n`);
  const die = () => {
    removeTempRoot();
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    // Only if the default action did not end the process (it always should).
    setTimeout(() => process.exit(code), 2_000).unref();
  };
  setTimeout(die, CLEANUP_GRACE_MS).unref();
  await Promise.allSettled([...cleanups].map(async (fn) => fn()));
  die();
}

export function installInterruptHandlers(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void handle(signal));
}

/**
 * On interrupt, remove every container this process made: the tracked ones, and by label those made by
 * worker threads (signals reach only the main thread) or whose creation was still in flight.
 */
export function removeContainersOnInterrupt(): void {
  onInterrupt(async () => {
    const [{ removeAllTracked, CONTAINER_LABEL }, { engine }] = await Promise.all([import('../dynamic/container-registry.js'), import('../dynamic/engine.js')]);
    await removeAllTracked();
    const docker = engine();
    const filters = JSON.stringify({ label: [`${CONTAINER_LABEL}=1`, `gosnare.pid=${process.pid}`] });
    // Twice: a create request already sent when the signal came lands a moment later.
    for (const pause of [0, 750]) {
      await new Promise((resolve) => setTimeout(resolve, pause));
      const mine = await docker.listContainers({ all: true, filters });
      await Promise.allSettled(mine.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true })));
    }
  });
}
