// Scans one package directory (all its .go files): read, pre-filter, parse, run rules, recover strings,
// extract IOCs. Runs in the main thread or, when loaded as a worker, serves tasks from scan.ts.
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { isUtf8 } from 'node:buffer';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Finding, Iocs, StaticResult } from '../result/schema.js';
import { runsAtImport } from '../result/schema.js';
import { parseFile, type ParsedFile, type SourceRange, type SyntaxNode } from './parse.js';
import { blankComments, lineStartsOf, rowAt } from './decls.js';
import { TextCallGraph } from './reach-text.js';
import { planPackage, withHeader, type PackagePlan, type PlanFile } from './parse-plan.js';
import { PackageContext, type PartialPackage } from './context.js';
import { findParseErrors } from './parse-errors.js';
import { MAX_FINDINGS_PER_RULE_PER_FILE, movableOf, pendingOf, placeFinding, ruledOutForPackage, rulesOverPackage, type MovableMatch, type PendingFinding } from './rules/match.js';
import { factsOf, prefilterPasses, scanImportPaths, unquoteGo, type FileFacts } from './rules/prefilter.js';
import type { CompiledRule, CompiledRuleSet } from './rules/types.js';
import { compileCheckedRuleDocs, type CheckedRuleDoc } from './rules/compile-doc.js';
import { buildPackageScope, recoverAllInFile, RECOVERY_NEEDS_RUN, type RecoveryBudget } from './strings/recover.js';
import { extractIocs } from './iocs.js';
import { MAX_RUN_MS } from './strings/interp.js';
import { MAX_NESTING_DEPTH, maxBracketDepth } from './nesting.js';
import { releaseFreedMemory } from './release-memory.js';
import { PackageEmbeds, embedPatternsIn } from './embeds.js';
import { anchorScanShapes } from './shape-anchors.js';
import { fileRole } from './file-role.js';
import { cSourceAsPreamble, isCSource, sysoFinding } from './native-files.js';
import { ConstGuards } from './const-guards.js';
import { buildIgnored, defaultBuildOses, headerComments, otherPlatformsOnly } from './build-constraints.js';
import { candidateDeclarations, entryKey, importTimeCallsIn, replacesEntry, type ImportTimeCall } from './import-time-calls.js';

/**
 * Files at or above this size are counted but not parsed; they are reported as unscannable-large-file.
 * Measured on this project's 2-core machine: a dense generated 4 MiB file (a call and string on every line)
 * takes ~30 s and ~1.5 GB to scan, a 49 MiB one did not finish in 10 minutes at 6.5 GB; byte tables scan
 * ~10x faster. 8 MiB keeps the largest real generated files (cloud SDK API tables) parsed.
 */
export const MAX_PARSE_BYTES = 8 * 1024 * 1024;
/** Wall-clock limit for string recovery in one file; past it the file's recovered strings are partial. */
export const RECOVERY_FILE_BUDGET_MS = 20_000;

export interface PackageTask {
  /** Directory relative to the module root ('' for the root). */
  dir: string;
  files: Array<{ abs: string; rel: string }>;
  /** The C/C++/Objective-C sources and .syso objects of the directory (native-files.ts). */
  native?: Array<{ abs: string; rel: string }>;
  /** Sum of the files' sizes when known (the pool schedules big packages apart). */
  bytes?: number;
  /** The module's path (go.mod): with it, the scan keeps its movable matches (PackageResult.movable). */
  modulePath?: string;
  /**
   * Calls that other packages of the module make into this one from their import-time code: the
   * functions they call are import-time roots here, as init is (import-time-calls.ts).
   */
  entries?: ImportTimeCall[];
  /**
   * Set for a package scanned before: find its import-time calls into `callTargets` and, when it has
   * entries, place these matches of its scan again (PackageResult.movable); no rules, no recovery, no
   * IOCs (placeAgain).
   */
  placeOnly?: MovableMatch[];
  /** With placeOnly: the packages (import paths) whose import-time calls from this one are wanted. */
  callTargets?: string[];
}

export interface PackageResult {
  dir: string;
  filesScanned: number;
  bytesScanned: number;
  filesParsed: number;
  parseErrors: StaticResult['parseErrors'];
  imports: string[];
  /** Imports of the files that build into the package (not tests, not behind `//go:build ignore`). */
  buildImports: string[];
  /**
   * For default builds (no `-tags`), by GOOS: the GOOS values each of those files with a constraint
   * builds under, and under which each import is made (`*`: every one). build-reach.ts defaultBuildCompiles.
   */
  defaultBuilds?: { files: Record<string, string[]>; imports: Record<string, string[]> };
  findings: Finding[];
  recoveredStrings: StaticResult['recoveredStrings'];
  iocs: Iocs;
  /** Calls from this package's import-time code to functions of other packages of the module. */
  importTimeCalls?: ImportTimeCall[];
  /**
   * With a module path: the matches in ordinary functions, findings placed there and matches a rule's
   * `context` turned away there. Only these can move when another package calls in at import time
   * (entries), so they are all that is placed again then (PackageTask.placeOnly).
   */
  movable?: MovableMatch[];
}

// Trees, and the cache entry node-tree-sitter keeps for every node wrapper, are native memory that V8
// does not see, and their N-API finalizers run from the event loop, never inside a synchronous scan.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * The JS heap is collected when it grows this much past what the last collection left: the node
 * wrappers a package's rules and recovery make live until its end, so scavenges promote them, and V8
 * let old space reach 170 MB (net/http) before a full collection found 20 MB alive.
 */
