/**
 * @module ECharts is loaded only on the route that charts: the built studio's first route (the entry and
 * its static imports) holds none of it, the dashboard page's chunk does, and the dashboard chunk's gzip
 * weight is printed for the record. Reads the build the global setup made (dist/studio).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chunksOf, type Manifest, readManifest } from '../support/vite-manifest.ts';

const dist = join(import.meta.dirname, '../../dist/studio');
/** The chunk files a browser fetches for `keys`: each chunk and its static imports. */
const filesOf = (manifest: Manifest, keys: string[]): string[] =>
  chunksOf(manifest, keys).map((key) => manifest[key]!.file);

/** A mark ECharts leaves on every chart's host element. */
const ECHARTS_MARK = '_echarts_instance_';

describe('ECharts only on the dashboard route', () => {
  it('keeps ECharts out of the first route and in the dashboard page chunk', () => {
    const manifest = readManifest(dist);
    const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!;
    const hasECharts = (file: string) => readFileSync(join(dist, file), 'utf8').includes(ECHARTS_MARK);
    expect(filesOf(manifest, [entry]).filter(hasECharts)).toEqual([]);
    const dashboard = filesOf(manifest, ['pages/performance/dashboard-page.tsx']);
    const charting = dashboard.filter(hasECharts);
    expect(charting.length).toBeGreaterThan(0);
    // Only the dashboard's chunks carry it: no other page pulls it in.
    const others = Object.keys(manifest)
      .filter((key) => key.endsWith('-page.tsx') && key !== 'pages/performance/dashboard-page.tsx')
      .flatMap((key) => filesOf(manifest, [key]));
    expect(others.filter(hasECharts)).toEqual([]);
    const gzip = charting.reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file))).length, 0);
    console.info(`dashboard chart chunk(s): ${charting.join(', ')} — ${(gzip / 1024).toFixed(1)} KB gzip`);
  });
});
