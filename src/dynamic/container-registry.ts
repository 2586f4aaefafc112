// Every container gosnare creates is labelled and tracked here, so that none outlives the run:
// removed after use, on SIGINT/SIGTERM, and (for a process that died hard) by a later run.
import { hostname } from 'node:os';
import type Docker from 'dockerode';
import { engine } from './engine.js';
import { pidAlive } from './pid-alive.js';

export const CONTAINER_LABEL = 'gosnare';

/** Labels for a new container: who made it, so a later run can tell leftovers from live ones. */
export function containerLabels(role: string): Record<string, string> {
  return {
    [CONTAINER_LABEL]: '1',
    'gosnare.role': role,
    'gosnare.pid': String(process.pid),
    'gosnare.host': hostname(),
  };
}

const live = new Map<string, Docker.Container>();
let handlersInstalled = false;

async function removeQuietly(c: Docker.Container): Promise<void> {
  try {
    await c.remove({ force: true, v: true });
  } catch {
    /* already gone */
  }
}

function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      void removeAllTracked().finally(() => {
        // Handler was `once`: re-raising now gets the default behaviour (or the next listener).
        process.kill(process.pid, sig);
      });
    });
  }
}

let refusing = false;

/**
 * After this, every container this thread creates is removed at once and its run fails: a batch's
 * analysis threads are told so when the batch is interrupted (signals reach only the main thread,
 * which sweeps containers by label; one created after its sweep would be left behind).
 */
export function refuseNewContainers(): void {
  refusing = true;
  void removeAllTracked();
}

export function track(c: Docker.Container): void {
  installSignalHandlers();
  live.set(c.id, c);
  if (refusing) {
    void removeTracked(c);
    throw new Error('interrupted: no new containers');
  }
}

/** Removes a tracked container (force) and forgets it. */
export async function removeTracked(c: Docker.Container | undefined): Promise<void> {
  if (!c) return;
  live.delete(c.id);
  await removeQuietly(c);
}

export async function removeAllTracked(): Promise<void> {
  const all = [...live.values()];
  live.clear();
  await Promise.all(all.map(removeQuietly));
}

/**
 * Removes containers left by gosnare processes of this host that no longer run.
 * Containers of live processes (a parallel batch) are left alone. Returns how many were removed.
 */
export async function removeLeftoverContainers(docker: Docker = engine()): Promise<number> {
  const list = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${CONTAINER_LABEL}=1`] }) });
  const me = hostname();
  const stale = list.filter((c) => {
    const pid = Number(c.Labels['gosnare.pid']);
    if (c.Labels['gosnare.host'] !== me || !Number.isInteger(pid)) return false;
    return pid !== process.pid && !pidAlive(pid);
  });
  await Promise.all(stale.map((c) => removeQuietly(docker.getContainer(c.Id))));
  return stale.length;
}
