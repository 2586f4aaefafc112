// Turns one rule document, already parsed and checked against the schema (compile.ts), into a
// CompiledRule: its query, conditions and pre-filter. Scan processes compile their rules here from the
// documents the parent sends, without loading the YAML and schema libraries (~18 MB each).
import { hasNestedQuantifier, runsInLinearTime } from './regex-safety.js';
import { Parser, GoLanguage } from '../parse.js';
import type { RuleDoc, RegexSpec, CalleeSpec, RuleContext, Condition as ConditionDoc } from './schema.js';
import type { Atom, CompiledCondition, CompiledRule, Needle, Prefilter } from './types.js';
import { disjunctionGroups, dropUnselectiveLead, hasContextSensitiveSyntax, queryRequirement, regexRequirement, splitTopLevel } from './derive.js';

export type Path = Array<string | number>;

/** Where a document's parts are: turns paths into 1-based line numbers for error messages. */
export interface RuleLocator {
  lineOf(path: Path): number;
  lineOfKey(path: Path, key: string): number;
  lineInScalar(path: Path, offsetInValue: number): number;
  docLine(): number;
}

/** A document the parent has checked and compiled once: scan processes compile it again from this. */
export interface CheckedRuleDoc {
  doc: RuleDoc;
  file: string;
  line: number;
}

