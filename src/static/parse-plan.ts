// Which top-level declarations of a package the scan parses (tree-sitter included ranges), read from
// the text before any parse. A declaration is parsed when a rule's pre-filter holds in it (its needles
// about the matched code, see Prefilter.perDeclaration), when it shows a shape only a run of string
// recovery can undo, or when it reads a value such a declaration makes; then so is every package
// value and the functions of the same file it names, two calls deep (recovery follows them). Call paths that a
// placement needs are added later (reach-text.ts). Everything else is only lexed (literals for IOCs).
import { fileLayout, mentionsOf, type DeclChunk } from './decls.js';
import type { SourceRange } from './parse.js';
import { prefilterPasses, ruleSetWords, type FileFacts } from './rules/prefilter.js';
import type { CompiledRule } from './rules/types.js';
import { RECOVERY_NEEDS_RUN } from './strings/recover.js';
import { MAX_COMPOSITE_SOURCE } from './strings/interp.js';

export interface PlanFile {
  rel: string;
  source: string;
  imports: Set<string> | null;
  /** Parse it whole, whatever its declarations hold (the header could not be read, or a whole scan). */
  parseAll: boolean;
  /** Rules whose pre-filter holds for the whole file. */
  admitted: CompiledRule[];
  /** The file shows a shape only a run of recovery can undo (RECOVERY_NEEDS_RUN). */
  needsRun: boolean;
}

/** What to parse of one file: all of it, or these declarations (the header is added by the caller). */
export type FilePlan = 'all' | SourceRange[];

export interface PackagePlan {
  files: Map<string, FilePlan>;
}

/**
 * Files a rule wants that are smaller than this are parsed whole: telling their declarations apart
 * costs about what parsing them does.
 */
export const DECLARATION_PLAN_MIN_BYTES = 8 * 1024;

/** A file is parsed whole when the wanted declarations make this share of it. */
const WHOLE_FILE_SHARE = 0.75;

/** Value declarations up to this size are followed whatever they hold (a named XOR key or index). */
const SMALL_VALUE_CHARS = 2048;

/** How many calls deep the functions that wanted code names are parsed too. */
const MAX_FUNCTION_DEPTH = 2;

/** `name = pkg.Func` alone on its line in a var declaration (one name, one value). */
const FUNCTION_ALIAS = /^\s*(?:var\s+)?([\p{L}_][\p{L}\p{Nd}_]*)\s*=\s*[\p{L}_][\p{L}\p{Nd}_]*\.([\p{L}_][\p{L}\p{Nd}_]*)\s*$/gmu;

const wordsOfRules = new WeakMap<readonly CompiledRule[], Set<string>>();

/** Every word a rule's pre-filter looks for (callee names among them). */
function ruleWordsOf(rules: readonly CompiledRule[]): Set<string> {
  let words = wordsOfRules.get(rules);
  if (!words) {
    words = new Set(rules.flatMap((rule) => rule.prefilter.groups.flatMap((g) => g.flatMap((n) => (n.kind === 'word' ? [n.value] : [])))));
    wordsOfRules.set(rules, words);
  }
  return words;
}

/** Declarations that are code or values: what a mention by name may point at (not methods or types). */
const NAMED_KINDS = new Set<DeclChunk['kind']>(['func', 'var', 'const']);

