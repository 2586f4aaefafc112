// Top-level declarations of a Go file found by a lexer, without a parse: the scan parses only some of
// a file's declarations (tree-sitter included ranges), and reach-text.ts reads a package's call graph
// from them.

export type DeclKind = 'func' | 'method' | 'var' | 'const' | 'type' | 'other';

/** One top-level declaration with the comments and blank lines just above it. */
export interface DeclChunk {
  /** [start, end) in the source string (UTF-16 indices, as tree-sitter's binding counts them). */
  start: number;
  end: number;
  /** Index of the declaration's keyword (where tree-sitter's declaration node starts). */
  at: number;
  kind: DeclKind;
  /** Names the declaration introduces (several for `var (...)` groups); methods: the method name. */
  names: string[];
  /** Methods: the receiver's type name. */
  receiver?: string;
}

export interface FileLayout {
  /** End of the header: package clause, imports and anything else before the first declaration. */
  headerEnd: number;
  chunks: DeclChunk[];
}

/** Index of the first character of every line. */
export function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 0-based row of a string index, given the line starts. */
export function rowAt(lineStarts: number[], index: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const KEYWORD = /(func|var|const|type|import)(?![\p{L}\p{Nd}_])/uy;
const SPACE = /[ \t\r]*/y;
const INTERESTING = /["'`{}()[\]\n;]|\/[/*]/g;

/** Index just past the string/rune/comment that starts at `i`, or the source length when unterminated. */
function skipLiteral(source: string, i: number): number {
  const c = source[i];
  if (c === '`') {
    const end = source.indexOf('`', i + 1);
    return end < 0 ? source.length : end + 1;
  }
  if (c === '/') {
    if (source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      return end < 0 ? source.length : end; // the newline itself is seen by the caller
    }
    const end = source.indexOf('*/', i + 2);
    return end < 0 ? source.length : end + 2;
  }
  // "..." or '...': ends at the matching quote or at a newline (a syntax error; stop there).
  for (let j = i + 1; j < source.length; j++) {
    const d = source.charCodeAt(j);
    if (d === 92) j++; // backslash
    else if (source[j] === c) return j + 1;
    else if (d === 10) return j;
  }
  return source.length;
}

// One scan asks for a file's layout several times (parse plan, header of a ranged parse, text call
// graph); a few hundred recent ones are kept, keyed by the source string itself.
const recentLayouts = new Map<string, FileLayout>();

/**
 * Splits a Go file into its header and top-level declarations. Brackets, strings, runes and comments
 * are tracked, so a keyword inside a body or literal never starts a declaration. Each chunk begins at
 * the line comments and blank lines directly above its keyword (doc comments, `//go:` directives), so
 * a directive and the declaration it annotates stay together.
 */
export function fileLayout(source: string): FileLayout {
  let layout = recentLayouts.get(source);
  if (!layout) {
    if (recentLayouts.size >= 512) recentLayouts.clear();
    recentLayouts.set(source, (layout = computeLayout(source)));
  }
  return layout;
}

function computeLayout(source: string): FileLayout {
  const lineStarts = lineStartsOf(source);
  const starts: Array<{ at: number; keyword: string }> = [];
  let depth = 0;
  const checkKeyword = (at: number) => {
    SPACE.lastIndex = at;
    SPACE.exec(source);
    const k = SPACE.lastIndex;
    KEYWORD.lastIndex = k;
    const m = KEYWORD.exec(source);
    if (m) starts.push({ at: k, keyword: m[1]! });
  };
  checkKeyword(0);
  let commentStart = -1;
  let commentEnd = -1;
  INTERESTING.lastIndex = 0;
  for (let m = INTERESTING.exec(source); m; m = INTERESTING.exec(source)) {
    const i = m.index;
    const c = m[0];
    if (c === ';') {
      if (depth === 0) checkKeyword(i + 1);
      continue;
    }
    if (c === '\n') {
      // Go ends a statement at a newline unless the line ends in an operator (`var f =` / `func...`).
      if (depth === 0 && !continuesOnNextLine(source, commentEnd === i ? commentStart : i)) checkKeyword(i + 1);
      continue;
    }
    if (c === '"' || c === "'" || c === '`' || c === '//' || c === '/*') {
      INTERESTING.lastIndex = skipLiteral(source, i);
      if (c === '//') {
        commentStart = i;
        commentEnd = INTERESTING.lastIndex;
      }
      continue;
    }
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (depth > 0) depth--;
  }
  const decls = starts.filter((s) => s.keyword !== 'import');
  const rowOf = (index: number): number => rowAt(lineStarts, index);
  // No declaration chunk starts inside the imports.
  const lastImport = starts.filter((s) => s.keyword === 'import').at(-1);
  const importsEnd = lastImport ? afterDecl(source, lastImport.at) : 0;
  // Each declaration's chunk starts at the line comments and blank lines right above its keyword.
  const chunkStarts = decls.map((d, n) => {
    const floor = n > 0 ? decls[n - 1]!.at + 1 : importsEnd;
    let row = rowOf(d.at);
    let start = lineStarts[row]!;
    if (start < floor || source.slice(start, d.at).trim() !== '') return d.at; // `x; func f()` on one line
    while (row > 0) {
      const prev = lineStarts[row - 1]!;
      if (prev < floor) break;
      const line = source.slice(prev, start).trim();
      if (line !== '' && !line.startsWith('//')) break;
      row--;
      start = prev;
    }
    return start;
  });
  const chunks: DeclChunk[] = [];
  for (let n = 0; n < decls.length; n++) {
    const start = chunkStarts[n]!;
    const end = n + 1 < decls.length ? chunkStarts[n + 1]! : source.length;
    if (end <= start) continue;
    chunks.push({ start, end, at: decls[n]!.at, kind: decls[n]!.keyword as DeclKind, names: [] });
  }
  for (const c of chunks) {
    // From the keyword on; a function or type is named on its first line, so only a grouped
    // var/const needs its whole text read.
    const limit = c.kind === 'var' || c.kind === 'const' ? c.end : Math.min(c.end, c.at + 1024);
    const { kind, names, receiver } = declNames(source.slice(c.at, limit));
    c.kind = kind;
    c.names = names;
    if (receiver !== undefined) c.receiver = receiver;
  }
  return { headerEnd: chunks.length ? chunks[0]!.start : source.length, chunks };
}

/** Whether the code line ending at `end` ends in an operator, so the statement goes on (Go's semicolon rule). */
function continuesOnNextLine(source: string, end: number): boolean {
  let j = end - 1;
  while (j >= 0 && (source[j] === ' ' || source[j] === '\t' || source[j] === '\r')) j--;
  if (j < 0) return false;
  const ch = source[j]!;
  if (ch === '+' || ch === '-') return source[j - 1] !== ch; // `x++` ends a statement, `a +` does not
  return '=,*/([{|&^%<>!:.'.includes(ch);
}

/** End of the import declaration starting at `at` (its closing paren or line). */
function afterDecl(source: string, at: number): number {
  let depth = 0;
  INTERESTING.lastIndex = at;
  for (let m = INTERESTING.exec(source); m; m = INTERESTING.exec(source)) {
    const c = m[0];
    const i = m.index;
    if (c === '"' || c === "'" || c === '`' || c === '//' || c === '/*') {
      INTERESTING.lastIndex = skipLiteral(source, i);
      continue;
    }
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      depth--;
      if (depth <= 0) return i + 1;
    } else if ((c === '\n' || c === ';') && depth === 0) return i + 1;
  }
  return source.length;
}

const IDENT = /[\p{L}_][\p{L}\p{Nd}_]*/uy;

/** Kind and declared names of one chunk (leading comments allowed). */
function declNames(text: string): { kind: DeclKind; names: string[]; receiver?: string } {
  const code = stripNonCode(text);
  const m = /(?:^|\n)[ \t]*(func|var|const|type)(?![\p{L}\p{Nd}_])/u.exec(code) ?? /(func|var|const|type)(?![\p{L}\p{Nd}_])/u.exec(code);
  if (!m) return { kind: 'other', names: [] };
  const keyword = m[1] as 'func' | 'var' | 'const' | 'type';
  let i = m.index + m[0].length;
  const skipSpace = () => {
    while (i < code.length && /\s/.test(code[i]!)) i++;
  };
  const ident = (): string | undefined => {
    IDENT.lastIndex = i;
    const id = IDENT.exec(code);
    if (!id) return undefined;
    i = IDENT.lastIndex;
    return id[0];
  };
  skipSpace();
  if (keyword === 'func') {
    if (code[i] === '(') {
      // method: the receiver's type is its last identifier before `)` or `[` (generic receivers)
      const open = i;
      let depth = 0;
      for (; i < code.length; i++) {
        if (code[i] === '(') depth++;
        else if (code[i] === ')' && --depth === 0) {
          i++;
          break;
        }
      }
      const receiverText = code.slice(open + 1, i - 1).split('[')[0]!;
      const receiver = receiverText.match(/[\p{L}_][\p{L}\p{Nd}_]*/gu)?.at(-1) ?? '?';
      skipSpace();
      const name = ident();
      return { kind: 'method', names: name ? [name] : [], receiver };
    }
    const name = ident();
    return { kind: 'func', names: name ? [name] : [] };
  }
  if (code[i] !== '(') {
    // `var a, b = ...` / `type T ...`
    const names: string[] = [];
    for (;;) {
      const name = ident();
      if (!name) break;
      names.push(name);
      skipSpace();
      if (keyword === 'type' || code[i] !== ',') break;
      i++;
      skipSpace();
    }
    return { kind: keyword, names };
  }
  // Grouped: the leading identifiers of each line at depth 1 (a spec per line or per `;`).
  const names: string[] = [];
  let depth = 0;
  let lineStart = true;
  for (i++; i < code.length; i++) {
    const c = code[i]!;
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      if (depth === 0) break;
      depth--;
    } else if ((c === '\n' || c === ';') && depth === 0) lineStart = true;
    else if (lineStart && depth === 0 && !/\s/.test(c)) {
      lineStart = false;
      // identifiers up to `=` or the type: `a, b int = ...` -> a, b
      for (;;) {
        const name = ident();
        if (!name) break;
        names.push(name);
        skipSpace();
        if (code[i] !== ',') break;
        i++;
        skipSpace();
      }
      i--;
    }
  }
  return { kind: keyword, names };
}

