// Typosquat check: does a module path imitate a popular one? The rules follow what attackers
// publish (GuardDog's Go rules and real cases such as github.com/boltdb-go/bolt): the same repo
// under an owner that contains the real owner, one edit or one swapped pair of letters in the owner
// or repo, go-/-go/hyphen/underscore games, the same owner/repo on another code host, case tricks,
// and look-alike hosts. A popular module itself, or any path inside it, is never flagged.
import { readFileSync } from 'node:fs';
import type { Finding } from '../result/schema.js';

/** Hosts where anyone can register an owner name, so look-alike owners/repos can be published. */
const CODE_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'gitee.com', 'codeberg.org', 'gopkg.in']);
const SWAPPABLE_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org']);
/** Below this length one edit turns most names into other real names. */
const MIN_EDIT_LENGTH = 4;

interface ModuleName {
  path: string;
  host: string;
  owner: string;
  repo: string;
  /** host/owner/repo on code hosts; the whole path without a /vN suffix elsewhere */
  root: string;
  /** everything after the host in root */
  rest: string;
}

export interface Typosquat {
  imitates: string;
  reason: string;
  /**
   * low when the look-alike sits under the same owner, who controls both names (minio/minio beside
   * minio/minio-go): no one else can publish there, so it is a note, not evidence.
   */
  severity: 'high' | 'low';
}

function parseName(p: string): ModuleName {
  const elems = p.split('/');
  const host = (elems[0] ?? '').toLowerCase();
  if (CODE_HOSTS.has(host)) {
    // gopkg.in/yaml.v2 has no owner; gopkg.in/user/pkg.v1 and github.com/owner/repo do.
    const [owner, repo] = host === 'gopkg.in' && elems.length === 2 ? ['', elems[1] ?? ''] : [elems[1] ?? '', elems[2] ?? ''];
    const rest = owner === '' ? repo : `${owner}/${repo}`;
    return { path: p, host, owner, repo, root: `${host}/${rest}`, rest };
  }
  const root = p.replace(/\/v\d+$/, '');
  return { path: p, host, owner: '', repo: elems.slice(1).join('/'), root, rest: root.slice(host.length + 1) };
}

/** True when a and b differ by exactly one insertion, deletion, substitution or adjacent swap. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diffs: number[] = [];
    for (let i = 0; i < a.length && diffs.length <= 2; i++) if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length === 1) return true;
    return diffs.length === 2 && diffs[1] === diffs[0]! + 1 && a[diffs[0]!] === b[diffs[1]!] && a[diffs[1]!] === b[diffs[0]!];
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

/** Name with go-/golang- prefixes, -go suffixes and separators removed: "go-logrus" ~ "logrus" ~ "lo_grus". */
function normalize(name: string): string {
  return name
    .toLowerCase()
    .replace(/^(go|golang)[-_.]/, '')
    .replace(/[-_.](go|golang)$/, '')
    .replace(/[-_.]/g, '');
}

/** gopkg.in/yaml.v1 vs yaml.v2: different versions of one thing, not an imitation. */
function withoutVersion(name: string): string {
  return name.replace(/\.v\d+$/, '');
}

function lookAlike(a: string, b: string): string | undefined {
  if (a.toLowerCase() === b.toLowerCase()) return undefined;
  if (withoutVersion(a) === withoutVersion(b)) return undefined;
  if (Math.min(a.length, b.length) >= MIN_EDIT_LENGTH && oneEditApart(a.toLowerCase(), b.toLowerCase())) return 'one character added, removed, changed or swapped';
  if (normalize(a) === normalize(b) && normalize(a) !== '') return 'same name with go-/-go prefix, suffix, hyphen or underscore changes';
  return undefined;
}

