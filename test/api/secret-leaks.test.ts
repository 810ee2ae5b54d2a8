/** @module The citizen's query password never leaks: after intake and a full run of actions, it is in no case event, outbox row, sealed event fields (what plugins may be handed), delivery, audit row, log line or export; the phone is in no outbox payload. */
import { describe, expect, it } from 'vitest';
import { createSecretBox, loadSecretKey } from '../../engine/adapters/plugins/secret-box.ts';
import type { TestApp } from '../support/api-app.ts';
import { apiClient } from '../support/api-client.ts';
import { SCHOOL_CASE_TO_NOTIFIED, useCaseTestApp } from '../support/case-app.ts';

let t: TestApp;
const api = apiClient(() => t, '198.51.100.40');

const act = (user: string, id: string, action: string, input: Record<string, unknown> = {}) =>
  api(user, `/api/cases/${id}/actions/${action}`, { json: { input } });

/** Where `password` occurs as a whole number (not inside a longer digit run such as a case number). */
const occurrences = (haystack: string, password: string) =>
  haystack.match(new RegExp(`(?<![0-9])${password}(?![0-9])`, 'g'))?.length ?? 0;

const tableText = async (sql: string) => JSON.stringify(await t.store.read(sql));

useCaseTestApp((app) => {
  t = app.t;
});

describe('query password and phone secrecy', () => {
  it('keeps the password out of case events, outbox rows, deliveries, audit rows, logs and exports', async () => {
    const phone = '13911112222';
    const staff = await api('dispatcher', '/api/cases', {
      json: {
        channel: 'hotline',
        category: 'education.school',
        text: '学校食堂饭菜质量差',
        requester: { phone },
      },
    });
    expect(staff.status, staff.text).toBe(201);
    const portal = await api(null, '/api/public/cases', {
      json: { category: 'consult.policy', text: '咨询居住证办理流程', requester: { phone: '13933334444' } },
    });
    expect(portal.status, portal.text).toBe(201);
    const secrets = [
      { number: staff.body.case.number as string, password: staff.body.queryPassword as string },
      { number: portal.body.number as string, password: portal.body.queryPassword as string },
    ];
    // The scanner finds the password where it legitimately is: the answer to the intake.
    expect(occurrences(staff.text, secrets[0]!.password)).toBeGreaterThan(0);
    expect(occurrences(portal.text, secrets[1]!.password)).toBeGreaterThan(0);

    const id = staff.body.case.id as string;
    for (const [user, action, input] of SCHOOL_CASE_TO_NOTIFIED) {
      const r = await act(user, id, action, input);
      expect(r.status, `${action}: ${r.text}`).toBe(200);
    }
    // Wrong guesses, a right lookup and the rating, as a citizen would.
    await api(null, '/api/public/cases/lookup', { json: { number: secrets[0]!.number, password: '000000' } });
    const looked = await api(null, '/api/public/cases/lookup', { json: secrets[0] });
    expect(looked.status, looked.text).toBe(200);
    const rated = await api(null, '/api/public/cases/rate', {
      json: { ...secrets[0], satisfaction: 'satisfied' },
    });
    expect(rated.status, rated.text).toBe(200);
    await api(null, '/api/public/cases/lookup', { json: secrets[1] });

    const outboxPayloads = await tableText('SELECT topic, payload FROM outbox');
    expect(outboxPayloads).toContain('case.accepted');
    expect(outboxPayloads).toContain(secrets[0]!.number);
    const places: Record<string, string> = {
      'case events': await tableText('SELECT * FROM case_events'),
      'outbox rows': await tableText('SELECT * FROM outbox'),
      deliveries: await tableText('SELECT * FROM plugin_deliveries'),
      'delivery attempts': await tableText('SELECT * FROM plugin_delivery_attempts'),
      'audit rows': await tableText('SELECT * FROM audit_log'),
      'lookup attempts': await tableText('SELECT * FROM case_lookup_attempts'),
      logs: t.logs.join('\n'),
      'audit export': (await api('auditor', '/api/audit?limit=500')).text,
      'staff case detail': (await api('admin', `/api/cases/${id}`)).text,
      'case list': (await api('admin', '/api/cases?queue=all&limit=200')).text,
    };
    const ruleSets = (await api('admin', '/api/rule-sets')).body as { items?: { id: string }[] };
    const firstRuleSet = (Array.isArray(ruleSets) ? ruleSets : (ruleSets.items ?? []))[0] as
      | { id: string }
      | undefined;
    if (firstRuleSet) {
      const bundle = await api('admin', `/api/rule-sets/${firstRuleSet.id}/versions/1/bundle`);
      expect(bundle.status, bundle.text).toBe(200);
      places['rule-set bundle export'] = bundle.text;
    }
    // The case rows hold only the keyed hash of the password; drop that column before scanning.
    places['case rows'] = JSON.stringify(
      (await t.store.read('SELECT * FROM cases')).map(({ query_password_hash: _hash, ...row }) => row),
    );
    expect(Object.keys(places)).toContain('rule-set bundle export');
    for (const [place, text] of Object.entries(places))
      for (const { password } of secrets)
        expect(occurrences(text, password), `${place} holds ${password}`).toBe(0);

    // The phone goes to no plugin that does not ask for it: no outbox payload carries it.
    expect(outboxPayloads).not.toContain(phone);
    expect(outboxPayloads).not.toContain('13933334444');
    // …but it is sealed beside the events that notify the citizen.
    const sealed = await t.store.read(
      'SELECT topic, secrets FROM outbox WHERE secrets IS NOT NULL ORDER BY id',
    );
    expect(sealed.map((r) => r.topic)).toContain('case.accepted');
    // Data minimisation: what is sealed is all a plugin can ever be handed beside the payload. It
    // holds only personal fields (the phone), never the query password, so no delivery can carry it.
    const box = createSecretBox(loadSecretKey({ dataDir: t.dir }));
    const opened = sealed.map((r) => JSON.parse(box.open(String(r.secrets))) as Record<string, unknown>);
    expect(opened.map((fields) => Object.keys(fields))).toEqual(sealed.map(() => ['requesterPhone']));
    expect(opened.map((fields) => fields.requesterPhone)).toEqual(
      expect.arrayContaining([phone, '13933334444']),
    );
    for (const { password } of secrets)
      expect(occurrences(JSON.stringify(opened), password), `sealed event fields hold ${password}`).toBe(0);
  });
});
