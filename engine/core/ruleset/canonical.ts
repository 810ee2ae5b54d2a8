/** @module Canonical JSON, a pure SHA-256 and the content hash of a rule set. */
import { ValidationError } from '../errors.ts';

/** Nesting deeper than this is rejected rather than risking the stack. */
const MAX_DEPTH = 512;

const pointer = (segments: readonly (string | number)[]): string =>
  segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

function reject(path: (string | number)[], what: string): never {
  throw new ValidationError(
    'canonical.not_json',
    {
      en: `Not a JSON value at ${pointer(path) || '/'}: ${what}`,
      zh: `${pointer(path) || '/'} 处不是 JSON 值：${what}`,
    },
    { path: pointer(path) },
  );
}

/**
 * Canonical JSON of a value: object keys sorted (by UTF-16 code units), no insignificant whitespace,
 * numbers and strings as `JSON.stringify` writes them (`-0` as `0`).
 * Throws a `ValidationError` (`canonical.not_json`) on anything JSON cannot represent: `undefined`,
 * functions, symbols, bigints, non-finite numbers, cycles, and objects that are not plain objects or arrays.
 */
export function canonicalJson(value: unknown): string {
  const path: (string | number)[] = [];
  const open = new Set<object>();
  const write = (v: unknown): string => {
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'number':
        if (!Number.isFinite(v)) reject(path, String(v));
        return JSON.stringify(v);
      case 'object': {
        if (v === null) return 'null';
        if (open.has(v)) reject(path, 'cycle');
        if (path.length >= MAX_DEPTH) reject(path, 'nested too deeply');
        open.add(v);
        let out: string;
        if (Array.isArray(v)) {
          const parts: string[] = [];
          for (let i = 0; i < v.length; i++) {
            path.push(i);
            parts.push(write(v[i]));
            path.pop();
          }
          out = `[${parts.join(',')}]`;
        } else {
          const proto = Object.getPrototypeOf(v);
          if (proto !== Object.prototype && proto !== null) reject(path, 'not a plain object');
          const parts: string[] = [];
          for (const key of Object.keys(v).sort()) {
            path.push(key);
            parts.push(`${JSON.stringify(key)}:${write((v as Record<string, unknown>)[key])}`);
            path.pop();
          }
          out = `{${parts.join(',')}}`;
        }
        open.delete(v);
        return out;
      }
      default:
        return reject(path, typeof v);
    }
  };
  return write(value);
}

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const utf8 = new TextEncoder();

/** SHA-256 (FIPS 180-4) of bytes, or of a string's UTF-8 encoding. Returns the 32-byte digest. */
export function sha256(input: string | Uint8Array): Uint8Array {
  const data = typeof input === 'string' ? utf8.encode(input) : input;
  const bitLength = data.length * 8;
  // Message + 0x80 + zero padding + 64-bit length, rounded up to whole 64-byte blocks.
  const blocks = Math.ceil((data.length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x1_0000_0000));
  view.setUint32(padded.length - 4, bitLength >>> 0);

  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  for (let block = 0; block < blocks; block++) {
    const offset = block * 64;
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let a = h[0]!;
    let b = h[1]!;
    let c = h[2]!;
    let d = h[3]!;
    let e = h[4]!;
    let f = h[5]!;
    let g = h[6]!;
    let hh = h[7]!;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i]! + w[i]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = h[0]! + a;
    h[1] = h[1]! + b;
    h[2] = h[2]! + c;
    h[3] = h[3]! + d;
    h[4] = h[4]! + e;
    h[5] = h[5]! + f;
    h[6] = h[6]! + g;
    h[7] = h[7]! + hh;
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, h[i]!);
  return out;
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Lower-case hex SHA-256 of a string (over its UTF-8 encoding) or of bytes. */
export function sha256Hex(input: string | Uint8Array): string {
  return toHex(sha256(input));
}

/**
 * Content hash of a rule set: SHA-256 of the canonical JSON of everything except `version`.
 * Lifecycle metadata is left out so that submitting, approving and publishing do not change the hash
 * that was reviewed. Throws like {@link canonicalJson} on non-JSON input.
 */
export function hashRuleSet(ruleSet: object): string {
  const { version: _version, ...content } = ruleSet as Record<string, unknown>;
  return sha256Hex(canonicalJson(content));
}

/** Deep equality of JSON values; numbers within 1e-9 (relative for large magnitudes). */
export function jsonEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEquals(x, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && jsonEquals((a as any)[k], (b as any)[k]));
  }
  return a === b;
}
