/** @module Writes the case-metric catalogue (engine/core/routing/metric-catalogue.ts) into docs/api-performance.md between its markers. */
import { join, resolve } from 'node:path';
import {
  CASE_METRICS_DOC_MARKERS,
  renderCaseMetricsMarkdown,
} from '../engine/core/routing/metric-catalogue.ts';
import { writeBetweenMarkers } from './doc-markers.ts';

writeBetweenMarkers(
  join(resolve(import.meta.dirname, '..'), 'docs/api-performance.md'),
  CASE_METRICS_DOC_MARKERS,
  renderCaseMetricsMarkdown(),
  { name: 'case-metrics', what: 'the case-metric catalogue' },
);
