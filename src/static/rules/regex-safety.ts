// Rule regexes run on text a hostile module controls. Two defences, because V8's linear-time engine
// cannot run every regex (not with the `i` flag, lookaround or backreferences):
// 1. V8 falls back to its linear-time engine after excessive backtracking (process-wide flag, set here):
//    `(a+)+$` on 64 KiB of "a…!" then takes ~50 ms instead of forever.
// 2. A regex the linear engine cannot run is refused at load time when it nests quantifiers (star
//    height >= 2, the exponential shapes), and sees a shorter input (see match.ts).
import v8 from 'node:v8';

v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
// V8 counts backtracks over a whole exec, and its default (50,000) is crossed by ordinary linear
// work on a big input: a needle over a 3 MB generated file (38,000 `{`) fell to the linear engine and
// took 1.2 s instead of 2 ms. A hostile exponential regex is still cut after a few ms of backtracking.
v8.setFlagsFromString('--regexp-backtracks-before-fallback=10000000');
v8.setFlagsFromString('--enable-experimental-regexp-engine');

/** Whether V8 can run the regex in linear time (and so fall back to that engine on hostile input). */
export function runsInLinearTime(source: string, flags: string): boolean {
  try {
    new RegExp(source, flags.replace(/[gyl]/g, '') + 'l');
    return true;
  } catch {
    return false;
  }
}

/**
 * A group that holds a quantifier and is quantified itself (`(a+)+`, `(?:\w*x)*`, `(a{2,})+`): the
 * classic catastrophic shape. Not counted: exact counts (`{2}`), and groups that start with a fixed
 * literal character (`(\.\d+)*`: each repetition must begin with that character, so the ways to split
 * the input do not multiply). Overlapping alternations (`(a|a)*`) are not detected.
 */
export function hasNestedQuantifier(source: string): boolean {
  interface Group {
    quantified: boolean; // holds a quantifier
    start: number; // index after the group's opening
  }
  const groups: Group[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') {
      let start = i + 1;
      const special = /^\?(?:[:=!]|<[=!]|<[^>]*>)/.exec(source.slice(start));
      if (special) start += special[0].length;
      groups.push({ quantified: false, start });
    } else if (c === ')') {
      const group = groups.pop();
      if (!group) continue;
      const repeated = /^(\*|\+|\{\d+,\d*\})/.test(source.slice(i + 1));
      if (group.quantified && repeated && !startsWithFixedLiteral(source.slice(group.start, i))) return true;
      if (group.quantified && groups.length) groups[groups.length - 1]!.quantified = true;
      if (repeated && groups.length) groups[groups.length - 1]!.quantified = true;
    } else if (c === '*' || c === '+' || (c === '{' && /^\{\d+,\d*\}/.test(source.slice(i)))) {
      if (groups.length) groups[groups.length - 1]!.quantified = true;
    }
  }
  return false;
}

/** `\.\d+` or `x\d*` yes; `a+`, `\d`, `[ab]`, `(x)` or an alternation no. */
function startsWithFixedLiteral(body: string): boolean {
  if (/(^|[^\\])\|/.test(body)) return false;
  const m = /^(\\[^dDwWsSbBpPuxck0-9]|[^\\[(.|^$])/.exec(body);
  if (!m) return false;
  return !/^[*+?{]/.test(body.slice(m[0].length));
}
