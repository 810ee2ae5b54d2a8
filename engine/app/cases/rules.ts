/** @module The compiled case rules of a published rule-set version (routing, workflow, SLA policies, calendars, intake forms), cached per version. */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Form, LocalizedText, SlaPolicy, Workflow } from '../../../schemas/types.gen.ts';
import {
  type CalendarDocument,
  chainCalendars,
  compileCalendar,
  type WorkingCalendar,
} from '../../core/calendar/calendar.ts';
import { NotFoundError } from '../../core/errors.ts';
import { type CompiledRouting, compileRouting } from '../../core/routing/index.ts';
import { type CompiledWorkflow, compileWorkflow } from '../../core/workflow/index.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import type { RuleSetVersionRecord } from '../../ports/rule-set-store.ts';
import type { CaseRulesSource } from '../../ports/what-if-runner.ts';
import { todayOf } from '../../core/time-zone.ts';
import { getVersion } from '../rule-sets/get-version.ts';
import { publishedVersions } from '../rule-sets/in-force.ts';
import { resolveInForce } from '../rule-sets/resolve-in-force.ts';
import { timelineOf } from '../rule-sets/shared.ts';

/** One case category (事项分类) with its intake form. */
export interface CaseCategory {
  code: string;
  name: LocalizedText;
  group: LocalizedText;
  defaultPriority: string;
  keywords: string[];
  form: Form;
  validate: ValidateFunction;
}

/** Everything intake and actions need from one rule-set version. */
export interface CaseRules {
  ruleSetId: string;
  version: number;
  routing: CompiledRouting;
  workflow: CompiledWorkflow;
  workflowDoc: Workflow;
  policies: Map<string, SlaPolicy>;
  calendars: Map<string, WorkingCalendar>;
  /** First calendar: buckets months and dates. */
  defaultCalendar: WorkingCalendar;
  categories: Map<string, CaseCategory>;
}

const compiled = new Map<string, CaseRules>();

const notFound = (what: string) =>
  new NotFoundError('case.no_rules', {
    en: `No published rule set with case documents (workflow, routing) is in force for ${what}.`,
    zh: `${what} 没有生效的包含办件配置（流程、派单表）的已发布规则集。`,
  });

export function compileRules(
  ruleSetId: string,
  version: number,
  content: Record<string, unknown>,
): CaseRules {
  const documents = (content.documents ?? []) as Array<{ kind: string } & Record<string, unknown>>;
  const workflowDoc = documents.find((d) => d.kind === 'workflow') as Workflow | undefined;
  if (!workflowDoc) throw notFound(ruleSetId);
  const routing = compileRouting({
    id: ruleSetId,
    documents: documents as never,
    version: { number: version },
  });
  const calendars = new Map<string, WorkingCalendar>();
  for (const doc of (content.calendars ?? []) as CalendarDocument[])
    calendars.set(doc.id, compileCalendar(doc));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const categories = new Map<string, CaseCategory>();
  for (const d of documents) {
    if (d.kind !== 'form') continue;
    const form = d as unknown as Form;
    const cat = form.caseCategory;
    if (!cat) continue;
    categories.set(cat.code, {
      code: cat.code,
      name: form.name,
      group: (cat as { group?: LocalizedText }).group ?? form.name,
      defaultPriority: (cat as { defaultPriority?: string }).defaultPriority ?? 'normal',
      keywords: (cat as { keywords?: string[] }).keywords ?? [],
      form,
      validate: ajv.compile(form.schema),
    });
  }
  const first = [...calendars.values()][0];
  if (!first) throw notFound(ruleSetId);
  return {
    ruleSetId,
    version,
    routing,
    workflow: compileWorkflow(workflowDoc),
    workflowDoc,
    policies: new Map(
      documents.filter((d) => d.kind === 'slaPolicy').map((d) => [String(d.id), d as unknown as SlaPolicy]),
    ),
    calendars,
    defaultCalendar: first,
    categories,
  };
}

/** The compiled rules of a published version from its record (compiled once per version; published content is immutable). */
function compiledOf(v: { ruleSetId: string; number: number; content: unknown }): CaseRules {
  const key = `${v.ruleSetId}@${v.number}`;
  let rules = compiled.get(key);
  if (!rules) {
    rules = compileRules(v.ruleSetId, v.number, v.content as Record<string, unknown>);
    compiled.set(key, rules);
  }
  return rules;
}

/** Who reads a stored version for the engine itself. */
const SYSTEM: Actor = {
  kind: 'user',
  id: 'system',
  username: 'system',
  displayName: 'system',
  roles: ['auditor'],
  unitId: null,
};

/** The compiled rules of a published version, read from the store when not compiled yet. */
async function storedRulesOf(deps: AppDeps, ref: { ruleSetId: string; number: number }): Promise<CaseRules> {
  const hit = compiled.get(`${ref.ruleSetId}@${ref.number}`);
  if (hit) return hit;
  return compiledOf(await getVersion(deps, { actor: SYSTEM, ruleSetId: ref.ruleSetId, number: ref.number }));
}

/** The other published versions of `self`'s timeline, nearest effective start first (whose calendars continue its own). */
function timelineNeighbours(
  rows: readonly RuleSetVersionRecord[],
  self: RuleSetVersionRecord,
): RuleSetVersionRecord[] {
  const timeline = timelineOf(self);
  const from = self.effectiveFrom ?? '';
  const distance = (v: RuleSetVersionRecord) =>
    Math.abs(Date.parse(v.effectiveFrom ?? '') - Date.parse(from));
  return rows
    .filter(
      (v) => timelineOf(v) === timeline && !(v.ruleSetId === self.ruleSetId && v.number === self.number),
    )
    .sort((a, b) => distance(a) - distance(b));
}

