// Import-time and main-time reachability read from the text, without a parse: an over-approximation
// of context.ts's call graph (a declaration "calls" every package-level name its code mentions). A
// function outside this set is certainly not reachable from init, a package-level initializer or main,
// so a scan that parsed only part of a package can place it without parsing the rest.
import { callMentionsOf, fileLayout, mentionsOf, type DeclChunk } from './decls.js';

export interface TextFile {
  rel: string;
  source: string;
}

/** Answers "may code at this index of this file run at import time or from main?". */
export type MayReach = (rel: string, index: number) => boolean;

export function textualReach(files: TextFile[]): MayReach {
  const layouts = files.map((f) => fileLayout(f.source));
  const byName = new Map<string, Array<[number, number]>>();
  const methods = new Map<string, Array<[number, number]>>();
  const reached = files.map((_, i) => new Array<boolean>(layouts[i]!.chunks.length).fill(false));
  const queue: Array<[number, number]> = [];
  const reach = (fi: number, ci: number) => {
    if (reached[fi]![ci]) return;
    reached[fi]![ci] = true;
    queue.push([fi, ci]);
  };
  layouts.forEach((layout, fi) => {
    layout.chunks.forEach((c, ci) => {
      // Only code can be called: functions, methods, and vars that hold a func literal.
      const callable = c.kind === 'func' || c.kind === 'method' || (c.kind === 'var' && /\bfunc\b/.test(files[fi]!.source.slice(c.start, c.end)));
      for (const name of callable ? c.names : []) {
        const map = c.kind === 'method' ? methods : byName;
        const list = map.get(name);
        if (list) list.push([fi, ci]);
        else map.set(name, [[fi, ci]]);
      }
      const isRoot = (c.kind === 'func' && (c.names[0] === 'init' || c.names[0] === 'main')) || c.kind === 'var';
      if (isRoot) reach(fi, ci);
    });
  });
  while (queue.length) {
    const [fi, ci] = queue.pop()!;
    const c = layouts[fi]!.chunks[ci]!;
    const text = files[fi]!.source.slice(c.start, c.end);
    // In a var initializer only calls and arguments run now; in code, any mention may be a call.
    const m = c.kind === 'var' ? callMentionsOf(text) : mentionsOf(text);
    for (const name of m.bare) for (const [f, k] of byName.get(name) ?? []) reach(f, k);
    for (const name of m.selected) for (const [f, k] of methods.get(name) ?? []) reach(f, k);
  }
  const fileIndex = new Map(files.map((f, i) => [f.rel, i]));
  return (rel, index) => {
    const fi = fileIndex.get(rel);
    if (fi === undefined) return true;
    const chunk = chunkAt(layouts[fi]!.chunks, index);
    return chunk === undefined ? true : reached[fi]![chunk]!;
  };
}

function chunkAt(chunks: DeclChunk[], index: number): number | undefined {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = chunks[mid]!;
    if (index < c.start) hi = mid - 1;
    else if (index >= c.end) lo = mid + 1;
    else return mid;
  }
  return undefined;
}
