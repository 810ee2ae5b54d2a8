/** @module How the citizen sees a case: status, reply, rating, progress and the deadline, without internal notes, staff names or other people's data. */
import { availableActions } from '../../core/workflow/index.ts';
import type { CaseEventRecord, CaseRecord } from '../../ports/cases.ts';
import { text } from './access.ts';
import type { CaseRules } from './rules.ts';
import { projectRecord, summaryOf } from './view.ts';

/** A case as the citizen sees it: no internal notes, no staff names, no other people's data. */
export interface PublicCase {
  number: string;
  category: string;
  categoryName: { en: string; zh: string } | null;
  status: string;
  statusLabel: { en: string; zh: string } | null;
  createdAt: string;
  updatedAt: string;
  leadUnitId: string | null;
  reply: string | null;
  canRate: boolean;
  rating: { satisfaction: string; comment: string | null } | null;
  progress: { at: string; label: { en: string; zh: string } }[];
  /**
   * The handling deadline (办理时限) a citizen may know: the handle timer's deadline (else the
   * running timer's), its light, and whether it is (or was) met; null values before any timer runs.
   */
  sla: { deadline: string | null; light: string; isOnTime: boolean | null };
  /** When this case was merged into another (a repeat call): the number of the case that carries it. */
  mergedInto: { number: string } | null;
}

/** What the citizen is told about the deadline, from the live projection at `now`. */
function publicSlaOf(rules: CaseRules, record: CaseRecord, now: string): PublicCase['sla'] {
  const live = projectRecord(rules, record, record.state, now);
  const handle = (
    live.timers as Record<
      string,
      { deadline?: string; isOverdue?: boolean; status?: string; onTime?: boolean | null }
    >
  ).handle;
  if (handle?.deadline) {
    const isOnTime = handle.status === 'stopped' ? (handle.onTime ?? null) : !handle.isOverdue;
    return { deadline: new Date(handle.deadline).toISOString(), light: live.slaLight, isOnTime };
  }
  return {
    deadline: live.dueAt,
    light: live.slaLight,
    isOnTime: live.dueAt === null ? null : live.slaLight !== 'overdue',
  };
}

/** The citizen view of a record and its stored history at `now`. */
export function publicOf(input: {
  rules: CaseRules;
  record: CaseRecord;
  events: CaseEventRecord[];
  now: string;
}): PublicCase {
  const { rules, record, events } = input;
  const summary = summaryOf(rules, record);
  const transitions = events
    .filter((e) => e.type === 'transitioned')
    .map((e) => e.payload as Record<string, unknown>);
  const inputOf = (p: Record<string, unknown>) => (p.input ?? {}) as Record<string, unknown>;
  // The reply: the unit's reply, or the operator's answer of a case finished on the call (直接办结).
  const replyEvent = [...transitions]
    .reverse()
    .find((p) => p.action === 'reply' || typeof inputOf(p).answer === 'string');
  // The rating: whatever transition counted as one (the citizen's rate, or a callback that reached them).
  const rateEvent = [...transitions]
    .reverse()
    .find((p) => p.metric === 'ratedSatisfied' || p.metric === 'ratedUnsatisfied');
  const carrier = record.state.links?.find((l) => l.relation === 'mergedInto');
  const labelOf = (state: string) =>
    (rules.workflowDoc.states.find((s) => s.name === state)?.label as
      | { en: string; zh: string }
      | undefined) ?? {
      en: state,
      zh: state,
    };
  const rateInput = (rateEvent?.input ?? null) as Record<string, unknown> | null;
  return {
    number: record.number,
    category: record.category,
    categoryName: summary.categoryName,
    status: record.status,
    statusLabel: summary.statusLabel,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    leadUnitId: record.leadUnitId,
    reply: replyEvent ? String(inputOf(replyEvent).reply ?? inputOf(replyEvent).answer ?? '') : null,
    canRate: availableActions(rules.workflow, record.state, { role: 'citizen' }).some(
      (a) => a.action === 'rate',
    ),
    rating: rateInput
      ? {
          satisfaction: String(rateInput.satisfaction),
          comment: ((rateInput.comment ?? rateInput.note) as string | undefined) ?? null,
        }
      : null,
    progress: [
      { at: record.createdAt, label: text('Received', '已受理') },
      ...transitions
        .filter((p) => p.action !== 'accept')
        .map((p) => ({ at: String((p as { at?: string }).at ?? ''), label: labelOf(String(p.to)) })),
    ],
    sla: publicSlaOf(rules, record, input.now),
    mergedInto: carrier ? { number: carrier.number ?? carrier.caseId } : null,
  };
}
