/** @module The demo district's full rule set validates and checks with zero errors, uses every Baton operator, and scores its history. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../../engine/core/ruleset/check.ts';
import { validate } from '../../../engine/core/ruleset/validate.ts';
import { batonOperators } from '../../../engine/core/scoring/operators/index.ts';
import { compilePerformanceModel, computeScores } from '../../../engine/core/scoring/pipeline.ts';
import type { Indicator, RuleSet } from '../../../schemas/types.gen.ts';
import { buildDistrictRuleSet, type SeedUnit } from '../../../seeds/generators/district-ruleset.ts';
import { generateDemoHistory } from '../../../seeds/generators/demo-history.ts';

const root = resolve(import.meta.dirname, '../../..');
const ruleSet = JSON.parse(
  readFileSync(resolve(root, 'seeds/rulesets/district-2026-full.json'), 'utf8'),
) as RuleSet;
const units = JSON.parse(readFileSync(resolve(root, 'seeds/units.json'), 'utf8')) as SeedUnit[];

function operatorsIn(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const n of node) operatorsIn(n, out);
  else if (typeof node === 'object' && node !== null) {
    const keys = Object.keys(node);
    if (keys.length === 1) out.add(keys[0]!);
    for (const v of Object.values(node)) operatorsIn(v, out);
  }
  return out;
}

describe('the demo district rule set', () => {
  it('is what the builder produces from seeds/units.json', () => {
    expect(buildDistrictRuleSet(units).ruleSet).toEqual(ruleSet);
  });

  it('validates and checks with zero errors', () => {
    const v = validate('ruleSet', ruleSet);
    expect(v.ok ? [] : v.issues).toEqual([]);
    expect(check(ruleSet).filter((i) => i.severity !== 'warning')).toEqual([]);
  });

  it('has about 120 indicators in three levels with weights, AHP, veto, bonus and deduction items', () => {
    const indicators = ruleSet.documents.filter((d): d is Indicator => d.kind === 'indicator');
    expect(indicators.length).toBeGreaterThanOrEqual(110);
    expect(new Set(indicators.map((i) => i.level))).toEqual(new Set(['city', 'district', 'unit']));
    expect(indicators.some((i) => i.ahp)).toBe(true);
    expect(indicators.filter((i) => i.veto).map((i) => i.name.zh)).toContain('安全生产重大事故一票否决');
    expect(indicators.some((i) => i.adjustment === 'bonus')).toBe(true);
    expect(indicators.some((i) => i.adjustment === 'deduction')).toBe(true);
    expect(indicators.some((i) => i.evidence?.required)).toBe(true);
    const leaves = indicators.filter((i) => i.level === 'unit');
    const forms = new Set(ruleSet.documents.filter((d) => d.kind === 'form').map((d) => d.id));
    expect(leaves.every((l) => l.formId !== undefined && forms.has(l.formId))).toBe(true);
    const unitIds = new Set(units.map((u) => u.id));
    expect(leaves.flatMap((l) => l.owners ?? []).every((u) => unitIds.has(u))).toBe(true);
  });

  it('uses every operator of the Baton catalogue at least once', () => {
    const used = new Set<string>();
    for (const d of ruleSet.documents) {
      if (d.kind === 'indicator') operatorsIn(d.scoringRule, used);
      if (d.kind === 'scoringRule') operatorsIn(d.rule, used);
    }
    expect(batonOperators.map((o) => o.name).filter((n) => !used.has(n))).toEqual([]);
  });

  it('scores a generated quarter without rule errors and with consistent AHP weights', () => {
    const { leafTemplates } = buildDistrictRuleSet(units);
    const history = generateDemoHistory({ ruleSet, leafTemplates, lastMonth: 3 });
    expect(generateDemoHistory({ ruleSet, leafTemplates, lastMonth: 3 })).toEqual(history);
    const model = compilePerformanceModel(ruleSet);
    expect(model.issues).toEqual([]);
    const state = computeScores(model, history);
    const statuses = new Set(state.scores.filter((s) => s !== undefined).map((s) => s!.status));
    expect([...statuses].sort()).toEqual(['missing', 'scored']);
    expect(state.results.size).toBe(76 * 3);
  });
});
