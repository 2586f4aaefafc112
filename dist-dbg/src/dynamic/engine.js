// The Docker engine connection. dockerode (docker-modem) reads DOCKER_HOST, DOCKER_TLS_VERIFY and
// DOCKER_CERT_PATH itself, as every Docker tool does; this module only shares one client and
// describes where it points for messages.
import Docker from 'dockerode';
let shared;
/** The process-wide engine client (created on first use). */
export function engine() {
    shared ??= new Docker();
    return shared;
}
/** Where the engine is expected, for messages: DOCKER_HOST or the default socket. */
export function engineAddress() {
    return process.env.DOCKER_HOST && process.env.DOCKER_HOST !== ''
        ? process.env.DOCKER_HOST
        : 'unix:///var/run/docker.sock';
}
/** Asks the engine for /_ping and /version within `timeoutMs`; never throws. */
export async function pingEngine(timeoutMs = 3000) {
    const address = engineAddress();
    const docker = engine();
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
        await Promise.race([docker.ping(), timeout]);
        const v = await Promise.race([docker.version(), timeout]);
        return { ok: true, address, version: v.Version, apiVersion: v.ApiVersion };
    }
    catch (err) {
        return { ok: false, address, error: err instanceof Error ? err.message : String(err) };
    }
    finally {
        clearTimeout(timer);
    }
}
/** Message for a user when no engine answered. */
export function noEngineMessage(ping) {
    return (`No Docker engine answered at ${ping.address}` +
        (ping.error ? ` (${ping.error})` : '') +
        '. Run `sudo scripts/setup-docker.sh` or set DOCKER_HOST.');
}
//# sourceMappingURL=engine.js.map