// Public face of string recovery: what strings does an expression (or a whole file) really hold
// once concatenation, index tables, decoding, XOR and reversal are undone?
// Each top-level declaration is run once by the interpreter, recording the values every
// expression took; lookups are then cheap. Expressions never reached (dead branches, unknown
// loops) are evaluated on their own with the enclosing function's locals unknown.
import type { ParsedFile, SyntaxNode } from '../parse.js';
import { topLevelAncestor } from '../ancestors.js';
import { Interpreter } from './interp.js';
import { stringLiteralValue } from './literals.js';
import { buildPackageScope as buildScope, packageCallers, type PackageScope } from './scope.js';
import { asBinaryString, binaryToUtf8, printableRatio, type Val, type Vals } from './values.js';

export type { PackageScope } from './scope.js';

export interface RecoveredString {
  value: string;
  /** steps undone, outermost first, e.g. ['concat','index-table','base64']; [] for a plain literal */
  how: string[];
}

export function buildPackageScope(files: ParsedFile[]): PackageScope {
  return buildScope(files);
}

/** The top-level declaration (direct child of the source file) that holds a node. */
function unitOf(node: SyntaxNode): SyntaxNode {
  return topLevelAncestor(node) ?? node;
}

/** Names declared anywhere inside a unit (parameters and locals), which a detached evaluation must not resolve to package values. */
function localNames(unit: SyntaxNode, file: ParsedFile, scope: PackageScope): Set<string> {
  const key = `${file.path}#${unit.id}`;
  const cached = scope.localNames.get(key);
  if (cached) return cached;
  const names = new Set<string>();
  scope.localNames.set(key, names);
  const isPackageSpec = (n: SyntaxNode): boolean => n.parent?.parent === unit || n.parent === unit;
  for (const n of unit.descendantsOfType(['parameter_declaration', 'variadic_parameter_declaration', 'var_spec', 'const_spec'])) {
    if ((n.type === 'var_spec' || n.type === 'const_spec') && isPackageSpec(n)) continue;
    for (let i = 0; i < n.childCount; i++) if (n.fieldNameForChild(i) === 'name') names.add(n.child(i)!.text);
  }
  for (const n of unit.descendantsOfType(['short_var_declaration', 'range_clause'])) {
    for (const l of n.childForFieldName('left')?.namedChildren ?? []) if (l.type === 'identifier') names.add(l.text);
  }
  return names;
}

/** Whether an expression mentions a parameter or local of its declaration (its value then depends on the run). */
function usesLocalName(node: SyntaxNode, locals: Set<string>): boolean {
  if (locals.size === 0) return false;
  if (node.type === 'identifier') return locals.has(node.text);
  if (node.type === 'interpreted_string_literal' || node.type === 'raw_string_literal' || node.type === 'int_literal') return false;
  return node.descendantsOfType('identifier').some((id) => locals.has(id.text));
}

const runDependentCache = new WeakMap<Set<string>, Set<string>>();

/**
 * Locals whose value a run of the declaration may know: all but the declaration's own parameters that are
 * never assigned (a run leaves those unknown, exactly as a detached evaluation does).
 */
function runDependentNames(unit: SyntaxNode, locals: Set<string>): Set<string> {
  const cached = runDependentCache.get(locals);
  if (cached) return cached;
  const params = new Set<string>();
  for (const field of ['receiver', 'parameters']) {
    const list = unit.childForFieldName(field);
    if (!list) continue;
    for (const p of list.namedChildren) {
      for (let i = 0; i < p.childCount; i++) if (p.fieldNameForChild(i) === 'name') params.add(p.child(i)!.text);
    }
  }
  if (params.size) {
    for (const n of unit.descendantsOfType(['assignment_statement', 'short_var_declaration', 'range_clause'])) {
      for (const l of n.childForFieldName('left')?.namedChildren ?? []) if (l.type === 'identifier') params.delete(l.text);
    }
    for (const n of unit.descendantsOfType(['inc_dec_statement', 'unary_expression'])) {
      const target = n.namedChildren[0];
      if (target?.type === 'identifier') params.delete(target.text); // x++ and &x (may be written through)
    }
    for (const n of unit.descendantsOfType(['func_literal', 'var_spec'])) {
      // a closure's parameter or a nested var of the same name shadows it: keep the name run-dependent
      if (n.type === 'var_spec') for (let i = 0; i < n.childCount; i++) if (n.fieldNameForChild(i) === 'name') params.delete(n.child(i)!.text);
      if (n.type === 'func_literal') for (const id of n.childForFieldName('parameters')?.descendantsOfType('identifier') ?? []) params.delete(id.text);
    }
  }
  const dependent = new Set([...locals].filter((n) => !params.has(n)));
  runDependentCache.set(locals, dependent);
  return dependent;
}

