// Standard-library objects the evaluator models as values with methods: a strings.Replacer, a
// base64/base32 encoding with its own alphabet, an RC4 cipher. Each is a struct value whose type name
// holds a `.` (no package declares such a type), so the package's own methods are never looked up
// for it. Obfuscators reach for these because a plain `base64.StdEncoding` blob is what scanners decode.
import { addHow, asBinaryString, int, str, type Val, type Vals } from './values.js';
import { decodeWithAlphabet } from './stdlib.js';

type Struct = Extract<Val, { kind: 'struct' }>;

const REPLACER_TYPE = 'strings.Replacer';
const BASE64_TYPE = 'base64.Encoding';
const BASE32_TYPE = 'base32.Encoding';
const RC4_TYPE = 'rc4.Cipher';

function one(vals: Vals | undefined): Val | undefined {
  return vals && vals.length === 1 ? vals[0] : undefined;
}

function strField(recv: Struct, name: string): string | undefined {
  const v = one(recv.fields.get(name));
  return v?.kind === 'str' ? v.v : undefined;
}

function intField(recv: Struct, name: string): number | undefined {
  const v = one(recv.fields.get(name));
  return v?.kind === 'int' ? v.v : undefined;
}

function struct(type: string, fields: Record<string, Val>): Val {
  return { kind: 'struct', type, fields: new Map(Object.entries(fields).map(([k, v]) => [k, [v]])), how: [] };
}

/** `path.member(args)` when it makes one of the modelled objects, else undefined (not modelled). */
export function newStdObject(path: string, member: string, args: Vals[]): Vals | undefined {
  if (path === 'strings' && member === 'NewReplacer') return newReplacer(args);
  if ((path === 'encoding/base64' || path === 'encoding/base32') && member === 'NewEncoding') {
    const alphabet = one(args[0]);
    const size = path === 'encoding/base64' ? 64 : 32;
    if (alphabet?.kind !== 'str' || alphabet.v.length !== size || new Set(alphabet.v).size !== size) return [];
    return [struct(path === 'encoding/base64' ? BASE64_TYPE : BASE32_TYPE, { alphabet: alphabet, pad: int('='.charCodeAt(0))! })];
  }
  if (path === 'crypto/rc4' && member === 'NewCipher') {
    const key = one(args[0]);
    const bytes = key && asBinaryString(key);
    if (bytes === undefined || bytes.length < 1 || bytes.length > 256) return [];
    return [struct(RC4_TYPE, { key: str(bytes)!, used: int(0)! })];
  }
  return undefined;
}

/**
 * A method of a modelled object, or undefined when `recv` is not one. `padding` is what the
 * argument of `WithPadding` names (`NoPadding`, `StdPadding`, or a rune), read from the source
 * because those are constants of another package.
 */
export function stdObjectMethod(recv: Struct, method: string, args: Vals[], padding?: number): Vals | undefined {
  switch (recv.type) {
    case REPLACER_TYPE:
      return replacerMethod(recv, method, args);
    case BASE64_TYPE:
    case BASE32_TYPE:
      return encodingMethod(recv, method, args, padding);
    case RC4_TYPE:
      return rc4Method(recv, method, args);
    default:
      return undefined;
  }
}

/** `strings.NewReplacer(old1, new1, ...)` of known strings: the pairs, kept in a `pairs` field. */
function newReplacer(args: Vals[]): Vals {
  if (args.length % 2 !== 0 || args.length === 0) return [];
  const pairs: Val[] = [];
  for (const a of args) {
    const v = one(a);
    if (v?.kind !== 'str') return [];
    pairs.push(v);
  }
  return [{ kind: 'struct', type: REPLACER_TYPE, fields: new Map([['pairs', [{ kind: 'list', v: pairs, how: [] }]]]), how: [] }];
}

/**
 * `r.Replace(s)` as Go's Replacer does it: left to right, at each position the first pair (in
 * argument order) whose old string is there, without overlaps. An empty old string is not modelled.
 */
function replacerMethod(recv: Struct, method: string, args: Vals[]): Vals {
  const list = one(recv.fields.get('pairs'));
  const subject = one(args[0]);
  if (method !== 'Replace' || list?.kind !== 'list' || subject?.kind !== 'str') return [];
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < list.v.length; i += 2) {
    const [o, r] = [list.v[i], list.v[i + 1]];
    if (o?.kind !== 'str' || r?.kind !== 'str' || o.v === '') return [];
    pairs.push([o.v, r.v]);
  }
  let out = '';
  for (let i = 0; i < subject.v.length; ) {
    const hit = pairs.find(([o]) => subject.v.startsWith(o, i));
    if (hit) {
      out += hit[1];
      i += hit[0].length;
    } else {
      out += subject.v[i];
      i++;
    }
  }
  const value = str(out, addHow(['replace'], subject.how));
  return value ? [value] : [];
}

function encodingMethod(recv: Struct, method: string, args: Vals[], padding?: number): Vals {
  const alphabet = strField(recv, 'alphabet');
  const pad = intField(recv, 'pad');
  if (alphabet === undefined || pad === undefined) return [];
  if (method === 'Strict') return [recv];
  if (method === 'WithPadding') {
    if (padding === undefined) return [];
    return [{ ...recv, fields: new Map([...recv.fields, ['pad', [int(padding)!]]]) }];
  }
  const input = one(args[0]);
  const text = input && asBinaryString(input);
  if (method !== 'DecodeString' || text === undefined) return [];
  const bytes = decodeWithAlphabet(text, alphabet, pad);
  if (!bytes) return [];
  return [{ kind: 'bytes', v: bytes, runes: false, how: addHow([recv.type === BASE64_TYPE ? 'base64' : 'base32'], input!.how) }];
}

/** The RC4 key stream from its start: key scheduling, then `length` output bytes. */
function rc4Stream(key: string, length: number): number[] {
  const S = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + S[i]! + key.charCodeAt(i % key.length)) & 0xff;
    [S[i], S[j]] = [S[j]!, S[i]!];
  }
  const out: number[] = [];
  for (let n = 0, i = 0, j = 0; n < length; n++) {
    i = (i + 1) & 0xff;
    j = (j + S[i]!) & 0xff;
    [S[i], S[j]] = [S[j]!, S[i]!];
    out.push(S[(S[i]! + S[j]!) & 0xff]!);
  }
  return out;
}

/** Largest input one XORKeyStream call is run on. */
const MAX_RC4_BYTES = 64 * 1024;

/**
 * `c.XORKeyStream(dst, src)`: writes into `dst` (a byte slice value, changed in place as Go does) and
 * moves the cipher's position on, so a second call continues the stream.
 */
function rc4Method(recv: Struct, method: string, args: Vals[]): Vals {
  const key = strField(recv, 'key');
  const used = intField(recv, 'used');
  const dst = one(args[0]);
  const src = one(args[1]);
  if (method !== 'XORKeyStream' || key === undefined || used === undefined || dst?.kind !== 'bytes' || dst.runes || !src) return [];
  const input = asBinaryString(src);
  if (input === undefined || input.length > MAX_RC4_BYTES || dst.v.length < input.length) return [];
  const stream = rc4Stream(key, used + input.length).slice(used);
  for (let k = 0; k < input.length; k++) dst.v[k] = input.charCodeAt(k) ^ stream[k]!;
  dst.how = addHow(dst.how, ['xor'], src.how);
  recv.fields.set('used', [int(used + input.length)!]);
  return [];
}