const NON_CODE = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|`[^`]*`|'(?:[^'\\\n]|\\.)*'/g;

const blank = (s: string): string => (s.includes('\n') ? s.replace(/[^\n]/g, ' ') : ' '.repeat(s.length));

/** The text with comments and literals blanked (same length, newlines kept). */
export function stripNonCode(text: string): string {
  return text.replace(NON_CODE, blank);
}

/** The text with comments blanked, literals kept (a `//` inside "http://..." is not a comment). */
export function blankComments(text: string): string {
  return text.replace(NON_CODE, (s) => (s.startsWith('//') || s.startsWith('/*') ? blank(s) : s));
}

const NON_ASCII = /[^\x00-\x7f]/;

/** The Unicode pattern where the code has non-ASCII text, else its ASCII twin: V8 runs `\p{L}` several times slower. */
function identifierPatternFor(code: string, unicode: RegExp, ascii: RegExp): RegExp {
  return NON_ASCII.test(code) ? unicode : ascii;
}

const MENTION = /(\.\s*)?([\p{L}_][\p{L}\p{Nd}_]*)/gu;
const MENTION_ASCII = /(\.\s*)?([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Identifiers a chunk's code mentions, split into bare names (`f`, `T`, `x`) and names after a dot
 * (`x.m`: a method or field, or another package's member).
 */
export function mentionsOf(text: string): { bare: Set<string>; selected: Set<string> } {
  const bare = new Set<string>();
  const selected = new Set<string>();
  const code = stripNonCode(text);
  for (const m of code.matchAll(identifierPatternFor(code, MENTION, MENTION_ASCII))) (m[1] ? selected : bare).add(m[2]!);
  return { bare, selected };
}

const CALL_TOKEN = /(\.\s*)?([\p{L}_][\p{L}\p{Nd}_]*)|([(){}[\]])/gu;
const CALL_TOKEN_ASCII = /(\.\s*)?([A-Za-z_][A-Za-z0-9_]*)|([(){}[\]])/g;

/**
 * Names a package-level initializer may run: those called (`f(`, `x.m(`) or handed to a call as an
 * argument (`run(f)`). A name stored in a composite literal (`{OpAdd: rewriteAdd}`) is a value for
 * later, as context.ts sees it; bodies of func literals count, called or not (an over-approximation).
 */
export function callMentionsOf(text: string): { bare: Set<string>; selected: Set<string> } {
  const bare = new Set<string>();
  const selected = new Set<string>();
  const code = stripNonCode(text);
  const brackets: string[] = [];
  let funcDepth = -1; // bracket depth at which a func literal's body opened
  let pendingFunc = false;
  for (const m of code.matchAll(identifierPatternFor(code, CALL_TOKEN, CALL_TOKEN_ASCII))) {
    const b = m[3];
    if (b) {
      if (b === '(' || b === '[' || b === '{') {
        if (b === '{' && pendingFunc) {
          if (funcDepth < 0) funcDepth = brackets.length;
          pendingFunc = false;
        }
        brackets.push(b);
      } else {
        brackets.pop();
        if (funcDepth >= 0 && brackets.length <= funcDepth) funcDepth = -1;
      }
      continue;
    }
    const name = m[2]!;
    if (!m[1] && name === 'func') {
      pendingFunc = true;
      continue;
    }
    let k = m.index + m[0].length;
    while (k < code.length && (code[k] === ' ' || code[k] === '\t' || code[k] === '\n' || code[k] === '\r')) k++;
    const called = code[k] === '(' || code[k] === '[' /* generic instantiation f[T](...) */;
    const argument = brackets[brackets.length - 1] === '(';
    if (called || argument || funcDepth >= 0) (m[1] ? selected : bare).add(name);
  }
  return { bare, selected };
}
