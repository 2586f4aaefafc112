// Standard-library functions the evaluator can run on known values, looked up by import path
// (so `b64 "encoding/base64"` and dot imports work), each tagging its result with a `how` step.
import { sprint, sprintf } from './format.js';
import { decodeEscapes } from './literals.js';
import { gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import {
  MAX_VALUE_SIZE, addHow, asBinaryString, binaryToBytes, binaryToUtf8, bytesToBinary, int, str, utf8ToBinary,
  type Val,
} from './values.js';

type StdFn = (args: Val[]) => Val | undefined;

function s(v: Val | undefined): string | undefined {
  return v ? asBinaryString(v) : undefined;
}
function n(v: Val | undefined): number | undefined {
  return v?.kind === 'int' ? v.v : undefined;
}
function hows(args: Val[]): string[][] {
  return args.map((a) => a.how);
}
function strResult(value: string | undefined, step: string | undefined, args: Val[]): Val | undefined {
  if (value === undefined) return undefined;
  return str(value, addHow(step ? [step] : [], ...hows(args)));
}
/** Apply a text transform on the UTF-8 view of a byte string. */
function onText(bin: string, f: (t: string) => string): string {
  return utf8ToBinary(f(binaryToUtf8(bin)));
}

// ---- decoders (Go's decoders are strict: invalid input is an error, so unknown here) ----

const B64_STD = /^[A-Za-z0-9+/]*$/;
const B64_URL = /^[A-Za-z0-9_-]*$/;

function decodeBase64(input: string, url: boolean, padded: boolean): number[] | undefined {
  const text = input.replace(/[\r\n]/g, '');
  const body = padded ? text.replace(/={1,2}$/, '') : text;
  if (!(url ? B64_URL : B64_STD).test(body)) return undefined;
  if (padded && text.length % 4 !== 0) return undefined;
  if (!padded && body.length % 4 === 1) return undefined;
  return [...Buffer.from(body, url ? 'base64url' : 'base64')];
}

const B32_STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B32_HEX = '0123456789ABCDEFGHIJKLMNOPQRSTUV';

/**
 * Go's decoding with a 64- or 32-letter alphabet: strict, newlines skipped, the trailing padding
 * character (`pad`, -1 for none) required to fill the last group and dropped. StdEncoding's,
 * base32's and a custom `NewEncoding` alphabet (stdlib-objects.ts) all decode here.
 */
export function decodeWithAlphabet(input: string, alphabet: string, pad: number): number[] | undefined {
  const bitsPer = alphabet.length === 64 ? 6 : 5;
  const group = bitsPer === 6 ? 4 : 8;
  let text = input.replace(/[\r\n]/g, '');
  if (pad >= 0) {
    if (text.length % group !== 0) return undefined;
    const padChar = String.fromCharCode(pad);
    while (text.endsWith(padChar)) text = text.slice(0, -1);
  }
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of text) {
    const idx = alphabet.indexOf(ch);
    if (idx < 0) return undefined;
    acc = ((acc << bitsPer) | idx) & 0xffff;
    bits += bitsPer;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return out;
}

function decodeHex(input: string): number[] | undefined {
  if (input.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(input)) return undefined;
  return [...Buffer.from(input, 'hex')];
}

function bytesResult(bytes: number[] | undefined, step: string, args: Val[]): Val | undefined {
  if (!bytes) return undefined;
  return { kind: 'bytes', v: bytes, runes: false, how: addHow([step], ...hows(args)) };
}

/** `<pkg>.<Encoding>.<Method>` for base64/base32. */
export function callEncodingMethod(path: string, encoding: string, method: string, args: Val[]): Val | undefined {
  const input = s(args[0]);
  if (input === undefined) return undefined;
  if (path === 'encoding/base64') {
    const url = encoding === 'URLEncoding' || encoding === 'RawURLEncoding';
    const padded = encoding === 'StdEncoding' || encoding === 'URLEncoding';
    if (!['StdEncoding', 'URLEncoding', 'RawStdEncoding', 'RawURLEncoding'].includes(encoding)) return undefined;
    if (method === 'DecodeString') return bytesResult(decodeBase64(input, url, padded), 'base64', args);
    if (method === 'EncodeToString') {
      const enc = Buffer.from(input, 'latin1').toString(url ? 'base64url' : 'base64');
      const fixed = padded ? enc.padEnd(Math.ceil(enc.length / 4) * 4, '=') : enc.replace(/=+$/, '');
      return strResult(fixed, undefined, args);
    }
    return undefined;
  }
  if (path === 'encoding/base32') {
    const alphabet = encoding === 'HexEncoding' ? B32_HEX : encoding === 'StdEncoding' ? B32_STD : undefined;
    if (!alphabet || method !== 'DecodeString') return undefined;
    return bytesResult(decodeWithAlphabet(input, alphabet, '='.charCodeAt(0)), 'base32', args);
  }
  return undefined;
}

function list(vals: string[], how: string[]): Val {
  return { kind: 'list', v: vals.map((v) => str(v, how)), how };
}

function replaceN(src: string, old: string, rep: string, count: number): string {
  if (count < 0) return old === '' ? src : src.split(old).join(rep);
  let out = src;
  let from = 0;
  for (let i = 0; i < count; i++) {
    const at = out.indexOf(old, from);
    if (at < 0) break;
    out = out.slice(0, at) + rep + out.slice(at + old.length);
    from = at + rep.length;
  }
  return out;
}

function trimSet(text: string, cutset: string, left: boolean, right: boolean): string {
  const chars = [...binaryToUtf8(text)];
  const cut = new Set(binaryToUtf8(cutset));
  let a = 0;
  let b = chars.length;
  while (left && a < b && cut.has(chars[a]!)) a++;
  while (right && b > a && cut.has(chars[b - 1]!)) b--;
  return utf8ToBinary(chars.slice(a, b).join(''));
}

const STRINGS: Record<string, StdFn> = {
  Join: (a) => {
    const [tbl, sepV] = a;
    const sep = s(sepV);
    if (tbl?.kind !== 'list' || sep === undefined) return undefined;
    const parts: string[] = [];
    const inner: string[][] = [];
    for (const e of tbl.v) {
      const p = e ? s(e) : undefined;
      if (p === undefined) return undefined;
      parts.push(p);
      inner.push(e!.how);
    }
    return str(parts.join(sep), addHow(['join'], tbl.how, ...inner, sepV!.how));
  },
  Repeat: (a) => {
    const text = s(a[0]);
    const count = n(a[1]);
    if (text === undefined || count === undefined || count < 0 || text.length * count > 64 * 1024) return undefined;
    return strResult(text.repeat(count), 'repeat', a);
  },
  ToLower: (a) => { const t = s(a[0]); return t === undefined ? undefined : strResult(onText(t, (x) => x.toLowerCase()), 'case', a); },
  ToUpper: (a) => { const t = s(a[0]); return t === undefined ? undefined : strResult(onText(t, (x) => x.toUpperCase()), 'case', a); },
  TrimSpace: (a) => { const t = s(a[0]); return t === undefined ? undefined : strResult(onText(t, (x) => x.trim()), undefined, a); },
  Trim: (a) => { const t = s(a[0]); const c = s(a[1]); return t === undefined || c === undefined ? undefined : strResult(trimSet(t, c, true, true), undefined, a); },
  TrimLeft: (a) => { const t = s(a[0]); const c = s(a[1]); return t === undefined || c === undefined ? undefined : strResult(trimSet(t, c, true, false), undefined, a); },
  TrimRight: (a) => { const t = s(a[0]); const c = s(a[1]); return t === undefined || c === undefined ? undefined : strResult(trimSet(t, c, false, true), undefined, a); },
  TrimPrefix: (a) => { const t = s(a[0]); const p = s(a[1]); return t === undefined || p === undefined ? undefined : strResult(p && t.startsWith(p) ? t.slice(p.length) : t, undefined, a); },
  TrimSuffix: (a) => { const t = s(a[0]); const p = s(a[1]); return t === undefined || p === undefined ? undefined : strResult(p && t.endsWith(p) ? t.slice(0, -p.length) : t, undefined, a); },
  Replace: (a) => {
    const [t, o, r] = [s(a[0]), s(a[1]), s(a[2])];
    const count = n(a[3]);
    if (t === undefined || o === undefined || r === undefined || count === undefined) return undefined;
    return strResult(replaceN(t, o, r, count), 'replace', a);
  },
  ReplaceAll: (a) => {
    const [t, o, r] = [s(a[0]), s(a[1]), s(a[2])];
    if (t === undefined || o === undefined || r === undefined) return undefined;
    return strResult(replaceN(t, o, r, -1), 'replace', a);
  },
  Split: (a) => {
    const t = s(a[0]);
    const sep = s(a[1]);
    if (t === undefined || sep === undefined) return undefined;
    const parts = sep === '' ? [...binaryToUtf8(t)].map(utf8ToBinary) : t.split(sep);
    return list(parts, addHow(['split'], ...hows(a)));
  },
  Fields: (a) => {
    const t = s(a[0]);
    if (t === undefined) return undefined;
    return list(t.split(/[ \t\n\r\v\f]+/).filter((x) => x !== ''), addHow(['split'], ...hows(a)));
  },
  Contains: (a) => { const t = s(a[0]); const x = s(a[1]); return t === undefined || x === undefined ? undefined : { kind: 'bool', v: t.includes(x), how: [] }; },
  HasPrefix: (a) => { const t = s(a[0]); const x = s(a[1]); return t === undefined || x === undefined ? undefined : { kind: 'bool', v: t.startsWith(x), how: [] }; },
  HasSuffix: (a) => { const t = s(a[0]); const x = s(a[1]); return t === undefined || x === undefined ? undefined : { kind: 'bool', v: t.endsWith(x), how: [] }; },
  Index: (a) => { const t = s(a[0]); const x = s(a[1]); return t === undefined || x === undefined ? undefined : int(t.indexOf(x)); },
};

/** bytes.X mirrors strings.X but hands back []byte. */
function bytesVariant(fn: StdFn): StdFn {
  return (a) => {
    const r = fn(a);
    if (r?.kind !== 'str') return r;
    return { kind: 'bytes', v: binaryToBytes(r.v), runes: false, how: r.how };
  };
}

const STRCONV: Record<string, StdFn> = {
  Itoa: (a) => { const v = n(a[0]); return v === undefined ? undefined : strResult(String(v), 'itoa', a); },
  FormatInt: (a) => {
    const v = n(a[0]);
    const base = n(a[1]);
    if (v === undefined || base === undefined || base < 2 || base > 36) return undefined;
    return strResult(v.toString(base), 'itoa', a);
  },
  Quote: (a) => { const t = s(a[0]); return t === undefined ? undefined : strResult(utf8ToBinary(JSON.stringify(binaryToUtf8(t))), undefined, a); },
  Unquote: unquote,
  Atoi: (a) => { const t = s(a[0]); return t === undefined || !/^[+-]?\d+$/.test(t) ? undefined : int(Number(t), a[0]!.how); },
};

/** strconv.Unquote of a quoted Go literal held in a string (`"\\x63\\x75..."`); errors are unknown. */
function unquote(a: Val[]): Val | undefined {
  const t = s(a[0]);
  if (t === undefined) return undefined;
  const text = binaryToUtf8(t);
  if (text.length < 2) return undefined;
  if (text[0] === '"' && text.endsWith('"') && !text.includes('\n')) return strResult(decodeEscapes(text.slice(1, -1)), 'unquote', a);
  if (text[0] === '`' && text.endsWith('`')) return strResult(utf8ToBinary(text.slice(1, -1).replace(/\r/g, '')), 'unquote', a);
  return undefined;
}

/** url.PathUnescape / QueryUnescape: `%XX` to bytes (and `+` to a space for a query); a bad escape is an error. */
function urlUnescape(query: boolean): StdFn {
  return (a) => {
    const t = s(a[0]);
    if (t === undefined || /%(?![0-9a-fA-F]{2})/.test(t)) return undefined;
    const out = (query ? t.replace(/\+/g, ' ') : t).replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return strResult(out, 'unescape', a);
  };
}

const FMT: Record<string, StdFn> = {
  Sprintf: (a) => { const f = s(a[0]); return f === undefined ? undefined : strResult(sprintf(f, a.slice(1)), 'sprintf', a); },
  Sprint: (a) => strResult(sprint(a, false), 'sprint', a),
  Sprintln: (a) => strResult(sprint(a, true), 'sprint', a),
};

function ipv4(a: Val[]): Val | undefined {
  const parts = a.map(n);
  if (parts.length !== 4 || parts.some((p) => p === undefined || p < 0 || p > 255)) return undefined;
  return strResult(parts.join('.'), 'ip-from-ints', a);
}

const NET: Record<string, StdFn> = {
  IPv4: ipv4,
  ParseIP: (a) => strResult(s(a[0]), undefined, a),
  JoinHostPort: (a) => {
    const h = s(a[0]);
    const p = s(a[1]);
    if (h === undefined || p === undefined) return undefined;
    return strResult(h.includes(':') ? `[${h}]:${p}` : `${h}:${p}`, 'concat', a);
  },
};

function joinPath(a: Val[]): Val | undefined {
  const parts = a.map(s);
  if (parts.some((p) => p === undefined)) return undefined;
  const joined = (parts as string[]).filter((p) => p !== '').join('/').replace(/\/{2,}/g, '/');
  return strResult(joined, 'concat', a);
}

const HEX: Record<string, StdFn> = {
  DecodeString: (a) => { const t = s(a[0]); return t === undefined ? undefined : bytesResult(decodeHex(t), 'hex', a); },
  EncodeToString: (a) => { const t = s(a[0]); return t === undefined ? undefined : strResult(Buffer.from(t, 'latin1').toString('hex'), undefined, a); },
};

const BYTES: Record<string, StdFn> = Object.fromEntries(
  ['ToLower', 'ToUpper', 'TrimSpace', 'Trim', 'TrimPrefix', 'TrimSuffix', 'Replace', 'ReplaceAll', 'Repeat'].map((k) => [k, bytesVariant(STRINGS[k]!)]),
);

/** A reader over a known value is that value: `io.ReadAll(bytes.NewReader(b))` gives back `b`. */
const asBytes: StdFn = (a) => {
  const t = s(a[0]);
  return t === undefined ? undefined : { kind: 'bytes', v: binaryToBytes(t), runes: false, how: addHow([], ...hows(a)) };
};

/**
 * gzip/zlib/flate readers over known bytes hold the inflated bytes (payloads are compressed before
 * being base64-encoded into a literal); corrupt input or output past the value bound is unknown.
 */
function inflating(format: 'gzip' | 'zlib' | 'flate'): StdFn {
  const inflate = format === 'gzip' ? gunzipSync : format === 'zlib' ? inflateSync : inflateRawSync;
  return (a) => {
    const t = s(a[0]);
    if (t === undefined) return undefined;
    try {
      const out = inflate(Buffer.from(t, 'latin1'), { maxOutputLength: MAX_VALUE_SIZE });
      return { kind: 'bytes', v: [...out], runes: false, how: addHow(['decompress'], ...hows(a)) };
    } catch {
      return undefined;
    }
  };
}

const TABLE: Record<string, Record<string, StdFn>> = {
  strings: { ...STRINGS, NewReader: (a) => strResult(s(a[0]), undefined, a) },
  bytes: { ...BYTES, NewReader: asBytes, NewBuffer: asBytes },
  io: { ReadAll: asBytes },
  'io/ioutil': { ReadAll: asBytes },
  'compress/gzip': { NewReader: inflating('gzip') },
  'compress/zlib': { NewReader: inflating('zlib') },
  'compress/flate': { NewReader: inflating('flate') },
  strconv: STRCONV,
  fmt: FMT,
  net: NET,
  'encoding/hex': HEX,
  'net/url': { PathUnescape: urlUnescape(false), QueryUnescape: urlUnescape(true) },
  path: { Join: joinPath },
  'path/filepath': { Join: joinPath },
};

export function stdFunction(importPath: string, name: string): StdFn | undefined {
  return TABLE[importPath]?.[name];
}

/** slices.Reverse and friends that mutate their argument in place. */
export function reverseInPlace(val: Val): boolean {
  if (val.kind !== 'bytes' && val.kind !== 'list') return false;
  val.v.reverse();
  val.how = addHow(val.how, ['reverse']);
  return true;
}

export { bytesToBinary };
