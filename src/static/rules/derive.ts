// Derives cheap necessary conditions ("the file text must contain one of these words") from a rule's
// tree-sitter query and its regexes, so most files never need a parse or a query run.
// A requirement is in conjunctive form: every group must have one word present in the source.
// Everything here must be sound: when unsure, derive nothing.

export type Requirement = string[][];

/** Words some node types always contain in their source text. */
const NODE_WORDS: Record<string, string[]> = {
  for_statement: ['for'],
  range_clause: ['range'],
  go_statement: ['go'],
  defer_statement: ['defer'],
  func_literal: ['func'],
  function_declaration: ['func'],
  method_declaration: ['func'],
  select_statement: ['select'],
  goto_statement: ['goto'],
  type_switch_statement: ['switch'],
  expression_switch_statement: ['switch'],
  import_declaration: ['import'],
  var_declaration: ['var'],
  const_declaration: ['const'],
  interpreted_string_literal: ['"'],
  raw_string_literal: ['`'],
  comment: ['//', '/*'],
  composite_literal: ['{'],
  index_expression: ['['],
  selector_expression: ['.'],
  call_expression: ['('],
};

function and(...reqs: Requirement[]): Requirement {
  return reqs.flat();
}

/** A disjunction's product is cut to at most this many groups (the best groups of each alternative first). */
const MAX_PRODUCT_GROUPS = 64;

/**
 * The groups necessary for "one of the alternatives holds", each alternative itself a conjunction of
 * groups: (A1 and A2) or (B1 and B2) implies (A1 or B1), (A1 or B2), (A2 or B1), (A2 or B2). Every
 * choice of one group per alternative, united, is such a group; the best groups of each alternative are
 * combined, at most MAX_PRODUCT_GROUPS of them. Groups implied by a smaller one are dropped. Sound
 * whatever is cut: each group kept is necessary on its own.
 */
export function disjunctionGroups<T>(alts: T[][][], score: (group: T[]) => number, key: (item: T) => string): T[][] {
  if (!alts.length || alts.some((r) => r.length === 0)) return [];
  const ranked = alts.map((r) => [...r].sort((x, y) => score(y) - score(x)));
  const take = ranked.map((r) => r.length);
  const product = () => take.reduce((n, k) => n * k, 1);
  while (product() > MAX_PRODUCT_GROUPS) {
    let widest = 0;
    take.forEach((k, i) => (k > take[widest]! ? (widest = i) : undefined));
    take[widest]!--;
  }
  let combos: T[][] = [[]];
  ranked.forEach((r, i) => {
    const next: T[][] = [];
    for (const c of combos) for (const g of r.slice(0, take[i])) next.push([...c, ...g]);
    combos = next;
  });
  const unique = new Map<string, T[]>();
  for (const c of combos) {
    const items = new Map(c.map((item) => [key(item), item]));
    const k = [...items.keys()].sort().join('\0');
    if (!unique.has(k)) unique.set(k, [...items.values()]);
  }
  const groups = [...unique.values()].sort((a, b) => a.length - b.length);
  const keys = groups.map((g) => new Set(g.map(key)));
  // A group holding all of a smaller group's items says nothing more.
  return groups.filter((_, i) => !keys.slice(0, i).some((smaller, j) => j !== i && [...smaller].every((k) => keys[i]!.has(k))));
}

/** The groups necessary for "a or b" (disjunctionGroups over words). */
function or(alts: Requirement[]): Requirement {
  return disjunctionGroups(alts, score, (w) => w);
}

/** Prefer groups whose shortest word is long: they reject more files. */
function score(group: string[]): number {
  return Math.min(...group.map((w) => w.length));
}

type Tok = { t: '(' | ')' | '[' | ']' | 'str' | 'cap' | 'quant' | 'field' | 'word' | '.' | '!'; v: string };

