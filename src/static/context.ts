// Where code runs, per package: inside init(), a package-level var initializer, a function reachable
// from those (import time), main, or an ordinary function. Built from an intra-package graph of
// calls by name: `f()` calls a package function, `x.m()` any method `m` of the package (x not an
// imported package), and a function value handed to a same-package function or a method (`run(f)`,
// `once.Do(f)`) counts as called. A function value handed to another package (`sql.Register("x", f)`,
// `graphdriver.Register("x", Init)`) does not: registration is the ordinary library idiom and the
// value runs only when a caller asks for it; unless the callee is a standard library call that runs
// it (`time.AfterFunc(d, f)`, runs-argument.ts). Function literals stored in a package var (not called
// during initialisation) are not import-time code either, nor is a function an init assigns to a field
// or a package var without calling through it; but code that calls through a package table
// (`hooks[i]()`, `for _, h := range hooks { h() }`) runs the functions the table names or holds.
import type { ParsedFile, SyntaxNode } from './parse.js';
import { ancestorsOf, topLevelAncestor } from './ancestors.js';
import { isLocallyDeclared } from './rules/shadow.js';
import { localIsForeign } from './foreign-receiver.js';
import { envGateOf, envReadOf, parameterGatesOf, type EnvGate } from './env-gate.js';
import type { TextCallGraph } from './reach-text.js';
import { entryKey, type ImportTimeCall } from './import-time-calls.js';
import { namedAsRunner, runByCall } from './runs-argument.js';
import { parameterUse } from './parameter-use.js';
import { stripNonCode } from './decls.js';

/**
 * Methods that, on a value of a type another package declares, keep the function handed to them
 * (`feature.HookX.Set(f)`, `mux.HandleFunc(p, f)`, `reg.Register(f)`) for a caller to run later,
 * whatever their name says. Other methods keep it too unless their name is a runner's.
 */
const FOREIGN_SETTERS = /^(?:Set|Store|Swap|CompareAndSwap|Register\w*|Handle|HandleFunc)$/;

/** Methods of another package's value that run a function handed to them (besides runs-argument.ts's runner names), now or on their own goroutine. */
const METHOD_RUNNERS = /^(?:Submit|Schedule|Spawn|Start|Once|After|AfterFunc|Reset|TryGo|Wait|Apply|ForEach|Range|Walk|Each|Map|Filter|Visit)(?:[A-Z]\w*)?$/;

export type ExecContext = 'init' | 'package-var' | 'reachable-from-init' | 'function' | 'main';

export interface Placement {
  /** Absent for code outside functions and var initializers (imports, consts, types). */
  context?: ExecContext;
  /** Enclosing function, or `Type.Method` for methods. */
  function?: string;
  /**
   * The package function through which this code runs at import time when only another package of
   * the module makes it so (its import-time code calls that function): one of the context's entries.
   */
  entry?: ImportTimeCall;
  /** Import-time code that runs only when the process has an environment variable set (env-gate.ts): the gate. */
  envGate?: string;
}

/** A call into a unit whose code after `start` runs only when an environment variable is set (env-gate.ts ParameterGate). */
interface GatedCall {
  unit: Unit;
  start: number;
  /** The gate, as text. */
  gate: string;
}

/** What a reach that leaves gated code out learns besides its set: units it ran only up to an offset. */
interface UngatedReach {
  partly: Map<string, number>;
}

interface References {
  calls: Unit[];
  gated: GatedCall[];
  kept: Map<string, Unit[]>;
}

interface Unit {
  key: string;
  kind: 'init' | 'var' | 'func' | 'method';
  name: string;
  node: SyntaxNode;
  file: ParsedFile;
}

/** Whether `call`'s callee is a function of another package (`pkg.F`). */
function callsOtherPackage(call: SyntaxNode, file: ParsedFile): boolean {
  const fn = call.childForFieldName('function');
  const operand = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : null;
  return operand?.type === 'identifier' && file.imports.byName.has(operand.text);
}

/**
 * Whether a func literal is handed to another package's function that keeps it (`http.HandleFunc("/",
 * func...)`, `cli.Complete(cmd, func...)`): it runs when that package calls it, as a named function
 * handed over does. Not for calls that run it (runs-argument.ts: `time.AfterFunc`, `filepath.Walk`).
 */
function handedAway(lit: SyntaxNode, file: ParsedFile, otherPackage: (call: SyntaxNode) => boolean): boolean {
  const arg = callTaking(lit);
  return !!arg && otherPackage(arg.call) && !runByCall(arg.value, arg.call, file);
}

/** The call a value is an argument of (through parentheses), and the argument node itself. */
function callTaking(node: SyntaxNode): { call: SyntaxNode; value: SyntaxNode } | undefined {
  let value = node;
  while (value.parent?.type === 'parenthesized_expression') value = value.parent;
  const call = value.parent?.type === 'argument_list' ? value.parent.parent : null;
  return call?.type === 'call_expression' ? { call, value } : undefined;
}

/** A func literal runs during its enclosing code when it is called on the spot or handed to a
 * same-package call or a runner (`time.AfterFunc`); handed to another package (`sync.OnceValue(func...)`,
 * `http.HandlerFunc(...)`) it is stored for later, as with named functions. */
function literalRunsInPlace(lit: SyntaxNode, file: ParsedFile, otherPackage: (call: SyntaxNode) => boolean): boolean {
  const parent = lit.parent;
  if (!parent) return false;
  if (parent.type === 'call_expression') return true;
  if (parent.type === 'argument_list') {
    const call = parent.parent;
    return !(call?.type === 'call_expression' && otherPackage(call)) || runByCall(lit, call, file);
  }
  if (parent.type === 'go_statement' || parent.type === 'defer_statement') return true;
  if (parent.type === 'parenthesized_expression') return literalRunsInPlace(parent, file, otherPackage);
  return false;
}

function unitKey(file: ParsedFile, node: SyntaxNode): string {
  return `${file.path}:${node.startIndex}`;
}

function receiverTypeName(method: SyntaxNode): string {
  const receiver = method.childForFieldName('receiver');
  const typeId = receiver?.descendantsOfType('type_identifier')[0];
  return typeId?.text ?? '?';
}

/** The child of source_file that contains `node` (or null for the root itself). */
export function topLevelDeclOf(node: SyntaxNode): SyntaxNode | null {
  return topLevelAncestor(node);
}

