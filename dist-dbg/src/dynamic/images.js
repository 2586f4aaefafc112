// Sandbox images without a registry: a Debian base made by debootstrap and imported, then the
// sink and sample images built from sandbox/ Dockerfiles. Every image is tagged by a hash of its
// inputs (files + base image id), so it is rebuilt only when an input changes.
import { spawn, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile, chmod, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import tarFs from 'tar-fs';
import { engine } from './engine.js';
const execFileP = promisify(execFile);
/** Bumped when the recipe (not its input files) changes, to force rebuilds. */
const RECIPE_VERSION = 'v1';
const DEBIAN_SUITE = 'bookworm';
const REPO = { base: 'gosnare-base', sink: 'gosnare-sink', sample: 'gosnare-sample' };
/** The repository's sandbox/ directory, found upwards from this module (src/ or dist/src/). */
export function sandboxDir() {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 6; i++) {
        if (existsSync(join(dir, 'sandbox', 'sink', 'go.mod')))
            return join(dir, 'sandbox');
        dir = dirname(dir);
    }
    throw new Error('sandbox/ directory not found above ' + fileURLToPath(import.meta.url));
}
function sha(parts) {
    const h = createHash('sha256');
    for (const p of parts) {
        h.update(String(p.length));
        h.update(p);
    }
    return h.digest('hex').slice(0, 16);
}
/** Files below dir (sorted, relative paths), skipping `skip` names. */
function listFiles(dir, skip = new Set()) {
    const out = [];
    const walk = (d) => {
        for (const name of readdirSync(d).sort()) {
            if (skip.has(name))
                continue;
            const p = join(d, name);
            if (statSync(p).isDirectory())
                walk(p);
            else
                out.push(relative(dir, p));
        }
    };
    walk(dir);
    return out;
}
function hashDir(dir, skip) {
    return listFiles(dir, skip).flatMap((f) => [f, readFileSync(join(dir, f)).toString('base64')]);
}
export function basePackages() {
    return readFileSync(join(sandboxDir(), 'base', 'packages.txt'), 'utf8')
        .split('\n')
        .map((l) => l.replace(/#.*/, '').trim())
        .filter((l) => l !== '');
}
/** The Debian mirror apt is configured with here (deb822 `URIs:` or one-line `deb` form). */
export function debianMirror() {
    if (process.env.GOSNARE_DEBIAN_MIRROR)
        return process.env.GOSNARE_DEBIAN_MIRROR;
    const files = ['/etc/apt/sources.list'];
    try {
        for (const f of readdirSync('/etc/apt/sources.list.d'))
            files.push(join('/etc/apt/sources.list.d', f));
    }
    catch {
        /* no directory */
    }
    for (const f of files) {
        let text;
        try {
            text = readFileSync(f, 'utf8');
        }
        catch {
            continue;
        }
        for (const m of text.matchAll(/^\s*(?:URIs:\s*|deb\s+(?:\[[^\]]*\]\s+)?)(\S+)/gm)) {
            const uri = m[1].replace(/\/$/, '');
            if (/\/debian$/.test(uri) && !/security/.test(uri))
                return uri;
        }
    }
    return 'http://deb.debian.org/debian';
}
/** Expected base image: GOSNARE_BASE_IMAGE when set, else the debootstrap image for the package list. */
export function baseTarget() {
    if (process.env.GOSNARE_BASE_IMAGE) {
        return { role: 'base', ref: process.env.GOSNARE_BASE_IMAGE, inputsHash: 'external' };
    }
    const inputsHash = sha([RECIPE_VERSION, DEBIAN_SUITE, 'minbase', ...basePackages()]);
    return { role: 'base', ref: `${REPO.base}:${inputsHash}`, inputsHash };
}
async function goVersion() {
    const { stdout } = await execFileP('go', ['version']);
    return stdout.trim();
}
/** Expected sink/sample tags for a given base image id. */
export async function derivedTargets(baseId) {
    const dir = sandboxDir();
    const sinkHash = sha([RECIPE_VERSION, baseId, await goVersion(), ...hashDir(join(dir, 'sink'))]);
    const sampleHash = sha([RECIPE_VERSION, baseId, ...hashDir(join(dir, 'sample'))]);
    return {
        sink: { role: 'sink', ref: `${REPO.sink}:${sinkHash}`, inputsHash: sinkHash },
        sample: { role: 'sample', ref: `${REPO.sample}:${sampleHash}`, inputsHash: sampleHash },
    };
}
export async function imageId(docker, ref) {
    try {
        return (await docker.getImage(ref).inspect()).Id;
    }
    catch {
        return undefined;
    }
}
/** Consumes a build/import/pull progress stream; rejects on an error message in the stream. */
function followStream(docker, stream, onLine) {
    return new Promise((resolve, reject) => {
        let failure;
        docker.modem.followProgress(stream, (err) => {
            if (err)
                reject(err);
            else if (failure)
                reject(new Error(failure));
            else
                resolve();
        }, (ev) => {
            if (ev.error || ev.errorDetail)
                failure = ev.errorDetail?.message ?? ev.error;
            const line = (ev.stream ?? ev.status ?? '').trim();
            if (line)
                onLine(line);
        });
    });
}
function run(cmd, args, onLine, cwd) {
    return new Promise((resolve, reject) => {
        const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
        let tail = '';
        const take = (chunk) => {
            const text = chunk.toString();
            tail = (tail + text).slice(-4000);
            for (const line of text.split('\n'))
                if (line.trim())
                    onLine(line.trim());
        };
        child.stdout.on('data', take);
        child.stderr.on('data', take);
        child.on('error', reject);
        child.on('close', (code) => code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}: ${tail.trim().split('\n').slice(-5).join('\n')}`)));
    });
}
async function buildBase(docker, target, progress) {
    if (process.getuid?.() !== 0) {
        throw new Error(`the base image ${target.ref} is missing and building it needs root (debootstrap). Run as root, or set GOSNARE_BASE_IMAGE=debian:bookworm-slim where a registry is reachable.`);
    }
    const mirror = debianMirror();
    const root = await mkdtemp(join(tmpdir(), 'gosnare-rootfs-'));
    try {
        progress(`debootstrap ${DEBIAN_SUITE} (minbase) from ${mirror}`);
        await run('debootstrap', ['--variant=minbase', `--include=${basePackages().join(',')}`, DEBIAN_SUITE, root, mirror], (l) => {
            if (/^I: (Retrieving|Validating|Installing|Configuring|Extracting|Unpacking) /.test(l) === false && /^I: /.test(l))
                progress(l);
        });
        // Trim what the image does not need: package caches, device nodes (the engine mounts /dev).
        for (const sub of ['var/cache/apt/archives', 'var/lib/apt/lists', 'dev', 'proc', 'sys', 'run', 'tmp']) {
            await rm(join(root, sub), { recursive: true, force: true });
        }
        for (const sub of ['var/cache/apt/archives/partial', 'var/lib/apt/lists/partial', 'dev', 'proc', 'sys', 'run', 'tmp']) {
            await run('mkdir', ['-p', join(root, sub)], () => undefined);
        }
        await chmod(join(root, 'tmp'), 0o1777);
        // Keep the configured mirror so a later `apt-get install` in a Dockerfile works where allowed.
        await writeFile(join(root, 'etc/apt/sources.list'), `deb ${mirror} ${DEBIAN_SUITE} main\n`);
        progress('importing rootfs into the engine');
        const tar = spawn('tar', ['-C', root, '--numeric-owner', '-cf', '-', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
        const tarExit = new Promise((resolve) => tar.on('close', resolve));
        const [repo, tag] = target.ref.split(':');
        const stream = await docker.importImage(tar.stdout, {
            repo,
            tag,
            changes: [
                'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
                'CMD ["/bin/bash"]',
                'LABEL gosnare.role=base',
                `LABEL gosnare.inputs=${target.inputsHash}`,
            ],
        });
        await followStream(docker, stream, () => undefined);
        const code = await tarExit;
        if (code !== 0)
            throw new Error(`tar exited with ${code}`);
    }
    finally {
        await rm(root, { recursive: true, force: true });
    }
}
async function ensureBase(docker, progress) {
    const target = baseTarget();
    let id = await imageId(docker, target.ref);
    if (id)
        return id;
    if (target.inputsHash === 'external') {
        progress(`pulling ${target.ref}`);
        const pulled = await docker.pull(target.ref);
        await followStream(docker, pulled, progress);
    }
    else {
        await buildBase(docker, target, progress);
    }
    id = await imageId(docker, target.ref);
    if (!id)
        throw new Error(`base image ${target.ref} missing after build`);
    progress(`base image ready: ${target.ref}`);
    return id;
}
async function buildFromDir(docker, contextDir, target, baseRef, offline, progress) {
    const tar = tarFs.pack(contextDir);
    const options = {
        t: target.ref,
        buildargs: { BASE: baseRef },
        labels: { 'gosnare.role': target.role, 'gosnare.inputs': target.inputsHash },
        // The debootstrap base already holds every package: build steps need no network.
        networkmode: offline ? 'none' : 'default',
        rm: true,
        forcerm: true,
        pull: false,
    };
    const stream = await docker.buildImage(tar, options);
    await followStream(docker, stream, (l) => {
        if (/^Step \d+\/\d+/.test(l))
            progress(l);
    });
}
/** Builds the sink binary for linux/amd64 on the host (static, no cgo) into a staging context. */
async function stageSinkContext(progress) {
    const src = join(sandboxDir(), 'sink');
    const ctx = await mkdtemp(join(tmpdir(), 'gosnare-sinkctx-'));
    progress('go build sandbox/sink (CGO_ENABLED=0)');
    await new Promise((resolve, reject) => {
        execFile('go', ['build', '-trimpath', '-ldflags=-s -w', '-o', join(ctx, 'gosnare-sink'), '.'], { cwd: src, env: { ...process.env, CGO_ENABLED: '0', GOOS: 'linux', GOFLAGS: '-mod=mod' } }, (err, _stdout, stderr) => (err ? reject(new Error(`go build of the sink failed: ${stderr || err.message}`)) : resolve()));
    });
    for (const f of ['Dockerfile', 'entrypoint.sh'])
        await copyFile(join(src, f), join(ctx, f));
    await chmod(join(ctx, 'entrypoint.sh'), 0o755);
    return ctx;
}
/** Makes sure base, sink and sample images exist for the current inputs; builds what is missing. */
export async function ensureImages(opts = {}) {
    const docker = opts.docker ?? engine();
    const say = (role) => (message) => opts.onProgress?.(message, role);
    const base = baseTarget();
    const baseId = await ensureBase(docker, say('base'));
    const { sink, sample } = await derivedTargets(baseId);
    const offline = base.inputsHash !== 'external';
    if (!(await imageId(docker, sink.ref))) {
        const ctx = await stageSinkContext(say('sink'));
        try {
            await buildFromDir(docker, ctx, sink, base.ref, offline, say('sink'));
        }
        finally {
            await rm(ctx, { recursive: true, force: true });
        }
        say('sink')(`sink image ready: ${sink.ref}`);
    }
    if (!(await imageId(docker, sample.ref))) {
        await buildFromDir(docker, join(sandboxDir(), 'sample'), sample, base.ref, offline, say('sample'));
        say('sample')(`sample image ready: ${sample.ref}`);
    }
    return { base: base.ref, sink: sink.ref, sample: sample.ref };
}
/** What ensureImages would build, without building anything (for `doctor`). */
export async function imageStates(docker = engine()) {
    const base = baseTarget();
    const baseId = await imageId(docker, base.ref);
    const states = [];
    const olderExists = async (repo) => (await docker.listImages({ filters: JSON.stringify({ reference: [`${repo}`] }) })).length > 0;
    states.push({ role: 'base', ref: base.ref, present: baseId !== undefined, stale: baseId === undefined && (await olderExists(REPO.base)) });
    if (baseId) {
        const { sink, sample } = await derivedTargets(baseId);
        for (const t of [sink, sample]) {
            const present = (await imageId(docker, t.ref)) !== undefined;
            states.push({ role: t.role, ref: t.ref, present, stale: !present && (await olderExists(REPO[t.role])) });
        }
    }
    else {
        for (const role of ['sink', 'sample']) {
            states.push({ role, ref: `${REPO[role]}:?`, present: false, stale: await olderExists(REPO[role]) });
        }
    }
    return states;
}
/** Reads a file of the sandbox dir (used by tests and docs). */
export async function readSandboxFile(rel) {
    return readFile(join(sandboxDir(), rel), 'utf8');
}
//# sourceMappingURL=images.js.map