function tokenize(src: string): Tok[] | null {
  const toks: Tok[] = [];
  const re = /\s+|;[^\n]*|(\(|\)|\[|\])|"((?:[^"\\]|\\.)*)"|@([\w.-]+)|([?*+])|([A-Za-z_][\w.-]*)\s*:|(!)|(\.)|(#?[A-Za-z_][\w.!?-]*)/y;
  let i = 0;
  while (i < src.length) {
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m || m[0].length === 0) return null;
    i = re.lastIndex;
    if (m[1]) toks.push({ t: m[1] as Tok['t'], v: m[1] });
    else if (m[2] !== undefined) toks.push({ t: 'str', v: m[2] });
    else if (m[3]) toks.push({ t: 'cap', v: m[3] });
    else if (m[4]) toks.push({ t: 'quant', v: m[4] });
    else if (m[5]) toks.push({ t: 'field', v: m[5] });
    else if (m[6]) toks.push({ t: '!', v: '!' });
    else if (m[7]) toks.push({ t: '.', v: '.' });
    else if (m[8]) toks.push({ t: 'word', v: m[8] });
  }
  return toks;
}

function unescapeQueryString(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0' })[c] ?? c);
}

interface Parsed {
  req: Requirement;
  /** Captures present in every match of this item. */
  mandatory: Set<string>;
}

class QueryReader {
  private pos = 0;
  /** Predicates met inside node patterns since the last top-level pattern started. */
  private inner: Tok[][] = [];
  constructor(private readonly toks: Tok[]) {}

  done(): boolean {
    return this.pos >= this.toks.length;
  }

  private peek(): Tok | undefined {
    return this.toks[this.pos];
  }

  /** One item: node pattern, alternation, anonymous string, or wildcard, with captures/quantifier. */
  item(): Parsed {
    let tok = this.toks[this.pos++];
    while (tok && (tok.t === 'field' || tok.t === '.' )) tok = this.toks[this.pos++];
    if (!tok) throw new Error('eof');
    let base: Parsed;
    if (tok.t === '!') {
      this.pos++; // negated field name
      return { req: [], mandatory: new Set() };
    } else if (tok.t === 'str') {
      const word = unescapeQueryString(tok.v);
      base = { req: word ? [[word]] : [], mandatory: new Set() };
    } else if (tok.t === 'word') {
      base = { req: [], mandatory: new Set() }; // `_` or a bare node name
    } else if (tok.t === '[') {
      const alts: Parsed[] = [];
      while (this.peek() && this.peek()!.t !== ']') alts.push(this.item());
      this.pos++;
      const mandatory = alts.length ? new Set([...alts[0]!.mandatory].filter((c) => alts.every((a) => a.mandatory.has(c)))) : new Set<string>();
      base = { req: or(alts.map((a) => a.req)), mandatory };
    } else if (tok.t === '(') {
      const head = this.peek();
      if (head?.t === 'word' && head.v.startsWith('#')) {
        // Predicate: handled by the pattern-level reader.
        this.pos--;
        throw new Error('predicate');
      }
      const parts: Parsed[] = [];
      let nodeType = '';
      if (head?.t === 'word') {
        nodeType = head.v;
        this.pos++;
      } else if (head?.t === 'str') {
        const word = unescapeQueryString(head.v);
        this.pos++;
        if (word) parts.push({ req: [[word]], mandatory: new Set() });
      }
      while (this.peek() && this.peek()!.t !== ')') {
        // An anchor (`.`) may close the child list: `(expression_list (identifier) @last .)`.
        if (this.peek()!.t === '.') {
          this.pos++;
          continue;
        }
        if (this.peek()!.t === '(' && this.toks[this.pos + 1]?.t === 'word' && this.toks[this.pos + 1]!.v.startsWith('#')) {
          const start = this.pos;
          this.skipGroup();
          this.inner.push(this.toks.slice(start, this.pos));
          continue;
        }
        parts.push(this.item());
      }
      this.pos++;
      const own: Requirement = NODE_WORDS[nodeType] ? [NODE_WORDS[nodeType]!] : [];
      base = { req: and(own, ...parts.map((p) => p.req)), mandatory: new Set(parts.flatMap((p) => [...p.mandatory])) };
    } else {
      throw new Error(`unexpected ${tok.v}`);
    }
    // Captures and a quantifier may follow.
    const caps: string[] = [];
    let optional = false;
    for (;;) {
      const next = this.peek();
      if (next?.t === 'cap') {
        caps.push(next.v);
        this.pos++;
      } else if (next?.t === 'quant') {
        this.pos++;
        if (next.v !== '+') optional = true;
      } else break;
    }
    if (optional) return { req: [], mandatory: new Set() };
    for (const c of caps) base.mandatory.add(c);
    return base;
  }