/**
 * The parsed files are only part of the package: the text call graph of the whole package says which
 * functions may run at import time or from main. A function it says may is placed exactly only when
 * every declaration on its text paths from the roots was parsed (`covered`); otherwise its place is
 * asked for in `wanted` (file, index), and the caller places it again once those paths are parsed.
 */
export interface PartialPackage {
  graph: () => TextCallGraph;
  covered?: ReadonlySet<string>;
  wanted: Array<{ rel: string; index: number }>;
}

export class PackageContext {
  private readonly units = new Map<string, Unit>();
  private readonly funcsByName = new Map<string, Unit[]>();
  private readonly methodsByName = new Map<string, Unit[]>();
  /** Package vars initialised with a composite literal (`[]func(){a, b}`, `map[string]func(){...}`). */
  private readonly tablesByName = new Map<string, SyntaxNode[]>();
  /** The func literals such a table holds as elements: they run when code calls through the table. */
  private readonly tableLiterals = new Map<string, Unit[]>();
  /** Package vars holding a function or method value (`var start = T{}.Start`, `var h any = run`). */
  private readonly valueAliases = new Map<string, SyntaxNode[]>();
  /** Units made for the func literals a function returns, by the function's key. */
  private readonly returnedLiterals = new Map<string, Unit[]>();
  /** Text ranges of a declaration that run only once the process got a signal (signalWaitRanges), by its key. */
  private readonly signalWaits = new Map<string, Array<readonly [number, number]>>();
  private importTime: Set<string> | null = null;
  private ownImportTime: Set<string> | null = null;
  private readonly entryReach = new Map<string, Set<string>>();
  private fromMain: Set<string> | null = null;
  private readonly gates = new Map<string, EnvGate | null>();
  private gatedRoots: Unit[] | null = null;
  private ungated: Set<string> | null = null;
  private readonly gatedReach = new Map<string, Set<string>>();
  private readonly ungatedPartly: UngatedReach = { partly: new Map() };
  private varNames: Set<string> | null = null;

  /**
   * A placement was asked inside a function whose call paths were not all parsed: the answer is not
   * final, and the caller must place it again once `partial.wanted` is parsed (scan-worker.ts placePending).
   */
  get incomplete(): boolean {
    return (this.partial?.wanted.length ?? 0) > 0;
  }

  /**
   * `entries`: functions of this package that another package of the module calls from its own
   * import-time code (scan.ts finds them): they run at import time as init does.
   */
  constructor(
    private readonly files: ParsedFile[],
    private readonly partial?: PartialPackage,
    private readonly entries: readonly ImportTimeCall[] = [],
  ) {
    for (const file of files) {
      for (const decl of file.tree.rootNode.namedChildren) {
        let unit: Unit | null = null;
        if (decl.type === 'function_declaration') {
          const name = decl.childForFieldName('name')?.text ?? '';
          unit = { key: unitKey(file, decl), kind: name === 'init' ? 'init' : 'func', name, node: decl, file };
          if (unit.kind === 'func') push(this.funcsByName, name, unit);
        } else if (decl.type === 'method_declaration') {
          const name = decl.childForFieldName('name')?.text ?? '';
          unit = { key: unitKey(file, decl), kind: 'method', name: `${receiverTypeName(decl)}.${name}`, node: decl, file };
          push(this.methodsByName, name, unit);
        } else if (decl.type === 'var_declaration') {
          unit = { key: unitKey(file, decl), kind: 'var', name: '', node: decl, file };
          // `var payload = func() {...}` is a function by another name: calls of `payload()` reach it.
          for (const spec of decl.descendantsOfType('var_spec')) {
            const names = spec.childrenForFieldName('name');
            const values = spec.childForFieldName('value')?.namedChildren ?? [];
            values.forEach((v, i) => {
              const name = names[i]?.text;
              if (name && v.type === 'composite_literal') {
                push(this.tablesByName, name, v);
                for (const lit of tableElementLiterals(v)) {
                  const unit: Unit = { key: unitKey(file, lit), kind: 'func', name, node: lit, file };
                  this.units.set(unit.key, unit);
                  push(this.tableLiterals, name, unit);
                }
              }
              if (name && (v.type === 'identifier' || v.type === 'selector_expression')) push(this.valueAliases, name, v);
              if (v.type !== 'func_literal' || !name) return;
              const lit: Unit = { key: unitKey(file, v), kind: 'func', name, node: v, file };
              this.units.set(lit.key, lit);
              push(this.funcsByName, name, lit);
            });
          }
        }
        if (unit) this.units.set(unit.key, unit);
      }
    }
  }

  private isMainPackage(): boolean {
    return this.files.some((f) => f.packageName === 'main');
  }

  /** Whether `call`'s callee is a function of another package (`pkg.F`, or a dot-imported name). */
  private calleeIsOtherPackage(call: SyntaxNode, file: ParsedFile): boolean {
    const fn = call.childForFieldName('function');
    if (!fn) return false;
    if (fn.type === 'selector_expression') return callsOtherPackage(call, file);
    if (fn.type === 'identifier') return file.imports.dot.length > 0 && !this.funcsByName.has(fn.text) && !this.partial?.graph().functionNames.has(fn.text);
    return false;
  }

