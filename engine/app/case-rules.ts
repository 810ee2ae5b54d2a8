/** @module The compiled case rules of a published rule-set version (routing, workflow, SLA policies, calendars, intake forms), cached per version. */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Form, LocalizedText, SlaPolicy, Workflow } from '../../schemas/types.gen.ts';
import { type CalendarDocument, compileCalendar, type WorkingCalendar } from '../core/calendar/calendar.ts';
import { NotFoundError } from '../core/errors.ts';
import { type CompiledRouting, compileRouting } from '../core/routing/index.ts';
import { type CompiledWorkflow, compileWorkflow } from '../core/workflow/index.ts';
import type { AppDeps } from './context.ts';
import type { Actor } from './permissions.ts';
import { findActiveVersion, getVersion, ruleSetsInForceGeneration, todayOf } from './rule-sets.ts';

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

/** The rule set that carries the case documents (categories, routing, workflow) unless deps say otherwise. */
export const DEFAULT_CASES_RULE_SET = 'district-2026';

const compiled = new Map<string, CaseRules>();
const active = new WeakMap<
  object,
  { until: number; day: string; generation: number; key: { ruleSetId: string; number: number } | null }
>();
const ACTIVE_TTL_MS = 5_000;

const notFound = (ruleSetId: string) =>
  new NotFoundError('case.no_rules', {
    en: `No published rule set "${ruleSetId}" with case documents is in force.`,
    zh: `没有生效的包含办件配置的规则集“${ruleSetId}”。`,
  });

function compileRules(ruleSetId: string, version: number, content: Record<string, unknown>): CaseRules {
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

/** The compiled rules of a published version (compiled once per version; published content is immutable). */
export async function caseRulesOf(
  deps: AppDeps,
  ref: { ruleSetId: string; number: number },
): Promise<CaseRules> {
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

/**
 * The case rules in force on `day` (YYYY-MM-DD, default today): the published version of
 * `deps.casesRuleSetId` (default `district-2026`). The version in force is looked up at most every
 * few seconds per store, and again at once after this process publishes or archives a version. Throws `NotFoundError` `case.no_rules`.
 */
export async function activeCaseRules(deps: AppDeps, day?: string): Promise<CaseRules> {
  const ruleSetId = (deps as { casesRuleSetId?: string }).casesRuleSetId ?? DEFAULT_CASES_RULE_SET;
  const today = day ?? todayOf(deps.clock.now());
  const nowMs = deps.clock.now().getTime();
  const generation = ruleSetsInForceGeneration();
  const cached = active.get(deps.store);
  let key =
    cached && cached.day === today && cached.until > nowMs && cached.generation === generation
      ? cached.key
      : undefined;
  if (key === undefined) {
    // Only the version number is needed: published content was checked when it was published.
    const version = await findActiveVersion(deps, { at: today, ruleSetId });
    key = version ? { ruleSetId, number: version.number } : null;
    if (version && !compiled.has(`${ruleSetId}@${version.number}`))
      compiled.set(
        `${ruleSetId}@${version.number}`,
        compileRules(ruleSetId, version.number, version.content as never),
      );
    active.set(deps.store, { until: nowMs + ACTIVE_TTL_MS, day: today, generation, key });
  }
  if (key === null) throw notFound(ruleSetId);
  return caseRulesOf(deps, key);
}
export { compileRules };