  skipGroup(): void {
    let depth = 0;
    do {
      const tok = this.toks[this.pos++];
      if (!tok) return;
      if (tok.t === '(') depth++;
      else if (tok.t === ')') depth--;
    } while (depth > 0);
  }

  /** Top level: patterns interleaved with predicates; predicates belong to the preceding pattern. */
  patterns(): Array<{ item: Parsed; predicates: Tok[][] }> {
    const out: Array<{ item: Parsed; predicates: Tok[][] }> = [];
    while (!this.done()) {
      const tok = this.peek()!;
      if (tok.t === '(' && this.toks[this.pos + 1]?.t === 'word' && this.toks[this.pos + 1]!.v.startsWith('#')) {
        const start = this.pos;
        this.skipGroup();
        out[out.length - 1]?.predicates.push(this.toks.slice(start, this.pos));
        continue;
      }
      this.inner = [];
      const item = this.item();
      out.push({ item, predicates: this.inner });
    }
    return out;
  }
}

/** Words from positive `#eq?`/`#any-of?` predicates on captures present in every match. */
function predicateRequirement(pred: Tok[], mandatory: Set<string>): Requirement {
  const name = pred[1]?.v;
  const cap = pred[2];
  if (!cap || cap.t !== 'cap' || !mandatory.has(cap.v)) return [];
  const strings = pred.slice(3, -1);
  if (!strings.length || strings.some((s) => s.t !== 'str')) return [];
  const words = strings.map((s) => unescapeQueryString(s.v));
  if (words.some((w) => !w)) return [];
  if (name === '#eq?' && words.length === 1) return [words];
  if (name === '#any-of?') return [words];
  return [];
}

/** The requirement a query puts on the source text ([] when nothing can be said). */
export function queryRequirement(src: string): Requirement {
  const toks = tokenize(src);
  if (!toks) return [];
  try {
    const patterns = new QueryReader(toks).patterns();
    const each = patterns.map((p) =>
      and(p.item.req, ...p.predicates.map((pred) => predicateRequirement(pred, p.item.mandatory))),
    );
    return each.length === 1 ? each[0]! : or(each);
  } catch {
    return [];
  }
}

/**
 * Words any match of the regex must contain, in conjunctive form (every group needs one word).
 * Understood: literal characters and escapes, classes, groups and lookaheads (recursively, with
 * alternation), quantifiers; a quantifier that allows zero repetitions drops what it applies to.
 * Words shorter than 3 characters are ignored. Returns [] when nothing can be said.
 */
export function regexRequirement(source: string, flags: string): Requirement {
  if (flags.includes('u') || flags.includes('v') || flags.includes('x')) return []; // \u{...}, classes with set syntax
  return alternationRequirement(source);
}

/**
 * An escape sequence at `seq[i]` (a backslash): the literal character it stands for (null when it
 * stands for a class, an assertion or a backreference) and the index of its last character.
 */
function escapeAt(seq: string, i: number): { char: string | null; end: number } {
  const e = seq[i + 1];
  if (e === undefined) return { char: null, end: i };
  if (LITERAL_ESCAPES.has(e)) return { char: e, end: i + 1 };
  const hex = (len: number) => (new RegExp(`^[0-9a-fA-F]{${len}}$`).test(seq.slice(i + 2, i + 2 + len)) ? String.fromCharCode(parseInt(seq.slice(i + 2, i + 2 + len), 16)) : null);
  if (e === 'x') {
    const c = hex(2);
    return c === null ? { char: null, end: i + 1 } : { char: c, end: i + 3 };
  }
  if (e === 'u') {
    const c = hex(4);
    return c === null ? { char: null, end: i + 1 } : { char: c, end: i + 5 };
  }
  if (e === 'p' || e === 'P' || e === 'k') {
    const close = seq.indexOf(e === 'k' ? '>' : '}', i + 2);
    return { char: null, end: close < 0 ? seq.length - 1 : close };
  }
  if (e === 'c') return { char: null, end: i + 2 };
  const control: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v' };
  if (control[e] !== undefined) return { char: control[e], end: i + 1 };
  if (/[0-9]/.test(e)) {
    let end = i + 1;
    while (/[0-9]/.test(seq[end + 1] ?? '')) end++;
    return { char: null, end }; // backreference or octal: nothing claimed
  }
  return { char: null, end: i + 1 }; // \d \w \s \b ... and identity escapes of letters
}

