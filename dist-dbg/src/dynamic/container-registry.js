// Every container gosnare creates is labelled and tracked here, so that none outlives the run:
// removed after use, on SIGINT/SIGTERM, and (for a process that died hard) by a later run.
import { hostname } from 'node:os';
import { engine } from './engine.js';
export const CONTAINER_LABEL = 'gosnare';
/** Labels for a new container: who made it, so a later run can tell leftovers from live ones. */
export function containerLabels(role) {
    return {
        [CONTAINER_LABEL]: '1',
        'gosnare.role': role,
        'gosnare.pid': String(process.pid),
        'gosnare.host': hostname(),
    };
}
const live = new Map();
let handlersInstalled = false;
async function removeQuietly(c) {
    try {
        await c.remove({ force: true, v: true });
    }
    catch {
        /* already gone */
    }
}
function installSignalHandlers() {
    if (handlersInstalled)
        return;
    handlersInstalled = true;
    for (const sig of ['SIGINT', 'SIGTERM']) {
        process.once(sig, () => {
            void removeAllTracked().finally(() => {
                // Handler was `once`: re-raising now gets the default behaviour (or the next listener).
                process.kill(process.pid, sig);
            });
        });
    }
}
export function track(c) {
    installSignalHandlers();
    live.set(c.id, c);
}
/** Removes a tracked container (force) and forgets it. */
export async function removeTracked(c) {
    if (!c)
        return;
    live.delete(c.id);
    await removeQuietly(c);
}
export async function removeAllTracked() {
    const all = [...live.values()];
    live.clear();
    await Promise.all(all.map(removeQuietly));
}
function pidAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM';
    }
}
/**
 * Removes containers left by gosnare processes of this host that no longer run.
 * Containers of live processes (a parallel batch) are left alone. Returns how many were removed.
 */
export async function removeLeftoverContainers(docker = engine()) {
    const list = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${CONTAINER_LABEL}=1`] }) });
    const me = hostname();
    const stale = list.filter((c) => {
        const pid = Number(c.Labels['gosnare.pid']);
        if (c.Labels['gosnare.host'] !== me || !Number.isInteger(pid))
            return false;
        return pid !== process.pid && !pidAlive(pid);
    });
    await Promise.all(stale.map((c) => removeQuietly(docker.getContainer(c.Id))));
    return stale.length;
}
//# sourceMappingURL=container-registry.js.map