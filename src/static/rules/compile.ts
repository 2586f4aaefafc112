// Turns rule YAML sources into a CompiledRuleSet. Every problem becomes a RuleError naming the
// file and line; one bad rule never stops the others.
import { createHash } from 'node:crypto';
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseAllDocuments, isMap, isPair, isScalar, type Document, type Node as YamlNode } from 'yaml';
import { RuleDoc, RULE_CONTEXTS } from './schema.js';
import type { CompiledRule, CompiledRuleSet, RuleError, RuleSource } from './types.js';
import { compileRuleDoc, RuleCompileError, type CheckedRuleDoc, type Path, type RuleLocator } from './compile-doc.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const validateRuleDoc = ajv.compile<RuleDoc>(RuleDoc);

/** Context of one YAML document: turns paths and offsets into 1-based line numbers. */
class DocLocator implements RuleLocator {
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
  const checked: CheckedRuleDoc[] = [];
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
        checked.push({ doc: value, file: source.file, line: rule.line });
      } catch (err) {
        if (!(err instanceof RuleCompileError)) throw err;
        seenIds.set(value.id, { file: source.file, line: at.lineOf(['id']) });
        errors.push({ file: source.file, line: err.line, ruleId: value.id, message: err.message });
      }
    }
  }
  const hashed = sources.map((s, i) => ({ file: hashNames[i] ?? s.file, text: s.text }));
  return { rules, errors, hash: rulePackHash(hashed), sources, docs: checked };
}

export const ALL_RULE_CONTEXTS = RULE_CONTEXTS;