/** Whether a regex has syntax whose meaning depends on text around the match: \b, \B, backreferences, lookarounds. */
export function hasContextSensitiveSyntax(src: string): boolean {
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const e = src[i + 1] ?? '';
      if (/[bBk1-9]/.test(e)) return true;
      i++;
    } else if (c === '(' && /^\(\?<?[=!]/.test(src.slice(i, i + 4))) {
      return true;
    }
  }
  return false;
}

function alternationRequirement(src: string): Requirement {
  const alternatives = splitTopLevel(src);
  if (!alternatives) return [];
  if (alternatives.length === 1) return sequenceRequirement(alternatives[0]!);
  return or(alternatives.map(sequenceRequirement));
}

export function splitTopLevel(src: string): string[] | null {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(src.slice(start, i));
      start = i + 1;
    }
  }
  out.push(src.slice(start));
  return depth === 0 ? out : null;
}

const LITERAL_ESCAPES = new Set(['.', '/', '\\', '-', '(', ')', '[', ']', '{', '}', '*', '+', '?', '|', '^', '$', ':', '#', '"', "'", '`', ' ', '=', '@', '%', '&', '!', ',', '<', '>', '~', ';']);

function sequenceRequirement(seq: string): Requirement {
  const groups: Requirement = [];
  let run = '';
  const endRun = () => {
    if (run.length >= 3) groups.push([run]);
    run = '';
  };
  for (let i = 0; i < seq.length; i++) {
    const c = seq[i]!;
    let atom: string | null = null;
    let inner: Requirement = [];
    let next = i;
    if (c === '\\') {
      const esc = escapeAt(seq, i);
      atom = esc.char;
      next = esc.end;
    } else if (c === '[') {
      let j = i + 1;
      while (j < seq.length && seq[j] !== ']') j += seq[j] === '\\' ? 2 : 1;
      next = j;
    } else if (c === '(') {
      let depth = 0;
      let j = i;
      for (; j < seq.length; j++) {
        if (seq[j] === '\\') {
          j++;
          continue;
        }
        if (seq[j] === '[') {
          while (j < seq.length && seq[j] !== ']') j += seq[j] === '\\' ? 2 : 1;
          continue;
        }
        if (seq[j] === '(') depth++;
        else if (seq[j] === ')' && --depth === 0) break;
      }
      next = j;
      const body = seq.slice(i + 1, j);
      // Negative lookarounds require nothing; others require their body.
      if (!/^\?<?!/.test(body)) inner = alternationRequirement(body.replace(/^\?(:|=|<=|<[A-Za-z_]\w*>)/, ''));
    } else if (c === '{') {
      const quant = /^\{\d*(,\d*)?\}\??/.exec(seq.slice(i));
      if (!quant) return groups;
      next = i + quant[0].length - 1;
    } else if (c === '^' || c === '$' || c === '.' || '*+?'.includes(c)) {
      atom = null;
    } else {
      atom = c;
    }
    const q = seq[next + 1];
    const optional = q === '*' || q === '?' || (q === '{' && /^\{0[,}]/.test(seq.slice(next + 1)));
    if (atom !== null && !optional) {
      run += atom;
      // `a+` / `a{2,}`: the atom is there at least once, but what follows may not be adjacent.
      if (q === '+' || q === '{') endRun();
    } else {
      endRun();
      if (!optional) groups.push(...inner);
    }
    i = next;
  }
  endRun();
  return groups;
}