const HEAP_GROWTH_BYTES = 32 * 1024 * 1024;
/**
 * ... and when the process grows this much past what the last one left: matching net/http's larger
 * clause made ~45 MB of wrapper cache entries on top of its trees (~32 bytes per byte of Go), and only
 * a collection followed by a turn of the event loop frees either.
 */
const RESIDENT_GROWTH_BYTES = 24 * 1024 * 1024;
let heapBound = HEAP_GROWTH_BYTES;
let residentBound = 0;
/** The bounds are checked at most this often. */
const SETTLE_CHECK_MS = 20;
let lastSettleCheck = 0;

/**
 * Called between files: when the heap or the process has grown past its bound, collects and lets the
 * finalizers run. Memory freed this way stays in the allocator for the next file.
 */
async function settle(force = false): Promise<void> {
  // Reading the resident size costs syscalls (0.8 s over GOROOT when read after every file).
  const now = performance.now();
  if (!force && now - lastSettleCheck < SETTLE_CHECK_MS) return;
  lastSettleCheck = now;
  const rss = process.memoryUsage.rss();
  if (residentBound === 0) residentBound = rss + RESIDENT_GROWTH_BYTES;
  if (!force && rss <= residentBound && v8.getHeapStatistics().used_heap_size <= heapBound) return;
  collectGarbage();
  heapBound = v8.getHeapStatistics().used_heap_size + HEAP_GROWTH_BYTES;
  await new Promise<void>((resolve) => setImmediate(resolve));
  residentBound = process.memoryUsage.rss() + RESIDENT_GROWTH_BYTES;
}

/**
 * Between packages, a process this much bigger than after its last trim is trimmed, and so is one that
 * has just scanned a package this big (its memory is mostly free by then, but not given back).
 */
const TRIM_GROWTH_BYTES = 32 * 1024 * 1024;
const TRIM_AFTER_PACKAGE_BYTES = 512 * 1024;
let trimBound = 0;

/**
 * Between packages, when the process has grown past its trim bound: collect, let the finalizers run,
 * and give the allocator's free pages back to the system (release-memory.ts). Otherwise each scan
 * process keeps the high-water mark of its biggest package.
 */
export async function settleBetweenPackages(packageBytes: number): Promise<void> {
  const rss = process.memoryUsage.rss();
  if (trimBound === 0) trimBound = rss + TRIM_GROWTH_BYTES;
  if (rss <= trimBound && packageBytes < TRIM_AFTER_PACKAGE_BYTES) return settle();
  await settle(true);
  releaseFreedMemory();
  const trimmed = process.memoryUsage.rss();
  trimBound = trimmed + TRIM_GROWTH_BYTES;
  residentBound = trimmed + RESIDENT_GROWTH_BYTES;
}

const STRING_TOKENS = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^'\\\n]|\\.)*'|"((?:[^"\\\n]|\\.)*)"|`([^`]*)`/g;

