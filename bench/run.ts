/** @module `npm run bench`: runs every `bench/*.bench.ts` suite; `-- logic` runs only suites whose name contains `logic`; `-- --json` prints machine-readable results. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult, BenchSuite } from './types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

function isSuite(value: unknown): value is BenchSuite {
  return typeof value === 'object' && value !== null && typeof (value as BenchSuite).run === 'function';
}

/** Positional arguments select suites by file name (`npm run bench -- logic tables`); none selects all. */
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));

async function loadSuites(): Promise<BenchSuite[]> {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
    .sort();
  if (files.length === 0) throw new Error(`no bench suite matches ${filters.join(', ')}`);
  const suites: BenchSuite[] = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(path.join(here, file)).href);
    const suite = isSuite(mod.default) ? mod.default : mod.suite;
    if (!isSuite(suite)) throw new Error(`${file}: export a BenchSuite as default or as \`suite\``);
    suites.push(suite);
  }
  return suites;
}

function table(results: BenchResult[]): string {
  const rows = results.map((r) => [
    r.name,
    `${r.value.toFixed(r.value < 10 ? 3 : 1)} ${r.unit}`,
    r.baseline ?? '',
    r.ratio === null ? '' : `${r.ratio.toFixed(2)}x`,
    r.goal ?? '',
  ]);
  const head = ['benchmark', 'value', 'baseline', 'ratio', 'goal'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const asJson = process.argv.includes('--json');
const results: BenchResult[] = [];
for (const suite of await loadSuites()) {
  if (!asJson) process.stderr.write(`running ${suite.name}...\n`);
  results.push(...(await suite.run()));
}
process.stdout.write(asJson ? `${JSON.stringify({ benchmarks: results })}\n` : `${table(results)}\n`);
