// `gosnare drift <module>@<version> --vcs <repo>`: does the git tag still hold the code the proxy
// serves? Exit 1 when drifted, 0 when identical, 2 for bad input (no such tag, repo, module...).
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Option } from 'commander';
import { EXIT, UsageError } from './errors.js';
import { resolveTarget } from '../target/resolve.js';
import { GIT_ENV, GIT_SAFE, checkTagDrift, gitTreeFiles } from '../module/drift.js';
import { wholeFilePatch } from '../module/version-review.js';
import { renderDriftText } from '../report/drift-text.js';
const run = promisify(execFile);
const URL_LIKE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;
const SCP_LIKE = /^[^/\s]+@[^/\s:]+:/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
async function git(args, opts = {}) {
    const { stdout } = await run('git', [...GIT_SAFE, ...args], {
        env: { ...GIT_ENV, GIT_SSH_COMMAND: 'ssh -o BatchMode=yes' },
        maxBuffer: 16 << 20,
        timeout: opts.timeoutMs ?? 60_000,
    });
    return stdout;
}
function gitMessage(err) {
    const stderr = err.stderr?.trim();
    const lines = (stderr || err.message).split('\n').filter((l) => l.trim() !== '');
    return lines[lines.length - 1] ?? 'git failed';
}
/** Which transports a fetch may use: never ext:: (runs commands); plain http only to loopback unless asked. */
function protocolConfig(url, allowInsecure) {
    const allowed = ['file', 'https', 'ssh', 'git'];
    if (url.startsWith('http://')) {
        const host = new URL(url).hostname;
        if (!LOOPBACK_HOSTS.has(host) && !host.startsWith('127.') && !allowInsecure) {
            throw new UsageError(`--vcs ${url}: plain http to a non-loopback host; use https, or --allow-insecure`);
        }
        allowed.push('http');
    }
    return allowed.flatMap((p) => ['-c', `protocol.${p}.allow=always`]);
}
/** A local repository is read in place (git plumbing only, nothing written); a URL is fetched into a temp dir. */
async function openRepo(vcs, tag, allowInsecure) {
    if (existsSync(vcs)) {
        if (!statSync(vcs).isDirectory())
            throw new UsageError(`--vcs ${vcs}: not a directory`);
        const dir = path.resolve(vcs);
        await git(['-C', dir, 'rev-parse', '--git-dir']).catch((err) => {
            throw new UsageError(`--vcs ${vcs}: not a git repository (${gitMessage(err)})`);
        });
        await git(['-C', dir, 'show-ref', '--verify', '--quiet', `refs/tags/${tag}`]).catch(() => {
            throw new UsageError(`--vcs ${vcs}: no tag ${tag} (use --tag, or --subdir for a module in a subdirectory)`);
        });
        return { dir, cleanup: async () => { } };
    }
    if (!URL_LIKE.test(vcs) && !SCP_LIKE.test(vcs))
        throw new UsageError(`--vcs ${vcs}: no such directory, and not a git URL`);
    const protocols = protocolConfig(vcs, allowInsecure);
    const work = await mkdtemp(path.join(tmpdir(), 'gosnare-vcs-'));
    const dir = path.join(work, 'repo.git');
    const cleanup = () => rm(work, { recursive: true, force: true });
    try {
        // An empty --template: no hooks or other files from the system's template directory.
        await git(['init', '--quiet', '--bare', '--template=', dir]);
        // Only the one tag, one commit deep: that is all the comparison needs.
        await git([...protocols, '-c', 'transfer.fsckObjects=true', '-C', dir, 'fetch', '--quiet', '--no-tags', '--no-recurse-submodules', '--depth=1', '--', vcs, `+refs/tags/${tag}:refs/tags/${tag}`], { timeoutMs: 600_000 });
    }
    catch (err) {
        await cleanup();
        if (err instanceof UsageError)
            throw err;
        const msg = gitMessage(err);
        throw new UsageError(/couldn't find remote ref/i.test(msg) ? `--vcs ${vcs}: no tag ${tag} (use --tag, or --subdir for a module in a subdirectory)` : `--vcs ${vcs}: fetching tag ${tag} failed: ${msg}`);
    }
    return { dir, cleanup };
}
/** Whole-file diffs for files present on one side only: proxy-only files are read from the unpacked copy, git-only ones from the tag. */
async function oneSidedPatches(t, repoDir, commit, subdir, removed, added, labels) {
    const patches = [];
    for (const file of removed) {
        const patch = wholeFilePatch(file, await readFile(path.join(t.dir, file)), 'removed', labels);
        if (patch !== undefined)
            patches.push({ file, patch });
    }
    if (added.length) {
        const tree = await gitTreeFiles(repoDir, commit, subdir);
        for (const file of added) {
            const data = tree.get(file);
            const patch = data === undefined ? undefined : wholeFilePatch(file, data, 'added', labels);
            if (patch !== undefined)
                patches.push({ file, patch });
        }
    }
    return patches;
}
export function registerDrift(program) {
    program
        .command('drift')
        .description('Compare a module version as the proxy serves it with its git tag (the tag may have been moved after the proxy cached it)')
        .argument('<module@version>', 'module version to check (a proxy module@version, or a module zip)')
        .requiredOption('--vcs <repo>', 'the module repository: a local path (read in place) or a git URL (fetched to a temp dir)')
        .option('--tag <tag>', 'git tag to compare with (default: the version, or <subdir>/<version> with --subdir)')
        .option('--subdir <dir>', 'directory of the module inside the repository')
        .addOption(new Option('--format <format>', 'output on stdout').choices(['text', 'json']).default('text'))
        .option('--allow-insecure', 'allow plain http:// GOPROXY and git hosts that are not loopback')
        .option('--no-color', 'no colours in text output')
        .action(async (target, flags) => {
        const subdir = (flags.subdir ?? '').replace(/^(?:\.\/)+|\/+$/g, '').replace(/^\.$/, '');
        if (subdir.split('/').includes('..'))
            throw new UsageError(`--subdir ${flags.subdir}: must stay inside the repository`);
        const t = await resolveTarget(target, { allowInsecure: flags.allowInsecure === true });
        let repo;
        try {
            if (t.info.version === '')
                throw new UsageError(`${target}: no version known; give <module>@<version> or a module zip`);
            const tag = flags.tag ?? (subdir ? `${subdir}/${t.info.version}` : t.info.version);
            repo = await openRepo(flags.vcs, tag, flags.allowInsecure === true);
            const { report, findings } = await checkTagDrift({ repoDir: repo.dir, tag, subdir, modulePath: t.info.path, version: t.info.version, moduleDir: t.dir });
            const labels = { old: 'proxy', new: `git-${tag}` };
            const output = {
                module: { path: t.info.path, version: t.info.version, source: t.info.source, location: t.info.location, ...(t.info.h1 !== undefined ? { h1: t.info.h1 } : {}) },
                vcs: flags.vcs,
                subdir,
                report,
                findings: [...findings, ...t.findings],
                oneSidedPatches: await oneSidedPatches(t, repo.dir, report.commit, subdir, report.diff.removed, report.diff.added, labels),
            };
            const color = flags.color !== false && process.stdout.isTTY === true;
            process.stdout.write(flags.format === 'json' ? JSON.stringify(output, null, 2) + '\n' : renderDriftText(output, color));
            process.exitCode = report.drifted ? EXIT.flagged : EXIT.clean;
        }
        finally {
            await repo?.cleanup();
            await t.cleanup();
        }
    });
}
//# sourceMappingURL=drift-command.js.map