/** @module Case routing (派单) from a rule set's routing tables: lead and assisting units, priority and SLA policy, with a trace and a fallback to manual dispatch. */
import type { PostApiRuleSetsIdVersionsNRouteTestBody } from '../../../schemas/api-types.gen.ts';
import type { Form, Priority, RoutingTable, RuleSet, SlaPolicy } from '../../../schemas/types.gen.ts';
import { RuleError } from '../errors.ts';
import type { EvalContext } from '../rule-language.ts';
import type { CompiledTable, NearMiss, TableTrace } from '../tables/compile.ts';
import { compileTable } from '../tables/compile.ts';
import type { DecisionTable } from '../tables/types.ts';

/**
 * What intake knows about a case (the sample case of `POST …/route-test` has the same shape); routing
 * tables read it as `case.*`, any field of the intake form included.
 */
export type CaseInput = PostApiRuleSetsIdVersionsNRouteTestBody['case'] & { [field: string]: unknown };

/** Why a routing table row did or did not decide. */
export interface RoutingTableTrace extends TableTrace {
  tableId: string;
  routingTableId: string;
  /** 0-based row that decided, or null. */
  decidedRow: number | null;
  decidedRowId?: string;
  /** Readable lines: which row matched and why the near misses did not. */
  explanation: { en: string; zh: string }[];
}

/** Result of {@link routeCase}. */
export interface RoutingDecision {
  leadUnitId: string;
  assistingUnitIds: string[];
  priority: Priority;
  slaPolicyId: string;
  ruleSetVersion: number | null;
  /** Routing table and row that decided; absent for the fallback. */
  routingTableId?: string;
  rowId?: string;
  /** True when no row matched and the case goes to the fallback unit for manual dispatch. */
  isFallback: boolean;
  trace: RoutingTableTrace[];
}

interface CompiledRoutingTable {
  doc: RoutingTable;
  table: CompiledTable;
}

/** Compiled routing of one rule-set version. */
export interface CompiledRouting {
  readonly ruleSetId: string;
  readonly ruleSetVersion: number | null;
  readonly tables: readonly CompiledRoutingTable[];
  readonly fallback: { leadUnitId: string; priority: Priority; slaPolicyId: string };
  /** Parent group code of each category code (`urban.street-vending` → `urban`), from intake forms. */
  readonly categories: ReadonlyMap<string, { group: string; formId: string }>;
  readonly slaPolicies: ReadonlyMap<string, SlaPolicy>;
}

const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];

function routingError(code: string, en: string, zh: string, details?: unknown): RuleError {
  return new RuleError(code, { en, zh }, { details });
}

/**
 * Compiles the routing tables of a rule set (all `routingTable` documents, tried in document order;
 * the first table with a matching row decides). The fallback is the first table's `fallbackUnitId`,
 * `fallbackPriority` (default normal) and `fallbackSlaPolicyId` (default the first SLA policy).
 * Throws `RuleError` `routing.no_table` / `routing.no_fallback` / `routing.no_sla_policy` or the
 * table compiler's errors.
 */
export function compileRouting(
  ruleSet: Pick<RuleSet, 'id' | 'documents'> & { version?: { number: number } },
  options: { ruleOptions?: Parameters<typeof compileTable>[1] } = {},
): CompiledRouting {
  const docs = ruleSet.documents.filter((d): d is RoutingTable => d.kind === 'routingTable');
  if (docs.length === 0)
    throw routingError('routing.no_table', 'The rule set has no routing table', '规则集中没有派单表');
  const slaPolicies = new Map(
    ruleSet.documents.filter((d): d is SlaPolicy => d.kind === 'slaPolicy').map((d) => [d.id, d]),
  );
  const first = docs.find((d) => d.fallbackUnitId !== undefined);
  if (!first)
    throw routingError(
      'routing.no_fallback',
      'No routing table names a fallback unit',
      '没有派单表指定兜底单位',
    );
  const slaPolicyId = first.fallbackSlaPolicyId ?? [...slaPolicies.keys()][0];
  if (slaPolicyId === undefined)
    throw routingError('routing.no_sla_policy', 'The rule set has no SLA policy', '规则集中没有时限策略');
  const categories = new Map<string, { group: string; formId: string }>();
  for (const d of ruleSet.documents) {
    if (d.kind !== 'form') continue;
    const cat = (d as Form).caseCategory;
    if (cat) categories.set(cat.code, { group: cat.code.split('.')[0]!, formId: d.id });
  }
  return {
    ruleSetId: ruleSet.id,
    ruleSetVersion: ruleSet.version?.number ?? null,
    tables: docs.map((doc) => ({
      doc,
      table: compileTable(doc.table as unknown as DecisionTable, options.ruleOptions ?? {}),
    })),
    fallback: {
      leadUnitId: first.fallbackUnitId!,
      priority: first.fallbackPriority ?? 'normal',
      slaPolicyId,
    },
    categories,
    slaPolicies,
  };
}

