/** @module Writes the event catalogue (engine/core/events/catalogue.ts, family topics named by the demo rule set's workflow) into docs/events.md between its markers. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { vocabularyOf } from '../engine/core/events/catalogue.ts';
import { EVENT_DOC_MARKERS, renderEventsMarkdown } from '../engine/core/events/markdown.ts';
import { writeBetweenMarkers } from './doc-markers.ts';

const root = resolve(import.meta.dirname, '..');
const seed = JSON.parse(readFileSync(join(root, 'seeds/rulesets/cases-2026.json'), 'utf8')) as {
  documents: Array<{ kind: string }>;
};
const workflows = seed.documents.filter((d) => d.kind === 'workflow') as Parameters<typeof vocabularyOf>[0];
writeBetweenMarkers(
  join(root, 'docs/events.md'),
  EVENT_DOC_MARKERS,
  renderEventsMarkdown(vocabularyOf(workflows)),
  { name: 'event-catalogue', what: 'the event catalogue' },
);