// A chain of two or more string literals joined by `+` (comments and line breaks allowed between).
const LITERAL_CHAIN = /(?:"(?:[^"\\\n]|\\.)*"|`[^`]*`)(?:\s*\+\s*(?:"(?:[^"\\\n]|\\.)*"|`[^`]*`))+/g;
const CHAIN_PART = /"((?:[^"\\\n]|\\.)*)"|`([^`]*)`/g;

/**
 * `"/bi" + "n/" + "sh"` folded from the text of code that is not parsed, with 1-based lines. Comments
 * are skipped first so a quote inside one does not start a literal.
 */
export function foldLiteralChains(source: string): Array<{ value: string; line: number }> {
  if (!/["`]\s*\+\s*["`]/.test(source)) return [];
  const out: Array<{ value: string; line: number }> = [];
  const code = blankComments(source);
  let lineStarts: number[] | undefined;
  for (const m of code.matchAll(LITERAL_CHAIN)) {
    let value = '';
    for (const part of m[0].matchAll(CHAIN_PART)) value += part[2] !== undefined ? part[2].replace(/\r/g, '') : (unquoteGo(part[1]!) ?? part[1]!);
    if (value.length >= 2) out.push({ value, line: rowAt((lineStarts ??= lineStartsOf(source)), m.index) + 1 });
  }
  return out;
}

/** A raw string that is only a struct tag (`json:"name,omitempty"`): no indicator lives there. */
const STRUCT_TAG = /^(?:\s*[\w-]+:"[^"]*")+\s*$/;

/**
 * String literal values found by a lexer pass (comments and runes skipped), escapes decoded; import
 * paths (`skip`) and struct tags left out.
 */
export function lexStringLiterals(source: string, skip?: ReadonlySet<string> | null): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(STRING_TOKENS)) {
    let value: string;
    if (m[1] !== undefined) value = unquoteGo(m[1]) ?? m[1];
    else if (m[2] !== undefined) {
      if (STRUCT_TAG.test(m[2])) continue;
      value = m[2].replace(/\r/g, '');
    } else continue;
    if (!skip?.has(value)) out.push(value);
  }
  return out;
}

const IMPORT_C = /^[ \t]*import[ \t]+"C"/gm;
const C_STRING = /"((?:[^"\\\n]|\\.)*)"/g;

/**
 * String literals of the C code in cgo preambles (the comment right above `import "C"`): code Go-level
 * lexing skips as a comment, yet it is compiled in and may run at load (a C constructor).
 */
export function cgoPreambleLiterals(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(IMPORT_C)) {
    const before = source.slice(0, m.index).trimEnd();
    let preamble = '';
    if (before.endsWith('*/')) {
      const start = before.lastIndexOf('/*');
      if (start >= 0) preamble = before.slice(start + 2, -2);
    } else {
      const lines = before.split('\n');
      let i = lines.length;
      while (i > 0 && /^\s*\/\//.test(lines[i - 1]!)) i--;
      preamble = lines.slice(i).map((l) => l.replace(/^\s*\/\//, '')).join('\n');
    }
    for (const lit of preamble.matchAll(C_STRING)) out.push(unquoteGo(lit[1]!) ?? lit[1]!);
  }
  return out;
}

function mergeIocsInto(target: Iocs, extra: Iocs): void {
  for (const key of ['urls', 'ips', 'domains', 'commands'] as const) {
    const set = new Set(target[key]);
    for (const v of extra[key]) set.add(v);
    target[key] = [...set];
  }
}

export function emptyIocs(): Iocs {
  return { urls: [], ips: [], domains: [], commands: [] };
}

export { mergeIocsInto };

/**
 * What the scanner could not read is itself evidence: a file too big to parse or nested too deep for
 * queries is where code would hide from this scanner, so it is a finding (medium: suspicious on its own,
 * never malicious), not only a note in parseErrors.
 */
function unscannableFinding(rel: string, ruleId: 'unscannable-large-file' | 'unscannable-deep-nesting', message: string, line: number): Finding {
  return {
    ruleId,
    severity: 'medium',
    category: 'evasion',
    message,
    file: rel,
    line,
    column: 1,
    snippet: '',
    recoveredStrings: [],
  };
}

/** What a scan of a package parses. */
interface ScanPlan {
  /** Every file whole. */
  whole: boolean;
  /** Per package clause: the declarations on text call paths to the functions holding pending matches. */
  covered: Map<string, Set<string>>;
  /** The declarations the rules and recovery want (parse-plan.ts); absent for a whole scan. */
  files?: PackagePlan;
}

/**
 * Scans one package, parsing only the declarations its rules and recovery want (parse-plan.ts). A
 * match inside a function the text says init or main may reach is placed (its context: import time,
 * main, an ordinary function) once the declarations on those call paths are parsed too (placePending),
 * so its context is exactly that of a whole parse.
 */
export async function scanPackage(task: PackageTask, rules: ScanRules, opts: { whole?: boolean } = {}): Promise<PackageResult> {
  if (task.placeOnly) return placeAgain(task, task.placeOnly);
  // `whole` parses every file whole (tests check the partial scan against it).
  const whole = opts.whole === true;
  const loaded = loadPackage(task, rules, !whole);
  const plan: ScanPlan = { whole, covered: new Map(), files: whole ? undefined : planPackage(loaded.files, rules.rules) };
  return scanLoadedPackage(loaded, rules, plan);
}

/** What a package scan needs of a rule set. */
type ScanRules = Pick<CompiledRuleSet, 'rules'>;

/** A package as read from disk, once: what every pass starts from. */
interface LoadedPackage {
  /** Counts, files that could not be read or scanned, and literal chains folded from the text. */
  base: PackageResult;
  /** Plain literals and folded chains of every file (IOC extraction). */
  strings: string[];
  /** The files a parse can be planned for, with their pre-filter answers. */
  files: PlanFile[];
  facts: Map<string, FileFacts>;
  /** Package clause of every file, parsed or not: a package is partial when one of its files is. */
  clauseOf: Map<string, string>;
  /** Per file: the values folded from its text (recovery does not report them again). */
  folded: Map<string, Set<string>>;
  /** Files behind `//go:build ignore`: never compiled, by Go or by a dependent. */
  ignored: Set<string>;
  /**
   * Tests, testdata, `_`/`.` directories and `//go:build ignore` files: they never build into a
   * dependent (their findings weigh a tenth, score.ts), yet test code took 69% of the interpreter's
   * time over GOROOT/src. Recovery does not run for their IOCs (their literals and folded chains still
   * feed IOCs), and rules recover their captures there without running declarations.
   */
  neverBuilt: Set<string>;
  /** Files that build for none of linux, darwin and windows, with the constraint that says so. */
  otherPlatforms: Map<string, string>;
  /** The files the package may embed, in its directory on disk (read once, for recovery and IOCs). */
  embeds?: PackageEmbeds;
  modulePath?: string;
  /** One call per function that other packages call at import time (PackageTask.entries). */
  entries: ImportTimeCall[];
  /** Rules whose package-level pre-filter fails over all the package's files (none when it embeds files). */
  ruledOut: Set<CompiledRule>;
}

/** Reads, checks and lexes a package's files; `prefilter` asks each rule's pre-filter for the parse plan. */
function loadPackage(task: PackageTask, rules: ScanRules, prefilter: boolean): LoadedPackage {
  const base: PackageResult = {
    dir: task.dir,
    filesScanned: 0,
    bytesScanned: 0,
    filesParsed: 0,
    parseErrors: [],
    imports: [],
    buildImports: [],
    findings: [],
    recoveredStrings: [],
    iocs: emptyIocs(),
  };
  const loaded: LoadedPackage = { base, strings: [], files: [], facts: new Map(), clauseOf: new Map(), folded: new Map(), ignored: new Set(), neverBuilt: new Set(), otherPlatforms: new Map(), embeds: task.files[0] && new PackageEmbeds(dirname(task.files[0].abs)), modulePath: task.modulePath, entries: firstPerName(task.entries ?? []), ruledOut: new Set() };
  const embedPatterns: string[] = [];
  for (const { abs, rel } of task.files) {
    let bytes: Buffer;
    try {
      const size = statSync(abs).size;
      base.filesScanned++;
      base.bytesScanned += size;
      if (size >= MAX_PARSE_BYTES) {
        const message = `not parsed: file is ${size} bytes (limit ${MAX_PARSE_BYTES})`;
        base.parseErrors.push({ file: rel, line: 1, message });
        base.findings.push(unscannableFinding(rel, 'unscannable-large-file', `Go file too large for the static scan (${size} bytes, limit ${MAX_PARSE_BYTES}); its code was not checked by the rules`, 1));
        continue;
      }
      bytes = readFileSync(abs);
    } catch (err) {
      base.parseErrors.push({ file: rel, line: 1, message: `cannot read: ${(err as Error).message}` });
      continue;
    }
    if (!isUtf8(bytes)) {
      base.parseErrors.push({ file: rel, line: 1, message: 'not valid UTF-8 (Go would reject it); scanned with replacement characters' });
    }
    addSource(loaded, rel, bytes.toString('utf8'), rules, prefilter, embedPatterns);
  }
  addNativeFiles(task, loaded, rules, prefilter, embedPatterns);
  // Rules that read the package's values (text-with-values) need their words somewhere in its files or
  // what they embed: a package without them parses nothing for those rules.
  if (prefilter) {
    loaded.ruledOut = ruledOutForPackage(rules.rules, [...loaded.facts.values()], embedPatterns.length > 0);
    if (loaded.ruledOut.size) for (const f of loaded.files) f.admitted = f.admitted.filter((rule) => !loaded.ruledOut.has(rule));
  }
  // What the package embeds (a script, a URL list) feeds IOC extraction too.
  if (embedPatterns.length && loaded.embeds) loaded.strings.push(...loaded.embeds.allTexts(embedPatterns));
  return loaded;
}

/**
 * Reads one source (a Go file, or a cgo source as its preamble) into the loaded package. `whole`: parse
 * it whole (a cgo source has no declarations for the plan to pick, only its preamble).
 */
function addSource(loaded: LoadedPackage, rel: string, source: string, rules: ScanRules, prefilter: boolean, embedPatterns: string[], whole = false): void {
  const base = loaded.base;
  if (buildIgnored(source)) loaded.ignored.add(rel);
  const role = fileRole(rel);
  if (loaded.ignored.has(rel) || (role !== 'source' && role !== 'vendor')) loaded.neverBuilt.add(rel);
  // `//go:build ignore` builds nowhere; notBuilt says so already.
  const platforms = loaded.ignored.has(rel) ? undefined : otherPlatformsOnly(rel, source);
  if (platforms) loaded.otherPlatforms.set(rel, platforms);
  const nesting = maxBracketDepth(source);
  if (nesting.depth > MAX_NESTING_DEPTH) {
    // Not parsed: queries miss code this deep and the tree walkers slow to minutes. Its string
    // literals still feed IOC extraction.
    base.parseErrors.push({ file: rel, line: nesting.line, message: `not parsed: brackets nested ${nesting.depth} deep (limit ${MAX_NESTING_DEPTH})` });
    base.findings.push(
      unscannableFinding(rel, 'unscannable-deep-nesting', `Go code nested ${nesting.depth} brackets deep (limit ${MAX_NESTING_DEPTH}): no generator or person writes this, and the scanner cannot read inside it reliably`, nesting.line),
    );
    loaded.strings.push(...lexStringLiterals(source));
    return;
  }
  const facts = factsOf(rel, source, rules.rules);
  loaded.facts.set(rel, facts);
  const parseAll = whole || facts.imports === null;
  const admitted = prefilter && !parseAll ? rules.rules.filter((rule) => prefilterPasses(rule, facts)) : [];
  loaded.files.push({ rel, source, imports: facts.imports, parseAll, admitted, needsRun: prefilter && !parseAll && !loaded.neverBuilt.has(rel) && RECOVERY_NEEDS_RUN.test(source) });
  loaded.clauseOf.set(rel, packageClause(source));
  // Literal chains are folded from the text (recovery runs only where a run can undo more).
  const folded = new Set<string>();
  for (const c of foldLiteralChains(source)) {
    loaded.strings.push(c.value);
    base.recoveredStrings.push({ file: rel, line: c.line, value: c.value, how: 'concat' });
    folded.add(c.value);
  }
  loaded.folded.set(rel, folded);
  // Plain literals feed IOC extraction, parsed or not; so do the C literals of a cgo preamble.
  loaded.strings.push(...lexStringLiterals(source, facts.imports));
  if (facts.imports?.has('C')) loaded.strings.push(...cgoPreambleLiterals(source));
  embedPatterns.push(...embedPatternsIn(source));
}

/**
 * The package's cgo sources, read as preambles when a Go file that builds imports "C" (cgo compiles
 * them then, and only then), and its .syso objects, reported as such (native-files.ts).
 */
function addNativeFiles(task: PackageTask, loaded: LoadedPackage, rules: ScanRules, prefilter: boolean, embedPatterns: string[]): void {
  const cgo = [...loaded.facts].find(([rel, facts]) => facts.imports?.has('C') && !loaded.neverBuilt.has(rel));
  const clause = cgo ? loaded.clauseOf.get(cgo[0]) : undefined;
  for (const { abs, rel } of task.native ?? []) {
    if (isCSource(rel) && !clause) continue;
    let bytes: Buffer;
    try {
      const size = statSync(abs).size;
      if (size >= MAX_PARSE_BYTES) {
        loaded.base.parseErrors.push({ file: rel, line: 1, message: `not read: file is ${size} bytes (limit ${MAX_PARSE_BYTES})` });
        continue;
      }
      bytes = readFileSync(abs);
    } catch (err) {
      loaded.base.parseErrors.push({ file: rel, line: 1, message: `cannot read: ${(err as Error).message}` });
      continue;
    }
    if (!isCSource(rel)) {
      const role = fileRole(rel);
      if (role === 'source' || role === 'vendor') loaded.base.findings.push(sysoFinding(rel, bytes));
      continue;
    }
    loaded.base.filesScanned++;
    loaded.base.bytesScanned += bytes.length;
    addSource(loaded, rel, cSourceAsPreamble(bytes.toString('utf8'), clause!), rules, prefilter, embedPatterns, true);
  }
}

/** The text call graph of each package clause, built on first need (`filesOf` gives a clause's files). */
function textGraphs(filesOf: (name: string) => PlanFile[], entryNames?: ReadonlySet<string>): (name: string) => TextCallGraph {
  const graphs = new Map<string, TextCallGraph>();
  return (name) => {
    let graph = graphs.get(name);
    if (!graph) graphs.set(name, (graph = new TextCallGraph(filesOf(name), entryNames)));
    return graph;
  };
}

/** One call per entry: the first ungated one when there is one (a gated call runs the entry only with its variable set). */
function firstPerName(calls: ImportTimeCall[]): ImportTimeCall[] {
  const first = new Map<string, ImportTimeCall>();
  for (const c of calls) {
    if (replacesEntry(c, first.get(entryKey(c)))) first.set(entryKey(c), c);
  }
  return [...first.values()];
}

/**
 * A package scanned before, now with entries (or not yet, to find its calls): its movable matches
 * placed again and its import-time calls into `callTargets` found, and nothing else (the rest of its
 * result cannot change). Only the declarations on text paths from a root to those matches and calls
 * are parsed.
 */
async function placeAgain(task: PackageTask, movable: MovableMatch[]): Promise<PackageResult> {
  const result: PackageResult = { dir: task.dir, filesScanned: 0, bytesScanned: 0, filesParsed: 0, parseErrors: [], imports: [], buildImports: [], findings: [], recoveredStrings: [], iocs: emptyIocs() };
  const targets = new Set(task.callTargets ?? []);
  const clauses = new Map<string, PlanFile[]>();
  const clauseOf = new Map<string, string>();
  const built = new Set<string>();
  const ignored = new Set<string>();
  const otherPlatforms = new Map<string, string>();
  for (const { abs, rel } of task.files) {
    let source: string;
    try {
      if (statSync(abs).size >= MAX_PARSE_BYTES) continue;
      source = readFileSync(abs, 'utf8');
    } catch {
      continue; // the full scan reported it
    }
    if (maxBracketDepth(source).depth > MAX_NESTING_DEPTH) continue;
    const role = fileRole(rel);
    if (buildIgnored(source)) ignored.add(rel);
    else {
      const platforms = otherPlatformsOnly(rel, source);
      if (platforms) otherPlatforms.set(rel, platforms);
    }
    if (!ignored.has(rel) && (role === 'source' || role === 'vendor')) built.add(rel);
    const file: PlanFile = { rel, source, imports: scanImportPaths(source), parseAll: false, admitted: [], needsRun: false };
    const name = packageClause(source);
    clauseOf.set(rel, name);
    const list = clauses.get(name);
    if (list) list.push(file);
    else clauses.set(name, [file]);
  }
  const entries = firstPerName(task.entries ?? []);
  const entryNames = new Set(entries.map(entryKey));
  const graphOf = textGraphs((name) => clauses.get(name) ?? [], entryNames);
  const calls: ImportTimeCall[] = [];
  for (const [name, files] of clauses) {
    // Only what the entries may reach can move or call anew: the rest keeps its place, and the calls
    // the package's own roots make were found before (scan.ts keeps them).
    const fromEntries = entries.length ? new TextCallGraph(files, entryNames, true) : undefined;
    const reachable = (rel: string, index: number) => fromEntries?.mayReach(rel, index) ?? true;
    const mine = movable.filter((m) => clauseOf.get(m.finding.file) === name);
    const pending = mine.filter((m) => reachable(m.finding.file, m.target.start)).map(pendingOf);
    for (const m of mine) if (m.placed && !reachable(m.finding.file, m.target.start)) result.findings.push(m.placed);
    const candidates = targets.size && name !== 'main' ? candidateDeclarations(files.filter((f) => built.has(f.rel)), graphOf(name), targets).filter((c) => reachable(c.rel, c.start)) : [];
    if (!pending.length && !candidates.length) continue;
    const covered = new Set<string>();
    const wanted = [...pending.map((p) => ({ rel: p.finding.file, index: p.target.start })), ...candidates.map((c) => ({ rel: c.rel, index: c.start }))];
    for (const w of wanted) for (const key of graphOf(name).pathTo(w.rel, w.index) ?? []) covered.add(key);
    const plan: ScanPlan = { whole: false, covered: new Map([[name, covered]]) };
    const out = await placePending({ files, name, pending, calls: candidates }, plan, graphOf, { entries, targets });
    result.findings.push(...out.placed);
    calls.push(...out.calls);
  }
  const guards = guardsFor([...clauses.values()].flat());
  for (const f of result.findings) {
    if (ignored.has(f.file)) f.notBuilt = true;
    const platforms = otherPlatforms.get(f.file);
    if (platforms) f.platformConstraint = platforms;
    markDisabled(f, guards);
  }
  if (calls.length) result.importTimeCalls = calls;
  return result;
}

/** What of a file a scan parses: all of it, some declarations (with the header), or nothing. */
function parseDepth(f: PlanFile, plan: ScanPlan): { depth: 'all' | 'some' | 'none'; ranges?: SourceRange[] } {
  const filePlan = plan.whole ? 'all' : plan.files!.files.get(f.rel);
  if (filePlan === 'all') return { depth: 'all' };
  return filePlan ? { depth: 'some', ranges: withHeader(f.source, filePlan) } : { depth: 'none' };
}

/**
 * Matches of one package clause whose placement waits for call paths (see PendingFinding), and its
 * declarations that text says may call into the module's other packages at import time.
 */
interface PendingClause {
  files: PlanFile[];
  name: string;
  pending: PendingFinding[];
  calls: Array<{ rel: string; start: number; end: number }>;
}

/** Parses what the plan wants of a loaded package, runs the rules and recovery, then places the pending matches. */
async function scanLoadedPackage(loaded: LoadedPackage, rules: ScanRules, plan: ScanPlan): Promise<PackageResult> {
  const { base, clauseOf } = loaded;
  const result: PackageResult = {
    ...base,
    parseErrors: [...base.parseErrors],
    findings: [...base.findings],
    recoveredStrings: [...base.recoveredStrings],
    iocs: emptyIocs(),
  };
  const imports = new Set<string>();
  const buildImports = new Set<string>();
  const builds = (rel: string) => !rel.endsWith('_test.go') && !loaded.ignored.has(rel);
  const defaultBuilds: NonNullable<PackageResult['defaultBuilds']> = { files: {}, imports: {} };
  for (const f of loaded.files) {
    const under = builds(f.rel) ? defaultBuildOses(f.rel, f.source) : undefined;
    if (under) defaultBuilds.files[f.rel] = under;
  }
  const addImport = (f: PlanFile, path: string) => {
    imports.add(path);
    if (!builds(f.rel)) return;
    buildImports.add(path);
    const known = (defaultBuilds.imports[path] ??= []);
    for (const os of defaultBuilds.files[f.rel] ?? ['*']) if (!known.includes(os)) known.push(os);
  };
  const strings = [...loaded.strings];
  // A package is partial when one of its files is not parsed whole.
  const partialPackages = new Set<string>();
  // One directory may hold several packages (`x` and `x_test`, or files behind `//go:build ignore`):
  // each is parsed, checked and let go before the next, so their trees are not all held at once.
  const clauses = new Map<string, PlanFile[]>();
  const depths = new Map<PlanFile, ReturnType<typeof parseDepth>>();
  for (const f of loaded.files) {
    const clause = clauseOf.get(f.rel)!;
    const planned = parseDepth(f, plan);
    depths.set(f, planned);
    if (planned.depth !== 'all') partialPackages.add(clause);
    const list = clauses.get(clause);
    if (list) list.push(f);
    else clauses.set(clause, [f]);
  }
  const entries = loaded.entries;
  const entryNames = entries.length ? new Set(entries.map(entryKey)) : undefined;
  const graphOf = textGraphs((name) => loaded.files.filter((f) => clauseOf.get(f.rel) === name), entryNames);
  const waiting: PendingClause[] = [];
  const movable: MovableMatch[] | undefined = loaded.modulePath ? [] : undefined;
  for (const clauseFiles of clauses.values()) {
    const parsed: ParsedFile[] = [];
    const pendingByName = new Map<string, PartialPackage & { pending: PendingFinding[] }>();
    for (const f of clauseFiles) {
      const { depth, ranges } = depths.get(f)!;
      if (depth === 'none') {
        for (const p of f.imports ?? []) addImport(f, p);
        continue;
      }
      let file: ParsedFile;
      try {
        file = parseFile(f.rel, f.source, ranges);
      } catch (err) {
        result.parseErrors.push({ file: f.rel, line: 1, message: `parser failed: ${(err as Error).message}` });
        continue;
      }
      await settle();
      result.filesParsed++;
      for (const e of findParseErrors(file.tree.rootNode)) result.parseErrors.push({ file: f.rel, line: e.line, message: e.message });
      for (const p of file.imports.all) addImport(f, p);
      parsed.push(file);
    }
    const byPackage = new Map<string, ParsedFile[]>();
    for (const file of parsed) {
      const list = byPackage.get(file.packageName);
      if (list) list.push(file);
      else byPackage.set(file.packageName, [file]);
    }
    for (const [name, files] of byPackage) {
      const scope = buildPackageScope(files);
      const embeds = loaded.embeds;
      if (embeds) scope.embedded = (_file, patterns) => embeds.textOf(patterns);
      const partial: (PartialPackage & { pending: PendingFinding[] }) | undefined = partialPackages.has(name) ? { graph: () => graphOf(name), wanted: [], pending: [] } : undefined;
      const steps = rulesOverPackage(files, rules.rules, { scope, partial, facts: loaded.facts, noRuns: loaded.neverBuilt, entries, movable, ruledOut: loaded.ruledOut });
      let step: IteratorResult<void, Finding[]>;
      while (!(step = steps.next()).done) await settle();
      result.findings.push(...step.value);
      // What recovery undid for a rule (a decoded command, say) is an indicator too, even where the
      // declaration shows none of the shapes that make the IOC pass run it.
      for (const f of step.value) strings.push(...f.recoveredStrings);
      if (partial?.pending.length) pendingByName.set(name, partial);
      const noteTimedOut = () => {
        if (!scope.timedOut) return;
        scope.timedOut = false;
        // Worded so the scan cache does not keep it: another run may get further.
        result.parseErrors.push({ file: files[0]!.path, line: 1, message: `string recovery stopped after ${MAX_RUN_MS} ms in one declaration of package ${name || '(none)'}: its recovered strings may be partial` });
      };
      noteTimedOut();
      for (const file of files) {
        if (loaded.neverBuilt.has(file.path)) continue;
        let recovered: ReturnType<typeof recoverAllInFile> = [];
        const budget: RecoveryBudget = { deadline: Date.now() + RECOVERY_FILE_BUDGET_MS };
        try {
          recovered = recoverAllInFile(file, scope, budget, { plainLiterals: false });
          if (budget.stopped) result.parseErrors.push({ file: file.path, line: 1, message: `string recovery stopped after ${RECOVERY_FILE_BUDGET_MS} ms: recovered strings of this file are partial` });
        } catch (err) {
          result.parseErrors.push({ file: file.path, line: 1, message: `string recovery failed: ${(err as Error).message}` });
        }
        const folded = loaded.folded.get(file.path);
        noteTimedOut();
        await settle();
        for (const r of recovered) {
          strings.push(r.value);
          if (r.how.length && !folded?.has(r.value)) result.recoveredStrings.push({ file: file.path, line: r.line, value: r.value, how: r.how.join(', ') });
        }
      }
    }
    for (const [name, pending] of pendingByName) {
      // The declarations on every text path from a root to these functions are parsed after this.
      const graph = graphOf(name);
      const covered = plan.covered.get(name) ?? new Set<string>();
      for (const w of pending.wanted) for (const key of graph.pathTo(w.rel, w.index) ?? []) covered.add(key);
      plan.covered.set(name, covered);
      waiting.push({ files: clauseFiles, name, pending: pending.pending, calls: [] });
    }
  }
  // The per-file cap of a rule's findings counts those placed before them.
  const count = new Map<string, number>();
  if (waiting.length) for (const f of result.findings) count.set(`${f.ruleId}\0${f.file}`, (count.get(`${f.ruleId}\0${f.file}`) ?? 0) + 1);
  for (const clause of waiting) {
    const { placed } = await placePending(clause, plan, graphOf, { entries, movable });
    for (const f of placed) {
      const key = `${f.ruleId}\0${f.file}`;
      const n = count.get(key) ?? 0;
      if (n >= MAX_FINDINGS_PER_RULE_PER_FILE) continue;
      count.set(key, n + 1);
      result.findings.push(f);
      strings.push(...f.recoveredStrings);
    }
  }
  try {
    result.iocs = extractIocs(strings);
  } catch (err) {
    result.parseErrors.push({ file: base.dir || '.', line: 1, message: `IOC extraction failed: ${(err as Error).message}` });
  }
  result.imports = [...imports];
  result.buildImports = [...buildImports];
  result.defaultBuilds = defaultBuilds;
  if (movable?.length) result.movable = movable;
  const guards = guardsFor(loaded.files);
  for (const f of [...result.findings, ...(movable ?? []).map((m) => m.finding)]) {
    if (loaded.ignored.has(f.file)) f.notBuilt = true;
    const platforms = loaded.otherPlatforms.get(f.file);
    if (platforms) f.platformConstraint = platforms;
    markDisabled(f, guards);
  }
  return result;
}

/** The constant guards of a package's files (const-guards.ts), read on first need. */
function guardsFor(files: readonly PlanFile[]): { files: Map<string, PlanFile>; get: () => ConstGuards } {
  let guards: ConstGuards | undefined;
  const byRel = new Map(files.map((f) => [f.rel, f]));
  return { files: byRel, get: () => (guards ??= new ConstGuards(files.filter((f) => !f.rel.endsWith('_test.go')))) };
}

/** Import-time code under a constant a default build makes false: the compiler drops it (Finding.disabledBy). */
function markDisabled(f: Finding, guards: ReturnType<typeof guardsFor>): void {
  if (!runsAtImport(f)) return;
  const file = guards.files.get(f.file);
  const guard = file && guards.get().guardAt(file, f.line, f.column);
  if (guard) f.disabledBy = guard;
}

/** The node of a parse of the file at a pending finding's target (the same offsets in any parse). */
function nodeAt(root: SyntaxNode, target: PendingFinding['target']): SyntaxNode | null {
  let node: SyntaxNode | null = root.descendantForIndex(target.start, target.end);
  while (node && node.type !== target.type && node.parent && node.parent.startIndex === target.start && node.parent.endIndex === target.end) node = node.parent;
  return node && node.type === target.type && node.startIndex === target.start && node.endIndex === target.end ? node : null;
}

/** Partial parses placePending tries, each with the declarations the last one asked for, before a whole parse. */
const PARTIAL_PLACE_ROUNDS = 3;

/**
 * Places the pending matches of one package clause, and finds which of its calls into the module's
 * other packages run at import time. Its files are parsed again, this time only the declarations on
 * the text call paths from a root (init, a package var, main, an entry) to the functions holding them:
 * any call path the package's call graph can find runs through these, so they place each match as a
 * whole parse would. When the context asks for more (the declarations that call through a table where a
 * function was kept), those are parsed too, a few times over; should they still not tell (a bug, or a
 * shape the text graph does not follow), the clause is parsed whole. The rules and recovery are not run again.
 */
async function placePending(
  clause: PendingClause,
  plan: ScanPlan,
  graphOf: (name: string) => TextCallGraph,
  opts: { entries: readonly ImportTimeCall[]; targets?: ReadonlySet<string>; movable?: MovableMatch[] },
): Promise<{ placed: Finding[]; calls: ImportTimeCall[] }> {
  const covered = new Set(plan.covered.get(clause.name) ?? []);
  const graph = graphOf(clause.name);
  for (let round = 0; round <= PARTIAL_PLACE_ROUNDS; round++) {
    const whole = round === PARTIAL_PLACE_ROUNDS;
    const paths = graph.rangesOf(covered);
    const files: ParsedFile[] = [];
    for (const f of clause.files) {
      const ranges = paths.get(f.rel);
      if (!whole && !ranges) continue;
      try {
        const file = parseFile(f.rel, f.source, whole ? undefined : withHeader(f.source, ranges!));
        if (file.packageName === clause.name) files.push(file);
      } catch {
        continue; // the scan's own parse reported it
      }
      await settle();
    }
    const partial: PartialPackage | undefined = whole ? undefined : { graph: () => graphOf(clause.name), covered, wanted: [] };
    const context = new PackageContext(files, partial, opts.entries);
    const placed: Finding[] = [];
    const calls: ImportTimeCall[] = [];
    const moved: MovableMatch[] = [];
    let settled = true;
    for (const p of clause.pending) {
      const file = files.find((f) => f.path === p.finding.file);
      const node = file ? nodeAt(file.tree.rootNode, p.target) : null;
      if (!file || !node) {
        settled = false;
        break;
      }
      const placement = context.placementOf(file, node);
      if (context.incomplete) {
        settled = false;
        break;
      }
      const finding = placeFinding({ ...p.finding }, p.context, placement);
      if (finding) placed.push(finding);
      if (placement.context === 'function') moved.push(finding ? { ...movableOf(p), placed: finding } : movableOf(p));
    }
    for (const c of settled && opts.targets ? clause.calls : []) {
      const file = files.find((f) => f.path === c.rel);
      if (!file) continue; // a file of another package clause
      calls.push(...importTimeCallsIn(file, c.start, c.end, context, opts.targets!, files));
      if (context.incomplete) {
        settled = false;
        break;
      }
    }
    if (settled) {
      opts.movable?.push(...moved);
      return { placed, calls };
    }
    // The context asked for more declarations (the callers through a hook table, say): parse them too.
    const before = covered.size;
    for (const w of partial?.wanted ?? []) for (const key of graph.pathTo(w.rel, w.index) ?? []) covered.add(key);
    if (covered.size === before) round = PARTIAL_PLACE_ROUNDS - 1;
  }
  // A whole parse places every match; this is only a guard against bugs.
  return { placed: clause.pending.map((p) => p.finding), calls: [] };
}

export interface WorkerInit {
  gosnareScanWorker: true;
  ruleDocs: CheckedRuleDoc[];
}

export type WorkerReply = { ok: true; result: PackageResult } | { ok: false; dir: string; error: string };

const PACKAGE_CLAUSE = /package\s+([\p{L}_][\p{L}\p{Nd}_]*)/uy;

/** The package clause's name, read past leading space and comments; '' when there is none. */
function packageClause(source: string): string {
  PACKAGE_CLAUSE.lastIndex = headerComments(source).length;
  return PACKAGE_CLAUSE.exec(source)?.[1] ?? '';
}

/** Set in the environment of scan child processes (scan.ts forks this file). */
export const SCAN_CHILD_ENV = 'GOSNARE_SCAN_CHILD';

// Child entry: the first message holds the checked rule documents (queries cannot cross processes), then
// tasks, handled one after another (a scan pauses between files, when the next task may already be here).
if (process.env[SCAN_CHILD_ENV] === '1' && process.send) {
  let rules: ScanRules | null = null;
  const send = process.send.bind(process);
  const handle = async (message: WorkerInit | PackageTask): Promise<void> => {
    if ('gosnareScanWorker' in message) {
      rules = { rules: compileCheckedRuleDocs(message.ruleDocs) };
      anchorScanShapes(rules.rules);
      return;
    }
    let reply: WorkerReply;
    try {
      reply = rules ? { ok: true, result: await scanPackage(message, rules) } : { ok: false, dir: message.dir, error: 'no rules received' };
    } catch (err) {
      reply = { ok: false, dir: message.dir, error: (err as Error).stack ?? String(err) };
    }
    send(reply);
    await settleBetweenPackages(message.bytes ?? 0);
  };
  let queue = Promise.resolve();
  process.on('message', (message: WorkerInit | PackageTask) => {
    queue = queue
      .then(() => handle(message))
      .catch((err: unknown) => {
        // Outside a scan's own try: the parent reads this line as the reason the process died.
        process.stderr.write(`scan process failed: ${(err as Error).stack ?? String(err)}\n`);
        process.exit(3);
      });
  });
  // The parent going away ends the child.
  process.on('disconnect', () => process.exit(0));
}
