/** @module Decision-table benchmark: a 3,000-row routing table, compiled with indexes vs a hand-written linear scan. */
import { compileTable } from '../engine/core/tables/compile.ts';
import type { DecisionTable, TableRule } from '../engine/core/tables/types.ts';
import { compared, measured } from './support/results.ts';
import { seededRandom } from './support/seeded.ts';
import type { BenchResult, BenchSuite } from './types.ts';

const CATEGORIES = Array.from({ length: 10 }, (_, i) => `cat-${i}`);
const GRIDS = Array.from({ length: 30 }, (_, i) => `G${String(i).padStart(3, '0')}`);
const BANDS = 10;
const BAND = 1000;
const EVALUATIONS = 200_000;

interface Query {
  category: string;
  location: { grid: string };
  amount: number;
}

/** Pre-parsed row of the hand-written baseline. */
interface PlainRow {
  category: string;
  grid: string;
  lo: number;
  hi: number;
  unit: string;
}

/** Category × grid × amount band → unit: 10 × 30 × 10 = 3,000 rows, F policy. */
export function routingTable(): DecisionTable {
  const rules: TableRule[] = [];
  for (const category of CATEGORIES) {
    for (const grid of GRIDS) {
      for (let b = 0; b < BANDS; b++) {
        const hi = b === BANDS - 1 ? '..1000000000]' : `..${(b + 1) * BAND})`;
        rules.push({
          cells: [`"${category}"`, `"${grid}"`, `[${b * BAND}${hi}`],
          outputs: [`${category}/${grid}/${b}`],
        });
      }
    }
  }
  return {
    kind: 'decisionTable',
    id: 'bench-routing',
    schemaVersion: 1,
    name: '派单基准表',
    hitPolicy: 'F',
    inputs: [
      { id: 'category', label: '类别', expression: 'category', type: 'string' },
      { id: 'grid', label: '网格', expression: 'location.grid', type: 'string' },
      { id: 'amount', label: '金额', expression: 'amount', type: 'number' },
    ],
    outputs: [{ id: 'unit', label: '主办单位', type: 'string' }],
    rules,
  };
}

function queries(): Query[] {
  const next = seededRandom(7);
  // Matches fall in the last category and the last grids: near the end of the table.
  return Array.from({ length: 1000 }, () => ({
    category: CATEGORIES[CATEGORIES.length - 1]!,
    location: { grid: GRIDS[GRIDS.length - 1 - Math.floor(next() * 3)]! },
    amount: Math.floor(next() * BANDS * BAND),
  }));
}

function plainRows(table: DecisionTable): PlainRow[] {
  return table.rules.map((rule) => {
    const m = /^\[(\d+)\.\.(\d+)([)\]])$/.exec(rule.cells[2] as string)!;
    const hi = Number(m[2]) - (m[3] === ')' ? 1e-9 : 0);
    return {
      category: JSON.parse(rule.cells[0] as string) as string,
      grid: JSON.parse(rule.cells[1] as string) as string,
      lo: Number(m[1]),
      hi,
      unit: rule.outputs[0] as string,
    };
  });
}

function linearScan(rows: PlainRow[], q: Query): string | null {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.category === q.category && r.grid === q.location.grid && q.amount >= r.lo && q.amount <= r.hi)
      return r.unit;
  }
  return null;
}

function percentiles(fn: (q: Query) => unknown, data: Query[]): { p50: number; p99: number } {
  for (let i = 0; i < 20_000; i++) fn(data[i % data.length]!);
  const samples = new Float64Array(EVALUATIONS);
  let sink = 0;
  for (let i = 0; i < EVALUATIONS; i++) {
    const q = data[i % data.length]!;
    const start = performance.now();
    const r = fn(q);
    samples[i] = (performance.now() - start) * 1000;
    if (r !== null) sink++;
  }
  if (sink === 0) throw new Error('benchmark matched nothing');
  samples.sort();
  return { p50: samples[Math.floor(EVALUATIONS * 0.5)]!, p99: samples[Math.floor(EVALUATIONS * 0.99)]! };
}

/** The tables suite: per-evaluation latency percentiles in µs. */
const suite: BenchSuite = {
  name: 'tables',
  run(): BenchResult[] {
    const table = routingTable();
    const compiled = compileTable(table);
    const rows = plainRows(table);
    const data = queries();
    const viaTable = (q: Query) => (compiled.evaluate(q).value as { unit: string } | null)?.unit ?? null;
    const viaScan = (q: Query) => linearScan(rows, q);
    for (const q of data) {
      if (viaTable(q) !== viaScan(q)) throw new Error(`tables disagree on ${JSON.stringify(q)}`);
    }
    const scan = percentiles(viaScan, data);
    const tbl = percentiles(viaTable, data);
    return [
      measured('tables.linear-scan-p50', scan.p50, 'us'),
      measured('tables.linear-scan-p99', scan.p99, 'us'),
      compared('tables.compiled-3000-p50', tbl.p50, 'us', 'tables.linear-scan-p50', scan.p50),
      compared('tables.compiled-3000-p99', tbl.p99, 'us', 'tables.linear-scan-p99', scan.p99, '< 50 us'),
    ];
  },
};

export default suite;
