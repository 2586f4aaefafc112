// `gosnare sandbox doctor`: what the sandbox needs, what is there, and what to do about the rest.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { engine, noEngineMessage, pingEngine } from './engine.js';
import { baseTarget, imageStates } from './images.js';
import { attachOutput, delay } from './container-io.js';
import { containerLabels, removeTracked, track } from './container-registry.js';
const execFileP = promisify(execFile);
const BUILD_FIX = 'Run `gosnare sandbox build` (as root the first time: the base image is made with debootstrap).';
async function which(cmd, args) {
    try {
        const { stdout, stderr } = await execFileP(cmd, args, { timeout: 10_000 });
        return (stdout || stderr).trim().split('\n')[0];
    }
    catch {
        return undefined;
    }
}
async function checkLimits(docker) {
    const info = (await docker.info());
    const missing = [
        info.PidsLimit ? '' : 'pids limit',
        info.MemoryLimit ? '' : 'memory limit',
        info.CpuCfsQuota ? '' : 'CPU quota',
    ].filter(Boolean);
    const where = `cgroup v${info.CgroupVersion ?? '?'} (${info.CgroupDriver ?? '?'} driver)`;
    if (missing.length) {
        return {
            name: 'resource limits',
            ok: false,
            detail: `${where}: the engine cannot enforce ${missing.join(', ')}; a fork bomb or memory hog would not be contained.`,
            fix: 'Enable the pids, memory and cpu cgroup controllers for the Docker engine (kernel boot options or cgroup v2).',
        };
    }
    return {
        name: 'resource limits',
        ok: true,
        detail: `${where}: pids, memory and CPU limits supported${info.SwapLimit ? '' : ' (no swap accounting: swap limits are ignored)'}.`,
    };
}
/** Runs `strace -V` in the sample image, with no network: proves the tracer is there and runs. */
async function checkStrace(docker, image) {
    let c;
    try {
        c = await docker.createContainer({
            Image: image,
            Cmd: ['strace', '-V'],
            Labels: containerLabels('doctor'),
            HostConfig: { NetworkMode: 'none', CapDrop: ['ALL'], LogConfig: { Type: 'none', Config: {} } },
        });
        track(c);
        const out = await attachOutput(docker, c, 16 * 1024);
        const exited = c.wait({ condition: 'next-exit' });
        exited.catch(() => undefined);
        await c.start();
        const r = await Promise.race([exited, delay(20_000).then(() => undefined)]);
        await Promise.race([out.ended, delay(1000)]);
        const first = out.stdout.text().trim().split('\n')[0] ?? '';
        if (r?.StatusCode === 0 && /strace/.test(first))
            return { name: 'strace in sample image', ok: true, detail: first };
        return {
            name: 'strace in sample image',
            ok: false,
            detail: `strace -V failed in ${image}: ${out.stderr.text().trim() || 'no output'}`,
            fix: 'Rebuild the images: remove the gosnare-sample image (`docker rmi`) and run `gosnare sandbox build`.',
        };
    }
    catch (err) {
        return { name: 'strace in sample image', ok: false, detail: String(err instanceof Error ? err.message : err), fix: BUILD_FIX };
    }
    finally {
        await removeTracked(c);
    }
}
export async function doctor() {
    const checks = [];
    const ping = await pingEngine();
    checks.push(ping.ok
        ? { name: 'docker engine', ok: true, detail: `Docker ${ping.version} (API ${ping.apiVersion}) answers at ${ping.address}.` }
        : {
            name: 'docker engine',
            ok: false,
            detail: noEngineMessage(ping),
            fix: 'Run `sudo scripts/setup-docker.sh` (installs and starts dockerd) or set DOCKER_HOST to a running engine.',
        });
    const goVersion = await which('go', ['version']);
    checks.push(goVersion
        ? { name: 'go toolchain', ok: true, detail: `${goVersion} (its GOROOT is mounted read-only into sandboxed builds).` }
        : { name: 'go toolchain', ok: false, detail: 'No `go` on PATH: harness builds and the sink program need it.', fix: 'Install Go 1.22 or newer and put it on PATH.' });
    const docker = engine();
    let samplePresent;
    let basePresent = false;
    if (ping.ok) {
        checks.push(await checkLimits(docker).catch((err) => ({ name: 'resource limits', ok: false, detail: String(err) })));
        try {
            const states = await imageStates(docker);
            for (const s of states) {
                if (s.role === 'base')
                    basePresent = s.present;
                if (s.role === 'sample' && s.present)
                    samplePresent = s.ref;
                checks.push(s.present
                    ? { name: `${s.role} image`, ok: true, detail: `${s.ref} is present and up to date.` }
                    : {
                        name: `${s.role} image`,
                        ok: false,
                        detail: s.stale
                            ? `An older ${s.role} image exists but its inputs changed; ${s.ref} is not built yet.`
                            : `${s.role === 'base' ? s.ref : 'The ' + s.role + ' image'} is not built yet.`,
                        fix: BUILD_FIX,
                    });
            }
        }
        catch (err) {
            checks.push({ name: 'images', ok: false, detail: `Could not inspect images: ${String(err instanceof Error ? err.message : err)}`, fix: BUILD_FIX });
        }
    }
    const external = baseTarget().inputsHash === 'external';
    const deboot = await which('debootstrap', ['--version']);
    const isRoot = process.getuid?.() === 0;
    if (deboot || basePresent || external) {
        checks.push({
            name: 'debootstrap',
            ok: true,
            detail: external
                ? `Not needed: GOSNARE_BASE_IMAGE=${process.env.GOSNARE_BASE_IMAGE} is used as the base.`
                : deboot
                    ? `${deboot}${isRoot || basePresent ? '' : ' (building the base image needs root)'}.`
                    : 'Not installed, but the base image is already built.',
        });
    }
    else {
        checks.push({
            name: 'debootstrap',
            ok: false,
            detail: 'debootstrap is not installed and the base image is missing: it cannot be built without a registry.',
            fix: 'Run `sudo scripts/setup-docker.sh` (installs debootstrap), or set GOSNARE_BASE_IMAGE=debian:bookworm-slim where a registry is reachable.',
        });
    }
    if (ping.ok && samplePresent)
        checks.push(await checkStrace(docker, samplePresent));
    return { ok: checks.every((c) => c.ok), checks };
}
//# sourceMappingURL=doctor.js.map