// Calls that a package's import-time code makes into another package of the same module (`sys.Setup()`
// in an init, `var c = client.New()`, `a := agent.New(); a.Start()`): the callee then runs whenever a
// dependent imports the caller, so it is import-time code too. Each package's calls are found
// (scan-worker.ts placeAgain) and each callee package is placed again with the called functions and
// methods as entries (context.ts), so what they reach is placed at import time there, as a call from
// the package's own init would be. Without this, a payload moved one package down from the init that
// starts it reads as an ordinary function.
import type { ParsedFile, SyntaxNode } from './parse.js';
import { defaultPackageName } from './imports.js';
import { isLocallyDeclared } from './rules/shadow.js';
import { ancestorsOf } from './ancestors.js';
import { runArgument, runByCall } from './runs-argument.js';
import type { PackageContext } from './context.js';
import type { TextCallGraph } from './reach-text.js';

/** A call from import-time code to a function of another package of the module. */
export interface ImportTimeCall {
  /** Import path of the called package. */
  path: string;
  /** The function called (`Setup` of `sys.Setup()`), or the method (`Start` of `agent.New().Start()`). */
  name: string;
  /** A method called on a value the package made (`agent.New(...).Start()`, `a := agent.New(); a.Start()`). */
  method?: true;
  /** Where the call is: file relative to the module root, 1-based line. */
  file: string;
  line: number;
  /** The call runs at import only behind this env gate of the caller (env-gate.ts). */
  envGate?: string;
}

/** The key of an entry: functions and methods of one name are different entries. */
export function entryKey(call: Pick<ImportTimeCall, 'name' | 'method'>): string {
  return call.method ? `.${call.name}` : call.name;
}

/**
 * Whether a call should stand for its entry instead of the one known so far: there is none, or only a
 * gated one and this call has no gate (then the entry runs at every import).
 */
export function replacesEntry(call: ImportTimeCall, known: ImportTimeCall | undefined): boolean {
  return !known || (known.envGate !== undefined && !call.envGate);
}

const IDENT = '[\\p{L}_][\\p{L}\\p{Nd}_]*';

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The names a file may call the `targets` packages by, read from its text: the default name of each
 * such import and any alias written before its path. A superset of what the parse resolves.
 */
function targetImportNames(source: string, imports: ReadonlySet<string>, targets: ReadonlySet<string>): string[] {
  const names = new Set<string>();
  for (const path of imports) {
    if (!targets.has(path)) continue;
    names.add(defaultPackageName(path));
    for (const m of source.matchAll(new RegExp(`(${IDENT})[ \\t]+"${escapeRegex(path)}"`, 'gu'))) names.add(m[1]!);
  }
  return [...names];
}

/** A file of a package clause, with the import paths its header names (null when unreadable). */
export interface CallerFile {
  rel: string;
  source: string;
  imports: ReadonlySet<string> | null;
}

/**
 * Declarations that text says may run at import time and that mention a call through a name of one of
 * the `targets` packages (`sys.X(`, or `sys.X` handed on as a value), or a method call on a package var made with one (`var a =
 * agent.New()` and `a.Start(`): only these can hold such a call, and only these (with their call paths)
 * need a parse to say exactly. Returned as text ranges (a declaration with its doc comment).
 */
