/** @module The demo district's 2026 indicator system as data: formula templates, the three-level tree, and a pure rule-set builder. */
import type { RuleSet, RuleSetDocument } from '../schemas/types.gen.ts';

type Json = Record<string, unknown>;
type Rng = () => number;

/** Unit groups leaves are assigned to. */
export type OwnerGroup = 'departments' | 'streets' | 'communities' | 'thirdParties' | 'cityOffice';

/** A field of a generated form. */
interface Field {
  name: string;
  zh: string;
  en: string;
  schema: Json;
}

/** A scoring formula with the form it reads and how demo values are drawn. */
export interface Template {
  id: string;
  fields: Field[];
  rule: Json;
  /** Entry cross-field check (rule over the entry). */
  check: { rule: Json; zh: string; en: string; path: string };
  /** Typical target (per unit it varies ±20 %); null for no target. */
  target: number | null;
  progressField?: string;
  light?: 'light-higher' | 'light-lower';
  maxScore?: number;
  /** Demo values for month `month` given the unit's target and a quality in [0, 1]. */
  values(q: { rng: Rng; target: number; month: number; quality: number }): Json;
}

const num = (zh: string, en: string, extra: Json = {}): Json => ({
  type: 'number',
  title: zh,
  description: en,
  'x-title-en': en,
  minimum: 0,
  ...extra,
});
const v = (name: string) => ({ var: `entry.${name}` });
const f = (name: string, zh: string, en: string, schema: Json = num(zh, en)): Field => ({
  name,
  zh,
  en,
  schema,
});
const nonNeg = (name: string, zh: string, en: string) => ({
  rule: { '>=': [{ var: name }, 0] },
  zh: `${zh}不能为负数`,
  en: `${en} cannot be negative`,
  path: `/${name}`,
});
const r2 = (x: number) => Math.round(x * 100) / 100;
const date = (month: number, day: number) =>
  `2026-${String(month).padStart(2, '0')}-${String(Math.min(28, Math.max(1, day))).padStart(2, '0')}`;

const cumulative = (q: { target: number; month: number; quality: number; rng: Rng }) =>
  r2((q.target * q.month * (0.75 + 0.35 * q.quality + 0.1 * q.rng())) / 12);
const rate = (q: { quality: number; rng: Rng }, lo = 70) =>
  r2(Math.min(100, lo + (100 - lo) * q.quality + 5 * q.rng()));

