/** @module Unit tests of each scoring operator's `evaluate`, called directly with evaluated arguments. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RuleError } from '../../../../engine/core/errors.ts';
import type { EvalContext } from '../../../../engine/core/logic/operator.ts';
import { batonOperators } from '../../../../engine/core/scoring/operators/index.ts';
import { roundDecimal } from '../../../../engine/core/scoring/operators/rounding.ts';
import { thrownOf } from '../../../support/thrown.ts';

function op(name: string) {
  const found = batonOperators.find((o) => o.name === name);
  if (!found) throw new Error(`no operator ${name}`);
  return found;
}

/** Evaluates an operator with no context. */
function ev(name: string, ...args: unknown[]): unknown {
  return op(name).evaluate(args, {});
}

/** Evaluates with a context. */
function evc(name: string, ctx: EvalContext, ...args: unknown[]): unknown {
  return op(name).evaluate(args, ctx);
}

/** The RuleError thrown by a call, failing the test when it throws anything else or nothing. */
function ruleError(call: () => unknown): RuleError {
  return thrownOf(RuleError, call);
}

function expectBadArgs(name: string, ...args: unknown[]): RuleError {
  const error = ruleError(() => ev(name, ...args));
  expect(error.code).toBe('scoring.bad_args');
  expect(error.text.en).toContain(name);
  expect(error.text.zh).toContain(name);
  return error;
}

describe('completion_ratio', () => {
  it('scores actual over target times the full score', () => {
    expect(ev('completion_ratio', 150, 200, 100, 1.2)).toBe(75);
    expect(ev('completion_ratio', 45, 50, 20)).toBe(18);
  });

  it('caps over-achievement at the cap ratio and at 100% by default', () => {
    expect(ev('completion_ratio', 300, 200, 100, 1.2)).toBe(120);
    expect(ev('completion_ratio', 300, 200)).toBe(100);
    expect(ev('completion_ratio', 300, 200, 100, null)).toBe(150);
  });

  it('never goes below zero', () => {
    expect(ev('completion_ratio', -10, 200)).toBe(0);
  });

  it('rejects a zero target, a missing actual and a non-positive cap', () => {
    expectBadArgs('completion_ratio', 10, 0);
    const error = expectBadArgs('completion_ratio', null, 100);
    expect(error.path).toBe('/completion_ratio/0');
    expectBadArgs('completion_ratio', 10, 100, 100, 0);
    expectBadArgs('completion_ratio', Number.NaN, 100);
    expectBadArgs('completion_ratio', '90', 100);
  });

  it('is monotonic in actual', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0.001, max: 1e6, noNaN: true }),
        (a, b, target) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const sLo = ev('completion_ratio', lo, target, 100, 1.2) as number;
          const sHi = ev('completion_ratio', hi, target, 100, 1.2) as number;
          return sLo <= sHi && sLo >= 0 && sHi <= 120;
        },
      ),
    );
  });
});

describe('lower_better_ratio', () => {
  it('scores target over actual', () => {
    expect(ev('lower_better_ratio', 8, 5)).toBe(62.5);
    expect(ev('lower_better_ratio', 10, 5, 20)).toBe(10);
  });

  it('caps doing better than the target and gives zero the cap', () => {
    expect(ev('lower_better_ratio', 4, 5)).toBe(100);
    expect(ev('lower_better_ratio', 0, 5, 100, 1.2)).toBe(120);
  });

  it('rejects zero with no cap and a negative actual', () => {
    expectBadArgs('lower_better_ratio', 0, 5, 100, null);
    expectBadArgs('lower_better_ratio', -1, 5);
  });

  it('is monotonically non-increasing in actual', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          return (ev('lower_better_ratio', lo, 50) as number) >= (ev('lower_better_ratio', hi, 50) as number);
        },
      ),
    );
  });
});

describe('interpolate_target', () => {
  it('interpolates from baseline to target and clamps both ends', () => {
    expect(ev('interpolate_target', 85, 80, 90)).toBe(50);
    expect(ev('interpolate_target', 95, 80, 90)).toBe(100);
    expect(ev('interpolate_target', 70, 80, 90)).toBe(0);
  });

  it('reads the direction from target and baseline, and accepts a matching explicit one', () => {
    expect(ev('interpolate_target', 12, 20, 10, 10)).toBe(8);
    expect(ev('interpolate_target', 12, 20, 10, 10, 'lower')).toBe(8);
  });

  it('is a step when baseline equals target and a direction is given', () => {
    expect(ev('interpolate_target', 90, 90, 90, 100, 'higher')).toBe(100);
    expect(ev('interpolate_target', 89.9, 90, 90, 100, 'higher')).toBe(0);
    expect(ev('interpolate_target', 89.9, 90, 90, 100, 'lower')).toBe(100);
  });

  it('rejects a contradicting direction, an unknown one, and baseline = target without one', () => {
    expectBadArgs('interpolate_target', 12, 20, 10, 10, 'higher');
    expectBadArgs('interpolate_target', 12, 10, 20, 10, 'up');
    expectBadArgs('interpolate_target', 12, 10, 10);
  });
});

