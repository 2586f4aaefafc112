// Import-time and main-time reachability read from the text, without a parse: an over-approximation
// of context.ts's call graph (a declaration "calls" every package-level name its code mentions). A
// function outside this set is certainly not reachable from init, a package-level initializer or main,
// so a scan that parsed only part of a package can place it without parsing the rest; and a function
// inside it can be placed exactly by parsing only the declarations on text paths from a root to it.
import { callMentionsOf, fileLayout, mentionsOf, stripNonCode, type DeclChunk, type FileLayout } from './decls.js';
import type { SourceRange } from './parse.js';

export interface TextFile {
  rel: string;
  source: string;
}

/** Answers "may code at this index of this file run at import time or from main?". */
export type MayReach = (rel: string, index: number) => boolean;

/** A declaration of the package: file index and chunk index in that file's layout. */
type DeclRef = readonly [number, number];

export class TextCallGraph {
  private readonly layouts: FileLayout[];
  private readonly reached: boolean[][];
  /** For reached declarations: the reached declarations that mention them (reverse edges). */
  private readonly callers: DeclRef[][][];
  private readonly fileIndex: Map<string, number>;
  /** Method name -> receiver type names declaring it (a name shared by several types is not followed). */
  readonly methodReceivers = new Map<string, Set<string>>();
  /** Names of package functions and of vars holding func literals. */
  readonly functionNames = new Set<string>();
  /** Names of every package var. */
  readonly varNames = new Set<string>();

  /**
   * `entries`: functions another package of the module calls at import time (roots, like init), and
   * methods as `.Name` (import-time-calls.ts entryKey).
   */
  constructor(
    private readonly files: TextFile[],
    entries?: ReadonlySet<string>,
    /** Only the entries are roots: what they may reach, whatever the package's own roots reach. */
    entriesOnly = false,
  ) {
    this.layouts = files.map((f) => fileLayout(f.source));
    this.fileIndex = new Map(files.map((f, i) => [f.rel, i]));
    const byName = new Map<string, DeclRef[]>();
    const methods = new Map<string, DeclRef[]>();
    this.reached = this.layouts.map((l) => new Array<boolean>(l.chunks.length).fill(false));
    this.callers = this.layouts.map((l) => l.chunks.map(() => []));
    const queue: DeclRef[] = [];
    const reach = (fi: number, ci: number) => {
      if (this.reached[fi]![ci]) return;
      this.reached[fi]![ci] = true;
      queue.push([fi, ci]);
    };
    this.layouts.forEach((layout, fi) => {
      layout.chunks.forEach((c, ci) => {
        if (c.kind === 'var') for (const n of c.names) this.varNames.add(n);
        // Only code can be called: functions, methods, and vars that hold a func literal.
        const callable = c.kind === 'func' || c.kind === 'method' || (c.kind === 'var' && /\bfunc\b/.test(files[fi]!.source.slice(c.start, c.end)));
        for (const name of callable ? c.names.filter((n) => n !== '_') : []) {
          const map = c.kind === 'method' ? methods : byName;
          const list = map.get(name);
          if (list) list.push([fi, ci]);
          else map.set(name, [[fi, ci]]);
          if (c.kind === 'method') {
            const types = this.methodReceivers.get(name) ?? new Set<string>();
            types.add(c.receiver ?? '?');
            this.methodReceivers.set(name, types);
          } else {
            this.functionNames.add(name);
          }
        }
        // A var may hold the entry's func literal (`var Setup = func() {...}`).
        const entry =
          ((c.kind === 'func' || c.kind === 'var') && c.names.some((n) => entries?.has(n) === true)) || (c.kind === 'method' && entries?.has(`.${c.names[0]}`) === true);
        // A _test.go file's init and vars run only under `go test` of this package (context.ts ownRoots).
        const testFile = files[fi]!.rel.endsWith('_test.go');
        const isRoot = entry || (!entriesOnly && !testFile && ((c.kind === 'func' && (c.names[0] === 'init' || c.names[0] === 'main')) || c.kind === 'var'));
        if (isRoot) reach(fi, ci);
      });
    });
    // A var holding functions that reached code mentions may be called through (`hooks[i]()`,
    // `for _, h := range hooks { h() }`): every name its initializer mentions may run then.
    const calledThrough = this.layouts.map((l) => new Array<boolean>(l.chunks.length).fill(false));
    while (queue.length) {
      const from = queue.pop()!;
      const [fi, ci] = from;
      const c = this.layouts[fi]!.chunks[ci]!;
      const text = files[fi]!.source.slice(c.start, c.end);
      const through = c.kind === 'var' && calledThrough[fi]![ci]!;
      // In a var initializer only calls and arguments run now; in code, or in a var called through,
      // any mention may be a call.
      const m = c.kind === 'var' && !through ? callMentionsOf(text) : mentionsOf(text);
      const follow = (targets: DeclRef[] | undefined, name?: string) => {
        for (const [f, k] of targets ?? []) {
          this.callers[f]![k]!.push(from);
          reach(f, k);
          if (name && this.layouts[f]!.chunks[k]!.kind === 'var' && !calledThrough[f]![k] && callsThrough(text, name)) {
            calledThrough[f]![k] = true;
            queue.push([f, k]);
          }
        }
      };
      for (const name of m.bare) follow(byName.get(name), name);
      for (const name of m.selected) follow(methods.get(name));
    }
  }

