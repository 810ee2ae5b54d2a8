/** @module The routing-table kind: outputs the router reads, units and SLA policies its rows name, table analysis; its diff reports rows. */
import type { RoutingTable } from '../../../../schemas/types.gen.ts';
import { canonicalJson, jsonEquals } from '../canonical.ts';
import { type DocDiff, type Json, seg, show } from './doc-diff.ts';
import {
  type ByKind,
  type Collector,
  defineKind,
  DOC,
  type DocumentKind,
  nameWithCount,
  type RuleTools,
  unresolved,
} from './kind.ts';

/** Fields of a routing table's output the router reads. */
export const ROUTING_OUTPUTS = ['leadUnit', 'assistingUnits', 'priority', 'slaPolicyId'] as const;

/** Reads a routing row's outputs by column id (rows hold values positionally, aligned with the output columns). */
export function routingRowOutputs(table: unknown, row: unknown): Record<string, unknown> {
  const columns = ((table as { outputs?: unknown[] })?.outputs ?? []).map((c) => (c as { id?: unknown })?.id);
  const values = (row as { outputs?: unknown })?.outputs;
  const out: Record<string, unknown> = {};
  if (Array.isArray(values)) {
    columns.forEach((id, i) => {
      if (typeof id === 'string') out[id] = values[i];
    });
  } else if (values && typeof values === 'object') Object.assign(out, values);
  return out;
}

/** Splits an `assistingUnits` cell: comma-separated unit ids (or an array), blanks dropped. */
export function splitUnitList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return list.map((v) => String(v).trim()).filter((v) => v !== '');
}

function checkRouting(by: ByKind, tools: RuleTools, out: Collector): void {
  for (const { doc, index } of by.routingTable.values()) {
    const at = DOC(index);
    checkRoutingTable(doc, at, by, out);
    if (tools.analyseTable) out.nested(`${at}/table`, tools.analyseTable(doc.table));
  }
}

function checkRoutingTable(doc: RoutingTable, at: string, by: ByKind, out: Collector): void {
  if (doc.fallbackUnitId !== undefined && !by.unit.has(doc.fallbackUnitId))
    unresolved(out, `${at}/fallbackUnitId`, 'unit', doc.fallbackUnitId);
  const table = doc.table as unknown as { outputs?: unknown[]; rules?: unknown[] };
  const columns = new Set((table.outputs ?? []).map((c) => (c as { id?: unknown })?.id));
  for (const name of ROUTING_OUTPUTS)
    if (!columns.has(name))
      out.error(
        `${at}/table/outputs`,
        'routing.output_missing',
        `The routing table needs an output "${name}"`,
        `派单表缺少输出列“${name}”`,
      );
  (table.rules ?? []).forEach((row, r) => {
    const values = routingRowOutputs(table, row);
    const rowAt = `${at}/table/rules/${r}/outputs`;
    const col = (name: string) => {
      const i = (table.outputs ?? []).findIndex((c) => (c as { id?: unknown })?.id === name);
      return `${rowAt}/${i}`;
    };
    const lead = values.leadUnit;
    if (typeof lead === 'string' && lead !== '' && !by.unit.has(lead))
      unresolved(out, col('leadUnit'), 'unit', lead);
    for (const id of splitUnitList(values.assistingUnits))
      if (!by.unit.has(id)) unresolved(out, col('assistingUnits'), 'unit', id);
    const slaId = values.slaPolicyId;
    const sla = typeof slaId === 'string' ? by.slaPolicy.get(slaId) : undefined;
    if (typeof slaId === 'string' && slaId !== '' && !sla)
      unresolved(out, col('slaPolicyId'), 'SLA policy', slaId);
    const priority = values.priority;
    if (typeof priority === 'string' && priority !== '') {
      if (!['urgent', 'high', 'normal', 'low'].includes(priority))
        out.error(
          col('priority'),
          'routing.priority',
          `Unknown priority "${priority}"`,
          `未知的优先级“${priority}”`,
        );
      else if (sla && !sla.doc.limits.some((l) => l.priority === priority))
        out.error(
          col('priority'),
          'routing.priority_not_covered',
          `SLA policy "${sla.doc.id}" has no limits for priority "${priority}"`,
          `时限策略“${sla.doc.id}”未设置“${priority}”优先级的时限`,
        );
    }
  });
}

