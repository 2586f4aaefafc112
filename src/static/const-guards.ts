// Code under `if Enabled {` where Enabled is a package constant that is false in every default build
// (wazero's perfmap init: `const PerfMapEnabled = false` under `//go:build !perfmap`): the compiler
// drops it, and it runs only for a dependent built with the tag that flips the constant. Read from the
// text: the blocks around a finding, and the constant declarations of the files that build by default.
import { lineStartsOf, stripNonCode } from './decls.js';
import { buildsByDefault } from './build-constraints.js';

export interface GuardSource {
  rel: string;
  source: string;
}

const CONST_SINGLE = (name: string) => new RegExp(`\\bconst[ \\t]+${name}(?:[ \\t]+bool)?[ \\t]*=[ \\t]*(true|false)[ \\t]*$`, 'gm');
const CONST_IN_GROUP = (name: string) => new RegExp(`^[ \\t]*${name}(?:[ \\t]+bool)?[ \\t]*=[ \\t]*(true|false)[ \\t]*$`, 'gm');

/** The bodies of `const ( ... )` groups of blanked code. */
function constGroups(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/\bconst[ \t]*\(/g)) {
    let depth = 0;
    for (let i = m.index + m[0].length - 1; i < code.length; i++) {
      if (code[i] === '(') depth++;
      else if (code[i] === ')' && --depth === 0) {
        out.push(code.slice(m.index + m[0].length, i));
        break;
      }
    }
  }
  return out;
}

/** Finds, per package clause, the boolean constants whose every default-build declaration has one value. */
export class ConstGuards {
  private readonly code = new Map<string, string>();
  private readonly byDefault: GuardSource[];
  private readonly values = new Map<string, { value: boolean; file: string } | null>();

  constructor(files: readonly GuardSource[]) {
    this.byDefault = files.filter((f) => buildsByDefault(f.rel, f.source));
  }

  private codeOf(f: GuardSource): string {
    let code = this.code.get(f.rel);
    if (code === undefined) this.code.set(f.rel, (code = stripNonCode(f.source)));
    return code;
  }

  /** The constant's one value in default builds, with a file declaring it; null when unknown or mixed. */
  private valueOf(name: string): { value: boolean; file: string } | null {
    if (this.values.has(name)) return this.values.get(name)!;
    const seen = new Set<boolean>();
    let file = '';
    for (const f of this.byDefault) {
      const code = this.codeOf(f);
      if (!code.includes(name)) continue;
      const hits = [...code.matchAll(CONST_SINGLE(name))].concat(constGroups(code).flatMap((body) => [...body.matchAll(CONST_IN_GROUP(name))]));
      for (const h of hits) {
        seen.add(h[1] === 'true');
        file ||= f.rel;
      }
    }
    const value = seen.size === 1 ? { value: [...seen][0]!, file } : null;
    this.values.set(name, value);
    return value;
  }

  /**
   * The `if` that keeps the code at (line, column) of `file` from running in a default build, as text
   * (`if PerfMapEnabled (false in default builds, perfmap_disabled.go)`), or undefined.
   */
  guardAt(file: GuardSource, line: number, column: number): string | undefined {
    const code = this.codeOf(file);
    const starts = lineStartsOf(code);
    let i = (starts[line - 1] ?? code.length) + column - 1;
    for (let depth = 0; --i >= 0; ) {
      const c = code[i];
      if (c === '}') depth++;
      else if (c === '{' && depth > 0) depth--;
      else if (c === '{') {
        const head = /\bif[ \t]+(!?)[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*$/.exec(code.slice(Math.max(0, i - 200), i));
        if (!head) continue;
        const [, negated, name] = head;
        if (name === 'false' && !negated) return 'if false';
        if (name === 'true' || name === 'false') continue;
        const known = this.valueOf(name!);
        // `if X {` runs when X is true; `if !X {` when it is false.
        if (known && known.value === Boolean(negated)) return `if ${negated}${name} (${known.value} in default builds, ${known.file})`;
      }
    }
    return undefined;
  }
}
