/** @module Canonical JSON, the pure SHA-256 and the rule-set content hash. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, hashRuleSet, sha256Hex } from '../../../../engine/core/ruleset/canonical.ts';
import { loadRuleSet, reverseKeys } from './fixtures.ts';

describe('canonicalJson', () => {
  it('sorts keys at every level and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('writes numbers and strings as JSON.stringify does, and -0 as 0', () => {
    expect(canonicalJson([1e21, 0.1, -0, 'é\n"', true, null])).toBe('[1e+21,0.1,0,"é\\n\\"",true,null]');
  });

  it('rejects values JSON cannot represent', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const bad of [
      undefined,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      () => 1,
      Symbol('s'),
      1n,
      new Date(0),
      cyclic,
      { a: undefined },
    ]) {
      expect(() => canonicalJson(bad)).toThrow(/Not a JSON value/);
    }
  });

  it('names where the non-JSON value sits', () => {
    expect(() => canonicalJson({ a: [1, { b: Number.NaN }] })).toThrow('/a/1/b');
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  it('parses back to an equal value for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('does not depend on key insertion order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (dict) => {
        const reversed = Object.fromEntries(Object.entries(dict).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(dict));
      }),
    );
  });
});

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 example vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('hashes the UTF-8 encoding of a string', () => {
    const text = '指挥棒 Baton 🎼';
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('agrees with node:crypto on a 1 MB string', () => {
    const big = `${'abcdefghij'.repeat(100_000)}规则`;
    expect(sha256Hex(big)).toBe(createHash('sha256').update(big, 'utf8').digest('hex'));
  });

  it('agrees with node:crypto around the padding boundaries', () => {
    for (let n = 50; n <= 130; n++) {
      const s = 'x'.repeat(n);
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s).digest('hex'));
    }
  });

  it('agrees with node:crypto on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
      }),
    );
  });
});

describe('hashRuleSet', () => {
  it('is stable under key reordering and ignores lifecycle metadata', () => {
    const ruleSet = loadRuleSet('v1');
    const reordered = reverseKeys(ruleSet);
    const republished = { ...ruleSet, version: { number: 1, status: 'archived' as const } };
    expect(hashRuleSet(reordered)).toBe(hashRuleSet(ruleSet));
    expect(hashRuleSet(republished)).toBe(hashRuleSet(ruleSet));
    expect(hashRuleSet(ruleSet)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any document changes', () => {
    const a = loadRuleSet('v1');
    const b = loadRuleSet('v1');
    (b.documents[0] as { name: { en: string } }).name.en = 'Renamed';
    expect(hashRuleSet(b)).not.toBe(hashRuleSet(a));
  });
});
