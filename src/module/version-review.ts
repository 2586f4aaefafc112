// The reviewer's view of a version bump: what the new version adds that matters for security —
// new static findings, new imports of sensitive packages, new init() functions and side-effecting
// package-level initializers, and changed files — and whether it adds exec or network access at
// import time, which is how a hijacked release of a harmless library looks.
import { createTwoFilesPatch } from 'diff';
import type { Finding } from '../result/schema.js';
import { runsAtImport } from '../result/schema.js';
import { scanModule } from '../static/scan.js';
import { fileRole } from '../static/file-role.js';
import type { CompiledRuleSet } from '../static/rules/types.js';
import { diffFileSets, type FileSetDiff } from './file-diff.js';
import { goFileFacts, type CodeRange, type ImportTimeUnit, type ReachCategory } from './import-time-code.js';

export const FLAG_RULE_ID = 'version-adds-import-time-behaviour';

/** Imports a reviewer should look at twice when a version starts using them. */
const SENSITIVE_IMPORTS = new Set([
  'os/exec',
  'net',
  'net/http',
  'syscall',
  'unsafe',
  'plugin',
  'os/user',
  'debug/elf',
  'C',
  'golang.org/x/sys/unix',
  'golang.org/x/sys/windows',
]);

export function isSensitiveImport(importPath: string): boolean {
  return SENSITIVE_IMPORTS.has(importPath) || (importPath.startsWith('net/') && !['net/url', 'net/netip', 'net/mail', 'net/textproto'].includes(importPath));
}


export interface NewImport {
  path: string;
  sensitive: boolean;
  /** Files of the new version importing it. */
  files: string[];
  /** False when only tests, testdata or never-built directories import it. */
  inBuild: boolean;
}

export interface NewImportTimeUnit extends ImportTimeUnit {
  /** `changed`: the file (init) or the same names (initializer) had one before, with other code. */
  status: 'new' | 'changed';
}

export interface WholeFilePatch {
  file: string;
  patch: string;
}

export interface VersionReview {
  oldLabel: string;
  newLabel: string;
  files: FileSetDiff;
  /** Unified diffs of added .go/text files (whole content), so new code is readable in the report. */
  addedPatches: WholeFilePatch[];
  newImports: NewImport[];
  removedImports: string[];
  /** Static findings of the new version with no match (rule + file + snippet) in the old one. */
  newFindings: Finding[];
  newInits: NewImportTimeUnit[];
  newInitializers: NewImportTimeUnit[];
  /** `version-adds-import-time-behaviour` findings; non-empty means flagged. */
  flags: Finding[];
  parseErrors: { version: string; file: string; line: number; message: string }[];
}

export interface ReviewInput {
  oldDir: string;
  newDir: string;
  /** File sets of the two versions (path -> bytes), as shipped. */
  oldFiles: ReadonlyMap<string, Buffer>;
  newFiles: ReadonlyMap<string, Buffer>;
  labels: { old: string; new: string };
  rules: CompiledRuleSet;
}

const MAX_PATCH_BYTES = 256 * 1024;

/** A unified diff showing a whole file as added (or removed), for text files of reasonable size. */
export function wholeFilePatch(file: string, data: Buffer, side: 'added' | 'removed', labels: { old: string; new: string }): string | undefined {
  if (data.length > MAX_PATCH_BYTES || data.subarray(0, 8000).includes(0)) return undefined;
  const text = data.toString('utf8');
  return side === 'added'
    ? createTwoFilesPatch('/dev/null', `${labels.new}/${file}`, '', text, undefined, undefined, { context: 3 })
    : createTwoFilesPatch(`${labels.old}/${file}`, '/dev/null', text, '', undefined, undefined, { context: 3 });
}

/** Lines move between versions; a finding is the same when its rule, file and code are. */
function findingKey(f: Finding): string {
  return `${f.ruleId}\0${f.file}\0${f.snippet.replace(/\s+/g, ' ').trim()}`;
}

/** Items of `next` without a counterpart in `prev` (multiset difference by key). */
function unmatched<T>(prev: readonly T[], next: readonly T[], key: (x: T) => string): T[] {
  const counts = new Map<string, number>();
  for (const x of prev) counts.set(key(x), (counts.get(key(x)) ?? 0) + 1);
  const out: T[] = [];
  for (const x of next) {
    const n = counts.get(key(x)) ?? 0;
    if (n > 0) counts.set(key(x), n - 1);
    else out.push(x);
  }
  return out;
}

const unitKey = (u: ImportTimeUnit): string => `${u.packageKey}\0${u.kind}\0${u.normalized}`;

function withStatus(unit: ImportTimeUnit, oldUnits: readonly ImportTimeUnit[]): NewImportTimeUnit {
  const before = oldUnits.some((o) =>
    o.kind === unit.kind && (unit.kind === 'init' ? o.file === unit.file : o.packageKey === unit.packageKey && o.names.some((n) => unit.names.includes(n) && n !== '_')),
  );
  return { ...unit, status: before ? 'changed' : 'new' };
}

const SEVERITY_ORDER: Record<Finding['severity'], number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/** Exec or network at import time, from a scanner finding: by category, or the import-time rules named for it. */
function findingReach(f: Finding): ReachCategory | undefined {
  if (!runsAtImport(f)) return undefined;
  if (f.category === 'exec' || /^import-time-exec/.test(f.ruleId)) return 'exec';
  if (f.category === 'network' || /^import-time-network/.test(f.ruleId)) return 'network';
  return undefined;
}

