/** @module The generated demo year covers every case category of the 2026 seed with data its intake form accepts, routed to a unit. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { Form, RoutingTable } from '../../../schemas/types.gen.ts';
import { generateDemoCases } from '../../../seeds/generators/demo-case-plans.ts';
import { compileRouting, routeCase } from '../../../engine/core/routing/routing.ts';
import { fullCaseRuleSet, loadCaseSeed } from '../core/routing/cases-seed.ts';

const forms = loadCaseSeed().documents.filter(
  (d): d is Form => d.kind === 'form' && d.caseCategory !== undefined,
);
const plans = generateDemoCases({
  from: '2026-01-01T00:00:00+08:00',
  now: '2026-12-31T12:00:00+08:00',
  count: 3000,
});

describe('generateDemoCases', () => {
  it('covers every case category of the seed and no other', () => {
    const seeded = new Set(forms.map((f) => f.caseCategory!.code));
    const generated = new Set(plans.map((p) => p.category));
    expect(seeded.size).toBeGreaterThanOrEqual(40);
    expect([...generated].sort()).toEqual([...seeded].sort());
  });

  it('gives every case data its intake form accepts, on a channel the category offers', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const byCode = new Map(
      forms.map((f) => [f.caseCategory!.code, { form: f, valid: ajv.compile(f.schema) }]),
    );
    for (const plan of plans) {
      const { form, valid } = byCode.get(plan.category)!;
      const data = { content: plan.text, ...plan.data };
      expect(valid(data), `${plan.category}: ${JSON.stringify(valid.errors)}`).toBe(true);
      const channels = form.caseCategory!.channels;
      if (channels) expect(channels, plan.category).toContain(plan.channel);
    }
  });

  it('decides every generated case by a routing row of its own category', () => {
    const ruleSet = fullCaseRuleSet();
    const routing = compileRouting(ruleSet);
    const table = ruleSet.documents.find((d): d is RoutingTable => d.kind === 'routingTable')!.table;
    const rowCategory = new Map(table.rules.map((r) => [r.id, r.cells[0]]));
    for (const plan of plans) {
      const decision = routeCase(
        routing,
        {
          category: plan.category,
          text: plan.text,
          channel: plan.channel,
          streetId: plan.location.streetId,
          requesterType: plan.requester.type,
        },
        { asOf: plan.receivedAt },
      );
      expect(rowCategory.get(decision.rowId ?? ''), `${plan.category}: ${plan.text}`).toBe(
        JSON.stringify(plan.category),
      );
      expect(decision.leadUnitId, plan.text).not.toBe('');
    }
  });
});