export function candidateDeclarations(files: CallerFile[], graph: TextCallGraph, targets: ReadonlySet<string>): Array<{ rel: string; start: number; end: number }> {
  const callPattern = new Map<string, RegExp>();
  const madeWith = new Map<string, RegExp>();
  for (const f of files) {
    if (!f.imports) continue;
    // A dot import (`import . "m/sys"`) makes any bare call a candidate.
    const dotted = [...f.imports].some((path) => targets.has(path) && new RegExp(`(?:^|[\\s(])\\.[ \\t]+"${escapeRegex(path)}"`, 'm').test(f.source));
    if (dotted) {
      callPattern.set(f.rel, new RegExp(`${IDENT}\\s*\\(`, 'u'));
      continue;
    }
    const names = targetImportNames(f.source, f.imports, targets);
    if (!names.length) continue;
    const alt = names.map(escapeRegex).join('|');
    // `sys.X(`, `sys.Default.X(` (a method of the package's var), or `sys.X` handed on as a value (`time.AfterFunc(d, sys.X)`).
    callPattern.set(f.rel, new RegExp(`(?<![\\p{L}\\p{Nd}_.])(?:${alt})\\s*\\.\\s*${IDENT}\\s*(?:\\.\\s*${IDENT}\\s*)?[(),]`, 'u'));
    madeWith.set(f.rel, new RegExp(`(?:\\bvar\\s+)?(${IDENT})[^=\\n;]*=\\s*&?(?:${alt})\\s*\\.\\s*${IDENT}`, 'gu'));
  }
  if (!callPattern.size) return [];
  const sources = new Map(files.map((f) => [f.rel, f.source]));
  // Only the files given (those that build) hold candidates; the graph has the package's tests too.
  const reached = [...graph.reachedDeclarations()].filter((d) => sources.has(d.rel));
  const out: Array<{ rel: string; start: number; end: number }> = [];
  // Package vars holding a value made with a target package: their declarations are parsed (the
  // receiver's maker is read there), and a method call on them anywhere in the package is a candidate.
  const madeVars = new Set<string>();
  for (const d of reached) {
    const pattern = madeWith.get(d.rel);
    if (d.kind !== 'var' || !pattern) continue;
    const text = sources.get(d.rel)!.slice(d.start, d.end);
    for (const m of text.matchAll(pattern)) madeVars.add(m[1]!);
  }
  const onVar = madeVars.size ? new RegExp(`(?<![\\p{L}\\p{Nd}_.])(?:${[...madeVars].map(escapeRegex).join('|')})\\s*\\.\\s*${IDENT}\\s*\\(`, 'u') : undefined;
  for (const d of reached) {
    const text = sources.get(d.rel)!.slice(d.start, d.end);
    if (callPattern.get(d.rel)?.test(text) || onVar?.test(text) || (d.kind === 'var' && madeWith.has(d.rel) && new RegExp(madeWith.get(d.rel)!.source, 'u').test(text))) out.push({ rel: d.rel, start: d.start, end: d.end });
  }
  return out;
}

/**
 * The calls to functions of the `targets` packages in the declaration of `file` within the text range
 * `[start, end)`, that run at import time by `context` (exactly: a call inside a stored closure does not).
 */
export function importTimeCallsIn(file: ParsedFile, start: number, end: number, context: PackageContext, targets: ReadonlySet<string>, packageFiles: readonly ParsedFile[]): ImportTimeCall[] {
  const decl = file.tree.rootNode.namedChildren.find((c) => c.type !== 'comment' && c.startIndex >= start && c.startIndex < end);
  if (!decl) return [];
  const out: ImportTimeCall[] = [];
  for (const call of decl.descendantsOfType('call_expression')) {
    const target = calleeIn(call, file, targets) ?? methodOnMadeValue(call, decl, file, targets, packageFiles) ?? ranValue(call, file, targets);
    const called = target ? [target] : dotImported(call, file, targets);
    if (!called.length || inHandedClosure(call, decl, file)) continue;
    const placement = context.placementOf(file, call);
    if (placement.context !== 'init' && placement.context !== 'package-var' && placement.context !== 'reachable-from-init') continue;
    for (const t of called) out.push({ ...t, file: file.path, line: call.startPosition.row + 1, ...(placement.envGate ? { envGate: placement.envGate } : {}) });
  }
  return out;
}

/**
 * Whether the call is inside a func literal handed to some call as an argument
 * (`RegisterBuilder(url, func() { google.NewCredentials() })` in an init): registries keep such
 * closures for later, and whether the callee calls it now is not known here. A closure called on the
 * spot (`go func() { sys.Beacon() }()`) is not handed on.
 */
function inHandedClosure(call: SyntaxNode, decl: SyntaxNode, file: ParsedFile): boolean {
  for (const up of ancestorsOf(call)) {
    if (up.startIndex < decl.startIndex || up.type !== 'func_literal') continue;
    let p = up.parent;
    while (p?.type === 'parenthesized_expression') p = p.parent;
    if (p?.type === 'argument_list' && !(p.parent?.type === 'call_expression' && runByCall(up, p.parent, file))) return true;
  }
  return false;
}

/** `pkg.F` handed to a call that runs it (`time.AfterFunc(d, sys.Run)`, runs-argument.ts). */
function ranValue(call: SyntaxNode, file: ParsedFile, targets: ReadonlySet<string>): { path: string; name: string } | undefined {
  const value = runArgument(call, file);
  if (value?.type !== 'selector_expression') return undefined;
  const operand = value.childForFieldName('operand');
  const field = value.childForFieldName('field');
  if (operand?.type !== 'identifier' || !field) return undefined;
  const path = file.imports.byName.get(operand.text);
  if (!path || !targets.has(path) || isLocallyDeclared(call, operand.text)) return undefined;
  return { path, name: field.text };
}

/**
 * `M` of a method call `v.M(...)` whose receiver was made with one of the `targets` packages:
 * `pkg.New(...).M()`, `&pkg.T{...}`, a local `v := pkg.New(...)` / `v, err := ...` / `var v = ...` of
 * this declaration, a package var so made, or a package var of the target package (`pkg.Default.M()`).
 * The callee package's method `M` is then an entry.
 */
