/** @module The document-kind registry: one entry per rule-set document schema, unique orders, and each kind's check and diff on a tiny sample. */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuleSet } from '../../../../../schemas/types.gen.ts';
import { check } from '../../../../../engine/core/ruleset/check.ts';
import { diffRuleSets } from '../../../../../engine/core/ruleset/diff.ts';
import {
  DOCUMENT_KIND_REGISTRY,
  DOCUMENT_KINDS,
  documentKind,
  kindLabel,
} from '../../../../../engine/core/ruleset/kinds/registry.ts';
import { loadRuleSet } from '../fixtures.ts';

const schemaDir = resolve(import.meta.dirname, '../../../../../schemas');

/** The `kind` const of each schema file whose documents carry one (rule sets, bundles and shared schemas do not count). */
function documentSchemaKinds(): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json'))) {
    const schema = JSON.parse(readFileSync(resolve(schemaDir, file), 'utf8')) as {
      properties?: { kind?: { const?: unknown } };
    };
    const kind = schema.properties?.kind?.const;
    if (typeof kind === 'string' && kind !== 'ruleSet' && kind !== 'decisionTable') kinds.set(kind, file);
  }
  return kinds;
}

describe('the document-kind registry', () => {
  it('has an entry for every document schema under schemas/, naming that schema, and no other', () => {
    const schemas = documentSchemaKinds();
    expect(schemas.size).toBeGreaterThan(0);
    expect(DOCUMENT_KIND_REGISTRY.map((k) => k.kind).sort()).toEqual([...schemas.keys()].sort());
    for (const entry of DOCUMENT_KIND_REGISTRY) expect(entry.schemaFile).toBe(schemas.get(entry.kind));
  });

  it('places in `documents` exactly the kinds the rule-set schema allows there', () => {
    const ruleSetSchema = JSON.parse(readFileSync(resolve(schemaDir, 'rule-set.schema.json'), 'utf8')) as {
      $defs: { document: { oneOf: { $ref: string }[] } };
    };
    const allowed = ruleSetSchema.$defs.document.oneOf.map((r) => r.$ref).sort();
    expect(DOCUMENT_KINDS.map((kind) => documentKind(kind)!.schemaFile).sort()).toEqual(allowed);
  });

  it('gives each kind a unique order and keeps the list in that order', () => {
    const orders = DOCUMENT_KIND_REGISTRY.map((k) => k.order);
    expect(new Set(orders).size).toBe(orders.length);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });

  it('names each kind in Chinese and English, and finds kinds by name', () => {
    for (const entry of DOCUMENT_KIND_REGISTRY) {
      expect(entry.label.zh).not.toBe('');
      expect(entry.label.en).not.toBe('');
      expect(documentKind(entry.kind)).toBe(entry);
      expect(kindLabel(entry.kind, 'zh')).toBe(entry.label.zh);
    }
    expect(documentKind('nonsense')).toBeUndefined();
    expect(kindLabel('nonsense', 'en')).toBe('nonsense');
    expect(kindLabel('assessmentPolicy', 'zh')).toBe('考核政策');
  });

  it('summarises a document by its name in both languages', () => {
    const doc = { kind: 'unit', id: 'u1', name: { zh: '甲街道', en: 'Street A' } };
    expect(documentKind('unit')!.summary(doc)).toEqual({ zh: '甲街道', en: 'Street A' });
    expect(documentKind('workflow')!.summary({ id: 'w', states: [{}, {}] }).en).toBe('w (2 states)');
  });
});

describe('each kind on a tiny sample', () => {
  const base = (documents: unknown[], calendars?: unknown[]): RuleSet =>
    ({
      ...loadRuleSet('v1'),
      documents,
      ...(calendars ? { calendars } : {}),
    }) as RuleSet;

  it('checks units through the unit kind', () => {
    const issues = check(
      base([
        {
          kind: 'unit',
          id: 'u1',
          schemaVersion: 1,
          name: { zh: '甲', en: 'A' },
          type: 'street',
          parentId: 'nope',
        },
      ]),
    );
    expect(issues.map((i) => i.code)).toContain('ref.unresolved');
    expect(issues.find((i) => i.code === 'ref.unresolved')!.path).toBe('/documents/0/parentId');
  });

  it('checks light rules through the light-rule kind', () => {
    const light = { kind: 'lightRule', id: 'l1', schemaVersion: 1, tolerances: { green: 0.5, yellow: 0.1 } };
    expect(check(base([light])).map((i) => i.code)).toContain('lightRule.tolerances_order');
  });

  it('diffs every kind of the fixture rule sets with the kind-specific change types', () => {
    const changes = diffRuleSets(loadRuleSet('v1'), loadRuleSet('v2'));
    const kinds = new Set(changes.map((c) => c.kind));
    for (const kind of kinds) if (kind !== 'ruleSet') expect(documentKind(kind), kind).toBeDefined();
    // Kinds come out in the registry's order, after the rule-set header.
    const ranks = changes.map((c) => (c.kind === 'ruleSet' ? 0 : documentKind(c.kind)!.order));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('uses a kind’s own diff and falls back to the generic deep diff for kinds without one', () => {
    const light = (yellow: number) => ({
      kind: 'lightRule',
      id: 'l1',
      schemaVersion: 1,
      tolerances: { green: 0.05, yellow },
    });
    const rule = (r: unknown) => ({ kind: 'scoringRule', id: 's1', schemaVersion: 1, rule: r });
    const changes = diffRuleSets(
      base([light(0.1), rule({ var: 'a' })]),
      base([light(0.2), rule({ var: 'b' })]),
    );
    expect(changes.map((c) => [c.kind, c.change, c.path])).toEqual([
      ['scoringRule', 'ruleChanged', '/rule'],
      ['lightRule', 'changed', '/tolerances/yellow'],
    ]);
  });
});
