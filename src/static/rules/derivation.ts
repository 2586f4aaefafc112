// What an expression's value is made from, read from the code without running it: the `flows-from`
// condition. A remote command channel splits what it reads before running it
// (`parts := strings.Fields(line)`, `exec.Command(parts[0], parts[1:]...)`), or receives the connection
// from the function that dialled it; a regex over one statement sees neither.
import type { ParsedFile, SyntaxNode } from '../parse.js';
import { ancestorsOf, topLevelAncestor } from '../ancestors.js';
import { exprList } from '../strings/interp.js';
import { followedMethods, packageCallers, push, type PackageScope } from '../strings/scope.js';

/** Texts a derivation holds at most: a table-driven function names hundreds of values. */
const MAX_TEXTS = 256;
const MAX_CHARS = 64 * 1024;
/** How many calls up a parameter is followed into the package's callers. */
const MAX_CALLER_HOPS = 2;

/** Calls that fill their arguments (`conn.Read(buf)`, `io.ReadFull(r, buf)`, `json.Unmarshal(b, &v)`). */
const FILLING_CALL = /^(?:Read\w*|Copy\w*|Unmarshal|Decode|Scan\w*)$/;

/** Methods that put their arguments into the receiver (`buf.Write(data)`, `req.Header.Set(k, v)`, `v.Add(k, s)`). */
const STORING_METHOD = /^(?:Write\w*|Encode|Set|Add|Store|Push\w*|Append\w*|Fprint\w*)$/;

/** Constructors of a writer over their argument (`multipart.NewWriter(&buf)`, `gzip.NewWriter(f)`, `json.NewEncoder(conn)`). */
const WRAPPING_CONSTRUCTOR = /^New\w*(?:Writer|Encoder)\w*$/;

/** Methods that open a part of the receiver to be written (`mw.CreateFormFile(...)`, `zw.Create(name)`). */
const PART_METHOD = /^Create(?:Part|FormFile|FormField|Header|Raw)?$/;

const FUNCTION_TYPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** Where one local name gets its value inside a top-level declaration. */
interface Sources {
  /** name or field path (`d.args`) -> expressions assigned, ranged over, sent, stored or filled into it */
  values: Map<string, SyntaxNode[]>;
  /** name -> the field paths of it that are written (`d` -> `d.args`, `d.root`) */
  fields: Map<string, string[]>;
  /** `${name}#${value id}` of a range's value variable: it holds one element of the value */
  elements: Set<string>;
  /** what the declaration's own return statements return (not those of func literals inside) */
  returns: SyntaxNode[];
  /** name -> the parameter declarations naming it (with the function they belong to and their index) */
  params: Map<string, Array<{ type: SyntaxNode | null; fn: SyntaxNode; index: number; variadic: boolean }>>;
}

/**
 * Where a written expression lands, field by field: `x` of `x`, `x[i]`, `*x` and `&x`; `x.f` of
 * `x.f` and `x.f[i]`. Fields are kept apart so that a method reading `d.args` does not take in
 * everything else the type stores on `d`.
 */
function pathKey(node: SyntaxNode): string | undefined {
  switch (node.type) {
    case 'identifier':
      return node.text;
    case 'selector_expression': {
      const operand = node.childForFieldName('operand');
      const base = operand && pathKey(operand);
      const field = node.childForFieldName('field');
      return base && field ? `${base}.${field.text}` : undefined;
    }
    case 'index_expression':
    case 'slice_expression': {
      const operand = node.childForFieldName('operand');
      return operand ? pathKey(operand) : undefined;
    }
    case 'unary_expression':
    case 'parenthesized_expression': {
      const inner = node.namedChildren[node.namedChildren.length - 1];
      return inner ? pathKey(inner) : undefined;
    }
    default:
      return undefined;
  }
}

const rootOf = (key: string) => key.split('.')[0]!;

/** The projection step of an index: `[N]` for an integer literal, undefined for any other index. */
function literalIndex(index: SyntaxNode | null): string | undefined {
  return index?.type === 'int_literal' && /^\d+$/.test(index.text) ? `[${Number(index.text)}]` : undefined;
}

/** `[N]` when the node is indexed by an integer literal (`parts[0]`), as a projection step. */
function indexStep(node: SyntaxNode): string[] {
  const parent = node.parent;
  if (parent?.type !== 'index_expression' || parent.childForFieldName('operand')?.id !== node.id) return [];
  const step = literalIndex(parent.childForFieldName('index'));
  return step ? [step] : [];
}