function recordsFor(file: ParsedFile, scope: PackageScope): Map<number, Map<number, Vals>> {
  let perFile = scope.records.get(file.path);
  if (!perFile) {
    perFile = new Map();
    scope.records.set(file.path, perFile);
  }
  return perFile;
}

/** Run one top-level declaration in recording mode (once per scope). */
function unitRecord(unit: SyntaxNode, file: ParsedFile, scope: PackageScope): Map<number, Vals> {
  const perFile = recordsFor(file, scope);
  const existing = perFile.get(unit.id);
  if (existing) return existing;
  const interp = new Interpreter(scope);
  try {
    if (unit.type === 'function_declaration' || unit.type === 'method_declaration') {
      interp.recordFunction(unit, file);
    } else if (unit.type === 'var_declaration' || unit.type === 'const_declaration') {
      const frame = interp.packageFrame(file, true);
      for (const spec of unit.descendantsOfType(['var_spec', 'const_spec'])) {
        if (spec.parent !== unit && spec.parent?.parent !== unit) continue;
        for (const v of spec.childForFieldName('value')?.namedChildren ?? []) interp.recordExpression(v, frame);
      }
    }
  } catch {
    // the interpreter stops on its step budget without throwing; this is only a guard against bugs
  }
  perFile.set(unit.id, interp.recorded);
  return interp.recorded;
}

/**
 * Values a function's expression took when the package called it with known arguments: the callers
 * (the package's init functions and package-level vars, and the declarations naming the function) are
 * recorded first, and their runs of it leave what they saw in scope.calleeRecords. A helper
 * `func run(name string, args ...string) { exec.Command(name, args...) }` knows nothing by itself;
 * called as `run("/bin/sh", "-c", line)` it runs that shell line.
 */
function valuesPerCall(node: SyntaxNode, unit: SyntaxNode, file: ParsedFile, scope: PackageScope): Vals {
  if (unit.type !== 'function_declaration' && unit.type !== 'method_declaration') return [];
  const name = unit.childForFieldName('name')?.text;
  if (!name) return [];
  if (!scope.callersRecorded.has(name)) {
    scope.callersRecorded.add(name);
    const callers = packageCallers(scope);
    for (const c of [...callers.roots, ...(callers.byName.get(name) ?? [])]) if (c.decl !== unit) unitRecord(c.decl, c.file, scope);
  }
  return scope.calleeRecords.get(file.path)?.get(node.id) ?? [];
}

/**
 * How a value may be found: `run` records a run of the whole declaration when the expression alone
 * does not tell; `detached` only evaluates the expression with the declaration's locals unknown.
 */
type Depth = 'calls' | 'run' | 'detached';

function valuesOf(node: SyntaxNode, file: ParsedFile, scope: PackageScope, knownUnit?: SyntaxNode, depth: Depth = 'run'): Vals {
  try {
    const unit = knownUnit ?? unitOf(node);
    const locals = localNames(unit, file, scope);
    // Lazy: an expression of literals and package-level names needs no run of its declaration.
    if (depth === 'detached' || !usesLocalName(node, runDependentNames(unit, locals))) {
      const detached = new Interpreter(scope).evalDetached(node, file, locals);
      if (detached.length || depth === 'detached') return detached;
    }
    const recorded = unitRecord(unit, file, scope).get(node.id);
    if (recorded?.length) return recorded;
    const perCall = depth === 'calls' ? valuesPerCall(node, unit, file, scope) : [];
    if (perCall.length) return perCall;
    if (recorded) return recorded;
    return new Interpreter(scope).evalDetached(node, file, locals);
  } catch {
    return []; // budget exhausted or an unexpected tree shape: nothing recovered
  }
}

/** Text of a value as a string (lists of strings joined by spaces), or undefined. */
function textOf(val: Val): string | undefined {
  if (val.kind === 'list') {
    const parts = val.v.map((e) => (e ? textOf(e) : undefined));
    return parts.every((p) => p !== undefined) ? parts.join(' ') : undefined;
  }
  const bin = asBinaryString(val);
  return bin === undefined ? undefined : binaryToUtf8(bin);
}

