// Turns rule YAML sources into a CompiledRuleSet. Every problem becomes a RuleError naming the
// file and line; one bad rule never stops the others.
import { createHash } from 'node:crypto';
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseAllDocuments, isMap, isPair, isScalar, type Document, type Node as YamlNode } from 'yaml';
import { Parser, GoLanguage } from '../parse.js';
import { RuleDoc, RULE_CONTEXTS, type RegexSpec, type CalleeSpec, type RuleContext, type Condition as ConditionDoc } from './schema.js';
import type { Atom, CompiledCondition, CompiledRule, CompiledRuleSet, Prefilter, RuleError, RuleSource } from './types.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const validateRuleDoc = ajv.compile<RuleDoc>(RuleDoc);

type Path = Array<string | number>;

/** Context of one YAML document: turns paths and offsets into 1-based line numbers. */
class DocLocator {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  lineOfOffset(offset: number): number {
    return this.lines.linePos(offset).line;
  }

  /** Line of the value at `path`, or of the nearest ancestor that exists. */
  lineOf(path: Path): number {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.doc.getIn(path.slice(0, depth), true) as YamlNode | undefined;
      if (node && typeof node === 'object' && 'range' in node && node.range) return this.lineOfOffset(node.range[0]);
    }
    return this.docLine();
  }

  /** Line of the key `key` in the mapping at `path`. */
  lineOfKey(path: Path, key: string): number {
    const node = this.doc.getIn(path, true);
    if (isMap(node)) {
      for (const item of node.items) {
        if (isPair(item) && isScalar(item.key) && String(item.key.value) === key && item.key.range) {
          return this.lineOfOffset(item.key.range[0]);
        }
      }
    }
    return this.lineOf(path);
  }

  /** Line inside a (usually block) scalar at `path` that holds character `offsetInValue` of its value. */
  lineInScalar(path: Path, offsetInValue: number): number {
    const node = this.doc.getIn(path, true);
    if (!isScalar(node) || !node.range) return this.lineOf(path);
    const start = this.lineOfOffset(node.range[0]);
    const value = String(node.value);
    const newlinesBefore = (value.slice(0, offsetInValue).match(/\n/g) ?? []).length;
    const isBlock = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
    // A block scalar's content starts on the line after its `|` / `>` header.
    return start + (isBlock ? 1 : 0) + newlinesBefore;
  }

  valueAt(path: Path): unknown {
    return this.doc.getIn(path, false);
  }

  docLine(): number {
    const range = this.doc.contents?.range ?? this.doc.range;
    return this.lineOfOffset(range[0]);
  }
}

const KEYWORD_PRIORITY = ['additionalProperties', 'required', 'enum', 'pattern', 'minProperties', 'minItems', 'minLength', 'minimum', 'type'];

function pointerToPath(pointer: string): Path {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
}

/** ajv reports every branch of a union; keep the most telling error per location. */
function schemaErrors(errors: ErrorObject[], at: DocLocator): Array<{ line: number; message: string }> {
  const byPath = new Map<string, ErrorObject[]>();
  for (const err of errors) {
    const list = byPath.get(err.instancePath) ?? [];
    list.push(err);
    byPath.set(err.instancePath, list);
  }
  const out: Array<{ line: number; message: string }> = [];
  for (const [pointer, list] of byPath) {
    const path = pointerToPath(pointer);
    const where = path.length ? path.join('.') : 'rule';
    const rank = (e: ErrorObject) => {
      const i = KEYWORD_PRIORITY.indexOf(e.keyword);
      return i < 0 ? KEYWORD_PRIORITY.length : i;
    };
    const best = Math.min(...list.map(rank));
    const chosen = list.filter((e) => rank(e) === best);
    const seen = new Set<string>();
    for (const err of chosen) {
      let line = at.lineOf(path);
      let message: string;
      const params = err.params as Record<string, unknown>;
      switch (err.keyword) {
        case 'additionalProperties':
          message = `unknown key '${String(params.additionalProperty)}' in ${where}`;
          line = at.lineOfKey(path, String(params.additionalProperty));
          break;
        case 'required':
          message = `missing required key '${String(params.missingProperty)}' in ${where}`;
          break;
        case 'enum': {
          const value = at.valueAt(path);
          message = `bad value ${JSON.stringify(value)} for ${where}: expected one of ${(params.allowedValues as string[]).join(', ')}`;
          break;
        }
        case 'pattern':
          message = `bad value ${JSON.stringify(at.valueAt(path))} for ${where}: must match ${String(params.pattern)}`;
          break;
        default:
          message = `${where} ${err.message ?? 'is invalid'}`;
      }
      if (seen.has(message)) continue;
      seen.add(message);
      out.push({ line, message });
    }
  }
  return out;
}

class RuleCompileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function oneOrMany<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

function compileRegex(spec: RegexSpec, path: Path, at: DocLocator): RegExp {
  try {
    return new RegExp(spec.regex, spec.flags ?? '');
  } catch (err) {
    throw new RuleCompileError(at.lineOf([...path, 'regex']), `bad regex at ${path.join('.')}: ${(err as Error).message}`);
  }
}

function compileCondition(cond: ConditionDoc, path: Path, at: DocLocator): CompiledCondition {
  const atoms: Atom[] = [];
  if (cond.callee !== undefined) {
    const specs: CalleeSpec[] = oneOrMany(cond.callee);
    atoms.push({
      kind: 'callee',
      alts: specs.map((s) => ({ packages: asList(s.package), names: s.name === undefined ? null : asList(s.name) })),
    });
  }
  if (cond.import !== undefined) atoms.push({ kind: 'import', packages: asList(cond.import) });
  if (cond.text !== undefined) {
    const specs = oneOrMany(cond.text);
    atoms.push({ kind: 'text', alts: specs.map((s, i) => compileRegex(s, Array.isArray(cond.text) ? [...path, 'text', i] : [...path, 'text'], at)) });
  }
  if (cond['any-of'] !== undefined) atoms.push({ kind: 'any-of', values: cond['any-of'] });
  if (cond.recovered !== undefined) {
    const specs = oneOrMany(cond.recovered);
    atoms.push({
      kind: 'recovered',
      alts: specs.map((s, i) => compileRegex(s, Array.isArray(cond.recovered) ? [...path, 'recovered', i] : [...path, 'recovered'], at)),
    });
  }
  if (cond['min-length'] !== undefined) atoms.push({ kind: 'min-length', min: cond['min-length'] });
  if (cond.not !== undefined) atoms.push({ kind: 'not', inner: compileCondition(cond.not, [...path, 'not'], at) });
  if (cond.any !== undefined) {
    atoms.push({ kind: 'any', alts: cond.any.map((c, i) => compileCondition(c, [...path, 'any', i], at)) });
  }
  return { atoms };
}

/** Removes string literals and `;` comments from a query so its structure can be inspected. */
function stripQueryStrings(src: string): string {
  return src.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/;[^\n]*/g, '');
}

function captureNamesOf(src: string): Set<string> {
  const names = new Set<string>();
  for (const m of stripQueryStrings(src).matchAll(/@([A-Za-z_][A-Za-z0-9_.-]*)/g)) names.add(m[1]!);
  return names;
}

/**
 * Words the source must contain, from `#eq?` / `#any-of?` predicates with literal arguments. Only
 * derived for single-pattern queries without alternations or optional/repeated parts, where a
 * predicate over a missing capture cannot silently pass.
 */
