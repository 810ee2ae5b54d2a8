/** @module How the demo history draws each formula template's values (keyed by the template ids of seeds/indicators/district-indicators.json). */
import { type Rng, r2 } from './random.ts';

type Json = Record<string, unknown>;

/** What a drawer knows: the unit's target, the month and its quality in [0, 1]. */
export interface DrawInput {
  rng: Rng;
  target: number;
  month: number;
  quality: number;
}

/** Draws one entry's values for a template. */
export type DrawValues = (q: DrawInput) => Json;

const date = (month: number, day: number) =>
  `2026-${String(month).padStart(2, '0')}-${String(Math.min(28, Math.max(1, day))).padStart(2, '0')}`;
const cumulative = (q: DrawInput) =>
  r2((q.target * q.month * (0.75 + 0.35 * q.quality + 0.1 * q.rng())) / 12);
const rate = (q: { quality: number; rng: Rng }, lo = 70) =>
  r2(Math.min(100, lo + (100 - lo) * q.quality + 5 * q.rng()));

/** Template id → how its demo values are drawn for month `month`. */
export const DEMO_VALUES: Record<string, DrawValues> = {
  completion: (q) => ({ done: cumulative(q) }),
  'by-month': (q) => ({ done: cumulative(q) }),
  'lower-days': (q) => ({
    days: r2(q.target * (1.5 - 0.7 * q.quality + 0.2 * q.rng())),
    cases: Math.floor(20 + 80 * q.rng()),
  }),
  interpolate: (q) => ({ rate: rate(q, 60) }),
  efficacy: (q) => ({ value: r2(q.target * (0.3 + 0.9 * q.quality + 0.2 * q.rng())) }),
  'red-flag': (q) => ({ value: r2(Math.min(100, q.target * (0.65 + 0.4 * q.quality))) }),
  range: (q) => ({ value: r2(7.5 + (q.rng() - 0.5) * (4 - 3 * q.quality)) }),
  bands: (q) => ({ rate: rate(q, 65) }),
  threshold: (q) => ({ rate: rate(q, 75) }),
  shortfall: (q) => ({ rate: rate(q, 70) }),
  incidents: (q) => {
    const incidents = Math.floor((1 - q.quality) * 6 * q.rng());
    return { incidents, fixed: Math.floor(incidents * (0.5 + 0.5 * q.quality)) };
  },
  'yes-no': (q) => ({ done: q.rng() < 0.6 + 0.4 * q.quality, note: '按计划推进' }),
  grade: (q) => ({
    grade: ['D', 'C', 'B', 'A'][Math.min(3, Math.floor((q.quality * 0.8 + q.rng() * 0.3) * 4))],
  }),
  'rank-points': (q) => ({ value: r2(10 * q.month * (0.5 + q.quality + 0.2 * q.rng())) }),
  'rank-linear': (q) => ({ value: Math.floor(20 + 80 * q.quality + 10 * q.rng()) }),
  'rel-mean': (q) => ({ value: Math.floor(50 + 100 * q.quality + 20 * q.rng()) }),
  'rel-best': (q) => ({ value: r2(1 + 4 * (1 - q.quality) + q.rng()) }),
  yoy: (q) => {
    const lastYear = 100 * q.month;
    return { value: r2(lastYear * (0.97 + 0.14 * q.quality + 0.02 * q.rng())), lastYear };
  },
  'yoy-bands': (q) => {
    const lastYear = 800 * q.month;
    return { value: r2(lastYear * (0.96 + 0.18 * q.quality)), lastYear };
  },
  'z-score': (q) => ({ value: Math.floor(100 + 100 * q.quality + 40 * q.rng()) }),
  'min-max': (q) => ({ value: r2(200 + 400 * q.quality + 100 * q.rng()) }),
  'weighted-sum': (q) => ({ quality: rate(q, 60), speed: rate(q, 50), attitude: rate(q, 70) }),
  'weighted-avg': (q) => ({ online: rate(q, 60), oneVisit: rate(q, 70) }),
  geomean: (q) => ({ coverage: rate(q, 60), accuracy: rate(q, 75) }),
  checklist: (q) => ({ items: Array.from({ length: 4 }, () => ({ score: rate(q, 60) })) }),
  'pass-rate': (q) => ({
    samples: Array.from({ length: 5 }, () => ({ passed: q.rng() < 0.6 + 0.4 * q.quality ? 1 : 0 })),
  }),
  'late-days': (q) => ({
    due: date(q.month, 20),
    done: date(q.month, 14 + Math.floor(12 * (1 - q.quality) * q.rng())),
  }),
  'working-days': (q) => ({
    received: date(q.month, 2),
    closed: date(q.month, 6 + Math.floor(10 * (1 - q.quality) * q.rng())),
  }),
  'deadline-kept': (q) => ({
    assigned: date(q.month, 1),
    finished: date(q.month, 5 + Math.floor(20 * (1 - q.quality) * q.rng())),
  }),
  'text-report': (q) => {
    const words = ['开展调研', '落实整改', '专项督查', '组织培训', '加强宣传'].filter(
      () => q.rng() < 0.4 + 0.6 * q.quality,
    );
    return { summary: `本月${words.join('，')}${q.rng() < q.quality ? '，任务已完成' : '，任务推进中'}。` };
  },
  awards: (q) => ({
    awards:
      q.rng() < 0.15 * q.quality
        ? [{ item: `award-${q.month}`, level: ['city', 'provincial', 'national'][Math.floor(q.rng() * 3)] }]
        : [],
  }),
  innovation: (q) => ({ adopted: q.rng() < 0.05 }),
  notices: (q) => ({ count: q.rng() < 0.3 * (1 - q.quality) ? 1 + Math.floor(2 * q.rng()) : 0 }),
  exposure: (q) => ({ count: q.rng() < 0.1 * (1 - q.quality) ? 1 : 0 }),
  'safety-veto': (q) => ({ majorAccident: q.rng() < 0.002 }),
  'integrity-veto': (q) => ({ dataFraud: q.rng() < 0.001, corruption: false }),
};