  /**
   * Units that `unit` calls (or hands as a value to same-package code), by name. A call that hands
   * `os.Getenv(K)` to a parameter the callee returns on when empty goes to `gated` instead
   * (env-gate.ts ParameterGate). With `from`, code of the unit after that offset is left out.
   */
  private referencedUnits(unit: Unit, keep: (where: string[], units: Unit[]) => void, gated: GatedCall[], from = Infinity): Unit[] {
    const out: Unit[] = [];
    const body = unit.kind === 'func' || unit.kind === 'method' || unit.kind === 'init' ? unit.node.childForFieldName('body') : unit.node;
    if (!body) return out;
    // In a var initializer, a stored func literal is a value, not code that runs now; in a function,
    // so is a closure it returns (it runs when a caller calls it, as placementOf says).
    const otherPackage = (call: SyntaxNode) => this.calleeIsOtherPackage(call, unit.file);
    const stored = body
      .descendantsOfType('func_literal')
      .filter((lit) => {
        const kept = this.keptLiteral(lit, unit.file, unit) ?? (unit.kind !== 'var' ? this.literalInPackageVar(lit, unit) : undefined);
        if (kept) {
          keep(kept.where, [kept.unit]);
          return true;
        }
        return unit.kind === 'var'
          ? !literalRunsInPlace(lit, unit.file, otherPackage)
          : isReturned(lit) || storedAsField(lit, unit.node) || assignedToFieldOrElement(lit, unit.node) || handedAway(lit, unit.file, otherPackage);
      })
      .map((lit) => [lit.startIndex, lit.endIndex] as const);
    // What a signal handler loop runs after `<-sigs` runs on that signal, not at import (go-zero's
    // SIGUSR2 profiler started from an init's goroutine).
    stored.push(...this.signalWaitsOf(unit.file, topLevelDeclOf(body) ?? body));
    const seen = new Set<string>();
    // One native call for all identifiers (walking the tree node by node from JS took seconds on a
    // compiler-sized package); only names of the package's functions and methods are looked at closer.
    for (const node of body.descendantsOfType(['identifier', 'field_identifier'])) {
      const name = node.text;
      const isField = node.type === 'field_identifier';
      if (!isField && this.tablesByName.has(name) && !seen.has(`table:${name}`) && calledThrough(node)) {
        // `hooks[i]()` or `for _, h := range hooks { h() }`: the functions the table names run now.
        seen.add(`table:${name}`);
        for (const table of this.tablesByName.get(name)!) {
          for (const id of table.descendantsOfType('identifier')) out.push(...(this.funcsByName.get(id.text) ?? []).filter((u) => u.node.type !== 'func_literal'));
        }
        out.push(...(this.tableLiterals.get(name) ?? []));
      }
      if (!isField && this.tablesByName.has(name) && !seen.has(`field:${name}`)) {
        // `hooks.start()` of `var hooks = T{start: run}`: the function that field holds runs now.
        const held = this.calledField(name, node);
        if (held) {
          seen.add(`field:${name}`);
          out.push(...held);
        }
      }
      if (!isField && this.valueAliases.has(name) && !seen.has(`alias:${name}`) && callsValue(node)) {
        // `start()` of `var start = T{}.Start`, `h.(func())()` of `var h any = run`.
        seen.add(`alias:${name}`);
        for (const value of this.valueAliases.get(name)!) out.push(...this.functionValueTargets(value, unit.file));
      }
      if (!(isField ? this.methodsByName : this.funcsByName).has(name)) continue;
      if (node.startIndex >= from) continue;
      const tag = `${node.type}:${name}`;
      if (seen.has(tag)) continue;
      if (stored.some(([start, end]) => start <= node.startIndex && node.endIndex <= end)) continue;
      const targets = this.calledTargets(node, unit.file, unit.kind === 'var', keep);
      if (!targets) continue;
      // Not marked seen: another call of the same name without the gate still runs it whole.
      const behind = this.parameterGated(node, targets, unit.file);
      if (behind) {
        gated.push(...behind);
        continue;
      }
      seen.add(tag);
      out.push(...targets);
    }
    return out;
  }

  /**
   * What `table.field(...)` runs when `table` is a package var whose literal keys `field`: the package
   * function it names, or the func literal it holds. Undefined when the use is no such call.
   */
  private calledField(name: string, id: SyntaxNode): Unit[] | undefined {
    const sel = id.parent;
    if (sel?.type !== 'selector_expression' || sel.childForFieldName('operand')?.id !== id.id) return undefined;
    const call = sel.parent;
    if (call?.type !== 'call_expression' || call.childForFieldName('function')?.id !== sel.id) return undefined;
    const field = sel.childForFieldName('field')?.text;
    const out: Unit[] = [];
    for (const table of this.tablesByName.get(name)!) {
      for (const keyed of table.descendantsOfType('keyed_element')) {
        if (keyed.namedChildren[0]?.text !== field) continue;
        const value = keyed.namedChildren[1]?.namedChildren[0];
        if (value?.type === 'identifier') out.push(...(this.funcsByName.get(value.text) ?? []).filter((u) => u.node.type !== 'func_literal'));
        if (value?.type === 'func_literal') out.push(...(this.tableLiterals.get(name) ?? []).filter((u) => u.node.id === value.id));
      }
    }
    return out.length ? out : undefined;
  }

  /** The function a function or method value names: `run`, or `T{}.Start` / `t.Start` when one type declares Start. */
  private functionValueTargets(value: SyntaxNode, file: ParsedFile): Unit[] {
    if (value.type === 'identifier') return (this.funcsByName.get(value.text) ?? []).filter((u) => u.node.type !== 'func_literal');
    const operand = value.childForFieldName('operand');
    const method = value.childForFieldName('field')?.text ?? '';
    if (operand?.type === 'identifier' && file.imports.byName.has(operand.text)) return [];
    const targets = this.methodsByName.get(method) ?? [];
    return new Set(targets.map((t) => t.name)).size === 1 ? targets : [];
  }

  private signalWaitsOf(file: ParsedFile, decl: SyntaxNode): Array<readonly [number, number]> {
    const key = unitKey(file, decl);
    let ranges = this.signalWaits.get(key);
    if (!ranges) {
      ranges = signalWaitRanges(decl, file);
      this.signalWaits.set(key, ranges);
    }
    return ranges;
  }

  /** Units for the func literals `fn` returns (made once): they run where a caller calls the result. */
  private literalsReturnedBy(fn: Unit): Unit[] {
    let units = this.returnedLiterals.get(fn.key);
    if (!units) {
      units = fn.node
        .descendantsOfType('func_literal')
        .filter(isReturned)
        .map((lit) => this.literalUnit(lit, fn.file, fn.name));
      this.returnedLiterals.set(fn.key, units);
    }
    return units;
  }