function howOf(val: Val): string[] {
  const steps = val.kind === 'list' ? [...val.how, ...val.v.flatMap((e) => e?.how ?? [])] : val.how;
  return [...new Set(steps.filter((s) => s !== '?'))];
}

/**
 * Possible string values of an expression node (usually 0 or 1; branches may give several).
 * For an `argument_list`: ONE value, the recovered args joined by ' ' (unrecoverable args as '?');
 * for a composite literal of strings ([]string{...}): ONE value, elements joined by ' '.
 */
export function recoverNode(node: SyntaxNode, file: ParsedFile, scope: PackageScope, opts: { runs?: boolean } = {}): RecoveredString[] {
  // Without runs, locals of the declaration are unknown (as for an expression no run reached).
  return recoverIn(node, file, scope, undefined, opts.runs === false ? 'detached' : 'calls');
}

function recoverIn(node: SyntaxNode, file: ParsedFile, scope: PackageScope, unit?: SyntaxNode, depth: Depth = 'run'): RecoveredString[] {
  try {
    if (node.type === 'argument_list') {
      const parts: string[] = [];
      const how: string[] = [];
      let known = 0;
      for (const arg of node.namedChildren) {
        if (arg.type === 'comment') continue;
        const expr = arg.type === 'variadic_argument' ? arg.namedChildren[0] : arg;
        const val = expr ? valuesOf(expr, file, scope, unit, depth)[0] : undefined;
        const text = val ? (val.kind === 'int' ? String(val.v) : textOf(val)) : undefined;
        if (text === undefined) {
          parts.push('?');
        } else {
          known++;
          parts.push(text);
          for (const s of howOf(val!)) if (!how.includes(s)) how.push(s);
        }
      }
      return known > 0 ? [{ value: parts.join(' '), how }] : [];
    }
    const out: RecoveredString[] = [];
    const seen = new Set<string>();
    for (const val of valuesOf(node, file, scope, unit, depth)) {
      if (val.kind !== 'str' && val.kind !== 'builder' && val.kind !== 'bytes' && val.kind !== 'list') continue;
      const text = textOf(val);
      if (text === undefined || seen.has(text)) continue;
      seen.add(text);
      out.push({ value: text, how: howOf(val) });
    }
    return out;
  } catch {
    return [];
  }
}

/** Expressions whose values are worth reporting: what is passed, returned, declared. */
function reportCandidates(unit: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  // By byte ranges, not by climbing `parent` (quadratic in nesting depth, see ancestors.ts).
  const loops = unit.descendantsOfType('for_statement').map((l) => [l.startIndex, l.endIndex] as const);
  const insideLoop = (n: SyntaxNode): boolean => loops.some(([start, end]) => start < n.startIndex && n.endIndex <= end);
  for (const n of unit.descendantsOfType(['argument_list', 'return_statement', 'var_spec', 'const_spec', 'short_var_declaration', 'assignment_statement'])) {
    switch (n.type) {
      case 'argument_list':
        for (const a of n.namedChildren) out.push(a.type === 'variadic_argument' ? a.namedChildren[0] ?? a : a);
        break;
      case 'return_statement':
        out.push(...(n.namedChildren[0]?.namedChildren ?? []));
        break;
      case 'var_spec':
      case 'const_spec':
        out.push(...(n.childForFieldName('value')?.namedChildren ?? []));
        break;
      case 'short_var_declaration':
        out.push(...(n.childForFieldName('right')?.namedChildren ?? []));
        break;
      case 'assignment_statement':
        // accumulating assignments in loops hold partial values: report the final use instead
        if (n.childForFieldName('operator')?.type === '=' && !insideLoop(n)) out.push(...(n.childForFieldName('right')?.namedChildren ?? []));
        break;
    }
  }
  // literals are reported as such; a composite literal by itself is data (e.g. XOR input), not a string
  const skip = new Set(['comment', 'interpreted_string_literal', 'raw_string_literal', 'composite_literal']);
  return out.filter((n) => !skip.has(n.type));
}

/**
 * Cheap text test of a declaration for something only recovery can see: concatenation of literals or of
 * table entries, decoders,
 * byte/string/rune tables, XOR with a literal or a repeating key, formatting or writing literals,
 * reversal, long encoded-looking literals. Each alternative starts with a literal so V8 only tries it
 * where that literal occurs (see derive.ts on the backtrack limit). Plain `^`, `Sprintf(format, vars)`
 * and `strings.Builder` are everyday code (hashes, messages): on GOROOT/src they made recovery run
 * over most of the compiler for no string, taking more time than everything else the scan does.
 */