describe('efficacy', () => {
  it('gives 58.73 for a = 5.81, xh = 12, xs = 6 once rounded to 2 decimals (58.7333… unrounded)', () => {
    const raw = ev('efficacy', 5.81, 12, 6) as number;
    expect(raw).toBeCloseTo(58.733333333, 8);
    expect(ev('round_half_up', raw, 2)).toBe(58.73);
  });

  it('gives 100 at the satisfactory value and 60 at the disallowed value', () => {
    expect(ev('efficacy', 12, 12, 6)).toBe(100);
    expect(ev('efficacy', 6, 12, 6)).toBe(60);
    expect(ev('efficacy', 9, 12, 6)).toBe(80);
  });

  it('clamps the final score into [0, 100] by default and into the given bounds otherwise', () => {
    expect(ev('efficacy', 15, 12, 6)).toBe(100);
    expect(ev('efficacy', -100, 12, 6)).toBe(0);
    expect(ev('efficacy', 15, 12, 6, null, null)).toBe(120);
    expect(ev('efficacy', 0, 12, 6, 50)).toBe(50);
  });

  it('handles lower-is-better anchors', () => {
    expect(ev('efficacy', 3, 2, 6)).toBe(90);
  });

  it('rejects equal anchors and a floor above the ceiling', () => {
    expectBadArgs('efficacy', 5, 6, 6);
    expectBadArgs('efficacy', 5, 12, 6, 90, 80);
  });
});

describe('goal_red_flag', () => {
  it('maps goal 100 / red flag 80 to 0, 5 and 10 for 60, 90 and 120', () => {
    expect(ev('goal_red_flag', 60, 100, 80)).toBe(0);
    expect(ev('goal_red_flag', 90, 100, 80)).toBe(5);
    expect(ev('goal_red_flag', 120, 100, 80)).toBe(10);
    expect(ev('goal_red_flag', 80, 100, 80)).toBe(0);
  });

  it('supports lower-is-better and another scale', () => {
    expect(ev('goal_red_flag', 15, 10, 20, 100)).toBe(50);
  });

  it('rejects a goal equal to the red flag', () => {
    expectBadArgs('goal_red_flag', 90, 80, 80);
  });
});

describe('within_range', () => {
  it('gives full points inside the inclusive range and falls off linearly outside', () => {
    expect(ev('within_range', 6.5, 6.5, 8.5, 1)).toBe(100);
    expect(ev('within_range', 8.5, 6.5, 8.5, 1)).toBe(100);
    expect(ev('within_range', 9, 6.5, 8.5, 1)).toBe(50);
    expect(ev('within_range', 6, 6.5, 8.5, 2, 10)).toBe(7.5);
    expect(ev('within_range', 20, 6.5, 8.5, 1)).toBe(0);
  });

  it('rejects an inverted range and a zero tolerance', () => {
    expectBadArgs('within_range', 7, 8.5, 6.5, 1);
    expectBadArgs('within_range', 7, 6.5, 8.5, 0);
  });
});