  /** The package's functions/methods an identifier use may run, or undefined when it runs none. */
  private calledTargets(id: SyntaxNode, file: ParsedFile, inVarInitializer: boolean, keep: (where: string[], units: Unit[]) => void): Unit[] | undefined {
    let ref: SyntaxNode = id;
    let targets: Unit[] | undefined;
    if (id.type === 'identifier') {
      targets = this.funcsByName.get(id.text);
    } else {
      const sel = id.parent;
      if (sel?.type !== 'selector_expression' || sel.childForFieldName('field')?.id !== id.id) return undefined;
      const operand = sel.childForFieldName('operand');
      if (operand?.type === 'identifier' && file.imports.byName.has(operand.text)) return undefined;
      // `cmd.Start()` of `cmd := exec.Command(...)`: another package's method, whatever this one declares.
      if (operand?.type === 'identifier' && this.holdsForeignValue(operand, file)) return undefined;
      targets = this.methodsByName.get(id.text);
      // The operand's type is not resolved: a method name shared by several types (Dial, Do, Write)
      // would fan out to all of them, so only an unambiguous name is followed.
      // In a partial parse, the text of the whole package says which names are shared.
      const types = this.partial ? (this.partial.graph().methodReceivers.get(id.text)?.size ?? 0) : new Set(targets?.map((t) => t.name)).size;
      if (targets && types > 1) return undefined;
      ref = sel;
    }
    if (!targets) return undefined;
    const parent = ref.parent;
    if (!parent) return undefined;
    if (parent.type === 'call_expression' && parent.childForFieldName('function')?.id === ref.id) {
      // `mk()()`: what mk returns is called in place, so the closures it returns run too.
      const outer = parent.parent;
      if (outer?.type === 'call_expression' && outer.childForFieldName('function')?.id === parent.id) return [...targets, ...targets.flatMap((t) => this.literalsReturnedBy(t))];
      return targets;
    }
    if (parent.type === 'argument_list') {
      const call = parent.parent;
      if (call?.type === 'call_expression' && this.calleeIsOtherPackage(call, file)) return runByCall(ref, call, file) ? targets : undefined;
      const where = call?.type === 'call_expression' ? this.keptByCall(call, ref, file) : undefined;
      if (where) {
        keep(where, targets);
        return undefined;
      }
      return targets;
    }
    // Inside a function, a value stored or returned (`h := f; h()`, `return f`) is usually called
    // right after. In a var initializer it is only stored (`var cmd = &cobra.Command{RunE: run}`), and
    // so it is when assigned to a field or element (`CmdBuild.Run = runBuild` in an init: registration).
    if (parent.type === 'expression_list' && storesIntoFieldOrElement(parent)) return undefined;
    // So is a function assigned to a package var (`VerifyDownload = verifyDownload` in an init) that the
    // code does not then call through that var (`VerifyDownload(`).
    if (parent.type === 'expression_list' && this.storesIntoPackageVar(parent, topLevelAncestor(parent) ?? parent)) return undefined;
    if (!inVarInitializer && (parent.type === 'expression_list' || parent.type === 'return_statement')) return targets;
    return undefined;
  }

  /** Names of the package's vars: from the text of the whole package in a partial parse, else the trees. */
  private packageVarNames(): ReadonlySet<string> {
    if (this.partial) return this.partial.graph().varNames;
    if (!this.varNames) {
      this.varNames = new Set();
      for (const file of this.files) {
        for (const decl of file.tree.rootNode.namedChildren) {
          if (decl.type !== 'var_declaration') continue;
          for (const spec of decl.descendantsOfType('var_spec')) for (const n of spec.childrenForFieldName('name')) this.varNames.add(n.text);
        }
      }
    }
    return this.varNames;
  }

  /** Whether `list` is the right side of `V = ...` with every V a package var (not a local), none called in `decl`. */
  private storesIntoPackageVar(list: SyntaxNode, decl: SyntaxNode): boolean {
    const stmt = list.parent;
    if (stmt?.type !== 'assignment_statement' || stmt.childForFieldName('right')?.id !== list.id) return false;
    const targets = stmt.childForFieldName('left')?.namedChildren ?? [];
    const vars = this.packageVarNames();
    return (
      targets.length > 0 &&
      targets.every((t) => t.type === 'identifier' && vars.has(t.text) && !isLocallyDeclared(t, t.text) && !new RegExp(`(?<![\\w.])${t.text}\\s*\\(`).test(decl.text))
    );
  }

  /**
   * Units reachable from `roots`. A function a reached call keeps (`Register("x", f)` storing f in a
   * package map or a field) is reached only once reached code calls through where it was kept.
   */
  private reach(roots: Unit[], ungatedOnly?: UngatedReach): Set<string> {
    const reached = new Set<string>();
    const reachedUnits: Unit[] = [];
    const kept = new Map<string, Unit[]>();
    const queue: Array<{ unit: Unit; from: number }> = roots.map((unit) => ({ unit, from: Infinity }));
    for (;;) {
      while (queue.length) {
        const { unit, from } = queue.pop()!;
        const key = from === Infinity ? unit.key : `${unit.key}#${from}`;
        if (reached.has(key)) continue;
        reached.add(key);
        reachedUnits.push(unit);
        if (from !== Infinity) ungatedOnly?.partly.set(unit.key, Math.max(ungatedOnly.partly.get(unit.key) ?? 0, from));
        const refs = this.referencesOf(unit, from);
        for (const next of refs.calls) if (!reached.has(next.key)) queue.push({ unit: next, from: Infinity });
        // Without the variable set, a gated callee runs only up to its gate.
        for (const g of refs.gated) queue.push({ unit: g.unit, from: ungatedOnly ? g.start : Infinity });
        for (const [where, units] of refs.kept) kept.set(where, [...(kept.get(where) ?? []), ...units]);
      }
      for (const [where, units] of kept) {
        if (this.partial) this.askForCallersThrough(where);
        if (!reachedUnits.some((u) => this.callsThrough(u, where))) continue;
        kept.delete(where);
        for (const u of units) if (!reached.has(u.key)) queue.push({ unit: u, from: Infinity });
      }
      if (!queue.length) return reached;
    }
  }

  private readonly references = new Map<string, References>();
  /** Every parameter-gated call met so far (referencesOf). */
  private readonly gatedCalls: GatedCall[] = [];
  private readonly codeTexts = new Map<string, string>();
  private readonly throughAnswers = new Map<string, boolean>();

  /** What a unit references (referencedUnits); with `from`, only its code before that offset. */
  private referencesOf(unit: Unit, from = Infinity): References {
    const key = from === Infinity ? unit.key : `${unit.key}#${from}`;
    let refs = this.references.get(key);
    if (!refs) {
      const kept = new Map<string, Unit[]>();
      const gated: GatedCall[] = [];
      const calls = this.referencedUnits(
        unit,
        (where, units) => {
          for (const w of where) kept.set(w, [...(kept.get(w) ?? []), ...units]);
        },
        gated,
        from,
      );
      if (gated.length) this.gatedCalls.push(...gated);
      this.references.set(key, (refs = { calls, gated, kept }));
    }
    return refs;
  }

