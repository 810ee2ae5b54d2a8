/** @module JSON Logic conformance: the shared compatible.json suite must pass 100% on both back ends. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '../../engine/core/rule-language.ts';

interface Case {
  description: string;
  rule: unknown;
  data?: unknown;
  result: unknown;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The public suite (Apache-2.0) is vendored in test/fixtures/jsonlogic/; the shared copy beside the
// checkout, when present, is the one read, so the two cannot drift apart unnoticed.
const sharedSuite = path.resolve(repoRoot, '../shared/conformance/jsonlogic/compatible.json');
const suitePath = existsSync(sharedSuite)
  ? sharedSuite
  : path.resolve(repoRoot, 'test/fixtures/jsonlogic/compatible.json');
const entries: unknown[] = JSON.parse(readFileSync(suitePath, 'utf8'));
const cases = entries.filter((e): e is Case => typeof e === 'object' && e !== null);

describe('JSON Logic compatible.json', () => {
  it('contains the expected number of cases', () => {
    expect(cases.length).toBe(278);
  });

  for (const backend of ['js', 'closure'] as const) {
    describe(`with the ${backend} back end`, () => {
      cases.forEach((c, i) => {
        it(`case ${i}: ${c.description} gives the reference result`, () => {
          expect(compile(c.rule, { backend })(c.data)).toEqual(c.result);
        });
      });
    });
  }

  it('matches the traced variant on every case', () => {
    for (const c of cases) {
      for (const backend of ['js', 'closure'] as const) {
        const traced = compile(c.rule, { backend, trace: true })(c.data) as { result: unknown };
        expect(traced.result).toEqual(c.result);
      }
    }
  });
});

describe('the vendored JSON Logic suite', () => {
  it('is the same file as the public suite beside the checkout (when it is there)', () => {
    const vendored = readFileSync(path.resolve(repoRoot, 'test/fixtures/jsonlogic/compatible.json'), 'utf8');
    expect(JSON.parse(vendored).length).toBeGreaterThan(200);
    if (existsSync(sharedSuite)) expect(vendored).toBe(readFileSync(sharedSuite, 'utf8'));
  });
});