export class RuleCompileError extends Error {
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

function compileRegex(spec: RegexSpec, path: Path, at: RuleLocator): RegExp {
  let re: RegExp;
  try {
    re = new RegExp(spec.regex, spec.flags ?? '');
  } catch (err) {
    throw new RuleCompileError(at.lineOf([...path, 'regex']), `bad regex at ${path.join('.')}: ${(err as Error).message}`);
  }
  if (!runsInLinearTime(re.source, re.flags) && hasNestedQuantifier(re.source)) {
    throw new RuleCompileError(
      at.lineOf([...path, 'regex']),
      `regex at ${path.join('.')} nests quantifiers (like (a+)+) and uses features V8's linear-time engine cannot run (the i flag, lookaround, backreferences): it could backtrack for hours on hostile input; drop the nesting or the flag`,
    );
  }
  return re;
}

function compileCondition(cond: ConditionDoc, path: Path, at: RuleLocator): CompiledCondition {
  const atoms: Atom[] = [];
  if (cond.callee !== undefined) {
    const specs: CalleeSpec[] = oneOrMany(cond.callee);
    atoms.push({
      kind: 'callee',
      alts: specs.map((s) => ({ packages: asList(s.package), names: s.name === undefined ? null : asList(s.name) })),
    });
  }
  if (cond.import !== undefined) atoms.push({ kind: 'import', packages: asList(cond.import) });
  // Conditions that are a regex or a list of alternative regexes, each its own atom kind.
  const regexAtom = (key: 'text' | 'text-with-values' | 'text-with-code' | 'flows-from' | 'in-function' | 'recovered' | 'recovered-hidden') => {
    const spec = cond[key];
    if (spec === undefined) return;
    const many = Array.isArray(spec);
    atoms.push({ kind: key, alts: oneOrMany(spec).map((s, i) => compileRegex(s, many ? [...path, key, i] : [...path, key], at)) });
  };
  regexAtom('text');
  regexAtom('text-with-values');
  regexAtom('text-with-code');
  regexAtom('flows-from');
  regexAtom('in-function');
  if (cond['any-of'] !== undefined) atoms.push({ kind: 'any-of', values: cond['any-of'] });
  regexAtom('recovered');
  regexAtom('recovered-hidden');
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

/**
 * Whether every match of the query lies inside one top-level declaration: it never names source_file,
 * or only as `(source_file (decl ...) @captures)`, one child pattern and nothing else (no second child,
 * field, anchor, quantifier, predicate or capture of the file itself).
 */
export function matchesWithinOneDeclaration(query: string): boolean {
  const src = stripQueryStrings(query);
  for (const m of src.matchAll(/\(\s*source_file\b/g)) {
    let i = m.index + m[0].length;
    const skipSpace = () => {
      while (/\s/.test(src[i] ?? '')) i++;
    };
    skipSpace();
    if (src[i] !== '(') return false;
    let depth = 0;
    for (; i < src.length; i++) {
      if (src[i] === '(') depth++;
      else if (src[i] === ')' && --depth === 0) break;
    }
    i++;
    for (;;) {
      skipSpace();
      const capture = /^@[A-Za-z_][A-Za-z0-9_.-]*/.exec(src.slice(i));
      if (!capture) break;
      i += capture[0].length;
    }
    if (src[i] !== ')') return false;
    i++;
    skipSpace();
    if (src[i] === '@' || /^[*+?]/.test(src[i] ?? '')) return false;
  }
  return true;
}

function captureNamesOf(src: string): Set<string> {
  const names = new Set<string>();
  for (const m of stripQueryStrings(src).matchAll(/@([A-Za-z_][A-Za-z0-9_.-]*)/g)) names.add(m[1]!);
  return names;
}

const NEEDLE_COST: Record<Needle['kind'], number> = { size: 0, import: 0, text: 1, word: 1, itext: 2, regex: 3 };

function needleScore(n: Needle): number {
  if (n.kind === 'import' || n.kind === 'size') return 50;
  if (n.kind === 'regex') return 20;
  return n.value.length;
}

function groupScore(group: Needle[]): number {
  return Math.min(...group.map(needleScore));
}

/** The groups necessary for "one of the alternatives holds" (derive.ts). */
function orGroups(alts: Needle[][][]): Needle[][] {
  return disjunctionGroups(alts, groupScore, needleKey);
}

function needleKey(n: Needle): string {
  return n.kind === 'regex' ? `regex:${n.value.source}/${n.value.flags}${n.fileLevel ? ':file' : ''}` : `${n.kind}:${n.value}`;
}

/**
 * A regex over the whole file text that must match when `re` matches a node's text: only for
 * regexes whose meaning cannot change when the text is seen inside its surroundings (no word
 * boundaries, lookarounds, backreferences or inner anchors).
 */
function sourceRegexOf(re: RegExp): RegExp | null {
  if (re.flags.includes('m')) return null;
  if (hasContextSensitiveSyntax(re.source)) return null;
  const alternatives = splitTopLevel(re.source);
  if (!alternatives) return null;
  const stripped: string[] = [];
  for (let alt of alternatives) {
    alt = alt.replace(/^\^/, '');
    if (/(^|[^\\])\$$/.test(alt)) alt = alt.slice(0, -1);
    if (/[\^$]/.test(alt.replace(/\\./g, '').replace(/\[[^\]]*\]/g, ''))) return null;
    const selective = dropUnselectiveLead(alt);
    if (selective === null) return null;
    stripped.push(selective);
  }
  try {
    return new RegExp(stripped.join('|'), re.flags);
  } catch {
    return null;
  }
}

const IDENTIFIER_LIKE = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

/**
 * The needle for text that is the whole source text of a node (a callee name, an `any-of` value, a
 * query keyword): an identifier-like one must occur as a whole token, so `Get` is not found in
 * `GetConfig` nor `byte` in `bytes` (a node spans whole tokens, and no Go token ends inside an identifier).
 */
function tokenNeedle(value: string): Needle {
  return IDENTIFIER_LIKE.test(value) ? { kind: 'word', value } : { kind: 'text', value };
}

function atomGroups(atom: Atom): Needle[][] {
  switch (atom.kind) {
    case 'callee': {
      const groups: Needle[][] = [[...new Set(atom.alts.flatMap((a) => a.packages))].map((value) => ({ kind: 'import', value }))];
      if (atom.alts.every((a) => a.names !== null)) {
        groups.push([...new Set(atom.alts.flatMap((a) => a.names ?? []))].map(tokenNeedle));
      }
      return groups;
    }
    case 'import':
      return [atom.packages.map((value) => ({ kind: 'import', value }))];
    case 'any-of':
      return atom.values.every((v) => v.length > 0) ? [atom.values.map(tokenNeedle)] : [];
    case 'text': {
      const groups: Needle[][] = regexTextGroups(atom.alts);
      const regexes = atom.alts.map(sourceRegexOf);
      if (regexes.every((r) => r !== null)) groups.push((regexes as RegExp[]).map((value) => ({ kind: 'regex', value })));
      return groups;
    }
    case 'in-function':
      // The function around the capture lies in the capture's declaration: its text needles are there too.
      return regexTextGroups(atom.alts);
    case 'any':
      return orGroups(atom.alts.map(conditionGroups));
    case 'min-length':
      return atom.min > 0 ? [[{ kind: 'size', value: atom.min }]] : [];
    default:
      // Recovered values, negations and lengths say nothing about the raw text; text-with-values,
      // text-with-code and flows-from may be met by declarations of other files.
      return [];
  }
}

function conditionGroups(cond: CompiledCondition): Needle[][] {
  return cond.atoms.flatMap(atomGroups);
}

/** Needle groups a regex's matches need, as text needles (itext for a case-insensitive regex). */
function regexTextGroups(alts: RegExp[]): Needle[][] {
  const perAlt = alts.map((re): Needle[][] =>
    regexRequirement(re.source, re.flags).map((g) => g.map((value): Needle => (re.flags.includes('i') ? { kind: 'itext', value: value.toLowerCase() } : { kind: 'text', value }))),
  );
  return perAlt.length === 1 ? perAlt[0]! : orGroups(perAlt);
}

/**
 * Package-level groups (Prefilter.packageGroups) of a condition. A text-with-values text is the match's
 * text and the texts of declarations and embedded files joined by line breaks, so a needle without a line
 * break lies inside one of them: somewhere in the package's files or what they embed.
 */
function packageConditionGroups(cond: CompiledCondition): Needle[][] {
  return cond.atoms.flatMap((atom): Needle[][] => {
    if (atom.kind === 'text-with-values' || atom.kind === 'text-with-code' || atom.kind === 'flows-from') {
      return regexTextGroups(atom.alts).filter((g) => g.every((n) => n.kind !== 'regex' && !String(n.value).includes('\n')));
    }
    // One group per alternative, each necessary only when every alternative gives one.
    if (atom.kind === 'any') return orGroups(atom.alts.map(packageConditionGroups));
    return [];
  });
}

/** Cheap necessary conditions from the query, `file:` and the capture conditions. */
function derivePrefilter(rule: RuleDoc, where: CompiledRule['where'], at: RuleLocator): Prefilter {
  // Query words are whole tokens: keywords, anonymous nodes and #eq?/#any-of? texts of whole nodes.
  const groups: Needle[][] = queryRequirement(rule.query).map((g) => g.map(tokenNeedle));
  const fileImports = asList(rule.file?.imports);
  if (fileImports.length) groups.push(fileImports.map((value) => ({ kind: 'import', value })));
  for (const { condition } of where) groups.push(...conditionGroups(condition));
  if (rule.file?.text !== undefined) groups.push([{ kind: 'regex', value: compileRegex({ regex: rule.file.text }, ['file', 'text'], at), fileLevel: true }]);
  // Cheap, selective checks first: most files fail an import group and stop there.
  const cost = (g: Needle[]) => Math.max(...g.map((n) => NEEDLE_COST[n.kind])) * 1000 - groupScore(g);
  groups.sort((a, b) => cost(a) - cost(b));
  let path: RegExp | null = null;
  if (rule.file?.path !== undefined) path = compileRegex({ regex: rule.file.path }, ['file', 'path'], at);
  const packageGroups = where.flatMap(({ condition }) => packageConditionGroups(condition));
  return { groups, path, perDeclaration: matchesWithinOneDeclaration(rule.query), packageGroups };
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

function compileQuery(src: string, at: RuleLocator): Parser.Query {
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

/**
 * Each top-level pattern of the query must capture @match. A pattern without it never reports, and the
 * usual cause — a predicate written after an alternation instead of inside a pattern, `[...] (#eq? @x "y")`
 * — is a pattern of its own that matches EVERY node (it made one rule cost minutes on a big file).
 */
function checkEveryPatternReports(query: Parser.Query, source: string, at: RuleLocator): void {
  const bytes = Buffer.from(source, 'utf8');
  const patterns = (query as unknown as { predicates: unknown[] }).predicates.length;
  for (let i = 0; i < patterns; i++) {
    const text = bytes.subarray(query.startIndexForPattern(i), query.endIndexForPattern(i)).toString('utf8');
    if (!/@match\b/.test(text)) {
      const offset = bytes.subarray(0, query.startIndexForPattern(i)).toString('utf8').length;
      throw new RuleCompileError(
        at.lineInScalar(['query'], offset),
        `query pattern ${i + 1} (${JSON.stringify(text.trim().slice(0, 40))}) has no @match capture; a predicate outside a pattern's parentheses is a pattern of its own that matches every node`,
      );
    }
  }
}

export function compileRuleDoc(rule: RuleDoc, file: string, at: RuleLocator): CompiledRule {
  const query = compileQuery(rule.query, at);
  const captures = captureNamesOf(rule.query);
  if (!captures.has('match')) throw new RuleCompileError(at.lineOf(['query']), 'query has no @match capture (the node to report)');
  checkEveryPatternReports(query, rule.query, at);
  const where: CompiledRule['where'] = [];
  for (const [capture, cond] of Object.entries(rule.where ?? {})) {
    if (!captures.has(capture)) {
      throw new RuleCompileError(at.lineOfKey(['where'], capture), `where refers to @${capture}, which the query does not capture`);
    }
    where.push({ capture, condition: compileCondition(cond, ['where', capture], at) });
  }
  // String recovery is by far the dearest check: evaluate it last, after the cheap ones have failed.
  const dear = (c: CompiledCondition): boolean => c.atoms.some((a) => a.kind === 'recovered' || (a.kind === 'any' && a.alts.some(dear)) || (a.kind === 'not' && dear(a.inner)));
  where.sort((a, b) => Number(dear(a.condition)) - Number(dear(b.condition)));
  for (const w of where) w.condition.atoms.sort((a, b) => Number(a.kind === 'recovered') - Number(b.kind === 'recovered'));
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
    prefilter: derivePrefilter(rule, where, at),
    tests: { match: rule.tests.match, noMatch: rule.tests['no-match'] },
    file,
    line: at.docLine(),
  };
}

/** A locator for a document that compiled before: every line is the document's own. */
function lineOnly(line: number): RuleLocator {
  return { lineOf: () => line, lineOfKey: () => line, lineInScalar: () => line, docLine: () => line };
}

/** Compiles documents that compiled in the parent; a failure here is a bug, so it throws. */
export function compileCheckedRuleDocs(docs: CheckedRuleDoc[]): CompiledRule[] {
  return docs.map((d) => compileRuleDoc(d.doc, d.file, lineOnly(d.line)));
}
