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
  /** struct types declared in the package -> field names in order (an embedded field by its type's name) */
  structFields: Map<string, string[]>;
  /** method name -> its declarations on every receiver type (receiverTypeName tells them apart) */
  methodsNamed: Map<string, FuncDecl[]>;
  /** evaluated package-level values (per name), filled lazily; 'pending' guards self-reference */
  valueCache: Map<string, Vals | 'pending'>;
  /** per file: evaluation records of each top-level declaration, filled lazily */
  records: Map<string, Map<number, Map<number, Vals>>>;
  /** per file: values expressions of package functions took in runs called with known arguments (Interpreter.recordPerCall) */
  calleeRecords: Map<string, Map<number, Vals>>;
  /** functions whose callers in the package have been recorded (recover.ts valuesOf), by name */
  callersRecorded: Set<string>;
  /** init functions, and declarations by the names they call (packageCallers, built when first needed) */
  callers?: { roots: Array<{ decl: SyntaxNode; file: ParsedFile }>; byName: Map<string, Array<{ decl: SyntaxNode; file: ParsedFile }>> };
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

export function push<T>(map: Map<string, T[]>, key: string, item: T): void {
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

/** The base type name of a type: `T` of `*T`, `T[K]`, `pkg.T`. */
export function baseTypeName(type: SyntaxNode | null): string | undefined {
  let t = type;
  while (t && (t.type === 'pointer_type' || t.type === 'generic_type' || t.type === 'parenthesized_type')) {
    t = t.type === 'generic_type' ? t.childForFieldName('type') : (t.namedChildren[0] ?? null);
  }
  if (t?.type === 'type_identifier') return t.text;
  if (t?.type === 'qualified_type') return t.childForFieldName('name')?.text;
  return undefined;
}

/** The receiver's parameter declaration of a method (`c *cfg` of `func (c *cfg) line()`). */
export function receiverParam(method: SyntaxNode): SyntaxNode | undefined {
  return method.childForFieldName('receiver')?.namedChildren.find((c) => c.type === 'parameter_declaration');
}

/** `cfg` for a method declared on `cfg` or `*cfg`. */
export function receiverTypeName(method: SyntaxNode): string | undefined {
  return baseTypeName(receiverParam(method)?.childForFieldName('type') ?? null);
}

/** Field names of a struct type in declaration order; an embedded field is named by its type. */
export function structFieldNames(struct: SyntaxNode): string[] {
  const names: string[] = [];
  const list = struct.namedChildren.find((c) => c.type === 'field_declaration_list');
  for (const field of list?.namedChildren ?? []) {
    if (field.type !== 'field_declaration') continue;
    let named = false;
    for (let i = 0; i < field.childCount; i++) {
      if (field.fieldNameForChild(i) === 'name') {
        names.push(field.child(i)!.text);
        named = true;
      }
    }
    if (!named) names.push(baseTypeName(field.childForFieldName('type')) ?? '?');
  }
  return names;
}

export function buildPackageScope(files: ParsedFile[]): PackageScope {
  const scope: PackageScope = {
    files,
    values: new Map(),
    funcs: new Map(),
    types: new Set(),
    structFields: new Map(),
    methodsNamed: new Map(),
    valueCache: new Map(),
    records: new Map(),
    calleeRecords: new Map(),
    callersRecorded: new Set(),
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
      } else if (decl.type === 'method_declaration') {
        const name = decl.childForFieldName('name')?.text;
        if (name) push(scope.methodsNamed, name, { file, node: decl });
      } else if (decl.type === 'type_declaration') {
        for (const spec of decl.namedChildren) {
          const name = spec.childForFieldName('name')?.text;
          if (!name) continue;
          scope.types.add(name);
          const type = spec.childForFieldName('type');
          if (spec.type === 'type_spec' && type?.type === 'struct_type') scope.structFields.set(name, structFieldNames(type));
        }
      }
    }
  }
  return scope;
}

const CALLED_NAME = /(?<![\p{L}\p{Nd}_])([\p{L}_][\p{L}\p{Nd}_]*)\s*\(/gu;

/** The package's init functions, and its declarations by the names they call (one pass over the text). */
export function packageCallers(scope: PackageScope): NonNullable<PackageScope['callers']> {
  if (scope.callers) return scope.callers;
  const roots: Array<{ decl: SyntaxNode; file: ParsedFile }> = [];
  const byName = new Map<string, Array<{ decl: SyntaxNode; file: ParsedFile }>>();
  for (const file of scope.files) {
    // What a test passes is not what the package is handed when built into a program
    // (oauth2-proxy's decodeState test feeds it a base64 URL).
    if (file.path.endsWith('_test.go')) continue;
    for (const decl of file.tree.rootNode.namedChildren) {
      if (decl.type !== 'function_declaration' && decl.type !== 'method_declaration' && decl.type !== 'var_declaration') continue;
      if (decl.type === 'function_declaration' && decl.childForFieldName('name')?.text === 'init') roots.push({ decl, file });
      const names = new Set<string>();
      for (const m of file.source.slice(decl.startIndex, decl.endIndex).matchAll(CALLED_NAME)) names.add(m[1]!);
      for (const n of names) push(byName, n, { decl, file });
    }
  }
  scope.callers = { roots, byName };
  return scope.callers;
}

/** How many types may declare a method name for a call `x.m(...)` to be followed by that name. */
const MAX_FOLLOWED_METHODS = 2;

/**
 * The package's methods named `name`, when few enough types declare it to say which one `x.name()`
 * runs; none for a name like String or Close that every type declares.
 */
export function followedMethods(scope: PackageScope, name: string): FuncDecl[] {
  const decls = scope.methodsNamed.get(name) ?? [];
  return decls.length <= MAX_FOLLOWED_METHODS ? decls : [];
}
