// Where code runs, per package: inside init(), a package-level var initializer, a function reachable
// from those (import time), main, or an ordinary function. Built from an intra-package graph of
// references by name: `f` names a package function, `x.m` any method `m` of the package. This
// over-approximates on purpose: for a malware scanner, "might run at import" beats "missed".
import type { ParsedFile, SyntaxNode } from './parse.js';
import { topLevelAncestor } from './ancestors.js';

export type ExecContext = 'init' | 'package-var' | 'reachable-from-init' | 'function' | 'main';

export interface Placement {
  /** Absent for code outside functions and var initializers (imports, consts, types). */
  context?: ExecContext;
  /** Enclosing function, or `Type.Method` for methods. */
  function?: string;
}

interface Unit {
  key: string;
  kind: 'init' | 'var' | 'func' | 'method';
  name: string;
  node: SyntaxNode;
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

export class PackageContext {
  private readonly units = new Map<string, Unit>();
  private readonly funcsByName = new Map<string, Unit[]>();
  private readonly methodsByName = new Map<string, Unit[]>();
  private importTime: Set<string> | null = null;
  private fromMain: Set<string> | null = null;

  constructor(private readonly files: ParsedFile[]) {
    for (const file of files) {
      for (const decl of file.tree.rootNode.namedChildren) {
        let unit: Unit | null = null;
        if (decl.type === 'function_declaration') {
          const name = decl.childForFieldName('name')?.text ?? '';
          unit = { key: unitKey(file, decl), kind: name === 'init' ? 'init' : 'func', name, node: decl };
          if (unit.kind === 'func') push(this.funcsByName, name, unit);
        } else if (decl.type === 'method_declaration') {
          const name = decl.childForFieldName('name')?.text ?? '';
          unit = { key: unitKey(file, decl), kind: 'method', name: `${receiverTypeName(decl)}.${name}`, node: decl };
          push(this.methodsByName, name, unit);
        } else if (decl.type === 'var_declaration') {
          unit = { key: unitKey(file, decl), kind: 'var', name: '', node: decl };
        }
        if (unit) this.units.set(unit.key, unit);
      }
    }
  }

  private isMainPackage(): boolean {
    return this.files.some((f) => f.packageName === 'main');
  }

  /** Units that `unit` refers to by name. */
  private referencedUnits(unit: Unit): Unit[] {
    const out: Unit[] = [];
    const body = unit.kind === 'func' || unit.kind === 'method' || unit.kind === 'init' ? unit.node.childForFieldName('body') : unit.node;
    if (!body) return out;
    const seen = new Set<string>();
    for (const id of body.descendantsOfType(['identifier', 'field_identifier'])) {
      const text = id.text;
      const tag = `${id.type}:${text}`;
      if (seen.has(tag)) continue;
      seen.add(tag);
      const targets = id.type === 'identifier' ? this.funcsByName.get(text) : this.methodsByName.get(text);
      if (targets) out.push(...targets);
    }
    return out;
  }

  private reach(roots: Unit[]): Set<string> {
    const reached = new Set<string>();
    const queue = [...roots];
    while (queue.length) {
      const unit = queue.pop()!;
      if (reached.has(unit.key)) continue;
      reached.add(unit.key);
      for (const next of this.referencedUnits(unit)) if (!reached.has(next.key)) queue.push(next);
    }
    return reached;
  }

  private importTimeSet(): Set<string> {
    this.importTime ??= this.reach([...this.units.values()].filter((u) => u.kind === 'init' || u.kind === 'var'));
    return this.importTime;
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
    const unit = this.units.get(unitKey(file, decl));
    if (!unit) return {};
    switch (unit.kind) {
      case 'init':
        return { context: 'init', function: 'init' };
      case 'var':
        return { context: 'package-var' };
      case 'func':
      case 'method': {
        if (this.importTimeSet().has(unit.key)) return { context: 'reachable-from-init', function: unit.name };
        if (this.mainSet().has(unit.key)) return { context: 'main', function: unit.name };
        return { context: 'function', function: unit.name };
      }
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