/** Pairs rows by `id`, then the remaining rows by identical content. */
function matchRows(a: Json[], b: Json[]): { pairs: [number, number][]; removed: number[]; added: number[] } {
  const pairs: [number, number][] = [];
  const usedB = new Set<number>();
  const usedA = new Set<number>();
  const byId = new Map<string, number>();
  b.forEach((row, j) => {
    if (typeof row.id === 'string' && !byId.has(row.id)) byId.set(row.id, j);
  });
  a.forEach((row, i) => {
    const j = typeof row.id === 'string' ? byId.get(row.id) : undefined;
    if (j !== undefined && !usedB.has(j)) {
      pairs.push([i, j]);
      usedA.add(i);
      usedB.add(j);
    }
  });
  const content = (row: Json) => {
    const { id: _id, ...rest } = row;
    return canonicalJson(rest);
  };
  const byContent = new Map<string, number[]>();
  b.forEach((row, j) => {
    if (usedB.has(j)) return;
    const key = content(row);
    byContent.set(key, [...(byContent.get(key) ?? []), j]);
  });
  a.forEach((row, i) => {
    if (usedA.has(i)) return;
    const j = byContent.get(content(row))?.shift();
    if (j !== undefined) {
      pairs.push([i, j]);
      usedA.add(i);
      usedB.add(j);
    }
  });
  return {
    pairs: pairs.sort((p, q) => p[1] - q[1]),
    removed: a.map((_, i) => i).filter((i) => !usedA.has(i)),
    added: b.map((_, j) => j).filter((j) => !usedB.has(j)),
  };
}

function diffTable(d: DocDiff, a: Json, b: Json, prefix: string): void {
  const ra = ((a.rules ?? a.rows ?? []) as Json[]).filter((r) => typeof r === 'object' && r !== null);
  const rb = ((b.rules ?? b.rows ?? []) as Json[]).filter((r) => typeof r === 'object' && r !== null);
  const label = (row: Json, i: number) => (typeof row.id === 'string' ? row.id : `#${i}`);
  const { pairs, removed, added } = matchRows(ra, rb);
  for (const i of removed)
    d.add(
      'rowRemoved',
      { en: `row ${label(ra[i]!, i)} removed`, zh: `删除行 ${label(ra[i]!, i)}` },
      { path: `${prefix}/rules${seg(label(ra[i]!, i))}`, before: ra[i] },
    );
  for (const j of added)
    d.add(
      'rowAdded',
      { en: `row ${label(rb[j]!, j)} added`, zh: `新增行 ${label(rb[j]!, j)}` },
      { path: `${prefix}/rules${seg(label(rb[j]!, j))}`, after: rb[j] },
    );
  for (const [i, j] of pairs)
    if (!jsonEquals(ra[i], rb[j]))
      d.add(
        'rowChanged',
        {
          en: `row ${label(rb[j]!, j)}: ${show(ra[i]!.outputs ?? ra[i])} → ${show(rb[j]!.outputs ?? rb[j])}`,
          zh: `行 ${label(rb[j]!, j)} 变更：${show(ra[i]!.outputs ?? ra[i])} → ${show(rb[j]!.outputs ?? rb[j])}`,
        },
        { path: `${prefix}/rules${seg(label(rb[j]!, j))}`, before: ra[i], after: rb[j] },
      );
  const others = (t: Json) => {
    const { rules: _r, rows: _w, ...rest } = t;
    return rest;
  };
  d.deep(others(a), others(b), prefix);
}

function diffRoutingTableDoc(d: DocDiff, a: Json, b: Json): void {
  d.renamed(a, b);
  diffTable(d, (a.table ?? {}) as Json, (b.table ?? {}) as Json, '/table');
  d.rest(a, b, ['table', 'name']);
}

/** Routing tables (派单规则表). */
export const routingTableKind: DocumentKind = defineKind(
  'routingTable',
  5,
  { zh: '派单规则表', en: 'Routing tables' },
  {
    check: ({ by, tools, out }) => checkRouting(by, tools, out),
    diff: diffRoutingTableDoc,
    summary: (doc) => nameWithCount(doc, (doc.table as Json | undefined)?.rules, 'rows', '行'),
  },
);