describe('bands', () => {
  const table = [
    [90, null, 10],
    [80, 90, 6],
    [60, 80, 3],
  ];

  it('includes from and excludes to by default', () => {
    expect(ev('bands', 90, table)).toBe(10);
    expect(ev('bands', 89.99, table)).toBe(6);
    expect(ev('bands', 60, table)).toBe(3);
  });

  it('includes to and excludes from when closed on the right', () => {
    expect(ev('bands', 90, table, 0, 'right')).toBe(6);
    expect(
      ev(
        'bands',
        80,
        [
          [null, 80, 0],
          [80, 100, 5],
        ],
        0,
        'right',
      ),
    ).toBe(0);
  });

  it('returns the fallback when no band holds and accepts object bands', () => {
    expect(ev('bands', 50, table)).toBe(0);
    expect(ev('bands', 50, table, -1)).toBe(-1);
    expect(ev('bands', 85, [{ from: 80, to: 90, points: 6 }])).toBe(6);
  });

  it('resolves overlaps by list order', () => {
    expect(
      ev('bands', 85, [
        [80, 90, 6],
        [0, 100, 1],
      ]),
    ).toBe(6);
  });

  it('rejects malformed bands', () => {
    expectBadArgs('bands', 85, [[90, 80, 1]]);
    expectBadArgs('bands', 85, [[80, 90]]);
    expectBadArgs('bands', 85, [[80, 90, 'six']]);
    expectBadArgs('bands', 85, 'A');
  });

  it('puts every value of a contiguous table in exactly one band', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 8 }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        (cuts, value) => {
          const edges = [...cuts].sort((a, b) => a - b);
          const bands = edges.slice(0, -1).map((from, i) => [from, edges[i + 1], i + 1]);
          const first = edges[0] as number;
          const last = edges[edges.length - 1] as number;
          const points = ev('bands', value, bands) as number;
          const holding = bands.filter(([from, to]) => value >= (from as number) && value < (to as number));
          if (value < first || value >= last) return points === 0 && holding.length === 0;
          return holding.length === 1 && points === holding[0]?.[2];
        },
      ),
    );
  });
});

describe('threshold_points', () => {
  const table = [
    [95, 10],
    [90, 8],
    [80, 5],
  ];

  it('takes the highest threshold reached, inclusively, in any order', () => {
    expect(ev('threshold_points', 92, table)).toBe(8);
    expect(ev('threshold_points', 95, [...table].reverse())).toBe(10);
    expect(ev('threshold_points', 70, table)).toBe(0);
    expect(ev('threshold_points', 70, table, 1)).toBe(1);
  });

  it('takes the smallest threshold not exceeded when lower is better', () => {
    const lower = [
      [0, 10],
      [2, 6],
      [5, 2],
    ];
    expect(ev('threshold_points', 0, lower, 0, 'lower')).toBe(10);
    expect(ev('threshold_points', 1, lower, 0, 'lower')).toBe(6);
    expect(ev('threshold_points', 6, lower, 0, 'lower')).toBe(0);
  });

  it('rejects malformed pairs', () => {
    expectBadArgs('threshold_points', 5, [[1, 2, 3]]);
    expectBadArgs('threshold_points', 5, [['a', 2]]);
  });
});

describe('shortfall_deduction', () => {
  it('prorates the shortfall by default', () => {
    expect(ev('shortfall_deduction', 92, 95, 2)).toBe(94);
    expect(ev('shortfall_deduction', 93.5, 95, 2, 10)).toBe(7);
  });

  it('counts every started unit whole when a unit is given, ignoring binary noise', () => {
    expect(ev('shortfall_deduction', 92.5, 95, 2, 100, 0, 1)).toBe(94);
    expect(ev('shortfall_deduction', 89.8, 90, 1, 10, 0, 0.1)).toBe(8);
  });

  it('does not go below the floor and does not reward over-achievement', () => {
    expect(ev('shortfall_deduction', 50, 95, 2, 10)).toBe(0);
    expect(ev('shortfall_deduction', 50, 95, 2, 10, 4)).toBe(4);
    expect(ev('shortfall_deduction', 98, 95, 2, 10)).toBe(10);
  });

  it('rejects a negative rate, a zero unit and a floor above the full score', () => {
    expectBadArgs('shortfall_deduction', 90, 95, -1);
    expectBadArgs('shortfall_deduction', 90, 95, 1, 100, 0, 0);
    expectBadArgs('shortfall_deduction', 90, 95, 1, 10, 20);
  });
});

describe('incident_deduction', () => {
  it('deducts per incident counted as a number or as a list', () => {
    expect(ev('incident_deduction', 3, 2, 10)).toBe(4);
    expect(ev('incident_deduction', ['a', 'b', 'c'], 0.5, 5)).toBe(3.5);
    expect(ev('incident_deduction', 0, 2, 10)).toBe(10);
  });

  it('stops at the floor', () => {
    expect(ev('incident_deduction', 8, 2, 10)).toBe(0);
    expect(ev('incident_deduction', 8, 2, 10, 2)).toBe(2);
  });

  it('rejects a negative count', () => {
    expectBadArgs('incident_deduction', -1, 2);
  });
});