/**
 * The keys an expression reads, each with the part of its value that is read: `a.b.c[0]` reads
 * `a.b.c` (element 0), `a.b` (`c`, element 0) and `a` (`b`, `c`, element 0); a bare `a` reads `a`
 * and all its fields.
 */
function readKeys(expr: SyntaxNode): Array<{ key: string; bare: boolean; path: string[] }> {
  const out: Array<{ key: string; bare: boolean; path: string[] }> = [];
  const operands = new Set<number>();
  // descendantsOfType includes the node itself.
  const selectors = expr.descendantsOfType('selector_expression');
  for (const sel of selectors) {
    const key = pathKey(sel);
    const operand = sel.childForFieldName('operand');
    if (operand) operands.add(operand.id);
    if (!key) continue;
    const parts = key.split('.');
    const index = indexStep(sel);
    for (let i = 1; i <= parts.length; i++) out.push({ key: parts.slice(0, i).join('.'), bare: false, path: [...parts.slice(i), ...index] });
  }
  for (const id of expr.descendantsOfType('identifier')) if (!operands.has(id.id)) out.push({ key: id.text, bare: true, path: indexStep(id) });
  return out;
}

/** Projection steps followed at most (`a.b.c[0]` is four). */
const MAX_PATH = 4;

/**
 * The name or literal an expression stands for, with the part of it read: `steps[2]` with path `exec`
 * is `steps` with `[2]`, `exec`; `&cfg{...}` and `(x)` are what they wrap.
 */