  /**
   * When the call `id` names hands `os.Getenv(K)` to a parameter every target returns on when empty:
   * those targets, each with its gate. Undefined for any other call.
   */
  private parameterGated(id: SyntaxNode, targets: Unit[], file: ParsedFile): GatedCall[] | undefined {
    const ref = id.type === 'field_identifier' ? id.parent : id;
    const call = ref?.parent;
    if (call?.type !== 'call_expression' || call.childForFieldName('function')?.id !== ref!.id) return undefined;
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    if (!args.some((a) => a.type === 'call_expression')) return undefined;
    const out: GatedCall[] = [];
    for (const target of targets) {
      if (target.kind !== 'func' && target.kind !== 'method') return undefined;
      if (target.node.type !== 'function_declaration' && target.node.type !== 'method_declaration') return undefined;
      const gate = parameterGatesOf(target.node).find((g) => args[g.index] && envReadOf(args[g.index]!, file, this.files));
      if (!gate) return undefined;
      out.push({ unit: target, start: gate.start, gate: `${call.text.replace(/\s+/g, ' ').slice(0, 120)} returns at once when ${envReadOf(args[gate.index]!, file, this.files)} is unset` });
    }
    return out;
  }

  private readonly askedThrough = new Set<string>();

  /**
   * In a partial parse: the declarations the package's text says may run at import time and call
   * through `where` must be parsed before the tree can tell whether a kept function runs.
   */
  private askForCallersThrough(where: string): void {
    if (this.askedThrough.has(where) || !this.partial) return;
    this.askedThrough.add(where);
    const graph = this.partial.graph();
    for (const d of graph.reachedCallingThrough((code) => callsThroughText(code, where))) {
      if (!this.partial.covered || !graph.isIn(this.partial.covered, d.rel, d.start)) this.partial.wanted.push({ rel: d.rel, index: d.start });
    }
  }

  /** Whether a unit's code may call what is kept at `where` (callsThroughText). */
  private callsThrough(unit: Unit, where: string): boolean {
    const key = `${unit.key}|${where}`;
    let answer = this.throughAnswers.get(key);
    if (answer === undefined) {
      let code = this.codeTexts.get(unit.key);
      if (code === undefined) this.codeTexts.set(unit.key, (code = stripNonCode(unit.node.text)));
      answer = callsThroughText(code, where);
      this.throughAnswers.set(key, answer);
    }
    return answer;
  }

  private readonly foreignVars = new Map<string, boolean>();

  /** Whether a method call's operand is a local or a package var holding another package's value or type. */
  private holdsForeignValue(operand: SyntaxNode, file: ParsedFile): boolean {
    const name = operand.text;
    if (isLocallyDeclared(operand, name)) return localIsForeign(operand, name, file.imports.byName);
    return this.packageVarNames().has(name) && this.isForeignTypedVar(name);
  }

  /**
   * Whether a package var holds a value of another package's type, by its declaration: `var h
   * feature.Hook[F]`, `var m *pkg.T`, `var r = &pkg.T{...}`. Its methods are that package's, whatever
   * methods of the same name this package declares.
   */
  private isForeignTypedVar(name: string): boolean {
    let answer = this.foreignVars.get(name);
    if (answer === undefined) {
      const texts = this.partial ? this.partial.graph().varDeclarationTexts(name) : this.varSpecTexts(name);
      const id = '[\\p{L}_][\\p{L}\\p{Nd}_]*';
      const typed = new RegExp(`(?<![\\p{L}\\p{Nd}_.])${name}(?:\\s*,\\s*${id})*\\s+\\*?${id}\\.${id}`, 'u');
      const built = new RegExp(`(?<![\\p{L}\\p{Nd}_.])${name}\\s*=\\s*&?${id}\\.${id}\\s*(?:\\[[^\\]\\n]*\\]\\s*)?\\{`, 'u');
      answer = texts.length > 0 && texts.every((t) => {
        const code = stripNonCode(t);
        return typed.test(code) || built.test(code);
      });
      this.foreignVars.set(name, answer);
    }
    return answer;
  }

  private varSpecTexts(name: string): string[] {
    const out: string[] = [];
    for (const file of this.files) {
      for (const decl of file.tree.rootNode.namedChildren) {
        if (decl.type !== 'var_declaration') continue;
        for (const spec of decl.descendantsOfType('var_spec')) if (spec.childrenForFieldName('name').some((n) => n.text === name)) out.push(spec.text);
      }
    }
    return out;
  }

  /** How many of the package's types declare a method of this name. */
  private methodTypeCount(name: string): number {
    return this.partial ? (this.partial.graph().methodReceivers.get(name)?.size ?? 0) : new Set(this.methodsByName.get(name)?.map((t) => t.name)).size;
  }

  /** The texts of the package's function (or method) declarations of a name; read from the package's text in a partial parse. */
  private declarationTexts(name: string, method: boolean): string[] {
    if (this.partial) return this.partial.graph().declarationTexts(name, method);
    const units = (method ? this.methodsByName : this.funcsByName).get(name) ?? [];
    // A var holding a func literal under that name is not read (the caller takes it as run).
    if (units.some((u) => u.node.type === 'func_literal')) return [];
    return units.map((u) => u.node.text);
  }

  /**
   * Where `call` keeps the function value `arg` handed to it, when it keeps it rather than run it:
   * `var:V` / `field:f` places (see callsThrough), none for a method of another package's value that
   * sets a hook (FOREIGN_SETTERS) or a parameter the callee ignores. Undefined: it may run it.
   */
  private keptByCall(call: SyntaxNode, arg: SyntaxNode, file: ParsedFile): string[] | undefined {
    const fn = call.childForFieldName('function');
    const args = call.childForFieldName('arguments')?.namedChildren.filter((n) => n.type !== 'comment') ?? [];
    const index = args.findIndex((a) => a.id === arg.id);
    if (!fn || index < 0) return undefined;
    let texts: string[];
    if (fn.type === 'identifier') {
      if (isLocallyDeclared(call, fn.text)) return undefined;
      texts = this.declarationTexts(fn.text, false);
    } else if (fn.type === 'selector_expression') {
      const method = fn.childForFieldName('field')?.text ?? '';
      let root = fn.childForFieldName('operand');
      while (root?.type === 'selector_expression') root = root.childForFieldName('operand');
      // `pkg.V.M(f)`: a method of another package's value, whatever this package declares.
      const operand = fn.childForFieldName('operand');
      const foreign =
        root?.type === 'identifier' &&
        !isLocallyDeclared(call, root.text) &&
        (operand?.id === root.id ? this.isForeignTypedVar(root.text) : file.imports.byName.has(root.text));
      const types = foreign ? 0 : this.methodTypeCount(method);
      // Another package's method: it keeps what it is handed (`mux.HandleFunc(p, f)`, kingpin's
      // `cmd.Action(c.run)`) unless its name says it runs it (`once.Do(f)`, `g.Go(f)`, `pool.Submit(f)`).
      if (types === 0) return (namedAsRunner(method) || METHOD_RUNNERS.test(method)) && !FOREIGN_SETTERS.test(method) ? undefined : [];
      if (types > 1) return undefined;
      texts = this.declarationTexts(method, true);
    } else {
      return undefined;
    }
    if (!texts.length) return undefined;
    const where = new Set<string>();
    for (const text of texts) {
      const use = parameterUse(text, index);
      if (use.kind === 'runs') return undefined;
      if (use.kind === 'unused') continue;
      for (const t of use.into) {
        if (t.field) where.add(`field:${t.field}`);
        else if (this.packageVarNames().has(t.root)) where.add(`var:${t.root}`);
        else return undefined;
      }
    }
    return [...where];
  }

