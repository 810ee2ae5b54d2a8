/** @module JSON Logic conformance: the shared compatible.json suite must pass 100% on both back ends. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../engine/core/rule-language.ts';
import { jsonLogicCases, sharedSuite, vendoredSuite } from './jsonlogic-suite.ts';

const cases = jsonLogicCases();

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
    const vendored = readFileSync(vendoredSuite, 'utf8');
    expect(JSON.parse(vendored).length).toBeGreaterThan(200);
    if (existsSync(sharedSuite)) expect(vendored).toBe(readFileSync(sharedSuite, 'utf8'));
  });
});