export function planPackage(files: PlanFile[], rules: readonly CompiledRule[]): PackagePlan {
  const plans = new Map<string, FilePlan>();
  const calleeWords = ruleWordsOf(rules);
  const declaresAlias = (f: PlanFile) => [...f.source.matchAll(FUNCTION_ALIAS)].some((m) => calleeWords.has(m[2]!));
  if (!files.some((f) => f.parseAll || f.admitted.length || f.needsRun) && !files.some(declaresAlias)) return { files: plans };
  const words = ruleSetWords(rules);
  const fileLayouts = files.map((f) => fileLayout(f.source));
  const layouts = fileLayouts.map((l) => l.chunks);
  // A match may lie in the header (a cgo preamble above `import "C"`, an import spec): a file whose
  // header alone meets a rule is parsed, header only when no declaration is wanted.
  const headerWanted = files.map((f, fi) => {
    if (!f.admitted.length) return false;
    const facts: FileFacts = { path: f.rel, source: f.source.slice(0, fileLayouts[fi]!.headerEnd), imports: f.imports, words, declarationOf: true };
    return f.admitted.some((rule) => prefilterPasses(rule, facts));
  });
  const texts = files.map((f, fi) => layouts[fi]!.map((c) => f.source.slice(c.start, c.end)));
  const wanted = layouts.map((chunks) => chunks.map(() => false));
  const mentions = layouts.map((chunks) => new Array<Set<string> | undefined>(chunks.length));
  const mentionsAt = (fi: number, ci: number) => (mentions[fi]![ci] ??= mentionsOf(texts[fi]![ci]!).bare);
  const worthyNames = new Set<string>();
  files.forEach((f, fi) => {
    const chunks = layouts[fi]!;
    const wholeFile = f.parseAll || (f.admitted.length > 0 && (f.source.length < DECLARATION_PLAN_MIN_BYTES || !f.admitted.every((r) => r.prefilter.perDeclaration)));
    chunks.forEach((c, ci) => {
      const text = texts[fi]![ci]!;
      const worthy = f.needsRun && RECOVERY_NEEDS_RUN.test(text);
      if (worthy && c.kind !== 'method') for (const name of c.names) if (name !== '_') worthyNames.add(name);
      if (wholeFile || worthy) {
        wanted[fi]![ci] = true;
        return;
      }
      if (!f.admitted.length) return;
      const facts: FileFacts = { path: f.rel, source: text, imports: f.imports, words, declarationOf: true };
      wanted[fi]![ci] = f.admitted.some((rule) => prefilterPasses(rule, facts));
    });
  });
  // Functions are followed two calls deep: enough for `exec.Command(shell(), ...)` with `shell()`
  // returning `decode(...)`, without pulling in a whole dispatcher's file.
  const depth = layouts.map((chunks) => new Array<number>(chunks.length).fill(0));
  // `var run = exec.Command` where a rule names Command: code that calls `run(...)` makes that call
  // (match.ts resolves the alias), so it is wanted as if it named the function itself, and so is the alias.
  const aliases = new Set<string>();
  // The alias may sit in a file no rule admits (`var run = exec.Command` alone has no call), and be
  // called from another file that never names the function.
  layouts.forEach((chunks, fi) => {
    chunks.forEach((c, ci) => {
      if (c.kind !== 'var') return;
      for (const m of texts[fi]![ci]!.matchAll(FUNCTION_ALIAS)) {
        if (!calleeWords.has(m[2]!)) continue;
        aliases.add(m[1]!);
        wanted[fi]![ci] = true;
      }
    });
  });
  if (aliases.size) {
    layouts.forEach((chunks, fi) =>
      chunks.forEach((_, ci) => {
        if (!wanted[fi]![ci] && [...mentionsAt(fi, ci)].some((name) => aliases.has(name))) wanted[fi]![ci] = true;
      }),
    );
  }
  // Code that reads a value only a run can recover is run too (IOC recovery), so it is parsed; what it
  // calls is not (the run needs the value's own declaration, wanted already).
  if (worthyNames.size) {
    layouts.forEach((chunks, fi) =>
      chunks.forEach((_, ci) => {
        if (wanted[fi]![ci] || ![...mentionsAt(fi, ci)].some((name) => worthyNames.has(name))) return;
        wanted[fi]![ci] = true;
        depth[fi]![ci] = MAX_FUNCTION_DEPTH;
      }),
    );
  }
  // What wanted code names: package values anywhere, functions of the same file.
  const values = new Map<string, Array<[number, number]>>();
  const functions = new Map<string, Array<[number, number]>>();
  layouts.forEach((chunks, fi) =>
    chunks.forEach((c, ci) => {
      if (!NAMED_KINDS.has(c.kind)) return;
      // A big group of numeric constants (syscall tables) holds nothing a string is made of.
      if (c.kind !== 'func' && c.end - c.start > SMALL_VALUE_CHARS && !/["`{]/.test(texts[fi]![ci]!)) return;
      // Nor does one composite literal bigger than recovery reads (GOROOT's 2.8 MB opcodeTable).
      if (c.kind === 'var' && isOversizedComposite(texts[fi]![ci]!)) return;
      const map = c.kind === 'func' ? functions : values;
      for (const name of c.names) {
        if (name === '_') continue; // `var _ = ...` names nothing code can mention
        const list = map.get(name);
        if (list) list.push([fi, ci]);
        else map.set(name, [[fi, ci]]);
      }
    }),
  );
  const queue: Array<[number, number]> = [];
  wanted.forEach((list, fi) => list.forEach((w, ci) => w && queue.push([fi, ci])));
  while (queue.length) {
    const [fi, ci] = queue.pop()!;
    const d = depth[fi]![ci]!;
    for (const name of mentionsAt(fi, ci)) {
      const calls = d < MAX_FUNCTION_DEPTH ? (functions.get(name) ?? []).filter(([f]) => f === fi) : [];
      for (const [f, k, next] of [...(values.get(name) ?? []).map(([a, b]) => [a, b, d] as const), ...calls.map(([a, b]) => [a, b, d + 1] as const)]) {
        if (wanted[f]![k]) continue;
        wanted[f]![k] = true;
        depth[f]![k] = next;
        queue.push([f, k]);
      }
    }
  }
  files.forEach((f, fi) => {
    const chunks = layouts[fi]!;
    const ranges = chunks.flatMap((c, ci): SourceRange[] => (wanted[fi]![ci] ? [[c.start, c.end]] : []));
    if (!ranges.length && !f.parseAll && !headerWanted[fi]) return;
    const bytes = ranges.reduce((n, [a, b]) => n + b - a, 0);
    plans.set(f.rel, f.parseAll || bytes >= f.source.length * WHOLE_FILE_SHARE ? 'all' : ranges);
  });
  return { files: plans };
}

/**
 * `var name [type] = T{...}` with one literal larger than recovery evaluates (interp.ts). A comma
 * before the `=` (`var a, b = T{...}, "x"`) may mean several values: those are still followed.
 */
const SINGLE_COMPOSITE_VAR = /^var\s+[\p{L}_][\p{L}\p{Nd}_]*[^=\n(,]*=\s*[^\n{("`,]*\{/u;

function isOversizedComposite(text: string): boolean {
  if (text.length <= MAX_COMPOSITE_SOURCE) return false;
  const decl = text.trim();
  const head = SINGLE_COMPOSITE_VAR.exec(decl);
  return head !== null && decl.length - head[0].length > MAX_COMPOSITE_SOURCE && decl.endsWith('}');
}

/** The header plus `parts` (declaration ranges, maybe overlapping), sorted and merged. */
export function withHeader(source: string, parts: SourceRange[]): SourceRange[] {
  const ranges: SourceRange[] = [[0, fileLayout(source).headerEnd]];
  for (const [start, end] of [...parts].sort((a, b) => a[0] - b[0])) {
    const last = ranges[ranges.length - 1]!;
    if (start <= last[1]) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  return ranges;
}
