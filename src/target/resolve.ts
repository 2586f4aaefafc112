// Turn what the user typed (a directory, a module zip, or path[@version]) into an unpacked module
// root plus its ModuleInfo and module-level findings (integrity, typosquatting).
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultCacheDir, downloadModule, readZipHash, recordZipHash } from '../module/download.js';
import { checkModulePath } from '../module/escape.js';
import { proxySettings } from '../module/go-env.js';
import { parseGoMod, type GoMod } from '../module/gomod.js';
import { checkGoSum } from '../module/gosum.js';
import { hashDir, hashGoMod } from '../module/h1.js';
import { matchPrefixPatterns } from '../module/patterns.js';
import { ProxyClient, ProxyError } from '../module/proxy.js';
import { isValidSemver } from '../module/semver.js';
import { ZipRejectedError, unzipModule } from '../module/unzip.js';
import { checkTyposquat } from '../module/typosquat.js';
import type { Finding, ModuleInfo } from '../result/schema.js';
import { TargetError } from './errors.js';

export interface ResolveOptions {
  /** GOPROXY list; default: $GOPROXY, else `go env GOPROXY`, else https://proxy.golang.org. */
  goproxy?: string;
  /** Globs of modules never fetched through a proxy; default $GONOPROXY, else $GOPRIVATE (as Go). */
  gonoproxy?: string;
  goprivate?: string;
  /** Allow plain http:// proxies on non-loopback hosts. */
  allowInsecure?: boolean;
  /** Download cache root; default $GOSNARE_CACHE, else ~/.cache/gosnare. */
  cacheDir?: string;
  /** Per-request proxy timeout in ms (default 60 000; zip downloads get 4x). */
  timeoutMs?: number;
  /** Where to unpack zips; default the OS temp dir. */
  workDir?: string;
  /** A go.sum to check the module's h1: hashes against (its text, and a name for messages). */
  goSum?: { text: string; name?: string };
  /** Run the typosquat check (default true). */
  typosquat?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface ResolvedTarget {
  /** Unpacked module root; read-only for gosnare. */
  dir: string;
  info: ModuleInfo;
  /** Module-level findings: integrity, typosquat, go.mod inconsistencies. */
  findings: Finding[];
  /** Remove what resolution created (the unpacked copy); never touches a user's directory. */
  cleanup(): Promise<void>;
}

const noCleanup = async (): Promise<void> => {};

export async function resolveTarget(target: string, opts: ResolveOptions = {}): Promise<ResolvedTarget> {
  if (target.trim() === '') throw new TargetError(JSON.stringify(target), 'invalid', 'empty target');
  const st = await stat(target).catch(() => undefined);
  let resolved: ResolvedTarget;
  if (st?.isDirectory()) resolved = await resolveDir(target);
  else if (st?.isFile()) resolved = await resolveZip(target, opts);
  else if (looksLikeLocalPath(target)) throw new TargetError(target, 'not-found', 'no such file or directory');
  else resolved = await resolveFromProxy(target, opts);
  try {
    if (opts.typosquat !== false) {
      const squat = checkTyposquat(resolved.info.path);
      if (squat) {
        if (squat.imitates) resolved.info.typosquatOf = squat.imitates;
        resolved.findings.push(squat.finding);
      }
    }
    if (opts.goSum) resolved.findings.push(...checkGoSum(resolved.info, opts.goSum.text, opts.goSum.name ?? 'go.sum'));
  } catch (err) {
    await resolved.cleanup();
    throw err;
  }
  return resolved;
}

function looksLikeLocalPath(target: string): boolean {
  return (
    target.startsWith('.') ||
    target.startsWith('/') ||
    target.startsWith('~') ||
    target.includes('\\') ||
    target.toLowerCase().endsWith('.zip') ||
    path.isAbsolute(target)
  );
}

function moduleInfoFromGoMod(mod: GoMod, base: Omit<ModuleInfo, 'requires'>): ModuleInfo {
  const info: ModuleInfo = { ...base, requires: mod.requires.map((r) => ({ path: r.path, version: r.version })) };
  if (mod.go !== undefined) info.goVersion = mod.go;
  return info;
}

/** A module path different from the one the module was published under is how forks and impostors look. */
function pathMismatchFinding(declared: string | undefined, published: string): Finding[] {
  if (declared === undefined || declared === published) return [];
  return [
    {
      ruleId: 'module-path-mismatch',
      severity: 'medium',
      category: 'supply-chain',
      message: `go.mod declares module ${JSON.stringify(declared)} but the module was published as ${JSON.stringify(published)} (a copied or renamed module; Go refuses to use it under the published path)`,
      file: 'go.mod',
      line: 1,
      column: 1,
      snippet: `module ${declared}`,
      recoveredStrings: [],
    },
  ];
}

/** Go's limit for a go.mod in a module zip (modfetch MaxGoMod); a bigger one is not a usable module. */
const MAX_GO_MOD_BYTES = 16 << 20;

async function resolveDir(dir: string): Promise<ResolvedTarget> {
  const root = path.resolve(dir);
  const goModPath = path.join(root, 'go.mod');
  // stat first: a go.mod that is a FIFO, a device or a link to /dev/zero must not hang or fill memory.
  const goModStat = await stat(goModPath).catch(() => undefined);
  if (!goModStat) throw new TargetError(dir, 'invalid', 'directory has no go.mod (not a Go module root)');
  if (!goModStat.isFile()) throw new TargetError(dir, 'invalid', 'go.mod is not a regular file');
  if (goModStat.size > MAX_GO_MOD_BYTES) {
    throw new TargetError(dir, 'invalid', `go.mod is ${goModStat.size} bytes, over Go's limit of ${MAX_GO_MOD_BYTES} bytes`);
  }
  let goModBytes: Buffer;
  try {
    goModBytes = await readFile(goModPath);
  } catch (err) {
    throw new TargetError(dir, 'invalid', `cannot read go.mod (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const mod = parseGoMod(goModBytes.toString('utf8'));
  if (mod.module === undefined) throw new TargetError(dir, 'invalid', 'go.mod has no module directive');
  // A module cache directory is named path@version; take the version from it.
  const base = path.basename(root);
  const at = base.lastIndexOf('@');
  const version = at > 0 && isValidSemver(base.slice(at + 1)) ? base.slice(at + 1) : '';
  const info = moduleInfoFromGoMod(mod, { path: mod.module, version, source: 'dir', location: root });
  info.h1Mod = hashGoMod(goModBytes);
  // Only a versioned directory has a meaningful h1 (it then matches `go mod verify`).
  if (version !== '') info.h1 = await hashDir(root, `${mod.module}@${version}`);
  return { dir: root, info, findings: [], cleanup: noCleanup };
}

async function unpack(
  target: string,
  zipFile: string,
  opts: ResolveOptions,
  expected?: { path: string; version: string },
): Promise<{ dir: string; work: string; result: Awaited<ReturnType<typeof unzipModule>> }> {
  const work = await mkdtemp(path.join(opts.workDir ?? tmpdir(), 'gosnare-mod-'));
  const dir = path.join(work, 'src');
  try {
    const result = await unzipModule(zipFile, dir, expected ? { expectedPath: expected.path, expectedVersion: expected.version } : {});
    return { dir, work, result };
  } catch (err) {
    await rm(work, { recursive: true, force: true });
    if (err instanceof ZipRejectedError) {
      // The target already names the zip; the entry and the reason are what is left to say.
      const where = err.entry === undefined ? '' : `entry ${JSON.stringify(err.entry)}: `;
      throw new TargetError(target, 'rejected-zip', `unsafe or malformed module zip: ${where}${err.reason}`, { cause: err });
    }
    throw err;
  }
}

async function resolveZip(zipFile: string, opts: ResolveOptions): Promise<ResolvedTarget> {
  const { dir, work, result } = await unpack(zipFile, zipFile, opts);
  const cleanup = () => rm(work, { recursive: true, force: true });
  const goModText = result.goMod?.toString('utf8');
  const mod = parseGoMod(goModText ?? '');
  const info = moduleInfoFromGoMod(mod, { path: result.modulePath, version: result.version, source: 'zip', location: path.resolve(zipFile) });
  info.h1 = result.h1;
  // Without a go.mod in the zip, proxies serve a synthesized "module <path>" file; hash that.
  info.h1Mod = hashGoMod(result.goMod ?? `module ${result.modulePath}\n`);
  return { dir, info, findings: pathMismatchFinding(mod.module, result.modulePath), cleanup };
}

function splitModuleQuery(target: string): { modulePath: string; query: string } {
  const at = target.indexOf('@');
  if (at < 0) return { modulePath: target, query: 'latest' };
  return { modulePath: target.slice(0, at), query: target.slice(at + 1) };
}

async function resolveFromProxy(target: string, opts: ResolveOptions): Promise<ResolvedTarget> {
  const { modulePath, query } = splitModuleQuery(target);
  const problem = checkModulePath(modulePath);
  if (problem) throw new TargetError(target, 'invalid', `not a directory, module zip or module path (${problem})`);
  if (query === '') throw new TargetError(target, 'invalid', 'empty version after "@"');
  const env = opts.env ?? process.env;
  const settings = await proxySettings(
    {
      ...(opts.goproxy !== undefined ? { goproxy: opts.goproxy } : {}),
      ...(opts.gonoproxy !== undefined ? { gonoproxy: opts.gonoproxy } : {}),
      ...(opts.goprivate !== undefined ? { goprivate: opts.goprivate } : {}),
    },
    env,
  );
  if (settings.noProxy !== '' && matchPrefixPatterns(settings.noProxy, modulePath)) {
    throw new TargetError(
      target,
      'refused',
      `module matches GONOPROXY/GOPRIVATE (${settings.noProxy}); gosnare fetches only through a proxy, so analyse a local directory or zip of it instead`,
    );
  }
  let client: ProxyClient;
  try {
    client = new ProxyClient({ goproxy: settings.goproxy, allowInsecure: opts.allowInsecure ?? false, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) });
  } catch (err) {
    throw toTargetError(target, err);
  }
  const cacheDir = opts.cacheDir ?? defaultCacheDir(env);
  let downloaded;
  try {
    downloaded = await downloadModule(client, modulePath, query, cacheDir);
  } catch (err) {
    throw toTargetError(target, err);
  }
  const { dir, work, result } = await unpack(target, downloaded.zipFile, opts, { path: modulePath, version: downloaded.version });
  const cleanup = () => rm(work, { recursive: true, force: true });
  // The first download's h1 is kept beside the cached zip; a later difference means the cache was altered.
  const recordedH1 = downloaded.fromCache ? await readZipHash(cacheDir, modulePath, downloaded.version) : undefined;
  if (recordedH1 === undefined) await recordZipHash(cacheDir, modulePath, downloaded.version, result.h1);
  const mod = parseGoMod(downloaded.mod.toString('utf8'));
  const location = downloaded.proxy === '' ? `cache:${downloaded.zipFile}` : `${downloaded.proxy}/${modulePath}/@v/${downloaded.version}.zip`;
  const info = moduleInfoFromGoMod(mod, { path: modulePath, version: downloaded.version, source: 'proxy', location });
  info.h1 = result.h1;
  info.h1Mod = hashGoMod(downloaded.mod);
  const zipMod = result.goMod === undefined ? undefined : parseGoMod(result.goMod.toString('utf8'));
  const findings = pathMismatchFinding(zipMod?.module ?? mod.module, modulePath);
  if (recordedH1 !== undefined && recordedH1 !== result.h1) findings.push(cacheTamperFinding(info, downloaded.zipFile, recordedH1, result.h1));
  return { dir, info, findings, cleanup };
}

function cacheTamperFinding(info: ModuleInfo, zipFile: string, recorded: string, computed: string): Finding {
  return {
    ruleId: 'module-h1-mismatch',
    severity: 'critical',
    category: 'supply-chain',
    message: `Checksum mismatch for ${info.path} ${info.version}: the cached zip ${zipFile} hashed to ${recorded} when it was downloaded but now hashes to ${computed} (the download cache was modified).`,
    file: `${info.path}@${info.version}.zip`,
    line: 1,
    column: 1,
    snippet: `${info.path} ${info.version} ${recorded}`,
    recoveredStrings: [],
  };
}

function toTargetError(target: string, err: unknown): TargetError {
  if (err instanceof TargetError) return err;
  if (err instanceof ProxyError) {
    switch (err.kind) {
      case 'not-found':
        return new TargetError(target, 'not-found', `unknown module or version at the proxy: ${err.message}`, { cause: err });
      case 'unavailable':
        return new TargetError(target, 'not-found', `the proxy will not serve this module or version: ${err.message}`, { cause: err });
      case 'network':
      case 'bad-response':
        return new TargetError(target, 'network', err.message, { cause: err });
      default:
        return new TargetError(target, 'refused', err.message, { cause: err });
    }
  }
  return new TargetError(target, 'network', (err as Error).message, { cause: err });
}
