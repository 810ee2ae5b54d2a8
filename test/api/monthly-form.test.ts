/**
 * @module GET/POST /api/performance/monthly-form on the real server process, on 4 December: a department
 * opens on November (the earliest deadline still open, 2026-12-15), not December (due 2027-01-15); the
 * form holds every indicator the unit fills that month grouped by level-1 area; a submission is all
 * or nothing (one invalid field writes no entry and names the field by JSON pointer); equal values
 * append nothing; a unit user reaches only its own unit; a locked month takes only amendments.
 */
import { describe, expect, it } from 'vitest';
import { performanceRoutes } from '../../engine/adapters/http/routes/performance.ts';
import { useSignedInServer } from '../support/live-session.ts';
import type { MonthlyForm, MonthlyFormIndicator as Indicator } from '../support/monthly-form.ts';
import { createResponseChecker } from '../support/response-contract.ts';

const NOW = '2026-12-04T10:00:00+08:00';

const contract = createResponseChecker(performanceRoutes());
const { as } = useSignedInServer(NOW, ['admin', 'dept_user', 'street_user'], 180_000);

/** GETs (or POSTs) and holds the answer to the route's declared schema. */
async function call(user: string, method: 'GET' | 'POST', url: string, json?: unknown) {
  const response = await as[user]!.api(url, { method, ...(json !== undefined ? { json } : {}) });
  await contract.check(
    method,
    url,
    new Response(response.text, { status: response.status, headers: { 'content-type': 'application/json' } }),
  );
  return { status: response.status, body: JSON.parse(response.text) };
}

const indicatorsOf = (form: MonthlyForm) => form.areas.flatMap((a) => a.indicators);
/** Indicators whose form is only numbers, so 1 in every field passes their schema and checks. */
const numeric = (i: Indicator) => {
  const props = Object.values(i.schema.properties ?? {});
  return props.length > 0 && props.every((p) => p.type === 'number' || p.type === 'integer');
};
const ones = (i: Indicator) => Object.fromEntries(Object.keys(i.schema.properties ?? {}).map((k) => [k, 1]));

