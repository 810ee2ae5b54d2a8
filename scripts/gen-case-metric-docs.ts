/** @module Writes the case-metric catalogue (engine/core/routing/metric-catalogue.ts) into docs/api-performance.md between its markers. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  CASE_METRICS_DOC_MARKERS,
  renderCaseMetricsMarkdown,
} from '../engine/core/routing/metric-catalogue.ts';

const file = join(resolve(import.meta.dirname, '..'), 'docs/api-performance.md');
const text = readFileSync(file, 'utf8');
const begin = text.indexOf(CASE_METRICS_DOC_MARKERS.begin);
const end = text.indexOf(CASE_METRICS_DOC_MARKERS.end);
if (begin < 0 || end < begin) throw new Error(`${file} has no case-metrics markers`);
writeFileSync(
  file,
  text.slice(0, begin) + renderCaseMetricsMarkdown() + text.slice(end + CASE_METRICS_DOC_MARKERS.end.length),
);
console.log(`wrote the case-metric catalogue into ${file}`);
