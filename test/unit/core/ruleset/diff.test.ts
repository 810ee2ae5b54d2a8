/** @module Semantic diff of two rule-set versions and its text rendering. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffRuleSets, renderDiffText } from '../../../../engine/core/ruleset/diff.ts';
import { loadRuleSet, reverseKeys } from './fixtures.ts';

type Json = Record<string, any>;

const v1 = loadRuleSet('v1');
const v2 = loadRuleSet('v2');
const diff = diffRuleSets(v1, v2);
const find = (documentId: string, change: string) =>
  diff.filter((e) => e.documentId === documentId && e.change === change);

describe('diffRuleSets', () => {
  it('finds nothing between a rule set and a reordered copy of itself', () => {
    expect(diffRuleSets(v1, reverseKeys(loadRuleSet('v1')))).toEqual([]);
  });

  it('reports indicators added, removed, moved, reweighted, renamed, rule and target changes', () => {
    expect(find('ind-d-resilience', 'added')).toHaveLength(1);
    expect(find('ind-u-satisfaction', 'removed')).toHaveLength(1);
    expect(find('ind-u-accidents', 'moved')[0]).toMatchObject({
      path: '/parentId',
      before: 'ind-d-safety',
      after: 'ind-d-resilience',
    });
    expect(find('ind-u-hazards', 'reweighted')[0]).toMatchObject({ before: 0.4, after: 0.5 });
    expect(find('ind-u-hazards', 'renamed')[0]?.summary).toEqual({
      en: 'renamed "Hazard rectification" → "Hazard elimination"',
      zh: '更名“隐患整改” → “隐患消除”',
    });
    expect(find('ind-u-hazards', 'ruleChanged')[0]?.path).toBe('/scoringRule');
    expect(find('ind-u-inspections', 'targetChanged')[0]).toMatchObject({
      path: '/targets/unit.street-01',
      before: { unitId: 'unit.street-01', value: 12 },
      after: { unitId: 'unit.street-01', value: 15 },
    });
  });

  it('reports form fields by entry path with the aspects that changed', () => {
    expect(find('form-hazards', 'fieldAdded').map((e) => e.path)).toEqual(['/note']);
    expect(find('form-inspections', 'fieldRemoved').map((e) => e.path)).toEqual(['/planned']);
    const changed = find('form-hazards', 'fieldChanged');
    expect(changed).toEqual([
      expect.objectContaining({
        path: '/fixed',
        before: { maximum: null, required: true },
        after: { maximum: 1000, required: false },
      }),
      expect.objectContaining({
        path: '/found',
        before: { title: 'Hazards found' },
        after: { title: 'Hazards identified' },
      }),
    ]);
  });

  it('shows a scoring rule before and after', () => {
    const [entry] = find('score-ratio', 'ruleChanged');
    expect(entry?.before).toEqual(v1.documents.find((d) => d.id === 'score-ratio')?.['rule' as never]);
    expect(entry?.after).toEqual(v2.documents.find((d) => d.id === 'score-ratio')?.['rule' as never]);
  });

  it('matches table rows by id and reports them added, removed and changed', () => {
    expect(find('routing-main', 'rowAdded').map((e) => e.path)).toEqual(['/table/rules/r-flood']);
    expect(find('routing-main', 'rowRemoved').map((e) => e.path)).toEqual(['/table/rules/r-pollution-01']);
    expect(find('routing-main', 'rowChanged').map((e) => e.path)).toEqual(['/table/rules/r-noise']);
    expect(find('routing-main', 'changed')).toEqual([]);
  });

  it('matches rows without ids by content, so moving a row is not a change', () => {
    const a = loadRuleSet('v1');
    const b = loadRuleSet('v1');
    const rowsOf = (rs: typeof a) => (rs.documents.find((d) => d.id === 'routing-main') as any).table.rules;
    for (const rs of [a, b]) for (const row of rowsOf(rs)) delete row.id;
    rowsOf(b).reverse();
    expect(diffRuleSets(a, b).filter((e) => e.change.startsWith('row'))).toEqual([]);
    rowsOf(b)[0].outputs[2] = 'high';
    expect(
      diffRuleSets(a, b)
        .map((e) => e.change)
        .sort(),
    ).toEqual(['rowAdded', 'rowRemoved']);
  });

  it('reports workflow states and transitions added and removed', () => {
    expect(find('wf-case', 'stateAdded').map((e) => e.path)).toEqual(['/states/supervised']);
    expect(find('wf-case', 'transitionAdded').map((e) => e.path)).toEqual([
      '/transitions/t-supervise',
      '/transitions/t-supervised-handle',
    ]);
    expect(find('wf-case', 'transitionRemoved').map((e) => e.path)).toEqual(['/transitions/t-redo']);
  });

  it('reports SLA limits by priority and falls back to a deep diff with paths for other documents', () => {
    expect(find('sla-standard', 'limitChanged')).toEqual([
      expect.objectContaining({
        path: '/limits/urgent/handle',
        before: expect.objectContaining({ amount: 1 }),
        after: expect.objectContaining({ amount: 2 }),
      }),
    ]);
    expect(find('light-default', 'changed')).toEqual([
      expect.objectContaining({ path: '/tolerances/yellow', before: 0.15, after: 0.2 }),
    ]);
  });

  it('ignores version metadata but reports other rule-set fields', () => {
    expect(diff.some((e) => e.kind === 'ruleSet')).toBe(false);
    const b = loadRuleSet('v1');
    b.period.to = '2026-06-30';
    expect(diffRuleSets(v1, b)).toEqual([
      expect.objectContaining({
        kind: 'ruleSet',
        documentId: 'district-2026',
        path: '/period/to',
        after: '2026-06-30',
      }),
    ]);
  });

  it('is deterministic and ordered by kind, then document id', () => {
    const again = diffRuleSets(reverseKeys(loadRuleSet('v1')), reverseKeys(loadRuleSet('v2')));
    expect(again).toEqual(diff);
    const kinds = [...new Set(diff.map((e) => e.kind))];
    expect(kinds).toEqual([
      'indicator',
      'form',
      'scoringRule',
      'routingTable',
      'workflow',
      'slaPolicy',
      'lightRule',
    ]);
    const indicatorIds = diff.filter((e) => e.kind === 'indicator').map((e) => e.documentId);
    expect(indicatorIds).toEqual([...indicatorIds].sort());
  });
});

describe('renderDiffText', () => {
  it('prints a header per document and one marked line per change', () => {
    const text = renderDiffText(diff, 'en');
    expect(text).toContain('indicator ind-d-resilience\n  + indicator ind-d-resilience added\n');
    expect(text).toContain('  - row r-pollution-01 removed');
    expect(text).toContain('  ~ weight 0.6 → 0.5');
    expect(text.trimEnd().endsWith(`${diff.length} changes`)).toBe(true);
  });

  it('prints Chinese summaries and says when nothing changed', () => {
    expect(renderDiffText(diff, 'zh')).toContain('新增状态 supervised');
    expect(renderDiffText([], 'zh')).toBe('无变更\n');
    expect(renderDiffText([], 'en')).toBe('No changes\n');
  });
});

describe('diffRuleSets on assessment policies and case documents', () => {
  const root = resolve(import.meta.dirname, '../../../..');
  const seed = (file: string) =>
    JSON.parse(readFileSync(resolve(root, 'seeds/rulesets', file), 'utf8')) as { documents: Json[] };
  const only = (file: string, kind: string, id: string) => {
    const doc = seed(file).documents.find((d) => d.kind === kind && d.id === id)!;
    return { id: 'x', documents: [doc] };
  };
  const changed = (base: { documents: Json[] }, edit: (doc: Json) => void) => {
    const copy = structuredClone(base);
    edit(copy.documents[0]!);
    return diffRuleSets(base, copy);
  };
  const policy = only('district-2026-full.json', 'assessmentPolicy', 'policy-2026');

  it('reports grade bands added, removed and moved, with bilingual summaries', () => {
    const diff = changed(policy, (p) => {
      p.grades[0].minScore = 92;
      p.grades = p.grades.filter((g: Json) => g.id !== 'good');
      p.grades.push({ id: 'outstanding', name: { zh: '卓越', en: 'Outstanding' }, minScore: 98 });
    });
    expect(diff.filter((e) => e.change === 'gradeChanged')[0]).toMatchObject({
      kind: 'assessmentPolicy',
      path: '/grades/excellent',
      summary: { en: 'grade Excellent: minimum score 90 → 92', zh: '等次“优秀”：最低分 90 → 92' },
    });
    expect(diff.find((e) => e.change === 'gradeRemoved')?.summary.en).toBe('grade Good removed');
    expect(diff.find((e) => e.change === 'gradeAdded')?.summary).toEqual({
      en: 'grade Outstanding added from 98 points',
      zh: '新增等次“卓越”（98 分起）',
    });
  });

  it('reports bonus and deduction caps, the deadline day and the pipeline order', () => {
    const diff = changed(policy, (p) => {
      p.bonus.cap = 3;
      p.deduction.cap = 12;
      p.deadline = { dayOfNextMonth: 10 };
      p.pipeline = ['validate', 'score', 'weight', 'veto', 'adjust', 'grade', 'rank'];
    });
    const summaries = diff.map((e) => [e.change, e.summary.en, e.summary.zh]);
    expect(summaries).toContainEqual(['capChanged', 'bonus cap 5 → 3', '加分上限 5 → 3']);
    expect(summaries).toContainEqual(['capChanged', 'deduction cap 10 → 12', '扣分上限 10 → 12']);
    const deadline = diff.find((e) => e.change === 'deadlineChanged')!;
    expect(deadline.path).toBe('/deadline/dayOfNextMonth');
    expect(deadline.summary.zh).toContain('→ 10 日');
    expect(diff.find((e) => e.change === 'pipelineChanged')?.summary.en).toBe(
      'pipeline validate → score → weight → adjust → veto → grade → rank ⇒ validate → score → weight → veto → adjust → grade → rank',
    );
    expect(diff.filter((e) => e.change === 'changed')).toEqual([]);
  });

  it('still reports other policy fields generically', () => {
    const diff = changed(policy, (p) => {
      p.lateEntryDeduction = 0.5;
    });
    expect(diff).toEqual([expect.objectContaining({ change: 'changed', path: '/lateEntryDeduction' })]);
  });

  it('reports SLA limits per priority and stage', () => {
    const sla = only('cases-2026.json', 'slaPolicy', 'sla-standard');
    const diff = changed(sla, (p) => {
      p.limits[1].handle = { amount: 5, unit: 'workingDays' };
      p.limits = p.limits.filter((l: Json) => l.priority !== 'urgent');
    });
    expect(diff.find((e) => e.change === 'limitChanged')).toMatchObject({
      path: '/limits/high/handle',
      summary: {
        en: 'high handle limit 3 working days → 5 working days',
        zh: 'high 优先级办结时限 3 工作日 → 5 工作日',
      },
    });
    expect(diff.find((e) => e.change === 'limitRemoved')?.path).toBe('/limits/urgent');
  });

  it('reports routing rows and workflow states and transitions of the case seed', () => {
    const cases = seed('cases-2026.json');
    const routing = cases.documents.find((d) => d.kind === 'routingTable')!;
    const workflow = cases.documents.find((d) => d.kind === 'workflow')!;
    const base = { id: 'x', documents: [routing, workflow] };
    const next = structuredClone(base);
    const [r, w] = next.documents as [Json, Json];
    r.table.rules[0].outputs[0] = 'somewhere-else';
    w.states[0].label.zh = '已受理';
    w.transitions[0].roles = ['admin'];
    const diff = diffRuleSets(base, next);
    expect(diff.map((e) => e.change)).toEqual(['rowChanged', 'stateChanged', 'transitionChanged']);
    expect(diff[1]!.summary.en).toBe('state registered: label (Chinese) "已登记" → "已受理"');
    expect(diff[2]!.summary.en).toMatch(/roles \[.*\] → \["admin"\]$/);
  });

  it('shows the changed language when a rename only touched the Chinese name', () => {
    const diff = changed(policy, (p) => {
      p.name.zh = '2026年度综合考核办法';
    });
    expect(diff[0]).toMatchObject({
      change: 'renamed',
      summary: {
        en: 'renamed (Chinese) "2026年度绩效考核办法" → "2026年度综合考核办法"',
        zh: '更名“2026年度绩效考核办法” → “2026年度综合考核办法”',
      },
    });
    const english = changed(policy, (p) => {
      p.name.en = '2026 assessment method';
    });
    expect(english[0]!.summary).toEqual({
      en: 'renamed "2026 performance assessment method" → "2026 assessment method"',
      zh: '更名（英文）“2026 performance assessment method” → “2026 assessment method”',
    });
  });
});
