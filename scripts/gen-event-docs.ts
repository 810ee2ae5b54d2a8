/** @module Writes the event catalogue (engine/core/events/catalogue.ts, family topics named by the demo rule set's workflow) into docs/events.md between its markers. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { vocabularyOf } from '../engine/core/events/catalogue.ts';
import { EVENT_DOC_MARKERS, renderEventsMarkdown } from '../engine/core/events/markdown.ts';

const root = resolve(import.meta.dirname, '..');
const file = join(root, 'docs/events.md');
const seed = JSON.parse(readFileSync(join(root, 'seeds/rulesets/cases-2026.json'), 'utf8')) as {
  documents: Array<{ kind: string }>;
};
const workflows = seed.documents.filter((d) => d.kind === 'workflow') as Parameters<typeof vocabularyOf>[0];
const text = readFileSync(file, 'utf8');
const begin = text.indexOf(EVENT_DOC_MARKERS.begin);
const end = text.indexOf(EVENT_DOC_MARKERS.end);
if (begin < 0 || end < begin) throw new Error(`${file} has no event-catalogue markers`);
writeFileSync(
  file,
  text.slice(0, begin) +
    renderEventsMarkdown(vocabularyOf(workflows)) +
    text.slice(end + EVENT_DOC_MARKERS.end.length),
);
console.log(`wrote the event catalogue into ${file}`);
