// Runs one program in the sandbox: a sink container (loopback-only network namespace where every
// address is local, fake DNS and catch-all TCP, see sandbox/README.md) and a sample container that
// joins the sink's namespace with no capabilities and runs the program under strace as user dev.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, stat, writeFile, copyFile, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engine } from './engine.js';
import { ensureImages } from './images.js';
import { attachOutput, delay } from './container-io.js';
import { containerLabels, removeLeftoverContainers, removeTracked, track } from './container-registry.js';
import { STRACE_ARGS } from './strace/args.js';
export const DEFAULT_LIMITS = {
    memoryBytes: 512 * 1024 * 1024,
    pids: 256,
    cpus: 1,
    outputBytes: 1024 * 1024,
    tmpfsBytes: 64 * 1024 * 1024,
};
/** The unprivileged user the sample runs as (uid/gid 1000, like a first desktop user). */
export const SAMPLE_USER = { name: 'dev', uid: 1000, home: '/home/dev' };
/** Bait credential files present in the sample's home (all fake; see sandbox/sample/make-home.sh). */
export const BAIT_FILES = [
    '/home/dev/.ssh/id_rsa',
    '/home/dev/.ssh/config',
    '/home/dev/.aws/credentials',
    '/home/dev/.netrc',
    '/home/dev/.git-credentials',
    '/home/dev/.docker/config.json',
    '/home/dev/.npmrc',
    '/home/dev/.config/gh/hosts.yml',
    '/home/dev/.kube/config',
    '/home/dev/.bash_history',
];
/** Fake token variables in the sample's environment (assembled so scanners do not flag this file). */
export const FAKE_ENV = {
    GITHUB_TOKEN: 'ghp' + '_gosnareBaitEnvTokenNotReal0000000000',
    AWS_ACCESS_KEY_ID: 'AKIA' + 'GOSNAREBAITENV00',
    AWS_SECRET_ACCESS_KEY: 'gosnareBaitEnvSecretNotReal/000000000000000',
    NPM_TOKEN: 'npm' + '_gosnareBaitEnvTokenNotReal000000000',
    DOCKER_PASSWORD: 'gosnare-bait-docker-password',
};
/** The trace is cut (and the run stopped) past this size: strace -f of a loop can fill a disk. */
const MAX_TRACE_BYTES = Number(process.env.GOSNARE_MAX_TRACE_BYTES ?? 64 * 1024 * 1024);
const SINK_READY_LINE = 'GOSNARE-SINK-READY';
const SINK_READY_TIMEOUT_MS = 15_000;
/** strace gets this long after SIGTERM to kill its tracees and flush the trace before SIGKILL. */
const STOP_GRACE_MS = 1500;
const TRACE_DIR_IN_SAMPLE = '/var/log/trace';
const CA_BUNDLE_IN_SAMPLE = '/etc/ssl/certs/ca-certificates.crt';
const HOST_HAS_IPV6 = existsSync('/proc/sys/net/ipv6');
let imagesOnce;
let leftoversOnce;
/** Images are checked (and built when missing) once per process. */
export function sandboxImages() {
    imagesOnce ??= ensureImages().catch((err) => {
        imagesOnce = undefined;
        throw err;
    });
    return imagesOnce;
}
function randomHostname() {
    const names = ['dev-laptop', 'build-' + randomBytes(2).toString('hex'), 'ws-' + randomBytes(3).toString('hex'), 'thinkpad-x1'];
    return names[randomBytes(1)[0] % names.length];
}
function toEnvList(env) {
    return Object.entries(env).map(([k, v]) => `${k}=${v}`);
}
async function makeRunDirs(label) {
    const root = await mkdtemp(join(tmpdir(), `gosnare-run-${label.replace(/[^a-zA-Z0-9_.-]/g, '_').slice(0, 40)}-`));
    const dirs = {
        root,
        sinkDir: join(root, 'sink'),
        traceDir: join(root, 'trace'),
        resolvConf: join(root, 'resolv.conf'),
        caBundle: join(root, 'ca-certificates.crt'),
    };
    await mkdir(dirs.sinkDir);
    await mkdir(dirs.traceDir);
    // The sink runs as root without CAP_DAC_OVERRIDE: open the dir in case we are not root.
    await chmod(dirs.sinkDir, 0o777);
    // Owner-only: the sample container's root (CAP_DAC_OVERRIDE, whoever owns the dir on the host)
    // makes a root-owned subdirectory here for the trace. The sample user (uid 1000) cannot enter it:
    // a world-writable dir here would be a host directory without a size limit (a disk filler's way
    // around the tmpfs limits).
    await chmod(dirs.traceDir, 0o700);
    // A home-router resolver: its address is caught by the DNS REDIRECT like any other.
    await writeFile(dirs.resolvConf, 'nameserver 192.168.1.1\nsearch lan\n');
    await writeFile(dirs.caBundle, '');
    return dirs;
}
function sinkConfig(image, dirs, hostname, name) {
    return {
        name,
        Image: image,
        Hostname: hostname,
        Labels: containerLabels('sink'),
        HostConfig: {
            NetworkMode: 'none',
            CapDrop: ['ALL'],
            // NET_ADMIN: routes and iptables of its own namespace; NET_RAW: the lo packet socket that sees UDP.
            CapAdd: ['NET_ADMIN', 'NET_RAW'],
            // IPv6 on, so that v6 connects reach the sink too (a kernel without IPv6 cannot take the sysctl).
            Sysctls: HOST_HAS_IPV6 ? { 'net.ipv6.conf.all.disable_ipv6': '0', 'net.ipv6.conf.lo.disable_ipv6': '0' } : {},
            SecurityOpt: ['no-new-privileges'],
            ReadonlyRootfs: true,
            Tmpfs: { '/run': 'rw,nosuid,nodev,size=1m', '/tmp': 'rw,nosuid,nodev,size=4m' },
            Binds: [`${dirs.sinkDir}:/var/log/sink`, `${dirs.resolvConf}:/etc/resolv.conf:ro`],
            Memory: 256 * 1024 * 1024,
            MemorySwap: 256 * 1024 * 1024,
            PidsLimit: 128,
            LogConfig: { Type: 'none', Config: {} },
        },
    };
}
function sampleConfig(image, req, limits, dirs, sinkId, name) {
    const tmpfsSize = Math.max(1024 * 1024, Math.floor(limits.tmpfsBytes));
    return {
        name,
        Image: image,
        User: '0:0',
        WorkingDir: SAMPLE_USER.home,
        Cmd: ['/usr/local/lib/gosnare/launch.sh', TRACE_DIR_IN_SAMPLE, ...STRACE_ARGS, '--', ...req.argv],
        Env: toEnvList({ ...FAKE_ENV, SSL_CERT_FILE: CA_BUNDLE_IN_SAMPLE, ...(req.env ?? {}) }),
        Labels: containerLabels('sample'),
        AttachStdout: true,
        AttachStderr: true,
        HostConfig: {
            NetworkMode: `container:${sinkId}`,
            CapDrop: ['ALL'],
            // Only for launch.sh and strace (root): SETUID/SETGID to become dev, SYS_PTRACE to trace,
            // KILL to stop processes of another uid, DAC_OVERRIDE to write the trace into the owner-only
            // trace dir. The sample (uid 1000, no-new-privileges) holds none: strace -u drops them all.
            CapAdd: ['SETUID', 'SETGID', 'SYS_PTRACE', 'KILL', 'DAC_OVERRIDE'],
            SecurityOpt: ['no-new-privileges'],
            ReadonlyRootfs: true,
            Tmpfs: {
                '/tmp': `rw,nosuid,nodev,size=${tmpfsSize},mode=1777`,
                '/var/tmp': `rw,nosuid,nodev,size=${tmpfsSize},mode=1777`,
                [SAMPLE_USER.home]: `rw,nosuid,nodev,size=${tmpfsSize},uid=${SAMPLE_USER.uid},gid=${SAMPLE_USER.uid},mode=0755`,
            },
            Binds: [
                `${req.hostDir}:/opt/harness:ro`,
                `${dirs.traceDir}:${TRACE_DIR_IN_SAMPLE}`,
                `${dirs.resolvConf}:/etc/resolv.conf:ro`,
                `${dirs.caBundle}:${CA_BUNDLE_IN_SAMPLE}:ro`,
            ],
            Memory: limits.memoryBytes,
            MemorySwap: limits.memoryBytes,
            PidsLimit: limits.pids,
            NanoCpus: Math.round(limits.cpus * 1e9),
            ShmSize: 16 * 1024 * 1024,
            Ulimits: [
                { Name: 'core', Soft: 0, Hard: 0 },
                { Name: 'nofile', Soft: 4096, Hard: 4096 },
            ],
            LogConfig: { Type: 'none', Config: {} },
        },
    };
}
/** Starts the sink and resolves once it printed its ready line; rejects if it exits first. */
async function startSink(docker, sink) {
    let seen = '';
    let settle = () => undefined;
    const outcome = new Promise((resolve, reject) => {
        settle = (err) => (err ? reject(err) : resolve());
    });
    const out = await attachOutput(docker, sink, 64 * 1024, (text) => {
        seen += text;
        if (seen.includes(SINK_READY_LINE))
            settle();
    });
    const timer = setTimeout(() => settle(new Error(`sink not ready after ${SINK_READY_TIMEOUT_MS} ms`)), SINK_READY_TIMEOUT_MS);
    try {
        await sink.start();
        // Exit before the ready line: report what the sink said. (Later calls to settle are no-ops.)
        sink.wait().then(async (r) => {
            await Promise.race([out.ended, delay(500)]);
            settle(new Error(`sink exited (${r.StatusCode}) before it was ready: ${out.stderr.text().trim() || out.stdout.text().trim()}`));
        }, () => undefined);
        await outcome;
    }
    finally {
        clearTimeout(timer);
    }
}
async function readCapped(path, maxBytes) {
    let fh;
    try {
        fh = await open(path, 'r');
    }
    catch {
        return '';
    }
    try {
        const size = (await fh.stat()).size;
        const buf = Buffer.alloc(Math.min(size, maxBytes));
        await fh.read(buf, 0, buf.length, 0);
        return buf.toString('utf8');
    }
    finally {
        await fh.close();
    }
}
/**
 * The sample user (uid 1000) must be able to enter the bind-mounted harness dir; mkdtemp makes
 * 0700 dirs. Adds o+rx to the dir itself (files inside are the caller's business: `go build`
 * output is 0755).
 */
