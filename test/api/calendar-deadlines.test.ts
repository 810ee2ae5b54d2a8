/** @module Case deadlines over the calendar's coverage: a case whose deadline runs into a year the 2026 calendar does not cover is marked provisional (weekendsOnly policy); one inside 2026 is not. */
import { describe, expect, it } from 'vitest';
import type { TestApp } from '../support/api-app.ts';
import { apiClient } from '../support/api-client.ts';
import { useCaseTestApp } from '../support/case-app.ts';

let t: TestApp;
const api = apiClient(() => t, '198.51.100.9');

/** Takes in and dispatches a case at the test clock's current time; answers its timers. */
async function dispatchedCaseTimers(): Promise<Record<string, any>> {
  const { body } = await api('dispatcher', '/api/cases', {
    json: {
      channel: 'web',
      category: 'environment.garbage',
      text: '小区门口垃圾堆积无人清运',
      location: { streetId: 'street-xinhua' },
    },
  });
  expect(body.case?.id, JSON.stringify(body)).toBeTypeOf('string');
  const dispatched = await api('dispatcher', `/api/cases/${body.case.id}/actions/dispatch`, {
    json: { input: {} },
  });
  expect(dispatched.status).toBe(200);
  return (await api('dispatcher', `/api/cases/${body.case.id}`)).body.timers;
}

useCaseTestApp((app) => {
  t = app.t;
});

describe('provisional case deadlines', () => {
  it('does not mark a deadline inside the covered year', async () => {
    const timers = await dispatchedCaseTimers();
    expect(Object.keys(timers).length).toBeGreaterThan(0);
    for (const timer of Object.values(timers)) expect(timer).not.toHaveProperty('deadlineProvisional');
  });

  it('marks a deadline that runs into the uncovered next year as provisional', async () => {
    t.clock.advance(Date.parse('2026-12-31T08:00:00Z') - t.clock.now().getTime());
    // Sessions from May have expired by December.
    api.forget();
    const timers = await dispatchedCaseTimers();
    const late = Object.values(timers).filter((timer: any) => timer.deadline >= '2027');
    expect(late.length).toBeGreaterThan(0);
    for (const timer of late) expect(timer).toMatchObject({ deadlineProvisional: true });
  });
});
