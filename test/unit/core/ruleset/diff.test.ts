/** @module Semantic diff of two rule-set versions and its text rendering. */
import { describe, expect, it } from 'vitest';
import { diffRuleSets, renderDiffText } from '../../../../engine/core/ruleset/diff.ts';
import { loadRuleSet, reverseKeys } from './fixtures.ts';

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

  it('falls back to a deep diff with paths for other documents', () => {
    expect(find('sla-standard', 'changed')).toEqual([
      expect.objectContaining({ path: '/limits/0/handle/amount', before: 1, after: 2 }),
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