  /**
   * The unit of a func literal handed to a same-package call that keeps it (`Register("x", func() {...})`):
   * it runs when code calls through where it was kept, not with the code around it. Made on first use.
   */
  private keptLiteral(lit: SyntaxNode, file: ParsedFile, around: Unit): { unit: Unit; where: string[] } | undefined {
    const arg = callTaking(lit);
    if (!arg || this.calleeIsOtherPackage(arg.call, file)) return undefined;
    const where = this.keptByCall(arg.call, arg.value, file);
    if (!where) return undefined;
    return { unit: this.literalUnit(lit, file, around.name), where };
  }

  /** The unit of a func literal that runs apart from the code around it, made on first use under the enclosing unit's name. */
  private literalUnit(lit: SyntaxNode, file: ParsedFile, name: string): Unit {
    const key = unitKey(file, lit);
    let unit = this.units.get(key);
    if (!unit) this.units.set(key, (unit = { key, kind: 'func', name, node: lit, file }));
    return unit;
  }

  /**
   * `Clear = func() {...}` in an init (natscli's terminal helpers): a closure stored in a package var
   * that the init does not then call runs when code calls through the var, as a function name stored
   * there would (storesIntoPackageVar).
   */
  private literalInPackageVar(lit: SyntaxNode, around: Unit): { unit: Unit; where: string[] } | undefined {
    let p = lit.parent;
    while (p?.type === 'parenthesized_expression') p = p.parent;
    if (p?.type !== 'expression_list' || !this.storesIntoPackageVar(p, around.node)) return undefined;
    const targets = p.parent!.childForFieldName('left')?.namedChildren ?? [];
    return { unit: this.literalUnit(lit, around.file, around.name), where: targets.map((t) => `var:${t.text}`) };
  }

  /** Units that run at import time: from init, package-level initializers, and the entries. */
  private importTimeSet(): Set<string> {
    this.importTime ??= this.entries.length ? this.reach([...this.ownRoots(), ...this.entries.flatMap((e) => this.entryUnits(e))]) : this.ownImportTimeSet();
    return this.importTime;
  }

  /** init functions and package-level initializers; a `_test.go` file's run only under `go test` of this package, never for an importer. */
  private ownRoots(): Unit[] {
    return [...this.units.values()].filter((u) => (u.kind === 'init' || u.kind === 'var') && !u.file.path.endsWith('_test.go'));
  }

  /** An init's env gate (env-gate.ts), or null. */
  private gateOf(unit: Unit): EnvGate | null {
    if (unit.kind !== 'init') return null;
    let gate = this.gates.get(unit.key);
    if (gate === undefined) this.gates.set(unit.key, (gate = envGateOf(unit.node, unit.file, this.files) ?? null));
    return gate;
  }

  /**
   * The gate behind which a unit of the import-time set runs, when it runs at import only through
   * gated inits: what the ungated roots (and the entries) reach does not include it.
   */
  private gateReaching(key: string, at: number): string | undefined {
    if (!this.gatedRoots) {
      const roots = this.ownRoots();
      this.gatedRoots = roots.filter((u) => this.gateOf(u));
      // The import-time set is made by now: so are the references, and with them every gated call.
      if (this.gatedRoots.length || this.gatedCalls.length || this.entries.some((e) => e.envGate)) {
        this.ungated = this.reach([...roots.filter((u) => !this.gateOf(u)), ...this.entries.filter((e) => !e.envGate).flatMap((e) => this.entryUnits(e))], this.ungatedPartly);
      }
    }
    if (!this.ungated || this.ungated.has(key)) return undefined;
    // Code of a gated callee before its gate (or inside the gate's own block) runs either way.
    const upTo = this.ungatedPartly.partly.get(key);
    if (upTo !== undefined && at < upTo) return undefined;
    for (const root of this.gatedRoots) {
      let set = this.gatedReach.get(root.key);
      if (!set) this.gatedReach.set(root.key, (set = this.reach([root])));
      if (set.has(key)) return this.gateOf(root)!.text;
    }
    for (const call of this.gatedCalls) {
      if (call.unit.key === key) return call.gate;
      let set = this.gatedReach.get(call.unit.key);
      if (!set) this.gatedReach.set(call.unit.key, (set = this.reach([call.unit])));
      if (set.has(key)) return call.gate;
    }
    // Another package's init calls the entry only behind its own gate.
    for (const entry of this.entries) {
      if (!entry.envGate) continue;
      let set = this.gatedReach.get(`entry ${entryKey(entry)}`);
      if (!set) this.gatedReach.set(`entry ${entryKey(entry)}`, (set = this.reach(this.entryUnits(entry))));
      if (set.has(key)) return entry.envGate;
    }
    return undefined;
  }

  private ownImportTimeSet(): Set<string> {
    this.ownImportTime ??= this.reach(this.ownRoots());
    return this.ownImportTime;
  }

  /** The functions an entry names; for a method, the methods of that name when one type declares it. */
  private entryUnits(entry: ImportTimeCall): Unit[] {
    if (!entry.method) return this.funcsByName.get(entry.name) ?? [];
    const methods = this.methodsByName.get(entry.name) ?? [];
    // The receiver's type is not resolved: a name several types declare is not followed (as calledTargets).
    const types = this.partial ? (this.partial.graph().methodReceivers.get(entry.name)?.size ?? 0) : new Set(methods.map((m) => m.name)).size;
    return types === 1 ? methods : [];
  }

