// Where gosnare gets GOPROXY / GONOPROXY / GOPRIVATE: explicit options, then the environment,
// then `go env` (which also reads the user's go env file), then Go's public proxy.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
const run = promisify(execFile);
export const DEFAULT_GOPROXY = 'https://proxy.golang.org';
async function goEnv(names) {
    try {
        const { stdout } = await run('go', ['env', '-json', ...names], { timeout: 10_000, env: { ...process.env, GOFLAGS: '' } });
        return JSON.parse(stdout);
    }
    catch {
        return {}; // no Go toolchain: fall back to defaults
    }
}
export async function proxySettings(explicit, env = process.env) {
    // An explicit option wins even when empty; an empty environment variable counts as unset (as in Go).
    let goproxy = explicit.goproxy || env.GOPROXY || undefined;
    // As in Go, GONOPROXY defaults to GOPRIVATE.
    let noProxy = explicit.gonoproxy ?? (env.GONOPROXY || undefined) ?? explicit.goprivate ?? (env.GOPRIVATE || undefined);
    if (goproxy === undefined || noProxy === undefined) {
        const fromGo = await goEnv(['GOPROXY', 'GONOPROXY', 'GOPRIVATE']);
        goproxy ??= fromGo.GOPROXY || undefined;
        noProxy ??= fromGo.GONOPROXY || fromGo.GOPRIVATE || undefined;
    }
    return { goproxy: goproxy ?? DEFAULT_GOPROXY, noProxy: noProxy ?? '' };
}
//# sourceMappingURL=go-env.js.map