/**
 * @module Routing test-run (派单试算): routes ONE sample case through the routing tables of a rule-set
 * version (usually a draft) and answers the decision with a trace the studio can show in labels: the
 * row that matched and each of its conditions, the near misses (which condition failed, with the
 * sample's value), unit, category, channel and SLA policy names instead of ids. Nothing is stored.
 * The evaluation runs under the request's step budget (the route declares it).
 */
import type { LocalizedText } from '../../core/errors.ts';
import { ValidationError } from '../../core/errors.ts';
import type { CaseInput, RoutingDecision } from '../../core/routing/routing.ts';
import { compileRouting, routeCase } from '../../core/routing/index.ts';
import { parseCell } from '../../core/tables/cells.ts';
import type { CellSource, DecisionTable } from '../../core/tables/types.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { todayOf } from '../../core/time-zone.ts';
import { getVersion } from '../rule-sets/get-version.ts';

/** The sample case: what intake would know. */
export type RouteTestCase = Pick<
  CaseInput,
  'category' | 'channel' | 'requesterType' | 'streetId' | 'communityId' | 'gridId' | 'text'
>;

/** Input of {@link testRouting}. */
export interface RouteTestInput {
  actor: Actor;
  ruleSetId: string;
  number: number;
  case: RouteTestCase;
  /** Day the rows' validity is judged on (`YYYY-MM-DD`); default today, moved into the version's period. */
  asOf?: string;
}

/** A value with its display text. */
export interface LabelledValue {
  value: unknown;
  label: LocalizedText;
}

/** One condition (input cell) of a row, in words. */
export interface RouteTestCondition {
  inputId: string;
  /** The column's label (e.g. 事项分类). */
  input: string;
  /** The cell in words (category names, unit names, keywords…). */
  condition: LocalizedText;
  /** The sample's value for that column, in words. */
  value: LocalizedText;
  /** Whether the sample satisfies it (`-` cells are left out); null: not known (a near miss failing on several cells). */
  isMet: boolean | null;
}

/** A row of a routing table in the trace. */
export interface RouteTestRow {
  /** 0-based row index. */
  index: number;
  rowId: string | null;
  annotation: string | null;
  /** Conditions the sample fails (0 for the matched row). */
  failedCount: number;
  conditions: RouteTestCondition[];
}

/** The trace of one routing table. */
export interface RouteTestTable {
  routingTableId: string;
  name: LocalizedText;
  /** The row that decided, or null. */
  matched: RouteTestRow | null;
  /** Rows that almost matched (before the decided row), with the failing conditions marked. */
  nearMisses: RouteTestRow[];
  explanation: LocalizedText[];
}

/** The answer of {@link testRouting}. */
export interface RouteTestResult {
  ruleSetId: string;
  number: number;
  status: string;
  asOf: string;
  category: { code: string; name: LocalizedText } | null;
  decision: {
    isFallback: boolean;
    leadUnit: { id: string; name: LocalizedText };
    assistingUnits: { id: string; name: LocalizedText }[];
    priority: string;
    slaPolicy: { id: string; name: LocalizedText };
    routingTableId: string | null;
    rowId: string | null;
  };
  tables: RouteTestTable[];
}

const lt = (zh: string, en: string = zh): LocalizedText => ({ zh, en });

interface Lookup {
  /** Display names of codes a cell may hold: categories, units, channels, SLA policies. */
  names: Map<string, LocalizedText>;
}

const nameOf = (lookup: Lookup, value: unknown): LocalizedText => {
  if (value === null || value === undefined || value === '') return lt('（空）', '(empty)');
  if (typeof value === 'boolean') return value ? lt('是', 'yes') : lt('否', 'no');
  if (typeof value === 'string') {
    if (value.includes(',') && !lookup.names.has(value)) {
      const parts = value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '')
        .map((v) => nameOf(lookup, v));
      return lt(parts.map((p) => p.zh).join('、'), parts.map((p) => p.en).join(', '));
    }
    return lookup.names.get(value) ?? lt(value);
  }
  return lt(JSON.stringify(value));
};