/** Every formula of the demo, covering each Baton operator at least once. */
export const TEMPLATES: Template[] = [
  {
    id: 'completion',
    fields: [f('done', '累计完成量', 'Cumulative amount done')],
    rule: {
      round_half_up: [
        {
          completion_ratio: [
            v('done'),
            { expected_progress: [{ var: 'target' }, { var: 'elapsed' }] },
            100,
            1.2,
          ],
        },
        2,
      ],
    },
    check: nonNeg('done', '累计完成量', 'Amount done'),
    target: 1200,
    progressField: 'done',
    light: 'light-higher',
    values: (q) => ({ done: cumulative(q) }),
  },
  {
    id: 'by-month',
    fields: [f('done', '累计完成投资（万元）', 'Cumulative investment (10k yuan)')],
    rule: {
      round_to: [
        { completion_ratio: [v('done'), { expected_by_month: [{ var: 'target' }, { var: 'month' }] }] },
        1,
        'half_even',
      ],
    },
    check: nonNeg('done', '累计完成投资', 'Investment'),
    target: 5000,
    progressField: 'done',
    light: 'light-higher',
    values: (q) => ({ done: cumulative(q) }),
  },
  {
    id: 'lower-days',
    fields: [
      f('days', '平均办理天数', 'Average processing days'),
      f('cases', '办件数', 'Cases handled', num('办件数', 'Cases handled', { type: 'integer' })),
    ],
    rule: { lower_better_ratio: [v('days'), { var: 'target' }] },
    check: {
      rule: { '>=': [{ var: 'cases' }, 0] },
      zh: '办件数不能为负数',
      en: 'Cases cannot be negative',
      path: '/cases',
    },
    target: 5,
    progressField: 'days',
    light: 'light-lower',
    values: (q) => ({
      days: r2(q.target * (1.5 - 0.7 * q.quality + 0.2 * q.rng())),
      cases: Math.floor(20 + 80 * q.rng()),
    }),
  },
  {
    id: 'interpolate',
    fields: [
      f(
        'rate',
        '达标率（%）',
        'Compliance rate (%)',
        num('达标率（%）', 'Compliance rate (%)', { maximum: 100 }),
      ),
    ],
    rule: { round_floor: [{ interpolate_target: [v('rate'), 60, { var: 'target' }] }, 1] },
    check: nonNeg('rate', '达标率', 'Rate'),
    target: 95,
    values: (q) => ({ rate: rate(q, 60) }),
  },
  {
    id: 'efficacy',
    fields: [
      f('value', '增长率（%）', 'Growth rate (%)', num('增长率（%）', 'Growth rate (%)', { minimum: -100 })),
    ],
    rule: { efficacy: [v('value'), { var: 'target' }, { '*': [{ var: 'target' }, 0.4] }] },
    check: {
      rule: { '<=': [{ var: 'value' }, 1000] },
      zh: '增长率不能超过1000%',
      en: 'Growth cannot exceed 1000%',
      path: '/value',
    },
    target: 8,
    values: (q) => ({ value: r2(q.target * (0.3 + 0.9 * q.quality + 0.2 * q.rng())) }),
  },
  {
    id: 'red-flag',
    fields: [f('value', '覆盖率（%）', 'Coverage (%)', num('覆盖率（%）', 'Coverage (%)', { maximum: 100 }))],
    rule: {
      '*': [10, { goal_red_flag: [v('value'), { var: 'target' }, { '*': [{ var: 'target' }, 0.7] }] }],
    },
    check: nonNeg('value', '覆盖率', 'Coverage'),
    target: 90,
    values: (q) => ({ value: r2(Math.min(100, q.target * (0.65 + 0.4 * q.quality))) }),
  },
  {
    id: 'range',
    fields: [f('value', 'pH 值', 'pH value', num('pH 值', 'pH value', { maximum: 14 }))],
    rule: { within_range: [v('value'), 6.5, 8.5, 1] },
    check: {
      rule: { '<=': [{ var: 'value' }, 14] },
      zh: 'pH 值不能超过14',
      en: 'pH cannot exceed 14',
      path: '/value',
    },
    target: null,
    values: (q) => ({ value: r2(7.5 + (q.rng() - 0.5) * (4 - 3 * q.quality)) }),
  },
  {
    id: 'bands',
    fields: [
      f('rate', '满意率（%）', 'Satisfaction (%)', num('满意率（%）', 'Satisfaction (%)', { maximum: 100 })),
    ],
    rule: {
      bands: [
        v('rate'),
        [
          [95, null, 100],
          [85, 95, 85],
          [70, 85, 65],
        ],
        40,
      ],
    },
    check: nonNeg('rate', '满意率', 'Satisfaction'),
    target: 95,
    values: (q) => ({ rate: rate(q, 65) }),
  },
  {
    id: 'threshold',
    fields: [
      f(
        'rate',
        '按时办结率（%）',
        'On-time rate (%)',
        num('按时办结率（%）', 'On-time rate (%)', { maximum: 100 }),
      ),
    ],
    rule: {
      threshold_points: [
        v('rate'),
        [
          [98, 100],
          [95, 90],
          [90, 75],
          [80, 60],
        ],
        30,
      ],
    },
    check: nonNeg('rate', '按时办结率', 'On-time rate'),
    target: 98,
    values: (q) => ({ rate: rate(q, 75) }),
  },
  {
    id: 'shortfall',
    fields: [
      f('rate', '完成率（%）', 'Completion (%)', num('完成率（%）', 'Completion (%)', { maximum: 100 })),
    ],
    rule: { shortfall_deduction: [v('rate'), { var: 'target' }, 2] },
    check: nonNeg('rate', '完成率', 'Completion'),
    target: 95,
    values: (q) => ({ rate: rate(q, 70) }),
  },
  {
    id: 'incidents',
    fields: [
      f('incidents', '问题起数', 'Incidents', num('问题起数', 'Incidents', { type: 'integer' })),
      f('fixed', '已整改数', 'Fixed', num('已整改数', 'Fixed', { type: 'integer' })),
    ],
    rule: { incident_deduction: [{ '-': [v('incidents'), v('fixed')] }, 10] },
    check: {
      rule: { '<=': [{ var: 'fixed' }, { var: 'incidents' }] },
      zh: '整改数不能大于问题数',
      en: 'Fixed cannot exceed incidents',
      path: '/fixed',
    },
    target: null,
    values: (q) => {
      const incidents = Math.floor((1 - q.quality) * 6 * q.rng());
      return { incidents, fixed: Math.floor(incidents * (0.5 + 0.5 * q.quality)) };
    },
  },
  {
    id: 'yes-no',
    fields: [
      f('done', '是否按期完成', 'Completed on schedule', {
        type: 'boolean',
        title: '是否按期完成',
        description: 'Completed on schedule',
        'x-title-en': 'Completed on schedule',
      }),
      f('note', '说明', 'Note', {
        type: 'string',
        title: '说明',
        description: 'Note',
        'x-title-en': 'Note',
        maxLength: 500,
      }),
    ],
    rule: { yes_no: [v('done'), 100, 40] },
    check: {
      rule: { '<=': [{ text_length: [{ var: 'note' }] }, 500] },
      zh: '说明不超过500字',
      en: 'Note up to 500 characters',
      path: '/note',
    },
    target: null,
    values: (q) => ({ done: q.rng() < 0.6 + 0.4 * q.quality, note: '按计划推进' }),
  },
  {
    id: 'grade',
    fields: [
      f('grade', '评定等级', 'Assessed grade', {
        type: 'string',
        enum: ['A', 'B', 'C', 'D'],
        title: '评定等级',
        description: 'Assessed grade',
        'x-title-en': 'Assessed grade',
      }),
    ],
    rule: { grade_score: [v('grade'), { A: 100, B: 85, C: 70, D: 50 }] },
    check: {
      rule: { in: [{ var: 'grade' }, ['A', 'B', 'C', 'D']] },
      zh: '等级须为A-D',
      en: 'Grade must be A–D',
      path: '/grade',
    },
    target: null,
    values: (q) => ({
      grade: ['D', 'C', 'B', 'A'][Math.min(3, Math.floor((q.quality * 0.8 + q.rng() * 0.3) * 4))],
    }),
  },
  {
    id: 'rank-points',
    fields: [f('value', '招商引资额（亿元）', 'Investment attracted (100M yuan)')],
    rule: {
      rank_points: [
        { rank_of: [v('value'), { var: 'peers.value' }] },
        [100, 96, 92, 88, 84, 80, 76, 72, 68, 64],
        60,
      ],
    },
    check: nonNeg('value', '招商引资额', 'Investment'),
    target: null,
    values: (q) => ({ value: r2(10 * q.month * (0.5 + q.quality + 0.2 * q.rng())) }),
  },
  {
    id: 'rank-linear',
    fields: [
      f(
        'value',
        '群众好评数',
        'Citizen praise count',
        num('群众好评数', 'Citizen praise count', { type: 'integer' }),
      ),
    ],
    rule: {
      rank_linear: [
        { rank_of: [v('value'), { var: 'peers.value' }] },
        { arr_count: [{ var: 'peers.value' }] },
        100,
        60,
      ],
    },
    check: nonNeg('value', '群众好评数', 'Praise count'),
    target: null,
    values: (q) => ({ value: Math.floor(20 + 80 * q.quality + 10 * q.rng()) }),
  },
  {
    id: 'rel-mean',
    fields: [
      f(
        'value',
        '新增市场主体（户）',
        'New market entities',
        num('新增市场主体（户）', 'New market entities', { type: 'integer' }),
      ),
    ],
    rule: { relative_to_mean: [v('value'), { var: 'peers.value' }, 100, 1] },
    check: nonNeg('value', '新增市场主体', 'New entities'),
    target: null,
    values: (q) => ({ value: Math.floor(50 + 100 * q.quality + 20 * q.rng()) }),
  },
  {
    id: 'rel-best',
    fields: [f('value', '平均响应时长（小时）', 'Mean response time (hours)')],
    rule: { relative_to_best: [v('value'), { var: 'peers.value' }, 100, 'lower'] },
    check: {
      rule: { '>': [{ var: 'value' }, 0] },
      zh: '响应时长须大于0',
      en: 'Response time must be positive',
      path: '/value',
    },
    target: null,
    values: (q) => ({ value: r2(1 + 4 * (1 - q.quality) + q.rng()) }),
  },
  {
    id: 'yoy',
    fields: [
      f('value', '本年累计值', 'Year-to-date value'),
      f(
        'lastYear',
        '上年同期值',
        'Same period last year',
        num('上年同期值', 'Same period last year', { exclusiveMinimum: 0 }),
      ),
    ],
    rule: { yoy_score: [v('value'), v('lastYear'), 0.08] },
    check: {
      rule: { '>': [{ var: 'lastYear' }, 0] },
      zh: '上年同期值须大于0',
      en: 'Last year must be positive',
      path: '/lastYear',
    },
    target: null,
    values: (q) => {
      const lastYear = 100 * q.month;
      return { value: r2(lastYear * (0.97 + 0.14 * q.quality + 0.02 * q.rng())), lastYear };
    },
  },
  {
    id: 'yoy-bands',
    fields: [
      f('value', '本年税收（万元）', 'Tax revenue this year (10k yuan)'),
      f(
        'lastYear',
        '上年同期税收（万元）',
        'Tax revenue last year (10k yuan)',
        num('上年同期税收（万元）', 'Tax revenue last year', { exclusiveMinimum: 0 }),
      ),
    ],
    rule: {
      bands: [
        { yoy_change: [v('value'), v('lastYear')] },
        [
          [0.1, null, 100],
          [0.05, 0.1, 85],
          [0, 0.05, 70],
        ],
        50,
      ],
    },
    check: {
      rule: { '>': [{ var: 'lastYear' }, 0] },
      zh: '上年同期值须大于0',
      en: 'Last year must be positive',
      path: '/lastYear',
    },
    target: null,
    values: (q) => {
      const lastYear = 800 * q.month;
      return { value: r2(lastYear * (0.96 + 0.18 * q.quality)), lastYear };
    },
  },
  {
    id: 'z-score',
    fields: [
      f('value', '网格巡查次数', 'Grid patrols', num('网格巡查次数', 'Grid patrols', { type: 'integer' })),
    ],
    rule: {
      round_half_even: [
        {
          max: [
            0,
            { min: [100, { '+': [80, { '*': [10, { z_score: [v('value'), { var: 'peers.value' }] }] }] }] },
          ],
        },
        1,
      ],
    },
    check: nonNeg('value', '网格巡查次数', 'Patrols'),
    target: null,
    values: (q) => ({ value: Math.floor(100 + 100 * q.quality + 40 * q.rng()) }),
  },
  {
    id: 'min-max',
    fields: [f('value', '志愿服务时长（小时）', 'Volunteer hours')],
    rule: { '+': [60, { '*': [40, { min_max_norm: [v('value'), { var: 'peers.value' }] }] }] },
    check: nonNeg('value', '志愿服务时长', 'Volunteer hours'),
    target: null,
    values: (q) => ({ value: r2(200 + 400 * q.quality + 100 * q.rng()) }),
  },
  {
    id: 'weighted-sum',
    fields: [
      f('quality', '质量分', 'Quality score', num('质量分', 'Quality score', { maximum: 100 })),
      f('speed', '时效分', 'Timeliness score', num('时效分', 'Timeliness score', { maximum: 100 })),
      f('attitude', '态度分', 'Attitude score', num('态度分', 'Attitude score', { maximum: 100 })),
    ],
    rule: {
      weighted_sum: [
        [v('quality'), v('speed'), v('attitude')],
        [0.5, 0.3, 0.2],
      ],
    },
    check: {
      rule: { '<=': [{ var: 'quality' }, 100] },
      zh: '质量分不超过100',
      en: 'Quality at most 100',
      path: '/quality',
    },
    target: null,
    values: (q) => ({ quality: rate(q, 60), speed: rate(q, 50), attitude: rate(q, 70) }),
  },
  {
    id: 'weighted-avg',
    fields: [
      f(
        'online',
        '网上办理率（%）',
        'Online rate (%)',
        num('网上办理率（%）', 'Online rate (%)', { maximum: 100 }),
      ),
      f(
        'oneVisit',
        '最多跑一次率（%）',
        'One-visit rate (%)',
        num('最多跑一次率（%）', 'One-visit rate (%)', { maximum: 100 }),
      ),
    ],
    rule: {
      weighted_avg: [
        [v('online'), v('oneVisit')],
        [2, 1],
      ],
    },
    check: {
      rule: { '<=': [{ var: 'online' }, 100] },
      zh: '网上办理率不超过100',
      en: 'Online rate at most 100',
      path: '/online',
    },
    target: null,
    values: (q) => ({ online: rate(q, 60), oneVisit: rate(q, 70) }),
  },
  {
    id: 'geomean',
    fields: [
      f('coverage', '覆盖率（%）', 'Coverage (%)', num('覆盖率（%）', 'Coverage (%)', { maximum: 100 })),
      f('accuracy', '准确率（%）', 'Accuracy (%)', num('准确率（%）', 'Accuracy (%)', { maximum: 100 })),
    ],
    rule: {
      round_ceil: [
        {
          weighted_geomean: [
            [v('coverage'), v('accuracy')],
            [0.6, 0.4],
          ],
        },
        1,
      ],
    },
    check: {
      rule: { '<=': [{ var: 'accuracy' }, 100] },
      zh: '准确率不超过100',
      en: 'Accuracy at most 100',
      path: '/accuracy',
    },
    target: null,
    values: (q) => ({ coverage: rate(q, 60), accuracy: rate(q, 75) }),
  },
  {
    id: 'checklist',
    fields: [
      f('items', '检查项', 'Checklist items', {
        type: 'array',
        title: '检查项',
        description: 'Checklist items',
        'x-title-en': 'Checklist items',
        maxItems: 50,
        items: {
          type: 'object',
          properties: {
            score: { type: 'number', minimum: 0, maximum: 100, title: '得分', description: 'Score' },
          },
          required: ['score'],
        },
      }),
    ],
    rule: {
      round_half_up: [
        {
          '-': [
            { arr_avg: [v('items'), 'score'] },
            { '/': [{ '-': [{ arr_max: [v('items'), 'score'] }, { arr_min: [v('items'), 'score'] }] }, 10] },
          ],
        },
        2,
      ],
    },
    check: {
      rule: { '>=': [{ arr_count: [{ var: 'items' }] }, 1] },
      zh: '至少填写一项检查',
      en: 'At least one checklist item',
      path: '/items',
    },
    target: null,
    values: (q) => ({ items: Array.from({ length: 4 }, () => ({ score: rate(q, 60) })) }),
  },
  {
    id: 'pass-rate',
    fields: [
      f('samples', '抽检样本', 'Samples', {
        type: 'array',
        title: '抽检样本',
        description: 'Samples',
        'x-title-en': 'Samples',
        maxItems: 100,
        items: {
          type: 'object',
          properties: {
            passed: {
              type: 'integer',
              minimum: 0,
              maximum: 1,
              title: '合格',
              description: 'Passed (1) or not (0)',
            },
          },
          required: ['passed'],
        },
      }),
    ],
    rule: {
      '*': [
        100,
        {
          '/': [{ arr_sum: [v('samples'), 'passed'] }, { max: [1, { arr_count: [v('samples'), 'passed'] }] }],
        },
      ],
    },
    check: {
      rule: { '>=': [{ arr_count: [{ var: 'samples' }] }, 1] },
      zh: '至少一个样本',
      en: 'At least one sample',
      path: '/samples',
    },
    target: null,
    values: (q) => ({
      samples: Array.from({ length: 5 }, () => ({ passed: q.rng() < 0.6 + 0.4 * q.quality ? 1 : 0 })),
    }),
  },
  {
    id: 'late-days',
    fields: [
      f('due', '规定完成日期', 'Due date', {
        type: 'string',
        format: 'date',
        title: '规定完成日期',
        description: 'Due date',
        'x-title-en': 'Due date',
      }),
      f('done', '实际完成日期', 'Completion date', {
        type: 'string',
        format: 'date',
        title: '实际完成日期',
        description: 'Completion date',
        'x-title-en': 'Completion date',
      }),
    ],
    rule: { max: [0, { '-': [100, { '*': [5, { max: [0, { days_between: [v('due'), v('done')] }] }] }] }] },
    check: {
      rule: { '<=': [{ var: 'due' }, '2026-12-31'] },
      zh: '规定日期须在年内',
      en: 'Due date within the year',
      path: '/due',
    },
    target: null,
    values: (q) => ({
      due: date(q.month, 20),
      done: date(q.month, 14 + Math.floor(12 * (1 - q.quality) * q.rng())),
    }),
  },
  {
    id: 'working-days',
    fields: [
      f('received', '受理日期', 'Received on', {
        type: 'string',
        format: 'date',
        title: '受理日期',
        description: 'Received on',
        'x-title-en': 'Received on',
      }),
      f('closed', '办结日期', 'Closed on', {
        type: 'string',
        format: 'date',
        title: '办结日期',
        description: 'Closed on',
        'x-title-en': 'Closed on',
      }),
    ],
    rule: { lower_better_ratio: [{ max: [1, { working_days_between: [v('received'), v('closed')] }] }, 5] },
    check: {
      rule: { '<=': [{ var: 'received' }, { var: 'closed' }] },
      zh: '办结日期不能早于受理日期',
      en: 'Closed cannot precede received',
      path: '/closed',
    },
    target: null,
    values: (q) => ({
      received: date(q.month, 2),
      closed: date(q.month, 6 + Math.floor(10 * (1 - q.quality) * q.rng())),
    }),
  },
  {
    id: 'deadline-kept',
    fields: [
      f('assigned', '交办日期', 'Assigned on', {
        type: 'string',
        format: 'date',
        title: '交办日期',
        description: 'Assigned on',
        'x-title-en': 'Assigned on',
      }),
      f('finished', '完成日期', 'Finished on', {
        type: 'string',
        format: 'date',
        title: '完成日期',
        description: 'Finished on',
        'x-title-en': 'Finished on',
      }),
    ],
    rule: {
      '+': [
        {
          threshold_points: [
            { days_between: [v('finished'), { add_days: [v('assigned'), 15] }] },
            [[0, 50]],
            20,
          ],
        },
        {
          threshold_points: [
            { days_between: [v('finished'), { add_working_days: [v('assigned'), 10] }] },
            [[0, 50]],
            20,
          ],
        },
      ],
    },
    check: {
      rule: { '<=': [{ var: 'assigned' }, { var: 'finished' }] },
      zh: '完成日期不能早于交办日期',
      en: 'Finished cannot precede assigned',
      path: '/finished',
    },
    target: null,
    values: (q) => ({
      assigned: date(q.month, 1),
      finished: date(q.month, 5 + Math.floor(20 * (1 - q.quality) * q.rng())),
    }),
  },
  {
    id: 'text-report',
    fields: [
      f('summary', '工作总结', 'Work summary', {
        type: 'string',
        title: '工作总结',
        description: 'Work summary',
        'x-title-en': 'Work summary',
        maxLength: 2000,
      }),
    ],
    rule: {
      '+': [
        {
          '*': [
            10,
            { arr_count: [{ keyword_match: [v('summary'), ['调研', '整改', '督查', '培训', '宣传']] }] },
          ],
        },
        { yes_no: [{ text_contains: [v('summary'), '已完成'] }, 30, 0] },
        { min: [20, { '/': [{ text_length: [v('summary')] }, 2] }] },
      ],
    },
    check: {
      rule: { '>=': [{ text_length: [{ var: 'summary' }] }, 4] },
      zh: '工作总结至少4个字',
      en: 'Summary of at least 4 characters',
      path: '/summary',
    },
    target: null,
    values: (q) => {
      const words = ['开展调研', '落实整改', '专项督查', '组织培训', '加强宣传'].filter(
        () => q.rng() < 0.4 + 0.6 * q.quality,
      );
      return { summary: `本月${words.join('，')}${q.rng() < q.quality ? '，任务已完成' : '，任务推进中'}。` };
    },
  },
];

