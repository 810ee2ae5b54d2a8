/** @module Loads the rule-set fixtures: a complete valid rule set (v1) and its changed successor (v2). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RuleSet } from '../../../../schemas/types.gen.ts';

const dir = resolve(import.meta.dirname, '../../../fixtures/rulesets');

/** A fresh copy of a fixture rule set (tests may mutate it). */
export function loadRuleSet(version: 'v1' | 'v2'): RuleSet {
  return JSON.parse(readFileSync(resolve(dir, `district-2026.${version}.json`), 'utf8')) as RuleSet;
}

/** The document of a rule set with an id, and its index. */
export function documentById(ruleSet: RuleSet, id: string): { doc: any; index: number } {
  const index = ruleSet.documents.findIndex((d) => d.id === id);
  if (index === -1) throw new Error(`no document ${id}`);
  return { doc: ruleSet.documents[index], index };
}

/** A deep copy of a JSON value with every object's keys in reverse order. */
export function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    ) as T;
  return value;
}