describe('tiered_bonus', () => {
  const tiers = { national: 5, provincial: 3, city: 1 };

  it('counts each item once at its highest tier', () => {
    const awards = [
      { item: 'clean-street', level: 'city' },
      { item: 'clean-street', level: 'national' },
      { item: 'clean-street', level: 'provincial' },
      { itemId: 'safe-campus', tier: 'provincial' },
      { id: 7, level: 'city' },
    ];
    expect(ev('tiered_bonus', awards, tiers)).toBe(9);
  });

  it('caps the total and gives nothing for no award', () => {
    const awards = [
      { item: 'a', level: 'national' },
      { item: 'b', level: 'national' },
    ];
    expect(ev('tiered_bonus', awards, tiers, 6)).toBe(6);
    expect(ev('tiered_bonus', awards, tiers, null)).toBe(10);
    expect(ev('tiered_bonus', [], tiers, 6)).toBe(0);
  });

  it('rejects an unknown level and an award without an item', () => {
    const error = expectBadArgs('tiered_bonus', [{ item: 'a', level: 'county' }], tiers);
    expect(error.text.en).toContain('county');
    expectBadArgs('tiered_bonus', [{ level: 'city' }], tiers);
    expectBadArgs('tiered_bonus', [{ item: 'a', level: 'city' }], null);
  });

  it('never exceeds the cap nor the sum of the best points per item', () => {
    const level = fc.constantFrom('national', 'provincial', 'city');
    fc.assert(
      fc.property(
        fc.array(fc.record({ item: fc.constantFrom('a', 'b', 'c', 'd'), level }), { maxLength: 12 }),
        fc.integer({ min: 0, max: 30 }),
        (awards, cap) => {
          const total = ev('tiered_bonus', awards, tiers, cap) as number;
          const distinct = new Set(awards.map((a) => a.item)).size;
          return total <= cap && total <= distinct * 5 && total >= Math.min(cap, distinct);
        },
      ),
    );
  });
});

describe('veto and veto_flags', () => {
  it('zeroes the score when any condition holds', () => {
    expect(ev('veto', 88, [true, false])).toBe(0);
    expect(ev('veto', 88, [false, 0, [], '', null])).toBe(88);
    expect(ev('veto', 88, { fraud: false, falsified: true }, 30)).toBe(30);
    expect(ev('veto', 88, true)).toBe(0);
  });

  it('flags the result with the reasons that held', () => {
    expect(ev('veto_flags', 92, { fraud: false, majorAccident: true, falsified: 1 })).toEqual({
      score: 0,
      vetoed: true,
      reasons: ['majorAccident', 'falsified'],
    });
    expect(ev('veto_flags', 92, [])).toEqual({ score: 92, vetoed: false, reasons: [] });
  });

  it('rejects a non-numeric score', () => {
    expectBadArgs('veto', 'good', [true]);
  });
});

describe('yes_no', () => {
  it('understands booleans, numbers and Chinese and English answers', () => {
    expect(ev('yes_no', true, 5)).toBe(5);
    expect(ev('yes_no', 0, 5)).toBe(0);
    expect(ev('yes_no', ' 是 ', 5)).toBe(5);
    expect(ev('yes_no', '否', 5)).toBe(0);
    expect(ev('yes_no', 'YES', 5)).toBe(5);
    expect(ev('yes_no', null, 5, -1)).toBe(-1);
  });

  it('rejects an unrecognised answer instead of counting it as yes', () => {
    expectBadArgs('yes_no', '也许', 5);
    expectBadArgs('yes_no', { a: 1 }, 5);
  });
});

describe('grade_score', () => {
  const table = { A: 100, B: 85, C: 70 };

  it('looks the grade up', () => {
    expect(ev('grade_score', 'B', table)).toBe(85);
    expect(ev('grade_score', ' A', table)).toBe(100);
    expect(ev('grade_score', 1, { 1: 10, 2: 5 })).toBe(10);
  });

  it('uses the fallback for an unknown grade, or fails without one', () => {
    expect(ev('grade_score', 'D', table, 0)).toBe(0);
    const error = expectBadArgs('grade_score', 'D', table);
    expect(error.text.en).toContain('A, B, C');
    expectBadArgs('grade_score', 'toString', table);
    expectBadArgs('grade_score', null, table);
  });
});