const quoteText = (text: string, max = 40): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/** A JSON Logic cell in words: keyword and comparison rows the studio's builder writes; else its JSON. */
function describeRule(rule: Record<string, unknown>, lookup: Lookup): LocalizedText {
  const [op] = Object.keys(rule);
  const args = op ? (rule as Record<string, unknown[]>)[op] : undefined;
  if (op === 'keyword_match' && Array.isArray(args) && Array.isArray(args[1])) {
    const words = (args[1] as unknown[]).map(String);
    const all = args[2] === 'all';
    return lt(
      `${all ? '同时包含' : '包含任一'}关键词：${words.join('、')}`,
      `contains ${all ? 'all' : 'any'} of the keywords: ${words.join(', ')}`,
    );
  }
  if ((op === 'and' || op === 'or') && Array.isArray(args)) {
    const parts = args.map((a) =>
      a && typeof a === 'object' && !Array.isArray(a)
        ? describeRule(a as Record<string, unknown>, lookup)
        : lt(String(a)),
    );
    return lt(
      parts.map((p) => p.zh).join(op === 'and' ? '，并且' : '，或者'),
      parts.map((p) => p.en).join(op === 'and' ? ' and ' : ' or '),
    );
  }
  const compare: Record<string, [string, string]> = {
    '==': ['等于', 'equals'],
    '===': ['等于', 'equals'],
    '!=': ['不等于', 'is not'],
    '!==': ['不等于', 'is not'],
    '<': ['小于', 'is less than'],
    '<=': ['小于等于', 'is at most'],
    '>': ['大于', 'is more than'],
    '>=': ['大于等于', 'is at least'],
  };
  if (op && compare[op] && Array.isArray(args) && args.length === 2) {
    const field = args[0] as { var?: unknown } | undefined;
    const subject =
      field && typeof field === 'object' && 'var' in field && field.var !== '$' ? String(field.var) : '';
    const value = nameOf(lookup, args[1]);
    const [zh, en] = compare[op]!;
    return lt(`${subject}${zh} ${value.zh}`, `${subject ? `${subject} ` : ''}${en} ${value.en}`);
  }
  return lt(JSON.stringify(rule));
}

/** A cell in words: `"a","b"` → names joined by 或; `not(…)` → 不是 …; ranges as comparisons. */
export function describeCell(
  source: CellSource | undefined,
  type: DecisionTable['inputs'][number]['type'],
  lookup: Lookup,
): LocalizedText {
  const parsed = parseCell(source ?? '-', type);
  if (!parsed.ok) return lt(typeof source === 'string' ? source : JSON.stringify(source));
  const cell = parsed.cell;
  if (cell.kind === 'any') return lt('任意', 'any');
  if (cell.kind === 'rule') return describeRule(cell.rule, lookup);
  const parts = cell.parts.map((p): LocalizedText => {
    if (p.kind === 'eq') return nameOf(lookup, p.value);
    const lo = p.low ? `${p.low.inclusive ? '≥' : '>'} ${p.low.value}` : '';
    const hi = p.high ? `${p.high.inclusive ? '≤' : '<'} ${p.high.value}` : '';
    return lt([lo, hi].filter(Boolean).join(' 且 '), [lo, hi].filter(Boolean).join(' and '));
  });
  const zh = parts.map((p) => p.zh).join(' 或 ');
  const en = parts.map((p) => p.en).join(' or ');
  return cell.negated ? lt(`不是 ${zh}`, `not ${en}`) : lt(zh, en);
}

const badCase = (en: string, zh: string, path: string) =>
  new ValidationError('routeTest.bad_case', { en, zh }, { path });

/** The sample's value of one input column (its `expression` reads `case.*`). */
function sampleValue(expression: unknown, data: Record<string, unknown>): unknown {
  if (typeof expression !== 'string') return undefined;
  const path = expression.split('.');
  let at: unknown = { case: data };
  for (const key of path)
    at = at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}

type RoutingDocument = { kind: string; id: string } & Record<string, unknown>;

/** The documents of a version; `routeTest.no_routing` when none is a routing table. */
function routingDocumentsOf(version: { content: unknown }, input: RouteTestInput): RoutingDocument[] {
  const content = version.content as Record<string, unknown>;
  const documents = (Array.isArray(content.documents) ? content.documents : []) as RoutingDocument[];
  if (!documents.some((d) => d.kind === 'routingTable'))
    throw new ValidationError(
      'routeTest.no_routing',
      {
        en: `Version ${input.number} of "${input.ruleSetId}" has no routing table.`,
        zh: `规则集“${input.ruleSetId}”第 ${input.number} 版没有派单表。`,
      },
      { path: '/params/n' },
    );
  return documents;
}

/** Labels of units, categories, SLA policies and channels the explanation names; the category names apart. */
async function labelsOf(deps: AppDeps, documents: readonly RoutingDocument[]) {
  const names = new Map<string, LocalizedText>();
  for (const unit of await deps.store.units.list())
    names.set(unit.id, lt(unit.name, (unit as { nameEn?: string | null }).nameEn ?? unit.name));
  const categories = new Map<string, LocalizedText>();
  for (const d of documents) {
    if (d.kind === 'form') {
      const cat = (d as { caseCategory?: { code: string } }).caseCategory;
      const name = d.name as LocalizedText | undefined;
      if (cat && name) {
        categories.set(cat.code, name);
        names.set(cat.code, name);
      }
    } else if (d.kind === 'slaPolicy' && d.name) names.set(d.id, d.name as LocalizedText);
    else if (d.kind === 'workflow')
      for (const ch of (d.channels ?? []) as { code: string; label: LocalizedText }[])
        names.set(ch.code, ch.label);
  }
  return { names, categories };
}

/** The day to route as of: the asked one, else today moved into the version's period. */
function asOfOf(deps: AppDeps, content: Record<string, unknown>, input: RouteTestInput): string {
  const today = todayOf(deps.clock.now());
  const period = content.period as { from?: string; to?: string } | undefined;
  return (
    input.asOf ??
    (period?.from && today < period.from ? period.from : period?.to && today > period.to ? period.to : today)
  );
}

