// Cheap checks run on the raw text before a file is parsed: which import paths the file declares
// (a small lexer over the file header, exact for escapes and raw strings) and whether each rule's
// derived pre-filter can pass.
import type { CompiledRule, Needle } from './types.js';
import { NeedleScanner } from './needle-scan.js';

export interface FileFacts {
  path: string;
  source: string;
  /** Import paths, or null when the header could not be read (then every import check passes). */
  imports: Set<string> | null;
  /** Lower-cased source, computed on first need. */
  lower?: string;
  /** Memo of word look-ups: many rules share words. */
  seen?: Map<string, boolean>;
  regexSeen?: Map<string, boolean>;
  /** The rule set's words as an automaton (see ruleSetWords) and its answers, computed on first need. */
  words?: RuleSetWords;
  found?: Uint8Array;
  /**
   * These are the facts of one top-level declaration of a file (with the file's imports) whose
   * `file.text` and `file.path` are known to hold: only the other needles are looked up.
   */
  declarationOf?: true;
}

/**
 * The words a rule set's pre-filters look up, as one case-folded automaton: a word absent in folded form
 * is absent (the common answer, one pass for all words); a present one is confirmed exactly with
 * `includes`. Single characters are left to `includes`.
 */
export interface RuleSetWords {
  folded: NeedleScanner;
  foldedId: Map<string, number>;
}

const wordsOfRuleSet = new WeakMap<readonly CompiledRule[], RuleSetWords>();

export function ruleSetWords(rules: readonly CompiledRule[]): RuleSetWords {
  let words = wordsOfRuleSet.get(rules);
  if (!words) {
    const all = new Set<string>();
    for (const rule of rules) {
      for (const group of [...rule.prefilter.groups, ...rule.prefilter.packageGroups]) {
        for (const n of group) if ((n.kind === 'text' || n.kind === 'itext' || n.kind === 'word') && n.value.length > 1) all.add(n.value);
      }
    }
    const folded = new NeedleScanner(all, true);
    words = { folded, foldedId: new Map(folded.needles.map((w, i) => [w, i])) };
    wordsOfRuleSet.set(rules, words);
  }
  return words;
}

/** Whether the folded form of `word` occurs (undefined when the automaton does not know the word). */
function foldedPresent(word: string, facts: FileFacts): boolean | undefined {
  if (!facts.words || word.length < 2) return undefined;
  const id = facts.words.foldedId.get(word.toLowerCase());
  if (id === undefined) return undefined;
  facts.found ??= facts.words.folded.scan(facts.source);
  return facts.found[id] === 1;
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };

/** Unquotes a Go interpreted string literal body (without the quotes); null if malformed. */
export function unquoteGo(body: string): string | null {
  let out = '';
  const bytes: number[] = [];
  const flush = () => {
    if (bytes.length) {
      out += Buffer.from(bytes).toString('utf8');
      bytes.length = 0;
    }
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      flush();
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) return null;
    if (next in SIMPLE_ESCAPES) {
      flush();
      out += SIMPLE_ESCAPES[next];
      i += 1;
    } else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 2, i + 4))) {
      bytes.push(parseInt(body.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (/^[0-7]{3}$/.test(body.slice(i + 1, i + 4))) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8) & 0xff);
      i += 3;
    } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) {
      flush();
      out += String.fromCodePoint(parseInt(body.slice(i + 2, i + 6), 16));
      i += 5;
    } else if (next === 'U' && /^[0-9a-fA-F]{8}$/.test(body.slice(i + 2, i + 10))) {
      flush();
      const cp = parseInt(body.slice(i + 2, i + 10), 16);
      if (cp > 0x10ffff) return null;
      out += String.fromCodePoint(cp);
      i += 9;
    } else {
      return null;
    }
  }
  flush();
  return out;
}

