// Bracket nesting depth of Go source, by a lexer pass (strings, runes and comments skipped). Code
// nested tens of thousands deep is invisible to tree-sitter queries (measured: a call inside 50 000
// nested `if` blocks matches no query, 20 000 still does) and took the rule engine over 10 minutes at
// 100 000, so such files are reported (unscannable-deep-nesting) instead of parsed.

/** Deeper than any hand-written or generated Go; queries still match well past it. */
export const MAX_NESTING_DEPTH = 5_000;

/** Deepest bracket nesting in `source`. */
export function maxBracketDepth(source: string): { depth: number; line: number } {
  let depth = 0;
  let max = 0;
  let line = 1;
  let maxLine = 1;
  const n = source.length;
  for (let i = 0; i < n; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x0a) line++;
    else if (c === 0x28 || c === 0x5b || c === 0x7b) {
      // ( [ {
      if (++depth > max) {
        max = depth;
        maxLine = line;
      }
    } else if (c === 0x29 || c === 0x5d || c === 0x7d) {
      // ) ] }
      if (depth > 0) depth--;
    } else if (c === 0x22 || c === 0x27) {
      // "..." or '...': up to the closing quote or the end of the line.
      for (i++; i < n; i++) {
        const d = source.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === c) break;
        else if (d === 0x0a) {
          line++;
          break;
        }
      }
    } else if (c === 0x60) {
      for (i++; i < n && source.charCodeAt(i) !== 0x60; i++) if (source.charCodeAt(i) === 0x0a) line++;
    } else if (c === 0x2f && source.charCodeAt(i + 1) === 0x2f) {
      while (i < n && source.charCodeAt(i) !== 0x0a) i++;
      line++;
    } else if (c === 0x2f && source.charCodeAt(i + 1) === 0x2a) {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let j = i; j < stop; j++) if (source.charCodeAt(j) === 0x0a) line++;
      i = stop - 1;
    }
  }
  return { depth: max, line: maxLine };
}
