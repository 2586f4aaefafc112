// Tag drift: rebuild the module zip from a git tag the way Go would and compare it with the copy
// the proxy serves. The proxy keeps the first copy of a version forever; when a tag is moved
// afterwards (as in the boltdb-go/bolt attack, where the malicious code stayed on the proxy and
// the tag was moved to clean code), what people review on the forge is not what Go builds.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { diffFileSets } from './file-diff.js';
import { hashFileSet, readModuleDir, selectModuleFiles } from './module-files.js';
const run = promisify(execFile);
/** Git must not run anything a cloned repository's config asks for. */
export const GIT_SAFE = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'protocol.allow=never'];
export const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };
async function git(repoDir, args) {
    const { stdout } = await run('git', [...GIT_SAFE, '-C', repoDir, ...args], { env: GIT_ENV, maxBuffer: 64 << 20 });
    return stdout;
}
/** Read blobs by object id through one `git cat-file --batch` process. */
function readBlobs(repoDir, ids) {
    return new Promise((resolve, reject) => {
        const child = spawn('git', [...GIT_SAFE, '-C', repoDir, 'cat-file', '--batch'], { env: GIT_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
        const chunks = [];
        let stderr = '';
        child.stdout.on('data', (c) => chunks.push(c));
        child.stderr.on('data', (c) => (stderr += c.toString()));
        child.on('error', reject);
        child.on('close', (code) => {
            if (code !== 0)
                return reject(new Error(`git cat-file failed: ${stderr.trim()}`));
            const out = Buffer.concat(chunks);
            const blobs = new Map();
            let pos = 0;
            while (pos < out.length) {
                const nl = out.indexOf(0x0a, pos);
                const header = out.subarray(pos, nl).toString('utf8').split(' ');
                const size = Number(header[2]);
                if (header[1] !== 'blob' || !Number.isFinite(size))
                    return reject(new Error(`unexpected git cat-file output: ${header.join(' ')}`));
                blobs.set(header[0], out.subarray(nl + 1, nl + 1 + size));
                pos = nl + 1 + size + 1;
            }
            resolve(blobs);
        });
        child.stdin.end(ids.map((id) => `${id}\n`).join(''));
    });
}
/** Regular files of `rev` under `subdir` (paths relative to it); symlinks and submodules are left out, as Go does. */
export async function gitTreeFiles(repoDir, rev, subdir = '') {
    const prefix = subdir === '' ? '' : `${subdir.replace(/\/+$/, '')}/`;
    const listing = await git(repoDir, ['ls-tree', '-r', '-z', '--full-tree', `${rev}^{commit}`]);
    const wanted = [];
    for (const rec of listing.split('\0')) {
        if (rec === '')
            continue;
        const tab = rec.indexOf('\t');
        const [mode, type, id] = rec.slice(0, tab).split(' ');
        const file = rec.slice(tab + 1);
        if (type !== 'blob' || (mode !== '100644' && mode !== '100755'))
            continue;
        if (!file.startsWith(prefix))
            continue;
        wanted.push({ path: file.slice(prefix.length), id: id });
    }
    const blobs = await readBlobs(repoDir, [...new Set(wanted.map((w) => w.id))]);
    const files = new Map();
    for (const w of wanted)
        files.set(w.path, blobs.get(w.id));
    // A module in a subdirectory without its own LICENSE gets the repository's (zip.CreateFromVCS).
    if (prefix !== '' && !files.has('LICENSE')) {
        const rootLicense = await run('git', [...GIT_SAFE, '-C', repoDir, 'cat-file', 'blob', `${rev}:LICENSE`], { env: GIT_ENV, encoding: 'buffer' }).catch(() => undefined);
        if (rootLicense !== undefined)
            files.set('LICENSE', rootLicense.stdout);
    }
    return files;
}
export async function checkTagDrift(input) {
    const commit = (await git(input.repoDir, ['rev-parse', '--verify', `${input.tag}^{commit}`])).trim();
    const { kept, skipped } = selectModuleFiles(await gitTreeFiles(input.repoDir, commit, input.subdir));
    const proxyFiles = await readModuleDir(input.moduleDir);
    const gitH1 = hashFileSet(kept, input.modulePath, input.version);
    const proxyH1 = hashFileSet(proxyFiles, input.modulePath, input.version);
    const diff = diffFileSets(proxyFiles, kept, { old: 'proxy', new: `git-${input.tag}` });
    const drifted = gitH1 !== proxyH1;
    const report = { tag: input.tag, commit, gitH1, proxyH1, drifted, diff, skipped };
    const findings = [];
    if (drifted) {
        const parts = [
            diff.changed.length ? `${diff.changed.length} changed (${diff.changed.slice(0, 5).map((c) => c.file).join(', ')})` : '',
            diff.added.length ? `${diff.added.length} only in git` : '',
            diff.removed.length ? `${diff.removed.length} only on the proxy (${diff.removed.slice(0, 5).join(', ')})` : '',
        ].filter(Boolean);
        const first = diff.changed[0]?.file ?? diff.removed[0] ?? diff.added[0] ?? 'go.mod';
        findings.push({
            ruleId: 'module-tag-drift',
            severity: 'high',
            category: 'supply-chain',
            message: `Git tag ${input.tag} (commit ${commit.slice(0, 12)}) no longer matches ${input.modulePath}@${input.version} as the proxy serves it: ${parts.join('; ')}. The code reviewed in the repository is not the code Go downloads (proxy ${proxyH1}, git ${gitH1}).`,
            file: first,
            line: 1,
            column: 1,
            snippet: diff.changed[0]?.patch?.split('\n').slice(0, 20).join('\n') ?? '',
            recoveredStrings: [],
        });
    }
    return { report, findings };
}
//# sourceMappingURL=drift.js.map