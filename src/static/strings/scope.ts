// Package-level declarations of one Go package (all its files), for resolving identifiers
// used by the evaluator: consts/vars with their initializers, functions, named types.
import type { ParsedFile, SyntaxNode } from '../parse.js';
import type { Vals } from './values.js';
import { embedPatternsBefore } from '../embeds.js';

export interface ValueDecl {
  file: ParsedFile;
  /** The initializer expression list of the spec (null when the var has no initializer). */
  values: SyntaxNode | null;
  /** Position of this name among the spec's names. */
  index: number;
  /** Declared type node, if any (for zero values). */
  type: SyntaxNode | null;
  isConst: boolean;
  /** `//go:embed` patterns above a var without an initializer (embeds.ts). */
  embed?: string[];
}

export interface FuncDecl {
  file: ParsedFile;
  node: SyntaxNode;
}

export interface PackageScope {
  files: ParsedFile[];
  /** name -> declarations (several when build-tagged files declare the same name) */
  values: Map<string, ValueDecl[]>;
  funcs: Map<string, FuncDecl[]>;
  /** named types declared in the package: conversions to them keep the value */
  types: Set<string>;
  /** evaluated package-level values (per name), filled lazily; 'pending' guards self-reference */
  valueCache: Map<string, Vals | 'pending'>;
  /** per file: evaluation records of each top-level declaration, filled lazily */
  records: Map<string, Map<number, Map<number, Vals>>>;
  /** `${file}#${nodeId}` -> names a statement writes (cached: loops are tainted repeatedly) */
  writtenNames: Map<string, Set<string>>;
  /** `${file}#${unitId}` -> names declared inside a top-level declaration */
  localNames: Map<string, Set<string>>;
  /**
   * Steps every interpreter run may still take together, when set (recoverAllInFile sets one per
   * declaration): each run has its own budget, and a declaration with many candidates made many runs.
   */
  sharedSteps?: { remaining: number };
  /** Set when a run was stopped by its wall-clock bound: what it found depends on the machine's load. */
  timedOut?: boolean;
  /** The text a file's `//go:embed` patterns name, when the scan can read the package's files. */
  embedded?: (file: ParsedFile, patterns: string[]) => string | undefined;
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function specNames(spec: SyntaxNode): string[] {
  const names: string[] = [];
  for (let i = 0; i < spec.childCount; i++) {
    if (spec.fieldNameForChild(i) === 'name') names.push(spec.child(i)!.text);
  }
  return names;
}

function collectValueSpecs(decl: SyntaxNode, file: ParsedFile, scope: PackageScope): void {
  const isConst = decl.type === 'const_declaration';
  const specType = isConst ? 'const_spec' : 'var_spec';
  // direct specs only: var_specs inside function literals of an initializer are not package-level
  const specs = decl.namedChildren.flatMap((c) => (c.type === specType ? [c] : c.type.endsWith('_spec_list') ? c.namedChildren : []));
  let previous: SyntaxNode | null = null; // const specs without values repeat the previous list
  for (const spec of specs) {
    let values = spec.childForFieldName('value');
    if (isConst) {
      if (values) previous = values;
      else values = previous;
    }
    const type = spec.childForFieldName('type');
    const embed = !isConst && !values && file.source.includes('//go:embed') ? embedPatternsBefore(file.source, spec.startIndex) : [];
    specNames(spec).forEach((name, index) => {
      if (name !== '_') push(scope.values, name, { file, values, index, type, isConst, ...(embed.length ? { embed } : {}) });
    });
  }
}

export function buildPackageScope(files: ParsedFile[]): PackageScope {
  const scope: PackageScope = {
    files,
    values: new Map(),
    funcs: new Map(),
    types: new Set(),
    valueCache: new Map(),
    records: new Map(),
    writtenNames: new Map(),
    localNames: new Map(),
  };
  for (const file of files) {
    for (const decl of file.tree.rootNode.namedChildren) {
      if (decl.type === 'const_declaration' || decl.type === 'var_declaration') {
        collectValueSpecs(decl, file, scope);
      } else if (decl.type === 'function_declaration') {
        const name = decl.childForFieldName('name')?.text;
        if (name && name !== 'init' && name !== '_') push(scope.funcs, name, { file, node: decl });
      } else if (decl.type === 'type_declaration') {
        for (const spec of decl.namedChildren) {
          const name = spec.childForFieldName('name')?.text;
          if (name) scope.types.add(name);
        }
      }
    }
  }
  return scope;
}