/** Why candidate imitates popular, with a rank (lower = stronger evidence), or undefined. */
function imitation(c: ModuleName, p: ModuleName): { rank: number; reason: string } | undefined {
  if (c.root === p.root) return undefined;
  if (c.root.toLowerCase() === p.root.toLowerCase()) return { rank: 0, reason: 'same path with different letter case' };
  if (c.host !== p.host) {
    if (SWAPPABLE_HOSTS.has(c.host) && SWAPPABLE_HOSTS.has(p.host) && c.rest.toLowerCase() === p.rest.toLowerCase()) {
      return { rank: 1, reason: `same owner/repo on ${c.host} instead of ${p.host}` };
    }
    if (c.rest.toLowerCase() === p.rest.toLowerCase() && oneEditApart(c.host, p.host)) return { rank: 1, reason: `look-alike host ${c.host}` };
    return undefined;
  }
  // Same host. Off the code hosts, the domain owner controls every path, so only code hosts count.
  if (!CODE_HOSTS.has(c.host)) return undefined;
  const sameOwner = c.owner.toLowerCase() === p.owner.toLowerCase();
  const sameRepo = c.repo.toLowerCase() === p.repo.toLowerCase();
  if (sameRepo && !sameOwner && p.owner.length >= MIN_EDIT_LENGTH && c.owner.toLowerCase().includes(p.owner.toLowerCase())) {
    return { rank: 2, reason: `owner ${JSON.stringify(c.owner)} contains the real owner ${JSON.stringify(p.owner)}` };
  }
  if (sameRepo && !sameOwner) {
    const why = lookAlike(c.owner, p.owner);
    if (why) return { rank: 3, reason: `owner ${JSON.stringify(c.owner)} looks like ${JSON.stringify(p.owner)}: ${why}` };
  }
  if (sameOwner && !sameRepo) {
    const why = lookAlike(c.repo, p.repo);
    // Only the owner can publish under its own name, so this is weaker evidence than a foreign owner.
    if (why) return { rank: 5, reason: `repo ${JSON.stringify(c.repo)} looks like ${JSON.stringify(p.repo)} under the same owner: ${why}` };
  }
  if (!sameOwner && !sameRepo && normalize(c.owner) === normalize(p.owner) && normalize(c.repo) === normalize(p.repo) && normalize(c.repo) !== '') {
    return { rank: 4, reason: 'same owner and repo with go-/hyphen/underscore changes' };
  }
  return undefined;
}

export class PopularModules {
  private readonly names: ModuleName[];
  private readonly roots: Set<string>;

  constructor(paths: readonly string[]) {
    const seen = new Set<string>();
    this.names = [];
    for (const p of paths) {
      const n = parseName(p);
      if (seen.has(n.root)) continue;
      seen.add(n.root);
      this.names.push(n);
    }
    this.roots = seen;
  }

  get size(): number {
    return this.names.length;
  }

  /** The popular module `modulePath` imitates, if any. */
  find(modulePath: string): Typosquat | undefined {
    const c = parseName(modulePath);
    if (this.roots.has(c.root) || this.names.some((p) => modulePath === p.path || modulePath.startsWith(`${p.root}/`))) return undefined;
    let best: { rank: number; reason: string; imitates: string } | undefined;
    for (const p of this.names) {
      const hit = imitation(c, p);
      if (hit && (best === undefined || hit.rank < best.rank)) best = { ...hit, imitates: p.root };
    }
    return best && { imitates: best.imitates, reason: best.reason, severity: best.rank === 5 ? 'low' : 'high' };
  }
}

export function parsePopularList(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter((l) => l !== '');
}

let bundled: PopularModules | undefined;

/** The list shipped in data/popular-modules.txt (read once). */
export function bundledPopularModules(): PopularModules {
  if (!bundled) {
    // dist/src/module/typosquat.js -> <package root>/data
    const file = new URL('../../../data/popular-modules.txt', import.meta.url);
    bundled = new PopularModules(parsePopularList(readFileSync(file, 'utf8')));
  }
  return bundled;
}

export function checkTyposquat(modulePath: string, popular: PopularModules = bundledPopularModules()): { imitates?: string; finding: Finding } | undefined {
  const squat = popular.find(modulePath);
  if (!squat) return undefined;
  return {
    // Only a foreign owner's look-alike is reported as a typosquat of the module.
    ...(squat.severity === 'high' ? { imitates: squat.imitates } : {}),
    finding: {
      ruleId: 'module-typosquat',
      severity: squat.severity,
      category: 'supply-chain',
      message:
        squat.severity === 'high'
          ? `Module ${modulePath} looks like a typosquat of the popular module ${squat.imitates} (${squat.reason}). Check that this is the module you meant to depend on.`
          : `Module ${modulePath} looks like the popular module ${squat.imitates} of the same owner (${squat.reason}); only that owner can publish either. Check that this is the module you meant to depend on.`,
      file: 'go.mod',
      line: 1,
      column: 1,
      snippet: `module ${modulePath}`,
      recoveredStrings: [squat.imitates],
    },
  };
}
