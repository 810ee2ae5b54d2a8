/** @module HMAC-SHA256 against RFC 4231, bundle signing and verification, and the inline-secret scan. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createBundle,
  findInlineSecrets,
  hmacSha256Hex,
  signBundle,
  verifyBundle,
} from '../../../../engine/core/ruleset/bundle.ts';
import { documentById, loadRuleSet, reverseKeys } from './fixtures.ts';

const hex = (h: string) => Uint8Array.from(h.match(/../g)!.map((b) => Number.parseInt(b, 16)));

describe('hmacSha256', () => {
  it('matches the RFC 4231 test vectors', () => {
    const cases: [Uint8Array | string, Uint8Array | string, string][] = [
      [hex('0b'.repeat(20)), 'Hi There', 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
      [
        'Jefe',
        'what do ya want for nothing?',
        '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
      ],
      [
        hex('aa'.repeat(20)),
        hex('dd'.repeat(50)),
        '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
      ],
      [
        hex('0102030405060708090a0b0c0d0e0f10111213141516171819'),
        hex('cd'.repeat(50)),
        '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
      ],
      [
        hex('aa'.repeat(131)),
        'Test Using Larger Than Block-Size Key - Hash Key First',
        '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
      ],
      [
        hex('aa'.repeat(131)),
        'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
        '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
      ],
    ];
    for (const [key, message, expected] of cases) expect(hmacSha256Hex(key, message)).toBe(expected);
  });

  it('truncates to the RFC 4231 case 5 value', () => {
    expect(hmacSha256Hex(hex('0c'.repeat(20)), 'Test With Truncation').slice(0, 32)).toBe(
      'a3b6167473100ee06e0c796c2955552b',
    );
  });

  it('agrees with node:crypto on UTF-8 keys and messages', () => {
    expect(hmacSha256Hex('密钥', '规则集 bundle')).toBe(
      createHmac('sha256', '密钥').update('规则集 bundle').digest('hex'),
    );
  });
});

describe('bundles', () => {
  const key = { keyId: 'k2026', secret: 'shared secret of both districts' };
  const bundle = () =>
    signBundle(
      createBundle({
        ruleSet: loadRuleSet('v1'),
        exportedAt: '2026-02-01T08:00:00Z',
        sourceRevision: 'district-a:district-2026@1',
      }),
      key,
    );

  it('verifies a bundle signed with the same key', () => {
    const signed = bundle();
    expect(signed.format).toBe('baton-bundle');
    expect(signed.signature).toMatchObject({ alg: 'HMAC-SHA256', keyId: 'k2026' });
    expect(signed.signature.value).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyBundle(signed, key)).toEqual({ ok: true });
    expect(verifyBundle(signed, [{ keyId: 'old', secret: 'x' }, key])).toEqual({ ok: true });
  });

  it('survives a JSON round trip with reordered keys', () => {
    const signed = bundle();
    const copy = reverseKeys(JSON.parse(JSON.stringify(signed)));
    expect(verifyBundle(copy, key)).toEqual({ ok: true });
  });

  it('rejects a bundle whose rule set was altered', () => {
    const signed = bundle();
    (signed.ruleSet.documents[0] as { name: { en: string } }).name.en = 'Tampered';
    const result = verifyBundle(signed, key);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issue.code).toBe('bundle.bad_signature');
  });

  it('rejects a wrong key, an unknown key id and a swapped key id', () => {
    const signed = bundle();
    const wrong = verifyBundle(signed, { keyId: 'k2026', secret: 'guess' });
    expect(!wrong.ok && wrong.issue.code).toBe('bundle.bad_signature');
    const unknown = verifyBundle(signed, { keyId: 'other', secret: key.secret });
    expect(!unknown.ok && unknown.issue.code).toBe('bundle.unknown_key');
    const swapped = { ...signed, signature: { ...signed.signature, keyId: 'k2027' } };
    const swappedResult = verifyBundle(swapped, { keyId: 'k2027', secret: key.secret });
    expect(!swappedResult.ok && swappedResult.issue.code).toBe('bundle.bad_signature');
  });

  it('reports malformed input without throwing', () => {
    for (const junk of [null, 42, 'bundle', {}, { format: 'baton-bundle', version: 1 }]) {
      const result = verifyBundle(junk, key);
      expect(!result.ok && result.issue.code).toBe('bundle.malformed');
      expect(!result.ok && result.issue.messageZh).toBeTruthy();
    }
  });
});

describe('findInlineSecrets', () => {
  it('finds nothing in the fixture, whose secrets are references', () => {
    expect(findInlineSecrets(loadRuleSet('v1'))).toEqual([]);
  });

  it('reports secret-named keys and secret-looking values, with their paths', () => {
    const ruleSet = loadRuleSet('v1');
    const { doc, index } = documentById(ruleSet, 'plugin-grid');
    doc.config = {
      baseUrl: 'https://grid.example.gov',
      apiKey: 'plain-text-key',
      auth: { password: 'hunter2', user: 'baton' },
      headers: ['Bearer abcdefghijklmnop'],
      dsn: 'postgres://baton:s3cret@db.example.gov/grid',
      blob: 'q8Zr2LxP0vT7mN4kW9yB3cD6fH1jK5sQ',
      pem: '-----BEGIN PRIVATE KEY-----\nMIIE...',
      ok: { $secret: 'GRID_TOKEN' },
      retries: 3,
      note: 'plain words are fine here',
    };
    const paths = findInlineSecrets(ruleSet).map((i) => i.path);
    const at = `/documents/${index}/config`;
    expect(paths.sort()).toEqual(
      [
        `${at}/apiKey`,
        `${at}/auth/password`,
        `${at}/headers/0`,
        `${at}/dsn`,
        `${at}/blob`,
        `${at}/pem`,
      ].sort(),
    );
    expect(findInlineSecrets(ruleSet).every((i) => i.code === 'plugin.inline_secret' && i.messageZh)).toBe(
      true,
    );
  });

  it('does not throw on garbage', () => {
    expect(findInlineSecrets(null)).toEqual([]);
    expect(findInlineSecrets({ documents: [null, 1, { kind: 'pluginBinding', config: 'x' }] })).toEqual([]);
  });
});