async function makeReadableForSample(dir) {
    const mode = (await stat(dir)).mode & 0o7777;
    if ((mode & 0o005) !== 0o005)
        await chmod(dir, mode | 0o055);
}
export function parseSinkEvents(jsonl) {
    const events = [];
    for (const line of jsonl.split('\n')) {
        if (!line.trim())
            continue;
        try {
            events.push(JSON.parse(line));
        }
        catch {
            /* a line cut by a kill: skip it */
        }
    }
    return events;
}
/** Stops a container: SIGTERM, then SIGKILL after the grace time. */
async function stopContainer(c, graceMs) {
    try {
        await c.kill({ signal: 'SIGTERM' });
    }
    catch {
        return; // not running
    }
    const stopped = c.wait().then(() => true, () => true);
    if (await Promise.race([stopped, delay(graceMs).then(() => false)]))
        return;
    try {
        await c.kill({ signal: 'SIGKILL' });
    }
    catch {
        /* exited meanwhile */
    }
    await Promise.race([stopped, delay(5000)]);
}
/** GOSNARE_TIMING=1: per-step milliseconds of each run on stderr (to tune the per-run overhead). */
function stepTimer(label) {
    if (process.env.GOSNARE_TIMING !== '1')
        return () => undefined;
    let last = Date.now();
    return (step) => {
        const now = Date.now();
        process.stderr.write(`gosnare timing ${label} ${step} ${now - last}ms\n`);
        last = now;
    };
}
/** Runs `req.argv` in a fresh sink + sample pair; never throws (engine failures give status 'error'). */
export async function runSandboxed(req) {
    const docker = engine();
    const mark = stepTimer(req.label ?? 'run');
    const limits = { ...DEFAULT_LIMITS, ...(req.limits ?? {}) };
    const label = req.label ?? 'run';
    const suffix = randomBytes(4).toString('hex');
    let sink;
    let sample;
    let dirs;
    const result = {
        status: 'error',
        startedAtMs: Date.now(),
        durationMs: 0,
        stdout: '',
        stderr: '',
        outputTruncated: false,
        straceLog: '',
        sinkEvents: [],
    };
    try {
        leftoversOnce ??= removeLeftoverContainers(docker).catch(() => 0);
        const [images] = await Promise.all([sandboxImages(), leftoversOnce]);
        dirs = await makeRunDirs(label);
        await makeReadableForSample(req.hostDir);
        mark('images+dirs');
        const safeLabel = label.replace(/[^a-zA-Z0-9_.-]/g, '_').slice(0, 40);
        sink = await docker.createContainer(sinkConfig(images.sink, dirs, randomHostname(), `gosnare-sink-${safeLabel}-${suffix}`));
        track(sink);
        mark('create-sink');
        const sinkId = sink.id;
        const runDirs = dirs;
        // Creating the sample needs only the sink's id: do it while the sink starts.
        const [createdSample] = await Promise.all([
            docker.createContainer(sampleConfig(images.sample, req, limits, runDirs, sinkId, `gosnare-sample-${safeLabel}-${suffix}`)),
            startSink(docker, sink),
        ]);
        sample = createdSample;
        track(sample);
        mark('start-sink+create-sample');
        // Trust the sink's per-run CA (the bundle file is bind-mounted; rewrite it in place).
        try {
            await copyFile(join(dirs.sinkDir, 'ca.pem'), dirs.caBundle);
        }
        catch {
            /* sink started without TLS */
        }
        const out = await attachOutput(docker, sample, limits.outputBytes);
        // 'next-exit': a created container already counts as "not running".
        const exited = sample.wait({ condition: 'next-exit' });
        exited.catch(() => undefined); // handled by the race below; never an unhandled rejection
        result.startedAtMs = Date.now();
        await sample.start();
        mark('attach+start-sample');
        let outcome = 'exited';
        const tracePath = join(dirs.traceDir, 't', 'strace.log');
        let watching = true;
        const traceWatch = (async () => {
            while (watching) {
                await delay(250);
                try {
                    if ((await stat(tracePath)).size > MAX_TRACE_BYTES)
                        return 'trace-overflow';
                }
                catch {
                    /* not created yet */
                }
            }
            return new Promise(() => undefined);
        })();
        const raced = await Promise.race([
            exited.then(() => 'exited'),
            delay(req.timeoutMs).then(() => 'timeout'),
            traceWatch,
        ]);
        watching = false;
        outcome = raced;
        if (outcome !== 'exited')
            await stopContainer(sample, STOP_GRACE_MS);
        result.durationMs = Date.now() - result.startedAtMs;
        mark('sample-ran');
        await Promise.race([out.ended, delay(1000)]);
        const info = await sample.inspect();
        const exitCode = info.State.ExitCode;
        result.exitCode = exitCode;
        result.stdout = out.stdout.text();
        result.stderr = out.stderr.text();
        result.outputTruncated = out.budget.truncated;
        if (outcome === 'timeout')
            result.status = 'timeout';
        else if (outcome === 'trace-overflow') {
            result.status = 'crashed';
            result.stderr += `\n[gosnare] trace exceeded ${MAX_TRACE_BYTES} bytes; run stopped\n`;
        }
        else if (info.State.OOMKilled || exitCode >= 128)
            result.status = 'crashed';
        else
            result.status = 'completed';
        // SIGTERM makes the sink write an event for every connection still open, then exit.
        await stopContainer(sink, 2000);
        mark('inspect+stop-sink');
        result.straceLog = await readCapped(tracePath, MAX_TRACE_BYTES);
        result.sinkEvents = parseSinkEvents(await readCapped(join(dirs.sinkDir, 'events.jsonl'), 32 * 1024 * 1024));
    }
    catch (err) {
        result.status = 'error';
        result.error = err instanceof Error ? err.message : String(err);
    }
    finally {
        await Promise.all([removeTracked(sample), removeTracked(sink)]);
        if (dirs)
            await rm(dirs.root, { recursive: true, force: true }).catch(() => undefined);
        mark('remove');
    }
    return result;
}
//# sourceMappingURL=sandbox-run.js.map