/**
 * What {@link caseRulesOf} compiles, uncompiled, for a what-if worker: the version's content and
 * the calendar documents of the other published versions of its timeline, nearest first.
 */
export async function caseRulesSourceOf(
  deps: AppDeps,
  ref: { ruleSetId: string; number: number },
): Promise<CaseRulesSource> {
  const rows = await publishedVersions(deps);
  const row = rows.find((v) => v.ruleSetId === ref.ruleSetId && v.number === ref.number);
  const content = row
    ? row.content
    : (await getVersion(deps, { actor: SYSTEM, ruleSetId: ref.ruleSetId, number: ref.number })).content;
  // As continuedAlongTimeline: only a version still published is continued along its timeline.
  const neighbours = row ? timelineNeighbours(rows, row) : [];
  const timelineCalendars = neighbours.flatMap(
    (v) => (v.content as { calendars?: CalendarDocument[] }).calendars ?? [],
  );
  return {
    // Published content never changes; the neighbours do (a publish), so they are part of the key.
    key: [`${ref.ruleSetId}@${ref.number}`, ...neighbours.map((v) => `${v.ruleSetId}@${v.number}`)].join('|'),
    ruleSetId: ref.ruleSetId,
    number: ref.number,
    content,
    timelineCalendars,
  };
}

// Per snapshot of the published versions: a new snapshot (a publish, or the cache's expiry) rebuilds the chains.
const withTimeline = new WeakMap<readonly RuleSetVersionRecord[], Map<string, CaseRules>>();

/**
 * The rules of a version with its calendars continued along its timeline: a deadline counted past
 * the years its own calendar covers (a case received on 31 December) goes on over the calendars of
 * the other published versions of the same timeline (next year's holidays), nearest first, instead
 * of falling back to the outside-coverage policy while a real calendar for those days exists.
 */
async function continuedAlongTimeline(deps: AppDeps, base: CaseRules): Promise<CaseRules> {
  const rows = await publishedVersions(deps);
  let cache = withTimeline.get(rows);
  if (!cache) {
    cache = new Map();
    withTimeline.set(rows, cache);
  }
  const key = `${base.ruleSetId}@${base.version}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const self = rows.find((v) => v.ruleSetId === base.ruleSetId && v.number === base.version);
  let result = base;
  if (self) {
    const extra: WorkingCalendar[] = [];
    for (const v of timelineNeighbours(rows, self)) extra.push(...compiledOf(v).calendars.values());
    if (extra.length > 0) {
      const chain = (calendar: WorkingCalendar) => chainCalendars(calendar, extra);
      const calendars = new Map([...base.calendars].map(([id, c]) => [id, chain(c)]));
      result = {
        ...base,
        calendars,
        defaultCalendar: calendars.get(base.defaultCalendar.id) ?? base.defaultCalendar,
      };
    }
  }
  cache.set(key, result);
  return result;
}

/** The compiled rules of a published version, its calendars continued along its timeline. */
export async function caseRulesOf(
  deps: AppDeps,
  ref: { ruleSetId: string; number: number },
): Promise<CaseRules> {
  return continuedAlongTimeline(deps, await storedRulesOf(deps, ref));
}

/** The compiled rules a case was opened under (its `ruleSetId` and `ruleSetVersion`). */
export function rulesOfCase(
  deps: AppDeps,
  record: { ruleSetId: string; ruleSetVersion: number },
): Promise<CaseRules> {
  return caseRulesOf(deps, { ruleSetId: record.ruleSetId, number: record.ruleSetVersion });
}

/**
 * The case rules in force on `day` (YYYY-MM-DD: the day the case was received — default today): the
 * published version of the timeline that carries a workflow, resolved as of that day (or of
 * `deps.casesRuleSetId` when set) over the cached published versions. Throws `NotFoundError`
 * `case.no_rules`.
 */
export async function activeCaseRules(deps: AppDeps, day?: string): Promise<CaseRules> {
  const named = deps.casesRuleSetId;
  const at = day ?? todayOf(deps.clock.now());
  const version = await resolveInForce(deps, {
    at,
    needs: 'cases',
    ...(named !== undefined ? { ruleSetId: named } : {}),
  });
  if (!version) throw notFound(named ?? at);
  // Compiled from the record in hand: published content was checked when it was published.
  return continuedAlongTimeline(deps, compiledOf(version));
}

/**
 * The canonical channel code of `channel` by the channels (and aliases) the rules' workflow declares,
 * or null when it declares them and `channel` is none of them. A workflow without a channel list
 * accepts any well-formed code.
 */
export function normalizeChannel(rules: CaseRules, channel: string): string | null {
  const declared = rules.workflow.channels;
  if (declared === null) return /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(channel) ? channel : null;
  return declared.get(channel) ?? null;
}

/** The compiled rules of every version the cases of `histories` were opened under, by `ruleSetId@version`. */
export async function rulesByVersion(
  deps: AppDeps,
  histories: readonly { record: { ruleSetId: string; ruleSetVersion: number } }[],
): Promise<Map<string, CaseRules>> {
  const byVersion = new Map<string, CaseRules>();
  for (const { record } of histories) {
    const key = `${record.ruleSetId}@${record.ruleSetVersion}`;
    if (!byVersion.has(key)) byVersion.set(key, await rulesOfCase(deps, record));
  }
  return byVersion;
}