function projectable(expr: SyntaxNode, path: string[]): { node: SyntaxNode; path: string[] } | undefined {
  switch (expr.type) {
    case 'identifier':
    case 'composite_literal':
    case 'literal_value':
      return { node: expr, path };
    case 'literal_element': {
      const inner = expr.namedChildren[0];
      return expr.namedChildCount === 1 && inner ? projectable(inner, path) : undefined;
    }
    case 'index_expression': {
      const operand = expr.childForFieldName('operand');
      // `x[i]` is some element: `[*]`.
      const step = literalIndex(expr.childForFieldName('index')) ?? '[*]';
      return operand && path.length < MAX_PATH ? projectable(operand, [step, ...path]) : undefined;
    }
    case 'unary_expression':
    case 'parenthesized_expression': {
      const inner = expr.namedChildren[expr.namedChildren.length - 1];
      return inner && (expr.type === 'parenthesized_expression' || /^[&*]/.test(expr.text)) ? projectable(inner, path) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * What one projection step takes out of a composite literal: field `f` of the struct or of each of
 * its element structs (`[]step{{why: "x", exec: ...}}` -> the `exec` values), element N of a list,
 * every element for `[*]`; undefined when it cannot be told without types (positional struct
 * elements, elements made by calls, a keyed array).
 */
function stepValues(literal: SyntaxNode, step: string): SyntaxNode[] | undefined {
  const body = literal.type === 'literal_value' ? literal : literal.childForFieldName('body');
  if (!body) return undefined;
  const elements = body.namedChildren.filter((c) => c.type !== 'comment');
  const keyName = (k: SyntaxNode) => {
    const key = k.childForFieldName('key');
    const id = key?.namedChildren[0];
    return key?.namedChildCount === 1 && id?.type === 'identifier' ? id.text : undefined;
  };
  const valueOf = (e: SyntaxNode) => (e.type === 'keyed_element' ? e.childForFieldName('value') : e);
  if (step === '[*]') return elements.flatMap((e) => valueOf(e) ?? []);
  const index = /^\[(\d+)\]$/.exec(step);
  if (index) {
    if (elements.some((e) => e.type === 'keyed_element')) return undefined;
    const e = elements[Number(index[1])];
    return e ? [e] : [];
  }
  const ofStruct = (elems: SyntaxNode[]): SyntaxNode[] | undefined => {
    const out: SyntaxNode[] = [];
    for (const c of elems) {
      const name = c.type === 'keyed_element' ? keyName(c) : undefined;
      if (name === undefined) return undefined;
      const value = c.childForFieldName('value');
      if (name === step && value) out.push(value);
    }
    return out;
  };
  // The literal is the struct itself when its elements are keyed by field names.
  if (elements.some((e) => e.type === 'keyed_element') && elements.every((e) => e.type === 'keyed_element' && keyName(e) !== undefined)) {
    const direct = ofStruct(elements);
    if (direct) return direct;
  }
  const out: SyntaxNode[] = [];
  for (const c of elements) {
    // A slice's element `{...}`, or a map's value `k: {...}`.
    const element = valueOf(c);
    const inner = element?.namedChildren[0];
    if (element?.namedChildCount !== 1 || (inner?.type !== 'literal_value' && inner?.type !== 'composite_literal')) return undefined;
    const innerBody = inner.type === 'literal_value' ? inner : inner.childForFieldName('body');
    const values = innerBody ? ofStruct(innerBody.namedChildren.filter((x) => x.type !== 'comment')) : undefined;
    if (!values) return undefined;
    out.push(...values);
  }
  return out;
}

function calledName(call: SyntaxNode): string | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') return fn.text;
  if (fn?.type === 'selector_expression') return fn.childForFieldName('field')?.text;
  return undefined;
}

/**
 * What is written to a writer made over a value lands in that value: `w := multipart.NewWriter(&buf)`
 * makes `buf` take what `w` is given, and `fw, _ := w.CreateFormFile(...)` makes `w` take what `fw` is.
 * A file zipped or encoded into a buffer that is then posted flows into the request.
 */
function writtenThrough(left: SyntaxNode[], right: SyntaxNode[], add: (name: string, value: SyntaxNode) => void): void {
  left.forEach((l, i) => {
    const value = left.length === right.length ? right[i] : right.length === 1 ? right[0] : undefined;
    const name = pathKey(l);
    if (!name || name === '_' || value?.type !== 'call_expression') return;
    const called = calledName(value) ?? '';
    const targets: SyntaxNode[] = [];
    if (WRAPPING_CONSTRUCTOR.test(called)) targets.push(...(value.childForFieldName('arguments')?.namedChildren ?? []));
    const fn = value.childForFieldName('function');
    const operand = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : null;
    if (PART_METHOD.test(called) && operand) targets.push(operand);
    for (const t of targets) {
      const target = pathKey(t);
      // The writer's own name, read where the target is: what it was given is what the target holds.
      if (target && target !== '_' && target !== name) add(target, l);
    }
  });
}

/** Left names paired with their right expressions; a count mismatch (`a, b := f()`) gives each all of them. */
function pairUp(left: SyntaxNode[], right: SyntaxNode[], add: (name: string, value: SyntaxNode) => void): void {
  left.forEach((l, i) => {
    const name = pathKey(l);
    if (!name || name === '_') return;
    for (const r of left.length === right.length ? [right[i]!] : right) add(name, r);
  });
}

function sourcesOf(unit: SyntaxNode): Sources {
  const values = new Map<string, SyntaxNode[]>();
  const params: Sources['params'] = new Map();
  const add = (name: string, value: SyntaxNode) => push(values, name, value);
  const returns: SyntaxNode[] = [];
  const elements = new Set<string>();
  const kinds = ['short_var_declaration', 'assignment_statement', 'var_spec', 'range_clause', 'send_statement', 'call_expression', 'parameter_list', 'return_statement', 'func_literal'];
  // Returns inside func literals are theirs, not the declaration's: skipped by their range.
  const literals: Array<[number, number]> = [];
  for (const n of unit.descendantsOfType(kinds)) {
    switch (n.type) {
      case 'short_var_declaration':
      case 'assignment_statement':
      case 'range_clause': {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        const lefts = left ? exprList(left) : [];
        if (right) pairUp(lefts, n.type === 'range_clause' ? [right] : exprList(right), add);
        if (right && n.type !== 'range_clause') writtenThrough(lefts, exprList(right), add);
        // `for _, s := range steps`: s is an element of steps.
        const ranged = n.type === 'range_clause' ? lefts[1] : undefined;
        const name = ranged && pathKey(ranged);
        if (name && right) elements.add(`${name}#${right.id}`);
        break;
      }
      case 'var_spec': {
        const value = n.childForFieldName('value');
        const names: SyntaxNode[] = [];
        for (let i = 0; i < n.childCount; i++) if (n.fieldNameForChild(i) === 'name') names.push(n.child(i)!);
        if (value) pairUp(names, exprList(value), add);
        break;
      }
      case 'send_statement': {
        const channel = n.childForFieldName('channel');
        const value = n.childForFieldName('value');
        const name = channel && pathKey(channel);
        if (name && value) add(name, value);
        break;
      }
      case 'call_expression': {
        const args = n.childForFieldName('arguments')?.namedChildren ?? [];
        const called = calledName(n) ?? '';
        const fn = n.childForFieldName('function');
        if (fn?.type === 'selector_expression' && STORING_METHOD.test(called) && args.length) {
          const operand = fn.childForFieldName('operand');
          const receiver = operand && pathKey(operand);
          if (receiver && receiver !== '_') for (const a of args) add(receiver, a);
        }
        const fills = FILLING_CALL.test(called);
        for (const a of args) {
          const pointer = a.type === 'unary_expression' && a.child(0)?.type === '&';
          if (!pointer && !(fills && a.type === 'identifier')) continue;
          const name = pathKey(a);
          if (name && name !== '_') add(name, n);
        }
        break;
      }
      case 'func_literal':
        literals.push([n.startIndex, n.endIndex]);
        break;
      case 'return_statement':
        if (!literals.some(([a, b]) => a <= n.startIndex && n.endIndex <= b)) returns.push(...(n.namedChildren[0] ? exprList(n.namedChildren[0]) : []));
        break;
      case 'parameter_list': {
        const fn = n.parent;
        if (!fn || !FUNCTION_TYPES.has(fn.type)) break;
        let index = 0;
        for (const decl of n.namedChildren) {
          if (decl.type !== 'parameter_declaration' && decl.type !== 'variadic_parameter_declaration') continue;
          const type = decl.childForFieldName('type');
          const names = decl.namedChildren.filter((c) => c.type === 'identifier');
          for (const id of names.length ? names : [null]) {
            if (id) push(params, id.text, { type, fn, index, variadic: decl.type === 'variadic_parameter_declaration' });
            index++;
          }
        }
        break;
      }
    }
  }
  const fields = new Map<string, string[]>();
  for (const key of values.keys()) if (key.includes('.')) push(fields, rootOf(key), key);
  return { values, params, returns, fields, elements };
}

/** The argument expressions a call passes for parameter `index` (all the rest for a variadic one). */
function argumentsFor(call: SyntaxNode, index: number, variadic: boolean): SyntaxNode[] {
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  if (variadic) return args.slice(index);
  // `f(g())` with g returning several values: the one argument stands for all of them.
  return args.length === 1 ? args : args[index] ? [args[index]!] : [];
}

const perPackage = new WeakMap<PackageScope, Derivations>();

/** One Derivations per package: a package's call sites and texts are asked for again from each of its files. */
export function derivationsOf(scope: PackageScope): Derivations {
  let d = perPackage.get(scope);
  if (!d) perPackage.set(scope, (d = new Derivations(scope)));
  return d;
}

export class Derivations {
  private readonly units = new Map<string, Sources>();
  private readonly texts = new Map<string, string>();
  private readonly writes = new Map<string, Array<{ expr: SyntaxNode; file: ParsedFile; unit: SyntaxNode }>>();
  private readonly sites = new Map<string, Array<{ call: SyntaxNode; file: ParsedFile; decl: SyntaxNode }>>();

  constructor(private readonly scope: PackageScope) {}

  private sources(unit: SyntaxNode, file: ParsedFile): Sources {
    const key = `${file.path}#${unit.id}`;
    let s = this.units.get(key);
    if (!s) this.units.set(key, (s = sourcesOf(unit)));
    return s;
  }

  /**
   * The node's text, then one per line the text of every expression its value may come from: what the
   * local names it reads were assigned, ranged over, received from a channel or filled with by a call
   * (`conn.Read(buf)`, `json.Unmarshal(b, &v)`), transitively; a parameter's type and, for a package
   * function or method, what the package's callers pass for it (two calls up); a name no local declares,
   * the package value's initializer. A name's assignments anywhere in the declaration count, whatever
   * their order or branch (the text says more, never less).
   */
  textOf(node: SyntaxNode, file: ParsedFile): string {
    // A bare name derives the same wherever it is read in its declaration (assignments count whatever
    // their place), so the many `w.Write(...)` of one writer share one derivation of `w`.
    const cacheKey = node.type === 'identifier' ? `${file.path}#${(topLevelAncestor(node) ?? node).id}#=${node.text}` : `${file.path}#${node.id}`;
    const cached = this.texts.get(cacheKey);
    if (cached !== undefined) return cached;
    const parts: string[] = [node.text];
    let size = node.text.length;
    const seenNodes = new Set<string>();
    const seenNames = new Set<string>();
    const queue: Array<{ expr: SyntaxNode; file: ParsedFile; unit: SyntaxNode; hops: number; path: string[] }> = [];
    const unitOf = (n: SyntaxNode) => topLevelAncestor(n) ?? n;
    // `path`: only that part of the value is read (`s.exec[0]` of `for _, s := range steps`), so a
    // table's literal gives that field's (element's) values, not the rest of the table.
    const addText = (expr: SyntaxNode, inFile: ParsedFile, unit: SyntaxNode, hops: number, path: string[] = []) => {
      const target = path.length ? projectable(expr, path) : undefined;
      if (target && target.node.type !== 'identifier') {
        const values = stepValues(target.node, target.path[0]!);
        if (values) {
          for (const v of values) addText(v, inFile, unit, hops, target.path.slice(1));
          return;
        }
      }
      const kept = target?.node.type === 'identifier' ? target.path : [];
      const key = `${inFile.path}#${expr.id}#${kept.join('.')}`;
      if (seenNodes.has(key) || parts.length >= MAX_TEXTS || size + expr.text.length > MAX_CHARS) return;
      seenNodes.add(key);
      parts.push(expr.text);
      size += expr.text.length + 1;
      queue.push({ expr, file: inFile, unit, hops, path: kept });
    };
    queue.push({ expr: node, file, unit: unitOf(node), hops: 0, path: [] });
    seenNodes.add(`${file.path}#${node.id}#`);
    while (queue.length && parts.length < MAX_TEXTS) {
      const { expr, file: f, unit, hops, path: projected } = queue.shift()!;
      const local = this.sources(unit, f);
      for (const read of readKeys(expr)) {
        // A projected item stands for one name (see addText): what it reads of the name is its path.
        const path = projected.length ? projected : read.path.slice(0, MAX_PATH);
        const key = `${f.path}#${unit.id}#${read.key}#${read.bare}#${path.join('.')}`;
        if (read.key === '_' || seenNames.has(key)) continue;
        seenNames.add(key);
        const values = local.values.get(read.key) ?? [];
        for (const v of values) addText(v, f, unit, hops, local.elements.has(`${read.key}#${v.id}`) ? ['[*]', ...path] : path);
        if (read.bare) {
          for (const field of local.fields.get(read.key) ?? []) {
            const named = path.length > 0 && !path[0]!.startsWith('[');
            if (!named || field === `${read.key}.${path[0]}`) for (const v of local.values.get(field) ?? []) addText(v, f, unit, hops, named ? path.slice(1) : []);
          }
        }
        if (read.key.includes('.')) continue; // the root name is read on its own
        const name = read.key;
        const params = local.params.get(name) ?? [];
        for (const p of params) {
          if (p.type) addText(p.type, f, unit, hops);
          this.callerArguments(p, f, unit, hops, addText);
        }
        if (values.length || params.length || f.imports.byName.has(name)) continue;
        const packageValues = this.scope.values.get(name) ?? [];
        for (const decl of packageValues) {
          const value = decl.values ? exprList(decl.values)[decl.index] : undefined;
          if (value) addText(value, decl.file, unitOf(value), hops, path);
        }
        // `state[k] = os.Getenv(k)` in one function, `json.Marshal(state)` in another.
        if (packageValues.length && hops < MAX_CALLER_HOPS) for (const w of this.packageWrites(name)) addText(w.expr, w.file, w.unit, hops + 1);
      }
      // What the package functions and methods it calls return: `"...?d=" + collect()`.
      if (hops >= MAX_CALLER_HOPS) continue;
      for (const call of expr.descendantsOfType('call_expression')) {
        for (const callee of this.calleesOf(call, f, local)) for (const r of this.sources(callee.node, callee.file).returns) addText(r, callee.file, callee.node, hops + 1);
      }
    }
    const text = parts.join('\n');
    this.texts.set(cacheKey, text);
    return text;
  }

  /** The package's functions or methods a call may run (followedMethods for a method). */
  private calleesOf(call: SyntaxNode, file: ParsedFile, local: Sources): Array<{ node: SyntaxNode; file: ParsedFile }> {
    const fn = call.childForFieldName('function');
    if (fn?.type === 'identifier') {
      if (local.values.has(fn.text) || local.params.has(fn.text)) return [];
      return this.scope.funcs.get(fn.text) ?? [];
    }
    if (fn?.type !== 'selector_expression') return [];
    const operand = fn.childForFieldName('operand');
    if (operand?.type === 'identifier' && file.imports.byName.has(operand.text) && !local.values.has(operand.text) && !local.params.has(operand.text)) return [];
    return followedMethods(this.scope, fn.childForFieldName('field')?.text ?? '');
  }

  /** Everything the package's functions and methods assign or store into a package variable `name`. */
  private packageWrites(name: string): Array<{ expr: SyntaxNode; file: ParsedFile; unit: SyntaxNode }> {
    let list = this.writes.get(name);
    if (list) return list;
    list = [];
    // A Go identifier is letters, digits and `_`: nothing in it needs escaping.
    const word = new RegExp(`(?<![\\p{L}\\p{Nd}_])${name}(?![\\p{L}\\p{Nd}_])`, 'u');
    for (const file of this.scope.files) {
      for (const unit of file.tree.rootNode.namedChildren) {
        if (unit.type !== 'function_declaration' && unit.type !== 'method_declaration') continue;
        if (!word.test(file.source.slice(unit.startIndex, unit.endIndex))) continue;
        const sources = this.sources(unit, file);
        for (const key of [name, ...(sources.fields.get(name) ?? [])]) for (const expr of sources.values.get(key) ?? []) list.push({ expr, file, unit });
      }
    }
    this.writes.set(name, list);
    return list;
  }

  /** What the calls of the parameter's function pass for it: a func literal called in place, or the package's callers. */
  private callerArguments(p: { fn: SyntaxNode; index: number; variadic: boolean }, file: ParsedFile, unit: SyntaxNode, hops: number, addText: (e: SyntaxNode, f: ParsedFile, u: SyntaxNode, h: number, path?: string[]) => void): void {
    if (p.fn.type === 'func_literal') {
      // `go func(c net.Conn) {...}(conn)`
      const call = p.fn.parent?.type === 'call_expression' ? p.fn.parent : null;
      if (call?.childForFieldName('function')?.id === p.fn.id) for (const a of argumentsFor(call, p.index, p.variadic)) addText(a, file, unit, hops);
      return;
    }
    if (hops >= MAX_CALLER_HOPS || p.fn.id !== unit.id) return;
    const name = p.fn.childForFieldName('name')?.text;
    if (!name) return;
    const method = p.fn.type === 'method_declaration';
    // `x.Get(dst)` may be any of the types declaring Get: callers are only told apart for a rarer name.
    if (method && !followedMethods(this.scope, name).length) return;
    for (const site of this.callSites(name, method)) for (const a of argumentsFor(site.call, p.index, p.variadic)) addText(a, site.file, site.decl, hops + 1);
  }

  /** The package's calls of a function (or of a method, by name): every parameter of it asks again. */
  private callSites(name: string, method: boolean): Array<{ call: SyntaxNode; file: ParsedFile; decl: SyntaxNode }> {
    const key = `${method ? '.' : ''}${name}`;
    let sites = this.sites.get(key);
    if (sites) return sites;
    sites = [];
    for (const caller of packageCallers(this.scope).byName.get(name) ?? []) {
      for (const call of caller.decl.descendantsOfType('call_expression')) {
        const fn = call.childForFieldName('function');
        const named = method ? fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === name : fn?.type === 'identifier' && fn.text === name;
        if (named) sites.push({ call, file: caller.file, decl: caller.decl });
      }
    }
    this.sites.set(key, sites);
    return sites;
  }
}

/** The innermost function (declaration or literal) around a node, or the node's top-level declaration. */
export function innermostFunction(node: SyntaxNode): SyntaxNode {
  if (FUNCTION_TYPES.has(node.type)) return node;
  const chain = ancestorsOf(node);
  for (let i = chain.length - 1; i >= 0; i--) if (FUNCTION_TYPES.has(chain[i]!.type)) return chain[i]!;
  return topLevelAncestor(node) ?? node;
}