/** Templates of the adjustment and veto items. */
export const SPECIAL_TEMPLATES: Template[] = [
  {
    id: 'awards',
    fields: [
      f('awards', '获奖表彰', 'Awards', {
        type: 'array',
        title: '获奖表彰',
        description: 'Awards',
        'x-title-en': 'Awards',
        maxItems: 20,
        items: {
          type: 'object',
          properties: {
            item: { type: 'string', title: '表彰事项', description: 'Award' },
            level: {
              type: 'string',
              enum: ['national', 'provincial', 'city'],
              title: '级别',
              description: 'Level',
            },
          },
          required: ['item', 'level'],
        },
      }),
    ],
    rule: { tiered_bonus: [v('awards'), { national: 3, provincial: 2, city: 1 }, 5] },
    check: {
      rule: { '<=': [{ arr_count: [{ var: 'awards' }] }, 20] },
      zh: '最多20项表彰',
      en: 'At most 20 awards',
      path: '/awards',
    },
    target: null,
    maxScore: 5,
    values: (q) => ({
      awards:
        q.rng() < 0.15 * q.quality
          ? [{ item: `award-${q.month}`, level: ['city', 'provincial', 'national'][Math.floor(q.rng() * 3)] }]
          : [],
    }),
  },
  {
    id: 'innovation',
    fields: [
      f('adopted', '创新经验被上级推广', 'Innovation adopted by higher levels', {
        type: 'boolean',
        title: '创新经验被上级推广',
        description: 'Innovation adopted by higher levels',
        'x-title-en': 'Innovation adopted',
      }),
    ],
    rule: { yes_no: [v('adopted'), 2, 0] },
    check: {
      rule: { '!=': [{ var: 'adopted' }, null] },
      zh: '请选择是否推广',
      en: 'Choose whether adopted',
      path: '/adopted',
    },
    target: null,
    maxScore: 2,
    values: (q) => ({ adopted: q.rng() < 0.05 }),
  },
  {
    id: 'notices',
    fields: [
      f(
        'count',
        '被通报批评次数',
        'Times criticised in notices',
        num('被通报批评次数', 'Times criticised', { type: 'integer' }),
      ),
    ],
    rule: { '*': [v('count'), 0.5] },
    check: nonNeg('count', '通报次数', 'Count'),
    target: null,
    maxScore: 5,
    values: (q) => ({ count: q.rng() < 0.3 * (1 - q.quality) ? 1 + Math.floor(2 * q.rng()) : 0 }),
  },
  {
    id: 'exposure',
    fields: [
      f(
        'count',
        '媒体负面曝光次数',
        'Negative media exposures',
        num('媒体负面曝光次数', 'Negative media exposures', { type: 'integer' }),
      ),
    ],
    rule: { '*': [v('count'), 1] },
    check: nonNeg('count', '曝光次数', 'Count'),
    target: null,
    maxScore: 5,
    values: (q) => ({ count: q.rng() < 0.1 * (1 - q.quality) ? 1 : 0 }),
  },
  {
    id: 'safety-veto',
    fields: [
      f('majorAccident', '是否发生重大安全生产事故', 'Major work-safety accident', {
        type: 'boolean',
        title: '是否发生重大安全生产事故',
        description: 'Major work-safety accident',
        'x-title-en': 'Major accident',
      }),
    ],
    rule: { veto: [1, [v('majorAccident')]] },
    check: {
      rule: { '!=': [{ var: 'majorAccident' }, null] },
      zh: '请选择是否发生事故',
      en: 'Choose whether an accident happened',
      path: '/majorAccident',
    },
    target: null,
    maxScore: 1,
    values: (q) => ({ majorAccident: q.rng() < 0.002 }),
  },
  {
    id: 'integrity-veto',
    fields: [
      f('dataFraud', '是否存在数据造假', 'Data fraud found', {
        type: 'boolean',
        title: '是否存在数据造假',
        description: 'Data fraud found',
        'x-title-en': 'Data fraud',
      }),
      f('corruption', '是否发生严重违纪违法', 'Serious discipline violation', {
        type: 'boolean',
        title: '是否发生严重违纪违法',
        description: 'Serious discipline violation',
        'x-title-en': 'Discipline violation',
      }),
    ],
    rule: { veto_flags: [1, [v('dataFraud'), v('corruption')]] },
    check: {
      rule: { '!=': [{ var: 'dataFraud' }, null] },
      zh: '请选择是否造假',
      en: 'Choose whether fraud was found',
      path: '/dataFraud',
    },
    target: null,
    maxScore: 1,
    values: (q) => ({ dataFraud: q.rng() < 0.001, corruption: false }),
  },
];

