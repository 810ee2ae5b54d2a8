/** @module SLA deadlines in working time over the 2026 calendar: National Day week with swapped working days, extensions, pauses, warnings and overdue. */
import { describe, expect, it } from 'vitest';
import type { SlaPolicy } from '../../../../schemas/types.gen.ts';
import { computeDeadlines, slaStatus } from '../../../../engine/core/routing/sla.ts';
import type { TimerState } from '../../../../engine/core/workflow/index.ts';
import { cn2026, running, seedPolicy } from './cases-seed.ts';

const standard = seedPolicy('sla-standard');
const timers = (
  list: TimerState[],
  priority: 'urgent' | 'high' | 'normal' | 'low' = 'normal',
  policy: SlaPolicy = standard,
) => ({
  timers: Object.fromEntries(list.map((t) => [t.name, t])),
  priority,
  policy,
  calendar: cn2026(),
});

describe('computeDeadlines', () => {
  it('counts working days over the National Day holiday week and its swapped Saturday', () => {
    // Wed 30 Sep 16:00 + 5 working days: Oct 8, 9, 10 (swapped Saturday), 12, 13.
    const d = computeDeadlines(
      timers([
        running('handle', '2026-09-30T16:00:00+08:00'),
        running('accept', '2026-09-30T16:00:00+08:00'),
      ]),
    );
    expect(d.handle).toMatchObject({
      deadline: '2026-10-13T16:00:00+08:00',
      budgetMinutes: 5 * 420,
      pausedMinutes: 0,
    });
    // 4 working hours: 1.5 h on Sep 30, then 2.5 h on Oct 8.
    expect(d.accept?.deadline).toBe('2026-10-08T11:30:00+08:00');
  });

  it('gives an urgent case 30 working minutes to accept and one working day to handle', () => {
    const d = computeDeadlines(
      timers(
        [running('accept', '2026-09-30T17:15:00+08:00'), running('handle', '2026-09-30T17:15:00+08:00')],
        'urgent',
      ),
    );
    expect(d.accept?.deadline).toBe('2026-10-08T09:15:00+08:00');
    expect(d.handle?.deadline).toBe('2026-10-08T17:15:00+08:00');
  });

  it('adds approved extensions in working days', () => {
    const d = computeDeadlines(
      timers([
        running('handle', '2026-09-30T16:00:00+08:00', {
          extensions: [{ amount: 3, unit: 'workingDays', at: '2026-10-09T10:00:00+08:00' }],
        }),
      ]),
    );
    expect(d.handle?.deadline).toBe('2026-10-16T16:00:00+08:00');
    expect(d.handle?.budgetMinutes).toBe(8 * 420);
  });

  it('pushes the deadline back by the office time a timer spent paused', () => {
    // Mon 2 Mar 09:00 + 5 working days = Mon 9 Mar 09:00; paused 10:00–15:00 = 3.5 office hours.
    const handle = running('handle', '2026-03-02T09:00:00+08:00', {
      pauses: [{ from: '2026-03-02T10:00:00+08:00', to: '2026-03-02T15:00:00+08:00' }],
    });
    expect(computeDeadlines(timers([handle])).handle).toMatchObject({
      deadline: '2026-03-09T14:00:00+08:00',
      pausedMinutes: 210,
    });
    // An open pause counts up to the instant asked about.
    const paused = running('handle', '2026-03-02T09:00:00+08:00', {
      status: 'paused',
      pauses: [{ from: '2026-03-02T10:00:00+08:00' }],
    });
    expect(computeDeadlines(timers([paused]), '2026-03-02T11:00:00+08:00').handle?.deadline).toBe(
      '2026-03-09T10:00:00+08:00',
    );
  });

  it('refuses a priority the policy has no limits for', () => {
    expect(() =>
      computeDeadlines(
        timers([running('handle', '2026-03-02T09:00:00+08:00')], 'low', seedPolicy('sla-urgent')),
      ),
    ).toThrow(expect.objectContaining({ code: 'sla.priority_missing' }));
  });
});

describe('slaStatus', () => {
  const c = timers([running('handle', '2026-03-02T09:00:00+08:00')]);
  const at = (instant: string) => slaStatus(c, instant).handle!;

  it('turns yellow at half the time, red at 80% and overdue after the deadline', () => {
    expect(at('2026-03-04T13:30:00+08:00')).toMatchObject({
      light: 'green',
      warningLevel: 0,
      isOverdue: false,
    });
    expect(at('2026-03-05T09:00:00+08:00')).toMatchObject({
      light: 'yellow',
      warningLevel: 1,
      elapsedMinutes: 1260,
    });
    expect(at('2026-03-06T10:00:00+08:00')).toMatchObject({ light: 'red', warningLevel: 2 });
    expect(at('2026-03-09T10:00:00+08:00')).toMatchObject({ light: 'overdue', isOverdue: true });
    expect(at('2026-03-05T09:00:00+08:00').elapsedFraction).toBeCloseTo(0.6, 10);
  });

  it('tells the deadline worker when the next warnings fall due', () => {
    expect(at('2026-03-02T09:00:00+08:00').upcomingWarnings).toEqual([
      { threshold: 0.5, at: '2026-03-04T14:00:00+08:00' },
      { threshold: 0.8, at: '2026-03-05T17:30:00+08:00' },
    ]);
  });

  it('uses a single 80% threshold as yellow when the policy gives only one', () => {
    const consult = timers(
      [running('handle', '2026-03-02T09:00:00+08:00')],
      'normal',
      seedPolicy('sla-consult'),
    );
    expect(slaStatus(consult, '2026-03-02T16:00:00+08:00').handle?.warningLevel).toBe(0);
    expect(slaStatus(consult, '2026-03-02T16:30:00+08:00').handle).toMatchObject({
      light: 'yellow',
      warningLevel: 1,
    });
  });

  it('judges a stopped timer by when it stopped', () => {
    /** The status on 1 April of a handle timer started 2 March 09:00 and stopped at `stoppedAt`. */
    const stoppedAt = (at: string) =>
      slaStatus(
        timers([running('handle', '2026-03-02T09:00:00+08:00', { status: 'stopped', stoppedAt: at })]),
        '2026-04-01T09:00:00+08:00',
      ).handle;
    expect(stoppedAt('2026-03-09T09:30:00+08:00')).toMatchObject({
      onTime: false,
      isOverdue: true,
      upcomingWarnings: [],
    });
    expect(stoppedAt('2026-03-06T09:30:00+08:00')).toMatchObject({
      onTime: true,
      light: 'red',
    });
  });

  it('does not charge paused time: a timer paused over its deadline is not overdue', () => {
    const paused = timers([
      running('handle', '2026-03-02T09:00:00+08:00', {
        status: 'paused',
        pauses: [{ from: '2026-03-03T09:00:00+08:00' }],
      }),
    ]);
    const s = slaStatus(paused, '2026-03-20T09:00:00+08:00').handle!;
    expect(s).toMatchObject({
      status: 'paused',
      isOverdue: false,
      elapsedMinutes: 420,
      upcomingWarnings: [],
    });
  });
});
