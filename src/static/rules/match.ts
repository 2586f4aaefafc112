// Runs compiled rules over parsed files of one package and turns query matches into Findings.
import type { Finding } from '../../result/schema.js';
import { GoLanguage, Parser, type ParsedFile, type SyntaxNode } from '../parse.js';
import { PackageContext, type PartialPackage, type Placement } from '../context.js';
import type { ImportTimeCall } from '../import-time-calls.js';
import type { RuleContext } from './schema.js';
import { buildPackageScope, recoverNode, type PackageScope } from '../strings/recover.js';
import { followedMethods, type ValueDecl } from '../strings/scope.js';
import { exprList } from '../strings/interp.js';
import { isLocallyDeclared } from './shadow.js';
import { derivationsOf, innermostFunction, type Derivations } from './derivation.js';
import { mentionsOf } from '../decls.js';
import { topLevelAncestor } from '../ancestors.js';
import { runsInLinearTime } from './regex-safety.js';
import { factsOf, packagePrefilterPasses, prefilterPasses, unquoteGo, wordOccurs, type FileFacts } from './prefilter.js';
import type { Atom, CompiledCondition, CompiledRule } from './types.js';

/** Rule regexes only ever see this much text (see regex-safety.ts for the backtracking defences). */
export const REGEX_INPUT_LIMIT = 64 * 1024;
/** Regexes V8 cannot run in linear time see less: polynomial backtracking (`\s*\S*x`) stays cheap. */
export const NONLINEAR_REGEX_INPUT_LIMIT = 8 * 1024;
/** A flood of matches of one rule in one file adds nothing after this many. */
export const MAX_FINDINGS_PER_RULE_PER_FILE = 100;
/** Combinations of per-argument recovered values tried when joining an argument list. */
const MAX_JOIN_COMBINATIONS = 32;
/** An operand of a concatenation whose value is not known. */
const UNKNOWN_PART: Recovered = { value: '?', hidden: false };
/**
 * text-with-values: how many declarations deep the named values are followed, and the most text they
 * add (a regex sees at most REGEX_INPUT_LIMIT anyway).
 */
const VALUE_TEXT_DEPTH = 3;
const VALUE_TEXT_MAX_CHARS = 32 * 1024;
const SNIPPET_MAX_LINES = 5;
const SNIPPET_MAX_CHARS = 400;

const linearCache = new WeakMap<RegExp, boolean>();

/** Runs a rule regex on at most the input its engine can handle in bounded time. */
function testBounded(re: RegExp, text: string): boolean {
  let linear = linearCache.get(re);
  if (linear === undefined) {
    linear = runsInLinearTime(re.source, re.flags);
    linearCache.set(re, linear);
  }
  const limit = linear ? REGEX_INPUT_LIMIT : NONLINEAR_REGEX_INPUT_LIMIT;
  return re.test(text.length > limit ? text.slice(0, limit) : text);
}

function isStringLiteral(node: SyntaxNode): boolean {
  return node.type === 'interpreted_string_literal' || node.type === 'raw_string_literal';
}

function literalValue(node: SyntaxNode): string {
  const text = node.text;
  if (node.type === 'raw_string_literal') return text.slice(1, -1).replace(/\r/g, '');
  return unquoteGo(text.slice(1, -1)) ?? text.slice(1, -1);
}

function unwrapParens(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.type === 'parenthesized_expression' && current.namedChildCount === 1) current = current.namedChildren[0]!;
  return current;
}

/**
 * What a call's callee names: `pkg.Name` through an import, or a bare name. `shadowed` (is the
 * package's local name redeclared in scope?) is filled in when first asked.
 */
type CalleeRef = { kind: 'selector'; path: string; name: string; operand: SyntaxNode; shadowed?: boolean } | { kind: 'bare'; name: string; node: SyntaxNode; shadowed?: boolean };

/** `var run = exec.Command`: the imported function a package variable's one initializer names. */
function aliasTarget(decl: ValueDecl): { path: string; name: string; operand: SyntaxNode; text: string } | null {
  if (!decl.values || decl.isConst) return null;
  const value = exprList(decl.values)[decl.index];
  if (value?.type !== 'selector_expression') return null;
  const operand = value.childForFieldName('operand');
  const field = value.childForFieldName('field');
  const path = operand?.type === 'identifier' ? decl.file.imports.byName.get(operand.text) : undefined;
  if (!operand || !field || path === undefined) return null;
  return { path, name: field.text, operand, text: value.text };
}