/** A leaf of the tree: template, owners, period. */
interface LeafSpec {
  zh: string;
  en: string;
  template: string;
  owners: OwnerGroup[];
  period?: 'monthly' | 'quarterly' | 'yearly';
  dataSource?: 'form' | 'thirdParty' | 'caseMetrics';
  evidence?: boolean;
}

/** A district-level node with its leaves (weights equal unless `weights`). */
interface DistrictSpec {
  zh: string;
  en: string;
  leaves: LeafSpec[];
  weights?: number[];
  /** AHP matrix over the leaves instead of weights. */
  ahp?: number[][];
}

interface CitySpec {
  id: string;
  zh: string;
  en: string;
  weight: number | null;
  districts: DistrictSpec[];
  ahp?: number[][];
}

const D: OwnerGroup = 'departments';
const S: OwnerGroup = 'streets';
const C: OwnerGroup = 'communities';
const T: OwnerGroup = 'thirdParties';
const O: OwnerGroup = 'cityOffice';
const L = (
  zh: string,
  en: string,
  template: string,
  owners: OwnerGroup[],
  extra: Partial<LeafSpec> = {},
): LeafSpec => ({
  zh,
  en,
  template,
  owners,
  ...extra,
});

/** The tree: 6 weighted city categories plus the adjustment/veto category. */
export const TREE: CitySpec[] = [
  {
    id: 'econ',
    zh: '经济发展',
    en: 'Economic development',
    weight: 0.2,
    ahp: [
      [1, 2, 3, 2],
      [1 / 2, 1, 2, 1],
      [1 / 3, 1 / 2, 1, 1 / 2],
      [1 / 2, 1, 2, 1],
    ],
    districts: [
      {
        zh: '经济增长',
        en: 'Growth',
        leaves: [
          L('固定资产投资完成率', 'Fixed-asset investment completion', 'by-month', [D, S]),
          L('规上工业增加值增速', 'Industrial value-added growth', 'efficacy', [D], { period: 'quarterly' }),
          L('社会消费品零售总额增长', 'Retail sales growth', 'yoy', [D, S]),
          L('税收收入增长', 'Tax revenue growth', 'yoy-bands', [D, S], { period: 'quarterly' }),
          L('重点项目推进', 'Key project progress', 'completion', [D, S], { evidence: true }),
        ],
      },
      {
        zh: '招商引资',
        en: 'Investment promotion',
        leaves: [
          L('招商引资到位资金', 'Investment funds attracted', 'rank-points', [D, S]),
          L('新增市场主体', 'New market entities', 'rel-mean', [S, C]),
          L('产业项目签约', 'Industrial projects signed', 'yes-no', [D, S], { period: 'quarterly' }),
        ],
        ahp: [
          [1, 3, 5],
          [1 / 3, 1, 2],
          [1 / 5, 1 / 2, 1],
        ],
      },
      {
        zh: '科技创新',
        en: 'Innovation',
        leaves: [
          L('高新技术企业培育', 'High-tech enterprise cultivation', 'completion', [D]),
          L('研发投入强度', 'R&D intensity', 'red-flag', [D], { period: 'yearly' }),
          L('科技成果转化', 'Technology transfer', 'grade', [D], { period: 'quarterly' }),
        ],
      },
      {
        zh: '数字经济',
        en: 'Digital economy',
        leaves: [
          L('数字经济核心产业增加值', 'Core digital industries value added', 'yoy', [D]),
          L('5G 基站建设', '5G base stations', 'completion', [D, T]),
          L('企业上云', 'Enterprises on the cloud', 'interpolate', [D, S]),
          L('数据开放共享', 'Open data sharing', 'weighted-sum', [D]),
        ],
      },
    ],
  },
  {
    id: 'gov',
    zh: '社会治理',
    en: 'Social governance',
    weight: 0.2,
    districts: [
      {
        zh: '平安建设',
        en: 'Public safety',
        leaves: [
          L('矛盾纠纷化解率', 'Dispute resolution rate', 'threshold', [S, C]),
          L('安全隐患整改', 'Hazard rectification', 'incidents', [D, S, C], { evidence: true }),
          L('网格化巡查', 'Grid patrols', 'z-score', [S, C]),
          L('信访积案化解', 'Petition backlog resolution', 'shortfall', [D, S]),
        ],
      },
      {
        zh: '基层治理',
        en: 'Grassroots governance',
        leaves: [
          L('社区议事协商', 'Community consultation', 'text-report', [C]),
          L('志愿服务', 'Volunteer service', 'min-max', [S, C]),
          L('居民公约执行', 'Residents’ covenant', 'checklist', [C], { period: 'quarterly' }),
          L('基层减负落实', 'Reducing grassroots burdens', 'yes-no', [S, D], { period: 'quarterly' }),
        ],
      },
      {
        zh: '诉求办理',
        en: 'Citizen requests',
        leaves: [
          L('热线工单按时办结率', 'Hotline on-time closure', 'threshold', [D, S, T, O], {
            dataSource: 'caseMetrics',
          }),
          L('群众满意率', 'Citizen satisfaction', 'bands', [D, S, T], { dataSource: 'thirdParty' }),
          L('平均响应时长', 'Mean response time', 'rel-best', [D]),
          L('工单办理时效', 'Case processing time', 'working-days', [S, C, T]),
          L('群众好评', 'Citizen praise', 'rank-linear', [S, C]),
        ],
      },
      {
        zh: '应急管理',
        en: 'Emergency management',
        leaves: [
          L('应急预案演练', 'Emergency drills', 'yes-no', [D, S, C, T], {
            period: 'quarterly',
            evidence: true,
          }),
          L('防汛物资储备', 'Flood-control supplies', 'red-flag', [D, S]),
          L('消防安全检查', 'Fire safety inspections', 'pass-rate', [S, C]),
          L('应急响应时效', 'Emergency response time', 'rel-best', [S, T]),
        ],
      },
    ],
  },
  {
    id: 'welfare',
    zh: '民生保障',
    en: 'Livelihoods',
    weight: 0.2,
    districts: [
      {
        zh: '就业社保',
        en: 'Jobs and social security',
        leaves: [
          L('城镇新增就业', 'New urban jobs', 'completion', [D, S]),
          L('社保扩面', 'Social insurance coverage', 'interpolate', [D, S, C]),
          L('困难群众救助', 'Assistance to people in need', 'late-days', [D, S, C]),
        ],
        weights: [0.4, 0.35, 0.25],
      },
      {
        zh: '教育卫生',
        en: 'Education and health',
        leaves: [
          L('学位供给', 'School places', 'completion', [D], { period: 'quarterly' }),
          L('家庭医生签约', 'Family doctor contracts', 'interpolate', [D, C]),
          L('食品抽检合格率', 'Food sampling pass rate', 'pass-rate', [D, S]),
        ],
      },
      {
        zh: '公共服务',
        en: 'Public services',
        leaves: [
          L('供水水质', 'Tap water quality', 'range', [T]),
          L('供电可靠', 'Power supply reliability', 'threshold', [T]),
          L('公共服务评价', 'Public service rating', 'weighted-sum', [D, S, C, T]),
          L('民生实事办理', 'Livelihood projects', 'deadline-kept', [D, S], { evidence: true }),
        ],
      },
      {
        zh: '养老托育',
        en: 'Elderly care and childcare',
        leaves: [
          L('社区养老服务覆盖', 'Community elderly-care coverage', 'red-flag', [S, C]),
          L('托育机构建设', 'Childcare facilities', 'completion', [D, S], { period: 'quarterly' }),
          L('老年助餐服务', 'Meals for the elderly', 'rank-points', [S, C]),
          L('适老化改造', 'Age-friendly renovation', 'shortfall', [D, S, C]),
        ],
      },
      {
        zh: '住房保障',
        en: 'Housing',
        leaves: [
          L('保障性住房建设', 'Affordable housing construction', 'by-month', [D, S]),
          L('老旧小区改造', 'Old residential area renewal', 'completion', [S, C]),
          L('物业服务评价', 'Property service rating', 'bands', [C, T], { dataSource: 'thirdParty' }),
        ],
      },
    ],
  },
  {
    id: 'eco',
    zh: '生态环境',
    en: 'Ecology and environment',
    weight: 0.15,
    districts: [
      {
        zh: '污染防治',
        en: 'Pollution control',
        leaves: [
          L('空气质量优良天数', 'Good air-quality days', 'completion', [D, S]),
          L('水体 pH 达标', 'Water pH compliance', 'range', [D, S]),
          L('环境信访办理', 'Environmental complaints', 'lower-days', [D, S, C]),
        ],
      },
      {
        zh: '城市环境',
        en: 'Urban environment',
        leaves: [
          L('垃圾分类覆盖率', 'Waste sorting coverage', 'red-flag', [S, C]),
          L('市容环境检查', 'Cityscape inspections', 'checklist', [S, C]),
          L('绿化养护', 'Green space maintenance', 'geomean', [D, S]),
        ],
      },
      {
        zh: '双碳节能',
        en: 'Carbon and energy',
        leaves: [
          L('单位 GDP 能耗下降', 'Energy intensity reduction', 'efficacy', [D], { period: 'quarterly' }),
          L('公共机构节能', 'Public-sector energy saving', 'lower-days', [D, T]),
          L('清洁能源推广', 'Clean energy adoption', 'rel-mean', [S, C]),
          L('节能宣传', 'Energy-saving publicity', 'text-report', [D, S, C]),
        ],
      },
    ],
  },
  {
    id: 'party',
    zh: '党的建设',
    en: 'Party building',
    weight: 0.1,
    districts: [
      {
        zh: '组织建设',
        en: 'Organisation',
        leaves: [
          L('基层党组织建设', 'Grassroots Party organisations', 'grade', [D, S, C], { period: 'quarterly' }),
          L('党员教育培训', 'Member education', 'text-report', [D, S, C]),
        ],
      },
      {
        zh: '党风廉政',
        en: 'Integrity',
        leaves: [
          L('廉政风险防控', 'Integrity risk control', 'checklist', [D, S], { period: 'quarterly' }),
          L('作风建设', 'Work style', 'weighted-avg', [D, S, C]),
        ],
      },
      {
        zh: '宣传思想',
        en: 'Publicity and ideology',
        leaves: [
          L('意识形态工作', 'Ideological work', 'grade', [D, S], { period: 'quarterly' }),
          L('新闻宣传报道', 'News coverage', 'min-max', [D, S, C]),
          L('文明创建', 'Civility campaign', 'checklist', [S, C]),
        ],
      },
      {
        zh: '机关效能',
        en: 'Office efficiency',
        leaves: [
          L('督办事项落实', 'Supervised tasks done', 'deadline-kept', [D, S, O]),
          L('文件办理时效', 'Document processing time', 'working-days', [D, O]),
          L('建议提案办理', 'Deputies’ proposals handled', 'threshold', [D], { period: 'yearly' }),
        ],
      },
    ],
  },
  {
    id: 'biz',
    zh: '营商环境',
    en: 'Business environment',
    weight: 0.15,
    districts: [
      {
        zh: '政务服务',
        en: 'Government services',
        leaves: [
          L('一网通办', 'One-stop online services', 'weighted-avg', [D, S]),
          L('审批时限压缩', 'Approval time cut', 'lower-days', [D]),
          L('惠企政策兑现', 'Business policy delivery', 'deadline-kept', [D]),
        ],
      },
      {
        zh: '市场环境',
        en: 'Market environment',
        leaves: [
          L('企业诉求响应', 'Business request response', 'rel-best', [D, S]),
          L('信用体系建设', 'Credit system', 'geomean', [D]),
          L('涉企检查规范', 'Regulated enterprise inspections', 'incidents', [D]),
        ],
      },
      {
        zh: '要素保障',
        en: 'Factor supply',
        leaves: [
          L('用地保障', 'Land supply', 'completion', [D], { period: 'quarterly' }),
          L('用水用电报装时长', 'Utility connection time', 'lower-days', [T]),
          L('融资服务', 'Financing services', 'z-score', [D, S]),
          L('人才引进', 'Talent attraction', 'rank-linear', [D, S]),
        ],
      },
    ],
  },
  {
    id: 'adj',
    zh: '加减分与一票否决',
    en: 'Bonus, deduction and veto items',
    weight: null,
    districts: [
      {
        zh: '加分项目',
        en: 'Bonus items',
        leaves: [
          L('获上级表彰', 'Awards from higher levels', 'awards', [D, S, C, T, O], { evidence: true }),
          L('创新经验推广', 'Innovation adopted', 'innovation', [D, S, C], {
            period: 'quarterly',
            evidence: true,
          }),
        ],
      },
      {
        zh: '减分项目',
        en: 'Deduction items',
        leaves: [
          L('督查通报批评', 'Criticised in inspection notices', 'notices', [D, S, C, T, O]),
          L('媒体负面曝光', 'Negative media exposure', 'exposure', [D, S, C, T]),
        ],
      },
      {
        zh: '一票否决事项',
        en: 'Veto items',
        leaves: [
          L('安全生产重大事故一票否决', 'Major work-safety accident veto', 'safety-veto', [D, S, C, T, O]),
          L('数据造假与严重违纪一票否决', 'Data fraud and serious violation veto', 'integrity-veto', [
            D,
            S,
            C,
            T,
            O,
          ]),
        ],
      },
    ],
  },
];