  /** The first entry whose calls reach `key`, when the package's own import-time code does not. */
  private entryReaching(key: string): ImportTimeCall | undefined {
    if (this.ownImportTimeSet().has(key)) return undefined;
    for (const entry of this.entries) {
      let set = this.entryReach.get(entryKey(entry));
      const units = this.entryUnits(entry);
      if (!set) this.entryReach.set(entryKey(entry), (set = this.reach(units)));
      // A method entry is shown by its unit's name (`Agent.Start`).
      if (set.has(key)) return entry.method && units[0] ? { ...entry, name: units[0].name } : entry;
    }
    return undefined;
  }

  private mainSet(): Set<string> {
    if (!this.fromMain) {
      this.fromMain = this.isMainPackage() ? this.reach(this.funcsByName.get('main') ?? []) : new Set();
    }
    return this.fromMain;
  }

  placementOf(file: ParsedFile, node: SyntaxNode): Placement {
    const decl = topLevelDeclOf(node);
    if (!decl) return {};
    let unit = this.units.get(unitKey(file, decl));
    if (unit?.kind === 'var') {
      // Inside a func literal of the initializer: the literal's own unit when it is stored under a
      // name; an ordinary function when it is stored some other way and not run in place.
      for (let n: SyntaxNode | null = node; n && n.id !== decl.id; n = n.parent) {
        if (n.type !== 'func_literal') continue;
        const kept = this.keptLiteral(n, file, unit);
        if (kept) {
          unit = kept.unit;
          break;
        }
        const named = this.units.get(unitKey(file, n));
        if (named) unit = named;
        else if (!literalRunsInPlace(n, file, (c) => this.calleeIsOtherPackage(c, file))) return { context: 'function' };
      }
    }
    if (!unit) return {};
    if (unit.kind !== 'var' && this.signalWaitsOf(file, decl).some(([start, end]) => start <= node.startIndex && node.endIndex <= end)) {
      return { context: 'function', function: unit.name };
    }
    if (unit.kind !== 'var') {
      for (let n: SyntaxNode | null = node; n && n.id !== decl.id; n = n.parent) {
        if (n.type !== 'func_literal') continue;
        // A closure stored in a struct field (`registry.Register(&plugin.Registration{InitFn: func...})`
        // in an init, `internal.Hook = func...`) runs when the registry calls it, not with the code that
        // stores it; one the function returns runs when a caller calls it (`invokeDot(format)` at init
        // only builds it).
        if (storedAsField(n, unit.node) || assignedToFieldOrElement(n, unit.node) || handedAway(n, file, (c) => this.calleeIsOtherPackage(c, file)) || (unit.kind !== 'init' && isReturned(n))) {
          return { context: 'function', function: unit.name };
        }
        const kept = this.keptLiteral(n, file, unit) ?? this.literalInPackageVar(n, unit);
        if (kept) {
          unit = kept.unit;
          break;
        }
      }
    }
    switch (unit.kind) {
      // Nobody can import a main package: its init code runs when the program runs.
      case 'init': {
        if (this.isMainPackage()) return { context: 'main', function: 'init' };
        const gate = this.gateOf(unit);
        const behind = gate && gate.start <= node.startIndex && node.endIndex <= gate.end;
        return behind ? { context: 'init', function: 'init', envGate: gate.text } : { context: 'init', function: 'init' };
      }
      case 'var':
        return this.isMainPackage() ? { context: 'main' } : { context: 'package-var' };
      case 'func':
      case 'method': {
        if (this.partial) {
          // Certainly unreachable: what a whole parse would say. Otherwise only the parsed paths can tell.
          const graph = this.partial.graph();
          if (!graph.mayReach(file.path, unit.node.startIndex)) return { context: 'function', function: unit.name };
          if (!this.partial.covered || !graph.isIn(this.partial.covered, file.path, unit.node.startIndex)) {
            this.partial.wanted.push({ rel: file.path, index: unit.node.startIndex });
            return { context: 'function', function: unit.name };
          }
        }
        if (this.importTimeSet().has(unit.key)) {
          if (this.isMainPackage()) return { context: 'main', function: unit.name };
          const entry = this.entries.length ? this.entryReaching(unit.key) : undefined;
          const gate = this.gateReaching(unit.key, node.startIndex);
          return { context: 'reachable-from-init', function: unit.name, ...(entry ? { entry } : {}), ...(gate ? { envGate: gate } : {}) };
        }
        if (this.mainSet().has(unit.key)) return { context: 'main', function: unit.name };
        return { context: 'function', function: unit.name };
      }
    }
  }
}

/**
 * Whether a func literal is the value of a struct field in a composite literal (`T{Run: func...}`)
 * that the enclosing declaration never calls by that field name (`.Run(`): stored for later.
 */
function storedAsField(lit: SyntaxNode, decl: SyntaxNode): boolean {
  const element = lit.parent;
  const keyed = element?.type === 'literal_element' ? element.parent : null;
  if (keyed?.type !== 'keyed_element' || keyed.namedChildren[1]?.id !== element!.id) return false;
  const key = keyed.namedChildren[0]?.namedChildren[0];
  if (key?.type !== 'identifier' && key?.type !== 'field_identifier') return false;
  return !new RegExp(`\\.${key.text}\\s*\\(`).test(decl.text);
}

/**
 * The parts of a declaration that run only after a receive from a channel handed to `signal.Notify`
 * (`v := <-sigs`, `for range sigs`, `case <-sigs:`): from the receive to the end of the function (or
 * func literal) it is in. A signal handler started by an init waits there; what follows runs when the
 * process gets the signal.
 */
function signalWaitRanges(decl: SyntaxNode, file: ParsedFile): Array<readonly [number, number]> {
  const notify = [...file.imports.byName].filter(([, path]) => path === 'os/signal').map(([name]) => name);
  if (!notify.length || !decl.text.includes('Notify(')) return [];
  const out: Array<readonly [number, number]> = [];
  for (const call of decl.descendantsOfType('call_expression')) {
    const fn = call.childForFieldName('function');
    const pkg = fn?.type === 'selector_expression' ? fn.childForFieldName('operand')?.text : undefined;
    if (!pkg || !notify.includes(pkg) || fn!.childForFieldName('field')?.text !== 'Notify') continue;
    const channel = call.childForFieldName('arguments')?.namedChildren[0];
    if (channel?.type !== 'identifier') continue;
    const scope = ancestorsOf(call).find((a) => FUNCTION_NODES.has(a.type)) ?? decl;
    for (const recv of scope.descendantsOfType(['unary_expression', 'range_clause'])) {
      if (recv.startIndex < call.endIndex) continue;
      const operand = recv.type === 'range_clause' ? recv.childForFieldName('right') : recv.childForFieldName('operand');
      if (operand?.text !== channel.text || (recv.type === 'unary_expression' && recv.childForFieldName('operator')?.text !== '<-')) continue;
      const inner = ancestorsOf(recv).find((a) => FUNCTION_NODES.has(a.type)) ?? scope;
      out.push([recv.endIndex, inner.endIndex]);
    }
  }
  return out;
}

