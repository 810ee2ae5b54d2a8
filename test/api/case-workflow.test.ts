/** @module The case workflow over HTTP: GET /api/cases/workflow (states, actions with their forms and roles, channels, as of a day) and the declarations each case's available actions carry. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestApp } from '../support/api-app.ts';
import { apiClient } from '../support/api-client.ts';
import { useCaseTestApp } from '../support/case-app.ts';

let t: TestApp;
const api = apiClient(() => t, undefined, { 'accept-language': 'zh-CN' });

/** The seed's workflow document, the source every answer is compared with. */
const seedWorkflow = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../../seeds/rulesets/cases-2026.json'), 'utf8')) as {
    documents: { kind: string }[];
  }
).documents.find((d) => d.kind === 'workflow') as unknown as {
  id: string;
  states: { name: string; label: { zh: string }; colour?: string; type?: string }[];
  actions: { name: string; label: { zh: string }; tone?: string; input?: { schema: unknown } }[];
  transitions: { action: string; roles: string[] }[];
  channels: { code: string; aliases?: string[] }[];
};

useCaseTestApp((app) => {
  t = app.t;
});

describe('GET /api/cases/workflow', () => {
  it('answers the workflow in force with its states, declared actions with the roles of their transitions, and channels', async () => {
    const { status, body } = await api('dispatcher', '/api/cases/workflow');
    expect(status).toBe(200);
    expect(body.workflowId).toBe(seedWorkflow.id);
    expect(body.ruleSetId).toBe('district-2026');
    expect(body.states.map((s: { name: string }) => s.name)).toEqual(seedWorkflow.states.map((s) => s.name));
    const handling = body.states.find((s: { name: string }) => s.name === 'handling');
    expect(handling).toEqual({
      name: 'handling',
      label: { en: 'Being handled', zh: '办理中' },
      type: 'open',
      colour: 'teal',
      public: true,
    });
    expect(body.states.find((s: { name: string }) => s.name === 'closed').type).toBe('closed');
    expect(body.actions.map((a: { name: string }) => a.name)).toEqual(
      seedWorkflow.actions.map((a) => a.name),
    );
    for (const declared of seedWorkflow.actions) {
      const action = body.actions.find((a: { name: string }) => a.name === declared.name);
      const roles = new Set(
        seedWorkflow.transitions.filter((tr) => tr.action === declared.name).flatMap((tr) => tr.roles),
      );
      expect(new Set(action.roles), declared.name).toEqual(roles);
      expect(action.label.zh).toBe(declared.label.zh);
      expect(action.tone).toBe(declared.tone ?? 'neutral');
      expect(action.input?.schema ?? null).toEqual(declared.input?.schema ?? null);
    }
    const police = body.channels.find((c: { code: string }) => c.code === 'police110');
    expect(police.aliases).toEqual(seedWorkflow.channels.find((c) => c.code === 'police110')!.aliases);
  });

  it('lets unit users read it, refuses anonymous callers, and answers case.no_rules for a day without a workflow', async () => {
    expect((await api('dept_user', '/api/cases/workflow')).status).toBe(200);
    expect((await api(null, '/api/cases/workflow')).status).toBe(401);
    const before = await api('dispatcher', '/api/cases/workflow?at=2019-06-01');
    expect(before.status).toBe(404);
    expect(before.body.error.code).toBe('case.no_rules');
    const bad = await api('dispatcher', '/api/cases/workflow?at=yesterday');
    expect(bad.status).toBe(400);
  });
});

describe('available actions of a case', () => {
  it('carry their declaration (label, tone, input form) and the server names the field of an invalid input', async () => {
    const opened = await api('dispatcher', '/api/cases', {
      json: {
        channel: 'hotline',
        category: 'education.school',
        text: '学校门口道路积水严重，学生上学困难。',
      },
    });
    expect(opened.status).toBe(201);
    const dispatch = opened.body.case.availableActions.find(
      (a: { action: string }) => a.action === 'dispatch',
    );
    expect(dispatch.label).toEqual({ zh: '派单', en: 'Dispatch' });
    expect(dispatch.tone).toBe('primary');
    expect(dispatch.input.schema.properties.leadUnitId.format).toBe('baton-unit');
    expect(dispatch.input.schema.properties.assistingUnitIds.items.format).toBe('baton-unit');
    const id = opened.body.case.id as string;

    const dispatched = await api('dispatcher', `/api/cases/${id}/actions/dispatch`, {
      json: { input: { leadUnitId: 'dept-education' } },
    });
    expect(dispatched.status).toBe(200);
    const unit = await api('dept_user', `/api/cases/${id}`);
    const returned = unit.body.availableActions.find((a: { action: string }) => a.action === 'return');
    expect(returned).toMatchObject({ label: { zh: '退单' }, tone: 'danger' });
    expect(returned.input.schema.required).toEqual(['reason']);
    expect(
      unit.body.availableActions.find((a: { action: string }) => a.action === 'signFor').input,
    ).toBeNull();

    const refused = await api('dept_user', `/api/cases/${id}/actions/return`, { json: { input: {} } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('workflow.invalid_input');
    expect(refused.body.error.path).toBe('/input/reason');
  });
});