/** A unit of seeds/units.json. */
export interface SeedUnit {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  kind: 'city_office' | 'department' | 'street' | 'community' | 'third_party';
  parentId: string | null;
  peerGroup: string | null;
}

const GROUP_OF: Record<SeedUnit['kind'], OwnerGroup> = {
  department: 'departments',
  street: 'streets',
  community: 'communities',
  third_party: 'thirdParties',
  city_office: 'cityOffice',
};

const TYPE_OF: Record<SeedUnit['kind'], 'department' | 'street' | 'community' | 'thirdParty' | 'cityOffice'> =
  {
    department: 'department',
    street: 'street',
    community: 'community',
    third_party: 'thirdParty',
    city_office: 'cityOffice',
  };

/** Deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Leaf id → template id, as built. */
export type LeafTemplates = Record<string, string>;

const name = (zh: string, en: string) => ({ zh, en });

/**
 * Builds the demo district's 2026 rule set (pure): unit documents from seeds/units.json, the policy,
 * light rules, reusable scoring rules with tests, the three-level indicator tree and one form per leaf.
 */
export function buildDistrictRuleSet(units: readonly SeedUnit[]): {
  ruleSet: RuleSet;
  leafTemplates: LeafTemplates;
} {
  const docs: RuleSetDocument[] = [];
  for (const u of units)
    docs.push({
      kind: 'unit',
      id: u.id,
      schemaVersion: 1,
      name: name(u.name, u.nameEn),
      type: TYPE_OF[u.kind],
      ...(u.parentId ? { parentId: u.parentId } : {}),
      peerGroups: u.peerGroup ? [u.peerGroup] : [],
    });
  docs.push({
    kind: 'assessmentPolicy',
    id: 'policy-2026',
    schemaVersion: 1,
    name: name('2026年度绩效考核办法', '2026 performance assessment method'),
    pipeline: ['validate', 'score', 'weight', 'adjust', 'veto', 'grade', 'rank'],
    totalScore: 100,
    decimals: 2,
    bonus: { cap: 5 },
    deduction: { cap: 10 },
    lateEntryDeduction: 0.2,
    veto: { failAtOrBelow: 0, score: 0, gradeId: 'fail' },
    grades: [
      { id: 'excellent', name: name('优秀', 'Excellent'), minScore: 90 },
      { id: 'good', name: name('良好', 'Good'), minScore: 80 },
      { id: 'pass', name: name('合格', 'Pass'), minScore: 60 },
      { id: 'fail', name: name('不合格', 'Fail'), minScore: 0 },
    ],
    deadline: { dayOfNextMonth: 15 },
    lists: { redBottom: 3, blackBelow: 60 },
  });
  docs.push(
    {
      kind: 'lightRule',
      id: 'light-higher',
      schemaVersion: 1,
      name: name('进度亮灯（越高越好）', 'Progress light (higher is better)'),
      direction: 'higherIsBetter',
      expectedProgress: 'linear',
      tolerances: { green: 0.05, yellow: 0.15 },
      greyWhenNoData: true,
      overdueAfterDays: 0,
    },
    {
      kind: 'lightRule',
      id: 'light-lower',
      schemaVersion: 1,
      name: name('时效亮灯（越低越好）', 'Time light (lower is better)'),
      direction: 'lowerIsBetter',
      expectedProgress: 'linear',
      tolerances: { green: 0.1, yellow: 0.3 },
      greyWhenNoData: true,
      overdueAfterDays: 3,
    },
    {
      kind: 'scoringRule',
      id: 'score-completion-capped',
      schemaVersion: 1,
      name: name('完成率计分（封顶）', 'Completion ratio, capped'),
      description: name(
        '按完成量与目标之比计分，超额部分按上限封顶',
        'Points proportional to done / target, capped',
      ),
      params: [
        { name: 'cap', type: 'number', default: 1, description: name('超额上限', 'Over-achievement cap') },
      ],
      rule: { completion_ratio: [{ var: 'entry.done' }, { var: 'target' }, 100, { var: 'params.cap' }] },
      tests: [
        {
          name: 'half done gives half the points',
          input: { entry: { done: 50 }, target: 100, params: { cap: 1 } },
          expected: 50,
        },
        {
          name: 'over-achievement is capped',
          input: { entry: { done: 150 }, target: 100, params: { cap: 1.2 } },
          expected: 120,
        },
      ],
    },
  );
  const allTemplates = new Map([...TEMPLATES, ...SPECIAL_TEMPLATES].map((t) => [t.id, t]));
  const byGroup = new Map<OwnerGroup, SeedUnit[]>();
  for (const u of units) {
    const g = GROUP_OF[u.kind];
    byGroup.set(g, [...(byGroup.get(g) ?? []), u]);
  }
  const leafTemplates: LeafTemplates = {};
  const rng = seededRandom(2026);
  TREE.forEach((city, ci) => {
    const cityId = `ind-${city.id}`;
    const districtIds = city.districts.map((_, di) => `${cityId}-${di + 1}`);
    docs.push({
      kind: 'indicator',
      id: cityId,
      schemaVersion: 1,
      code: String.fromCharCode(65 + ci),
      name: name(city.zh, city.en),
      level: 'city',
      ...(city.weight !== null ? { weight: city.weight } : {}),
      ...(city.ahp
        ? {
            ahp: {
              id: `ahp-${city.id}`,
              method: 'eigenvector' as const,
              criteria: districtIds,
              matrix: city.ahp,
            },
          }
        : {}),
    });
    city.districts.forEach((district, di) => {
      const districtId = districtIds[di]!;
      const leafIds = district.leaves.map((_, li) => `${districtId}-${li + 1}`);
      const dw = city.ahp ? { ahp: `ahp-${city.id}` } : roundWeights(city.districts.length)[di]!;
      docs.push({
        kind: 'indicator',
        id: districtId,
        schemaVersion: 1,
        code: `${String.fromCharCode(65 + ci)}.${di + 1}`,
        name: name(district.zh, district.en),
        level: 'district',
        parentId: cityId,
        weight: dw,
        ...(district.ahp
          ? {
              ahp: {
                id: `ahp-${city.id}-${di + 1}`,
                method: 'geometricMean' as const,
                criteria: leafIds,
                matrix: district.ahp,
              },
            }
          : {}),
      });
      district.leaves.forEach((leaf, li) => {
        const id = leafIds[li]!;
        const t = allTemplates.get(leaf.template)!;
        leafTemplates[id] = t.id;
        const owners = leaf.owners.flatMap((g) => byGroup.get(g) ?? []).map((u) => u.id);
        const weight = district.ahp
          ? { ahp: `ahp-${city.id}-${di + 1}` }
          : district.weights
            ? district.weights[li]!
            : roundWeights(district.leaves.length)[li]!;
        const code = `${String.fromCharCode(65 + ci)}.${di + 1}.${li + 1}`;
        const targets =
          t.target === null
            ? []
            : owners.map((unitId, k) => {
                const value = r2(t.target! * (0.8 + 0.4 * rng()));
                return k % 7 === 0 && t.id === 'completion'
                  ? { unitId, value, monthly: monthlyTargets(value) }
                  : { unitId, value };
              });
        const special = city.id === 'adj';
        docs.push({
          kind: 'indicator',
          id,
          schemaVersion: 1,
          code,
          name: name(leaf.zh, leaf.en),
          level: 'unit',
          parentId: districtId,
          weight,
          owners,
          period: leaf.period ?? 'monthly',
          dataSource: leaf.dataSource ?? 'form',
          formId: `form-${id}`,
          targets,
          maxScore: t.maxScore ?? 100,
          minScore: 0,
          ...(t.id === 'completion' && li % 2 === 0
            ? { scoringRuleRef: { id: 'score-completion-capped', params: { cap: 1.1 } } }
            : { scoringRule: t.rule }),
          ...(t.progressField ? { progressField: t.progressField, lightRuleId: t.light } : {}),
          ...(special && district.en === 'Bonus items' ? { adjustment: 'bonus' as const } : {}),
          ...(special && district.en === 'Deduction items' ? { adjustment: 'deduction' as const } : {}),
          ...(special && district.en === 'Veto items' ? { veto: true } : {}),
          ...(leaf.evidence
            ? {
                evidence: {
                  required: true,
                  kinds: ['photo', 'document'] as ('photo' | 'document')[],
                  minCount: 1,
                  description: name(
                    '上传佐证材料（照片或文件）',
                    'Upload supporting evidence (photo or document)',
                  ),
                },
              }
            : {}),
        });
        docs.push(formOf(`form-${id}`, leaf, t));
      });
    });
  });
  return {
    ruleSet: {
      kind: 'ruleSet',
      id: 'district-2026',
      timeline: 'district',
      schemaVersion: 1,
      name: name('2026年度区绩效考核', 'District performance assessment 2026'),
      period: { from: '2026-01-01', to: '2026-12-31' },
      version: { number: 1, status: 'draft', createdBy: 'admin.li', notes: 'Demo district indicator system' },
      documents: docs,
    },
    leafTemplates,
  };
}