describe('rank operators', () => {
  it('ranks with ties sharing a place', () => {
    expect(ev('rank_of', 85, [90, 85, 70, 85])).toBe(2);
    expect(ev('rank_of', 70, [90, 85, 70, 85])).toBe(4);
    expect(ev('rank_of', 3, [1, 3, 5], 'lower')).toBe(2);
  });

  it('looks points up by rank with a fallback past the table', () => {
    expect(ev('rank_points', 2, [10, 8, 6])).toBe(8);
    expect(ev('rank_points', 4, [10, 8, 6], 1)).toBe(1);
  });

  it('scores ranks linearly from best to worst', () => {
    expect(ev('rank_linear', 1, 10)).toBe(100);
    expect(ev('rank_linear', 10, 10)).toBe(60);
    expect(ev('rank_linear', 4, 7, 10, 4)).toBe(7);
    expect(ev('rank_linear', 1, 1)).toBe(100);
  });

  it('rejects ranks that are not integers in range', () => {
    expectBadArgs('rank_points', 0, [10]);
    expectBadArgs('rank_points', 1.5, [10]);
    expectBadArgs('rank_linear', 11, 10);
    expectBadArgs('rank_of', 1, []);
  });
});

describe('relative operators', () => {
  it('scores against the peer mean, capped', () => {
    expect(ev('relative_to_mean', 90, [80, 100, 90, 70])).toBe(100);
    expect(ev('relative_to_mean', 68, [80, 100, 90, 70])).toBeCloseTo(80, 9);
    expect(ev('relative_to_mean', 102, [80, 100, 90, 70], 100, null)).toBeCloseTo(120, 9);
    expectBadArgs('relative_to_mean', 1, [0, 0]);
  });

  it('scores against the best peer in either direction', () => {
    expect(ev('relative_to_best', 45, [60, 50, 45])).toBe(75);
    expect(ev('relative_to_best', 70, [60, 50])).toBe(100);
    expect(ev('relative_to_best', 4, [2, 4, 8], 10, 'lower')).toBe(5);
    expect(ev('relative_to_best', 0, [2, 4], 10, 'lower')).toBe(10);
    expectBadArgs('relative_to_best', 0, [0, 0]);
  });

  it('computes year-over-year change and improvement scores', () => {
    expect(ev('yoy_change', 110, 100)).toBeCloseTo(0.1, 12);
    expect(ev('yoy_change', -50, -100)).toBe(0.5);
    expect(ev('yoy_score', 105, 100, 0.1)).toBeCloseTo(50, 9);
    expect(ev('yoy_score', 120, 100, 0.1)).toBe(100);
    expect(ev('yoy_score', 90, 100, 0.2, 10, 'lower')).toBeCloseTo(5, 9);
    expect(ev('yoy_score', 95, 100, 0.1)).toBe(0);
    expectBadArgs('yoy_change', 5, 0);
    expectBadArgs('yoy_score', 5, 4, 0);
  });
});

describe('normalisation', () => {
  it('computes population and sample z-scores, 0 without spread', () => {
    expect(ev('z_score', 90, [70, 80, 90])).toBeCloseTo(1.2247448714, 9);
    expect(ev('z_score', 90, [70, 80, 90], 'sample')).toBeCloseTo(1, 12);
    expect(ev('z_score', 80, [80, 80])).toBe(0);
    expectBadArgs('z_score', 80, [80], 'sample');
  });

  it('normalises min-max in either direction', () => {
    expect(ev('min_max_norm', 85, [70, 100])).toBe(0.5);
    expect(ev('min_max_norm', 70, [70, 100], 'lower')).toBe(1);
    expect(ev('min_max_norm', 5, [5, 5])).toBe(1);
  });

  it('keeps min-max results within [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.constantFrom('higher', 'lower'),
        (value, peers, direction) => {
          const result = ev('min_max_norm', value, peers, direction) as number;
          return result >= 0 && result <= 1;
        },
      ),
    );
  });
});

describe('expected progress', () => {
  it('scales the annual target by the elapsed fraction or month', () => {
    expect(ev('expected_progress', 1200, 0.25)).toBe(300);
    expect(ev('expected_by_month', 1200, 3)).toBe(300);
    expect(ev('expected_by_month', 100, 12)).toBe(100);
  });

  it('falls back to ctx.asOf when the elapsed part is absent', () => {
    expect(evc('expected_progress', { asOf: '2025-12-31' }, 365)).toBe(365);
    expect(evc('expected_progress', { asOf: '2024-01-31' }, 366)).toBe(31);
    expect(evc('expected_by_month', { asOf: '2025-06-15' }, 1200, null)).toBe(600);
  });

  it('fails with missing_context when neither the argument nor asOf is there', () => {
    const error = ruleError(() => ev('expected_progress', 1200));
    expect(error.code).toBe('scoring.missing_context');
    expect(error.text.zh).toContain('asOf');
    expect(ruleError(() => evc('expected_by_month', { asOf: 'June' }, 1200)).code).toBe(
      'scoring.missing_context',
    );
  });

  it('rejects fractions outside [0, 1] and months outside 1–12', () => {
    expectBadArgs('expected_progress', 1200, 1.5);
    expectBadArgs('expected_by_month', 1200, 13);
    expectBadArgs('expected_by_month', 1200, 2.5);
  });
});