// One token of the header: whitespace/comments are skipped by the sticky regex's first group.
const HEADER_TOKEN = /(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*(?:([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)|("(?:[^"\\\n]|\\.)*")|(`[^`]*`)|([().;]))/y;

/**
 * Import paths declared by a Go file, read from its header without parsing. Returns null when the
 * header is not the plain `package x; import ...` shape (the caller must then assume anything).
 */
export function scanImportPaths(source: string): Set<string> | null {
  const paths = new Set<string>();
  HEADER_TOKEN.lastIndex = 0;
  const next = (): { ident?: string; str?: string; punct?: string } | null => {
    const start = HEADER_TOKEN.lastIndex;
    const m = HEADER_TOKEN.exec(source);
    if (!m) {
      HEADER_TOKEN.lastIndex = start;
      return null;
    }
    if (m[1] !== undefined) return { ident: m[1] };
    if (m[2] !== undefined) {
      const value = unquoteGo(m[2].slice(1, -1));
      return value === null ? { punct: '?' } : { str: value };
    }
    if (m[3] !== undefined) return { str: m[3].slice(1, -1).replace(/\r/g, '') };
    return { punct: m[4] };
  };
  // Skip a UTF-8 BOM.
  if (source.charCodeAt(0) === 0xfeff) HEADER_TOKEN.lastIndex = 1;
  const pkg = next();
  if (pkg?.ident !== 'package') return null;
  if (!next()?.ident) return null;
  // Returns true when a spec was read; the string is the import path.
  const readSpec = (first: { ident?: string; str?: string; punct?: string } | null): boolean => {
    let tok = first;
    if (tok?.ident !== undefined || tok?.punct === '.') tok = next();
    if (tok?.str === undefined) return false;
    paths.add(tok.str);
    return true;
  };
  for (;;) {
    const save = HEADER_TOKEN.lastIndex;
    let tok = next();
    while (tok?.punct === ';') tok = next();
    if (tok?.ident !== 'import') {
      HEADER_TOKEN.lastIndex = save;
      // A lone `import` keyword further down would be a syntax error; the header ends here.
      return paths;
    }
    tok = next();
    if (tok?.punct === '(') {
      for (;;) {
        tok = next();
        while (tok?.punct === ';') tok = next();
        if (tok?.punct === ')') break;
        if (!readSpec(tok)) return null;
      }
    } else if (!readSpec(tok)) {
      return null;
    }
  }
}

/** Facts of one file; with `rules`, word look-ups for that rule set are answered in one pass. */
export function factsOf(path: string, source: string, rules?: readonly CompiledRule[]): FileFacts {
  const facts: FileFacts = { path, source, imports: scanImportPaths(source) };
  if (rules) facts.words = ruleSetWords(rules);
  return facts;
}

/** ASCII identifier characters; any non-ASCII neighbour is taken as a boundary (so no match is lost). */
function isAsciiIdentChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** Whether `word` occurs as a whole token: no identifier character right before or after it. */
export function wordOccurs(source: string, word: string): boolean {
  for (let i = source.indexOf(word); i >= 0; i = source.indexOf(word, i + 1)) {
    if (i > 0 && isAsciiIdentChar(source.charCodeAt(i - 1))) continue;
    const after = i + word.length;
    if (after < source.length && isAsciiIdentChar(source.charCodeAt(after))) continue;
    return true;
  }
  return false;
}

function needleHolds(needle: Needle, facts: FileFacts): boolean {
  switch (needle.kind) {
    case 'import':
      return facts.imports === null || facts.imports.has(needle.value);
    case 'text': {
      if (foldedPresent(needle.value, facts) === false) return false;
      facts.seen ??= new Map();
      let found = facts.seen.get(needle.value);
      if (found === undefined) {
        found = facts.source.includes(needle.value);
        facts.seen.set(needle.value, found);
      }
      return found;
    }
    case 'word': {
      if (foldedPresent(needle.value, facts) === false) return false;
      facts.seen ??= new Map();
      const key = `\0w${needle.value}`;
      let found = facts.seen.get(key);
      if (found === undefined) {
        found = wordOccurs(facts.source, needle.value);
        facts.seen.set(key, found);
      }
      return found;
    }
    case 'itext': {
      const present = foldedPresent(needle.value, facts);
      if (present !== undefined) return present;
      facts.lower ??= facts.source.toLowerCase();
      return facts.lower.includes(needle.value);
    }
    case 'regex': {
      if (needle.fileLevel && facts.declarationOf) return true;
      const key = `${needle.value.flags}/${needle.value.source}`; // rules repeat regexes (e.g. a rule and its stricter twin)
      facts.regexSeen ??= new Map();
      let found = facts.regexSeen.get(key);
      if (found === undefined) {
        found = needle.value.test(facts.source);
        facts.regexSeen.set(key, found);
      }
      return found;
    }
    case 'size':
      return facts.source.length >= needle.value;
  }
}

export function prefilterPasses(rule: CompiledRule, facts: FileFacts): boolean {
  const { groups, path } = rule.prefilter;
  if (path && !facts.declarationOf && !path.test(facts.path)) return false;
  for (const group of groups) if (!group.some((n) => needleHolds(n, facts))) return false;
  return true;
}

/**
 * Whether the rule's package-level groups (Prefilter.packageGroups) hold over a package's files: each
 * group has a needle in one of them. The caller passes every file the package's scope can hold and
 * does not ask when the package embeds files (their text is part of what the rule reads).
 */
export function packagePrefilterPasses(rule: CompiledRule, files: Iterable<FileFacts>): boolean {
  const { packageGroups } = rule.prefilter;
  if (!packageGroups.length) return true;
  const all = [...files];
  return packageGroups.every((group) => all.some((facts) => group.some((n) => needleHolds(n, facts))));
}