function roundWeights(n: number): number[] {
  // Equal shares rounded to 4 decimals, the remainder on the first so they sum to exactly 1.
  const each = Math.floor(10000 / n) / 10000;
  const first = Math.round((1 - each * (n - 1)) * 10000) / 10000;
  return Array.from({ length: n }, (_, i) => (i === 0 ? first : each));
}

function monthlyTargets(yearly: number): number[] {
  // Front-loaded: the first half-year carries 55 % of the target.
  const shares = [0.07, 0.08, 0.09, 0.1, 0.1, 0.11, 0.08, 0.08, 0.08, 0.07, 0.07, 0.07];
  let acc = 0;
  return shares.map((s) => {
    acc += s;
    return r2(yearly * acc);
  });
}

/**
 * Chinese help text of each field by its Chinese title: a form's `description` is the help shown under
 * the field (Chinese, the studio's first language); the English one is kept as `x-description-en`.
 */
const HELP_ZH: Record<string, string> = {
  '累计完成投资（万元）': '本年 1 月至本月末累计完成的投资额，单位万元，不能为负数。',
  '增长率（%）': '与上年同期相比的增长百分比，下降时填负数。',
  本年累计值: '本年 1 月至本月末的累计数。',
  上年同期值: '上年同一时段的累计数，须大于 0。',
  '本年税收（万元）': '本年 1 月至本月末累计入库税收，单位万元。',
  '上年同期税收（万元）': '上年同一时段累计入库税收，单位万元，须大于 0。',
  累计完成量: '本年 1 月至本月末累计完成的工作量，不能为负数。',
  '招商引资额（亿元）': '本年累计实际到位的招商引资金额，单位亿元。',
  '新增市场主体（户）': '本月新登记的企业和个体工商户户数，填整数。',
  是否按期完成: '任务是否在规定期限内完成。',
  说明: '简要说明完成情况或未完成原因，不超过 500 字。',
  '覆盖率（%）': '已覆盖对象占应覆盖对象的百分比，0–100。',
  评定等级: '按考核细则评定的等级，A 最高、D 最低。',
  '达标率（%）': '达到标准的对象占全部对象的百分比，0–100。',
  质量分: '按评分细则给出的质量得分，0–100。',
  时效分: '按评分细则给出的时效得分，0–100。',
  态度分: '按评分细则给出的服务态度得分，0–100。',
  '按时办结率（%）': '在时限内办结的件数占应办结件数的百分比，0–100。',
  问题起数: '本月发现的问题数量，填整数。',
  已整改数: '本月已整改完毕的问题数量，填整数，不能多于问题起数。',
  网格巡查次数: '本月完成的网格巡查次数，填整数。',
  '完成率（%）': '已完成任务占计划任务的百分比，0–100。',
  工作总结: '本期主要工作、成效和存在问题的简要总结。',
  '志愿服务时长（小时）': '本月志愿服务累计时长，单位小时。',
  检查项: '逐项列出本期检查内容及得分，可添加多行。',
  得分: '该检查项的得分，0–100。',
  '满意率（%）': '满意和基本满意的比例，0–100。',
  '平均响应时长（小时）': '从接到诉求到首次响应的平均时长，单位小时。',
  受理日期: '事项受理的日期。',
  办结日期: '事项办结的日期，不能早于受理日期。',
  群众好评数: '本月收到的群众表扬、好评件数，填整数。',
  抽检样本: '逐个列出本期抽检的样本及是否合格，可添加多行。',
  合格: '该样本合格填 1，不合格填 0。',
  规定完成日期: '上级交办或计划规定的完成日期。',
  实际完成日期: '任务实际完成的日期。',
  'pH 值': '本月监测的平均 pH 值，0–14。',
  交办日期: '任务交办给本单位的日期。',
  完成日期: '任务完成并报结的日期。',
  平均办理天数: '本月办结事项从受理到办结的平均天数。',
  办件数: '本月办结的事项件数，填整数。',
  '准确率（%）': '数据或信息准确的比例，0–100。',
  '网上办理率（%）': '可网办事项中实际网上办理的比例，0–100。',
  '最多跑一次率（%）': '群众办事最多跑一次的事项比例，0–100。',
  获奖表彰: '本年获得的表彰奖励，逐项填写事项和级别，可添加多行。',
  表彰事项: '获奖或表彰的名称。',
  级别: '表彰的级别（国家、省、市、区）。',
  创新经验被上级推广: '本单位创新做法是否被上级部门发文推广。',
  被通报批评次数: '本期被上级通报批评的次数，填整数。',
  媒体负面曝光次数: '本期被媒体负面报道的次数，填整数。',
  是否发生重大安全生产事故: '本期是否发生重大及以上安全生产事故；如发生，本项一票否决。',
  是否存在数据造假: '本期是否查实存在统计或填报数据造假；如存在，本项一票否决。',
  是否发生严重违纪违法: '本期是否发生严重违纪违法案件；如发生，本项一票否决。',
};