const FUNCTION_NODES = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** Whether a use of a name calls its value: `f()`, or `f.(func())()` through a type assertion. */
function callsValue(id: SyntaxNode): boolean {
  let fn: SyntaxNode = id;
  const parent = id.parent;
  if (parent?.type === 'type_assertion_expression' && parent.childForFieldName('operand')?.id === id.id) fn = parent;
  const call = fn.parent;
  return call?.type === 'call_expression' && call.childForFieldName('function')?.id === fn.id;
}

/**
 * Whether a use of a package var calls what it holds: `v[k](...)`, or `for _, h := range v` with the
 * loop's `h(` called in its body. The table's functions then run with the code that does this.
 */
function calledThrough(id: SyntaxNode): boolean {
  const parent = id.parent;
  if (parent?.type === 'index_expression' && parent.childForFieldName('operand')?.id === id.id) {
    const call = parent.parent;
    return call?.type === 'call_expression' && call.childForFieldName('function')?.id === parent.id;
  }
  if (parent?.type === 'range_clause' && parent.childForFieldName('right')?.id === id.id) {
    const vars = parent.childForFieldName('left')?.namedChildren.filter((n) => n.type === 'identifier') ?? [];
    const value = vars[vars.length - 1];
    const loopBody = parent.parent?.childForFieldName('body');
    return !!value && vars.length > 0 && !!loopBody && new RegExp(`(?<![\\w.])${value.text}\\s*\\(`).test(loopBody.text);
  }
  return false;
}

/**
 * Func literals that are elements of a composite literal (`[]func(){func() {...}}`, `{"k": func() {...}}`).
 * Found with one native search: listing the elements of a table made a wrapper per element, and
 * GOROOT's tables of thousands of entries took ~100 MB more per scan process.
 */
function tableElementLiterals(table: SyntaxNode): SyntaxNode[] {
  const body = table.childForFieldName('body');
  if (!body) return [];
  return table.descendantsOfType('func_literal').filter((lit) => {
    let up = lit.parent;
    if (up?.type !== 'literal_element') return false;
    up = up.parent;
    if (up?.type === 'keyed_element') up = up.parent;
    return up?.id === body.id;
  });
}

/** Whether a func literal is what its function returns (`return func() {...}`). */
function isReturned(lit: SyntaxNode): boolean {
  let p = lit.parent;
  while (p?.type === 'parenthesized_expression') p = p.parent;
  if (p?.type === 'expression_list') p = p.parent;
  return p?.type === 'return_statement';
}

/**
 * Whether a func literal is assigned to a field or an element (`internal.Hook = func...`,
 * `m[k] = func...`) that the enclosing declaration does not call then (`.Hook(`, `](`): stored for later.
 */
function assignedToFieldOrElement(lit: SyntaxNode, decl: SyntaxNode): boolean {
  let p = lit.parent;
  while (p?.type === 'parenthesized_expression') p = p.parent;
  if (p?.type !== 'expression_list' || !storesIntoFieldOrElement(p)) return false;
  const targets = p.parent!.childForFieldName('left')?.namedChildren ?? [];
  const field = targets.map((t) => (t.type === 'selector_expression' ? t.childForFieldName('field')?.text : undefined)).find((f) => f);
  return !(field ? new RegExp(`\\.${field}\\s*\\(`) : /\]\s*\(/).test(decl.text);
}

/** Whether an expression list is the right side of `x.f = ...` or `m[k] = ...`. */
function storesIntoFieldOrElement(list: SyntaxNode): boolean {
  const stmt = list.parent;
  if (stmt?.type !== 'assignment_statement' || stmt.childForFieldName('right')?.id !== list.id) return false;
  const left = stmt.childForFieldName('left');
  return !!left && left.namedChildren.some((n) => n.type === 'selector_expression' || n.type === 'index_expression');
}

/**
 * Whether code (literals and comments blanked) may call what is kept at `where`: `var:V` by `V(`,
 * `V[k](`, `V.Load()`/`V.Get()`, or a lookup or range whose value it calls (`h := V[k]; h()`,
 * `for _, h := range V { h() }`); `field:f` by `.f(` or `h := x.f; h()`.
 */
export function callsThroughText(code: string, where: string): boolean {
  const name = where.slice(where.indexOf(':') + 1);
  const pattern = where.startsWith('var:')
    ? `(?<![\\p{L}\\p{Nd}_.])${name}\\s*(?:\\[[^\\]\\n]*\\]\\s*)?\\(|(?<![\\p{L}\\p{Nd}_.])${name}\\s*\\.\\s*(?:Load|Get\\w*|Range)\\s*\\(`
    : `\\.\\s*${name}\\s*(?:\\[[^\\]\\n]*\\]\\s*)?\\(`;
  return new RegExp(pattern, 'um').test(code) || looksUpThenCalls(code, where, name);
}

/**
 * `h := V[k]`, `h, ok := x.f[k]`, `h := x.f`, or `for _, h := range V` (the value, not the key),
 * then `h(` in the same code.
 */
function looksUpThenCalls(code: string, where: string, name: string): boolean {
  const id = '[\\p{L}_][\\p{L}\\p{Nd}_]*';
  const source = where.startsWith('var:') ? `(?<![\\p{L}\\p{Nd}_.])${name}` : `[\\p{L}\\p{Nd}_.]*?\\.\\s*${name}`;
  const lookup = new RegExp(`(${id})\\s*(?:,\\s*${id}\\s*)?:?=\\s*${source}\\s*(?:\\[|[\\n;)]|$)|\\bfor\\s+${id}\\s*,\\s*(${id})\\s*:?=\\s*range\\s+${source}(?![\\p{L}\\p{Nd}_])`, 'gum');
  for (const m of code.matchAll(lookup)) {
    const h = m[1] ?? m[2]!;
    if (h !== '_' && new RegExp(`(?<![\\p{L}\\p{Nd}_.])${h}\\s*\\(`, 'u').test(code)) return true;
  }
  return false;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