function methodOnMadeValue(call: SyntaxNode, decl: SyntaxNode, file: ParsedFile, targets: ReadonlySet<string>, packageFiles: readonly ParsedFile[]): { path: string; name: string; method: true } | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return undefined;
  const field = fn.childForFieldName('field');
  let operand = fn.childForFieldName('operand');
  if (!field || !operand) return undefined;
  while (operand.type === 'parenthesized_expression' && operand.namedChildren[0]) operand = operand.namedChildren[0];
  if (operand.type === 'identifier') {
    if (file.imports.byName.has(operand.text) && !isLocallyDeclared(call, operand.text)) return undefined; // pkg.F: calleeIn's
    let made = madeBy(operand.text, decl, file, targets);
    // Not a local of this declaration: a package var (`var a = agent.New()`), read in its own file.
    if (!made && !isLocallyDeclared(call, operand.text)) {
      for (const f of packageFiles) {
        for (const v of f.tree.rootNode.namedChildren) if (!made && v.type === 'var_declaration') made = madeBy(operand.text, v, f, targets);
      }
    }
    return made ? { path: made, name: field.text, method: true } : undefined;
  }
  // `agent.Default.Start()`: a method on a package var of the target package.
  const pkg = operand.type === 'selector_expression' ? operand.childForFieldName('operand') : null;
  if (pkg?.type === 'identifier' && !isLocallyDeclared(call, pkg.text)) {
    const path = file.imports.byName.get(pkg.text);
    if (path && targets.has(path)) return { path, name: field.text, method: true };
  }
  const path = madeWith(operand, file, targets);
  return path ? { path, name: field.text, method: true } : undefined;
}

/** The target package an expression makes its value with: `pkg.F(...)`, `pkg.T{...}`, `&pkg.T{...}`. */
function madeWith(expr: SyntaxNode, file: ParsedFile, targets: ReadonlySet<string>): string | undefined {
  let e: SyntaxNode | null = expr;
  if (e.type === 'unary_expression' && e.childForFieldName('operator')?.type === '&') e = e.childForFieldName('operand');
  if (e?.type === 'call_expression') return calleeIn(e, file, targets)?.path;
  if (e?.type === 'composite_literal') {
    const type = e.childForFieldName('type');
    const pkg = type?.type === 'qualified_type' ? type.childForFieldName('package')?.text : undefined;
    const path = pkg ? file.imports.byName.get(pkg) : undefined;
    return path && targets.has(path) ? path : undefined;
  }
  return undefined;
}

/** The target package whose value a local of the declaration holds (`v := pkg.New()`, `v, err := ...`, `var v = ...`). */
function madeBy(name: string, decl: SyntaxNode, file: ParsedFile, targets: ReadonlySet<string>): string | undefined {
  for (const stmt of decl.descendantsOfType(['short_var_declaration', 'var_spec'])) {
    const names = stmt.type === 'var_spec' ? stmt.childrenForFieldName('name') : (stmt.childForFieldName('left')?.namedChildren ?? []);
    const at = names.findIndex((n) => n.text === name);
    if (at < 0) continue;
    const values = (stmt.type === 'var_spec' ? stmt.childForFieldName('value') : stmt.childForFieldName('right'))?.namedChildren ?? [];
    // `v, err := pkg.New()`: one call gives all the names.
    const value = values.length === names.length ? values[at] : values.length === 1 && at === 0 ? values[0] : undefined;
    const path = value ? madeWith(value, file, targets) : undefined;
    if (path) return path;
  }
  return undefined;
}

/**
 * A bare call `F(...)` in a file that dot-imports `targets` packages: `F` of each of them (an entry
 * naming no function of a package reaches nothing there), unless `F` is a local.
 */
function dotImported(call: SyntaxNode, file: ParsedFile, targets: ReadonlySet<string>): Array<{ path: string; name: string }> {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'identifier' || !file.imports.dot.some((p) => targets.has(p)) || isLocallyDeclared(call, fn.text)) return [];
  return file.imports.dot.filter((p) => targets.has(p)).map((path) => ({ path, name: fn.text }));
}

/** `pkg.F` of a call `pkg.F(...)` when pkg is an import of one of the `targets` packages, not shadowed. */
function calleeIn(call: SyntaxNode, file: ParsedFile, targets: ReadonlySet<string>): { path: string; name: string } | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return undefined;
  const operand = fn.childForFieldName('operand');
  const field = fn.childForFieldName('field');
  if (operand?.type !== 'identifier' || !field) return undefined;
  const path = file.imports.byName.get(operand.text);
  if (!path || !targets.has(path) || isLocallyDeclared(call, operand.text)) return undefined;
  return { path, name: field.text };
}