function queryTextGroups(src: string, patternCount: number): string[][] {
  const structure = stripQueryStrings(src);
  if (patternCount !== 1 || /[[\]?*]/.test(structure.replace(/#[a-z-]+\?/g, ''))) return [];
  const groups: string[][] = [];
  for (const m of src.matchAll(/\(#(eq|any-of)\?\s+@[A-Za-z_][\w.-]*((?:\s+"(?:[^"\\]|\\.)*")+)\s*\)/g)) {
    const words = [...m[2]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((w) => JSON.parse(`"${w[1]}"`) as string);
    if (words.length && words.every((w) => w.length > 0)) groups.push(words);
  }
  return groups;
}

/** Cheap necessary conditions from the positive, top-level atoms of each capture condition. */
function derivePrefilter(rule: RuleDoc, where: CompiledRule['where'], patternCount: number, at: DocLocator): Prefilter {
  const importGroups: string[][] = [];
  const textGroups: string[][] = queryTextGroups(rule.query, patternCount);
  const fileImports = asList(rule.file?.imports);
  if (fileImports.length) importGroups.push(fileImports);
  for (const { condition } of where) {
    for (const atom of condition.atoms) {
      if (atom.kind === 'callee') {
        importGroups.push([...new Set(atom.alts.flatMap((a) => a.packages))]);
        if (atom.alts.every((a) => a.names !== null)) textGroups.push([...new Set(atom.alts.flatMap((a) => a.names ?? []))]);
      } else if (atom.kind === 'import') {
        importGroups.push(atom.packages);
      } else if (atom.kind === 'any-of' && atom.values.every((v) => v.length > 0)) {
        textGroups.push(atom.values);
      }
    }
  }
  let path: RegExp | null = null;
  if (rule.file?.path !== undefined) path = compileRegex({ regex: rule.file.path }, ['file', 'path'], at);
  return { importGroups, textGroups, path };
}

function expandContexts(list: RuleContext[] | undefined): Set<RuleContext> | null {
  if (!list) return null;
  const out = new Set<RuleContext>();
  for (const c of list) {
    if (c === 'import-time') {
      out.add('init');
      out.add('package-var');
      out.add('reachable-from-init');
    }
    out.add(c);
  }
  return out;
}

function compileQuery(src: string, at: DocLocator): Parser.Query {
  try {
    return new Parser.Query(GoLanguage, src);
  } catch (err) {
    const message = (err as Error).message;
    const pos = /at position (\d+)/.exec(message);
    let line = at.lineOf(['query']);
    if (pos) {
      // The position is a byte offset into the UTF-8 query text.
      const charOffset = Buffer.from(src, 'utf8').subarray(0, Number(pos[1])).toString('utf8').length;
      line = at.lineInScalar(['query'], charOffset);
    }
    throw new RuleCompileError(line, `query does not compile: ${message}`);
  }
}

function compileRuleDoc(rule: RuleDoc, file: string, at: DocLocator): CompiledRule {
  const query = compileQuery(rule.query, at);
  const patternCount = (query as unknown as { predicates: unknown[] }).predicates.length;
  const captures = captureNamesOf(rule.query);
  if (!captures.has('match')) throw new RuleCompileError(at.lineOf(['query']), 'query has no @match capture (the node to report)');
  const where: CompiledRule['where'] = [];
  for (const [capture, cond] of Object.entries(rule.where ?? {})) {
    if (!captures.has(capture)) {
      throw new RuleCompileError(at.lineOfKey(['where'], capture), `where refers to @${capture}, which the query does not capture`);
    }
    where.push({ capture, condition: compileCondition(cond, ['where', capture], at) });
  }
  return {
    id: rule.id,
    severity: rule.severity,
    category: rule.category,
    message: rule.message,
    description: rule.description,
    references: rule.references ?? [],
    querySource: rule.query,
    query,
    where,
    context: expandContexts(rule.context),
    prefilter: derivePrefilter(rule, where, patternCount, at),
    tests: { match: rule.tests.match, noMatch: rule.tests['no-match'] },
    file,
    line: at.docLine(),
  };
}

export function rulePackHash(sources: RuleSource[]): string {
  const hash = createHash('sha256');
  for (const s of sources) {
    hash.update(s.file.replace(/\\/g, '/')).update('\0').update(s.text).update('\0');
  }
  return hash.digest('hex');
}

/** Compiles rule sources (already read from disk). Never throws for a bad rule. */
export function compileRuleSources(sources: RuleSource[], hashNames: string[] = sources.map((s) => s.file)): CompiledRuleSet {
  const rules: CompiledRule[] = [];
  const errors: RuleError[] = [];
  const seenIds = new Map<string, { file: string; line: number }>();
  for (const source of sources) {
    const lines = new LineCounter();
    const docs = parseAllDocuments(source.text, { lineCounter: lines, uniqueKeys: true });
    const docList = Array.isArray(docs) ? docs : [docs];
    for (const doc of docList) {
      const at = new DocLocator(doc as Document.Parsed, lines);
      if (doc.errors.length) {
        for (const err of doc.errors) {
          errors.push({ file: source.file, line: err.linePos?.[0]?.line ?? at.docLine(), message: `YAML: ${err.message.split('\n')[0]}` });
        }
        continue;
      }
      if (doc.contents === null) continue; // empty document (e.g. trailing `---`)
      const value: unknown = doc.toJS();
      const idGuess = typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : undefined;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        errors.push({ file: source.file, line: at.docLine(), message: 'a rule document must be a mapping' });
        continue;
      }
      if (!validateRuleDoc(value)) {
        for (const e of schemaErrors(validateRuleDoc.errors ?? [], at)) errors.push({ file: source.file, line: e.line, ruleId: idGuess, message: e.message });
        continue;
      }
      const previous = seenIds.get(value.id);
      if (previous) {
        errors.push({
          file: source.file,
          line: at.lineOf(['id']),
          ruleId: value.id,
          message: `duplicate rule id '${value.id}' (first defined at ${previous.file}:${previous.line})`,
        });
        continue;
      }
      try {
        const rule = compileRuleDoc(value, source.file, at);
        seenIds.set(value.id, { file: source.file, line: at.lineOf(['id']) });
        rules.push(rule);
      } catch (err) {
        if (!(err instanceof RuleCompileError)) throw err;
        seenIds.set(value.id, { file: source.file, line: at.lineOf(['id']) });
        errors.push({ file: source.file, line: err.line, ruleId: value.id, message: err.message });
      }
    }
  }
  const hashed = sources.map((s, i) => ({ file: hashNames[i] ?? s.file, text: s.text }));
  return { rules, errors, hash: rulePackHash(hashed), sources };
}

export const ALL_RULE_CONTEXTS = RULE_CONTEXTS;