/** A field schema (and its nested fields) with Chinese help: `description` ← help, `x-description-en` ← the English text. */
const withChineseHelp = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(withChineseHelp);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) out[key] = withChineseHelp(value);
  const { title, description } = node as Json;
  if (typeof title === 'string' && typeof description === 'string' && !('x-description-en' in out)) {
    out.description = HELP_ZH[title] ?? `请填写${title}。`;
    out['x-description-en'] = description;
  }
  return out;
};

function formOf(id: string, leaf: LeafSpec, t: Template): RuleSetDocument {
  const properties: Json = {};
  for (const fld of t.fields) properties[fld.name] = withChineseHelp(fld.schema);
  return {
    kind: 'form',
    id,
    schemaVersion: 1,
    name: name(`${leaf.zh}填报表`, `${leaf.en} report`),
    schema: {
      type: 'object',
      title: leaf.zh,
      description: `按考核细则如实填报“${leaf.zh}”的本期数据。`,
      'x-description-en': leaf.en,
      properties,
      required: t.fields.map((x) => x.name),
      additionalProperties: false,
    },
    uiSchema: {
      type: 'VerticalLayout',
      elements: t.fields.map((x) => ({
        type: 'Control',
        scope: `#/properties/${x.name}`,
        label: x.zh,
        options: { labelEn: x.en },
      })),
    },
    checks: [
      { id: `${id}-check`, rule: t.check.rule, message: name(t.check.zh, t.check.en), path: t.check.path },
    ],
  };
}