describe('monthly form (real server)', () => {
  it('opens a department on the month due next with every indicator grouped by level-1 area', async () => {
    const { status, body } = await call('dept_user', 'GET', '/api/performance/monthly-form');
    expect(status, JSON.stringify(body)).toBe(200);
    const form = body as MonthlyForm;
    expect(form.today).toBe('2026-12-04');
    expect(form.unitId).toBe('dept-education');
    expect(form.unitName).not.toBe(form.unitId);
    // December is listed (due 2027-01-15) but November, due 2026-12-15 with indicators empty, comes first.
    const december = form.months.find((m) => m.period === '2026-12');
    expect(december).toMatchObject({ deadline: '2027-01-15', status: 'open' });
    const november = form.months.find((m) => m.period === '2026-11')!;
    expect(november.empty).toBeGreaterThan(0);
    expect(form.dueNext).toBe('2026-11');
    expect(form.period).toBe('2026-11');
    expect(form.deadline).toBe('2026-12-15');
    expect(form.daysLeft).toBe(11);
    expect(form.status).toBe('open');
    expect(form.months.find((m) => m.period === '2026-10')?.status).toBe('locked');

    // The same indicators as the single-indicator list of forms due, each once, under its level-1 area.
    const due = await as.dept_user!.apiJson<{ forms: { indicatorId: string; entry: unknown }[] }>(
      '/api/performance/forms-due?period=2026-11',
    );
    const ids = indicatorsOf(form).map((i) => i.indicatorId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(due.forms.map((f) => f.indicatorId).sort());
    expect(form.counts).toEqual({
      empty: due.forms.filter((f) => f.entry === null).length,
      total: due.forms.length,
    });
    expect(form.areas.length).toBeGreaterThan(1);
    for (const area of form.areas) {
      expect(area.name.zh.length).toBeGreaterThan(0);
      expect(area.empty).toBe(area.indicators.filter((i) => i.entry === null).length);
      for (const indicator of area.indicators) expect(indicator.code.startsWith(`${area.code}.`)).toBe(true);
    }
    // A month named explicitly is answered as asked, with the same month list.
    const december2 = (await call('dept_user', 'GET', '/api/performance/monthly-form?period=2026-12'))
      .body as MonthlyForm;
    expect(december2).toMatchObject({ period: '2026-12', deadline: '2027-01-15', dueNext: '2026-11' });
  }, 60_000);

  it('writes all entries of a submission together, or none when one field is invalid', async () => {
    const form = (await call('dept_user', 'GET', '/api/performance/monthly-form?period=2026-11'))
      .body as MonthlyForm;
    const empty = indicatorsOf(form).filter((i) => i.entry === null && numeric(i));
    expect(empty.length).toBeGreaterThan(2);
    const [bad, ...good] = empty;
    const field = Object.keys(bad!.schema.properties!)[0]!;
    const before = await as.dept_user!.apiJson<{ items: unknown[] }>(
      '/api/performance/entries?period=2026-11',
    );

    const refused = await call('dept_user', 'POST', '/api/performance/monthly-form', {
      period: '2026-11',
      values: {
        ...Object.fromEntries(good.map((i) => [i.indicatorId, ones(i)])),
        [bad!.indicatorId]: { ...ones(bad!), [field]: 'not a number' },
      },
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(400);
    expect(refused.body.error.code).toBe('entry.invalid');
    expect(refused.body.error.path).toBe(`/values/${bad!.indicatorId}/${field}`);
    expect(refused.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual([
      `/values/${bad!.indicatorId}/${field}`,
    ]);
    const after = await as.dept_user!.apiJson<{ items: unknown[] }>(
      '/api/performance/entries?period=2026-11',
    );
    expect(after.items.length).toBe(before.items.length);

    const written = await call('dept_user', 'POST', '/api/performance/monthly-form', {
      period: '2026-11',
      values: Object.fromEntries(empty.map((i) => [i.indicatorId, ones(i)])),
    });
    expect(written.status, JSON.stringify(written.body)).toBe(201);
    expect(written.body.entries.map((e: { indicatorId: string }) => e.indicatorId).sort()).toEqual(
      empty.map((i) => i.indicatorId).sort(),
    );
    expect(new Set(written.body.entries.map((e: { submittedAt: string }) => e.submittedAt)).size).toBe(1);
    expect(written.body.unchanged).toEqual([]);

    const reread = (await call('dept_user', 'GET', '/api/performance/monthly-form?period=2026-11'))
      .body as MonthlyForm;
    expect(reread.counts.empty).toBe(form.counts.empty - empty.length);
    for (const i of indicatorsOf(reread).filter((x) => empty.some((e) => e.indicatorId === x.indicatorId)))
      expect(i.entry?.values).toEqual(ones(i));

    // The same values again append nothing; a changed one supersedes its entry only.
    const changed = { ...ones(empty[0]!), [Object.keys(ones(empty[0]!))[0]!]: 2 };
    const again = await call('dept_user', 'POST', '/api/performance/monthly-form', {
      period: '2026-11',
      values: {
        ...Object.fromEntries(empty.map((i) => [i.indicatorId, ones(i)])),
        [empty[0]!.indicatorId]: changed,
      },
    });
    expect(again.status).toBe(201);
    expect(again.body.entries.map((e: { indicatorId: string }) => e.indicatorId)).toEqual([
      empty[0]!.indicatorId,
    ]);
    expect(again.body.unchanged.length).toBe(empty.length - 1);
    expect(again.body.entries[0].supersedes).toBe(
      indicatorsOf(reread).find((i) => i.indicatorId === empty[0]!.indicatorId)!.entry!.id,
    );
  }, 60_000);

  it('keeps a unit user to its own unit, refuses others’ indicators and a locked month', async () => {
    const other = await call('dept_user', 'GET', '/api/performance/monthly-form?unitId=street-xinhua');
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('performance.out_of_scope');
    const street = (await call('street_user', 'GET', '/api/performance/monthly-form?period=2026-11'))
      .body as MonthlyForm;
    const theirs = indicatorsOf(street).find(numeric)!;
    const foreign = await call('dept_user', 'POST', '/api/performance/monthly-form', {
      unitId: 'street-xinhua',
      period: '2026-11',
      values: { [theirs.indicatorId]: ones(theirs) },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('performance.out_of_scope');

    const mine = (await call('dept_user', 'GET', '/api/performance/monthly-form?period=2026-11'))
      .body as MonthlyForm;
    const notMine = indicatorsOf(street).find(
      (i) => numeric(i) && !indicatorsOf(mine).some((m) => m.indicatorId === i.indicatorId),
    );
    if (notMine) {
      const refused = await call('dept_user', 'POST', '/api/performance/monthly-form', {
        period: '2026-11',
        values: { [notMine.indicatorId]: ones(notMine) },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.path).toBe(`/values/${notMine.indicatorId}`);
    }
    const nothing = await call('dept_user', 'POST', '/api/performance/monthly-form', {
      period: '2026-11',
      values: {},
    });
    expect(nothing.status).toBe(400);
    expect(nothing.body.error.code).toBe('monthlyForm.empty');

    // October locked on 2026-11-20: readable, not writable (amendments only).
    const october = (await call('dept_user', 'GET', '/api/performance/monthly-form?period=2026-10'))
      .body as MonthlyForm;
    expect(october.status).toBe('locked');
    const filled = indicatorsOf(october).find((i) => i.entry !== null && numeric(i))!;
    const locked = await call('dept_user', 'POST', '/api/performance/monthly-form', {
      period: '2026-10',
      values: { [filled.indicatorId]: ones(filled) },
    });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('ledger.locked');
    const amendment = await as.dept_user!.api('/api/performance/amendments', {
      method: 'POST',
      json: { entryId: filled.entry!.id, values: ones(filled), reason: '数据口径更正' },
    });
    expect(amendment.status, amendment.text).toBe(201);

    // The office names the unit; without one it is asked to.
    const unnamed = await call('admin', 'GET', '/api/performance/monthly-form');
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.code).toBe('performance.unit_required');
    const named = await call(
      'admin',
      'GET',
      '/api/performance/monthly-form?unitId=dept-education&period=2026-10',
    );
    expect(named.status).toBe(200);
    expect(
      (named.body as MonthlyForm).areas
        .flatMap((a) => a.indicators)
        .find((i) => i.indicatorId === filled.indicatorId),
    ).toMatchObject({ pendingAmendment: { status: 'pending' } });
  }, 60_000);
});
