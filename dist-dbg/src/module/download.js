// Fetch a module's .zip/.mod/.info through the GOPROXY client into gosnare's download cache,
// which has the proxy layout itself (<escaped path>/@v/<escaped version>.zip), so the cache
// directory can be used as a file:// GOPROXY too.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { escapeCase } from './escape.js';
import { isCanonicalVersion } from './semver.js';
export function defaultCacheDir(env = process.env) {
    if (env.GOSNARE_CACHE)
        return env.GOSNARE_CACHE;
    const xdg = env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
    return path.join(xdg, 'gosnare');
}
function cachePaths(cacheDir, modulePath, version) {
    const dir = path.join(cacheDir, 'modules', ...escapeCase(modulePath).split('/'), '@v');
    const base = path.join(dir, escapeCase(version));
    return { dir, zip: `${base}.zip`, mod: `${base}.mod`, info: `${base}.info` };
}
async function exists(file) {
    return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}
/** Write via a temporary name and rename, so a killed run never leaves a half file under the real name. */
async function writeAtomic(file, data) {
    const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    await writeFile(tmp, data, { flag: 'wx', mode: 0o644 });
    await rename(tmp, file);
}
async function fromCache(cacheDir, modulePath, version) {
    const cached = cachePaths(cacheDir, modulePath, version);
    if (!(await exists(cached.zip)) || !(await exists(cached.mod)))
        return undefined;
    const infoText = await readFile(cached.info, 'utf8').catch(() => JSON.stringify({ Version: version }));
    return {
        path: modulePath,
        version,
        zipFile: cached.zip,
        mod: await readFile(cached.mod),
        info: JSON.parse(infoText),
        proxy: '',
        fromCache: true,
    };
}
export async function downloadModule(client, modulePath, query, cacheDir) {
    // Only a canonical version names immutable content, so only it may be answered from the cache
    // without asking the proxy; other queries (latest, branches) are resolved first.
    let info;
    if (isCanonicalVersion(query)) {
        const hit = await fromCache(cacheDir, modulePath, query);
        if (hit)
            return hit;
        info = await client.info(modulePath, query);
    }
    else {
        info = await client.resolveVersion(modulePath, query);
        const hit = await fromCache(cacheDir, modulePath, info.Version);
        if (hit)
            return hit;
    }
    const version = info.Version;
    const paths = cachePaths(cacheDir, modulePath, version);
    await mkdir(paths.dir, { recursive: true, mode: 0o755 });
    const mod = await client.mod(modulePath, version);
    const tmpZip = `${paths.zip}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    let proxy;
    try {
        proxy = await client.zip(modulePath, version, tmpZip);
        await rename(tmpZip, paths.zip);
    }
    finally {
        await rm(tmpZip, { force: true });
    }
    const infoOut = { Version: version, ...(info.Time ? { Time: info.Time } : {}) };
    await writeAtomic(paths.mod, mod);
    await writeAtomic(paths.info, JSON.stringify(infoOut));
    return { path: modulePath, version, zipFile: paths.zip, mod, info: infoOut, proxy, fromCache: false };
}
/** The h1 recorded beside a cached zip on first download, if any. */
export async function readZipHash(cacheDir, modulePath, version) {
    const { zip } = cachePaths(cacheDir, modulePath, version);
    return (await readFile(`${zip}hash`, 'utf8').catch(() => '')).trim() || undefined;
}
/** Record the h1 we computed beside the zip, as Go's module cache does (.ziphash). */
export async function recordZipHash(cacheDir, modulePath, version, h1) {
    const { zip } = cachePaths(cacheDir, modulePath, version);
    await writeAtomic(`${zip}hash`, `${h1}\n`).catch(() => undefined);
}
//# sourceMappingURL=download.js.map