/** @module intakeCase on a memory store: validation, routing by the version in force, numbering by district year, idempotency by external id. */
import { describe, expect, it } from 'vitest';
import { intakeCase } from '../../../../engine/app/cases/intake-case.ts';
import { caseDeps, noiseIntake, rejection } from './case-deps.ts';

describe('intakeCase', { timeout: 60_000 }, () => {
  it('routes, numbers and opens a case, stores its history and answers a 6-digit query password once', async () => {
    const deps = await caseDeps();
    const out = await intakeCase(deps, noiseIntake);
    expect(out.isDuplicate).toBe(false);
    expect(out.queryPassword).toMatch(/^\d{6}$/);
    expect(out.case.number).toMatch(/^2026-\d{6}$/);
    expect(out.case.leadUnitId).toBe('dept-housing-construction');
    expect(out.case.assistingUnitIds).toEqual(['dept-urban-management']);
    expect(out.case.channel).toBe('hotline');
    expect((out.case.routing as { ruleSetVersion: number }).ruleSetVersion).toBe(out.case.ruleSetVersion);
    const stored = (await deps.store.cases.get(out.case.id))!;
    expect(stored.status).toBe(out.case.status);
    expect(stored.queryPasswordHash).not.toContain(out.queryPassword!);
    const events = await deps.store.cases.listEvents(out.case.id);
    expect(events.map((e) => e.type).slice(0, 2)).toEqual(['caseOpened', 'transitioned']);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(out.case.history).toHaveLength(events.length);
  });

  it('answers a repeat of (channel, externalId) with the first case and no password', async () => {
    const deps = await caseDeps();
    const first = await intakeCase(deps, { ...noiseIntake, externalId: 'ext-1' });
    const again = await intakeCase(deps, { ...noiseIntake, externalId: 'ext-1', text: '重复推送' });
    expect(again).toMatchObject({ isDuplicate: true, queryPassword: null });
    expect(again.case.id).toBe(first.case.id);
    expect(again.case.text).toBe(first.case.text);
  });

  it('refuses an unknown channel, an unknown category and data the intake form rejects', async () => {
    const deps = await caseDeps();
    expect(await rejection(intakeCase(deps, { ...noiseIntake, channel: 'carrier-pigeon' }))).toMatchObject({
      code: 'case.unknown_channel',
    });
    expect(await rejection(intakeCase(deps, { ...noiseIntake, category: 'no.such-category' }))).toMatchObject(
      {
        code: 'case.unknown_category',
      },
    );
    expect(await rejection(intakeCase(deps, { ...noiseIntake, data: { period: 42 } }))).toMatchObject({
      code: 'case.invalid_data',
    });
  });
});
