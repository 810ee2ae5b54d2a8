/** @module A small hand-worked rule set for the scoring pipeline tests: 2 city roots, 4 weighted leaves, bonus, deduction, veto. */
import type { Indicator, RuleSet, RuleSetDocument } from '../../../../schemas/types.gen.ts';
import type { Entry } from '../../../../engine/core/scoring/pipeline.ts';

const name = (zh: string, en: string) => ({ zh, en });

type DocumentOf<K extends RuleSetDocument['kind']> = Extract<RuleSetDocument, { kind: K }>;

/** A rule-set document of `kind` named `zh`/`en`, with its other `fields`. */
export const document = <K extends RuleSetDocument['kind']>(
  kind: K,
  id: string,
  zh: string,
  en: string,
  fields: Omit<DocumentOf<K>, 'kind' | 'id' | 'schemaVersion' | 'name'>,
): RuleSetDocument => ({ kind, id, schemaVersion: 1, name: name(zh, en), ...fields }) as DocumentOf<K>;

type IndicatorFields = Omit<
  Indicator,
  'kind' | 'id' | 'schemaVersion' | 'name' | 'level' | 'parentId' | 'weight'
>;

/** An indicator at `level` under `parentId` (none for a root) with `weight` (none: unweighted) and other `fields`. */
export const indicator = (
  id: string,
  zh: string,
  en: string,
  level: Indicator['level'],
  parentId: string | undefined,
  weight: number | undefined,
  fields: IndicatorFields = {},
): RuleSetDocument =>
  document('indicator', id, zh, en, {
    level,
    ...(parentId === undefined ? {} : { parentId }),
    ...(weight === undefined ? {} : { weight }),
    ...fields,
  });

/** A 2026 draft rule set (version 1) of `documents`. */
export const ruleSetOf = (id: string, zh: string, en: string, documents: RuleSetDocument[]): RuleSet => ({
  kind: 'ruleSet',
  id,
  schemaVersion: 1,
  name: name(zh, en),
  period: { from: '2026-01-01', to: '2026-12-31' },
  version: { number: 1, status: 'draft' },
  documents,
});

/** Unit `id` (单位id) in peer group `group`: a street in 'streets', else a department. */
export const unit = (id: string, group: string): RuleSetDocument =>
  document('unit', id, `单位${id}`, `Unit ${id}`, {
    type: group === 'streets' ? 'street' : 'department',
    peerGroups: [group],
  });

/** Units: three streets (one peer group) and two departments (another). */
export const UNITS = ['s1', 's2', 's3', 'd1', 'd2'] as const;

/** The fixture rule set; `overrides` replaces documents by id. */
export function fixtureRuleSet(overrides: Partial<Record<string, Record<string, unknown>>> = {}): RuleSet {
  const all = [...UNITS];
  /** Entered on form `formId` by `owners`. */
  const fedBy = (formId: string, owners: string[] = all) => ({ owners, dataSource: 'form' as const, formId });
  const docs: RuleSetDocument[] = [
    ...['s1', 's2', 's3'].map((u) => unit(u, 'streets')),
    ...['d1', 'd2'].map((u) => unit(u, 'departments')),
    document('assessmentPolicy', 'policy', '考核办法', 'Policy', {
      totalScore: 100,
      decimals: 2,
      bonus: { cap: 3 },
      deduction: { cap: 4 },
      lateEntryDeduction: 0.5,
      veto: { failAtOrBelow: 0, score: 0, gradeId: 'fail' },
      grades: [
        { id: 'excellent', name: name('优秀', 'Excellent'), minScore: 90 },
        { id: 'good', name: name('良好', 'Good'), minScore: 75 },
        { id: 'pass', name: name('合格', 'Pass'), minScore: 60 },
        { id: 'fail', name: name('不合格', 'Fail'), minScore: 0 },
      ],
      deadline: { dayOfNextMonth: 15 },
    }),
    document('form', 'f-done', '完成量', 'Done', {
      schema: { type: 'object', properties: { done: { type: 'number', minimum: 0 } }, required: ['done'] },
      checks: [
        { rule: { '<=': [{ var: 'done' }, 1000] }, message: name('过大', 'Too large'), path: '/done' },
      ],
    }),
    document('form', 'f-count', '次数', 'Count', {
      schema: { type: 'object', properties: { n: { type: 'integer', minimum: 0 } }, required: ['n'] },
    }),
    document('form', 'f-flag', '事故', 'Accident', {
      schema: { type: 'object', properties: { accident: { type: 'boolean' } }, required: ['accident'] },
    }),
    document('lightRule', 'light', '亮灯', 'Light', {
      tolerances: { green: 0.05, yellow: 0.15 },
    }),
    indicator('A', '经济', 'Economy', 'city', undefined, 0.6),
    indicator('B', '治理', 'Governance', 'city', undefined, 0.4),
    indicator('A1', 'A1', 'A1', 'district', 'A', 1),
    indicator('B1', 'B1', 'B1', 'district', 'B', 1),
    indicator('a', '完成率', 'Completion', 'unit', 'A1', 0.5, {
      ...fedBy('f-done'),
      period: 'monthly',
      maxScore: 100,
      progressField: 'done',
      lightRuleId: 'light',
      targets: all.map((u) => ({ unitId: u, value: 100 })),
      scoringRule: { '*': [100, { '/': [{ var: 'entry.done' }, { var: 'target' }] }] },
    }),
    indicator('b', '相对均值', 'Relative', 'unit', 'A1', 0.5, {
      ...fedBy('f-done'),
      period: 'monthly',
      maxScore: 50,
      minScore: 10,
      scoringRule: { relative_to_mean: [{ var: 'entry.done' }, { var: 'peers.done' }, 50] },
    }),
    indicator('c', '投诉', 'Complaints', 'unit', 'B1', 1, {
      ...fedBy('f-count', ['s1', 's2', 's3']),
      period: 'quarterly',
      maxScore: 100,
      scoringRule: { incident_deduction: [{ var: 'entry.n' }, 10] },
    }),
    indicator('X', '加减分与否决', 'Adjustments', 'city', undefined, undefined),
    indicator('X1', 'X1', 'X1', 'district', 'X', 1),
    indicator('bonus', '加分', 'Bonus', 'unit', 'X1', 0.4, {
      ...fedBy('f-count'),
      adjustment: 'bonus',
      maxScore: 2,
      scoringRule: { '*': [{ var: 'entry.n' }, 1] },
    }),
    indicator('minus', '减分', 'Deduction', 'unit', 'X1', 0.3, {
      ...fedBy('f-count'),
      adjustment: 'deduction',
      maxScore: 10,
      scoringRule: { '*': [{ var: 'entry.n' }, 1.5] },
    }),
    indicator('safety', '安全生产一票否决', 'Safety veto', 'unit', 'X1', 0.3, {
      ...fedBy('f-flag'),
      veto: true,
      maxScore: 1,
      scoringRule: { if: [{ var: 'entry.accident' }, 0, 1] },
    }),
  ];
  const replaced = docs.map((d) => (overrides[d.id] ? ({ ...d, ...overrides[d.id] } as RuleSetDocument) : d));
  return ruleSetOf('fixture', '测试', 'Fixture', replaced);
}

/** An entry with defaults. */
export function entry(
  unitId: string,
  indicatorId: string,
  period: string,
  values: Record<string, unknown>,
  extra: Partial<Entry> = {},
): Entry {
  return {
    unitId,
    indicatorId,
    period,
    values,
    submittedAt: `${period}-20T08:00:00Z`,
    ruleSetVersion: 1,
    ...extra,
  };
}
