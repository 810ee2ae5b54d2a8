/** @module enqueueOutbox checks every event against the event catalogue: strict by default (the write is refused), report mode writes and reports. */
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../engine/core/errors.ts';
import { enqueueOutbox, setEventCheckMode } from '../../../engine/app/outbox.ts';
import type { OutboxEventInput } from '../../../engine/ports/outbox.ts';

const written: OutboxEventInput[] = [];
const tx = {
  outbox: {
    append: async (event: OutboxEventInput) => {
      written.push(event);
      return true;
    },
  },
};
const entry = { entryId: 'e-1', unitId: 'unit-a', indicatorId: 'ind-a', period: '2026-03' };

afterEach(() => {
  written.length = 0;
  setEventCheckMode({ mode: 'strict' });
});

describe('enqueueOutbox and the event catalogue', () => {
  it('writes a declared topic with a matching payload', async () => {
    expect(await enqueueOutbox(tx, { topic: 'performance.entrySubmitted', payload: entry })).toBe(true);
    expect(written.map((e) => e.topic)).toEqual(['performance.entrySubmitted']);
  });

  it('refuses an undeclared topic and a payload off its schema, writing nothing', async () => {
    const undeclared = enqueueOutbox(tx, {
      topic: 'case.replied',
      payload: { caseNumber: 'x', replyText: 'y' },
    });
    await expect(undeclared).rejects.toBeInstanceOf(ValidationError);
    await expect(undeclared).rejects.toMatchObject({ code: 'outbox.undeclared_topic' });
    await expect(
      enqueueOutbox(tx, { topic: 'performance.entrySubmitted', payload: { ...entry, requesterPhone: '1' } }),
    ).rejects.toMatchObject({ code: 'outbox.invalid_payload' });
    await expect(
      enqueueOutbox(tx, { topic: 'performance.entrySubmitted', payload: { entryId: 'e-1' } }),
    ).rejects.toMatchObject({ code: 'outbox.invalid_payload' });
    expect(written).toEqual([]);
  });

  it('in report mode keeps the write and reports the issues', async () => {
    const reports: Array<{ topic: string; codes: string[] }> = [];
    setEventCheckMode({
      mode: 'report',
      report: (event, issues) => reports.push({ topic: event.topic, codes: issues.map((i) => i.code) }),
    });
    expect(await enqueueOutbox(tx, { topic: 'unit.created', payload: { id: 'u-1' } })).toBe(true);
    expect(written.map((e) => e.topic)).toEqual(['unit.created']);
    expect(reports).toEqual([{ topic: 'unit.created', codes: ['outbox.undeclared_topic'] }]);
    // A malformed topic is still refused in every mode.
    await expect(enqueueOutbox(tx, { topic: 'Bad Topic', payload: {} })).rejects.toMatchObject({
      code: 'outbox.bad_topic',
    });
  });
});
