// Whether a Go file can build on the machines a Go module attack targets (developer machines and CI:
// linux, darwin, windows), from its name (`x_android.go`, `x_ios_arm64.go`) and its `//go:build` (or
// `// +build`) line, by go/build's rules. An `init` that only builds for Android or Plan 9 never runs
// when a developer builds or tests a dependent; the verdict does not give its import-time findings
// the malicious grade (score.ts).

/** go/build's knownOS and knownArch (syslist.go). */
const KNOWN_OS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos']);
const KNOWN_ARCH = new Set(['386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm']);
const UNIX_OS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'linux', 'netbsd', 'openbsd', 'solaris']);

/** Where developers and CI build and test Go code. */
export const TARGET_OS = ['linux', 'darwin', 'windows'] as const;

/** go/build's matchTag for an OS-like tag under GOOS `os` (android counts as linux, ios as darwin). */
function osTagHolds(tag: string, os: string): boolean {
  if (tag === os) return true;
  if (tag === 'linux' && os === 'android') return true;
  if (tag === 'solaris' && os === 'illumos') return true;
  if (tag === 'darwin' && os === 'ios') return true;
  return tag === 'unix' && UNIX_OS.has(os);
}

/** The OS and arch a file name constrains to (`name_GOOS_GOARCH.go`, `name_GOOS.go`, `name_GOARCH.go`). */
export function fileNameConstraint(rel: string): { os?: string; arch?: string } {
  const base = rel.slice(rel.lastIndexOf('/') + 1).split('.')[0]!;
  const i = base.indexOf('_');
  if (i < 0) return {};
  const parts = base.slice(i).split('_');
  if (parts[parts.length - 1] === 'test') parts.pop();
  const n = parts.length;
  if (n >= 2 && KNOWN_OS.has(parts[n - 2]!) && KNOWN_ARCH.has(parts[n - 1]!)) return { os: parts[n - 2], arch: parts[n - 1] };
  if (n >= 1 && KNOWN_OS.has(parts[n - 1]!)) return { os: parts[n - 1] };
  if (n >= 1 && KNOWN_ARCH.has(parts[n - 1]!)) return { arch: parts[n - 1] };
  return {};
}

type Expr = { tag: string } | { not: Expr } | { and: [Expr, Expr] } | { or: [Expr, Expr] };

/** Parses a `//go:build` expression; undefined when it does not parse (then nothing is assumed). */
function parseExpr(text: string): Expr | undefined {
  const tokens = text.match(/\|\||&&|!|\(|\)|[\p{L}\p{Nd}_.]+|\S/gu) ?? [];
  let i = 0;
  // `a || b || c` and `a && b && c`, left to right.
  const chain = (op: '||' | '&&', operand: () => Expr | undefined): Expr | undefined => {
    let left = operand();
    while (left && tokens[i] === op) {
      i++;
      const right = operand();
      left = right && (op === '||' ? { or: [left, right] } : { and: [left, right] });
    }
    return left;
  };
  const or = (): Expr | undefined => chain('||', and);
  const and = (): Expr | undefined => chain('&&', not);
  const not = (): Expr | undefined => {
    const t = tokens[i++];
    if (t === '!') {
      const inner = not();
      return inner && { not: inner };
    }
    if (t === '(') {
      const inner = or();
      return tokens[i++] === ')' ? inner : undefined;
    }
    return t && /^[\p{L}\p{Nd}_.]+$/u.test(t) ? { tag: t } : undefined;
  };
  const expr = or();
  return expr && i === tokens.length ? expr : undefined;
}

/** `// +build a,b !c` lines (space: or, comma: and), all of which must hold, as one expression. */
function plusBuildExpr(lines: string[]): Expr | undefined {
  const text = lines.map((line) => `(${line.trim().split(/\s+/).map((term) => `(${term.split(',').join(' && ')})`).join(' || ')})`).join(' && ');
  return parseExpr(text);
}

const LEADING_NON_CODE = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/;

/** Space and comments before the package clause: where Go reads build constraints. */
export function headerComments(source: string): string {
  return LEADING_NON_CODE.exec(source)?.[0] ?? '';
}

const BUILD_IGNORE = /^[ \t]*\/\/(?:go:build[ \t]+ignore|[ \t]*\+build[ \t]+ignore)[ \t]*\r?$/m;

/**
 * Whether a file is behind `//go:build ignore` (or `// +build ignore`): the constraint Go's own
 * generators use for programs run by hand (`go run gen.go`). No build sets the tag, so the file never
 * compiles into the package. Only a constraint above the package clause counts, as for Go.
 */
export function buildIgnored(source: string): boolean {
  return BUILD_IGNORE.test(headerComments(source));
}

/** The build constraint above the package clause: the `//go:build` line, else `// +build` lines. */
function constraintOf(source: string): { text: string; expr: Expr } | undefined {
  const head = headerComments(source);
  const goBuild = /^[ \t]*\/\/go:build[ \t]+([^\n]*?)[ \t]*\r?$/m.exec(head);
  if (goBuild) {
    const expr = parseExpr(goBuild[1]!);
    return expr && { text: `//go:build ${goBuild[1]}`, expr };
  }
  const plus = [...head.matchAll(/^[ \t]*\/\/[ \t]*\+build[ \t]+([^\n]*?)[ \t]*\r?$/gm)].map((m) => m[1]!);
  if (!plus.length) return undefined;
  const expr = plusBuildExpr(plus);
  return expr && { text: plus.map((p) => `// +build ${p}`).join('; '), expr };
}