const RECOVERY_WORTHY =
  /"\s*\+|`\s*\+|\+=?\s*["`]|\[\d+\]\s*\+|\+\s*\w+\[\d+\]|\+=\s*\w+\[|Decode|Unquote|byte\s*\{|rune\s*\{|string\s*\{|\^=?\s*(?:0[xXbBoO]?[0-9a-fA-F_]*|[1-9]|'|\w+\s*\[[^\]\n]*%)|%\s*len\(|(?:strings|bytes)\.Map\(|Sprint\w*\(\s*"[^"\n]*"\s*,\s*["`'0-9]|Write(?:String|Byte|Rune)\(\s*["'`]|Reverse|"[A-Za-z0-9+/=_-]{40}/;

/**
 * Shapes only a run of the declaration can undo: strings spelled out of a table by literal indices or
 * accumulated from one in a loop, decoders, unquoting, XOR with a literal or a repeating key, char-code
 * slices turned into strings, reversal, long encoded literals. A declaration that shows only
 * concatenation or formatting of literals (everyday messages: most of GOROOT/src) has its candidates
 * folded on their own, without a run, and a file without any of these shapes is not parsed for
 * recovery at all (its literal chains are folded from the text). Rules recover their own captures
 * with runs whatever this says.
 */
export const RECOVERY_NEEDS_RUN =
  /\[\d+\]\s*\+\s*[\w.]+\[\d+\]|\+=\s*[\w.]+\[|DecodeString\(|\bhex\.Decode\(|Encoding\.Decode\(|Unquote\(|Unescape\(|string\s*\(\s*\[\]\s*(?:byte|rune)\s*\{|\^=?\s*(?:0[xX][0-9a-fA-F]{2}\b|'|[\w.]+\s*\[[^\]\n]*%)|%\s*len\(|Reverse\w*\(|(?:strings|bytes)\.Map\(|\bNewReplacer\(|\bXORKeyStream\(|"(?=[A-Za-z0-9+/=_-]*\d)[A-Za-z0-9+/=_-]{64,}"/;

/** A literal joined to a name or call: `"cmd." + zone`, `host + ":443"`, `f() + "/x"`. */
const LITERAL_NAME_CONCAT = /["`]\s*\+=?\s*[\p{L}_(]|[\p{L}\p{Nd}_)\]]\s*\+=?\s*["`]/u;

const worthyNamePatterns = new WeakMap<PackageScope, Map<RegExp, RegExp | null>>();
/**
 * How far "calls a worthy name" spreads: one step covers `var X = f()` over a table-concatenating `f`
 * and `run(decode(k))`. Three steps reached most of a compiler-sized package (everything calls
 * everything) and made recovery the main cost of the scan; rules recover their own arguments anyway.
 */
const WORTHY_NAME_ROUNDS = 1;

/**
 * Same-package functions and package-level values whose declarations are recovery-worthy (or use such
 * names, a few levels deep), as one pattern of bare names: a declaration calling `decode(key)` is worth a run.
 */
function worthyNamePattern(scope: PackageScope, shape: RegExp): RegExp | null {
  let perShape = worthyNamePatterns.get(scope);
  if (!perShape) {
    perShape = new Map();
    worthyNamePatterns.set(scope, perShape);
  }
  if (perShape.has(shape)) return perShape.get(shape)!;
  const texts = new Map<string, string[]>();
  for (const [name, decls] of scope.funcs) texts.set(name, decls.map((d) => d.node.text));
  for (const [name, decls] of scope.values) {
    const list = texts.get(name) ?? [];
    for (const d of decls) if (d.values) list.push(d.values.text);
    texts.set(name, list);
  }
  const worthy = new Set<string>();
  for (const [name, list] of texts) if (list.some((t) => shape.test(t))) worthy.add(name);
  const escape = (n: string) => n.replace(/[^\w]/g, '\\$&');
  for (let round = 0; round < WORTHY_NAME_ROUNDS && worthy.size; round++) {
    const re = new RegExp(`(?<![\\w.])(?:${[...worthy].map(escape).join('|')})\\b`);
    let grew = false;
    for (const [name, list] of texts) {
      if (!worthy.has(name) && list.some((t) => re.test(t))) {
        worthy.add(name);
        grew = true;
      }
    }
    if (!grew) break;
  }
  const pattern = worthy.size ? new RegExp(`(?<![\\w.])(?:${[...worthy].map(escape).join('|')})\\b`) : null;
  perShape.set(shape, pattern);
  return pattern;
}

/** Whether the text names a package-level value or function whose declaration shows `shape`. */
function readsWorthyName(text: string, scope: PackageScope, shape: RegExp = RECOVERY_WORTHY): boolean {
  return worthyNamePattern(scope, shape)?.test(text) ?? false;
}

/**
 * Whether a candidate expression can hold a string its text does not show: it has a recovery-worthy
 * shape itself, reads a worthy package-level name, or is a variable built up in place (`s += ...`,
 * `b = append(b, ...)`, `b[i] ^= ...`). Others hold what another candidate already reported.
 */
function candidateWorthy(cand: SyntaxNode, unitText: string, scope: PackageScope): boolean {
  const text = cand.text;
  if (RECOVERY_WORTHY.test(text) || readsWorthyName(text, scope)) return true;
  if (cand.type !== 'identifier') return false;
  const name = text.replace(/[^\w]/g, '\\$&');
  return new RegExp(`(?<![\\w.])${name}(?:\\s*\\[[^\\]\\n]*\\])?\\s*(?:[-+^|&]=|=\\s*append\\()`).test(unitText);
}

/**
 * Interpreter steps all candidates of one declaration may take together in recoverAllInFile (one run's
 * own budget is 25 000). Measured on GOROOT/src/net: a few test functions took seconds each.
 */
export const UNIT_RECOVERY_STEPS = 25_000;

/** A wall-clock limit for recoverAllInFile; `stopped` is set when it cut the work short. */
export interface RecoveryBudget {
  deadline: number;
  stopped?: boolean;
}

/**
 * Every interesting string in the file: plain literals AND recovered ones (non-empty `how`), with 1-based line.
 * With a budget, declarations after the deadline are not evaluated (the interpreter's step budget bounds one
 * declaration; a file of a million declarations needs a bound of its own).
 */
export function recoverAllInFile(
  file: ParsedFile,
  scope: PackageScope,
  budget?: RecoveryBudget,
  opts: { plainLiterals?: boolean } = {},
): Array<RecoveredString & { line: number }> {
  const out: Array<RecoveredString & { line: number }> = [];
  const root = file.tree.rootNode;
  // The scan lexes plain literals from the text instead (a node per literal is slow on big files).
  const literals = opts.plainLiterals === false ? [] : root.descendantsOfType(['interpreted_string_literal', 'raw_string_literal']);
  for (const lit of literals) {
    const parent = lit.parent?.type;
    if (parent === 'import_spec' || parent === 'field_declaration') continue; // import paths, struct tags
    const bin = stringLiteralValue(lit.type, lit.text);
    if (bin === undefined) continue;
    out.push({ value: binaryToUtf8(bin), how: [], line: lit.startPosition.row + 1 });
  }
  const seen = new Set<string>();
  for (const unit of root.namedChildren) {
    if (!['function_declaration', 'method_declaration', 'var_declaration', 'const_declaration'].includes(unit.type)) continue;
    // Declarations a run can teach something are run; those that join a literal to a name
    // (`"cmd." + zone`) are folded expression by expression; chains of literals alone are folded from
    // the text (foldLiteralChains) and plain literals are already listed.
    const unitText = unit.text;
    const depth: Depth | undefined =
      RECOVERY_NEEDS_RUN.test(unitText) || readsWorthyName(unitText, scope, RECOVERY_NEEDS_RUN) ? 'run' : LITERAL_NAME_CONCAT.test(unitText) ? 'detached' : undefined;
    if (!depth) continue;
    if (budget && Date.now() > budget.deadline) {
      budget.stopped = true;
      break;
    }
    scope.sharedSteps = { remaining: UNIT_RECOVERY_STEPS };
    try {
      for (const cand of reportCandidates(unit)) {
        if (scope.sharedSteps.remaining < 0) break;
        if (!candidateWorthy(cand, unitText, scope)) continue;
        for (const r of recoverIn(cand, file, scope, unit, depth)) {
          if (r.how.length === 0 || r.value.length < 2 || seen.has(r.value)) continue;
          if (printableRatio(r.value) < 0.85) continue; // decoded binary, not a string
          seen.add(r.value);
          out.push({ ...r, line: cand.startPosition.row + 1 });
        }
      }
    } finally {
      scope.sharedSteps = undefined;
    }
  }
  return out;
}