function describeMiss(table: DecisionTable, miss: NearMiss): { en: string; zh: string } {
  const row = `row ${miss.row + 1}${miss.rowId ? ` (${miss.rowId})` : ''}`;
  const rowZh = `第 ${miss.row + 1} 行${miss.rowId ? `（${miss.rowId}）` : ''}`;
  if (miss.cell < 0) return { en: `${row}: not valid on this date`, zh: `${rowZh}：该日期不在有效期内` };
  const label = table.inputs[miss.cell]?.label ?? miss.inputId ?? '';
  const cell = typeof miss.cellSource === 'string' ? miss.cellSource : JSON.stringify(miss.cellSource);
  const value = JSON.stringify(miss.value ?? null);
  const more = miss.failedCells > 1 ? ` (+${miss.failedCells - 1} more)` : '';
  const moreZh = miss.failedCells > 1 ? `（另有 ${miss.failedCells - 1} 列不符）` : '';
  return {
    en: `${row}: ${label} ${value} does not match ${cell}${more}`,
    zh: `${rowZh}：${label} ${value} 不符合 ${cell}${moreZh}`,
  };
}

function unitList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return list.map((v) => String(v).trim()).filter((v) => v !== '');
}

/** Why a table decided as it did: the matched row (its id and annotation), or none, and the near misses above it. */
function explainTable(
  tableId: string,
  dt: DecisionTable,
  decided: number | null,
  nearMisses: RoutingTableTrace['nearMisses'],
): { en: string; zh: string }[] {
  const explanation: { en: string; zh: string }[] = [];
  if (decided !== null) {
    const rowId = dt.rules[decided]?.id;
    const annotation = dt.rules[decided]?.annotation;
    explanation.push({
      en: `${tableId}: row ${decided + 1}${rowId ? ` (${rowId})` : ''} matched${annotation ? ` — ${annotation}` : ''}`,
      zh: `${tableId}：命中第 ${decided + 1} 行${rowId ? `（${rowId}）` : ''}${annotation ? `——${annotation}` : ''}`,
    });
  } else explanation.push({ en: `${tableId}: no row matched`, zh: `${tableId}：没有命中的行` });
  for (const miss of nearMisses)
    if (decided === null || miss.row < decided) explanation.push(describeMiss(dt, miss));
  return explanation;
}

/**
 * Routes a case: evaluates the routing tables in order with `{case: caseInput}` (plus `case.categoryGroup`
 * derived from the category code) as of `asOf` (ISO date or instant; rows outside their validity are
 * skipped) and returns the first decision, or the fallback (manual dispatch) when no row matches or a
 * row names no lead unit. The trace lists each table's inputs, matched rows and near misses (why not).
 * Throws `RuleError` `routing.bad_output` when a matched row's priority or SLA policy is unknown.
 */
export function routeCase(
  compiled: CompiledRouting,
  caseInput: CaseInput,
  options: { asOf?: string; nearMissLimit?: number; ctx?: EvalContext } = {},
): RoutingDecision {
  const category = typeof caseInput.category === 'string' ? caseInput.category : '';
  const data = {
    case: {
      ...caseInput,
      categoryGroup: compiled.categories.get(category)?.group ?? category.split('.')[0] ?? '',
    },
  };
  const asOf = options.asOf?.slice(0, 10);
  const trace: RoutingTableTrace[] = [];
  for (const { doc, table } of compiled.tables) {
    const result = table.evaluate(data, {
      ...(asOf !== undefined ? { asOf } : {}),
      ...(options.ctx ? { ctx: options.ctx } : {}),
      trace: true,
      nearMissLimit: options.nearMissLimit ?? 8,
    });
    const t = result.trace!;
    const rows = result.matchedRows;
    const decided = rows.length > 0 ? rows[0]! : null;
    const dt = doc.table as unknown as DecisionTable;
    const decidedRowId = decided === null ? undefined : dt.rules[decided]?.id;
    const explanation = explainTable(doc.id, dt, decided, t.nearMisses);
    trace.push({
      ...t,
      tableId: table.id,
      routingTableId: doc.id,
      decidedRow: decided,
      ...(decidedRowId !== undefined ? { decidedRowId } : {}),
      explanation,
    });
    const value = result.value as Record<string, unknown> | null;
    if (!value || typeof value.leadUnit !== 'string' || value.leadUnit === '') continue;
    const priority = (
      value.priority === '' || value.priority == null ? compiled.fallback.priority : value.priority
    ) as Priority;
    const slaPolicyId =
      value.slaPolicyId === '' || value.slaPolicyId == null
        ? compiled.fallback.slaPolicyId
        : String(value.slaPolicyId);
    if (
      !PRIORITIES.includes(priority) ||
      (compiled.slaPolicies.size > 0 && !compiled.slaPolicies.has(slaPolicyId))
    )
      throw routingError(
        'routing.bad_output',
        `Routing table "${doc.id}" row ${decided! + 1} gives an unknown priority or SLA policy`,
        `派单表“${doc.id}”第 ${decided! + 1} 行的优先级或时限策略无效`,
        { priority, slaPolicyId },
      );
    const leadUnitId = value.leadUnit;
    return {
      leadUnitId,
      assistingUnitIds: [...new Set(unitList(value.assistingUnits))].filter((u) => u !== leadUnitId),
      priority,
      slaPolicyId,
      ruleSetVersion: compiled.ruleSetVersion,
      routingTableId: doc.id,
      ...(decidedRowId !== undefined ? { rowId: decidedRowId } : {}),
      isFallback: false,
      trace,
    };
  }
  return {
    leadUnitId: compiled.fallback.leadUnitId,
    assistingUnitIds: [],
    priority: compiled.fallback.priority,
    slaPolicyId: compiled.fallback.slaPolicyId,
    ruleSetVersion: compiled.ruleSetVersion,
    isFallback: true,
    trace,
  };
}
