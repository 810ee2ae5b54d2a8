/** @module The event catalogue over the published rule sets: the topic vocabulary their workflows give, plugin subscriptions checked against it, and the AsyncAPI document. */
import { asyncApiOf } from '../core/events/asyncapi.ts';
import { type TopicVocabulary, unknownSubscriptions, vocabularyOf } from '../core/events/catalogue.ts';
import type { Store } from '../ports/store.ts';

/** The action and final-state names of every workflow in a published rule set; null when none is published. */
export async function topicVocabulary(deps: {
  store: Pick<Store, 'ruleSets'>;
}): Promise<TopicVocabulary | null> {
  const workflows: Array<Parameters<typeof vocabularyOf>[0][number]> = [];
  for (const version of await deps.store.ruleSets.listPublished()) {
    const documents = (version.content as { documents?: unknown }).documents;
    if (!Array.isArray(documents)) continue;
    for (const doc of documents as Array<Record<string, unknown>>)
      if (doc?.kind === 'workflow') workflows.push(doc as Parameters<typeof vocabularyOf>[0][number]);
  }
  return workflows.length === 0 ? null : vocabularyOf(workflows);
}

/**
 * A plugin's subscriptions that the topic vocabulary (see {@link topicVocabulary}) does not declare,
 * as a bilingual load error, or null when all are declared (see docs/events.md).
 */
export function subscriptionErrorOf(
  events: readonly string[],
  vocabulary: TopicVocabulary | null,
): { en: string; zh: string } | null {
  const unknown = unknownSubscriptions(events, vocabulary);
  if (unknown.length === 0) return null;
  const list = unknown.join(', ');
  return {
    en: `plugin.json: events: ${list} ${unknown.length === 1 ? 'is' : 'are'} not in the event catalogue (see /asyncapi.json)`,
    zh: `plugin.json：订阅的事件 ${list} 不在事件目录中（见 /asyncapi.json）`,
  };
}

/** {@link subscriptionErrorOf} under the published rule sets. */
export async function subscriptionError(
  deps: { store: Pick<Store, 'ruleSets'> },
  events: readonly string[],
): Promise<{ en: string; zh: string } | null> {
  return subscriptionErrorOf(events, await topicVocabulary(deps));
}

/** The AsyncAPI 3.0 document of every topic the engine emits under the published rule sets. */
export async function getAsyncApi(
  deps: { store: Pick<Store, 'ruleSets'> },
  input: { version: string },
): Promise<Record<string, unknown>> {
  return asyncApiOf((await topicVocabulary(deps)) ?? { actions: [], finalStates: [] }, input);
}
