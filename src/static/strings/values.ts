// Abstract values for the constant evaluator. Strings are held as Go holds them: byte
// sequences, stored here as "binary strings" (one char per byte, 0-255), so XOR and
// indexing work on the real bytes; they become UTF-8 text only when reported.
import type { ParsedFile, SyntaxNode } from '../parse.js';

/** Largest string/slice the evaluator will build (bigger results are treated as unknown). */
export const MAX_VALUE_SIZE = 64 * 1024;
/** How many alternative values one expression may carry (branches), before extra ones are dropped. */
export const MAX_ALTERNATIVES = 6;

export type Val =
  | { kind: 'str'; v: string; how: string[] }
  | { kind: 'int'; v: number; how: string[] }
  | { kind: 'bool'; v: boolean; how: string[] }
  /** []byte, or []rune when `runes` is set */
  | { kind: 'bytes'; v: number[]; how: string[]; runes: boolean }
  /** any other slice/array: []string, []int, [][]byte... `undefined` elements are unknown */
  | { kind: 'list'; v: Array<Val | undefined>; how: string[] }
  /** strings.Builder / bytes.Buffer being written to */
  | { kind: 'builder'; v: string; how: string[] }
  /**
   * a struct (or pointer to one: the same object, so writes through it are seen), by field name; a
   * field not in the map is unknown. `type` is the literal's type name, '' for an anonymous struct.
   */
  | { kind: 'struct'; type: string; fields: Map<string, Vals>; how: string[] }
  /** a function literal captured with its environment */
  | { kind: 'func'; node: SyntaxNode; file: ParsedFile; env: unknown; how: string[] }
  | { kind: 'nil'; how: string[] };

/** Possible values of an expression; empty means unknown. */
export type Vals = Val[];

export function addHow(base: string[], ...more: string[][]): string[] {
  const out = [...base];
  for (const list of more) for (const step of list) if (!out.includes(step)) out.push(step);
  return out;
}

/** A string value, or undefined (unknown) when it would exceed the size limit. */
export function str(v: string, how: string[] = []): Val | undefined {
  if (v.length > MAX_VALUE_SIZE) return undefined;
  return { kind: 'str', v, how };
}

export function int(v: number, how: string[] = []): Val | undefined {
  if (!Number.isSafeInteger(v)) return undefined;
  return { kind: 'int', v, how };
}

export function cloneVal(val: Val): Val {
  switch (val.kind) {
    case 'bytes':
      return { ...val, v: [...val.v], how: [...val.how] };
    case 'list':
      return { ...val, v: val.v.map((e) => (e ? cloneVal(e) : undefined)), how: [...val.how] };
    case 'struct':
      return { ...val, fields: new Map([...val.fields].map(([k, vs]) => [k, vs.map(cloneVal)])), how: [...val.how] };
    default:
      return { ...val, how: [...val.how] } as Val;
  }
}

/** Identity of a value for de-duplication of alternatives. */
export function valKey(val: Val): string {
  switch (val.kind) {
    case 'str':
    case 'builder':
      return `${val.kind}:${val.v}`;
    case 'int':
    case 'bool':
      return `${val.kind}:${String(val.v)}`;
    case 'bytes':
      return `${val.runes ? 'runes' : 'bytes'}:${val.v.join(',')}`;
    case 'list':
      return `list:[${val.v.map((e) => (e ? valKey(e) : '?')).join('|')}]`;
    case 'struct':
      return `struct:${val.type}{${[...val.fields.keys()].sort().map((k) => `${k}=${val.fields.get(k)!.map(valKey).join('|')}`).join(',')}}`;
    case 'func':
      return `func:${val.node.id}`;
    case 'nil':
      return 'nil';
  }
}

export function dedupe(vals: Vals): Vals {
  const seen = new Set<string>();
  const out: Vals = [];
  for (const v of vals) {
    const k = valKey(v);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(v);
    if (out.length >= MAX_ALTERNATIVES) break;
  }
  return out;
}

/** Apply a binary operation to every pair of alternatives. A pair that fails makes the result unknown. */
export function lift2(as: Vals, bs: Vals, f: (a: Val, b: Val) => Val | undefined): Vals {
  const out: Vals = [];
  for (const a of as) {
    for (const b of bs) {
      const r = f(a, b);
      if (!r) return [];
      out.push(r);
    }
  }
  return dedupe(out);
}

export function lift1(as: Vals, f: (a: Val) => Val | undefined): Vals {
  const out: Vals = [];
  for (const a of as) {
    const r = f(a);
    if (!r) return [];
    out.push(r);
  }
  return dedupe(out);
}

/** Every combination of alternatives of each argument (bounded), for n-ary calls. */
export function combinations(args: Vals[]): Val[][] {
  let rows: Val[][] = [[]];
  for (const alts of args) {
    if (alts.length === 0) return [];
    const next: Val[][] = [];
    for (const row of rows) for (const a of alts) next.push([...row, a]);
    rows = next.slice(0, MAX_ALTERNATIVES);
  }
  return rows;
}

// ---- byte/text conversions ----

export function utf8ToBinary(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

export function binaryToUtf8(bin: string): string {
  return Buffer.from(bin, 'latin1').toString('utf8');
}

export function bytesToBinary(bytes: number[]): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b & 0xff);
  return out;
}

export function binaryToBytes(bin: string): number[] {
  const out: number[] = new Array<number>(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Go's string(rune): UTF-8 encoding of one code point (invalid ones become U+FFFD). */
export function runeToBinary(cp: number): string {
  const valid = cp >= 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
  return utf8ToBinary(String.fromCodePoint(valid ? cp : 0xfffd));
}

export function binaryToRunes(bin: string): number[] {
  return Array.from(binaryToUtf8(bin), (ch) => ch.codePointAt(0) ?? 0xfffd);
}

/** The byte string a value stands for when used where a string is expected. */
export function asBinaryString(val: Val): string | undefined {
  switch (val.kind) {
    case 'str':
    case 'builder':
      return val.v;
    case 'bytes':
      return val.runes ? val.v.map(runeToBinary).join('') : bytesToBinary(val.v);
    default:
      return undefined;
  }
}

/** Share of printable characters, used to drop decoded binary junk from reports. */
export function printableRatio(text: string): number {
  if (text.length === 0) return 1;
  let printable = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c >= 0x20 && c !== 0x7f && c !== 0xfffd) || c === 0x09 || c === 0x0a || c === 0x0d) printable++;
  }
  return printable / [...text].length;
}
