// Host side of dependency fetching. `go list -e -deps -mod=mod` on the build copy resolves the
// imports the harness needs, adds missing requirements and go.sum lines, and downloads the
// module zips into gosnare's own GOMODCACHE. It parses Go files but runs none of the module's
// code (no cgo, no generate); the compile itself happens later in a container without network.
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
const OUTPUT_LIMIT = 256 * 1024;
/** Runs `go <args>` with a time limit, collecting stdout+stderr (bounded). Never throws. */
export function runGo(args, opts) {
    const started = Date.now();
    return new Promise((resolve) => {
        let output = '';
        let timedOut = false;
        const child = spawn('go', args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        const collect = (b) => {
            if (output.length < OUTPUT_LIMIT)
                output += b.toString('utf8');
        };
        child.stdout.on('data', collect);
        child.stderr.on('data', collect);
        const timer = setTimeout(() => {
            timedOut = true;
            // The go command's own children (downloads, vcs) are in its process group.
            if (child.pid !== undefined) {
                try {
                    process.kill(-child.pid, 'SIGKILL');
                }
                catch {
                    child.kill('SIGKILL');
                }
            }
        }, opts.timeoutMs);
        child.on('error', (err) => {
            clearTimeout(timer);
            resolve({ code: null, output: `${output}${err.message}`, timedOut, durationMs: Date.now() - started });
        });
        child.on('close', (code) => {
            clearTimeout(timer);
            resolve({ code, output, timedOut, durationMs: Date.now() - started });
        });
    });
}
export function defaultGoModCache() {
    return process.env.GOSNARE_GOMODCACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'gosnare', 'gomodcache');
}
export function defaultGoCache() {
    return process.env.GOSNARE_GOCACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'gosnare', 'gocache');
}
/** Environment for host-side go commands: the user's proxy/sumdb/private settings, gosnare's cache. */
export function hostGoEnv(goModCache) {
    const userFlags = (process.env.GOFLAGS ?? '').split(/\s+/).filter((f) => f !== '' && !f.startsWith('-mod='));
    return {
        ...process.env,
        GOMODCACHE: goModCache,
        GOFLAGS: [...userFlags, '-mod=mod'].join(' '),
        GOTOOLCHAIN: 'local',
        GOWORK: 'off',
        CGO_ENABLED: '0',
        GOOS: 'linux',
        GOARCH: 'amd64',
    };
}
let cachedVersion;
/** The local toolchain version without the `go` prefix, e.g. "1.26.8". */
export async function localGoVersion() {
    if (cachedVersion)
        return cachedVersion;
    const r = await runGo(['env', 'GOVERSION'], { cwd: process.cwd(), env: { ...process.env, GOTOOLCHAIN: 'local' }, timeoutMs: 30000 });
    const m = /go(\d+\.\d+(?:\.\d+)?)/.exec(r.output);
    if (!m)
        throw new Error(`cannot find the local Go toolchain: ${r.output.trim() || 'go env failed'}`);
    cachedVersion = m[1];
    return cachedVersion;
}
/** Resolves and downloads what building `patterns` (relative to srcDir, e.g. ./zz_gosnare_harness) needs. */
export async function fetchDependencies(srcDir, patterns, opts) {
    const r = await runGo(['list', '-e', '-deps', '-f', '{{if .Error}}{{.ImportPath}}: {{.Error}}{{end}}', ...patterns], {
        cwd: srcDir,
        env: hostGoEnv(opts.goModCache),
        timeoutMs: opts.timeoutMs,
    });
    return { ...r, ok: r.code === 0 && !r.timedOut };
}
//# sourceMappingURL=deps.js.map