describe('weighted aggregates', () => {
  it('gives 82.185 as the equal-weight geometric mean of 75.368, 96.844, 74.940 and 83.404', () => {
    const values = [75.368, 96.844, 74.94, 83.404];
    const mean = ev('weighted_geomean', values) as number;
    expect(mean).toBeCloseTo(82.1845288, 6);
    expect(ev('round_half_up', mean, 3)).toBe(82.185);
    expect(ev('weighted_geomean', values, [0.25, 0.25, 0.25, 0.25])).toBeCloseTo(mean, 12);
  });

  it('weights the geometric mean and returns 0 for a weighted zero', () => {
    expect(ev('weighted_geomean', [4, 16], [1, 1])).toBeCloseTo(8, 12);
    expect(ev('weighted_geomean', [2, 8], [2, 1])).toBeCloseTo(2 ** (2 / 3) * 8 ** (1 / 3), 12);
    expect(ev('weighted_geomean', [0, 50])).toBe(0);
    expect(ev('weighted_geomean', [0, 50], [0, 1])).toBeCloseTo(50, 12);
  });

  it('sums and averages with weights', () => {
    expect(ev('weighted_sum', [80, 90], [0.4, 0.6])).toBeCloseTo(86, 12);
    expect(ev('weighted_avg', [80, 90], [2, 3])).toBe(86);
  });

  it('rejects mismatched lengths, negative values or weights and zero total weight', () => {
    expectBadArgs('weighted_sum', [1, 2], [1]);
    expectBadArgs('weighted_avg', [1, 2], [0, 0]);
    expectBadArgs('weighted_geomean', [-1, 2]);
    expectBadArgs('weighted_geomean', [1, 2], [1, -1]);
    expectBadArgs('weighted_sum', [1, 'x'], [1, 1]);
    expectBadArgs('weighted_sum', [], []);
  });

  it('keeps the geometric mean between the smallest and largest value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 10 }),
        (values) => {
          const mean = ev('weighted_geomean', values) as number;
          return mean >= Math.min(...values) * (1 - 1e-12) && mean <= Math.max(...values) * (1 + 1e-12);
        },
      ),
    );
  });
});

describe('arr_* helpers', () => {
  const rows = [{ n: 4, d: { v: 1 } }, { n: 2, d: { v: 3 } }, { n: null }, {}];

  it('aggregate plain arrays and skip nulls', () => {
    expect(ev('arr_sum', [1, 2, 3, null])).toBe(6);
    expect(ev('arr_avg', [80, 90, null])).toBe(85);
    expect(ev('arr_min', [3, 1, 2])).toBe(1);
    expect(ev('arr_max', [3, 1, 2])).toBe(3);
    expect(ev('arr_count', [1, null, 0, false])).toBe(3);
  });

  it('aggregate a field of objects, also a dotted one', () => {
    expect(ev('arr_sum', rows, 'n')).toBe(6);
    expect(ev('arr_avg', rows, 'd.v')).toBe(2);
    expect(ev('arr_count', rows, 'n')).toBe(2);
  });

  it('give 0 for an empty sum and count and null for an empty mean, min and max', () => {
    expect(ev('arr_sum', [])).toBe(0);
    expect(ev('arr_count', [])).toBe(0);
    expect(ev('arr_avg', [])).toBeNull();
    expect(ev('arr_min', [null])).toBeNull();
    expect(ev('arr_max', [])).toBeNull();
  });

  it('reject non-arrays, non-numbers and bad field names', () => {
    expectBadArgs('arr_sum', 5);
    expectBadArgs('arr_sum', [1, '2']);
    expectBadArgs('arr_avg', [1, Number.NaN]);
    expectBadArgs('arr_sum', rows, 3);
  });
});

