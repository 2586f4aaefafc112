// `go build` of an untrusted module, inside a container with no network: the host's GOROOT and a
// module cache filled beforehand on the host are mounted read-only, only the build cache and the
// output directory are writable.
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';
import { engine } from './engine.js';
import { attachOutput, delay } from './container-io.js';
import { containerLabels, removeTracked, track } from './container-registry.js';
import { sandboxImages } from './sandbox-run.js';
const execFileP = promisify(execFile);
export const BUILD_PATHS = { src: '/src', out: '/out', goroot: '/usr/local/go', modcache: '/gomodcache', gocache: '/gocache' };
/** Persistent build cache shared by sandboxed builds. */
export function defaultGoCacheDir() {
    return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'gosnare', 'gocache');
}
let gorootOnce;
/** `go env GOROOT` of the host toolchain, mounted into the build container. */
export function hostGoroot() {
    gorootOnce ??= execFileP('go', ['env', 'GOROOT']).then(({ stdout }) => stdout.trim());
    return gorootOnce;
}
function buildConfig(image, req, goroot, name) {
    const workdir = posix.join(BUILD_PATHS.src, req.workdirInSrc ?? '.');
    const uid = process.getuid?.() ?? 0;
    const gid = process.getgid?.() ?? 0;
    const memory = req.memoryBytes ?? 2 * 1024 * 1024 * 1024;
    return {
        name,
        Image: image,
        // The caller's uid: outputs belong to them; as root, root with every capability dropped.
        User: `${uid}:${gid}`,
        WorkingDir: workdir,
        Entrypoint: [`${BUILD_PATHS.goroot}/bin/go`],
        Cmd: ['build', ...req.args],
        Env: [
            `PATH=${BUILD_PATHS.goroot}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
            `GOROOT=${BUILD_PATHS.goroot}`,
            `GOMODCACHE=${BUILD_PATHS.modcache}`,
            `GOCACHE=${BUILD_PATHS.gocache}`,
            'GOPATH=/tmp/gopath',
            'HOME=/tmp',
            'TMPDIR=/tmp',
            'CGO_ENABLED=0',
            'GOTOOLCHAIN=local',
            'GOFLAGS=-mod=mod -buildvcs=false',
            'GOPROXY=off',
            // The host verified the modules when it filled the cache; there is no network here anyway.
            'GOSUMDB=off',
            'GOTELEMETRY=off',
        ],
        Labels: containerLabels('build'),
        AttachStdout: true,
        AttachStderr: true,
        HostConfig: {
            NetworkMode: 'none',
            CapDrop: ['ALL'],
            SecurityOpt: ['no-new-privileges'],
            ReadonlyRootfs: true,
            Tmpfs: { '/tmp': 'rw,nosuid,nodev,size=1g,mode=1777' },
            Binds: [
                `${goroot}:${BUILD_PATHS.goroot}:ro`,
                `${req.goModCache}:${BUILD_PATHS.modcache}:ro`,
                `${req.goCache}:${BUILD_PATHS.gocache}`,
                `${req.srcDir}:${BUILD_PATHS.src}`,
                `${req.outDir}:${BUILD_PATHS.out}`,
            ],
            Memory: memory,
            MemorySwap: memory,
            PidsLimit: 512,
            LogConfig: { Type: 'none', Config: {} },
        },
    };
}
/** Runs `go build <args>` in a network-less container; never throws for build failures. */
export async function runBuild(req) {
    const docker = engine();
    const started = Date.now();
    let container;
    try {
        const [images, goroot] = await Promise.all([sandboxImages(), hostGoroot()]);
        await Promise.all([mkdir(req.goCache, { recursive: true }), mkdir(req.outDir, { recursive: true })]);
        const name = `gosnare-build-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
        container = await docker.createContainer(buildConfig(images.sample, req, goroot, name));
        track(container);
        const out = await attachOutput(docker, container, req.outputBytes ?? 256 * 1024);
        const exited = container.wait({ condition: 'next-exit' });
        exited.catch(() => undefined);
        await container.start();
        const raced = await Promise.race([exited, delay(req.timeoutMs).then(() => 'timeout')]);
        if (raced === 'timeout') {
            await container.kill({ signal: 'SIGKILL' }).catch(() => undefined);
            await Promise.race([exited, delay(5000)]);
        }
        await Promise.race([out.ended, delay(1000)]);
        const output = out.stdout.text() + out.stderr.text() + (out.budget.truncated ? '\n[gosnare] build output truncated\n' : '');
        const status = raced === 'timeout' ? 'timeout' : raced.StatusCode === 0 ? 'ok' : 'failed';
        return { status, output, durationMs: Date.now() - started };
    }
    catch (err) {
        return { status: 'failed', output: `[gosnare] build could not run: ${err instanceof Error ? err.message : String(err)}`, durationMs: Date.now() - started };
    }
    finally {
        await removeTracked(container);
    }
}
//# sourceMappingURL=build-run.js.map