/** Index of the `)` closing the group opened at `src[open]`, or -1. */
function closingParen(src: string, open: number): number {
  let depth = 0;
  for (let j = open; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') {
      j++;
    } else if (c === '[') {
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
    } else if (c === '(') {
      depth++;
    } else if (c === ')' && --depth === 0) {
      return j;
    }
  }
  return -1;
}

/** Length of a quantifier at `src[i]` (0 when none) and whether it allows zero repetitions. */
function quantifierAt(src: string, i: number): { length: number; optional: boolean } {
  const m = /^(?:[*+?]|\{\d+(?:,\d*)?\})\??/.exec(src.slice(i));
  if (!m) return { length: 0, optional: false };
  return { length: m[0].length, optional: m[0][0] === '*' || m[0][0] === '?' || /^\{0[,}]/.test(m[0]) };
}

/**
 * One alternative of an unanchored search regex without its unselective leading elements (classes,
 * optional groups; mandatory single-branch groups are opened). Dropping a leading element keeps the
 * search sound, since whatever the whole matched, the rest matches too; it spares V8 a match attempt
 * at every word character. Returns null when nothing selective is left.
 */
export function dropUnselectiveLead(alt: string): string | null {
  const rest = leadDropped(alt);
  if (rest === null) return null;
  // Only when a literal now leads (in every branch of a leading group). A literal lead matters more
  // than selectivity: V8 then tries only where the literal occurs, while a class lead is tried at most
  // characters, and on a large file the failed attempts add up to the backtrack limit past which V8
  // reruns the search in its slow linear-time engine (regex-safety.ts): `[0-9a-f]\s*\]` took 40x longer
  // over the Go standard library than `\]\s*`.
  return leadingLiteralLength(rest) >= 1 ? rest : alt;
}

/** Length of the mandatory literal run a regex starts with (the shortest over a leading group's branches). */
function leadingLiteralLength(src: string): number {
  if (src.startsWith('(')) {
    const close = closingParen(src, 0);
    if (close < 0 || quantifierAt(src, close + 1).length) return 0;
    const body = src.slice(1, close).replace(/^\?(?::|<[A-Za-z_]\w*>)/, '');
    if (body.startsWith('?')) return 0;
    const branches = splitTopLevel(body);
    if (!branches) return 0;
    return Math.min(...branches.map(leadingLiteralLength));
  }
  let n = 0;
  let i = 0;
  for (;;) {
    const lit = /^(?:\\[^wWsSdDbBpPk0-9]|[^\\.[(*+?{|^$)])/.exec(src.slice(i));
    if (!lit) return n;
    const q = quantifierAt(src, i + lit[0].length);
    if (q.optional) return n;
    n++;
    if (q.length) return n; // `a+`: what follows may not be adjacent
    i += lit[0].length;
  }
}

function leadDropped(alt: string): string | null {
  let rest = alt;
  for (;;) {
    if (!rest) return null;
    const c = rest[0]!;
    let end: number; // index after the element
    if (c === '\\' && /[wWsSdD]/.test(rest[1] ?? '')) {
      end = 2;
    } else if (c === '.') {
      end = 1;
    } else if (c === '[') {
      let j = 1;
      while (j < rest.length && rest[j] !== ']') j += rest[j] === '\\' ? 2 : 1;
      end = j + 1;
    } else if (c === '(') {
      const close = closingParen(rest, 0);
      if (close < 0) return rest;
      const q = quantifierAt(rest, close + 1);
      if (q.optional) {
        rest = rest.slice(close + 1 + q.length);
        continue;
      }
      if (q.length) return rest;
      const body = rest.slice(1, close).replace(/^\?(?::|<[A-Za-z_]\w*>)/, '');
      if (body.startsWith('?') || (splitTopLevel(body)?.length ?? 0) !== 1) return rest;
      rest = body + rest.slice(close + 1);
      continue;
    } else {
      return rest;
    }
    rest = rest.slice(end + quantifierAt(rest, end).length);
  }
}