  /**
   * The texts (from `func` to the closing brace) of the package's functions named `name`, or of its
   * methods of that name: one per declaration (build variants in other files each have theirs).
   */
  declarationTexts(name: string, method: boolean): string[] {
    return this.chunkTexts((c) => c.kind === (method ? 'method' : 'func') && c.names[0] === name);
  }

  /** The texts (from the keyword on) of the declarations `wanted` picks. */
  private chunkTexts(wanted: (c: DeclChunk) => boolean): string[] {
    const out: string[] = [];
    this.layouts.forEach((layout, fi) => {
      for (const c of layout.chunks) if (wanted(c)) out.push(this.files[fi]!.source.slice(c.at, c.end));
    });
    return out;
  }

  private readonly codes = new Map<string, string>();

  /** The reached declarations whose code (literals and comments blanked) passes `test`. */
  reachedCallingThrough(test: (code: string) => boolean): Array<{ rel: string; start: number }> {
    const out: Array<{ rel: string; start: number }> = [];
    for (const d of this.reachedDeclarations()) {
      let code = this.codes.get(d.key);
      if (code === undefined) this.codes.set(d.key, (code = stripNonCode(this.files[Number(d.key.split(':')[0])]!.source.slice(d.start, d.end))));
      if (test(code)) out.push({ rel: d.rel, start: d.start });
    }
    return out;
  }

  /** The texts of the package's var declarations that declare `name`. */
  varDeclarationTexts(name: string): string[] {
    return this.chunkTexts((c) => c.kind === 'var' && c.names.includes(name));
  }

  private declAt(rel: string, index: number): DeclRef | undefined {
    const fi = this.fileIndex.get(rel);
    if (fi === undefined) return undefined;
    const ci = chunkAt(this.layouts[fi]!.chunks, index);
    return ci === undefined ? undefined : [fi, ci];
  }

  /** The declarations that may run at import time or from main: file, `file:chunk` key, text range, kind. */
  *reachedDeclarations(): Generator<{ rel: string; key: string; start: number; end: number; kind: DeclChunk['kind'] }> {
    for (let fi = 0; fi < this.layouts.length; fi++) {
      const chunks = this.layouts[fi]!.chunks;
      for (let ci = 0; ci < chunks.length; ci++) {
        if (this.reached[fi]![ci]) yield { rel: this.files[fi]!.rel, key: `${fi}:${ci}`, start: chunks[ci]!.start, end: chunks[ci]!.end, kind: chunks[ci]!.kind };
      }
    }
  }

  /** Whether the declaration holding `index` may run at import time or from main. */
  mayReach(rel: string, index: number): boolean {
    const at = this.declAt(rel, index);
    return at === undefined ? true : this.reached[at[0]]![at[1]]!;
  }

  /**
   * Every declaration on a text path from a root to the declaration holding `index` (that one
   * included), as `file:chunk` keys: the reached declarations it can be reached back from. Any call
   * path to it in the parsed graph runs only through these, so parsing them places it exactly.
   */
  pathTo(rel: string, index: number): Set<string> | undefined {
    const at = this.declAt(rel, index);
    if (at === undefined || !this.reached[at[0]]![at[1]]) return undefined;
    const seen = new Set<string>([`${at[0]}:${at[1]}`]);
    const stack: DeclRef[] = [at];
    while (stack.length) {
      const [fi, ci] = stack.pop()!;
      for (const caller of this.callers[fi]![ci]!) {
        const key = `${caller[0]}:${caller[1]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        stack.push(caller);
      }
    }
    return seen;
  }

  /** Whether the declaration holding `index` is one of `keys` (from pathTo). */
  isIn(keys: ReadonlySet<string>, rel: string, index: number): boolean {
    const at = this.declAt(rel, index);
    return at !== undefined && keys.has(`${at[0]}:${at[1]}`);
  }

  /** Source ranges of `keys` (from pathTo), by file. */
  rangesOf(keys: Iterable<string>): Map<string, SourceRange[]> {
    const out = new Map<string, SourceRange[]>();
    for (const key of keys) {
      const [fi, ci] = key.split(':').map(Number) as [number, number];
      const c = this.layouts[fi]!.chunks[ci]!;
      const rel = this.files[fi]!.rel;
      const list = out.get(rel) ?? [];
      list.push([c.start, c.end]);
      out.set(rel, list);
    }
    return out;
  }
}

/**
 * Whether code text may call through the var `name`: `name[k](` or `range name` (the loop may call
 * what it yields). An over-approximation of context.ts's calledThrough.
 */
function callsThrough(text: string, name: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{Nd}_.])${name}\\s*\\[[^\\n]*\\]\\s*\\(|\\brange\\s+${name}(?![\\p{L}\\p{Nd}_])`, 'u').test(text);
}

export function textualReach(files: TextFile[]): MayReach {
  const graph = new TextCallGraph(files);
  return (rel, index) => graph.mayReach(rel, index);
}

function chunkAt(chunks: DeclChunk[], index: number): number | undefined {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = chunks[mid]!;
    if (index < c.start) hi = mid - 1;
    else if (index >= c.end) lo = mid + 1;
    else return mid;
  }
  return undefined;
}
