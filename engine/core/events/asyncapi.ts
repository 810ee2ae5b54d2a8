/** @module The event catalogue as an AsyncAPI 3.0 document: one channel per concrete topic, one message per catalogue entry with its payload schema. */
import { declaredTopics, EVENT_CATALOGUE, type TopicVocabulary } from './catalogue.ts';

const both = (t: { zh: string; en: string }) => `${t.zh} / ${t.en}`;

/** The AsyncAPI 3.0 document of the topics declared for `vocabulary` (see `vocabularyOf`). */
export function asyncApiOf(vocabulary: TopicVocabulary, info: { version: string }): Record<string, unknown> {
  const messages: Record<string, unknown> = {};
  for (const e of EVENT_CATALOGUE) {
    if (messages[e.message]) continue;
    // Two messages may share one schema (case actions and final states): the `$id` moves to
    // `x-schema-id`, so a client can compile every payload with one validator instance.
    const { $id, ...payload } = e.schema;
    messages[e.message] = {
      name: e.message,
      title: both(e.title),
      summary: e.description.en,
      description: both(e.description),
      contentType: 'application/json',
      payload,
      'x-schema-id': $id,
      'x-topic': e.topic,
      'x-version': e.version,
      'x-title': e.title,
      'x-description': e.description,
      examples: ((e.schema.examples as unknown[] | undefined) ?? []).map((payload) => ({ payload })),
    };
  }
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const { topic, entry } of declaredTopics(vocabulary)) {
    channels[topic] = {
      address: topic,
      title: both(entry.title),
      summary: entry.description.en,
      description: `${both(entry.description)}\n\n${both(entry.emittedBy)}`,
      messages: { [entry.message]: { $ref: `#/components/messages/${entry.message}` } },
      'x-kind': entry.kind,
      'x-version': entry.version,
      'x-description': entry.description,
      'x-emitted-by': entry.emittedBy,
    };
    operations[`receive.${topic}`] = {
      action: 'receive',
      title: `${topic} → plugin onEvent`,
      summary: `A plugin subscribed to ${topic} (manifest events) receives it through onEvent.`,
      channel: { $ref: `#/channels/${topic}` },
      messages: [{ $ref: `#/channels/${topic}/messages/${entry.message}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Baton events / Baton 事件目录',
      version: info.version,
      description:
        'Every topic the engine emits through the outbox, with the JSON Schema of its payload. Plugins subscribe by listing topics (or `prefix.*`) in plugin.json `events`; deliveries carry `Idempotency-Key`. Topics `case.<action>` and `case.<finalState>` are named by the workflow documents of the published rule sets.\n\n引擎通过发件箱发出的全部事件主题及其载荷的 JSON Schema。插件在 plugin.json 的 events 中列出订阅的主题（或 prefix.*）。case.<动作> 与 case.<终态> 的名称取自已发布规则集的流程文档。',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}