/** The routing input of the sample case (only the fields it gives). */
function caseInputOf(sample: RouteTestInput['case']): CaseInput {
  return {
    category: sample.category,
    ...(sample.channel ? { channel: sample.channel } : {}),
    ...(sample.requesterType ? { requesterType: sample.requesterType } : {}),
    ...(sample.streetId ? { streetId: sample.streetId } : {}),
    ...(sample.communityId ? { communityId: sample.communityId } : {}),
    ...(sample.gridId ? { gridId: sample.gridId } : {}),
    ...(sample.text ? { text: sample.text } : {}),
  };
}

/** Each routing table the decision went through: its matched row and the near misses before it, explained. */
function tablesOf(input: {
  decision: RoutingDecision;
  documents: readonly RoutingDocument[];
  caseInput: CaseInput;
  lookup: Lookup;
}): RouteTestTable[] {
  const { decision, documents, caseInput, lookup } = input;
  const routingDocs = new Map(documents.filter((d) => d.kind === 'routingTable').map((d) => [d.id, d]));
  return decision.trace.map((t) => {
    const doc = routingDocs.get(t.routingTableId)!;
    const table = doc.table as unknown as DecisionTable;
    /** `failing`: the first failing cell (-1: none, or the row's validity dates); `failedCount` in all. */
    const rowOf = (index: number, failing: number, failedCount: number): RouteTestRow => {
      const rule = table.rules[index]!;
      const conditions: RouteTestCondition[] = [];
      table.inputs.forEach((column, i) => {
        const cell = rule.cells[i];
        if (cell === undefined || cell === '-' || cell === '') return;
        const raw = t.inputs[column.id] ?? sampleValue(column.expression, caseInput);
        conditions.push({
          inputId: column.id,
          input: column.label,
          condition: describeCell(cell, column.type, lookup),
          value:
            typeof raw === 'string' && column.expression === 'case.text'
              ? lt(quoteText(raw))
              : nameOf(lookup, raw),
          isMet: i === failing ? false : failedCount <= 1 ? true : null,
        });
      });
      return {
        index,
        rowId: rule.id ?? null,
        annotation: rule.annotation ?? null,
        failedCount,
        conditions,
      };
    };
    return {
      routingTableId: t.routingTableId,
      name: (doc.name as LocalizedText | undefined) ?? lt(t.routingTableId),
      matched: t.decidedRow === null ? null : rowOf(t.decidedRow, -1, 0),
      nearMisses: t.nearMisses
        .filter((m) => t.decidedRow === null || m.row < t.decidedRow)
        .map((m) => rowOf(m.row, m.cell, m.failedCells)),
      explanation: t.explanation,
    };
  });
}

/**
 * Routes one sample case through the routing tables of version `number` of `ruleSetId` (drafts
 * too, for callers who may read drafts) as of `asOf`, and explains the result in labels. Throws
 * `ValidationError` `routeTest.bad_case` (no category) / `routeTest.no_routing` (the version has no
 * routing table), 403/404 from reading the version, `RuleError` when the table does not compile or
 * the evaluation exceeds the request's step budget.
 */
export async function testRouting(deps: AppDeps, input: RouteTestInput): Promise<RouteTestResult> {
  const sample = input.case;
  if (typeof sample?.category !== 'string' || sample.category.trim() === '')
    throw badCase('Choose the case category.', '请选择事项分类。', '/case/category');
  const version = await getVersion(deps, {
    actor: input.actor,
    ruleSetId: input.ruleSetId,
    number: input.number,
  });
  const documents = routingDocumentsOf(version, input);
  const compiled = compileRouting({
    id: input.ruleSetId,
    documents: documents as never,
    version: { number: input.number },
  });

  const { names, categories } = await labelsOf(deps, documents);
  const lookup: Lookup = { names };

  const asOf = asOfOf(deps, version.content as Record<string, unknown>, input);
  const caseInput = caseInputOf(sample);
  const decision: RoutingDecision = routeCase(compiled, caseInput, { asOf, nearMissLimit: 5 });

  const tables = tablesOf({ decision, documents, caseInput, lookup });

  const unitRef = (id: string) => ({ id, name: nameOf(lookup, id) });
  return {
    ruleSetId: input.ruleSetId,
    number: input.number,
    status: version.status,
    asOf,
    category: categories.has(sample.category)
      ? { code: sample.category, name: categories.get(sample.category)! }
      : null,
    decision: {
      isFallback: decision.isFallback,
      leadUnit: unitRef(decision.leadUnitId),
      assistingUnits: decision.assistingUnitIds.map(unitRef),
      priority: decision.priority,
      slaPolicy: { id: decision.slaPolicyId, name: nameOf(lookup, decision.slaPolicyId) },
      routingTableId: decision.routingTableId ?? null,
      rowId: decision.rowId ?? null,
    },
    tables,
  };
}
