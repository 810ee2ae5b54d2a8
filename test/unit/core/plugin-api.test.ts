/** @module Plugin API: manifest and config validation, topic patterns, backoff, templates; the built-in plugins' manifests and schemas. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, loadSecretKey } from '../../../engine/adapters/plugins/secret-box.ts';
import {
  backoffDelayMs,
  itemsOf,
  renderTemplate,
  schemaGuard,
  trackHandoff,
  topicMatches,
  validateAgainstSchema,
  validatePluginManifest,
} from '../../../engine/core/plugin-api.ts';
import { commandsOf } from '../../../plugins/linkage-110/index.ts';
import { smsMessageOf } from '../../../plugins/sms/index.ts';

const root = resolve(import.meta.dirname, '../../..');
const manifest = {
  name: 'x',
  version: '1.0.0',
  apiVersion: 1,
  title: { en: 'X', zh: '某' },
  capabilities: ['notifier'],
  events: ['case.*'],
};

describe('plugin manifests', () => {
  it('accepts a valid manifest and names what is wrong in a bad one', () => {
    expect(validatePluginManifest(manifest, 'x')).toEqual([]);
    expect(validatePluginManifest(manifest, 'y').map((i) => i.code)).toEqual(['plugin.name_mismatch']);
    expect(validatePluginManifest({ ...manifest, apiVersion: 2 }).map((i) => i.code)).toEqual([
      'plugin.api_version',
    ]);
    const issues = validatePluginManifest({ ...manifest, capabilities: ['teleport'], version: 'one' });
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['/version', '/capabilities/0']));
  });

  it('lets a manifest ask only for the listed personal fields, never the query password', () => {
    expect(validatePluginManifest({ ...manifest, personalData: ['requesterPhone'] }, 'x')).toEqual([]);
    const password = validatePluginManifest({ ...manifest, personalData: ['queryPassword'] }, 'x');
    expect(password.map((i) => i.path)).toEqual(['/personalData/0']);
    // The former `secrets` key is gone: a manifest still using it is refused, not silently granted.
    expect(validatePluginManifest({ ...manifest, secrets: ['queryPassword'] }, 'x').length).toBeGreaterThan(
      0,
    );
  });

  it('holds for every built-in plugin, whose schemas compile and carry Chinese/English titles', () => {
    for (const name of readdirSync(join(root, 'plugins'))) {
      const dir = join(root, 'plugins', name);
      expect(
        validatePluginManifest(JSON.parse(readFileSync(join(dir, 'plugin.json'), 'utf8')), name),
      ).toEqual([]);
      for (const file of ['config.schema.json', 'credentials.schema.json']) {
        const schema = JSON.parse(readFileSync(join(dir, file), 'utf8'));
        expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
        for (const property of Object.values(schema.properties) as Array<{ title: string }>) {
          expect(property.title).toMatch(/^[^/]+ \/ \S+/);
        }
        expect(validateAgainstSchema(schema, {}).length).toBeGreaterThan(0);
      }
    }
  });
});

describe('plugin helpers', () => {
  it('matches topic patterns with a trailing wildcard', () => {
    expect(topicMatches('case.*', 'case.closed')).toBe(true);
    expect(topicMatches('case.*', 'case')).toBe(false);
    expect(topicMatches('case.*', 'caseload.x')).toBe(false);
    expect(topicMatches('case.closed', 'case.closed')).toBe(true);
  });

  it('doubles the backoff per attempt up to the cap, half of it jittered', () => {
    const delays = [1, 2, 3, 4, 5].map((attempt) =>
      backoffDelayMs({ attempt, baseMs: 1000, maxMs: 5000, random: 0 }),
    );
    expect(delays).toEqual([500, 1000, 2000, 2500, 2500]);
    expect(backoffDelayMs({ attempt: 2, baseMs: 1000, maxMs: 5000, random: 0.5 })).toBe(1500);
  });

  it('renders templates and leaves unknown placeholders empty', () => {
    expect(
      renderTemplate('编号{caseNumber}，密码{queryPassword}{x}', { caseNumber: 'A1', queryPassword: 7 }),
    ).toBe('编号A1，密码7');
  });

  it('validates config against a plugin schema without throwing on a broken schema', () => {
    expect(validateAgainstSchema({ type: 'object', required: ['a'] }, {})[0]).toMatchObject({
      path: '/a',
      code: 'required',
    });
    expect(validateAgainstSchema({ type: 'nonsense' }, {})[0]!.code).toBe('schema.invalid');
  });

  it('makes a type guard of a payload schema, compiled once, and refuses a schema that does not compile', () => {
    const isItem = schemaGuard<{ id: string }>({
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string', minLength: 1 } },
    });
    expect([{ id: 'a' }, { id: '' }, { id: 1 }, null, 'a', [], {}].map(isItem)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(() => schemaGuard({ type: 'nonsense' })).toThrow();
  });

  it('itemsOf reads a listed payload or the payload as its one item', () => {
    expect(itemsOf({ incidents: [{ a: 1 }, { a: 2 }] }, 'incidents')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(itemsOf({ a: 1 }, 'incidents')).toEqual([{ a: 1 }]);
    expect(itemsOf({ incidents: 'x' }, 'incidents')).toEqual([{ incidents: 'x' }]);
    expect(itemsOf(null, 'incidents')).toEqual([null]);
  });

  it('trackHandoff leaves out undefined fields, in the action input too', () => {
    const command = trackHandoff({
      caseNumber: 'C-1',
      externalId: 'X-1',
      status: 'handled',
      caseId: undefined,
      note: '',
      at: undefined,
      action: { name: 'policeFeedback', input: { outcome: 'handled', result: undefined, handledBy: 'P' } },
    });
    expect(command).toEqual({
      type: 'trackHandoff',
      input: {
        caseNumber: 'C-1',
        externalId: 'X-1',
        status: 'handled',
        note: '',
        action: { name: 'policeFeedback', input: { outcome: 'handled', handledBy: 'P' } },
      },
    });
    expect(Object.keys(command.input)).toEqual(['caseNumber', 'externalId', 'status', 'note', 'action']);
    expect('result' in (command.input as { action: { input: object } }).action.input).toBe(false);
    expect(
      trackHandoff({ caseNumber: 'C', externalId: 'X', status: 's', action: undefined }).input,
    ).not.toHaveProperty('action');
  });
});

describe('built-in plugin logic', () => {
  it('builds acceptance and closing SMS from the event payload', () => {
    const payload = {
      caseNumber: '20260302000001',
      deadline: '3月9日',
      requesterPhone: '13900001111',
    };
    expect(smsMessageOf('case.accepted', payload, { baseUrl: 'http://x', signName: '区12345' })).toEqual({
      to: '13900001111',
      text: '【区12345】您的诉求已受理，办件编号20260302000001，办理时限3月9日。查询密码见受理时告知的回执。',
    });
    expect(smsMessageOf('case.closed', payload, { baseUrl: 'http://x' })!.text).toContain('已办结');
    expect(smsMessageOf('case.accepted', { caseNumber: '1' }, { baseUrl: 'http://x' })).toBeNull();
  });

  it('maps only non-police 110 incidents to intake commands', () => {
    const commands = commandsOf(
      {
        incidents: [
          { incidentId: 'A', description: '路灯坏了', callerPhone: '110' },
          { incidentId: 'B', description: '盗窃', isPoliceMatter: true },
          { bogus: true },
        ],
      },
      {},
    );
    expect(commands).toEqual([
      {
        type: 'intakeCase',
        input: {
          channel: '110',
          externalId: 'A',
          category: '110-non-police',
          text: '路灯坏了',
          requester: { phone: '110' },
        },
      },
    ]);
  });
});

describe('the secret box', () => {
  it('round-trips, uses a fresh IV each time and refuses tampered or foreign ciphertext', () => {
    const box = createSecretBox(Buffer.alloc(32, 7));
    const a = box.seal('{"apiKey":"k"}');
    expect(box.open(a)).toBe('{"apiKey":"k"}');
    expect(box.seal('{"apiKey":"k"}')).not.toBe(a);
    const parts = a.split('.');
    const flipped = [...parts.slice(0, 3), `${parts[3]!.slice(0, -2)}AA`].join('.');
    expect(() => box.open(flipped)).toThrow();
    expect(() => createSecretBox(Buffer.alloc(32, 8)).open(a)).toThrow();
  });

  it('prefers BATON_SECRET_KEY and rejects a key of the wrong length', () => {
    expect(loadSecretKey({ envKey: 'ab'.repeat(32), dataDir: '/nonexistent' })).toHaveLength(32);
    expect(() => loadSecretKey({ envKey: 'abcd', dataDir: '/nonexistent' })).toThrow(/32 bytes/);
  });
});