describe('rounding', () => {
  it('rounds 2.675 half up to 2.68, as a government report expects', () => {
    expect((2.675).toFixed(2)).toBe('2.67');
    expect(ev('round_half_up', 2.675, 2)).toBe(2.68);
    expect(ev('round_to', 2.675, 2)).toBe(2.68);
    expect(ev('round_half_up', 1.005, 2)).toBe(1.01);
    expect(ev('round_half_up', 1.0049999, 2)).toBe(1);
  });

  it('rounds ties away from zero, to even, or down as asked', () => {
    expect(ev('round_half_up', -2.5)).toBe(-3);
    expect(ev('round_half_even', 2.5)).toBe(2);
    expect(ev('round_half_even', 3.5)).toBe(4);
    expect(ev('round_half_even', -2.5)).toBe(-2);
    expect(ev('round_to', 2.5, 0, 'half_down')).toBe(2);
    expect(ev('round_to', -2.56, 1, 'truncate')).toBe(-2.5);
  });

  it('floors and ceils toward the infinities, ignoring binary noise', () => {
    expect(ev('round_floor', -2.671, 2)).toBe(-2.68);
    expect(ev('round_ceil', -2.679, 2)).toBe(-2.67);
    expect(ev('round_ceil', 0.1 + 0.2, 1)).toBe(0.3);
    expect(ev('round_floor', 0.7 + 0.1, 1)).toBe(0.8);
    expect(ev('round_floor', 2.9999999999999996)).toBe(3);
  });

  it('handles negative decimals, tiny and huge numbers and zero', () => {
    expect(ev('round_to', 1234.5, -2)).toBe(1200);
    expect(ev('round_to', 1250, -2, 'half_even')).toBe(1200);
    expect(ev('round_half_up', 1.5e-7, 2)).toBe(0);
    expect(ev('round_half_up', 1.5e-7, 7)).toBe(2e-7);
    expect(ev('round_half_up', 1e21, 2)).toBe(1e21);
    expect(Object.is(ev('round_half_up', -0.001, 2), 0)).toBe(true);
  });

  it('rejects non-integer or out-of-range decimals and unknown modes', () => {
    expectBadArgs('round_half_up', 1.5, 1.5);
    expectBadArgs('round_half_up', 1.5, 16);
    expectBadArgs('round_to', 1.5, 0, 'nearest');
    expectBadArgs('round_half_up', 'x');
  });

  it('agrees with exact decimal half-up on values with few decimals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        (units, decimals) => {
          // units/1000 has at most 3 decimals; the exact answer is computed on integers.
          const value = units / 1000;
          const scale = 10 ** (3 - decimals);
          const q = Math.trunc(Math.abs(units) / scale);
          const r = Math.abs(units) % scale;
          const rounded = (q + (2 * r >= scale ? 1 : 0)) * Math.sign(units);
          const expected = Number(`${rounded}e-${decimals}`) || 0;
          return roundDecimal(value, decimals, 'half_up') === expected;
        },
      ),
    );
  });
});

describe('date operators', () => {
  const calendar = {
    holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
    workdays: ['2025-09-28', '2025-10-11'],
  };

  it('counts calendar days and adds them', () => {
    expect(ev('days_between', '2025-01-01', '2025-03-01')).toBe(59);
    expect(ev('days_between', '2025-06-10', '2025-06-07')).toBe(-3);
    expect(ev('days_between', '2025-06-10T23:00:00+08:00', '2025-06-11')).toBe(1);
    expect(ev('add_days', '2024-03-01', -1)).toBe('2024-02-29');
    expect(ev('add_days', '2025-12-20', 15)).toBe('2026-01-04');
  });

  it('rejects impossible dates and non-integer day counts', () => {
    expectBadArgs('days_between', '2025-02-29', '2025-03-01');
    expectBadArgs('days_between', '2025/01/01', '2025-03-01');
    expectBadArgs('add_days', '2025-01-01', 1.5);
    expectBadArgs('add_days', null, 1);
  });

  it('counts working days with the context calendar', () => {
    const ctx: EvalContext = {
      calendar: {
        isWorkingDay: (iso) => !['2025-03-10'].includes(iso) && ![0, 6].includes(new Date(iso).getUTCDay()),
      },
    };
    expect(evc('working_days_between', ctx, '2025-03-07', '2025-03-14')).toBe(4);
    expect(evc('working_days_between', ctx, '2025-03-14', '2025-03-07')).toBe(-4);
    expect(evc('working_days_between', ctx, '2025-03-07', '2025-03-07')).toBe(0);
    expect(evc('add_working_days', ctx, '2025-03-07', 1)).toBe('2025-03-11');
    expect(evc('add_working_days', ctx, '2025-03-11', -1)).toBe('2025-03-07');
  });

  it('prefers an inline calendar with holidays and swapped workdays', () => {
    const ctx: EvalContext = { calendar: { isWorkingDay: () => true } };
    expect(evc('working_days_between', ctx, '2025-09-26', '2025-10-12', calendar)).toBe(6);
    expect(evc('add_working_days', ctx, '2025-09-30', 1, calendar)).toBe('2025-10-09');
  });

  it('fails with missing_context when there is no calendar at all', () => {
    const error = ruleError(() => ev('working_days_between', '2025-03-07', '2025-03-14'));
    expect(error.code).toBe('scoring.missing_context');
    expect(error.text.en).toContain('calendar');
    expect(error.text.zh).toContain('日历');
    expect(ruleError(() => ev('add_working_days', '2025-03-07', 2)).code).toBe('scoring.missing_context');
  });

  it('rejects a malformed inline calendar and too long a span', () => {
    expectBadArgs('working_days_between', '2025-03-07', '2025-03-14', { weekend: [7] });
    expectBadArgs('working_days_between', '2025-03-07', '2025-03-14', { holidays: ['tomorrow'] });
    expectBadArgs('working_days_between', '1900-01-01', '2025-03-14', {});
    expectBadArgs('add_working_days', '2025-03-07', 5, { weekend: [0, 1, 2, 3, 4, 5, 6] });
  });
});