/** `name := pkg.Func` or `var name = pkg.Func` as a whole statement inside a function. */
const LOCAL_FUNCTION_ALIAS = /(?:^|[;{])[ \t]*(?:var[ \t]+)?([\p{L}_][\p{L}\p{Nd}_]*)[ \t]*:?=[ \t]*([\p{L}_][\p{L}\p{Nd}_]*)\.([\p{L}_][\p{L}\p{Nd}_]*)[ \t]*(?=$|;|\/\/)/gmu;

/** Function aliases of a package by name (names declared once; see aliasTarget). */
function functionAliases(scope: PackageScope): Map<string, { path: string; text: string; file: string }> {
  const out = new Map<string, { path: string; text: string; file: string }>();
  for (const [name, decls] of scope.values) {
    const target = decls.length === 1 ? aliasTarget(decls[0]!) : null;
    if (target) out.set(name, { path: target.path, text: target.text, file: decls[0]!.file.path });
  }
  return out;
}

/**
 * A file that calls an alias another file declares (`run(...)` for `var run = exec.Command`) makes
 * that call: its pre-filter facts get the alias's import and text, as if it named the function itself.
 */
function withAliasesOf(facts: FileFacts, file: ParsedFile, aliases: ReturnType<typeof functionAliases>): FileFacts {
  const used = [...aliases].filter(([name, a]) => a.file !== file.path && wordOccurs(file.source, name)).map(([, a]) => a);
  if (!used.length) return facts;
  return {
    path: facts.path,
    source: `${facts.source}\n${used.map((a) => a.text).join('\n')}`,
    imports: facts.imports && new Set([...facts.imports, ...used.map((a) => a.path)]),
    words: facts.words,
  };
}

/** A recovered value, and whether a step that only hides text made it (see HIDING_STEPS). */
interface Recovered {
  value: string;
  hidden: boolean;
}

/**
 * Recovery steps (strings/interp.ts, stdlib.ts) that turn text nobody can read into text: decoding,
 * XOR, character codes, index tables, reversal, character mapping, replacement, unquoting escapes,
 * URL unescaping, decompression. Concatenation, joins and formatting are how ordinary code builds strings.
 */
const HIDING_STEPS = new Set(['base64', 'base32', 'hex', 'xor', 'char-codes', 'index-table', 'reverse', 'map', 'replace', 'unquote', 'unescape', 'decompress']);

/** Per-file state shared by all rules: recovery results and callees are cached per node. */
class FileEval {
  private readonly recovered = new Map<string, Recovered[]>();
  private readonly callees = new Map<number, CalleeRef | null>();
  private readonly valueTexts = new Map<string, string>();
  private readonly localAliases = new Map<number, Map<string, { path: string; name: string }>>();
  private localAliasNames: Set<string> | undefined;
  private lines: string[] | null = null;
  readonly derivations: Derivations;

  constructor(
    readonly file: ParsedFile,
    readonly scope: PackageScope,
    /** Whether recovery may run the declaration around a capture (see PackageRunOptions.noRuns). */
    private readonly runs = true,
  ) {
    this.derivations = derivationsOf(scope);
  }

  sourceLines(): string[] {
    this.lines ??= this.file.source.split('\n');
    return this.lines;
  }

  /** The callee of a call (or of the callee node itself); rules sharing a query ask for the same one. */
  calleeOf(node: SyntaxNode): CalleeRef | null {
    const cached = this.callees.get(node.id);
    if (cached !== undefined) return cached;
    let ref: CalleeRef | null = null;
    let fn = unwrapParens(node);
    if (fn.type === 'call_expression') fn = unwrapParens(fn.childForFieldName('function') ?? fn);
    if (fn.type === 'selector_expression') {
      const operand = fn.childForFieldName('operand');
      const field = fn.childForFieldName('field');
      const path = operand?.type === 'identifier' ? this.file.imports.byName.get(operand.text) : undefined;
      if (operand && field && path !== undefined) ref = { kind: 'selector', path, name: field.text, operand };
    } else if (fn.type === 'identifier') {
      ref = this.aliasOf(fn) ?? this.localAliasOf(fn) ?? { kind: 'bare', name: fn.text, node: fn };
    }
    this.callees.set(node.id, ref);
    return ref;
  }

  /**
   * `run := exec.Command` (or `var run = exec.Command`) inside the calling function, then `run(...)`:
   * read from the text of the top-level declaration, once per declaration. A later re-assignment of
   * the name is not followed (the text says more, never less).
   */
  private localAliasOf(id: SyntaxNode): CalleeRef | null {
    // Most calls of a bare name are of package functions: only names the file assigns a selector to
    // are looked up in their declaration.
    this.localAliasNames ??= new Set([...this.file.source.matchAll(LOCAL_FUNCTION_ALIAS)].map((m) => m[1]!));
    if (!this.localAliasNames.has(id.text)) return null;
    const unit = topLevelAncestor(id) ?? id;
    let aliases = this.localAliases.get(unit.id);
    if (!aliases) {
      aliases = new Map();
      for (const m of unit.text.matchAll(LOCAL_FUNCTION_ALIAS)) {
        const path = this.file.imports.byName.get(m[2]!);
        if (path !== undefined && !aliases.has(m[1]!)) aliases.set(m[1]!, { path, name: m[3]! });
      }
      this.localAliases.set(unit.id, aliases);
    }
    const target = aliases.get(id.text);
    // The name is a local by construction: the shadowing check that guards package names does not apply.
    return target ? { kind: 'selector', path: target.path, name: target.name, operand: id, shadowed: false } : null;
  }

  /**
   * `var run = exec.Command` and then `run(...)`: a package variable whose one initializer is an
   * imported function stands for that function where it is called (unless a local shadows it there).
   */
  private aliasOf(id: SyntaxNode): CalleeRef | null {
    const decls = this.scope.values.get(id.text);
    const target = decls?.length === 1 ? aliasTarget(decls[0]!) : null;
    if (!target || isLocallyDeclared(id, id.text)) return null;
    return { kind: 'selector', path: target.path, name: target.name, operand: target.operand };
  }

  /**
   * The node's text, then the initializer text of each package-level var or const it names, and of
   * those these name, VALUE_TEXT_DEPTH deep: `const host = "203.0.113.5"` and `var files = []string{...}`
   * are part of what a function that names them does. With `functions`, the package's functions it
   * names are followed too. A local of the same name is not told apart (the text says more, never
   * less). Only parsed declarations are in scope; the parse plan follows what every declaration it
   * parses names (parse-plan.ts), and recovery can only have used parsed ones.
   */
  textWithValues(node: SyntaxNode, functions = false): string {
    const key = `${node.id}:${functions}`;
    const cached = this.valueTexts.get(key);
    if (cached !== undefined) return cached;
    const parts = [node.text];
    let size = parts[0]!.length;
    const seen = new Set<string>();
    const first = mentionsOf(parts[0]!);
    let names = [...first.bare];
    let methods = functions ? [...first.selected] : [];
    const add = (text: string, next: string[], nextMethods: string[]) => {
      if (size + text.length > VALUE_TEXT_MAX_CHARS) return;
      parts.push(text);
      size += text.length + 1;
      const m = mentionsOf(text);
      next.push(...m.bare);
      if (functions) nextMethods.push(...m.selected);
    };
    const seenMethods = new Set<string>();
    for (let depth = 0; depth < VALUE_TEXT_DEPTH && (names.length || methods.length) && size < VALUE_TEXT_MAX_CHARS; depth++) {
      const next: string[] = [];
      const nextMethods: string[] = [];
      for (const name of names) {
        if (seen.has(name)) continue;
        seen.add(name);
        for (const decl of this.scope.values.get(name) ?? []) {
          const value = decl.values ? exprList(decl.values)[decl.index] : undefined;
          if (value) add(value.text, next, nextMethods);
          // `//go:embed unit.service` above `var unit string`: the file is the value.
          const embedded = !decl.values && decl.embed ? this.scope.embedded?.(decl.file, decl.embed) : undefined;
          if (embedded !== undefined) add(embedded, [], []);
        }
        if (functions) for (const fn of this.scope.funcs.get(name) ?? []) if (fn.node.id !== node.id) add(fn.node.text, next, nextMethods);
      }
      // `r.send(pw)` is read with the package's methods named send; a name that several types declare
      // (String, Close) says little about which one runs, and is not followed.
      for (const name of methods) {
        if (seenMethods.has(name)) continue;
        seenMethods.add(name);
        for (const fn of followedMethods(this.scope, name)) if (fn.node.id !== node.id) add(fn.node.text, next, nextMethods);
      }
      names = next;
      methods = nextMethods;
    }
    const text = parts.join('\n');
    this.valueTexts.set(key, text);
    return text;
  }

  /**
   * What a reader sees of the code around a node: its top-level declaration, with the package values
   * and functions that names (textWithValues). A recovered value a rule regex matches while this text
   * does not was hidden from the reader.
   */
  readableTextAround(node: SyntaxNode): string {
    return this.textWithValues(topLevelAncestor(node) ?? node, true);
  }

  /**
   * As recoverOne; and for a concatenation whose value is not known as a whole
   * (`"http://203.0.113.5/p?d=" + url.QueryEscape(pw)`), its known parts with `?` for each unknown
   * operand: what the code writes out is still seen, as an unknown argument is in a joined list.
   */
  private recoverPart(node: SyntaxNode): Recovered[] {
    const whole = this.recoverOne(node);
    if (whole.length) return whole;
    let expr = node;
    while (expr.type === 'parenthesized_expression' && expr.namedChildren[0]) expr = expr.namedChildren[0];
    if (expr.type !== 'binary_expression' || expr.childForFieldName('operator')?.type !== '+') return [];
    const left = expr.childForFieldName('left');
    const right = expr.childForFieldName('right');
    if (!left || !right) return [];
    const l = this.recoverPart(left);
    const r = this.recoverPart(right);
    if (!l.length && !r.length) return [];
    const out: Recovered[] = [];
    for (const a of l.length ? l : [UNKNOWN_PART]) {
      for (const b of r.length ? r : [UNKNOWN_PART]) {
        if (out.length < MAX_JOIN_COMBINATIONS) out.push({ value: a.value + b.value, hidden: a.hidden || b.hidden });
      }
    }
    return out;
  }

  private recoverOne(node: SyntaxNode): Recovered[] {
    try {
      return recoverNode(node, this.file, this.scope, { runs: this.runs }).map((r) => ({ value: r.value, hidden: r.how.some((step) => HIDING_STEPS.has(step)) }));
    } catch {
      return []; // recovery is best effort; a bug there must not lose the other findings
    }
  }

  /**
   * Values the node may take, per docs/RULES.md (argument lists and string tables joined by spaces),
   * each with whether a hiding step made it (for a joined value: whether one of its parts was).
   */
  recoveredValues(node: SyntaxNode): Recovered[] {
    const key = `${node.startIndex}:${node.endIndex}:${node.type}`;
    const cached = this.recovered.get(key);
    if (cached) return cached;
    const values = new Map<string, boolean>();
    const add = (r: Recovered) => values.set(r.value, (values.get(r.value) ?? false) || r.hidden);
    for (const r of this.recoverPart(node)) add(r);
    let parts: SyntaxNode[] | null = null;
    if (node.type === 'argument_list') {
      parts = node.namedChildren.filter((c) => c.type !== 'comment');
    } else if (node.type === 'composite_literal') {
      const body = node.childForFieldName('body');
      parts = body
        ? body.namedChildren
            .filter((c) => c.type !== 'comment')
            // A struct literal's keyed fields (`exec.Cmd{Path: p, Args: a}`) give their values.
            .map((el) => (el.type === 'keyed_element' ? el.childForFieldName('value') ?? el : el))
            .map((el) => (el.type === 'literal_element' ? el.namedChildren[0] ?? el : el))
        : [];
    }
    if (parts) {
      let combos: Recovered[] = [{ value: '', hidden: false }];
      let any = false;
      for (const part of parts) {
        // A nested table (`Args: []string{"sh", "-c", line}`) is joined as its own parts are.
        const options = part.type === 'composite_literal' ? this.recoveredValues(part) : this.recoverPart(part);
        if (!options.length) continue; // a value we cannot know: leave it out of the joined text
        any = true;
        const next: Recovered[] = [];
        for (const prefix of combos) {
          for (const option of options) {
            if (next.length >= MAX_JOIN_COMBINATIONS) break;
            next.push({ value: prefix.value ? `${prefix.value} ${option.value}` : option.value, hidden: prefix.hidden || option.hidden });
          }
        }
        combos = next;
      }
      if (any) for (const c of combos) add(c);
    }
    const list = [...values].map(([value, hidden]) => ({ value, hidden }));
    this.recovered.set(key, list);
    return list;
  }
}

function atomHolds(atom: Atom, node: SyntaxNode, ev: FileEval, hits: string[]): boolean {
  const imports = ev.file.imports;
  switch (atom.kind) {
    case 'callee': {
      const ref = ev.calleeOf(node);
      if (!ref) return false;
      if (ref.kind === 'selector') {
        // The scope walk (is `os` a local here?) last: most calls are not of the rule's functions.
        if (!atom.alts.some((a) => a.packages.includes(ref.path) && (a.names === null || a.names.includes(ref.name)))) return false;
        ref.shadowed ??= isLocallyDeclared(ref.operand, ref.operand.text);
        return !ref.shadowed;
      }
      // Dot import: a bare name can only be tied to the package when the rule names it.
      const named = atom.alts.some((a) => a.names !== null && a.names.includes(ref.name) && a.packages.some((p) => imports.dot.includes(p)));
      if (!named) return false;
      ref.shadowed ??= isLocallyDeclared(ref.node, ref.name);
      return !ref.shadowed;
    }
    case 'import': {
      if (isStringLiteral(node)) return atom.packages.includes(literalValue(node));
      const path = imports.byName.get(node.text);
      return path !== undefined && atom.packages.includes(path) && !isLocallyDeclared(node, node.text);
    }
    case 'text': {
      const text = node.text;
      return atom.alts.some((re) => testBounded(re, text));
    }
    case 'text-with-values':
    case 'text-with-code': {
      const text = ev.textWithValues(node, atom.kind === 'text-with-code');
      return atom.alts.some((re) => testBounded(re, text));
    }
    case 'flows-from': {
      const text = ev.derivations.textOf(node, ev.file);
      return atom.alts.some((re) => testBounded(re, text));
    }
    case 'in-function': {
      const text = innermostFunction(node).text;
      return atom.alts.some((re) => testBounded(re, text));
    }
    case 'any-of':
      // Source text only (not a literal's decoded value): keeps the derived text pre-filter exact.
      return atom.values.includes(node.text);
    case 'min-length':
      return (isStringLiteral(node) ? literalValue(node) : node.text).length >= atom.min;
    case 'recovered': {
      const matched = ev.recoveredValues(node).filter((r) => atom.alts.some((re) => testBounded(re, r.value)));
      hits.push(...matched.map((r) => r.value));
      return matched.length > 0;
    }
    case 'recovered-hidden': {
      const hidden = ev.recoveredValues(node).filter((r) => r.hidden);
      if (!hidden.length) return false;
      // Only the regexes the readable code does not already match: a table indexed to pick `sh` for a
      // command written out in plain text hides nothing.
      const readable = ev.readableTextAround(node);
      const alts = atom.alts.filter((re) => hidden.some((r) => testBounded(re, r.value)) && !testBounded(re, readable));
      const matched = hidden.filter((r) => alts.some((re) => testBounded(re, r.value))).map((r) => r.value);
      hits.push(...matched);
      return matched.length > 0;
    }
    case 'not':
      return !conditionHolds(atom.inner, node, ev, []);
    case 'any':
      return atom.alts.some((alt) => conditionHolds(alt, node, ev, hits));
  }
}

/** Whether an atom may need string recovery (the costly check), directly or under not/any. */
function needsRecovery(atom: Atom): boolean {
  // flows-from walks the declaration and the package's callers: not recovery, but as dear.
  if (atom.kind === 'recovered' || atom.kind === 'recovered-hidden' || atom.kind === 'flows-from') return true;
  if (atom.kind === 'not') return atom.inner.atoms.some(needsRecovery);
  if (atom.kind === 'any') return atom.alts.some((alt) => alt.atoms.some(needsRecovery));
  return false;
}

const cheapFirst = new WeakMap<CompiledCondition, Atom[]>();

/** A condition's atoms with those needing recovery last, so recovery runs only when the cheap ones hold. */
function atomsInOrder(cond: CompiledCondition): Atom[] {
  let atoms = cheapFirst.get(cond);
  if (!atoms) {
    atoms = [...cond.atoms.filter((a) => !needsRecovery(a)), ...cond.atoms.filter(needsRecovery)];
    cheapFirst.set(cond, atoms);
  }
  return atoms;
}

const wheresInOrder = new WeakMap<CompiledRule, CompiledRule['where']>();

/** A rule's capture conditions, those needing recovery last. */
function whereInOrder(rule: CompiledRule): CompiledRule['where'] {
  let where = wheresInOrder.get(rule);
  if (!where) {
    const costly = (w: CompiledRule['where'][number]) => w.condition.atoms.some(needsRecovery);
    where = [...rule.where.filter((w) => !costly(w)), ...rule.where.filter(costly)];
    wheresInOrder.set(rule, where);
  }
  return where;
}

function conditionHolds(cond: CompiledCondition, node: SyntaxNode, ev: FileEval, hits: string[]): boolean {
  const local: string[] = [];
  for (const atom of atomsInOrder(cond)) if (!atomHolds(atom, node, ev, local)) return false;
  hits.push(...local);
  return true;
}

/** A capture condition holds when one of the capture's nodes satisfies it; an absent capture only satisfies pure negations. */
function captureHolds(cond: CompiledCondition, nodes: SyntaxNode[], ev: FileEval, hits: string[]): boolean {
  if (!nodes.length) return cond.atoms.every((a) => a.kind === 'not');
  return nodes.some((n) => conditionHolds(cond, n, ev, hits));
}

function snippetOf(node: SyntaxNode, ev: FileEval): string {
  const lines = ev.sourceLines();
  const first = node.startPosition.row;
  const last = Math.min(node.endPosition.row, first + SNIPPET_MAX_LINES - 1);
  // Lines are cut before trimming: a generated file may hold a table on one line of megabytes.
  const chosen = lines.slice(first, last + 1).map((l) => (l.length > SNIPPET_MAX_CHARS ? l.slice(0, SNIPPET_MAX_CHARS + 1) : l).trimEnd());
  const indents = chosen.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  let text = chosen.map((l) => l.slice(cut)).join('\n');
  if (node.endPosition.row > last) text += '\n…';
  if (text.length > SNIPPET_MAX_CHARS) text = `${text.slice(0, SNIPPET_MAX_CHARS)}…`;
  return text;
}

/**
 * All rules' queries as one query, so a file is traversed once instead of once per rule: each query
 * cursor pass costs time in proportion to the tree, which made 88 passes over a 4 MB generated file
 * take minutes (one pass: seconds). Rules that share a query text share its patterns: 20 rules of the
 * pack query every string literal and 18 every selector call, and each copy made the binding build
 * the same nodes again (GOROOT: 768,000 matches for 512 findings). `rulesOfPattern[i]` are the
 * indices in the rule list of the active rules that pattern i stands for.
 */
interface CombinedQuery {
  query: Parser.Query;
  rulesOfPattern: number[][];
}

/** The binding keeps one predicate list per pattern (untyped in its .d.ts). */
export function patternCount(query: Parser.Query): number {
  return (query as unknown as { predicates: unknown[] }).predicates.length;
}

/** Per rule list: the index of each rule's query text among the list's distinct texts. */
const distinctQueries = new WeakMap<CompiledRule[], number[]>();

function distinctQueryIndex(rules: CompiledRule[]): number[] {
  let index = distinctQueries.get(rules);
  if (!index) {
    const seen = new Map<string, number>();
    index = rules.map((rule) => {
      let i = seen.get(rule.querySource);
      if (i === undefined) seen.set(rule.querySource, (i = seen.size));
      return i;
    });
    distinctQueries.set(rules, index);
  }
  return index;
}

/**
 * Combined queries per set of distinct query texts, and their pattern-to-rule maps per set of active
 * rules: a query cursor's cost grows with the patterns it carries, and most files activate a handful of
 * the pack's rules. Compiling a subset takes ~1 ms (the whole pack ~30 ms); GOROOT/src shows a few
 * hundred distinct subsets, so the caches hold them all.
 */
const combinedQueries = new WeakMap<CompiledRule[], { byQueries: Map<string, Parser.Query | null>; byRules: Map<string, CombinedQuery | null> }>();
const MAX_CACHED_SUBSETS = 2048;

function combinedQueryFor(rules: CompiledRule[], active: boolean[]): CombinedQuery | null {
  let cache = combinedQueries.get(rules);
  if (!cache) {
    cache = { byQueries: new Map(), byRules: new Map() };
    combinedQueries.set(rules, cache);
  }
  const key = active.map((a) => (a ? '1' : '0')).join('');
  if (cache.byRules.has(key)) return cache.byRules.get(key)!;
  const distinct = distinctQueryIndex(rules);
  // Active rules grouped by query text, in rule order: one group per distinct text.
  const groups = new Map<number, number[]>();
  rules.forEach((_, index) => {
    if (!active[index]) return;
    const group = groups.get(distinct[index]!);
    if (group) group.push(index);
    else groups.set(distinct[index]!, [index]);
  });
  const members = [...groups.values()];
  const queryKey = [...groups.keys()].join(',');
  let query: Parser.Query | null | undefined = cache.byQueries.get(queryKey);
  if (query === undefined) {
    try {
      // One text: the rule's own compiled query serves.
      query = members.length === 1 ? rules[members[0]![0]!]!.query : new Parser.Query(GoLanguage, members.map((m) => rules[m[0]!]!.querySource).join('\n'));
    } catch {
      query = null; // each query compiles alone (compile.ts checked); fall back to one pass per rule
    }
    if (cache.byQueries.size >= MAX_CACHED_SUBSETS) cache.byQueries.delete(cache.byQueries.keys().next().value!);
    cache.byQueries.set(queryKey, query);
  }
  let combined: CombinedQuery | null = null;
  if (query) {
    const rulesOfPattern = members.flatMap((m) => Array.from({ length: patternCount(rules[m[0]!]!.query) }, () => m));
    // Patterns must line up with their rules, or matches would be credited to the wrong rule.
    if (patternCount(query) === rulesOfPattern.length) combined = { query, rulesOfPattern };
  }
  if (cache.byRules.size >= MAX_CACHED_SUBSETS) cache.byRules.delete(cache.byRules.keys().next().value!);
  cache.byRules.set(key, combined);
  return combined;
}

/** Files larger than this are queried window by window (see queryWindows). */
export const QUERY_WINDOW_CHARS = 1024 * 1024;

/**
 * Byte ranges of consecutive top-level declarations, about QUERY_WINDOW_CHARS each. The binding returns
 * all matches of a query as one array: on a dense multi-megabyte file that array alone took gigabytes.
 * A match never spans two top-level declarations, so windows aligned on them lose none; a pattern on
 * source_file itself may be reported in each window and is de-duplicated by the caller.
 */
function queryWindows(root: SyntaxNode): Array<{ startIndex: number; endIndex: number }> | undefined {
  if (root.endIndex <= QUERY_WINDOW_CHARS) return undefined;
  const windows: Array<{ startIndex: number; endIndex: number }> = [];
  let start = 0;
  let end = 0;
  for (const decl of root.children) {
    if (decl.endIndex - start > QUERY_WINDOW_CHARS && end > start) {
      windows.push({ startIndex: start, endIndex: end });
      start = end;
    }
    end = decl.endIndex;
  }
  windows.push({ startIndex: start, endIndex: Math.max(end, root.endIndex) });
  return windows;
}

/**
 * Matches never start deeper than this. A query whose pattern starts at binary_expression crashed the
 * process (SIGSEGV inside tree-sitter) on a 100 000-term `a+a+…` chain; bounding the start depth avoids it
 * (measured: 50 000 is still safe). Go code this deep is reported by nesting.ts instead.
 */
export const MAX_QUERY_START_DEPTH = 10_000;

function* queryMatches(query: Parser.Query, root: SyntaxNode): Generator<Parser.QueryMatch> {
  const windows = queryWindows(root);
  if (!windows) {
    yield* query.matches(root, { maxStartDepth: MAX_QUERY_START_DEPTH });
    return;
  }
  for (const w of windows) yield* query.matches(root, { ...w, maxStartDepth: MAX_QUERY_START_DEPTH });
}

/** Query matches of the active rules over `root`, each tagged with its rule's index. */
function* ruleMatches(rules: CompiledRule[], active: boolean[], root: SyntaxNode): Generator<{ ruleIndex: number; match: Parser.QueryMatch }> {
  const activeCount = active.filter(Boolean).length;
  const combined = activeCount > 1 ? combinedQueryFor(rules, active) : null;
  if (combined) {
    for (const match of queryMatches(combined.query, root)) for (const ruleIndex of combined.rulesOfPattern[match.pattern]!) yield { ruleIndex, match };
    return;
  }
  for (let ruleIndex = 0; ruleIndex < rules.length; ruleIndex++) {
    if (!active[ruleIndex]) continue;
    for (const match of queryMatches(rules[ruleIndex]!.query, root)) yield { ruleIndex, match };
  }
}

export interface PackageRunOptions {
  /** Skip the text pre-filter (tests use this to check the pre-filter never hides a match). */
  noPrefilter?: boolean;
  scope?: PackageScope;
  /**
   * Rules whose package-level pre-filter fails for this package (Prefilter.packageGroups), as the scan
   * found over all its files; computed over `files` when absent.
   */
  ruledOut?: ReadonlySet<CompiledRule>;
  /**
   * The files are only part of the package (see scan-worker.ts and context.ts). When a match needed
   * call paths that were not parsed, they are listed in `wanted`, and the match is returned in
   * `pending` instead of the findings: placeFinding decides it once those paths are parsed.
   */
  partial?: PartialPackage & { pending?: PendingFinding[] };
  /** Pre-filter facts the caller already computed for these files (same rules), by path. */
  facts?: Map<string, FileFacts>;
  /**
   * Files whose captures are recovered without running their declarations (a capture that reads a
   * local is then unknown): code that never builds into a dependent, where runs over test functions
   * took two thirds of the rules' time over GOROOT/src and findings weigh a tenth (score.ts).
   */
  noRuns?: ReadonlySet<string>;
  /** Functions of the package that other packages of the module call at import time (context.ts). */
  entries?: readonly ImportTimeCall[];
  /**
   * Collects the matches placed in an ordinary function, and those a rule's `context` turned away
   * there: entries (another package calling in at import time) can move exactly these, so a package
   * that gets entries has them placed again instead of being scanned again (scan-worker.ts).
   */
  movable?: MovableMatch[];
}

/**
 * A match whose placement needs call paths that were not parsed: the finding without its context,
 * the rule's allowed contexts, and where its target is (offsets hold in any parse of the file).
 */
export interface PendingFinding {
  finding: Finding;
  context: CompiledRule['context'];
  target: { start: number; end: number; type: string };
}

/** A match in an ordinary function, as data (it crosses processes and the scan cache). */
export interface MovableMatch {
  /** As found, before placement. */
  finding: Finding;
  /** The rule's allowed contexts; null when it allows any. */
  contexts: RuleContext[] | null;
  target: PendingFinding['target'];
  /** The finding as the scan placed it (in an ordinary function); absent when its rule turned it away. */
  placed?: Finding;
}

export function movableOf(p: PendingFinding): MovableMatch {
  return { finding: p.finding, contexts: p.context ? [...p.context] : null, target: p.target };
}

export function pendingOf(m: MovableMatch): PendingFinding {
  return { finding: { ...m.finding }, context: m.contexts ? new Set(m.contexts) : null, target: m.target };
}

/**
 * The finding as placed (its context and function filled in), or null when the rule does not allow
 * that context.
 */
export function placeFinding(finding: Finding, allowed: CompiledRule['context'], placement: Placement): Finding | null {
  if (allowed && (!placement.context || !allowed.has(placement.context))) return null;
  if (placement.context) finding.context = placement.context;
  if (placement.function) finding.function = placement.function;
  if (placement.entry) finding.importTimeCaller = { file: placement.entry.file, line: placement.entry.line, function: placement.entry.name };
  if (placement.envGate) finding.envGate = placement.envGate;
  return finding;
}

/** Runs `rules` over the files of one package (same directory, same package clause). */
export function runRulesOnPackage(files: ParsedFile[], rules: CompiledRule[], opts: PackageRunOptions = {}): Finding[] {
  const steps = rulesOverPackage(files, rules, opts);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The rules whose package-level pre-filter fails over these files (every file of the package whose
 * declarations the scope can hold); none when the package embeds files, whose text the rules read too.
 */
export function ruledOutForPackage(rules: readonly CompiledRule[], files: readonly FileFacts[], embeds: boolean): Set<CompiledRule> {
  const out = new Set<CompiledRule>();
  if (embeds) return out;
  for (const rule of rules) if (!packagePrefilterPasses(rule, files)) out.add(rule);
  return out;
}

/**
 * runRulesOnPackage one file at a time: it pauses after each file's rules so that a scan can let the
 * event loop run between files (node-tree-sitter frees what a node wrapper holds natively only there).
 */
export function* rulesOverPackage(files: ParsedFile[], rules: CompiledRule[], opts: PackageRunOptions = {}): Generator<void, Finding[]> {
  const scope = opts.scope ?? buildPackageScope(files);
  let context: PackageContext | null = null;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  let aliases: ReturnType<typeof functionAliases> | undefined;
  const embeds = () => [...scope.values.values()].some((decls) => decls.some((d) => d.embed));
  const ruledOut = opts.noPrefilter
    ? new Set<CompiledRule>()
    : (opts.ruledOut ?? ruledOutForPackage(rules, files.map((f) => opts.facts?.get(f.path) ?? factsOf(f.path, f.source, rules)), embeds()));
  for (const file of files) {
    const ev = new FileEval(file, scope, !opts.noRuns?.has(file.path));
    // The scan's own facts of this file keep their answers; imports are the parse's.
    const known = opts.facts?.get(file.path);
    const facts = withAliasesOf(
      known ? { ...known, imports: new Set(file.imports.all) } : { ...factsOf(file.path, file.source, rules), imports: new Set(file.imports.all) },
      file,
      (aliases ??= functionAliases(scope)),
    );
    const root = file.tree.rootNode;
    const active = rules.map(
      (rule) => (opts.noPrefilter || (!ruledOut.has(rule) && prefilterPasses(rule, facts))) && !(rule.prefilter.path && !rule.prefilter.path.test(file.path)),
    );
    const emitted = new Array<number>(rules.length).fill(0);
    for (const { ruleIndex, match } of ruleMatches(rules, active, root)) {
      const rule = rules[ruleIndex]!;
      if (emitted[ruleIndex]! >= MAX_FINDINGS_PER_RULE_PER_FILE) continue;
      const byName = new Map<string, SyntaxNode[]>();
      for (const c of match.captures) {
        const list = byName.get(c.name);
        if (list) list.push(c.node);
        else byName.set(c.name, [c.node]);
      }
      const target = byName.get('match')?.[0];
      if (!target) continue;
      const hits: string[] = [];
      if (!whereInOrder(rule).every((w) => captureHolds(w.condition, byName.get(w.capture) ?? [], ev, hits))) continue;
      context ??= new PackageContext(files, opts.partial, opts.entries);
      const wantedBefore = opts.partial?.wanted.length ?? 0;
      const placement = context.placementOf(file, target);
      const pending = (opts.partial?.wanted.length ?? 0) > wantedBefore;
      const rejected = !pending && !!rule.context && (!placement.context || !rule.context.has(placement.context));
      if (rejected && !(placement.context === 'function' && opts.movable)) continue;
      const line = target.startPosition.row + 1;
      const column = target.startPosition.column + 1;
      const key = `${rule.id}\0${file.path}\0${line}\0${column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const finding: Finding = {
        ruleId: rule.id,
        severity: rule.severity,
        category: rule.category,
        message: rule.message,
        file: file.path,
        line,
        column,
        endLine: target.endPosition.row + 1,
        snippet: snippetOf(target, ev),
        recoveredStrings: [...new Set(hits)],
      };
      const at = { start: target.startIndex, end: target.endIndex, type: target.type };
      const movable = rejected || (!pending && placement.context === 'function' && opts.movable) ? movableOf({ finding: { ...finding }, context: rule.context, target: at }) : undefined;
      if (movable) opts.movable!.push(movable);
      if (rejected) continue;
      if (pending) {
        // Its place is known once the paths `wanted` lists are parsed (scan-worker.ts), which also
        // applies MAX_FINDINGS_PER_RULE_PER_FILE to those that stay.
        (opts.partial!.pending ??= []).push({ finding, context: rule.context, target: at });
        continue;
      }
      emitted[ruleIndex]!++;
      const placed = placeFinding(finding, null, placement)!;
      findings.push(placed);
      if (movable) movable.placed = placed;
    }
    yield;
  }
  return findings;
}
