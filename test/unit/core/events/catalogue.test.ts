/** @module The event catalogue: every topic the engine emits is declared, payloads are checked against their schemas, plugin manifests and workflows are checked against it. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { asyncApiOf } from '../../../../engine/core/events/asyncapi.ts';
import {
  checkEvent,
  declaredTopics,
  EVENT_CATALOGUE,
  unknownSubscriptions,
  vocabularyOf,
} from '../../../../engine/core/events/catalogue.ts';
import { EVENT_DOC_MARKERS, renderEventsMarkdown } from '../../../../engine/core/events/markdown.ts';
import { checkWorkflowDocument } from '../../../../engine/core/workflow/workflow-check.ts';
import type { Workflow } from '../../../../schemas/types.gen.ts';

const root = join(import.meta.dirname, '../../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const seedWorkflow = (
  JSON.parse(read('seeds/rulesets/cases-2026.json')) as { documents: Array<{ kind: string }> }
).documents.find((d) => d.kind === 'workflow') as unknown as Workflow;
const vocabulary = vocabularyOf([seedWorkflow]);
const topics = declaredTopics(vocabulary).map((t) => t.topic);

/** Every `.ts` file under a folder. */
const sources = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

describe('the event catalogue', () => {
  it('declares every literal topic engine/app emits, and every template topic is a declared family', () => {
    const literal = new Set<string>();
    const templates = new Set<string>();
    for (const file of sources('engine/app')) {
      const text = read(file);
      for (const m of text.matchAll(/topic: '([a-z][A-Za-z.]*)'/g)) literal.add(m[1]!);
      for (const m of text.matchAll(/topic: `([^`]*)`/g)) templates.add(m[1]!.replaceAll('${', '{'));
    }
    expect(literal.size).toBeGreaterThanOrEqual(6);
    const fixed = EVENT_CATALOGUE.filter((e) => e.kind === 'fixed').map((e) => e.topic);
    for (const topic of literal) expect(fixed, `${topic} is emitted but not declared`).toContain(topic);
    // Template literals, written here with {…} for ${…}: the action and final-state families, and hand-offs.
    expect([...templates].sort()).toEqual([
      'case.handoff.{effect.system}',
      'case.{input.action}',
      'case.{record.status}',
    ]);
  });

  it('has a versioned schema with zh/en texts per entry, and every schema accepts its own examples', () => {
    for (const e of EVENT_CATALOGUE) {
      expect(e.version).toBeGreaterThanOrEqual(1);
      expect(e.schema.$id).toMatch(new RegExp(`\\.v${e.version}\\.json$`));
      for (const t of [e.title, e.description, e.emittedBy]) {
        expect(t.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(t.en).toMatch(/[a-z]/);
      }
      const examples = e.schema.examples as unknown[];
      expect(examples.length).toBeGreaterThan(0);
      for (const payload of examples as Array<{ action: string; to: string }>) {
        const topic =
          e.kind === 'fixed' ? e.topic : `case.${e.kind === 'action' ? payload.action : payload.to}`;
        expect(checkEvent({ topic, payload }), `${e.message} example`).toEqual([]);
      }
    }
  });

  it('refuses an undeclared topic, a payload that misses or adds a field, and a family topic inconsistent with its payload', () => {
    const reply = (EVENT_CATALOGUE.find((e) => e.kind === 'action')!.schema.examples as object[])[0]!;
    expect(checkEvent({ topic: 'case.reply', payload: reply })).toEqual([]);
    expect(checkEvent({ topic: 'case.reply', payload: reply }, vocabulary)).toEqual([]);
    expect(
      checkEvent({ topic: 'case.replied', payload: { ...reply, to: 'replied' } }, vocabulary)[0]!.code,
    ).toBe('outbox.undeclared_topic');
    expect(checkEvent({ topic: 'case.replied', payload: { caseNumber: 'x', replyText: 'y' } })[0]!.code).toBe(
      'outbox.undeclared_topic',
    );
    expect(checkEvent({ topic: 'unit.created', payload: {} })[0]!.code).toBe('outbox.undeclared_topic');
    const { reply: _reply, ...missing } = reply as Record<string, unknown>;
    expect(checkEvent({ topic: 'case.reply', payload: missing })[0]!.code).toBe('outbox.invalid_payload');
    const withPhone = checkEvent({
      topic: 'case.reply',
      payload: { ...reply, requesterPhone: '13800000000' },
    });
    expect(withPhone[0]!.message).toContain('requesterPhone');
    const accepted = (EVENT_CATALOGUE[0]!.schema.examples as object[])[0]!;
    expect(
      checkEvent({ topic: 'case.accepted', payload: { ...accepted, queryPassword: '123456' } }),
    ).toHaveLength(1);
    // A final-state topic: the payload's `to` names it.
    expect(
      checkEvent({ topic: 'case.closed', payload: { ...reply, action: 'close', to: 'closed' } }, vocabulary),
    ).toEqual([]);
  });

  it('turns the seed workflow into concrete topics the built-in plugins subscribe to, and flags unknown ones', () => {
    expect(topics).toEqual(
      expect.arrayContaining(['case.accepted', 'case.reply', 'case.closed', 'case.handoff.approval']),
    );
    expect(topics).not.toContain('case.replied');
    for (const name of readdirSync(join(root, 'plugins'))) {
      const manifest = JSON.parse(read(`plugins/${name}/plugin.json`)) as { events: string[] };
      expect(unknownSubscriptions(manifest.events, vocabulary), name).toEqual([]);
    }
    expect(unknownSubscriptions(['case.replied', 'case.*', 'nothing.*', 'case.closed'], vocabulary)).toEqual([
      'case.replied',
      'nothing.*',
    ]);
  });

  it('is a valid AsyncAPI 3.0.0 document by the official schema (@asyncapi/specs)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(
      JSON.parse(read('node_modules/@asyncapi/specs/schemas/3.0.0-without-$id.json')) as object,
    );
    const doc = asyncApiOf(vocabulary, { version: '1.2.3' }) as Record<string, unknown>;
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    // The check has teeth: a channel whose messages are not an object, or a wrong version, fail it.
    const broken = structuredClone(doc) as { channels: Record<string, Record<string, unknown>> };
    broken.channels['case.reply']!.messages = 'caseAction';
    expect(validate(broken)).toBe(false);
    expect(validate({ ...doc, asyncapi: '2.6.0' })).toBe(false);
  });

  it('is published as AsyncAPI 3.0 with one channel per concrete topic', () => {
    const doc = asyncApiOf(vocabulary, { version: '1.2.3' }) as {
      asyncapi: string;
      channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
      components: { messages: Record<string, { payload: object }> };
    };
    expect(doc.asyncapi).toBe('3.0.0');
    expect(Object.keys(doc.channels).sort()).toEqual([...topics].sort());
    for (const [id, channel] of Object.entries(doc.channels)) {
      expect(channel.address).toBe(id);
      for (const ref of Object.values(channel.messages))
        expect(doc.components.messages[ref.$ref.split('/').at(-1)!]?.payload).toBeDefined();
    }
  });
});

describe('docs/events.md', () => {
  it('lists every topic and is the current rendering of the catalogue (npx tsx scripts/gen-event-docs.ts rewrites it)', () => {
    const doc = read('docs/events.md');
    for (const topic of topics) expect(doc, topic).toContain(`| \`${topic}\` |`);
    for (const e of EVENT_CATALOGUE) {
      expect(doc).toContain(`### ${e.message}`);
      expect(doc).toContain(e.description.zh);
      expect(doc).toContain(e.description.en);
    }
    const section = doc.slice(
      doc.indexOf(EVENT_DOC_MARKERS.begin),
      doc.indexOf(EVENT_DOC_MARKERS.end) + EVENT_DOC_MARKERS.end.length,
    );
    expect(section).toBe(renderEventsMarkdown(vocabulary));
  });
});

describe('workflows and the catalogue', () => {
  it('accepts the seed workflow, whose hand-off action emits case.handoff.approval', () => {
    expect(checkWorkflowDocument(seedWorkflow).filter((i) => i.severity !== 'warning')).toEqual([]);
    const handOff = seedWorkflow.transitions.find((t) => t.action === 'handOffToApproval')!;
    expect(handOff.effects).toEqual([
      { type: 'handOff', system: 'approval', value: { var: 'input.itemCode' } },
    ]);
  });

  it('refuses a hand-off to a system the catalogue has no event for, and an action that would emit a fixed topic', () => {
    const doc = structuredClone(seedWorkflow);
    doc.transitions.find((t) => t.action === 'handOffToApproval')!.effects = [
      { type: 'handOff', system: 'tax' },
    ];
    doc.actions!.push({ name: 'reminded', label: { en: 'x', zh: 'x' } });
    doc.transitions.push({ from: 'handling', to: 'handling', action: 'reminded', roles: ['unit'] });
    const codes = checkWorkflowDocument(doc).map((i) => i.code);
    expect(codes).toContain('workflow.handoff_topic');
    expect(codes).toContain('workflow.topic_clash');
  });
});
