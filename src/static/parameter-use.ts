// What a package function does with a function value handed to it, read from the text of its
// declaration: `Register("dial", serveDial)` with `func Register(name string, fn Handler) { handlers[name]
// = fn }` only keeps it, so the handler is not import-time code because an init registers it; with
// `func run(f func()) { f() }` it runs. Read from text, not a tree, so the answer is the same whether or
// not a partial scan parsed the callee.
import { stripNonCode } from './decls.js';
import { namedAsRunner, stdRunnerName } from './runs-argument.js';

export type ParameterUse =
  /** The function never names the parameter (or it has no name, or there is no such parameter). */
  | { kind: 'unused' }
  /**
   * It only stores it: assigns it (`m[k] = fn`, `x.f = fn`, `V = fn`), appends it (`append(hs, fn)`),
   * puts it in a composite literal (`T{Fn: fn}`) or compares it with something (`fn == nil`); `into` holds
   * where: the name each store starts from (`m`, `x`, `V`, `hs`) and the last field on its way (`f` of
   * `x.f = fn` and of `x.f[k] = fn`, `Fn` of `T{Fn: fn}`): code that calls through one of them may run it.
   */
  | { kind: 'stored'; into: StoreTarget[] }
  /** It calls it, hands it on, returns it, or does something this reading does not follow. */
  | { kind: 'runs' };

export interface StoreTarget {
  /** The variable the store starts from; empty for a composite literal's field. */
  root: string;
  field?: string;
}

const IDENT = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;
const RUNS: ParameterUse = { kind: 'runs' };

