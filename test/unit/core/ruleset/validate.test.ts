/** @module validate never throws and reports bilingual issues with JSON-pointer paths; sanitize fills defaults. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS } from '../../../../engine/core/ruleset/kinds/registry.ts';
import { sanitize, validate } from '../../../../engine/core/ruleset/validate.ts';
import { documentById, loadRuleSet } from './fixtures.ts';

describe('validate', () => {
  it('accepts both fixture rule sets and each of their documents by kind', () => {
    for (const version of ['v1', 'v2'] as const) {
      const ruleSet = loadRuleSet(version);
      expect(validate('ruleSet', ruleSet)).toEqual({ ok: true, value: ruleSet });
      for (const doc of ruleSet.documents) expect(validate(doc.kind, doc).ok).toBe(true);
    }
  });

  it('covers every document kind in the fixture', () => {
    const kinds = new Set(loadRuleSet('v1').documents.map((d) => d.kind));
    expect([...kinds].sort()).toEqual([...DOCUMENT_KINDS].sort());
  });

  it('points a missing required property at the property, in English and Chinese', () => {
    const ruleSet = loadRuleSet('v1');
    const { doc, index } = documentById(ruleSet, 'ind-u-hazards');
    delete doc.level;
    const result = validate('ruleSet', ruleSet);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual({
      path: `/documents/${index}/level`,
      code: 'schema.required',
      message: 'Required property "level" is missing',
      messageZh: '缺少必填属性“level”',
      severity: 'error',
    });
  });

  it('reports unknown properties, wrong enums and the formId a form-fed indicator needs', () => {
    const ruleSet = loadRuleSet('v1');
    const { doc, index } = documentById(ruleSet, 'ind-u-inspections');
    doc.colour = 'red';
    doc.period = 'weekly';
    delete doc.formId;
    const result = validate('ruleSet', ruleSet);
    if (result.ok) throw new Error('expected issues');
    const byPath = Object.fromEntries(result.issues.map((i) => [i.path, i.code]));
    expect(byPath[`/documents/${index}/colour`]).toBe('schema.additionalProperties');
    expect(byPath[`/documents/${index}/period`]).toBe('schema.enum');
    expect(byPath[`/documents/${index}/formId`]).toBe('schema.required');
    expect(result.issues.every((i) => i.messageZh && i.message)).toBe(true);
  });

  it('reports an unknown document kind at the kind', () => {
    const ruleSet = loadRuleSet('v1');
    (ruleSet.documents[0] as { kind: string }).kind = 'spreadsheet';
    const result = validate('ruleSet', ruleSet);
    expect(!result.ok && result.issues[0]).toMatchObject({
      path: '/documents/0/kind',
      code: 'schema.discriminator',
    });
  });

  it('refuses an unknown kind argument', () => {
    const result = validate('nonsense' as 'unit', {});
    expect(!result.ok && result.issues[0]?.code).toBe('validate.unknown_kind');
  });

  it('reports cycles, non-JSON values and absurd nesting instead of throwing', () => {
    const cyclic: Record<string, unknown> = { kind: 'unit' };
    cyclic.self = cyclic;
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 10_000; i++) {
      cursor.x = {};
      cursor = cursor.x as Record<string, unknown>;
    }
    const cases: [unknown, string][] = [
      [cyclic, 'json.cycle'],
      [{ kind: 'unit', n: Number.NaN }, 'json.not_json'],
      [{ kind: 'unit', when: new Date(0) }, 'json.not_json'],
      [{ kind: 'unit', f: () => 1 }, 'json.not_json'],
      [deep, 'json.too_deep'],
    ];
    for (const [raw, code] of cases) {
      const result = validate('unit', raw);
      expect(!result.ok && result.issues.map((i) => i.code)).toContain(code);
    }
  });

  it('never throws, whatever it is given', () => {
    const kinds = [...DOCUMENT_KINDS, 'ruleSet', 'bundle', 'calendar', 'decisionTable'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.anything({
          withNullPrototype: true,
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withTypedArray: true,
          withSparseArray: true,
          withBoxedValues: true,
        }),
        (kind, raw) => {
          const result = validate(kind, raw);
          if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on garbage placed inside a valid rule set', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.anything(), (at, garbage) => {
        const ruleSet = loadRuleSet('v1');
        (ruleSet.documents as unknown[])[at] = garbage;
        expect(() => validate('ruleSet', ruleSet)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it('survives a getter that throws', () => {
    const hostile = { kind: 'unit' };
    Object.defineProperty(hostile, 'id', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    const result = validate('unit', hostile);
    expect(!result.ok && result.issues[0]?.code).toBe('validate.internal');
  });
});

describe('sanitize', () => {
  it('fills defaults inside documents of a rule set without touching the input', () => {
    const ruleSet = loadRuleSet('v1');
    const before = JSON.stringify(ruleSet);
    const clean = sanitize('ruleSet', ruleSet);
    expect(JSON.stringify(ruleSet)).toBe(before);
    const hazards = documentById(clean, 'ind-u-hazards').doc;
    expect(hazards.veto).toBe(false);
    expect(hazards.maxScore).toBe(100);
    expect(documentById(clean, 'unit.dispatch').doc.active).toBe(true);
    expect(documentById(clean, 'wf-case').doc.transitions[6].effects).toEqual([]);
    expect(documentById(clean, 'form-inspections').doc.checks).toEqual([]);
  });

  it('keeps values that are set', () => {
    const clean = sanitize('ruleSet', loadRuleSet('v1'));
    expect(documentById(clean, 'ind-u-accidents').doc.veto).toBe(true);
    expect(validate('ruleSet', clean).ok).toBe(true);
  });
});
