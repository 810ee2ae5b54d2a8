/** @module The compiled case rules of a published rule-set version (routing, workflow, SLA policies, calendars, intake forms), cached per version. */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Form, LocalizedText, SlaPolicy, Workflow } from '../../schemas/types.gen.ts';
import {
  type CalendarDocument,
  chainCalendars,
  compileCalendar,
  type WorkingCalendar,
} from '../core/calendar/calendar.ts';
import { NotFoundError } from '../core/errors.ts';
import { type CompiledRouting, compileRouting } from '../core/routing/index.ts';
import { type CompiledWorkflow, compileWorkflow } from '../core/workflow/index.ts';
import type { AppDeps } from './context.ts';
import type { Actor } from './permissions.ts';
import type { RuleSetVersionRecord } from '../ports/rule-set-store.ts';
import {
  getVersion,
  publishedVersions,
  resolveInForce,
  ruleSetsInForceGeneration,
  timelineOf,
  todayOf,
} from './rule-sets.ts';

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
const active = new WeakMap<
  object,
  {
    generation: number;
    days: Map<string, { until: number; key: { ruleSetId: string; number: number } | null }>;
  }
>();
const ACTIVE_TTL_MS = 5_000;

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

/** The compiled rules of a published version as stored (compiled once per version; published content is immutable). */
async function storedRulesOf(deps: AppDeps, ref: { ruleSetId: string; number: number }): Promise<CaseRules> {
  const key = `${ref.ruleSetId}@${ref.number}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const system: Actor = {
    kind: 'user',
    id: 'system',
    username: 'system',
    displayName: 'system',
    roles: ['auditor'],
    unitId: null,
  };
  const detail = await getVersion(deps, { actor: system, ruleSetId: ref.ruleSetId, number: ref.number });
  const rules = compileRules(ref.ruleSetId, ref.number, detail.content as Record<string, unknown>);
  compiled.set(key, rules);
  return rules;
}

const withTimeline = new WeakMap<object, { generation: number; byKey: Map<string, CaseRules> }>();

/**
 * The rules of a version with its calendars continued along its timeline: a deadline counted past
 * the years its own calendar covers (a case received on 31 December) goes on over the calendars of
 * the other published versions of the same timeline (next year's holidays), nearest first, instead
 * of falling back to the outside-coverage policy while a real calendar for those days exists.
 */
async function continuedAlongTimeline(deps: AppDeps, base: CaseRules): Promise<CaseRules> {
  const generation = ruleSetsInForceGeneration();
  let cache = withTimeline.get(deps.store);
  if (!cache || cache.generation !== generation) {
    cache = { generation, byKey: new Map() };
    withTimeline.set(deps.store, cache);
  }
  const key = `${base.ruleSetId}@${base.version}`;
  const hit = cache.byKey.get(key);
  if (hit) return hit;
  const rows = await publishedVersions(deps);
  const self = rows.find((v) => v.ruleSetId === base.ruleSetId && v.number === base.version);
  let result = base;
  if (self) {
    const timeline = timelineOf(self);
    const from = self.effectiveFrom ?? '';
    const distance = (v: RuleSetVersionRecord) =>
      Math.abs(Date.parse(v.effectiveFrom ?? '') - Date.parse(from));
    const others = rows
      .filter(
        (v) => timelineOf(v) === timeline && !(v.ruleSetId === self.ruleSetId && v.number === self.number),
      )
      .sort((a, b) => distance(a) - distance(b));
    const extra: WorkingCalendar[] = [];
    for (const v of others) extra.push(...(await storedRulesOf(deps, v)).calendars.values());
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
  cache.byKey.set(key, result);
  return result;
}

/** The compiled rules of a published version, its calendars continued along its timeline. */
export async function caseRulesOf(
  deps: AppDeps,
  ref: { ruleSetId: string; number: number },
): Promise<CaseRules> {
  return continuedAlongTimeline(deps, await storedRulesOf(deps, ref));
}

/**
 * The case rules in force on `day` (YYYY-MM-DD: the day the case was received — default today): the
 * published version of the timeline that carries a workflow, resolved as of that day (or of
 * `deps.casesRuleSetId` when set). The version in force is looked up at most every few seconds per
 * store and day, and again at once after this process publishes or archives a version. Throws
 * `NotFoundError` `case.no_rules`.
 */
export async function activeCaseRules(deps: AppDeps, day?: string): Promise<CaseRules> {
  const named = (deps as { casesRuleSetId?: string }).casesRuleSetId;
  const today = day ?? todayOf(deps.clock.now());
  const nowMs = deps.clock.now().getTime();
  const generation = ruleSetsInForceGeneration();
  let byDay = active.get(deps.store);
  if (!byDay || byDay.generation !== generation) {
    byDay = { generation, days: new Map() };
    active.set(deps.store, byDay);
  }
  const cached = byDay.days.get(today);
  let key = cached && cached.until > nowMs ? cached.key : undefined;
  if (key === undefined) {
    // Only the version number is needed: published content was checked when it was published.
    const version = await resolveInForce(deps, {
      at: today,
      needs: 'cases',
      ...(named !== undefined ? { ruleSetId: named } : {}),
    });
    key = version ? { ruleSetId: version.ruleSetId, number: version.number } : null;
    if (version && !compiled.has(`${version.ruleSetId}@${version.number}`))
      compiled.set(
        `${version.ruleSetId}@${version.number}`,
        compileRules(version.ruleSetId, version.number, version.content as never),
      );
    if (byDay.days.size > 400) byDay.days.clear();
    byDay.days.set(today, { until: nowMs + ACTIVE_TTL_MS, key });
  }
  if (key === null) throw notFound(named ?? today);
  return caseRulesOf(deps, key);
}