describe('text operators', () => {
  it('finds substrings, optionally ignoring case', () => {
    expect(ev('text_contains', '该诉求已办结', '办结')).toBe(true);
    expect(ev('text_contains', 'Hotline', 'hot')).toBe(false);
    expect(ev('text_contains', 'Hotline', 'hot', true)).toBe(true);
    expect(ev('text_contains', null, '办结')).toBe(false);
    expectBadArgs('text_contains', 'abc', 3);
    expectBadArgs('text_contains', { a: 1 }, 'a');
  });

  it('matches Chinese keywords by words, across segments, and by substring fallback', () => {
    const content = '12345热线工单按时办结率';
    expect(ev('keyword_match', content, ['热线', '工单', '单按', '投诉'])).toEqual(['热线', '工单', '单按']);
    expect(ev('keyword_match', content, ['热线', '工单', '单按', '投诉'], 'count')).toBe(3);
    expect(ev('keyword_match', content, ['热线', '工单'], 'all')).toBe(true);
    expect(ev('keyword_match', content, ['投诉'], 'any')).toBe(false);
  });

  it('keeps only word-boundary matches when strict', () => {
    expect(ev('keyword_match', 'Please start the repair', ['art', 'repair'], 'list', true)).toEqual([
      'repair',
    ]);
    expect(ev('keyword_match', 'Please start the repair', ['art', 'repair'])).toEqual(['art', 'repair']);
    // ICU segments 和|平安, so 和平 is not a word of this text.
    expect(ev('keyword_match', '垃圾分类和平安建设', ['和平', '平安建设'], 'list', true)).toEqual([
      '平安建设',
    ]);
  });

  it('ignores empty and duplicate keywords and treats null text as empty', () => {
    expect(ev('keyword_match', '路灯不亮', ['', '路灯', '路灯'])).toEqual(['路灯']);
    expect(ev('keyword_match', '路灯不亮', ['', '路灯', '路灯'], 'all')).toBe(true);
    expect(ev('keyword_match', null, ['路灯'], 'any')).toBe(false);
    expectBadArgs('keyword_match', '路灯', '路灯');
    expectBadArgs('keyword_match', '路灯', ['路灯'], 'first');
    expectBadArgs('keyword_match', '路灯', [1]);
  });

  it('measures length in code points', () => {
    expect(ev('text_length', '已办结')).toBe(3);
    expect(ev('text_length', '𠀀好')).toBe(2);
    expect(ev('text_length', null)).toBe(0);
    expectBadArgs('text_length', ['a']);
  });
});

describe('every operator facing garbage', () => {
  it('throws a RuleError or returns a value, never crashes with another error or returns NaN', () => {
    const garbage = [undefined, null, Number.NaN, Number.POSITIVE_INFINITY, 'x', {}, [], [null], true, -1];
    for (const definition of batonOperators) {
      for (const a of garbage) {
        for (const b of garbage) {
          let result: unknown;
          try {
            result = definition.evaluate([a, b, a], {});
          } catch (error) {
            expect(error, `${definition.name}(${String(a)}, ${String(b)})`).toBeInstanceOf(RuleError);
            continue;
          }
          expect(Number.isNaN(result), `${definition.name} returned NaN`).toBe(false);
        }
      }
    }
  });

  it('does not mutate its arguments', () => {
    const args = [[3, 1, 2], [[1, 2, 3]], { a: 1 }];
    const before = JSON.stringify(args);
    for (const definition of batonOperators) {
      try {
        definition.evaluate(args, {});
      } catch {
        // bad arguments are fine here; only mutation matters
      }
    }
    expect(JSON.stringify(args)).toBe(before);
  });
});
