/** @module In-memory cases repository for MemoryStore (same contract as the libSQL one). */
import { summarizeAttemptList } from './attempt-summary.ts';
import type { CaseEventRecord, CaseLookupAttempt, CaseRecord, CaseRepository } from '../../ports/cases.ts';
import { matchesFilters } from './filters.ts';

/** The part of the memory state the cases repository owns. */
export interface CaseMemoryState {
  cases: Map<string, CaseRecord>;
  caseEvents: CaseEventRecord[];
  caseNumbers: Map<number, number>;
  caseNotices: Set<string>;
  caseLookups: CaseLookupAttempt[];
}

/** Empty cases state. */
export const emptyCaseMemoryState = (): CaseMemoryState => ({
  cases: new Map(),
  caseEvents: [],
  caseNumbers: new Map(),
  caseNotices: new Set(),
  caseLookups: [],
});

const copy = <T>(value: T): T => structuredClone(value);

/**
 * Cases repository over `state()`, writing through `write`.
 * Long: a factory: its methods are short and share the in-memory state, so they stay together in one closure.
 */
export function createMemoryCaseRepository(
  state: () => CaseMemoryState,
  write: <T>(task: () => Promise<T>) => Promise<T>,
): CaseRepository {
  const s = state;
  const involved = (r: CaseRecord, unitId: string) =>
    r.leadUnitId === unitId || r.assistingUnitIds.includes(unitId);
  return {
    nextNumber: (year) =>
      write(async () => {
        const next = (s().caseNumbers.get(year) ?? 0) + 1;
        s().caseNumbers.set(year, next);
        return next;
      }),
    insert: (r) =>
      write(async () => {
        const clash = [...s().cases.values()].some(
          (c) =>
            c.id === r.id ||
            c.number === r.number ||
            (r.externalId !== null && c.channel === r.channel && c.externalId === r.externalId),
        );
        if (clash) throw new Error(`duplicate case ${r.id}`);
        s().cases.set(r.id, copy(r));
      }),
    update: (r, expected) =>
      write(async () => {
        const current = s().cases.get(r.id);
        if (!current || current.eventCount !== expected) return false;
        s().cases.set(r.id, copy(r));
        return true;
      }),
    get: async (id) => copy(s().cases.get(id) ?? null),
    getByNumber: async (number) => copy([...s().cases.values()].find((c) => c.number === number) ?? null),
    findRecent: async ({ since, before, category, phone, limit }) => {
      const inWindow = [...s().cases.values()]
        .filter((r) => r.createdAt >= since && r.createdAt < before)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      const byCategory = category === undefined ? [] : inWindow.filter((r) => r.category === category);
      const byPhone = !phone ? [] : inWindow.filter((r) => r.requester?.phone === phone);
      const ids = new Set([...byCategory.slice(0, limit), ...byPhone.slice(0, limit)].map((r) => r.id));
      return inWindow
        .filter((r) => ids.has(r.id))
        .map((r) => ({
          id: r.id,
          number: r.number,
          category: r.category,
          status: r.status,
          text: r.text,
          phone: typeof r.requester?.phone === 'string' ? r.requester.phone : null,
          address: typeof r.location?.address === 'string' ? r.location.address : null,
          createdAt: r.createdAt,
        }));
    },
    findByExternalId: async (channel, externalId) =>
      copy([...s().cases.values()].find((c) => c.channel === channel && c.externalId === externalId) ?? null),
    appendEvents: (events) =>
      write(async () => {
        for (const e of events) {
          if (s().caseEvents.some((x) => x.caseId === e.caseId && x.seq === e.seq))
            throw new Error(`duplicate case event ${e.caseId}#${e.seq}`);
          s().caseEvents.push(copy(e));
        }
      }),
    listEvents: async (caseId) =>
      copy(
        s()
          .caseEvents.filter((e) => e.caseId === caseId)
          .sort((a, b) => a.seq - b.seq),
      ),
    list: async (q) => {
      const all = [...s().cases.values()].filter(
        (r) =>
          (!q.waitingRole || r.waitingRoles.includes(q.waitingRole)) &&
          (!q.waitingUnitId || r.waitingUnitIds.includes(q.waitingUnitId)) &&
          (!q.involvedUnitId || involved(r, q.involvedUnitId)) &&
          (!q.supervisorView ||
            r.waitingRoles.includes('supervisor') ||
            (r.supervisionLevel > 0 && !q.supervisorView.finalStates.includes(r.status))) &&
          matchesFilters(r, {
            status: q.status,
            category: q.category,
            channel: q.channel,
            priority: q.priority,
            slaLight: q.slaLight,
          }) &&
          (!q.q || r.number.startsWith(q.q) || r.text.includes(q.q)) &&
          (!q.createdFrom || r.createdAt >= q.createdFrom) &&
          (!q.createdBefore || r.createdAt < q.createdBefore),
      );
      all.sort((a, b) =>
        a.createdAt === b.createdAt ? b.number.localeCompare(a.number) : a.createdAt < b.createdAt ? 1 : -1,
      );
      return { items: copy(all.slice(q.offset, q.offset + q.limit)), total: all.length };
    },
    histories: async ({ since, before }) =>
      [...s().cases.values()]
        // A deadline notice changes a case's history without moving its updatedAt.
        .filter(
          (r) =>
            r.createdAt < before &&
            (r.updatedAt >= since ||
              s().caseEvents.some(
                (e) =>
                  e.caseId === r.id && (e.type === 'slaOverdue' || e.type === 'slaWarning') && e.at >= since,
              )),
        )
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map((record) => ({
          record: copy(record),
          events: copy(
            s()
              .caseEvents.filter((e) => e.caseId === record.id)
              .sort((a, b) => a.seq - b.seq),
          ),
        })),
    dueForCheck: async (now, limit) =>
      copy(
        [...s().cases.values()]
          .filter((r) => r.nextCheckAt !== null && r.nextCheckAt <= now)
          .sort((a, b) => a.nextCheckAt!.localeCompare(b.nextCheckAt!))
          .slice(0, limit),
      ),
    recordNotice: (caseId, key) =>
      write(async () => {
        const k = `${caseId}\u0000${key}`;
        if (s().caseNotices.has(k)) return false;
        s().caseNotices.add(k);
        return true;
      }),
    insertLookupAttempt: (a) =>
      write(async () => {
        s().caseLookups.push(copy(a));
      }),
    countLookupFailures: async ({ number, ip, since }) =>
      s().caseLookups.filter(
        (a) => !a.succeeded && !a.refused && a.at >= since && matchesFilters(a, { number, ip }),
      ).length,
    summarizeLookups: async ({ number, ip, since }) =>
      summarizeAttemptList(
        s().caseLookups.filter((a) => matchesFilters(a, { number, ip })),
        since,
      ),
    clearLookupFailures: ({ number, ip }) =>
      write(async () => {
        s().caseLookups = s().caseLookups.filter((a) => a.succeeded || a.number !== number || a.ip !== ip);
      }),
    count: async () => s().cases.size,
  };
}
