/** @module Cross-document checks: references, weights, levels, rules, tables, workflows, four-eyes. */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../../../engine/core/errors.ts';
import type { RuleTools } from '../../../../engine/core/ruleset/kinds/kind.ts';
import { check, defaultRuleTools } from '../../../../engine/core/ruleset/check.ts';
import type { LadderStep } from '../../../../engine/core/routing/ladder.ts';
import { LADDER } from '../routing/cases-seed.ts';
import { documentById, loadRuleSet } from './fixtures.ts';

const errors = (issues: Issue[]) => issues.filter((i) => i.severity !== 'warning');
const codesAt = (issues: Issue[]) => issues.map((i) => `${i.code} ${i.path}`);

describe('check', () => {
  it('finds nothing wrong with either fixture', () => {
    expect(check(loadRuleSet('v1'))).toEqual([]);
    expect(check(loadRuleSet('v2'))).toEqual([]);
  });

  it('reports every unresolved reference at its path', () => {
    const rs = loadRuleSet('v1');
    const ind = documentById(rs, 'ind-u-inspections');
    ind.doc.formId = 'form-missing';
    ind.doc.lightRuleId = 'light-missing';
    ind.doc.owners = ['unit.street-01', 'unit.ghost'];
    ind.doc.targets[1].unitId = 'unit.ghost';
    ind.doc.scoringRuleRef.id = 'score-missing';
    const hazards = documentById(rs, 'ind-u-hazards');
    hazards.doc.parentId = 'ind-nowhere';
    const routing = documentById(rs, 'routing-main');
    routing.doc.table.rules[0].outputs = ['unit.ghost', 'unit.env,unit.phantom', 'normal', 'sla-missing'];
    const sla = documentById(rs, 'sla-standard');
    sla.doc.calendarId = 'cal-missing';
    const issues = check(rs, { ...defaultRuleTools });
    const at = (i: number) => `/documents/${i}`;
    expect(codesAt(issues)).toEqual(
      expect.arrayContaining([
        `ref.unresolved ${at(ind.index)}/formId`,
        `ref.unresolved ${at(ind.index)}/lightRuleId`,
        `ref.unresolved ${at(ind.index)}/owners/1`,
        `ref.unresolved ${at(ind.index)}/targets/1/unitId`,
        `ref.unresolved ${at(ind.index)}/scoringRuleRef/id`,
        `ref.unresolved ${at(hazards.index)}/parentId`,
        `ref.unresolved ${at(routing.index)}/table/rules/0/outputs/0`,
        `ref.unresolved ${at(routing.index)}/table/rules/0/outputs/1`,
        `ref.unresolved ${at(routing.index)}/table/rules/0/outputs/3`,
        `ref.missing_calendar ${at(sla.index)}/calendarId`,
      ]),
    );
    expect(issues.find((i) => i.code === 'ref.missing_calendar')?.severity).toBe('error');
    expect(issues.every((i) => i.messageZh)).toBe(true);
  });

  it('requires sibling weights to sum to 1 within 1e-6', () => {
    const rs = loadRuleSet('v1');
    documentById(rs, 'ind-u-inspections').doc.weight = 0.4 + 5e-7;
    expect(check(rs)).toEqual([]);
    const hazards = documentById(rs, 'ind-u-hazards');
    hazards.doc.weight = 0.5;
    const issues = check(rs);
    expect(issues.map((i) => i.code)).toEqual(['indicator.weights_sum']);
    expect(issues[0]?.message).toContain('sum to 1.1000005');
  });

  it('rejects mixed fixed and AHP weights and AHP criteria that are not the children', () => {
    const rs = loadRuleSet('v1');
    documentById(rs, 'ind-u-satisfaction').doc.weight = 0.5;
    expect(check(rs).map((i) => i.code)).toContain('indicator.weights_mixed');
    const rs2 = loadRuleSet('v1');
    const service = documentById(rs2, 'ind-d-service');
    service.doc.ahp.criteria = ['ind-u-ontime', 'ind-u-hazards'];
    service.doc.ahp.matrix = [
      [1, 2, 3],
      [0.5, 1, 1],
      [1 / 3, 1, 1],
    ];
    expect(check(rs2).map((i) => i.code)).toEqual(['indicator.ahp_criteria', 'indicator.ahp_matrix_shape']);
  });

  it('enforces the three levels and data sources on leaves', () => {
    const rs = loadRuleSet('v1');
    const hazards = documentById(rs, 'ind-u-hazards');
    hazards.doc.parentId = 'ind-city-gov';
    delete hazards.doc.weight;
    const ontime = documentById(rs, 'ind-u-ontime');
    delete ontime.doc.dataSource;
    const codes = check(rs).map((i) => i.code);
    expect(codes).toContain('indicator.level');
    expect(codes).toContain('indicator.leaf_without_source');
  });

  it('runs the embedded tests of scoring rules with the rule language', () => {
    const rs = loadRuleSet('v1');
    const rule = documentById(rs, 'score-ratio');
    rule.doc.tests[1].expected = 300;
    const issues = check(rs);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'scoringRule.test_failed',
      path: `/documents/${rule.index}/tests/1`,
    });
    expect(issues[0]?.message).toContain('expected 300 but the rule gave 100');
  });

  it('reports a rule that does not compile', () => {
    const rs = loadRuleSet('v1');
    documentById(rs, 'score-ratio').doc.rule = { noSuchOperator: [1] };
    expect(check(rs).map((i) => i.code)).toContain('scoringRule.compile_failed');
  });

  it('type-checks scoring rules against the schema of the form they read', () => {
    const rs = loadRuleSet('v1');
    const hazards = documentById(rs, 'ind-u-hazards');
    const seen: unknown[] = [];
    const tools: RuleTools = {
      ...defaultRuleTools,
      checkRule: (rule, schema) => {
        seen.push(schema);
        return JSON.stringify(rule).includes('entry.fixed')
          ? [{ path: '/if/2', code: 'logic.test', message: 'seen', severity: 'error' }]
          : [];
      },
    };
    const issues = check(rs, tools);
    expect(issues).toContainEqual({
      path: `/documents/${hazards.index}/scoringRule/if/2`,
      code: 'logic.test',
      message: 'seen',
      severity: 'error',
    });
    const hazardSchema = seen.find(
      (s) => JSON.stringify(s).includes('"found"') && JSON.stringify(s).includes('"target"'),
    ) as { properties: { entry: { properties: Record<string, unknown> } } };
    expect(Object.keys(hazardSchema.properties.entry.properties).sort()).toEqual([
      'fixRate',
      'fixed',
      'found',
    ]);
  });

  it('finds a scoring rule reading a field its form does not have, with the real checker', () => {
    const rs = loadRuleSet('v1');
    const hazards = documentById(rs, 'ind-u-hazards');
    hazards.doc.scoringRule = { '*': [100, { var: 'entry.nonexistent' }] };
    const issues = errors(check(rs));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]?.path.startsWith(`/documents/${hazards.index}/scoringRule`)).toBe(true);
  });

  it('checks the parameters passed to a reusable scoring rule', () => {
    const rs = loadRuleSet('v1');
    documentById(rs, 'ind-u-inspections').doc.scoringRuleRef.params = { cap: 'high', bonus: 1 };
    expect(
      check(rs)
        .map((i) => i.code)
        .sort(),
    ).toEqual(['scoringRule.param_type', 'scoringRule.unknown_param']);
  });

  it('requires the routing outputs and SLA limits for every priority a row outputs', () => {
    const rs = loadRuleSet('v1');
    const sla = documentById(rs, 'sla-standard');
    sla.doc.limits = sla.doc.limits.filter((l: { priority: string }) => l.priority !== 'urgent');
    const routing = documentById(rs, 'routing-main');
    const issues = check(rs);
    expect(codesAt(issues)).toEqual([
      `routing.priority_not_covered /documents/${routing.index}/table/rules/3/outputs/2`,
    ]);
  });

  it('passes on the table analysis with paths inside the routing table', () => {
    const rs = loadRuleSet('v1');
    const routing = documentById(rs, 'routing-main');
    routing.doc.table.rules.pop();
    routing.doc.table.hitPolicy = 'U';
    const issues = check(rs).filter((i) => i.code.startsWith('table.'));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.path.startsWith(`/documents/${routing.index}/table`))).toBe(true);
  });

  it('finds unreachable states, dead ends and unknown state names in a workflow', () => {
    const rs = loadRuleSet('v1');
    const wf = documentById(rs, 'wf-case');
    wf.doc.states.push({ name: 'limbo', label: { en: 'Limbo', zh: '悬置' } });
    wf.doc.transitions = wf.doc.transitions.filter((t: { id: string }) => t.id !== 't-close');
    wf.doc.transitions.push({ from: 'handled', to: 'nowhere', action: 'vanish', roles: ['unit'] });
    const at = `/documents/${wf.index}`;
    expect(codesAt(check(rs))).toEqual(
      expect.arrayContaining([
        `workflow.unknown_state ${at}/transitions/7/to`,
        `workflow.unreachable_state ${at}/states/6`,
        `workflow.unreachable_state ${at}/states/7`,
        `workflow.dead_end ${at}/states/7`,
      ]),
    );
  });

  it("reports the workflow checker's codes, declared actions and pause states of SLA policies", () => {
    const rs = loadRuleSet('v1');
    const wf = documentById(rs, 'wf-case');
    const actions = [...new Set(wf.doc.transitions.map((t: { action: string }) => t.action))] as string[];
    wf.doc.actions = actions
      .filter((a) => a !== 'dispatch')
      .map((name) => ({ name, label: { en: name, zh: name } }));
    wf.doc.actions.push({ name: 'ghost', label: { en: 'Ghost', zh: '幽灵' } });
    wf.doc.actions.push({ name: 'ghost', label: { en: 'Ghost', zh: '幽灵' } });
    const sla = rs.documents.findIndex((d: { kind: string }) => d.kind === 'slaPolicy');
    (rs.documents[sla] as { pauseInStates?: string[] }).pauseInStates = ['nap'];
    const codes = codesAt(check(rs));
    const at = `/documents/${wf.index}`;
    const dispatchAt = wf.doc.transitions.findIndex((t: { action: string }) => t.action === 'dispatch');
    expect(codes).toEqual(
      expect.arrayContaining([
        `workflow.undeclared_action ${at}/transitions/${dispatchAt}/action`,
        `workflow.duplicate_action ${at}/actions/${actions.length}/name`,
        `workflow.unused_action ${at}/actions/${actions.length - 1}`,
        `slaPolicy.unknown_pause_state /documents/${sla}/pauseInStates/0`,
      ]),
    );
  });

  it('checks the 催办 → 督办 ladder: unique step ids and rising supervision levels', () => {
    const rs = loadRuleSet('v1');
    const sla = rs.documents.findIndex((d: { kind: string }) => d.kind === 'slaPolicy');
    const policy = rs.documents[sla] as { ladder?: unknown[] };
    const [remind, supervise1, supervise2] = LADDER as [LadderStep, LadderStep, LadderStep];
    // The levels swapped, and the reminder's id used again for another timer.
    policy.ladder = [
      remind,
      { ...supervise1, level: 2 },
      { ...supervise2, level: 1 },
      { ...remind, timer: 'accept', fraction: 0.5 },
    ];
    expect(codesAt(check(rs))).toEqual([
      `sla.duplicate_ladder_step /documents/${sla}/ladder/3/id`,
      `sla.ladder_order /documents/${sla}/ladder/2/level`,
    ]);
    // The same steps listed out of time order: the levels still rise with time.
    policy.ladder = [remind, supervise2, supervise1];
    expect(check(rs)).toEqual([]);
  });

  it('enforces four eyes on a published version', () => {
    const rs = loadRuleSet('v1');
    rs.version = { number: 1, status: 'published', submittedBy: 'admin.li', approvedBy: 'admin.li' };
    expect(codesAt(check(rs))).toEqual(['ruleSet.four_eyes /version/approvedBy']);
    rs.version = { number: 1, status: 'draft', createdBy: 'admin.li' };
    expect(check(rs)).toEqual([]);
  });

  it('reports duplicate ids, form field clashes and inverted light tolerances', () => {
    const rs = loadRuleSet('v1');
    rs.documents.push(structuredClone(documentById(rs, 'unit.env').doc));
    documentById(rs, 'form-hazards').doc.computed[0].field = 'found';
    documentById(rs, 'light-default').doc.tolerances = { green: 0.3, yellow: 0.1 };
    expect(
      check(rs)
        .map((i) => i.code)
        .sort(),
    ).toEqual(['form.duplicate_field', 'lightRule.tolerances_order', 'ruleSet.duplicate_id']);
  });

  it('reports inline secrets in plugin bindings', () => {
    const rs = loadRuleSet('v1');
    documentById(rs, 'plugin-grid').doc.config.apiKey = 'sk_live_abcdef';
    expect(check(rs).map((i) => i.code)).toEqual(['plugin.inline_secret']);
  });

  it('never throws, even on a rule set that skipped validation', () => {
    const broken = {
      ...loadRuleSet('v1'),
      documents: [
        { kind: 'indicator', id: 'x' },
        { kind: 'workflow', id: 'w' },
      ],
    };
    expect(() => check(broken as never)).not.toThrow();
    expect(check(broken as never).length).toBeGreaterThan(0);
  });
});