function unitLabel(u: ImportTimeUnit): string {
  return u.kind === 'init' ? `init() in ${u.file}:${u.line}` : `package-level initializer of ${u.names.join(', ') || '(blank)'} in ${u.file}:${u.line}`;
}

function within(f: Finding, r: { file: string; line: number; endLine: number }): boolean {
  return r.file === f.file && f.line >= r.line && f.line <= r.endLine;
}

function flagsFor(newUnits: readonly NewImportTimeUnit[], newFindings: readonly Finding[], storedFuncs: readonly CodeRange[], newLabel: string): Finding[] {
  const flags: Finding[] = [];
  // Only code that builds into an importer's binary counts: test files, testdata and _dirs do not.
  const flaggedUnits = newUnits.filter((u) => u.reaches.length > 0 && fileRole(u.file) === 'source');
  for (const u of flaggedUnits) {
    const categories = [...new Set(u.reaches.map((r) => r.category))];
    flags.push({
      ruleId: FLAG_RULE_ID,
      severity: 'high',
      category: 'import-time',
      message: `${newLabel} adds import-time ${categories.join(' and ')}: ${u.status} ${unitLabel(u)} reaches ${u.reaches.map((r) => r.call).join(', ')}`,
      file: u.file,
      line: u.line,
      column: 1,
      endLine: u.endLine,
      snippet: u.snippet,
      recoveredStrings: [],
      context: u.kind === 'init' ? 'init' : 'package-var',
    });
  }
  // Scanner findings reach further (methods, indirect calls); flag those not already explained by a
  // flagged unit. The scanner counts a func stored in a package var (`var run = func() {…}`) as
  // package-var code; it runs only when called, and a call from import-time code is a unit's reach.
  const covered = (f: Finding) =>
    flaggedUnits.some((u) => within(f, u) || u.through.some((t) => within(f, t))) ||
    (f.context === 'package-var' && storedFuncs.some((s) => within(f, s)));
  const seen = new Set<string>();
  for (const f of newFindings) {
    const reach = findingReach(f);
    if (!reach || fileRole(f.file) !== 'source' || covered(f)) continue;
    const at = `${f.file}:${f.line}`;
    if (seen.has(at)) continue;
    seen.add(at);
    flags.push({
      ruleId: FLAG_RULE_ID,
      severity: 'high',
      category: 'import-time',
      message: `${newLabel} adds import-time ${reach}: new finding ${f.ruleId} (${f.context}${f.function ? `, in ${f.function}` : ''}) at ${at}: ${f.message}`,
      file: f.file,
      line: f.line,
      column: f.column,
      ...(f.endLine !== undefined ? { endLine: f.endLine } : {}),
      snippet: f.snippet,
      recoveredStrings: f.recoveredStrings,
      ...(f.context !== undefined ? { context: f.context } : {}),
      ...(f.function !== undefined ? { function: f.function } : {}),
    });
  }
  return flags;
}

export async function reviewVersions(input: ReviewInput): Promise<VersionReview> {
  const { labels } = input;
  const [oldScan, newScan] = await Promise.all([scanModule(input.oldDir, { rules: input.rules }), scanModule(input.newDir, { rules: input.rules })]);
  const oldFacts = goFileFacts(input.oldFiles);
  const newFacts = goFileFacts(input.newFiles);
  const files = diffFileSets(input.oldFiles, input.newFiles, labels);

  const addedPatches: WholeFilePatch[] = [];
  for (const file of files.added) {
    const patch = wholeFilePatch(file, input.newFiles.get(file)!, 'added', labels);
    if (patch !== undefined) addedPatches.push({ file, patch });
  }

  const newImports: NewImport[] = [...newFacts.imports]
    .filter(([p]) => !oldFacts.imports.has(p))
    .map(([p, inFiles]) => ({ path: p, sensitive: isSensitiveImport(p), files: inFiles, inBuild: inFiles.some((f) => fileRole(f) === 'source') }))
    .sort((a, b) => Number(b.sensitive) - Number(a.sensitive) || (a.path < b.path ? -1 : 1));
  const removedImports = [...oldFacts.imports.keys()].filter((p) => !newFacts.imports.has(p)).sort();

  // Findings are compared only within the shipped file set (a local directory may hold more).
  const shipped = (f: Finding) => input.newFiles.has(f.file);
  const newFindings = unmatched(oldScan.findings, newScan.findings.filter(shipped), findingKey).sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line),
  );

  const newUnits = unmatched(oldFacts.units, newFacts.units, unitKey).map((u) => withStatus(u, oldFacts.units));
  const parseErrors = [
    ...oldScan.parseErrors.map((e) => ({ version: labels.old, ...e })),
    ...newScan.parseErrors.map((e) => ({ version: labels.new, ...e })),
  ];
  return {
    oldLabel: labels.old,
    newLabel: labels.new,
    files,
    addedPatches,
    newImports,
    removedImports,
    newFindings,
    newInits: newUnits.filter((u) => u.kind === 'init'),
    newInitializers: newUnits.filter((u) => u.kind === 'initializer'),
    flags: flagsFor(newUnits, newFindings, newFacts.storedFuncs, labels.new),
    parseErrors,
  };
}

/** One side of a diff as the CLI resolved it. */
export interface VersionSide {
  path: string;
  version: string;
  source: 'dir' | 'zip' | 'proxy';
  location: string;
  h1?: string;
}

/** What `gosnare diff --format json` prints. */
export interface VersionDiffReport {
  old: VersionSide;
  new: VersionSide;
  /** True when the new version adds exec or network at import time. */
  flagged: boolean;
  /** The flags (`version-adds-import-time-behaviour`). */
  findings: Finding[];
  review: VersionReview;
}