function tagsOf(expr: Expr, out: Set<string>): Set<string> {
  if ('tag' in expr) out.add(expr.tag);
  else if ('not' in expr) tagsOf(expr.not, out);
  else for (const e of 'and' in expr ? expr.and : expr.or) tagsOf(e, out);
  return out;
}

function holds(expr: Expr, tag: (t: string) => boolean): boolean {
  if ('tag' in expr) return tag(expr.tag);
  if ('not' in expr) return !holds(expr.not, tag);
  if ('and' in expr) return holds(expr.and[0], tag) && holds(expr.and[1], tag);
  return holds(expr.or[0], tag) || holds(expr.or[1], tag);
}

/** More free tags than this (custom tags, go1.N, cgo) and the file is taken to build anywhere. */
const MAX_FREE_TAGS = 10;

/** Whether some GOARCH and setting of the other tags builds the expression under GOOS `os`. */
function satisfiable(expr: Expr, os: string, fixedArch: string | undefined): boolean {
  const tags = [...tagsOf(expr, new Set())];
  const arches = fixedArch ? [fixedArch] : [...tags.filter((t) => KNOWN_ARCH.has(t)), ''];
  const free = tags.filter((t) => !KNOWN_OS.has(t) && t !== 'unix' && !KNOWN_ARCH.has(t));
  if (free.length > MAX_FREE_TAGS) return true;
  for (const arch of arches) {
    for (let bits = 0; bits < 1 << free.length; bits++) {
      const value = (t: string): boolean => {
        if (KNOWN_OS.has(t) || t === 'unix') return osTagHolds(t, os);
        if (KNOWN_ARCH.has(t)) return t === arch;
        // `ignore` is never set: such files are handled apart (buildIgnored).
        return t !== 'ignore' && (bits & (1 << free.indexOf(t))) !== 0;
      };
      if (holds(expr, value)) return true;
    }
  }
  return false;
}

/**
 * The constraint that keeps a file from building on linux, darwin and windows (`file name _android`,
 * `//go:build ios`), or undefined when it may build on one of them.
 */
export function otherPlatformsOnly(rel: string, source: string): string | undefined {
  const name = fileNameConstraint(rel);
  const constraint = constraintOf(source);
  if (!name.os && !name.arch && !constraint) return undefined;
  for (const os of TARGET_OS) {
    if (name.os && !osTagHolds(name.os, os)) continue;
    if (!constraint || satisfiable(constraint.expr, os, name.arch)) return undefined;
  }
  const suffix = [name.os, name.arch].filter(Boolean).join('_');
  return [suffix && `file name _${suffix}.go`, constraint?.text].filter(Boolean).join(', ');
}

/**
 * Whether the file builds in a default build of linux, darwin or windows: any GOARCH, cgo on or off,
 * every go1.N release tag, the gc toolchain, and no tag a `-tags` flag would have to set. A file behind
 * a custom tag (`//go:build perfmap`) builds only for whoever asks for it by name.
 */
export function buildsByDefault(rel: string, source: string): boolean {
  if (buildIgnored(source)) return false;
  const name = fileNameConstraint(rel);
  const constraint = constraintOf(source);
  return TARGET_OS.some((os) => buildsByDefaultOn(name, constraint, os));
}

/** As buildsByDefault, for one GOOS, from the file's name constraint and build constraint. */
function buildsByDefaultOn(name: { os?: string; arch?: string }, constraint: { expr: Expr } | undefined, os: string): boolean {
  if (name.os && !osTagHolds(name.os, os)) return false;
  if (!constraint) return true;
  const arches = name.arch ? [name.arch] : [...[...tagsOf(constraint.expr, new Set())].filter((t) => KNOWN_ARCH.has(t)), ''];
  for (const arch of arches) {
    for (const cgo of [true, false]) {
      const value = (t: string): boolean => {
        if (KNOWN_OS.has(t) || t === 'unix') return osTagHolds(t, os);
        if (KNOWN_ARCH.has(t)) return t === arch;
        if (t === 'cgo') return cgo;
        return t === 'gc' || /^go1\.\d+$/.test(t);
      };
      if (holds(constraint.expr, value)) return true;
    }
  }
  return false;
}

/** Every GOOS go/build knows. */
export const ALL_OS: readonly string[] = [...KNOWN_OS];

/**
 * The GOOS values under which the file builds in a default build (any GOARCH, cgo on or off, no
 * `-tags`); undefined for a file without constraints (it builds under every one).
 */
export function defaultBuildOses(rel: string, source: string): string[] | undefined {
  if (buildIgnored(source)) return [];
  const name = fileNameConstraint(rel);
  const constraint = constraintOf(source);
  if (!name.os && !name.arch && !constraint) return undefined;
  return ALL_OS.filter((os) => buildsByDefaultOn(name, constraint, os));
}