/** Index just past the bracket that closes the one at `open` (text with literals blanked), or -1. */
function closing(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Splits at commas outside brackets. */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/**
 * Parameter names in order, `undefined` for an unnamed one; `variadic` when the last is `...T`.
 * Go names either every parameter or none; `a, b func()` names two of one type.
 */
function parameterNames(list: string): { names: Array<string | undefined>; variadic: boolean } {
  const parts = topLevelParts(list);
  const split = parts.map((p) => /^([\p{L}_][\p{L}\p{Nd}_]*)\s+(\S[\s\S]*)$/u.exec(p));
  const named = split.some((m) => m !== null && !/^[.\[(*]/.test(m[1]!) && !m[2]!.startsWith('.'));
  const names = parts.map((p, i) => (named ? (split[i]?.[1] ?? (IDENT.test(p) ? p : undefined)) : undefined));
  const last = parts[parts.length - 1] ?? '';
  return { names, variadic: /^(?:[\p{L}_][\p{L}\p{Nd}_]*\s+)?\.\.\./u.test(last) };
}

/**
 * What the function or method whose declaration is `declText` (from `func` to its closing brace) does
 * with its argument number `index`.
 */
export function parameterUse(declText: string, index: number): ParameterUse {
  const code = stripNonCode(declText);
  const head = /^\s*func\s*/.exec(code);
  if (!head) return RUNS;
  let i = head[0].length;
  if (code[i] === '(') {
    i = closing(code, i); // the receiver
    if (i < 0) return RUNS;
  }
  const name = /^\s*[\p{L}_][\p{L}\p{Nd}_]*\s*/u.exec(code.slice(i));
  if (!name) return RUNS;
  i += name[0].length;
  if (code[i] === '[') {
    i = closing(code, i); // type parameters
    if (i < 0) return RUNS;
    while (/\s/.test(code[i] ?? '')) i++;
  }
  if (code[i] !== '(') return RUNS;
  const paramsEnd = closing(code, i);
  if (paramsEnd < 0) return RUNS;
  const { names, variadic } = parameterNames(code.slice(i + 1, paramsEnd - 1));
  const param = names[variadic ? Math.min(index, names.length - 1) : index];
  if (index >= names.length && !variadic) return { kind: 'unused' };
  if (!param || param === '_') return { kind: 'unused' };
  // The body: the first brace after the results that does not open an interface or struct type.
  let bodyStart = -1;
  for (let j = paramsEnd; j < code.length; j++) {
    if (code[j] !== '{') continue;
    if (/\b(?:interface|struct)\s*$/.test(code.slice(Math.max(paramsEnd, j - 12), j))) {
      j = closing(code, j) - 1;
      if (j < 0) return RUNS;
      continue;
    }
    bodyStart = j;
    break;
  }
  if (bodyStart < 0) return { kind: 'unused' }; // no body: declared in assembly or linknamed
  const body = code.slice(bodyStart);
  return useInBody(body, param);
}

/**
 * Whether position `at` is directly inside the braces of a composite literal: the innermost unclosed
 * bracket before it is a `{` that follows a type (`T{`, `&pkg.T{`, `[]T{`) on a line that is no
 * statement header (`if x {`, `for ... {`, `switch v {`).
 */
function inCompositeLiteral(body: string, at: number): boolean {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const c = body[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth-- > 0) continue;
      if (c !== '{') return false;
      const line = body.slice(body.lastIndexOf('\n', i) + 1, i);
      return /(?:[\p{L}_][\p{L}\p{Nd}_.]*|\])\s*$/u.test(line) && !/^\s*(?:if|for|switch|select|else|func|case|default|go|defer|return)\b|\bfunc\b[^{]*$|\b(?:if|for|switch|select)\b/u.test(line);
    }
  }
  return false;
}


/**
 * Whether position `at` of `body` (literals blanked) is inside a func literal that is an argument of
 * a qualified call `pkg.Name(...)` whose name is no runner's. The innermost literal decides.
 */
function inClosureHandedAway(body: string, at: number): boolean {
  let inner: { start: number; open: number } | undefined;
  for (const f of body.slice(0, at).matchAll(/\bfunc\s*\(/g)) {
    const params = closing(body, f.index + f[0].length - 1);
    if (params < 0) continue;
    let open = params;
    while (open < at && body[open] !== '{' && body[open] !== '\n') open++;
    if (body[open] !== '{') continue;
    const end = closing(body, open);
    if (end > at && open < at) inner = { start: f.index, open };
  }
  if (!inner) return false;
  // The `(` of the call the literal is an argument of: the nearest unclosed one before it.
  let depth = 0;
  for (let i = inner.start - 1; i >= 0; i--) {
    const c = body[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth === 0) {
        if (c !== '(') return false;
        const callee = /([\p{L}_][\p{L}\p{Nd}_]*)\s*\.\s*([\p{L}_][\p{L}\p{Nd}_]*)\s*$/u.exec(body.slice(Math.max(0, i - 80), i));
        return !!callee && /^\p{Lu}/u.test(callee[2]!) && !namedAsRunner(callee[2]!) && !stdRunnerName(callee[2]!);
      }
      depth--;
    }
  }
  return false;
}

/** How a body uses the name `param`: every mention must be a store or a comparison, else it runs. */
function useInBody(body: string, param: string): ParameterUse {
  const into = new Map<string, StoreTarget>();
  const add = (root: string, path: string) => {
    const fields = [...path.matchAll(/\.\s*([\p{L}_][\p{L}\p{Nd}_]*)/gu)];
    const field = fields[fields.length - 1]?.[1];
    into.set(`${root}.${field ?? ''}`, field ? { root, field } : { root });
  };
  const mention = new RegExp(`(?<![\\p{L}\\p{Nd}_.])${param}(?![\\p{L}\\p{Nd}_])`, 'gu');
  let any = false;
  for (const m of body.matchAll(mention)) {
    any = true;
    const before = body.slice(Math.max(0, m.index - 200), m.index);
    const after = body.slice(m.index + param.length, m.index + param.length + 40);
    // Redeclared (`fn := wrap(fn)`, `for _, fn := range`, a literal's own parameter): not followed.
    if (/^\s*(?::=|,[^=\n]*:=)/.test(after) || /\bfunc\s*\([^)]*$/.test(before)) return RUNS;
    if (/^\s*(?:==|!=)/.test(after) || /(?:==|!=)\s*$/.test(before)) continue;
    // Called inside a closure that is handed to another package's function (`cachevalue.NewFromFunc(d,
    // func(ctx) { ... read(ctx) ... })`, minio's metrics groups): that package keeps the closure, and
    // the parameter runs when it calls it. A runner's closure (`sync.OnceFunc`, `retry.Do`) runs now.
    if (inClosureHandedAway(body, m.index)) continue;
    const ends = /^\s*(?:[\n;})]|,|$)/.test(after);
    // `x = fn`, `m[k] = fn`, `a.b.f = fn` (one target; a tuple assignment is not followed).
    const assigned = /(?:^|[\n;{])\s*([\p{L}_][\p{L}\p{Nd}_]*)((?:\s*(?:\.\s*[\p{L}_][\p{L}\p{Nd}_]*|\[[^\]\n]*\]))*)\s*=\s*$/u.exec(before);
    if (assigned && ends) {
      const target = assigned[1]!;
      const path = assigned[2]!;
      // Stored where the same body then calls it: `.f(` or `](` or `V(`.
      const field = /\.\s*([\p{L}_][\p{L}\p{Nd}_]*)\s*$/u.exec(path)?.[1];
      const callsBack = field ? new RegExp(`\\.\\s*${field}\\s*\\(`, 'u') : path ? /\]\s*\(/ : new RegExp(`(?<![\\p{L}\\p{Nd}_.])${target}\\s*\\(`, 'u');
      if (callsBack.test(body)) return RUNS;
      add(target, path);
      continue;
    }
    // `append(hs, fn)` stored back by its assignment: `hs = append(hs, fn)`.
    const appended = /(?:^|[\n;{])\s*([\p{L}_][\p{L}\p{Nd}_]*)((?:\s*(?:\.\s*[\p{L}_][\p{L}\p{Nd}_]*|\[[^\]\n]*\]))*)\s*=\s*append\(\s*[^()\n]*,\s*$/u.exec(before);
    if (appended && /^\s*(?:\)|,)/.test(after)) {
      add(appended[1]!, appended[2]!);
      continue;
    }
    // A positional element of a composite literal (`append(cmds, &command{name, order, fn})`, natscli's
    // registry): stored with the value, at a field this reading cannot name.
    if (/[{,]\s*$/.test(before) && /^\s*[,}]/.test(after) && inCompositeLiteral(body, m.index)) {
      add('', '');
      continue;
    }
    // A keyed element of a composite literal (`T{Fn: fn}`): stored with the value.
    const keyed = /[{,]\s*([\p{L}_][\p{L}\p{Nd}_]*)\s*:\s*$/u.exec(before);
    if (keyed && /^\s*[,}\n]/.test(after)) {
      add('', `.${keyed[1]!}`);
      continue;
    }
    return RUNS;
  }
  if (!any) return { kind: 'unused' };
  return { kind: 'stored', into: [...into.values()] };
}
