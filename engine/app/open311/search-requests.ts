/** @module searchOpen311Requests: GET requests by ids, or by service codes, status and a date range. */
import type { CaseRecord } from '../../ports/cases.ts';
import type { AppDeps } from '../context.ts';
import { rulesOfCase } from '../cases/rules.ts';
import { type Actor, isUnitScoped } from '../permissions.ts';
import { DAY_MS, rangeOf } from './date-range.ts';
import { badInput } from './ids.ts';
import { OPEN311_LIMITS, type Open311Lang, type Open311Request } from './model.ts';
import { checkReader, isClosed, recordOfPublicId, viewsOf } from './request-view.ts';

/** The query of GET requests, as strings. */
export interface Open311SearchQuery {
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
}

const listOf = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const SERVICE_CODE = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/;

/** Cases created in start..end of the codes (or all) whose open/closed status is wanted, at most 1,000 per code. */
async function matchingRecords(
  deps: AppDeps,
  input: {
    scope: { involvedUnitId?: string };
    codes: string[];
    wanted: Set<string>;
    start: Date;
    end: Date;
  },
): Promise<CaseRecord[]> {
  const { scope, codes, wanted, start, end } = input;
  const found: CaseRecord[] = [];
  const pageSize = 200;
  for (const code of codes.length > 0 ? [...new Set(codes)] : [undefined]) {
    let matched = 0;
    for (let offset = 0; matched < OPEN311_LIMITS.maxRequests; offset += pageSize) {
      const page = await deps.store.cases.list({
        ...scope,
        ...(code ? { category: code } : {}),
        createdFrom: start.toISOString(),
        createdBefore: new Date(end.getTime() + 1).toISOString(),
        limit: pageSize,
        offset,
      });
      for (const record of page.items) {
        const rules = await rulesOfCase(deps, record);
        if (!wanted.has(isClosed(rules, record.status) ? 'closed' : 'open')) continue;
        found.push(record);
        if (++matched >= OPEN311_LIMITS.maxRequests) break;
      }
      if (page.items.length < pageSize) break;
    }
  }
  return found;
}

/**
 * GET requests. `service_request_id` (comma-separated opaque ids) overrides every other filter;
 * otherwise `service_code` (comma-separated), `status` (open, closed or both), `start_date` /
 * `end_date` (full W3C datetimes over requested_datetime; default the last 90 days, at most 90 days
 * apart), newest first, at most 1,000.
 */
export async function searchOpen311Requests(
  deps: AppDeps,
  input: { actor: Actor | null; query: Open311SearchQuery; lang: Open311Lang },
): Promise<Open311Request[]> {
  checkReader(input.actor);
  const q = input.query;
  const ids = listOf(q.service_request_id);
  if (ids.length > 0) {
    if (ids.length > OPEN311_LIMITS.maxIds)
      throw badInput(
        'too_many_ids',
        `At most ${OPEN311_LIMITS.maxIds} service_request_id values at once.`,
        `一次最多查询 ${OPEN311_LIMITS.maxIds} 个 service_request_id。`,
        '/service_request_id',
      );
    const records: CaseRecord[] = [];
    for (const id of new Set(ids)) {
      const record = await recordOfPublicId(deps, input, id);
      if (record) records.push(record);
    }
    return viewsOf(deps, records, input, input.lang);
  }
  const statuses = listOf(q.status);
  for (const s of statuses)
    if (s !== 'open' && s !== 'closed')
      throw badInput(
        'invalid_status',
        'status must be open, closed or both.',
        'status 须为 open、closed 或二者。',
        '/status',
      );
  const wanted = new Set(statuses.length > 0 ? statuses : ['open', 'closed']);
  const codes = listOf(q.service_code);
  for (const code of codes)
    if (code.length > 200 || !SERVICE_CODE.test(code))
      throw badInput(
        'invalid_service_code',
        `"${code.slice(0, 50)}" is not a service_code.`,
        `“${code.slice(0, 50)}”不是合法的 service_code。`,
        '/service_code',
      );
  const { start, end } = rangeOf(q, deps.clock.now(), OPEN311_LIMITS.maxRangeDays * DAY_MS);
  const actor = input.actor;
  const scope =
    actor && isUnitScoped(actor) ? (actor.unitId === null ? null : { involvedUnitId: actor.unitId }) : {};
  if (scope === null) return [];
  const found = await matchingRecords(deps, { scope, codes, wanted, start, end });
  found.sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.number.localeCompare(a.number),
  );
  return viewsOf(deps, found.slice(0, OPEN311_LIMITS.maxRequests), input, input.lang);
}
