/** @module A rule set whose embedded scoring-rule test nests loops over large constant arrays (issue 13): hostile input for validate. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/** A valid fixture rule set (without `version`). */
export function fixtureRuleSet(name = 'district-2026.v1.json'): Record<string, any> {
  const { version: _v, ...content } = JSON.parse(
    readFileSync(resolve(root, 'test/fixtures/rulesets', name), 'utf8'),
  ) as Record<string, any>;
  return content;
}

/**
 * The fixture with its first scoring rule replaced by map(n) × reduce(n) over constant arrays
 * (n² steps; 1e10 for the default n = 1e5) and a test that runs it.
 */
export function hostileRuleSet(n = 100_000): Record<string, any> {
  const ruleSet = fixtureRuleSet();
  const xs = Array.from({ length: n }, (_, i) => i % 10);
  const rule = { map: [xs, { reduce: [xs, { '+': [{ var: 'accumulator' }, { var: 'current' }] }, 0] }] };
  const documents = ruleSet.documents as Record<string, any>[];
  const index = documents.findIndex((d) => d.kind === 'scoringRule');
  if (index < 0) throw new Error('the fixture has no scoring rule');
  documents[index] = {
    ...documents[index],
    params: [],
    rule,
    tests: [{ name: 'hostile', input: {}, expected: 0 }],
  };
  return ruleSet;
}
