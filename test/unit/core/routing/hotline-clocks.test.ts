/** @module Hotline clocks in core: a natural (24×7) SLA clock against the working one, and the 催办 → 督办 ladder's timing on a simulated clock. */
import { describe, expect, it } from 'vitest';
import type { SlaPolicy } from '../../../../schemas/types.gen.ts';
import { ladderStatus } from '../../../../engine/core/routing/ladder.ts';
import { computeDeadlines, slaStatus } from '../../../../engine/core/routing/sla.ts';
import type { TimerState } from '../../../../engine/core/workflow/index.ts';
import { cn2026, LADDER, running, seedPolicy } from './cases-seed.ts';

const withClock = (policy: SlaPolicy, clock: 'working' | 'natural', ladder?: typeof LADDER): SlaPolicy =>
  ({ ...policy, clock, ...(ladder ? { ladder } : {}) }) as SlaPolicy;

const caseTimers = (list: TimerState[], policy: SlaPolicy, priority: 'urgent' | 'normal' = 'urgent') => ({
  timers: Object.fromEntries(list.map((t) => [t.name, t])),
  priority,
  policy,
  calendar: cn2026(),
});

// Friday 3 April 2026, 17:20; 4–6 April are the 清明 holidays, Tuesday the 7th is the next working day.
const FRIDAY = '2026-04-03T17:20:00+08:00';

describe('natural SLA clock', () => {
  it('counts an emergency 24×7 where the working clock waits for Tuesday', () => {
    const timers = [running('accept', FRIDAY), running('handle', FRIDAY)];
    const working = computeDeadlines(caseTimers(timers, withClock(seedPolicy('sla-urgent'), 'working')));
    const natural = computeDeadlines(caseTimers(timers, withClock(seedPolicy('sla-urgent'), 'natural')));
    // 0.5 working hours: 10 office minutes on Friday, 20 on Tuesday; naturally half an hour later.
    expect(working.accept?.deadline).toBe('2026-04-07T09:20:00+08:00');
    expect(natural.accept?.deadline).toBe('2026-04-03T17:50:00+08:00');
    // One working day is Tuesday 17:20; one natural day is Saturday 17:20.
    expect(working.handle?.deadline).toBe('2026-04-07T17:20:00+08:00');
    expect(natural.handle?.deadline).toBe('2026-04-04T17:20:00+08:00');
    expect(natural.handle?.budgetMinutes).toBe(24 * 60);
    expect(natural.handle).not.toHaveProperty('provisional');
  });

  it('pushes a natural deadline back by the clock time paused, holidays included', () => {
    const paused = running('handle', FRIDAY, {
      pauses: [{ from: '2026-04-03T18:00:00+08:00', to: '2026-04-04T06:00:00+08:00' }],
    });
    const d = computeDeadlines(caseTimers([paused], withClock(seedPolicy('sla-urgent'), 'natural')));
    expect(d.handle).toMatchObject({ deadline: '2026-04-05T05:20:00+08:00', pausedMinutes: 12 * 60 });
  });

  it('turns overdue at the natural deadline on a holiday Saturday', () => {
    const policy = withClock(seedPolicy('sla-urgent'), 'natural');
    const timers = caseTimers([running('handle', FRIDAY)], policy);
    expect(slaStatus(timers, '2026-04-04T17:00:00+08:00').handle?.isOverdue).toBe(false);
    expect(slaStatus(timers, '2026-04-04T17:21:00+08:00').handle).toMatchObject({
      isOverdue: true,
      light: 'overdue',
    });
  });
});

describe('reminder → supervision ladder', () => {
  // Normal priority: 5 working days from Monday 11 May 09:00 → Monday 18 May 09:00 (2100 office minutes).
  const policy = withClock(seedPolicy('sla-standard'), 'working', LADDER);
  const start = '2026-05-11T09:00:00+08:00';
  const status = (at: string, timer = running('handle', start)) =>
    Object.fromEntries(
      ladderStatus(caseTimers([timer], policy, 'normal'), at).map((s) => [s.step.id, s] as const),
    );

  it('says when each step falls due, over working time', () => {
    const s = status(start);
    // 80 % of 2100 minutes = 1680 = 4 working days: the end of Thursday 14 May.
    expect(s.remind).toMatchObject({ isDue: false, dueAt: '2026-05-14T17:30:00+08:00', run: 1 });
    expect(s['supervise-1']).toMatchObject({ isDue: false, dueAt: '2026-05-18T09:00:00+08:00' });
    // Two working days after the deadline.
    expect(s['supervise-2']).toMatchObject({ isDue: false, dueAt: '2026-05-20T09:00:00+08:00' });
    expect(s.remind?.key).toBe('ladder:remind:handle:1');
  });

  it('reaches the steps one after another as the simulated clock moves', () => {
    const due = (at: string) =>
      Object.values(status(at))
        .filter((s) => s.isDue)
        .map((s) => s.step.id);
    expect(due('2026-05-14T17:29:00+08:00')).toEqual([]);
    expect(due('2026-05-14T17:30:00+08:00')).toEqual(['remind']);
    expect(due('2026-05-18T08:59:00+08:00')).toEqual(['remind']);
    expect(due('2026-05-18T09:00:00+08:00')).toEqual(['remind', 'supervise-1']);
    expect(due('2026-05-19T17:00:00+08:00')).toEqual(['remind', 'supervise-1']);
    expect(due('2026-05-20T09:00:00+08:00')).toEqual(['remind', 'supervise-1', 'supervise-2']);
  });

  it('moves the steps by an approved extension and skips a paused timer', () => {
    const extended = running('handle', start, {
      extensions: [{ amount: 2, unit: 'workingDays', at: '2026-05-12T10:00:00+08:00' }],
    });
    expect(status('2026-05-18T09:00:00+08:00', extended)['supervise-1']).toMatchObject({
      isDue: false,
      dueAt: '2026-05-20T09:00:00+08:00',
    });
    const paused = running('handle', start, {
      status: 'paused',
      pauses: [{ from: '2026-05-12T09:00:00+08:00' }],
    });
    expect(status('2026-05-30T09:00:00+08:00', paused)).toEqual({});
  });

  it('counts the ladder 24×7 on a natural clock', () => {
    const natural = withClock(seedPolicy('sla-urgent'), 'natural', LADDER);
    const steps = ladderStatus(caseTimers([running('handle', FRIDAY)], natural), FRIDAY);
    expect(steps.map((s) => s.dueAt)).toEqual([
      '2026-04-04T12:32:00+08:00',
      '2026-04-04T17:20:00+08:00',
      '2026-04-06T17:20:00+08:00',
    ]);
  });
});
