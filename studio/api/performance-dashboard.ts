/** @module What the dashboard reads besides the performance client: the timeline (for the deadline policy), case statistics and case metrics. */
import type { GetApiCaseStatisticsResponse, GetApiRuleSetsTimelineResponse } from './types.gen.ts';
import type { UnitCaseMetrics } from '../../engine/core/routing/metrics.ts';
import { request } from './http.ts';
import { ruleSetApi } from './rule-sets.ts';

/** One published version on the timeline (GET /api/rule-sets/timeline). */
export type TimelineVersion = GetApiRuleSetsTimelineResponse['items'][number];

/** One month of GET /api/case-statistics. */
export type CaseStatisticsMonth = CaseStatistics['months'][number];

/** GET /api/case-statistics. */
export type CaseStatistics = GetApiCaseStatisticsResponse;

export type { UnitCaseMetrics };

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** The dashboard's reads. */
export const dashboardApi = {
  /** Published versions and the server's today (`at`). */
  timeline: () => request<{ at: string; items: TimelineVersion[] }>('GET', '/api/rule-sets/timeline'),
  caseStatistics: (p: { from: string; to: string }) =>
    request<CaseStatistics>('GET', `/api/case-statistics?${q(p)}`),
  caseMetrics: (p: { month: string }) =>
    request<{ month: string; items: UnitCaseMetrics[] }>('GET', `/api/case-metrics?${q(p)}`),
};

const versions = new Map<string, ReturnType<typeof ruleSetApi.version>>();
/** A published version's content, read once per page load (`ruleSetId@number` is immutable once published). */
export const publishedVersion = (
  ruleSetId: string,
  number: number,
): ReturnType<typeof ruleSetApi.version> => {
  const key = `${ruleSetId}@${number}`;
  let reply = versions.get(key);
  if (!reply) {
    reply = ruleSetApi.version(ruleSetId, number);
    reply.catch(() => versions.delete(key));
    versions.set(key, reply);
  }
  return reply;
};
