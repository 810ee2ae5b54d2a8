/** @module The privacy projection of Open311 reads: what a reader with or without an API key sees of a case. */
import type { Form, LocalizedText } from '../../../schemas/types.gen.ts';
import { PermissionError } from '../../core/errors.ts';
import type { CaseRecord } from '../../ports/cases.ts';
import type { AppDeps } from '../context.ts';
import { type CaseRules, rulesOfCase } from '../cases/rules.ts';
import { type Actor, can, isUnitScoped } from '../permissions.ts';
import { caseIdOf, pick, publicIdOf, text } from './ids.ts';
import type { Open311Lang, Open311Request, PublicLocationRule } from './model.ts';

/** The category's `publicLocation` rule; absent means none. */
export function publicLocationOf(form: Form | undefined): PublicLocationRule {
  const rule = form?.caseCategory?.publicLocation;
  return { level: rule?.level ?? 'none', decimals: rule?.decimals ?? 3 };
}

/** Masks what looks like a phone, id-card or account number (7+ digits) and e-mail addresses in public text. */
export function redactPublicText(value: string): string {
  return value
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '***@***')
    .replace(/\d[\d\s-]{5,}[\dXx]/g, (run) =>
      run.replace(/\D/g, '').length >= 7 ? run.replace(/[\dXx]/g, '*') : run,
    );
}

const round = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/** Who reads: a caller with an API key allowed to read cases, or the public. */
export interface Reader {
  actor: Actor | null;
}

/** Refuses an API key not allowed to read cases (403 `open311.forbidden`); the public may read. */
export function checkReader(actor: Actor | null): void {
  if (actor && !can(actor, 'cases.read'))
    throw new PermissionError(
      'open311.forbidden',
      text('This api_key may not read service requests.', '该 api_key 无权读取服务请求。'),
    );
}

/** Whether a unit-scoped key may see the case (lead or assisting unit); everyone else may. */
export const inScope = (actor: Actor | null, record: CaseRecord) =>
  !actor ||
  !isUnitScoped(actor) ||
  (actor.unitId !== null &&
    (record.leadUnitId === actor.unitId || record.assistingUnitIds.includes(actor.unitId)));

/** Open311 status: closed in a final workflow state. */
export const isClosed = (rules: CaseRules, state: string) => rules.workflow.finals.has(state);

/** The workflow state's label in the reply language. */
export const labelOf = (rules: CaseRules, state: string, lang: Open311Lang) =>
  pick(rules.workflowDoc.states.find((s) => s.name === state)?.label as LocalizedText | undefined, lang) ||
  state;

type UnitNames = Map<string, { name: string; nameEn: string | null }>;

async function unitNamesOf(deps: AppDeps): Promise<UnitNames> {
  return new Map((await deps.store.units.list()).map((u) => [u.id, { name: u.name, nameEn: u.nameEn }]));
}

/**
 * A case as Open311 shows it. Never the requester's name or phone. Without a key: no address, no
 * media, location only as the category's `publicLocation` says (none by default; coarse rounds the
 * coordinates), the description only for categories marked public and with numbers and e-mail
 * addresses masked. With a key allowed to read cases: description, address and exact coordinates.
 */
function requestOf(input: {
  rules: CaseRules;
  record: CaseRecord;
  reader: Reader;
  lang: Open311Lang;
  units: UnitNames;
}): Open311Request {
  const { rules, record, lang } = input;
  const category = rules.categories.get(record.category);
  const rule = publicLocationOf(category?.form);
  const isKeyed = input.reader.actor !== null;
  const location = (record.location ?? {}) as { address?: unknown; lat?: unknown; lng?: unknown };
  const hasPoint = typeof location.lat === 'number' && typeof location.lng === 'number';
  let lat: number | null = null;
  let long: number | null = null;
  if (hasPoint && (isKeyed || rule.level === 'exact')) {
    lat = location.lat as number;
    long = location.lng as number;
  } else if (hasPoint && rule.level === 'coarse') {
    lat = round(location.lat as number, rule.decimals);
    long = round(location.lng as number, rule.decimals);
  }
  const description = isKeyed ? record.text : rule.level !== 'none' ? redactPublicText(record.text) : null;
  const unit = record.leadUnitId ? input.units.get(record.leadUnitId) : undefined;
  const handle = (record.timers as Record<string, { deadline?: unknown }>).handle;
  const expected = typeof handle?.deadline === 'string' ? handle.deadline : record.dueAt;
  return {
    service_request_id: publicIdOf(record.id),
    status: isClosed(rules, record.status) ? 'closed' : 'open',
    status_notes: labelOf(rules, record.status, lang),
    service_name: category ? pick(category.name, lang) : record.category,
    service_code: record.category,
    description,
    agency_responsible: unit ? (lang === 'en' ? (unit.nameEn ?? unit.name) : unit.name) : record.leadUnitId,
    service_notice: null,
    requested_datetime: record.createdAt,
    updated_datetime: record.updatedAt,
    expected_datetime: expected ? new Date(expected).toISOString() : null,
    address: isKeyed && typeof location.address === 'string' ? location.address : null,
    address_id: null,
    zipcode: null,
    lat,
    long,
    media_url: null,
  };
}

/** The Open311 views of records, each by the rules of its own version. */
export async function viewsOf(
  deps: AppDeps,
  records: CaseRecord[],
  reader: Reader,
  lang: Open311Lang,
): Promise<Open311Request[]> {
  const units = await unitNamesOf(deps);
  const out: Open311Request[] = [];
  for (const record of records) {
    const rules = await rulesOfCase(deps, record);
    out.push(requestOf({ rules, record, reader, lang, units }));
  }
  return out;
}

/** The case a public id names, when the reader may see it; else null. */
export async function recordOfPublicId(
  deps: AppDeps,
  reader: Reader,
  publicId: string,
): Promise<CaseRecord | null> {
  const caseId = caseIdOf(publicId);
  if (caseId === null) return null;
  const record = await deps.store.cases.get(caseId);
  return record && inScope(reader.actor, record) ? record : null;
}
