/** @module The 2026 case seed documents validate, pass the rule-set check, have gap-free routing and passing embedded table tests. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { Form, RoutingTable, Workflow } from '../../../../schemas/types.gen.ts';
import { check } from '../../../../engine/core/ruleset/check.ts';
import { validate } from '../../../../engine/core/ruleset/validate.ts';
import { analyseTable } from '../../../../engine/core/tables/analyse.ts';
import { runTableTests } from '../../../../engine/core/tables/compile.ts';
import type { DecisionTable } from '../../../../engine/core/tables/types.ts';
import { checkWorkflowDocument } from '../../../../engine/core/workflow/index.ts';
import { fullCaseRuleSet, loadCaseSeed } from './cases-seed.ts';

const seed = loadCaseSeed();
const forms = seed.documents.filter((d): d is Form => d.kind === 'form');
const routing = seed.documents.find((d): d is RoutingTable => d.kind === 'routingTable')!;

describe('seeds/rulesets/cases-2026.json', () => {
  it('validates document by document against its schema', () => {
    for (const doc of seed.documents) expect(validate(doc.kind, doc), doc.id).toMatchObject({ ok: true });
  });

  it('passes the rule-set check with the demo units, without errors', () => {
    const result = validate('ruleSet', fullCaseRuleSet());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const errors = check(result.value).filter((i) => i.severity !== 'warning');
    expect(errors).toEqual([]);
  });

  it('has the case categories of a 12345 hotline, each with a Chinese intake form', () => {
    const codes = forms.map((f) => f.caseCategory?.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'urban.street-vending',
        'environment.garbage',
        'environment.noise',
        'utilities.water-outage',
        'utilities.gas',
        'labour.wage-arrears',
        'education.school',
        'health.medical',
        'traffic.road-damage',
        'housing.property-dispute',
        'environment.pollution',
        'market.consumer-complaint',
        'consult.policy',
        'urban.manhole-cover',
        'urban.street-light',
        'urban.greening',
        'urban.public-toilet',
        'environment.dog-nuisance',
        'environment.cooking-fumes',
        'environment.night-construction',
        'housing.parking',
        'housing.elevator',
        'housing.leak',
        'housing.property-fee',
        'housing.relocation',
        'labour.social-insurance',
        'labour.pension',
        'health.medical-insurance',
        'health.vaccination',
        'civil.minimum-living',
        'civil.disability',
        'civil.elderly-care',
        'education.preschool',
        'education.training',
        'market.food-safety',
        'market.drug-safety',
        'market.price-fraud',
        'traffic.taxi',
        'traffic.bus',
        'traffic.congestion',
        'traffic.parking-fee',
        'police.household-registration',
        'police.exit-entry',
        'business.enterprise-appeal',
        'consult.tax',
        'legal.legal-aid',
      ]),
    );
    expect(new Set(codes).size).toBe(codes.length);
    const ajv = new Ajv2020({ strict: false });
    for (const form of forms) {
      const props = (form.schema as { properties: Record<string, { title?: string }> }).properties;
      for (const [name, prop] of Object.entries(props))
        expect(prop.title, `${form.id}.${name}`).toMatch(/[\u4e00-\u9fff]/);
      const valid = ajv.compile(form.schema);
      expect(valid({ content: '路口有人占道经营，影响通行' }), form.id).toBe(
        !((form.schema as { required: string[] }).required.length > 1),
      );
    }
  });

  it('has a routing table with no analysis errors: a catch-all row leaves no gaps', () => {
    const issues = analyseTable(routing.table as unknown as DecisionTable);
    expect(issues.filter((i) => i.severity !== 'warning')).toEqual([]);
    expect(issues.filter((i) => i.code === 'table.gap')).toEqual([]);
    const last = routing.table.rules.at(-1)!;
    expect(last.cells.every((c) => c === '-')).toBe(true);
  });

  it('passes the tests embedded in the routing table', () => {
    const report = runTableTests(routing.table as unknown as DecisionTable);
    expect(report.failed).toEqual([]);
    expect(report.passed).toBeGreaterThanOrEqual(20);
  });

  it('has a workflow with every state reachable and no dead ends', () => {
    const wf = seed.documents.find((d): d is Workflow => d.kind === 'workflow')!;
    expect(checkWorkflowDocument(wf)).toEqual([]);
    expect(wf.final).toEqual(['closed', 'rejected', 'answered', 'merged']);
  });
});
